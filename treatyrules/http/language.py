"""The language of each request: ``?lang=en|es``, else ``Accept-Language``, else English.

``LanguageMiddleware`` picks the language before any endpoint runs and renders the whole
request inside ``using(lang)`` (a context variable, copied into the worker thread of a
synchronous endpoint and seen by the error handlers), and stamps every response with
``Content-Language`` and ``Vary: Accept-Language``. The middleware never refuses a request:
a ``lang`` it does not know falls back to the header, and the endpoints that take ``lang``
(``lang_parameter``) then answer 422 with the typed error, rendered in that fallback.
The web page is lenient on purpose: ``/?lang=fr`` is the page in the header's language.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from starlette.datastructures import MutableHeaders, QueryParams
from starlette.types import ASGIApp, Message as ASGIMessage, Receive, Scope, Send

from treatyrules._i18n import LANGS, Lang, current, lang_from_header, using
from treatyrules.errors import Message
from treatyrules.http.errors import ParameterError

DEFAULT: Lang = "en"


def exact_lang(value: str | None) -> Lang | None:
    """``"es"``/``"en"`` (any case, trimmed) -> the language; anything else -> None."""
    if value is None:
        return None
    key = value.strip().lower()
    for lang in LANGS:
        if key == lang:
            return lang
    return None


def choose(query: str | None, accept_language: str | None) -> Lang:
    return exact_lang(query) or lang_from_header(accept_language) or DEFAULT


class LanguageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        params = QueryParams(scope.get("query_string", b"").decode("latin-1"))
        header = None
        for name, value in scope.get("headers", ()):
            if name == b"accept-language":
                header = value.decode("latin-1")
                break
        lang = choose(params.get("lang"), header)
        scope.setdefault("state", {})["lang"] = lang

        async def send_with_language(message: ASGIMessage) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "content-language" not in headers:
                    headers["Content-Language"] = lang
                headers.add_vary_header("Accept-Language")
            await send(message)

        with using(lang):
            await self.app(scope, receive, send_with_language)


async def lang_parameter(
    lang: Annotated[
        str | None,
        Query(description="language of the answer's texts and of error messages: en or es; else from Accept-Language; default en"),
    ] = None,
) -> Lang:
    """The request's language; a ``lang`` that is neither ``en`` nor ``es`` is a 422.

    Asynchronous, like ``query_parameters``: it only reads strings, and a synchronous dependency
    would cost each request a hop to a worker thread."""
    if lang is None or not lang.strip():
        return current()
    chosen = exact_lang(lang)
    if chosen is None:
        raise ParameterError("lang", lang, Message("http.invalid_lang", value=lang))
    return chosen


__all__ = ["DEFAULT", "LanguageMiddleware", "choose", "exact_lang", "lang_parameter"]
