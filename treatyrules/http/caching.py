"""``ETag`` and ``Cache-Control`` on the answers, and ``304 Not Modified``.

The answers change only with a release (the package version) or with the data files the
engine loaded, so a response's tag is computed from the request alone, before the endpoint
runs: a hash of the package version, a digest of the loaded rule and data files (and the
engine's staleness cut-off, which is named in caveats), and the normalised request (path,
query parameters sorted by name with ``lang`` and ``view`` normalised, the request's
language, for ``/draft`` the ``Accept`` header that picks the format, and today's date when
the question has no ``on`` and so is asked for today). Two replicas of one version give the
same tag to the same request, and a matching ``If-None-Match`` is answered ``304`` without
computing the answer again.

``Cache-Control: public, max-age=N`` (``create_app(cache_max_age=...)``, default 3600 s): an
hour bounds how long a client may keep an answer after a new release with new data. A
question asked for today is kept at most until midnight (server time), when today changes.
Errors carry ``Cache-Control: no-store`` and no tag. ``Vary: Accept-Language`` comes from
``LanguageMiddleware``; ``/draft`` adds ``Vary: Accept``.

Because the tag names the answer, each worker also keeps the bytes of recent ``200`` answers by
tag (``create_app(response_cache_bytes=...)``, default 16 MiB per worker; 0 turns it off), so a
popular question is answered without routing, parsing or serialising it again. It is bounded
(least recently used out first) and per process, like the engine's own memos.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message as ASGIMessage, Receive, Scope, Send

from treatyrules import __version__
from treatyrules._i18n import LANGS
from treatyrules.errors import InvalidQueryError, Message

#: the GET endpoints whose answers are tagged; ``/i18n/`` by prefix
CACHED = frozenset({"/which", "/draft", "/diff", "/timeline", "/vocabulary", "/states", "/scenarios", "/openapi.json"})
#: the endpoints that answer for today when the question has no ``on``
DATED = frozenset({"/which", "/draft", "/diff"})
DEFAULT_MAX_AGE = 3600
DEFAULT_RESPONSE_CACHE_BYTES = 16 << 20


class _Stored:
    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


class ResponseCache:
    """The bytes of recent answers by tag, within a byte budget (least recently used out first)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._items: OrderedDict[str, _Stored] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, etag: str) -> _Stored | None:
        item = self._items.get(etag)
        if item is not None:
            self._items.move_to_end(etag)
        return item

    def put(self, etag: str, item: _Stored) -> None:
        cost = len(item.body) + 64 * len(item.headers)
        if cost > self.budget // 8 or etag in self._items:
            return
        self._items[etag] = item
        self.size += cost
        while self.size > self.budget:
            _, old = self._items.popitem(last=False)
            self.size -= len(old.body) + 64 * len(old.headers)


def files_digest(paths: Iterable[Path], extra: str = "") -> str:
    """A digest of every file under ``paths`` (names and bytes, in a fixed order), the
    package version and ``extra``."""
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    h.update(b"\0" + extra.encode())
    for root in paths:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if root.is_dir() else [root]
        for path in files:
            h.update(b"\0" + str(path.relative_to(root) if root.is_dir() else path.name).encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def _key(path: str, query: bytes, lang: str, accept: str | None, today: str) -> tuple[bytes, bool] | None:
    """The normalised request, and whether it is asked for today (no ``on``); None for a
    ``lang`` the endpoint refuses (the language in use then is not the one asked for)."""
    if path.startswith("/i18n/"):  # the labels of the language in the path; the query is not read
        return path.encode("utf-8", "surrogateescape"), False
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    items: list[tuple[str, str]] = []
    dated = False
    for name, value in pairs:
        if name == "lang":
            if value.strip() and value.strip().lower() not in LANGS:
                return None
            continue
        if name == "view":
            value = value.strip().lower()
            if value == "full":
                continue
        if name == "on" and value.strip():
            dated = True
        items.append((name, value))
    items.sort(key=lambda item: item[0])
    parts = [path, urlencode(items), lang]
    if path == "/draft":
        parts.append(accept or "")
    for_today = path in DATED and not dated
    if for_today:
        parts.append(today)
    return "\n".join(parts).encode("utf-8", "surrogateescape"), for_today


def _matches(header: str, etag: str) -> bool:
    # "*" is not honoured: the tag is computed before the answer, so "*" would turn a
    # request that fails into a 304; a 200 in its place is always correct
    return any(candidate.strip().removeprefix("W/") == etag for candidate in header.split(","))


def _no_store(send: Send) -> Send:
    async def untagged(message: ASGIMessage) -> None:
        if message["type"] == "http.response.start" and not 200 <= message["status"] < 300:
            MutableHeaders(scope=message)["Cache-Control"] = "no-store"
        await send(message)

    return untagged


class CacheMiddleware:
    """Tags the answers of ``CACHED`` GET endpoints and answers a matching ``If-None-Match`` with 304."""

    def __init__(self, app: ASGIApp, digest: Callable[[], str], max_age: int = DEFAULT_MAX_AGE, response_cache_bytes: int = DEFAULT_RESPONSE_CACHE_BYTES) -> None:
        self.app = app
        self.digest = digest
        self.max_age = max_age
        self.responses = ResponseCache(response_cache_bytes) if response_cache_bytes > 0 else None

    def cached(self, scope: Scope) -> bool:
        path: str = scope.get("path", "")
        return scope.get("method") in ("GET", "HEAD") and (path in CACHED or path.startswith("/i18n/"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.cached(scope):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        accept = if_none_match = None
        for name, value in scope.get("headers", ()):
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
            elif name == b"accept":
                accept = value.decode("latin-1")
        now = datetime.now()
        lang = scope.get("state", {}).get("lang", "en")
        keyed = _key(path, scope.get("query_string", b""), lang, accept, now.date().isoformat())
        if keyed is None:
            await self.app(scope, receive, _no_store(send))
            return
        key, for_today = keyed
        etag = '"' + hashlib.blake2b(self.digest().encode() + b"\n" + key, digest_size=16).hexdigest() + '"'
        max_age = self.max_age
        if for_today:
            midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
            max_age = max(0, min(max_age, int((midnight - now).total_seconds())))
        control = f"public, max-age={max_age}"
        vary = "Accept" if path == "/draft" else None

        if if_none_match is not None and _matches(if_none_match, etag):
            headers = [(b"etag", etag.encode()), (b"cache-control", control.encode()), (b"content-language", lang.encode())]
            if vary:
                headers.append((b"vary", vary.encode()))
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        def tag(message: ASGIMessage) -> None:
            headers = MutableHeaders(scope=message)
            if 200 <= message["status"] < 300:
                headers["ETag"] = etag
                headers["Cache-Control"] = control
                if vary:
                    headers.add_vary_header(vary)
            else:
                headers["Cache-Control"] = "no-store"

        responses = self.responses if scope.get("method") == "GET" else None
        stored = responses.get(etag) if responses is not None else None
        if stored is not None:
            start: ASGIMessage = {"type": "http.response.start", "status": stored.status, "headers": list(stored.headers)}
            tag(start)
            await send(start)
            await send({"type": "http.response.body", "body": stored.body})
            return

        pending: list[ASGIMessage] = []

        async def tagged(message: ASGIMessage) -> None:
            if message["type"] == "http.response.start":
                if responses is not None and message["status"] == 200:
                    pending.append({"status": 200, "headers": list(message.get("headers", ()))})
                tag(message)
            elif message["type"] == "http.response.body" and pending:
                # only a whole body sent at once is kept (not a stream)
                if not message.get("more_body", False) and responses is not None:
                    responses.put(etag, _Stored(200, pending[0]["headers"], bytes(message.get("body", b""))))
                pending.clear()
            await send(message)

        await self.app(scope, receive, tagged)


__all__ = ["CACHED", "DEFAULT_MAX_AGE", "DEFAULT_RESPONSE_CACHE_BYTES", "CacheMiddleware", "ResponseCache", "files_digest", "response_cache_budget"]


def response_cache_budget(value: int | None = None) -> int:
    """``value``, else ``TREATYRULES_RESPONSE_CACHE_BYTES``, else the default (16 MiB)."""
    raw: object = value if value is not None else os.environ.get("TREATYRULES_RESPONSE_CACHE_BYTES", "").strip().replace("_", "")
    if raw == "":
        return DEFAULT_RESPONSE_CACHE_BYTES
    if isinstance(raw, bool) or not (isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit())) or int(raw) < 0:
        raise InvalidQueryError(Message("http.limits.bad_value", name="TREATYRULES_RESPONSE_CACHE_BYTES", value=str(raw)))
    return int(raw)
