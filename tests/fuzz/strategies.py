"""Hypothesis strategies for the public API's inputs: valid values, near misses and junk.

``junk`` is what a JSON body, a CSV cell or a careless caller may bring in place of a value
(None, numbers, booleans, bytes, lists, mappings). Each field mixes the valid values with the
invalid ones, so that an example is sometimes answered and sometimes refused.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from treatyrules._answer.engine import default_engine
from treatyrules.scenario import shipped_scenarios
from treatyrules.vocabulary import DataType, Instrument, Measure, Offence

EXAMPLES = int(os.environ.get("TREATYRULES_FUZZ_EXAMPLES", "25"))
"""Examples per test: 25 in the ordinary run, more with ``TREATYRULES_FUZZ_EXAMPLES=2000``
(the fuzz script, scripts/fuzz.py, runs 100,000+ seeded inputs without hypothesis)."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: a CI failure reproduces locally
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)

STATES = sorted(default_engine().states)
PARTY_STATES = sorted({iso for (_, iso) in default_engine().book.party_rows})
SHIPPED = sorted(shipped_scenarios())
MEASURES = [m.value for m in Measure]
OFFENCES = [o.value for o in Offence]
DATA_TYPES = [d.value for d in DataType]
INSTRUMENTS = [i.value for i in Instrument]

scalar_junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=4),
)
junk: st.SearchStrategy[Any] = st.one_of(
    scalar_junk,
    st.lists(st.one_of(st.integers(-5, 5), st.text(max_size=3)), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(-5, 5), max_size=1),
)
weird_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "\x00", "\n", "ñ", "ES\n", " es ", "E S", "É", "null", "true", "../..", "%s", "{0}", "{}", "\u2028"]),
)


def _cased(values: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values).flatmap(lambda v: st.sampled_from([v, v.lower(), v.upper(), f" {v} "]))


states = st.one_of(st.sampled_from(PARTY_STATES), _cased(STATES), weird_text, junk)
good_states = st.sampled_from(PARTY_STATES)


def tags(values: list[str]) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(values), st.sampled_from(values).map(str.upper), weird_text, junk)


measures = tags(MEASURES)
offences = tags(OFFENCES)

good_days = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
days = st.one_of(
    st.none(),
    good_days,
    good_days.map(date.isoformat),
    st.dates().map(date.isoformat),  # year 1 to 9999
    st.datetimes(),
    st.sampled_from(["2025-02-30", "2025-13-01", "20250301", "2025-3-1", "0000-01-01", "9999-12-31", "0001-01-01", "2025-03-01T00:00", "2025-03-01 "]),
    weird_text,
    junk,
)
flags = st.one_of(st.booleans(), junk)
treaties = st.one_of(st.none(), st.booleans(), junk)
data_types = st.one_of(
    st.none(),
    st.sampled_from(DATA_TYPES),
    st.lists(st.one_of(st.sampled_from(DATA_TYPES), weird_text, scalar_junk), max_size=4),
    st.frozensets(st.sampled_from(DATA_TYPES), max_size=3),
    st.tuples(st.sampled_from(DATA_TYPES)),
    weird_text,
    st.integers(),
)
"""``data_types``: None, a tag, an iterable of tags and junk, or a scalar that is not iterable
(an int: an ``InvalidQueryError``)."""

penalties = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=10**300, max_value=10**5000),
    st.booleans(),
    weird_text,
    st.lists(st.integers(), max_size=1),
)
"""``max_penalty_years``: any number, including an int too large for a float (an
``InvalidQueryError``), a flag, text or a list."""

scenario_names = st.one_of(
    st.none(), st.sampled_from(SHIPPED), weird_text, st.sampled_from(["no_such_scenario", "fixtures", "/", ".", "/dev/null", "x" * 5000]), junk,
)
"""A scenario by name, a string that names nothing, or a value of the wrong type (an int,
bytes, a list: an ``InvalidQueryError``)."""

langs = st.one_of(st.sampled_from(["en", "es"]), st.sampled_from(["EN", "fr", "", "es-ES"]), junk)


@st.composite
def query_kwargs(draw: st.DrawFn, *, valid: bool = False) -> dict[str, Any]:
    """Keyword arguments of ``which_treaty_applies`` (after the two States); ``valid``: only well-formed values."""
    if valid:
        out: dict[str, Any] = {"measure": draw(st.sampled_from(MEASURES)), "offence": draw(st.sampled_from(OFFENCES)), "on": draw(good_days)}
        for name in ("urgent", "emergency"):
            if draw(st.booleans()):
                out[name] = draw(st.booleans())
        for name in ("mla_treaty", "extradition_treaty"):
            if draw(st.booleans()):
                out[name] = draw(st.sampled_from([None, True, False]))
        if draw(st.booleans()):
            out["data_types"] = draw(st.lists(st.sampled_from(DATA_TYPES), min_size=1, max_size=3))
        if draw(st.booleans()):
            out["max_penalty_years"] = draw(st.floats(min_value=0, max_value=30))
        if draw(st.booleans()):
            out["act_began"] = draw(good_days)
        if draw(st.booleans()):
            out["scenario"] = draw(st.sampled_from(SHIPPED))
        out["lang"] = draw(st.sampled_from(["en", "es"]))
        return out
    out = {"measure": draw(measures), "offence": draw(offences)}
    optional: dict[str, st.SearchStrategy[Any]] = {
        "on": days, "urgent": flags, "emergency": flags, "mla_treaty": treaties, "extradition_treaty": treaties,
        "data_types": data_types, "max_penalty_years": penalties, "act_began": days, "scenario": scenario_names, "lang": langs,
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            out[name] = draw(strategy)
    return out


# -- scenario files -----------------------------------------------------------------------------

_EVENT_FIELDS: dict[str, list[str]] = {
    "consent": ["state", "instrument", "date", "kind"],
    "signature": ["state", "instrument", "date"],
    "denunciation": ["state", "instrument", "date"],
    "reservation": ["state", "instrument", "provision", "summary", "effective"],
    "declaration": ["state", "instrument", "provision", "summary", "effective"],
    "withdrawal": ["state", "instrument", "kind", "provision", "date"],
    "mla_treaty": ["states", "from"],
}

event_days = st.one_of(good_days, st.dates(), st.sampled_from([date.min, date.max, date.max - timedelta(days=40), date(1, 1, 2)]))
yaml_junk = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**12), st.floats(allow_nan=False), st.text(max_size=8), st.lists(st.integers(0, 3), max_size=2), st.just({}))


def _field(name: str) -> st.SearchStrategy[Any]:
    real: dict[str, st.SearchStrategy[Any]] = {
        "state": st.one_of(st.sampled_from(PARTY_STATES), st.sampled_from(STATES), st.text(max_size=3)),
        "instrument": st.one_of(st.sampled_from(INSTRUMENTS), st.text(max_size=6)),
        "date": event_days,
        "effective": st.one_of(st.none(), event_days),
        "from": event_days,
        "kind": st.sampled_from(["ratification", "acceptance", "approval", "accession", "reservation", "declaration", "signature", "x"]),
        "provision": st.one_of(st.sampled_from(["9.3", "7.9.a", "29.4", "14.3", "24", "42", "1", "99.99", ""]), st.text(max_size=5)),
        "summary": st.text(min_size=1, max_size=20).filter(lambda text: bool(text.strip())),
        "states": st.lists(st.one_of(st.sampled_from(PARTY_STATES), st.text(max_size=3)), min_size=0, max_size=3),
    }
    if name == "summary":
        return st.one_of(real[name], st.sampled_from(["", " ", "\t", "\n"]), st.none(), st.integers(), st.lists(st.integers(0, 3), max_size=2))
    return st.one_of(real[name], yaml_junk) if name in real else yaml_junk


@st.composite
def scenario_docs(draw: st.DrawFn) -> Any:
    """A scenario document: mostly well-formed, with random events, sometimes a wrong field or value."""
    events = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(sorted(_EVENT_FIELDS)))
        body = {name: draw(_field(name)) for name in _EVENT_FIELDS[kind] if draw(st.integers(0, 9)) > 0}
        if draw(st.integers(0, 9)) == 0:
            body[draw(st.text(max_size=6))] = draw(yaml_junk)
        event: Any = {kind: body}
        if draw(st.integers(0, 14)) == 0:
            event = {kind: body, draw(st.sampled_from(sorted(_EVENT_FIELDS))): {}}
        if draw(st.integers(0, 19)) == 0:
            event = draw(yaml_junk)
        events.append(event)
    doc: dict[str, Any] = {
        "schema": draw(st.sampled_from(["treatyrules.scenario/1"] * 8 + ["treatyrules.scenario/2", ""])),
        "name": draw(st.one_of(st.from_regex(r"\Afuzz_[a-z0-9_]{0,8}\Z"), st.text(max_size=6))),
        "title": draw(st.one_of(st.text(min_size=1, max_size=20), yaml_junk)),
        "events": events,
    }
    if draw(st.booleans()):
        doc["extends"] = draw(st.lists(st.one_of(st.sampled_from(SHIPPED), st.text(max_size=6)), max_size=2))
    if draw(st.integers(0, 9)) == 0:
        doc[draw(st.sampled_from(["based_on", "description", "colour", "events"]))] = draw(yaml_junk)
    if draw(st.integers(0, 9)) == 0:
        del doc[draw(st.sampled_from(sorted(doc)))]
    return doc


yaml_chars = st.characters(blacklist_categories=("Cs",)) | st.sampled_from("!&*\t\n\r\x1f\x7f\x85\ufffe\uffff")
"""Any character a UTF-8 file can hold, with tag (``!``) and anchor (``&``, ``*``) marks and
characters YAML refuses drawn often."""

_TRAPS = [
    "!0", "!!python/object:os.system ls", "a: !!binary xyz", "a: !!int x", "a: !!bool maybe", "a: !!timestamp x", "a: !foo {b: 1}",
    "a: 2025-02-30", "a: 2025-13-01", "&a [*a]", "a: &x {b: *x}", "a: &x 1\nb: *x", "\x1f", "\ufffe", "[" * 2000, "- " * 2000,
]
"""YAML that PyYAML fails on in its own ways: tags, aliases, impossible dates, characters it refuses."""


@st.composite
def scenario_texts(draw: st.DrawFn) -> str:
    """YAML text for a scenario file: a dumped document, sometimes cut or garbled, or plain noise."""
    choice = draw(st.integers(0, 11))
    if choice == 0:
        return draw(st.text(yaml_chars, max_size=60))
    if choice == 1:
        return draw(st.sampled_from(["", "---", "[", "{a: [}", "\t- x", "schema: [", "%YAML 9.9\n---\n", "a: b: c", "- - -", "? a\n: b", "{a: 1, a: 2}", "... x", *_TRAPS]))
    text = yaml.safe_dump(draw(scenario_docs()), allow_unicode=True, sort_keys=False)
    if choice == 2 and text:
        cut = draw(st.integers(0, len(text)))
        return text[:cut]
    if choice == 3:
        return json.dumps(draw(scenario_docs()), default=str)
    if choice == 4:
        # an impossible day where the document has a date, unquoted, as an analyst would type it
        return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", draw(st.sampled_from(["2027-02-30", "2025-13-01", "2026-04-31"])), text, count=1)
    if choice == 5 and text:
        # a trap spliced in at a line start: a tag, an anchor, an alias
        lines = text.splitlines(keepends=True)
        at = draw(st.integers(0, len(lines)))
        trap = draw(st.sampled_from(["title: !foo x\n", "title: !!python/object:os.system ls\n", "description: &d x\n", "description: *d\n", "x: !!str y\n"]))
        return "".join(lines[:at] + [trap] + lines[at:])
    return text
