"""Errors as JSON: ``{"error": {"type": ..., "message": ..., <details>}}``.

Bad input (a ``QueryError``, a malformed inline scenario, a body or parameter that does
not validate) is HTTP 422. A defect in the engine's own files (a rule, data or shipped
scenario file) is HTTP 500 with the same body. No error response carries a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from treatyrules.errors import (
    DataFileError,
    InvalidDateError,
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


def details(exc: TreatyRulesError) -> dict[str, Any]:
    """The error's attributes that a client can act on, without parsing the message."""
    out: dict[str, Any] = {}
    if isinstance(exc, UnknownStateError):
        out = {"field": exc.field, "value": exc.code, "suggestions": exc.suggestions}
    elif isinstance(exc, UnknownTagError):
        out = {"field": exc.kind.replace(" ", "_"), "value": exc.tag, "suggestions": exc.suggestions, "known": list(exc.known)}
    elif isinstance(exc, InvalidDateError):
        out = {"field": exc.field, "value": exc.value if isinstance(exc.value, str | int | float | bool | None) else repr(exc.value)}
    elif isinstance(exc, RuleFileError):  # includes ScenarioFileError
        out = {"path": exc.path, "line": exc.line, "column": exc.column, "location": exc.location, "detail": exc.detail}
    elif isinstance(exc, DataFileError):
        out = {"path": exc.path, "row": exc.row, "column": exc.column, "detail": exc.detail}
    return out


def error_body(type_: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"type": type_, "message": message, **extra}}


def treatyrules_error_response(exc: TreatyRulesError, status: int) -> JSONResponse:
    return JSONResponse(error_body(type(exc).__name__, str(exc), **details(exc)), status_code=status)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _entry(error: dict[str, Any]) -> dict[str, Any]:
    loc = list(error.get("loc", ()))
    kind = error.get("type", "")
    if kind == "json_invalid":
        at = f" (at character {loc[1]})" if len(loc) > 1 and isinstance(loc[1], int) else ""
        return {"location": "body", "message": f"the body is not valid JSON{at}", "kind": kind}
    # body.scenario is a shipped scenario's name or an inline scenario: drop the branch label
    if loc[:2] == ["body", "scenario"] and len(loc) > 2 and loc[2] in ("name", "inline"):
        del loc[2]
    return {"location": _location(loc), "message": error.get("msg", ""), "kind": kind}


def validation_response(exc: RequestValidationError) -> JSONResponse:
    errors = [_entry(e) for e in exc.errors()]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        message = f"{first['location']}: {first['message']}{more}" if first["location"] else f"{first['message']}{more}"
    else:  # pragma: no cover - pydantic always reports at least one error
        message = "the request does not validate"
    return JSONResponse(error_body("RequestValidationError", message, errors=errors), status_code=422)


def install(app: FastAPI) -> None:
    """Register the handlers that turn errors into the JSON error body."""

    async def on_query_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, TreatyRulesError)
        return treatyrules_error_response(exc, 422)

    async def on_server_data_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ServerDataError)
        log.error("defect in the engine's files: %s", exc.error)
        return treatyrules_error_response(exc.error, 500)

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
            error_body("HTTPError", str(exc.detail), status=exc.status_code),
            status_code=exc.status_code,
            headers=exc.headers,
        )

    app.add_exception_handler(QueryError, on_query_error)
    # A scenario that reaches the engine as an error came with the request (the shipped
    # ones are wrapped in ServerDataError by the app), so it is bad input.
    app.add_exception_handler(ScenarioFileError, on_query_error)
    app.add_exception_handler(ServerDataError, on_server_data_error)
    app.add_exception_handler(TreatyRulesError, on_treatyrules_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)


__all__ = ["ServerDataError", "details", "error_body", "install", "validation_response"]
