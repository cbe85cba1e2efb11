"""How large a request may be: its body, its query string, a batch.

``Limits`` holds them; ``create_app(limits=...)`` sets them, else ``Limits.from_env()`` reads

==================================  ===========  ==============================================
``TREATYRULES_MAX_BODY_BYTES``      1 MiB        a request body; over it: 413
``TREATYRULES_MAX_BATCH_LINES``     10,000       query lines of one ``POST /which/batch``; 422
``TREATYRULES_MAX_QUERY_BYTES``     8 KiB        the query string; over it: 414
``TREATYRULES_MAX_PARAMS``          128          parameters in the query string; 422
``TREATYRULES_MAX_REPEATS``         32           values of one repeated parameter; 422
==================================  ===========  ==============================================

``LimitsMiddleware`` refuses an over-large request before any endpoint runs, with the typed
error (``InvalidQueryError`` with ``field``, ``limit`` and ``size``) in the request's language.
A body is read whole (it is bounded), so a body sent in chunks, without ``Content-Length``,
is held to the same limit.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, fields
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message as ASGIMessage, Receive, Scope, Send

from treatyrules.errors import InvalidQueryError, Message
from treatyrules.http.errors import LimitError, treatyrules_error_response

_ENV = {
    "max_body_bytes": "TREATYRULES_MAX_BODY_BYTES",
    "max_batch_lines": "TREATYRULES_MAX_BATCH_LINES",
    "max_query_bytes": "TREATYRULES_MAX_QUERY_BYTES",
    "max_params": "TREATYRULES_MAX_PARAMS",
    "max_repeats": "TREATYRULES_MAX_REPEATS",
}


@dataclass(frozen=True, slots=True)
class Limits:
    max_body_bytes: int = 1 << 20
    max_batch_lines: int = 10_000
    max_query_bytes: int = 8 << 10
    max_params: int = 128
    max_repeats: int = 32

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidQueryError(Message("http.limits.bad_value", name=field.name, value=str(value)))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, each replaced by its environment variable when set (a positive integer)."""
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for name, variable in _ENV.items():
            raw = env.get(variable, "").strip().replace("_", "")
            if not raw:
                continue
            if not raw.isdigit() or int(raw) < 1:
                raise InvalidQueryError(Message("http.limits.bad_value", name=variable, value=env[variable]))
            values[name] = int(raw)
        return cls(**values)


def query_error(query: bytes, limits: Limits) -> LimitError | None:
    """The limit an over-large query string breaks, if any."""
    if len(query) > limits.max_query_bytes:
        return LimitError("query", limits.max_query_bytes, len(query), Message("http.limits.query_too_long", size=len(query), limit=limits.max_query_bytes), status=414)
    if not query:
        return None
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    if len(pairs) > limits.max_params:
        return LimitError("query", limits.max_params, len(pairs), Message("http.limits.too_many_params", count=len(pairs), limit=limits.max_params))
    if len(pairs) > limits.max_repeats:
        name, count = Counter(name for name, _ in pairs).most_common(1)[0]
        if count > limits.max_repeats:
            return LimitError(name, limits.max_repeats, count, Message("http.limits.repeated_param", name=name, count=count, limit=limits.max_repeats))
    return None


def body_error(size: int, limits: Limits, *, declared: bool = True) -> LimitError:
    """``size``: the declared ``Content-Length``, or (not ``declared``) the bytes read when a
    body sent in chunks passed the limit."""
    key = "http.limits.body_too_large" if declared else "http.limits.body_too_large_chunked"
    return LimitError("body", limits.max_body_bytes, size, Message(key, size=size, limit=limits.max_body_bytes), status=413)


class LimitsMiddleware:
    """Refuses an over-long query string or body before the endpoint; see the module's table."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        error = query_error(scope.get("query_string", b""), self.limits)
        if error is None:
            declared = _content_length(scope)
            if declared is not None and declared > self.limits.max_body_bytes:
                error = body_error(declared, self.limits)
            elif declared is not None or _chunked(scope):
                body, size = await self._read(receive)
                if body is None:
                    error = body_error(size, self.limits, declared=False)
                else:
                    receive = _replay(body, receive)
        if error is not None:
            await treatyrules_error_response(error, error.status)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _read(self, receive: Receive) -> tuple[bytes | None, int]:
        """The whole body, or None once it passes the limit (with the size read so far)."""
        parts: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(parts), size
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limits.max_body_bytes:
                return None, size
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts), size


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _chunked(scope: Scope) -> bool:
    return any(name == b"transfer-encoding" for name, _ in scope.get("headers", ()))


def _replay(body: bytes, server: Receive) -> Receive:
    sent = False

    async def receive() -> ASGIMessage:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        # a streamed response listens for the client leaving: only the server knows when
        return await server()

    return receive


__all__ = ["Limits", "LimitsMiddleware", "body_error", "query_error"]
