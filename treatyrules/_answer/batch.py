"""Many questions at once: queries read as CSV or NDJSON, answers in the same order.

One query per line (NDJSON: one JSON object per line; CSV: a header row naming the fields,
then one record per row), with the fields of ``which_treaty_applies``::

    requesting, requested, measure, offence, on, urgent, emergency, mla_treaty,
    extradition_treaty, data_types, max_penalty_years, act_began, scenario

``requesting``, ``requested``, ``measure`` and ``offence`` are required; the others default
as in ``which_treaty_applies`` (``on``: today; flags false; treaties unknown). In CSV an
empty cell is the default, a flag is ``true``/``false`` (or ``yes``/``no``, ``1``/``0``),
``mla_treaty``/``extradition_treaty`` also take ``unknown``, and ``data_types`` is
``;``-separated. In NDJSON the values are JSON values of those types (``data_types`` a
list of tags or one tag; ``null`` is the default). Blank lines are skipped.

A line that cannot be answered gives one error record for that line, and the rest are still
answered: ``answer_lines`` never raises for a bad line, only for input that cannot be read at
all (a CSV header naming an unknown field, an unknown format): a ``QueryError``.

Line numbers are those of the input, counted from 1: in NDJSON the line of the object, in CSV
the line where the record starts (the header is line 1).

This module is shared by ``treatyrules batch`` and any other front end (an HTTP
``POST /which/batch``): it reads text and returns records, it prints nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from treatyrules import errors as public_errors
from treatyrules._answer.engine import Engine, default_engine
from treatyrules._answer.summary import Summarizer
from treatyrules._i18n import Lang, using
from treatyrules.errors import (
    DataFileError,
    InvalidDateError,
    InvalidQueryError,
    Message,
    MissingExtraError,
    NoLegalBasisError,
    RuleFileError,
    TreatyRulesError,
    UnknownStateError,
    UnknownTagError,
)
from treatyrules.models import Answer, Summary
from treatyrules.scenario import shipped_scenarios
from treatyrules.vocabulary import Confidence

InputFormat = Literal["csv", "ndjson"]
OutputFormat = Literal["csv", "ndjson"]
View = Literal["summary", "full"]

INPUT_FORMATS: tuple[InputFormat, ...] = ("csv", "ndjson")
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("ndjson", "csv")
VIEWS: tuple[View, ...] = ("summary", "full")

FIELDS = (
    "requesting",
    "requested",
    "measure",
    "offence",
    "on",
    "urgent",
    "emergency",
    "mla_treaty",
    "extradition_treaty",
    "data_types",
    "max_penalty_years",
    "act_began",
    "scenario",
)
REQUIRED = ("requesting", "requested", "measure", "offence")
_TEXT_FIELDS = ("requesting", "requested", "measure", "offence", "on", "act_began", "scenario")
_FLAGS = ("urgent", "emergency")
_TREATIES = ("mla_treaty", "extradition_treaty")

CSV_COLUMNS = (
    "line",
    "requesting",
    "requested",
    "measure",
    "offence",
    "on",
    "scenario",
    "lang",
    "applicable",
    "route_instrument",
    "route_channel",
    "confidence",
    "missing_facts",
    "bottom_line",
    "error_type",
    "error_message",
    "json",
)
"""``treatyrules batch --output-format csv``: one row per input line. ``applicable`` lists
``instrument=true|false|unknown`` per instrument (``;``-separated); ``json`` holds the whole
record (the answer or summary, or the error) as NDJSON would; with ``--view full`` that cell
may exceed 128 KiB, the default cell limit of Python's ``csv`` module (``csv.field_size_limit``)."""

_EXTENSIONS: dict[str, InputFormat] = {".csv": "csv", ".ndjson": "ndjson", ".jsonl": "ndjson", ".json": "ndjson"}


def format_from_name(name: str | Path | None) -> InputFormat | None:
    """The input format a file name implies (``.csv``; ``.ndjson``, ``.jsonl``, ``.json``), else None."""
    if name is None:
        return None
    return _EXTENSIONS.get(Path(name).suffix.lower())


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one input line gave: an answer (or its summary), or an error.

    ``error`` is the error as a JSON-ready mapping (``type``, ``message``, details), its
    message already rendered in the batch's language; ``exception`` is the error itself.
    """

    line: int
    value: Answer | Summary | None = None
    error: Mapping[str, Any] | None = None
    exception: TreatyRulesError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """``{"line": N, "answer": {...}}`` or ``{"line": N, "error": {...}}``."""
        if self.value is not None:
            return {"line": self.line, "answer": self.value.model_dump(mode="json")}
        return {"line": self.line, "error": dict(self.error or {})}

    def to_json(self) -> str:
        """``to_dict()`` as one line of JSON (no newline)."""
        if self.value is not None:
            return f'{{"line": {self.line}, "answer": {self.value.model_dump_json()}}}'
        return json.dumps({"line": self.line, "error": dict(self.error or {})}, ensure_ascii=False)


# -- errors as records ------------------------------------------------------------------


def public_type(exc: BaseException) -> str:
    """The name of the error class a caller knows: the nearest class of ``treatyrules.errors``."""
    for cls in type(exc).__mro__:
        if cls.__module__ == public_errors.__name__:
            return cls.__name__
    return type(exc).__name__


def _plain(value: object) -> object:
    return value if isinstance(value, str | int | float | bool | None) else repr(value)


def error_record(exc: TreatyRulesError) -> dict[str, Any]:
    """``{"type": ..., "message": ..., <details>}``: the error's class, its message in the
    language in use, and the attributes a program can act on without parsing the message
    (the same details as the HTTP API's error bodies)."""
    out: dict[str, Any] = {"type": public_type(exc), "message": str(exc)}
    if isinstance(exc, UnknownStateError):
        out.update(field=exc.field, value=exc.code, suggestions=list(exc.suggestions))
    elif isinstance(exc, UnknownTagError):
        out.update(field=getattr(exc, "field", None) or exc.kind.replace(" ", "_"), value=exc.tag, suggestions=list(exc.suggestions), known=list(exc.known))
    elif isinstance(exc, InvalidDateError):
        out.update(field=exc.field, value=_plain(exc.value))
    elif isinstance(exc, _FieldError):
        out.update(field=exc.field, value=_plain(exc.value))
    elif isinstance(exc, RuleFileError):  # includes ScenarioFileError
        out.update(path=exc.path, line=exc.line, column=exc.column, location=exc.location, detail=exc.detail)
    elif isinstance(exc, DataFileError):
        out.update(path=exc.path, row=exc.row, column=exc.column, detail=exc.detail)
    elif isinstance(exc, MissingExtraError):
        out.update(feature=exc.feature, extra=exc.extra)
    elif isinstance(exc, NoLegalBasisError):
        out.update(basis=exc.basis, reasons=list(exc.reasons))
    return out


class _FieldError(InvalidQueryError):
    """A field of a batch line with a value of the wrong kind (reported as ``InvalidQueryError``)."""

    def __init__(self, field: str, value: object, message: Message) -> None:
        self.field = field
        self.value = value
        super().__init__(message)


# -- reading lines ----------------------------------------------------------------------


_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


def _csv_flag(name: str, raw: str) -> bool:
    word = raw.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE or word == "":
        return False
    raise _FieldError(name, raw, Message("batch.bad_flag", field=name, value=repr(raw)))


def _csv_treaty(name: str, raw: str) -> bool | None:
    word = raw.strip().lower()
    if word in ("", "unknown"):
        return None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise _FieldError(name, raw, Message("batch.bad_treaty", field=name, value=repr(raw)))


def _csv_query(record: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in record.items():
        if name in _FLAGS:
            out[name] = _csv_flag(name, raw)
        elif name in _TREATIES:
            out[name] = _csv_treaty(name, raw)
        elif raw.strip() == "":
            continue
        elif name == "data_types":
            out[name] = [part.strip() for part in raw.split(";") if part.strip()]
        elif name == "max_penalty_years":
            try:
                out[name] = float(raw)
            except ValueError:
                raise _FieldError(name, raw, Message("batch.bad_number", field=name, value=repr(raw))) from None
        else:
            out[name] = raw.strip()
    return out


def _json_query(text: str) -> dict[str, Any]:
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidQueryError(Message("batch.not_json", error=str(exc) or type(exc).__name__)) from None
    if not isinstance(raw, dict):
        raise InvalidQueryError(Message("batch.not_object", kind=type(raw).__name__))
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        raise InvalidQueryError(Message("batch.unknown_field", fields=", ".join(unknown), known=", ".join(FIELDS)))
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None:
            continue
        if name in _TEXT_FIELDS and not isinstance(value, str):
            raise _FieldError(name, value, Message("batch.not_text", field=name, value=_shown(value)))
        if name == "data_types":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _FieldError(name, value, Message("batch.bad_data_types", value=_shown(value)))
        out[name] = value
    return out


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str | int | float | bool | list | dict | None) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _records(lines: Iterable[str], fmt: InputFormat) -> Iterator[tuple[int, dict[str, Any] | TreatyRulesError]]:
    """``(line, fields)`` per query, or ``(line, error)`` for a line that cannot be read."""
    if fmt == "ndjson":
        number = 0
        for piece in _split(lines, keepends=False):
            number += 1
            if not piece.strip():
                continue
            fields: dict[str, Any] | TreatyRulesError
            try:
                fields = _json_query(piece)
            except TreatyRulesError as exc:
                fields = exc
            yield number, fields
        return
    if fmt != "csv":
        raise InvalidQueryError(Message("batch.bad_format", value=repr(fmt), known=", ".join(INPUT_FORMATS)))
    reader = csv.reader(_split(lines, keepends=True), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InvalidQueryError(Message("batch.bad_header", error=str(exc))) from None
    if header is None:
        return
    names = [h.strip() for h in header]
    unknown = [h for h in names if h not in FIELDS]
    if unknown:
        raise InvalidQueryError(Message("batch.header_unknown", fields=", ".join(repr(u) for u in unknown), known=", ".join(FIELDS)))
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InvalidQueryError(Message("batch.header_twice", fields=", ".join(twice)))
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, InvalidQueryError(Message("batch.bad_csv", error=str(exc)))
            continue
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            yield start, InvalidQueryError(Message("batch.bad_width", got=len(row), expected=len(names)))
            continue
        try:
            fields = _csv_query(dict(zip(names, row, strict=True)))
        except TreatyRulesError as exc:
            fields = exc
        yield start, fields


def _split(lines: Iterable[str], *, keepends: bool) -> Iterator[str]:
    """The physical lines of ``lines``, split at ``\n`` only (a JSON string may hold U+2028):
    an item may be one line (a file's lines) or hold several."""
    for chunk in lines:
        body = chunk[:-1] if chunk.endswith("\n") else chunk
        for piece in body.split("\n"):
            yield piece + "\n" if keepends else piece.rstrip("\r")


# -- answering ----------------------------------------------------------------------------


class _Asker:
    def __init__(self, engine: Engine, view: View, scenario_files: bool) -> None:
        self.engine = engine
        self.view = view
        self.summarizer = Summarizer(engine.labels, engine.channel_map) if view == "summary" else None
        self.shipped = None if scenario_files else frozenset(shipped_scenarios())

    def __call__(self, fields: Mapping[str, Any]) -> Answer | Summary:
        missing = [name for name in REQUIRED if name not in fields]
        if missing:
            raise InvalidQueryError(Message("batch.missing_field", fields=", ".join(missing)))
        query = self.engine.query(
            fields["requesting"],
            fields["requested"],
            measure=fields["measure"],
            offence=fields["offence"],
            on=fields.get("on"),
            urgent=fields.get("urgent", False),
            emergency=fields.get("emergency", False),
            mla_treaty=fields.get("mla_treaty"),
            extradition_treaty=fields.get("extradition_treaty"),
            data_types=fields.get("data_types"),
            max_penalty_years=fields.get("max_penalty_years"),
            act_began=fields.get("act_began"),
        )
        scenario = fields.get("scenario")
        if scenario is not None and self.shipped is not None and scenario not in self.shipped:
            raise UnknownTagError("scenario", str(scenario), sorted(self.shipped))
        answer = self.engine.answer_under(query, scenario)
        return self.summarizer.summarize(answer) if self.summarizer is not None else answer


def answer_lines(
    lines: Iterable[str],
    fmt: InputFormat,
    view: View = "summary",
    lang: Lang = "en",
    *,
    engine: Engine | None = None,
    scenario_files: bool = True,
) -> Iterator[BatchResult]:
    """Answer every query of ``lines``, in order, one ``BatchResult`` per query line.

    ``lines`` is the input text as an iterable of lines (an open text file, ``sys.stdin``,
    ``text.splitlines()``); ``fmt`` is ``"csv"`` or ``"ndjson"``; ``view`` ``"summary"``
    (``treatyrules.summarize(answer)``) or ``"full"`` (the ``Answer``); ``lang`` the language
    of the answers and of the error messages. Results come lazily, one per query line, so a
    large input is answered in constant memory. ``engine``: the engine to ask (default: the
    process's). ``scenario_files=False`` accepts only the names of shipped scenarios in the
    ``scenario`` field, never a path (for a server, where a path would read its files): any
    other value is that line's ``UnknownTagError``.

    Raises ``InvalidQueryError`` only for input that cannot be read at all (an unknown
    format, a CSV header that names an unknown field); a bad line is a result with ``error``.
    """
    if fmt not in INPUT_FORMATS:
        raise InvalidQueryError(Message("batch.bad_format", value=repr(fmt), known=", ".join(INPUT_FORMATS)))
    if view not in VIEWS:
        raise InvalidQueryError(Message("batch.bad_view", value=repr(view), known=", ".join(VIEWS)))
    ask = _Asker(engine or default_engine(), view, scenario_files)
    records = _records(lines, fmt)
    while True:
        with using(lang):
            try:
                item = next(records)
            except StopIteration:
                return
            number, fields = item
            if isinstance(fields, TreatyRulesError):
                result = BatchResult(number, error=error_record(fields), exception=fields)
            else:
                try:
                    result = BatchResult(number, value=ask(fields))
                except TreatyRulesError as exc:
                    result = BatchResult(number, error=error_record(exc), exception=exc)
        yield result


# -- writing results ----------------------------------------------------------------------


def ndjson_lines(results: Iterable[BatchResult]) -> Iterator[str]:
    """Each result as one line of NDJSON, newline included."""
    for result in results:
        yield result.to_json() + "\n"


def _summary_of(value: Answer | Summary) -> Summary | None:
    return value if isinstance(value, Summary) else None


def csv_row(result: BatchResult) -> list[str]:
    """One row of ``CSV_COLUMNS`` for ``result``."""
    cells: dict[str, str] = {"line": str(result.line), "json": result.to_json()}
    value = result.value
    if value is not None:
        query = value.query
        cells.update(
            requesting=query.requesting,
            requested=query.requested,
            measure=query.measure.value,
            offence=query.offence.value,
            on=query.on.isoformat(),
            scenario=query.scenario or "",
            lang=value.lang,
        )
        summary = _summary_of(value)
        if summary is not None:
            applicable = [(v.instrument.value, v.applicable) for v in summary.verdicts]
            cells.update(
                bottom_line=summary.bottom_line,
                confidence=summary.confidence.value,
                missing_facts=";".join(m.fact for m in summary.missing_facts),
                route_instrument=summary.route.instrument.value if summary.route else "",
                route_channel=summary.route.channel.value if summary.route else "",
            )
        else:
            assert isinstance(value, Answer)
            applicable = [(b.instrument.value, b.applicable) for b in value.bases]
            best = value.routes[0] if value.routes else None
            cells.update(
                confidence=_answer_confidence(value),
                missing_facts=";".join(dict.fromkeys(m.fact for b in value.bases for m in b.missing_facts)),
                route_instrument=best.instrument.value if best else "",
                route_channel=best.channel.value if best else "",
            )
        cells["applicable"] = ";".join(f"{name}={_truthy(flag)}" for name, flag in applicable)
    elif result.error is not None:
        cells.update(error_type=str(result.error.get("type", "")), error_message=str(result.error.get("message", "")))
    return [cells.get(column, "") for column in CSV_COLUMNS]


def _truthy(value: object) -> str:
    return {True: "true", False: "false"}.get(value, "unknown") if isinstance(value, bool) else "unknown"


def _answer_confidence(answer: Answer) -> str:
    return "verify" if any(b.confidence is Confidence.VERIFY for b in answer.bases) else "high"


def csv_chunks(results: Iterable[BatchResult], *, header: bool = True, flush_at: int = 1 << 16) -> Iterator[str]:
    """The results as CSV (``CSV_COLUMNS``), in chunks of about ``flush_at`` characters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(CSV_COLUMNS)
    for result in results:
        writer.writerow(csv_row(result))
        if buffer.tell() >= flush_at:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


__all__ = [
    "CSV_COLUMNS",
    "FIELDS",
    "BatchResult",
    "answer_lines",
    "csv_chunks",
    "csv_row",
    "error_record",
    "format_from_name",
    "ndjson_lines",
    "public_type",
]
