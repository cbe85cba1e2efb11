"""Errors as JSON: ``{"error": {"type": ..., "message": ..., <details>}}``.

Bad input (a ``QueryError``, a malformed inline scenario, a body or parameter that does
not validate) is HTTP 422; a request over a size limit is 413 (body), 414 (query string) or
422 (too many parameters, a batch too long), and a body of the wrong media type 415. A defect in the engine's own files (a rule, data or shipped
scenario file) is HTTP 500 with the same body; an optional extra the server lacks is 501.
No error response carries a traceback.

Messages are rendered in the language of the request (``treatyrules.http.lang``): the
handlers run inside the request's ``using(lang)``, and an error renders its catalogue
message when it is read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from treatyrules import errors as public_errors
from treatyrules._i18n import t
from treatyrules.errors import (
    DataFileError,
    InvalidDateError,
    InvalidQueryError,
    Message,
    MissingExtraError,
    QueryError,
    RuleFileError,
    ScenarioFileError,
    TreatyRulesError,
    UnknownStateError,
    UnknownTagError,
)

log = logging.getLogger("treatyrules.http")


class ServerDataError(Exception):
    """A ``TreatyRulesError`` that comes from the server's own files, not from the request."""

    def __init__(self, error: TreatyRulesError) -> None:
        super().__init__(str(error))
        self.error = error


class ParameterError(InvalidQueryError):
    """A parameter of the HTTP layer itself (``lang``, ``view``, ``format``, ``mla_treaty``)
    with a value it does not take. Reported as ``InvalidQueryError`` with ``field`` and ``value``."""

    def __init__(self, field: str, value: str, message: Message) -> None:
        self.field = field
        self.value = value
        super().__init__(message)


class LimitError(InvalidQueryError):
    """A request over one of the server's limits (``treatyrules.http.limits``). Reported as
    ``InvalidQueryError`` with ``field`` (what is too large), ``limit`` and ``size``, and
    answered with its own status: 413 for a body, 414 for a query string, 422 otherwise."""

    def __init__(self, field: str, limit: int, size: int, message: Message, status: int = 422) -> None:
        self.field = field
        self.limit = limit
        self.size = size
        self.status = status
        super().__init__(message)


class MediaTypeError(InvalidQueryError):
    """A body in a format the endpoint does not read (HTTP 415). Reported as ``InvalidQueryError``
    with ``field: "content-type"``, ``value`` and ``expected``."""

    status = 415

    def __init__(self, value: str, expected: Sequence[str]) -> None:
        self.field = "content-type"
        self.value = value
        self.expected = list(expected)
        super().__init__(Message("http.batch.media_type", value=value, expected=", ".join(expected)))


class UnknownBasisError(UnknownTagError):
    """``basis`` names no instrument. Reported as ``UnknownTagError`` with ``field: "basis"``."""

    def __init__(self, tag: str, known: Sequence[str]) -> None:
        super().__init__("instrument", tag, known)
        self.field = "basis"
        hint: Message | str = Message("errors.hint.did_you_mean", suggestions=", ".join(self.suggestions)) if self.suggestions else ""
        self._message = Message("http.unknown_basis", value=tag, known=", ".join(known), hint=hint)


def public_type(exc: BaseException) -> str:
    """The name of the error class a client knows: the nearest class of ``treatyrules.errors``."""
    for cls in type(exc).__mro__:
        if cls.__module__ == public_errors.__name__:
            return cls.__name__
    return type(exc).__name__


def details(exc: TreatyRulesError) -> dict[str, Any]:
    """The error's attributes that a client can act on, without parsing the message."""
    out: dict[str, Any] = {}
    if isinstance(exc, UnknownStateError):
        out = {"field": exc.field, "value": exc.code, "suggestions": exc.suggestions}
    elif isinstance(exc, UnknownTagError):
        field = getattr(exc, "field", None) or exc.kind.replace(" ", "_")
        out = {"field": field, "value": exc.tag, "suggestions": exc.suggestions, "known": list(exc.known)}
    elif isinstance(exc, InvalidDateError):
        out = {"field": exc.field, "value": exc.value if isinstance(exc.value, str | int | float | bool | None) else repr(exc.value)}
    elif isinstance(exc, ParameterError):
        out = {"field": exc.field, "value": exc.value}
    elif isinstance(exc, LimitError):
        out = {"field": exc.field, "limit": exc.limit, "size": exc.size}
    elif isinstance(exc, MediaTypeError):
        out = {"field": exc.field, "value": exc.value, "expected": exc.expected}
    elif isinstance(exc, RuleFileError):  # includes ScenarioFileError
        out = {"path": exc.path, "line": exc.line, "column": exc.column, "location": exc.location, "detail": exc.detail}
    elif isinstance(exc, DataFileError):
        out = {"path": exc.path, "row": exc.row, "column": exc.column, "detail": exc.detail}
    elif isinstance(exc, MissingExtraError):
        out = {"feature": exc.feature, "extra": exc.extra}
    elif isinstance(exc, public_errors.NoLegalBasisError):
        out = {"basis": exc.basis, "reasons": list(exc.reasons)}
    return out


def error_body(type_: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"type": type_, "message": message, **extra}}


def treatyrules_error_response(exc: TreatyRulesError, status: int) -> JSONResponse:
    return JSONResponse(error_body(public_type(exc), str(exc), **details(exc)), status_code=status)


def status_of(exc: TreatyRulesError) -> int:
    """The HTTP status of bad input: 422, or the status its class names (413, 414, 415)."""
    status = getattr(exc, "status", 422)
    return status if isinstance(status, int) and 400 <= status < 500 else 422


def _location(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


#: pydantic error kinds whose message the catalogue words (``http.validation.<kind>``)
_WORDED = {
    "missing", "extra_forbidden", "bool_parsing", "bool_type", "float_parsing", "float_type", "finite_number",
    "int_parsing", "string_type", "list_type", "dict_type", "model_type",
}


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind in _WORDED:
        return t(f"http.validation.{kind}")
    if kind == "literal_error" and isinstance(error.get("ctx"), dict) and "expected" in error["ctx"]:
        return t("http.validation.literal_error", expected=error["ctx"]["expected"])
    return str(error.get("msg", ""))  # pydantic's own words (English) for the rarer kinds


def _entry(error: dict[str, Any]) -> dict[str, Any]:
    loc = list(error.get("loc", ()))
    kind = error.get("type", "")
    if kind == "json_invalid":
        at = t("http.validation.json_at", position=loc[1]) if len(loc) > 1 and isinstance(loc[1], int) else ""
        return {"location": "body", "message": t("http.validation.json_invalid", at=at), "kind": kind}
    # body.scenario is a shipped scenario's name or an inline scenario: drop the branch label
    if loc[:2] == ["body", "scenario"] and len(loc) > 2 and loc[2] in ("name", "inline"):
        del loc[2]
    return {"location": _location(loc), "message": _message(error), "kind": kind}


def validation_response(exc: RequestValidationError) -> JSONResponse:
    errors = [_entry(e) for e in exc.errors()]
    if errors:
        first = errors[0]
        more = t("http.validation.more", count=len(errors) - 1) if len(errors) > 1 else ""
        message = f"{first['location']}: {first['message']}{more}" if first["location"] else f"{first['message']}{more}"
    else:  # pragma: no cover - pydantic always reports at least one error
        message = t("http.validation.fallback")
    return JSONResponse(error_body("RequestValidationError", message, errors=errors), status_code=422)


def _status_text(status: int, detail: str) -> str:
    if status == 404:
        return t("http.status.not_found")
    if status == 405:
        return t("http.status.method_not_allowed")
    return detail or t("http.status.other", status=status)


def install(app: FastAPI) -> None:
    """Register the handlers that turn errors into the JSON error body."""

    async def on_query_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, TreatyRulesError)
        return treatyrules_error_response(exc, status_of(exc))

    async def on_server_data_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ServerDataError)
        log.error("defect in the engine's files: %s", exc.error)
        return treatyrules_error_response(exc.error, 500)

    async def on_missing_extra(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, MissingExtraError)
        log.error("%s", exc)
        return treatyrules_error_response(exc, 501)

    async def on_treatyrules_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, TreatyRulesError)
        log.error("%s: %s", type(exc).__name__, exc)
        return treatyrules_error_response(exc, 500)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return validation_response(exc)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return JSONResponse(
            error_body("HTTPError", _status_text(exc.status_code, str(exc.detail)), status=exc.status_code),
            status_code=exc.status_code,
            headers=exc.headers,
        )

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(error_body("ServerError", t("http.server_error")), status_code=500)

    app.add_exception_handler(QueryError, on_query_error)
    # A scenario that reaches the engine as an error came with the request (the shipped
    # ones are wrapped in ServerDataError by the app), so it is bad input.
    app.add_exception_handler(ScenarioFileError, on_query_error)
    app.add_exception_handler(ServerDataError, on_server_data_error)
    app.add_exception_handler(MissingExtraError, on_missing_extra)
    app.add_exception_handler(TreatyRulesError, on_treatyrules_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)


__all__ = [
    "LimitError",
    "MediaTypeError",
    "ParameterError",
    "ServerDataError",
    "UnknownBasisError",
    "details",
    "error_body",
    "install",
    "public_type",
    "status_of",
    "treatyrules_error_response",
    "validation_response",
]
