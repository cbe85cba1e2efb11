"""Layer a what-if scenario over the real data, checking each event against the treaty.

Each hypothetical row carries the scenario's name, so every fact an answer
draws from it is marked hypothetical. What follows from the events (the
Second Protocol's entry into force after a fifth consent, a reservation taking
effect with its author's entry into force) is not written here: the new
``StatusBook`` derives it by the same rules as for real data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from treatyrules._facts.status import StatusBook
from treatyrules._validate.datafile import DataFileErrorFactory, PartyRow, StatementRow, check_statement
from treatyrules._validate.rulefile import RuleFile, is_article_id
from treatyrules.errors import DataFileError, ScenarioFileError
from treatyrules.scenario import Event, LoadedScenario
from treatyrules.vocabulary import Confidence, Instrument


class _Fail(DataFileErrorFactory):
    """Turns the data checks' errors into errors that point into the scenario file."""

    def __init__(self, scenario: LoadedScenario, index: int) -> None:
        self.scenario = scenario
        self.index = index

    def __call__(self, column: str, message: str) -> DataFileError:
        field = {"iso2": "state", "article": "provision"}.get(column, column)
        raise self.scenario.error(self.index, message, field if field in ("state", "provision") else None)


def apply_scenario(
    book: StatusBook,
    loaded: LoadedScenario,
    specs: Mapping[Instrument, RuleFile],
    states: Mapping[str, object],
) -> StatusBook:
    for parent in loaded.parents:
        book = apply_scenario(book, parent, specs, states)
    parties: dict[tuple[Instrument, str], PartyRow] = dict(book.party_rows)
    statements: list[StatementRow] = []
    withdrawn: dict[str, date] = {}
    treaties: dict[frozenset[str], tuple[date, str]] = {}
    name = loaded.name
    current = book
    for index, event in enumerate(loaded.scenario.events):
        _check_states(event, loaded, index, states)
        kind = event.kind
        if kind == "consent":
            c = event.consent
            assert c is not None
            spec = _spec(specs, c.instrument, loaded, index)
            existing = parties.get((c.instrument, c.state))
            if existing is not None and (existing.consent_date or existing.consent_kind or existing.entry_into_force):
                when = existing.consent_date or existing.entry_into_force or "a date not on record"
                raise loaded.error(index, f"{c.state} has already consented to {c.instrument.value} ({when}); a second consent has no effect", "state")
            if c.date < spec.instrument.adopted:
                raise loaded.error(index, f"{c.date} is before {c.instrument.value} was adopted ({spec.instrument.adopted})", "date")
            needs = spec.entry_into_force.only_parties_to
            if needs is not None:
                member = current.party(needs, c.state, c.date)
                if member.value is False:
                    raise loaded.error(
                        index,
                        f"{c.state} cannot consent to {c.instrument.value} on {c.date}: only Parties to {needs.value} may "
                        f"({c.instrument.value} {spec.entry_into_force.only_parties_to_cite}), and {member.facts[0].text if member.facts else c.state + ' is not one'}",
                        "state",
                    )
            base = existing or _blank(c.instrument, c.state, name)
            parties[(c.instrument, c.state)] = replace(
                base,
                consent_date=c.date,
                consent_kind=c.kind,
                entry_into_force=None,
                source_url=f"scenario {name}",
                where=f"scenario {name}, event {index + 1}",
                hypothetical=name,
                notes=f"hypothetical {c.kind} deposited on {c.date}",
                as_of=None,
            )
        elif kind == "signature":
            s = event.signature
            assert s is not None
            _spec(specs, s.instrument, loaded, index)
            existing = parties.get((s.instrument, s.state))
            if existing is not None and existing.signature is not None:
                raise loaded.error(index, f"{s.state} already signed {s.instrument.value} on {existing.signature}", "state")
            base = existing or _blank(s.instrument, s.state, name)
            parties[(s.instrument, s.state)] = replace(base, signature=s.date, hypothetical=name, where=f"scenario {name}, event {index + 1}")
        elif kind == "denunciation":
            d = event.denunciation
            assert d is not None
            existing = parties.get((d.instrument, d.state))
            if existing is None or not (existing.consent_date or existing.consent_kind or existing.entry_into_force):
                raise loaded.error(index, f"{d.state} is not a Party to {d.instrument.value}, so it cannot denounce it", "state")
            parties[(d.instrument, d.state)] = replace(existing, withdrawn=d.date, hypothetical=name, where=f"scenario {name}, event {index + 1}")
        elif kind in ("reservation", "declaration"):
            st = event.reservation or event.declaration
            assert st is not None
            spec = _spec(specs, st.instrument, loaded, index)
            if not is_article_id(st.provision):
                raise loaded.error(index, f"{st.provision!r} is not a provision id such as '29.4' or '7.9.a'", "provision")
            row = StatementRow(
                instrument=st.instrument,
                iso2=st.state,
                provisions=(st.provision,),
                kind=kind,
                summary=st.summary,
                effective=st.effective,
                withdrawn=None,
                source_url=f"scenario {name}",
                filed_as="",
                confidence=Confidence.HIGH,
                note="hypothetical",
                where=f"scenario {name}, event {index + 1}",
                hypothetical=name,
            )
            check_statement(row, spec, parties, _Fail(loaded, index))
            statements.append(row)
        elif kind == "withdrawal":
            w = event.withdrawal
            assert w is not None
            matches = [
                row for row in list(current.statement_rows) + statements
                if row.instrument is w.instrument and row.iso2 == w.state and row.kind == w.kind and w.provision in row.provisions
            ]
            if not matches:
                raise loaded.error(index, f"{w.state} has no {w.kind} under {w.instrument.value} Art {w.provision} on record to withdraw", "provision")
            for row in matches:
                if row in statements:
                    statements[statements.index(row)] = replace(row, withdrawn=w.date)
                else:
                    withdrawn[row.where] = w.date
        elif kind == "mla_treaty":
            m = event.mla_treaty
            assert m is not None
            a, b = m.states
            if a == b:
                raise loaded.error(index, "an MLA treaty needs two different States", "states")
            treaties[frozenset((a, b))] = (m.from_, name)
        current = book.with_rows(parties=parties, statements=statements, withdrawn_statements=withdrawn, mla_treaties=treaties)
    return current


def _spec(specs: Mapping[Instrument, RuleFile], instrument: Instrument, loaded: LoadedScenario, index: int) -> RuleFile:
    spec = specs.get(instrument)
    if spec is None:
        raise loaded.error(index, f"no rule file for {instrument.value} is loaded", "instrument")
    return spec


def _blank(instrument: Instrument, iso2: str, scenario: str) -> PartyRow:
    return PartyRow(
        instrument=instrument,
        iso2=iso2,
        state_name=iso2,
        signature=None,
        consent_date=None,
        consent_kind=None,
        entry_into_force=None,
        withdrawn=None,
        source_url=f"scenario {scenario}",
        as_of=None,
        notes="hypothetical",
        where=f"scenario {scenario}",
        hypothetical=scenario,
    )


def _check_states(event: Event, loaded: LoadedScenario, index: int, states: Mapping[str, object]) -> None:
    payload = getattr(event, event.kind)
    codes = payload.states if event.kind == "mla_treaty" else (payload.state,)
    for code in codes:
        if code not in states:
            raise loaded.error(index, f"{code!r} is not an ISO 3166-1 alpha-2 code", "states" if event.kind == "mla_treaty" else "state")


__all__ = ["ScenarioFileError", "apply_scenario"]
