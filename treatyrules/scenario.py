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
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from treatyrules._load.paths import display, fixtures_dir
from treatyrules._load.yaml_source import YamlDocument, YamlSyntaxError, parse_yaml
from treatyrules.errors import ScenarioFileError
from treatyrules.vocabulary import Instrument


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
            raise ValueError(f"an event is exactly one of {kinds}; got {given or 'nothing'}")
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


def _parse(doc: YamlDocument) -> Scenario:
    if not isinstance(doc.data, dict):
        raise ScenarioFileError(doc.path, "expected a mapping with schema, name, title and events", line=1)
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        line, column = doc.position(loc)
        got = first.get("input")
        shown = "" if isinstance(got, dict | list) else f" (got {got!r})"
        raise ScenarioFileError(doc.path, f"{first['msg']}{shown}", line=line, column=column, location=_render(loc)) from None
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

    def error(self, index: int, message: str, field: str | None = None) -> ScenarioFileError:
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
        doc = parse_yaml(path.read_text(encoding="utf-8"), shown)
    except YamlSyntaxError as exc:
        raise ScenarioFileError(shown, f"not valid YAML: {exc}", line=exc.line, column=exc.column) from None
    except OSError as exc:
        raise ScenarioFileError(shown, f"cannot be read: {exc.strerror}") from None
    scenario = _parse(doc)
    return LoadedScenario(scenario, doc, _parents(scenario, doc, seen + (scenario.name,)))


def _parents(scenario: Scenario, doc: YamlDocument | None, seen: tuple[str, ...]) -> tuple[LoadedScenario, ...]:
    shipped = shipped_scenarios()
    parents = []
    for i, name in enumerate(scenario.extends):
        if name in seen:
            raise _doc_error(doc, scenario, ("extends", i), f"scenarios extend each other in a cycle: {' -> '.join(seen + (name,))}")
        if name not in shipped:
            raise _doc_error(doc, scenario, ("extends", i), f"unknown scenario {name!r}; shipped scenarios: {', '.join(shipped) or 'none'}")
        parents.append(_load_path(shipped[name], seen))
    return tuple(parents)


def _doc_error(doc: YamlDocument | None, scenario: Scenario, loc: tuple[Any, ...], message: str) -> ScenarioFileError:
    path = doc.path if doc else f"<scenario {scenario.name}>"
    line, column = doc.position(loc) if doc else (None, None)
    return ScenarioFileError(path, message, line=line, column=column, location=_render(loc))


def load_scenario(source: str | Path | Scenario | LoadedScenario) -> LoadedScenario:
    """A scenario from a file path, the name of a shipped scenario, or a ``Scenario`` object."""
    if isinstance(source, LoadedScenario):
        return source
    if isinstance(source, Scenario):
        return LoadedScenario(source, None, _parents(source, None, (source.name,)))
    shipped = shipped_scenarios()
    if isinstance(source, str) and source in shipped:
        return _load_path(shipped[source], ())
    path = Path(source)
    if not path.exists():
        known = ", ".join(shipped) or "none"
        raise ScenarioFileError(str(source), f"no such scenario file, and no shipped scenario of that name (shipped: {known})")
    return _load_path(path, ())
