"""Every error treatyrules raises on purpose.

::

    TreatyRulesError
    ├── QueryError                 bad input to a query
    │   ├── UnknownStateError      not an ISO 3166-1 alpha-2 code known to the data
    │   ├── UnknownTagError        not a tag of the vocabulary (measure, offence, ...)
    │   ├── InvalidDateError       not a date, or not an ISO 8601 date string
    │   ├── InvalidQueryError      a query that cannot be asked (e.g. a State asking itself)
    │   └── NoLegalBasisError      no instrument gives an applicable or undetermined basis for
    │                              the request, so no draft request can be written
    ├── DefinitionError            a file the engine loads is wrong
    │   ├── RuleFileError          rules/*.yaml: path, line, column, location, expected
    │   ├── DataFileError          fixtures/*.csv: path, row, column, expected
    │   └── ScenarioFileError      a what-if scenario file: path, line, location, expected
    ├── BackendError               an optional rule backend is missing or failed
    └── MissingExtraError          a feature needs an optional extra (e.g. [draft] for DOCX)

Each error keeps its details as attributes, so tools can read them without
parsing the message; ``str(error)`` is one line meant for a person.

Messages come from the message catalogue (``_data/messages/<lang>/errors.yaml`` and the
other domains): an error holds the catalogue key and its parameters (``error.key``,
``error.params``) and renders them when it is read, in the language in use at that moment
(``with treatyrules._i18n.using("es"): str(error)`` is Spanish). The rendering is injected
by ``treatyrules._i18n`` at import (``_set_renderer``): this module imports nothing of
the catalogue, which itself raises these errors. An error built from free text (a plain
``str`` message) has ``key`` None and reads the same in every language.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

Renderer = Callable[[str, dict[str, object]], str]
"""``renderer(key, params)``: the catalogue message ``key`` in the language in use, filled in."""

_render: Renderer | None = None


def _set_renderer(renderer: Renderer | None) -> None:
    """Install the catalogue's rendering (``treatyrules._i18n`` does it at import)."""
    global _render
    _render = renderer


class Message:
    """A catalogue message not yet rendered: ``key`` and the ``params`` that fill it.

    A parameter may itself be a ``Message`` (a clause such as "; did you mean ES?"), or any
    object whose ``str`` depends on the language in use (a bilingual ``Text``): both are
    rendered in the same language as the message that holds them.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params: dict[str, object] = params

    def render(self) -> str:
        params = {name: value.render() if isinstance(value, Message) else value for name, value in self.params.items()}
        if _render is not None:
            try:
                return _render(self.key, params)
            except Exception:  # noqa: BLE001 - an error message must never raise while being read
                pass
        shown = ", ".join(f"{name}={value!r}" for name, value in params.items())
        return f"{self.key}({shown})"

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        shown = "".join(f", {name}={value!r}" for name, value in self.params.items())
        return f"Message({self.key!r}{shown})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)


class _Joined:
    """Items joined at rendering time, so that bilingual items render in the language in use."""

    __slots__ = ("items", "sep")

    def __init__(self, items: Iterable[object], sep: str = ", ") -> None:
        self.items = tuple(items)
        self.sep = sep

    def __str__(self) -> str:
        return self.sep.join(str(item) for item in self.items)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return repr(str(self))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Joined) and (self.items, self.sep) == (other.items, other.sep)

    def __hash__(self) -> int:
        return hash((self.items, self.sep))


def _suggest(value: str, known: Iterable[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(value, list(known), n=n, cutoff=0.6)


def _restore(cls: type[TreatyRulesError], state: dict[str, Any]) -> TreatyRulesError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, state.get("_message", ""))
    return error


class TreatyRulesError(Exception):
    """Root of every error treatyrules raises on purpose.

    ``message`` is a catalogue ``Message`` (rendered when read, in the language in use) or
    free text. ``key`` and ``params`` are the catalogue key and parameters of the message
    (None and ``{}`` for free text).
    """

    def __init__(self, message: str | Message = "") -> None:
        self._message: str | Message = message
        super().__init__(message)

    @property
    def key(self) -> str | None:
        return self._message.key if isinstance(self._message, Message) else None

    @property
    def params(self) -> dict[str, object]:
        return dict(self._message.params) if isinstance(self._message, Message) else {}

    def __str__(self) -> str:
        return str(self._message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), dict(self.__dict__)))


class QueryError(TreatyRulesError, ValueError):
    """The query cannot be answered as asked."""


def _did_you_mean(suggestions: Sequence[str]) -> Message:
    return Message("errors.hint.did_you_mean", suggestions=", ".join(suggestions))


class UnknownStateError(QueryError):
    """A State code that is not an ISO 3166-1 alpha-2 code the engine knows."""

    def __init__(self, code: str, known: Iterable[str], field: str = "state") -> None:
        self.code = code
        self.field = field
        self.suggestions = _suggest(code.upper(), known)
        hint: Message | str = _did_you_mean(self.suggestions) if self.suggestions else ""
        super().__init__(Message("errors.unknown_state", code=code, field=field, hint=hint))


_TAG_KINDS = {"measure": "measure", "offence": "offence", "data type": "data_type", "scenario": "scenario"}
"""Kinds of tag whose message the catalogue words in full (``errors.unknown_tag.<slug>``)."""


class UnknownTagError(QueryError):
    """A tag that is not part of the vocabulary of its kind."""

    def __init__(self, kind: str, tag: str, known: Sequence[str]) -> None:
        self.kind = kind
        self.tag = tag
        self.known = tuple(known)
        self.suggestions = _suggest(tag, known)
        slug = _TAG_KINDS.get(kind)
        if self.suggestions:
            hint = _did_you_mean(self.suggestions)
        elif slug is not None:
            hint = Message(f"errors.unknown_tag.{slug}.known", known=", ".join(known))
        else:
            hint = Message("errors.unknown_tag.other.known", kind=kind, known=", ".join(known))
        if slug is not None:
            message = Message(f"errors.unknown_tag.{slug}.unknown", tag=tag, hint=hint)
        else:
            message = Message("errors.unknown_tag.other.unknown", kind=kind, tag=tag, hint=hint)
        super().__init__(message)


class InvalidDateError(QueryError):
    """A date that is neither a ``datetime.date`` nor an ISO 8601 ``YYYY-MM-DD`` string."""

    def __init__(self, value: object, field: str = "on") -> None:
        self.value = value
        self.field = field
        super().__init__(Message("errors.invalid_date", value=value, field=field))


class InvalidQueryError(QueryError):
    """A query whose parts are each valid but which cannot be asked as a whole."""


class NoLegalBasisError(QueryError):
    """No instrument gives an applicable or undetermined basis for this request, so no draft
    request can be written.

    ``query_text`` names the request (``"ES -> PE, subscriber_info_direct_order, 2025-03-01"``);
    ``reasons`` has one line per instrument, why it does not apply, with its article; ``basis``
    is the basis the caller asked for, if any.
    """

    def __init__(self, query_text: str, reasons: Iterable[str], basis: str | None = None) -> None:
        self.query_text = query_text
        self.reasons: tuple[str, ...] = tuple(reasons)
        self.basis = basis
        joined = _Joined(self.reasons, "; ")
        if basis is None:
            message = Message("errors.no_legal_basis.any", query=query_text, reasons=joined)
        else:
            message = Message("errors.no_legal_basis.asked", query=query_text, basis=basis, reasons=joined)
        super().__init__(message)


class DefinitionError(TreatyRulesError):
    """A rule, data or scenario file is malformed or contradicts the treaty."""


class _Located(DefinitionError):
    """A definition error whose message is a place in a file and what is wrong there.

    The place (path, line, column or row, location) reads the same in every language;
    ``detail`` (what is wrong) is rendered in the language in use when read.
    """

    _where: str

    def __init__(self, where: str, message: str | Message) -> None:
        self._where = where
        super().__init__(message)

    @property
    def detail(self) -> str:
        """What is wrong, in the language in use."""
        return str(self._message)

    def __str__(self) -> str:
        return f"{self._where}: {self.detail}"


class RuleFileError(_Located):
    """A rule file (``rules/*.yaml``) failed validation."""

    def __init__(
        self,
        path: str,
        message: str | Message,
        *,
        line: int | None = None,
        column: int | None = None,
        location: str = "",
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.location = location
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        at = f" [{location}]" if location else ""
        super().__init__(f"{where}{at}", message)


class ScenarioFileError(RuleFileError):
    """A what-if scenario file failed validation."""


class DataFileError(_Located):
    """A data file (``fixtures/*.csv``) failed validation."""

    def __init__(self, path: str, message: str | Message, *, row: int | None = None, column: str = "") -> None:
        self.path = path
        self.row = row
        self.column = column
        where = path + (f":row {row}" if row is not None else "")
        col = f" [{column}]" if column else ""
        super().__init__(f"{where}{col}", message)


class BackendError(TreatyRulesError):
    """An optional rule backend is not installed or failed."""


class MissingExtraError(TreatyRulesError):
    """A feature needs an optional extra that is not installed (``feature``, ``extra``)."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(Message("errors.missing_extra", feature=feature, extra=extra))


__all__ = [
    "BackendError",
    "MissingExtraError",
    "DataFileError",
    "DefinitionError",
    "InvalidDateError",
    "InvalidQueryError",
    "Message",
    "NoLegalBasisError",
    "QueryError",
    "RuleFileError",
    "ScenarioFileError",
    "TreatyRulesError",
    "UnknownStateError",
    "UnknownTagError",
]

