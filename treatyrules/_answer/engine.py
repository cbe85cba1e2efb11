"""The engine: the whole pipeline, loaded once and queried many times.

load (rule, channel, label and data files) -> validate (pydantic, positions)
-> facts (``StatusBook``) -> rules (compiled, fired per instrument)
-> graph (routes) -> answer (``Answer``) -> explain (``_explain``).

Answers are memoised by the query's equivalence class: a date matters only
through the interval between consecutive dates at which some status changes,
so two dates in the same interval share one computed answer. The language in use
(``treatyrules._i18n.using``) is part of every memo's key: it changes the texts of an
answer, never its legal fields.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from treatyrules._answer.basis import build_basis, fact_note
from treatyrules._answer.compare import diff_answers, timeline_events
from treatyrules._answer.comparison import compare_bases
from treatyrules._facts.overlay import apply_scenario
from treatyrules._facts.status import StatusBook
from treatyrules._memo import LRU
from treatyrules._graph.routes import ChannelMap, RouteFinder, load_channel_map
from treatyrules._i18n import LANGS, Lang, current, t
from treatyrules._load.paths import fixtures_dir, package_data_dir, rules_dir
from treatyrules._rules.evaluate import Backend, gaps_touched, select_backend, set_aside_reserved
from treatyrules._rules.predicates import Context
from treatyrules._rules.rulebook import Rulebook, load_rulebook
from treatyrules._validate.datafile import (
    read_authorities,
    read_coverage,
    read_parties,
    read_statements,
    read_states,
)
from treatyrules._validate.labels import Labels, load_labels
from treatyrules.errors import InvalidDateError, InvalidQueryError, UnknownStateError, UnknownTagError
from treatyrules.models import Answer, Basis, Branch, Caveat, Comparison, Diff, FactNote, MatrixDiff, MatrixEntry, Query, Route, Timeline
from treatyrules.scenario import LoadedScenario, Scenario, load_scenario
from treatyrules.vocabulary import Confidence, DataType, Instrument, Measure, Offence

#: the English text of ``answer.verify_caveat`` (answers show it in the language in use)
VERIFY_CAVEAT = (
    "Some conclusions rest on points the reference texts could not confirm; each is marked "
    "confidence 'verify' and should be checked against the official text before it is relied on."
)
DESIGNATIONS_OF = {Instrument.SECOND_PROTOCOL: Instrument.BUDAPEST}


@dataclass(frozen=True)
class Computed:
    bases: tuple[Basis, ...]
    routes: tuple[Route, ...]
    caveats: tuple[Caveat, ...]
    branches: tuple[Branch, ...]
    hypotheses: tuple[FactNote, ...]
    comparison: Comparison | None = None


def _coerce_date(value: object, field: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidDateError(value, field)


class Engine:
    def __init__(self, rules: Path | None = None, fixtures: Path | None = None, backend: str | None = None) -> None:
        rules = rules or rules_dir()
        fixtures = fixtures or fixtures_dir()
        self.rules_path = rules
        self.fixtures_path = fixtures
        self.labels: Labels = load_labels(package_data_dir() / "labels.yaml")
        self.states = read_states(package_data_dir() / "states.csv")
        self.rulebooks: dict[Instrument, Rulebook] = {}
        for instrument in Instrument:
            path = rules / f"{instrument.value}.yaml"
            if path.exists():
                self.rulebooks[instrument] = load_rulebook(path)
        self.channel_map: ChannelMap = load_channel_map(rules / "channels.yaml")
        self.routes = RouteFinder(self.channel_map, DESIGNATIONS_OF)
        specs = {i: b.spec for i, b in self.rulebooks.items()}
        parties = read_parties(fixtures / "parties.csv", self.states)
        party_keys = {(p.instrument, p.iso2): p for p in parties}
        statements = read_statements(fixtures / "reservations.csv", self.states, specs, party_keys)
        authorities = read_authorities(fixtures / "authorities.csv", self.states)
        coverage = read_coverage(fixtures / "coverage.csv", self.states)
        self.book = StatusBook(specs, parties, statements, authorities, coverage)
        self.backend: Backend = select_backend(backend)
        self._labels_en = self.labels.en()
        # the vocabulary's labels in each language: names[kind][tag] -> text
        self._labels_by_lang: dict[Lang, dict[str, dict[str, str]]] = {
            lang: {kind: {tag: label.es if lang == "es" else label.en for tag, label in tags.items()} for kind, tags in self.labels.names.items()}
            for lang in LANGS
        }
        self._cache = LRU(65536)
        self._exact = LRU(65536)
        self._books = LRU(64)

    # -- queries -------------------------------------------------------------------

    def state(self, code: object, field: str) -> str:
        if not isinstance(code, str):
            raise InvalidQueryError(f"{field} must be an ISO 3166-1 alpha-2 code as a string, got {code!r}")
        upper = code.strip().upper()
        if upper not in self.states:
            raise UnknownStateError(code, self.states, field)
        return upper

    def query(
        self,
        requesting: object,
        requested: object,
        *,
        measure: object,
        offence: object,
        on: object = None,
        urgent: object = False,
        emergency: object = False,
        mla_treaty: object = None,
        extradition_treaty: object = None,
        data_types: Iterable[object] | None = None,
        max_penalty_years: object = None,
        act_began: object = None,
        scenario: str | None = None,
    ) -> Query:
        req = self.state(requesting, "requesting")
        rqd = self.state(requested, "requested")
        if req == rqd:
            raise InvalidQueryError(f"requesting and requested State are both {req}; a State does not send a request to itself")
        try:
            m = Measure(str(measure))
        except ValueError:
            raise UnknownTagError("measure", str(measure), [x.value for x in Measure]) from None
        try:
            o = Offence(str(offence))
        except ValueError:
            raise UnknownTagError("offence", str(offence), [x.value for x in Offence]) from None
        day = date.today() if on is None else _coerce_date(on, "on")
        for name, value in (("urgent", urgent), ("emergency", emergency)):
            if not isinstance(value, bool):
                raise InvalidQueryError(f"{name} must be true or false, got {value!r}")
        treaties: dict[str, bool | None] = {}
        for name, value in (("mla_treaty", mla_treaty), ("extradition_treaty", extradition_treaty)):
            if value is not None and not isinstance(value, bool):
                raise InvalidQueryError(f"{name} must be true, false or None (unknown), got {value!r}")
            treaties[name] = value
        types: tuple[DataType, ...] | None = None
        if data_types is not None:
            if isinstance(data_types, str):
                data_types = [data_types]
            parsed = set()
            for item in data_types:
                try:
                    parsed.add(DataType(str(item)))
                except ValueError:
                    raise UnknownTagError("data type", str(item), [x.value for x in DataType]) from None
            if not parsed:
                raise InvalidQueryError("data_types, when given, must name at least one data type")
            types = tuple(sorted(parsed))
        penalty: float | None = None
        if max_penalty_years is not None:
            if isinstance(max_penalty_years, bool) or not isinstance(max_penalty_years, int | float) or max_penalty_years < 0:
                raise InvalidQueryError(f"max_penalty_years must be a non-negative number of years, got {max_penalty_years!r}")
            penalty = float(max_penalty_years)
        began = None if act_began is None else _coerce_date(act_began, "act_began")
        return Query(
            requesting=req,
            requested=rqd,
            measure=m,
            offence=o,
            on=day,
            urgent=bool(urgent),
            emergency=bool(emergency),
            mla_treaty=treaties["mla_treaty"],
            extradition_treaty=treaties["extradition_treaty"],
            data_types=types,
            max_penalty_years=penalty,
            act_began=began,
            scenario=scenario,
        )

    # -- answers -------------------------------------------------------------------

    def answer(self, query: Query, book: StatusBook | None = None) -> Answer:
        """The answer to ``query``, its texts in the language in use (``using(lang)``)."""
        book = book or self.book
        lang = current()
        exact_key = (query, book.token, lang)
        return self._exact.get_or_make(exact_key, lambda: self._answer(query, book, lang))

    def _answer(self, query: Query, book: StatusBook, lang: Lang) -> Answer:
        key = (
            query.requesting, query.requested, query.measure, query.offence, query.urgent, query.emergency,
            query.mla_treaty, query.extradition_treaty, query.data_types, query.max_penalty_years, query.act_began, query.scenario,
            book.period(query.on), book.token, lang,
        )
        computed = self._cache.get_or_make(key, lambda: self.compute(query, book, branches=True))
        return Answer.model_construct(
            query=query,
            lang=lang,
            bases=computed.bases,
            routes=computed.routes,
            caveats=computed.caveats,
            branches=computed.branches,
            hypotheses=computed.hypotheses,
            comparison=computed.comparison,
        )

    # -- what-if -----------------------------------------------------------------

    def book_for(self, scenario: str | Path | Scenario | LoadedScenario | None) -> StatusBook:
        """The data with ``scenario``'s hypothetical facts layered on (the real data for None)."""
        if scenario is None:
            return self.book
        loaded = load_scenario(scenario)
        specs = {i: b.spec for i, b in self.rulebooks.items()}
        return self._books.get_or_make(loaded.fingerprint(), lambda: apply_scenario(self.book, loaded, specs, self.states))

    def answer_under(self, query: Query, scenario: str | Path | Scenario | LoadedScenario | None) -> Answer:
        if scenario is None:
            return self.answer(query)
        loaded = load_scenario(scenario)
        return self.answer(query.model_copy(update={"scenario": loaded.name}), self.book_for(loaded))

    def diff(self, query: Query, scenario: str | Path | Scenario | LoadedScenario) -> Diff:
        loaded = load_scenario(scenario)
        plain = self.answer(query.model_copy(update={"scenario": None}))
        under = self.answer_under(query, loaded)
        return Diff(query=under.query, scenario=loaded.name, changes=diff_answers(plain, under), hypotheses=under.hypotheses)

    def diff_matrix(
        self,
        requesting: str,
        scenario: str | Path | Scenario | LoadedScenario,
        *,
        offence: str,
        on: object,
        measures: Iterable[str] | None = None,
        others: Iterable[str] | None = None,
    ) -> MatrixDiff:
        loaded = load_scenario(scenario)
        chosen = [Measure(m) for m in measures] if measures is not None else list(Measure)
        req = self.state(requesting, "requesting")
        if others is None:
            others = sorted({iso for (_, iso) in self.book_for(loaded).party_rows} - {req})
        entries = []
        day = None
        for rqd in others:
            for measure in chosen:
                query = self.query(req, rqd, measure=measure, offence=offence, on=on)
                day = query.on
                changes = self.diff(query, loaded).changes
                if changes:
                    entries.append(MatrixEntry(requested=query.requested, measure=measure, changes=changes))
        off = Offence(offence)
        return MatrixDiff(requesting=req, offence=off, on=day or _coerce_date(on, "on"), scenario=loaded.name, entries=tuple(entries))

    def timeline(
        self,
        a: str,
        b: str,
        *,
        scenario: str | Path | Scenario | LoadedScenario | None = None,
        offence: str = "electronic_evidence_any_offence",
    ) -> Timeline:
        first, second = self.state(a, "first State"), self.state(b, "second State")
        if first == second:
            raise InvalidQueryError(f"a timeline needs two different States, got {first} twice")
        loaded = load_scenario(scenario) if scenario is not None else None
        book = self.book_for(loaded)
        name = loaded.name if loaded else None

        def make(req: str, rqd: str, measure: Measure, day: date) -> Query:
            return self.query(req, rqd, measure=measure, offence=offence, on=day, scenario=name)

        events = timeline_events(book, first, second, make, lambda q: self.answer(q, book))
        return Timeline(states=(first, second), scenario=name, offence=Offence(offence), events=events)

    def compute(self, query: Query, book: StatusBook, *, branches: bool) -> Computed:
        """The parts of an answer, their texts in the language in use."""
        lang = current()
        labels = self._labels_by_lang[lang]
        bases: list[Basis] = []
        gaps: list[str] = []
        for instrument, rulebook in self.rulebooks.items():
            ctx = Context(query, book, instrument)
            firings, set_aside = set_aside_reserved(rulebook, ctx, self.backend.fire(rulebook, ctx))
            basis = build_basis(rulebook, firings, ctx, labels, set_aside)
            bases.append(basis)
            if not _not_provided(basis, query):
                gaps.extend(gap.pick(lang) for gap in gaps_touched(rulebook, ctx))
            caveat = rulebook.spec.instrument.caveat
            if caveat and basis.applicable is not False:
                gaps.append(f"{instrument.value}: {caveat.pick(lang)}")
        bases_t = tuple(bases)
        routes = self.routes.routes(query, bases_t, book)
        caveat_texts = list(dict.fromkeys(gaps))
        if any(_uses_verify(b) for b in bases_t if b.applicable is not False):
            caveat_texts.append(t("answer.verify_caveat"))
        branch_list: tuple[Branch, ...] = ()
        if branches and query.mla_treaty is None and _missing_anywhere(bases_t, "mla_treaty"):
            branch_list = tuple(
                Branch(assuming={"mla_treaty": value}, bases=sub.bases, routes=sub.routes)
                for value in (True, False)
                for sub in [self.compute(query.model_copy(update={"mla_treaty": value}), book, branches=False)]
            )
        return Computed(
            bases=bases_t,
            routes=routes,
            caveats=tuple(Caveat(text=text) for text in caveat_texts),
            branches=branch_list,
            hypotheses=_hypotheses(bases_t),
            comparison=compare_bases(bases_t, routes, self.channel_map, labels, self._labels_en),
        )


def _not_provided(basis: Basis, query: Query) -> bool:
    """The instrument does not provide the measure: who is bound by it does not matter."""
    return any(r.rule.endswith(f".not_provided.{query.measure.value}") for r in basis.reasons)


def _uses_verify(basis: Basis) -> bool:
    return basis.confidence is Confidence.VERIFY


def _missing_anywhere(bases: tuple[Basis, ...], key: str) -> bool:
    for basis in bases:
        pools = [basis.missing_facts]
        pools += [c.missing_facts for c in basis.channels]
        pools += [g.missing_facts for g in basis.refusal_grounds + basis.postponement_grounds]
        if any(m.fact == key for pool in pools for m in pool):
            return True
    return False


def _hypotheses(bases: tuple[Basis, ...]) -> tuple[FactNote, ...]:
    seen: dict[FactNote, None] = {}
    for basis in bases:
        reasons = list(basis.reasons)
        for channel in basis.channels:
            reasons.extend(channel.reasons)
        if basis.dual_criminality:
            reasons.extend(basis.dual_criminality.reasons)
        for reason in reasons:
            for fact in reason.facts:
                if fact.hypothetical:
                    seen.setdefault(fact, None)
    return tuple(seen)


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def default_engine() -> Engine:
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _ENGINE = Engine()
    return _ENGINE


__all__ = ["Engine", "default_engine", "fact_note"]
