"""Layer a what-if scenario over the real data, checking each event against the treaty.

Each hypothetical row carries the scenario's name, so every fact an answer
draws from it is marked hypothetical. What follows from the events (the
Second Protocol's entry into force after a fifth consent, a reservation taking
effect with its author's entry into force) is not written here: the new
``StatusBook`` derives it by the same rules as for real data.

Each refusal of an event is a ``ScenarioFileError`` with a message of the
``scenario`` catalogue (``scenario.event.*``), rendered in the language in use
when it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from treatyrules._facts.status import StatusBook, statement_kind
from treatyrules._i18n import Text, t_text
from treatyrules._validate.datafile import DataFileErrorFactory, PartyRow, StatementRow, check_statement
from treatyrules._validate.rulefile import RuleFile, is_article_id
from treatyrules.errors import DataFileError, Message, ScenarioFileError
from treatyrules.scenario import Event, LoadedScenario
from treatyrules.vocabulary import Confidence, Instrument


class _Fail(DataFileErrorFactory):
    """Turns the data checks' errors into errors that point into the scenario file."""

    def __init__(self, scenario: LoadedScenario, index: int) -> None:
        self.scenario = scenario
        self.index = index

    def __call__(self, column: str, message: str | Message) -> DataFileError:
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
                when = existing.consent_date or existing.entry_into_force or Message("scenario.event.date_not_on_record")
                raise loaded.error(index, Message("scenario.event.already_consented", state=c.state, instrument=c.instrument.value, when=when), "state")
            if c.date < spec.instrument.adopted:
                raise loaded.error(index, Message("scenario.event.before_adoption", day=c.date, instrument=c.instrument.value, adopted=spec.instrument.adopted), "date")
            needs = spec.entry_into_force.only_parties_to
            if needs is not None:
                member = current.party(needs, c.state, c.date)
                if member.value is False:
                    why: Text | Message = member.facts[0].text if member.facts else Message("scenario.event.is_not_one", state=c.state)
                    raise loaded.error(
                        index,
                        Message(
                            "scenario.event.only_parties", state=c.state, instrument=c.instrument.value, day=c.date, needs=needs.value,
                            cite=spec.entry_into_force.only_parties_to_cite, why=why,
                        ),
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
                raise loaded.error(index, Message("scenario.event.already_signed", state=s.state, instrument=s.instrument.value, day=existing.signature), "state")
            base = existing or _blank(s.instrument, s.state, name)
            parties[(s.instrument, s.state)] = replace(base, signature=s.date, hypothetical=name, where=f"scenario {name}, event {index + 1}")
        elif kind == "denunciation":
            d = event.denunciation
            assert d is not None
            existing = parties.get((d.instrument, d.state))
            if existing is None or not (existing.consent_date or existing.consent_kind or existing.entry_into_force):
                raise loaded.error(index, Message("scenario.event.not_a_party", state=d.state, instrument=d.instrument.value), "state")
            parties[(d.instrument, d.state)] = replace(existing, withdrawn=d.date, hypothetical=name, where=f"scenario {name}, event {index + 1}")
        elif kind in ("reservation", "declaration"):
            st = event.reservation or event.declaration
            assert st is not None
            spec = _spec(specs, st.instrument, loaded, index)
            if not is_article_id(st.provision):
                raise loaded.error(index, Message("scenario.event.not_a_provision", provision=st.provision), "provision")
            row = StatementRow(
                instrument=st.instrument,
                iso2=st.state,
                provisions=(st.provision,),
                kind=kind,
                summary=_summary(st.summary),
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
                raise loaded.error(
                    index,
                    Message("scenario.event.nothing_to_withdraw", state=w.state, kind=statement_kind(w.kind), instrument=w.instrument.value, provision=w.provision),
                    "provision",
                )
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
                raise loaded.error(index, Message("scenario.event.mla_one_state"), "states")
            treaties[frozenset((a, b))] = (m.from_, name)
        current = book.with_rows(parties=parties, statements=statements, withdrawn_statements=withdrawn, mla_treaties=treaties)
    return current


def _spec(specs: Mapping[Instrument, RuleFile], instrument: Instrument, loaded: LoadedScenario, index: int) -> RuleFile:
    spec = specs.get(instrument)
    if spec is None:
        raise loaded.error(index, Message("scenario.event.no_rule_file", instrument=instrument.value), "instrument")
    return spec


def _summary(text: str) -> Text:
    """A hypothetical statement's summary: the scenario's own text, or "hypothetical" in both languages."""
    return t_text("scenario.hypothetical") if text == "hypothetical" else Text(en=text, es=text)


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
            raise loaded.error(index, Message("data.not_iso", value=code), "states" if event.kind == "mla_treaty" else "state")


__all__ = ["ScenarioFileError", "apply_scenario"]
