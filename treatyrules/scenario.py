"""What-if scenarios: named sets of hypothetical facts layered over the real data.

A scenario file (YAML, usually under ``fixtures/scenarios/``)::

    schema: treatyrules.scenario/1
    name: peru_and_spain_ratify_second_protocol
    title: Peru and Spain ratify the Second Protocol on 1 January 2027
    based_on: [seed 000_aaf5a575a457c3ce.txt]
    events:
      - consent: {state: PE, instrument: second_protocol, date: 2027-01-01, kind: ratification}
      - consent: {state: ES, instrument: second_protocol, date: 2027-01-01}
      - mla_treaty: {states: [ES, PE], from: 1990-01-01}

Events are applied in order. What follows from them is derived by the same
rules as from real data: a fifth consent brings the Second Protocol into force
on the date its Art 16 gives, and a reservation made with a consent takes
effect when the instrument enters into force for its author. A hypothetical
event that the treaty does not allow (a consent to the Protocol by a State that
is not a Party to the Convention, a reservation the treaty does not permit) is
an error that says why.

Error messages come from the ``scenario`` catalogue, in the language in use when
the error is read. Pydantic's own messages are worded in the catalogue for the
common kinds (a missing or unknown field, a value not among those allowed, a
malformed date); any other kind is shown as Pydantic words it, in English.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from treatyrules._i18n import Text
from treatyrules._load.paths import display, fixtures_dir
from treatyrules._load.yaml_source import YamlDocument, YamlSyntaxError, decode, parse_yaml
from treatyrules.errors import InvalidQueryError, Message, ScenarioFileError
from treatyrules.vocabulary import Instrument


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _EventError(ValueError):
    """A check of an event, with its catalogue message (Pydantic keeps only its English ``str``)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.render())


ConsentKind = Literal["ratification", "acceptance", "approval", "accession"]


class Consent(_Model):
    state: str
    instrument: Instrument
    date: dt.date
    kind: ConsentKind = "ratification"


class Signature(_Model):
    state: str
    instrument: Instrument
    date: dt.date


class Denunciation(_Model):
    state: str
    instrument: Instrument
    date: dt.date = Field(description="date the depositary receives the notification; the treaty says when it takes effect")


class Statement(_Model):
    state: str
    instrument: Instrument
    provision: str
    summary: str = "hypothetical"
    effective: dt.date | None = Field(None, description="omit to take effect when the instrument binds the State")

    @field_validator("summary")
    @classmethod
    def _summary_says_something(cls, text: str) -> str:
        # the summary is what an answer quotes for the statement: a blank one would quote nothing
        if not text.strip():
            raise _EventError(Message("scenario.blank_summary"))
        return text


class Withdrawal(_Model):
    state: str
    instrument: Instrument
    kind: Literal["reservation", "declaration"]
    provision: str
    date: dt.date


class MlaTreaty(_Model):
    states: tuple[str, str]
    from_: dt.date = Field(alias="from")


class Event(_Model):
    """Exactly one of the fields."""

    consent: Consent | None = None
    signature: Signature | None = None
    denunciation: Denunciation | None = None
    reservation: Statement | None = None
    declaration: Statement | None = None
    withdrawal: Withdrawal | None = None
    mla_treaty: MlaTreaty | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Event:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            kinds = ", ".join(type(self).model_fields)
            raise _EventError(Message("scenario.event_one_of", kinds=kinds, given=given if given else Message("scenario.nothing")))
        return self

    @property
    def kind(self) -> str:
        return next(name for name in type(self).model_fields if getattr(self, name) is not None)


class Scenario(_Model):
    """A named set of hypothetical facts (see the module docstring for the file format)."""

    schema_: Literal["treatyrules.scenario/1"] = Field("treatyrules.scenario/1", alias="schema")
    name: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    description: str = ""
    based_on: tuple[str, ...] = Field((), description="sources the scenario is drawn from (seeds, URLs)")
    extends: tuple[str, ...] = Field((), description="names of shipped scenarios whose events come first")
    events: tuple[Event, ...] = ()

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def scenarios_dir() -> Path:
    return fixtures_dir() / "scenarios"


def shipped_scenarios() -> dict[str, Path]:
    """Names of the scenarios shipped in ``fixtures/scenarios/``."""
    folder = scenarios_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}


def _render(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_PYDANTIC_KINDS = {
    "missing": "missing",
    "extra_forbidden": "extra_forbidden",
    "enum": "expected",
    "literal_error": "expected",
    "string_pattern_mismatch": "pattern",
    "date_parsing": "date_parsing",
    "date_from_datetime_parsing": "date_from_datetime_parsing",
}
"""Pydantic error types the catalogue words (``scenario.invalid.<key>``), in English as Pydantic does."""


def _spanish_choices(expected: str) -> str:
    """Pydantic's ``'a', 'b' or 'c'`` as ``«a», «b» o «c»``."""
    head, sep, tail = expected.rpartition(" or ")
    joined = f"{head} o {tail}" if sep else expected
    return re.sub(r"'([^']*)'", r"«\1»", joined)


def _pydantic_message(error: Any) -> str | Message:
    """A Pydantic error as a catalogue message, where the catalogue words its kind."""
    got = error.get("input")
    shown: Message | str = "" if isinstance(got, dict | list) else Message("scenario.got", got=got)
    ctx = error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, _EventError):
        return cause.message
    kind = _PYDANTIC_KINDS.get(error["type"])
    if kind == "expected" and isinstance(ctx.get("expected"), str):
        expected = Text(en=ctx["expected"], es=_spanish_choices(ctx["expected"]))
        return Message("scenario.invalid.expected", expected=expected, got=shown)
    if kind == "pattern" and isinstance(ctx.get("pattern"), str):
        return Message("scenario.invalid.pattern", pattern=ctx["pattern"], got=shown)
    if kind in ("date_parsing", "date_from_datetime_parsing") and isinstance(ctx.get("error"), str):
        return Message(f"scenario.invalid.{kind}", error=ctx["error"], got=shown)
    if kind in ("missing", "extra_forbidden"):
        return Message(f"scenario.invalid.{kind}", got=shown)
    return Message("scenario.invalid.other", message=error["msg"], got=shown)


def _parse(doc: YamlDocument) -> Scenario:
    if not isinstance(doc.data, dict):
        raise ScenarioFileError(doc.path, Message("scenario.not_a_mapping"), line=1)
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        line, column = doc.position(loc)
        raise ScenarioFileError(doc.path, _pydantic_message(first), line=line, column=column, location=_render(loc)) from None
    return scenario


class LoadedScenario:
    """A scenario with where it came from, so errors can point into its file."""

    def __init__(self, scenario: Scenario, doc: YamlDocument | None, parents: tuple[LoadedScenario, ...] = ()) -> None:
        self.scenario = scenario
        self.doc = doc
        self.parents = parents

    @property
    def name(self) -> str:
        return self.scenario.name

    def error(self, index: int, message: str | Message, field: str | None = None) -> ScenarioFileError:
        loc: tuple[Any, ...] = ("events", index) + ((self.scenario.events[index].kind, field) if field else ())
        path = self.doc.path if self.doc else f"<scenario {self.scenario.name}>"
        line, column = self.doc.position(loc) if self.doc else (None, None)
        return ScenarioFileError(path, message, line=line, column=column, location=_render(loc))

    def fingerprint(self) -> str:
        parts = [p.fingerprint() for p in self.parents]
        parts.append(self.scenario.model_dump_json())
        return "|".join(parts)


def _load_path(path: Path, seen: tuple[str, ...]) -> LoadedScenario:
    shown = display(path)
    try:
        doc = parse_yaml(decode(path.read_bytes()), shown)
    except YamlSyntaxError as exc:
        raise ScenarioFileError(shown, Message("scenario.invalid_yaml", error=exc.message), line=exc.line, column=exc.column) from None
    except OSError as exc:
        raise ScenarioFileError(shown, Message("scenario.unreadable", reason=exc.strerror)) from None
    scenario = _parse(doc)
    return LoadedScenario(scenario, doc, _parents(scenario, doc, seen + (scenario.name,)))


def _parents(scenario: Scenario, doc: YamlDocument | None, seen: tuple[str, ...]) -> tuple[LoadedScenario, ...]:
    shipped = shipped_scenarios()
    parents = []
    for i, name in enumerate(scenario.extends):
        if name in seen:
            raise _doc_error(doc, scenario, ("extends", i), Message("scenario.cycle", chain=" -> ".join(seen + (name,))))
        if name not in shipped:
            raise _doc_error(doc, scenario, ("extends", i), Message("scenario.unknown_parent", name=name, known=_known(shipped)))
        parents.append(_load_path(shipped[name], seen))
    return tuple(parents)


def _known(shipped: dict[str, Path]) -> Message | str:
    return ", ".join(shipped) or Message("scenario.none")


def _doc_error(doc: YamlDocument | None, scenario: Scenario, loc: tuple[Any, ...], message: str | Message) -> ScenarioFileError:
    path = doc.path if doc else f"<scenario {scenario.name}>"
    line, column = doc.position(loc) if doc else (None, None)
    return ScenarioFileError(path, message, line=line, column=column, location=_render(loc))


def _shown(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - e.g. an int past the digits repr will write
        return type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def load_scenario(source: str | Path | Scenario | LoadedScenario) -> LoadedScenario:
    """A scenario from a file path, the name of a shipped scenario, or a ``Scenario`` object.

    Anything else (None, a number, bytes) is an ``InvalidQueryError``; a file that is not a
    valid scenario is a ``ScenarioFileError`` naming the file and, where there is one, the line.
    """
    if isinstance(source, LoadedScenario):
        return source
    if isinstance(source, Scenario):
        return LoadedScenario(source, None, _parents(source, None, (source.name,)))
    if not isinstance(source, str | Path):
        raise InvalidQueryError(Message("scenario.bad_source", kind=type(source).__name__, got=_shown(source)))
    shipped = shipped_scenarios()
    if isinstance(source, str) and source in shipped:
        return _load_path(shipped[source], ())
    path = Path(source)
    try:
        found = path.is_file() or path.exists()
    except (OSError, ValueError):  # a name the system cannot look up: too long, a NUL byte
        found = False
    if not found:
        raise ScenarioFileError(str(source), Message("scenario.no_such", known=_known(shipped)))
    return _load_path(path, ())
