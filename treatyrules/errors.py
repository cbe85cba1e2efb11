"""Every error treatyrules raises on purpose.

::

    TreatyRulesError
    ├── QueryError                 bad input to a query
    │   ├── UnknownStateError      not an ISO 3166-1 alpha-2 code known to the data
    │   ├── UnknownTagError        not a tag of the vocabulary (measure, offence, ...)
    │   ├── InvalidDateError       not a date, or not an ISO 8601 date string
    │   └── InvalidQueryError      a query that cannot be asked (e.g. a State asking itself)
    ├── DefinitionError            a file the engine loads is wrong
    │   ├── RuleFileError          rules/*.yaml: path, line, column, location, expected
    │   ├── DataFileError          fixtures/*.csv: path, row, column, expected
    │   └── ScenarioFileError      a what-if scenario file: path, line, location, expected
    └── BackendError               an optional rule backend is missing or failed

Each error keeps its details as attributes, so tools can read them without
parsing the message; ``str(error)`` is one line meant for a person.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence


def _suggest(value: str, known: Iterable[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(value, list(known), n=n, cutoff=0.6)


class TreatyRulesError(Exception):
    """Root of every error treatyrules raises on purpose."""


class QueryError(TreatyRulesError, ValueError):
    """The query cannot be answered as asked."""


class UnknownStateError(QueryError):
    """A State code that is not an ISO 3166-1 alpha-2 code the engine knows."""

    def __init__(self, code: str, known: Iterable[str], field: str = "state") -> None:
        self.code = code
        self.field = field
        self.suggestions = _suggest(code.upper(), known)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f"unknown State code {code!r} for {field}: expected an ISO 3166-1 alpha-2 code such as 'ES' or 'PE'{hint}"
        )


class UnknownTagError(QueryError):
    """A tag that is not part of the vocabulary of its kind."""

    def __init__(self, kind: str, tag: str, known: Sequence[str]) -> None:
        self.kind = kind
        self.tag = tag
        self.known = tuple(known)
        self.suggestions = _suggest(tag, known)
        hint = (
            f"; did you mean {', '.join(self.suggestions)}?"
            if self.suggestions
            else f"; known {kind} tags: {', '.join(known)}"
        )
        super().__init__(f"unknown {kind} {tag!r}{hint}")


class InvalidDateError(QueryError):
    """A date that is neither a ``datetime.date`` nor an ISO 8601 ``YYYY-MM-DD`` string."""

    def __init__(self, value: object, field: str = "on") -> None:
        self.value = value
        self.field = field
        super().__init__(f"malformed date {value!r} for {field}: expected YYYY-MM-DD, e.g. 2025-03-01")


class InvalidQueryError(QueryError):
    """A query whose parts are each valid but which cannot be asked as a whole."""


class DefinitionError(TreatyRulesError):
    """A rule, data or scenario file is malformed or contradicts the treaty."""


class RuleFileError(DefinitionError):
    """A rule file (``rules/*.yaml``) failed validation."""

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        location: str = "",
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.location = location
        self.detail = message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        at = f" [{location}]" if location else ""
        super().__init__(f"{where}{at}: {message}")


class ScenarioFileError(RuleFileError):
    """A what-if scenario file failed validation."""


class DataFileError(DefinitionError):
    """A data file (``fixtures/*.csv``) failed validation."""

    def __init__(self, path: str, message: str, *, row: int | None = None, column: str = "") -> None:
        self.path = path
        self.row = row
        self.column = column
        self.detail = message
        where = path + (f":row {row}" if row is not None else "")
        col = f" [{column}]" if column else ""
        super().__init__(f"{where}{col}: {message}")


class BackendError(TreatyRulesError):
    """An optional rule backend is not installed or failed."""


__all__ = [
    "BackendError",
    "DataFileError",
    "DefinitionError",
    "InvalidDateError",
    "InvalidQueryError",
    "QueryError",
    "RuleFileError",
    "ScenarioFileError",
    "TreatyRulesError",
    "UnknownStateError",
    "UnknownTagError",
]
