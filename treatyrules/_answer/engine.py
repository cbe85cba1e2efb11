"""The engine: the whole pipeline, loaded once and queried many times.

load (rule, channel, label and data files) -> validate (pydantic, positions)
-> facts (``StatusBook``) -> rules (compiled, fired per instrument)
-> graph (routes) -> answer (``Answer``) -> explain (``_explain``).

Answers are computed once per equivalence class of queries and shared
(``docs/performance.md``, "How answers are shared"). Two queries are in one class when
everything that reaches their answers is the same apart from *which* States ask and are
asked: the measure, the offence, the flags, the language, the status period of the date (a
date matters only through the interval between consecutive dates at which some status
changes), and, for each of the two States, the *shape* of its facts on that date (whether
each instrument binds it, which of its reservations and declarations are in effect, with
their confidence, citations and gaps), and the same for the pair (another treaty between
them, when the co-operation act began). The first query of a class is computed in full
(``_compute_parts``, the reference computation); its answer becomes the class's template:
the parts that name no State are kept and shared as they are, the parts that do (each
State's facts and missing facts, the States' codes on grounds, the authorities on a route's
hops, the caveats from data gaps) are filled in for each pair from that pair's own facts.
Within that first computation each instrument's basis is shared the same way, per class of
the facts that instrument's own rules read (``_shared_basis``).

``Engine(memo=False)`` is the reference path: every answer computed from scratch, nothing
shared between queries (``tests/test_equivalence.py`` checks the two give identical answers).

Every cache is bounded (the sizes are the ``*_SIZE`` constants below, in
``treatyrules._facts.status`` and in ``treatyrules._graph.routes``) and thread-safe. The language in use
(``treatyrules._i18n.using``) is part of every key under which a text is cached: it changes
the texts of an answer, never its legal fields.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from treatyrules._answer.basis import _fact_note, _missing_fact, build_basis, fact_note
from treatyrules._answer.compare import diff_answers, timeline_events
from treatyrules._answer.comparison import compare_bases
from treatyrules._facts.overlay import apply_scenario
from treatyrules._facts.status import BOOK_MEMO_SIZE, StatusBook
from treatyrules._memo import LRU, Leaf, ModelRecipe, TupleRecipe, construct, fill, len_of, mark_shared, part_of
from treatyrules._graph.routes import ACTOR_SIZE, SKELETON_SIZE, ChannelMap, RouteFinder, _actor, _designation_instrument, load_channel_map
from treatyrules._i18n import LANGS, Lang, catalogue, current, t, using
from treatyrules._load.paths import fixtures_dir, package_data_dir, rules_dir
from treatyrules._rules.conditions import Atom, atoms
from treatyrules._rules.evaluate import Backend, fire_with_gaps, select_backend, set_aside_reserved
from treatyrules._rules.logic import Fact, Missing, Truth
from treatyrules._rules.predicates import Context, _extradition_truth_of, _mla_truth_of
from treatyrules._rules.rulebook import Rulebook, load_rulebook
from treatyrules._validate.datafile import (
    AuthorityRow,
    CoverageRow,
    PartyRow,
    StatementRow,
    read_authorities,
    read_coverage,
    read_parties,
    read_statements,
    read_states,
)
from treatyrules._validate.labels import Labels, load_labels
from treatyrules.errors import InvalidDateError, InvalidQueryError, Message, UnknownStateError, UnknownTagError
from treatyrules.models import (
    Actor,
    Answer,
    Basis,
    Branch,
    Caveat,
    Comparison,
    Diff,
    FactNote,
    GroundEntry,
    MatrixDiff,
    MatrixEntry,
    MissingFact,
    Query,
    Route,
    Timeline,
)
from treatyrules.scenario import LoadedScenario, Scenario, load_scenario, scenarios_dir
from treatyrules.vocabulary import Confidence, DataType, Instrument, Measure, Offence

#: the English text of ``answer.verify_caveat`` (answers show it in the language in use)
VERIFY_CAVEAT = (
    "Some conclusions rest on points the reference texts could not confirm; each is marked "
    "confidence 'verify' and should be checked against the official text before it is relied on."
)
DESIGNATIONS_OF = {Instrument.SECOND_PROTOCOL: Instrument.BUDAPEST}

#: answers kept for exact repeats of a query (one entry: one ``Answer``)
EXACT_SIZE = 4096
#: normalised ``Query`` objects kept per raw argument tuple (saves re-validating repeats)
QUERY_SIZE = 8192
#: equivalence classes kept, each with its template answer
CLASS_SIZE = 2048
#: one instrument's basis per class of the facts its own rules read
BASIS_SIZE = 4096
#: routes found for a class's first query (the routes' own memo; later pairs reuse the template's)
ROUTES_SIZE = 4096
#: one class's template filled in for one pair on one status period (a ``Computed``): the
#: same pair asked again on another date of the period gets the very same parts
FILLED_SIZE = 1024
#: one State's facts in one role for one measure on one status period (half of a class key)
STATE_SIZE = 16384
#: the facts about one pair (other treaties between them, when the co-operation act began)
PAIR_SIZE = 2048
#: a data row as of a date more than this many years before the day the engine is built is
#: flagged in the caveats of every answer resting on it (so is a row with no as-of date)
STALE_AFTER_YEARS = 3
#: the environment variable that sets the threshold for engines built without one
STALE_AFTER_ENV = "TREATYRULES_STALE_AFTER_YEARS"
#: one row's staleness caveat per language (or None: the row is recent enough)
STALE_SIZE = 8192
#: predicates whose reads the class key covers; a rule file using any other disables sharing
SHAREABLE_PREDICATES = frozenset({
    "measure_is", "offence_in", "urgent", "emergency", "data_includes", "data_only", "max_penalty_at_least",
    "mla_treaty", "extradition_treaty", "party", "in_force", "reservation", "declaration", "cooperation_began_in_force",
})


V = TypeVar("V")


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
    def __init__(
        self,
        rules: Path | None = None,
        fixtures: Path | None = None,
        backend: str | None = None,
        *,
        memo: bool = True,
        stale_after_years: int | None = None,
    ) -> None:
        """``memo=False``: the reference path, every answer computed from scratch with nothing
        shared between queries (no answer, class or fact memo; the routes' memo is off too).

        ``stale_after_years``: a data row as of a date more than this many years before today
        (the day the engine is built), or with no as-of date, is named in the caveats of every
        answer resting on it; default ``TREATYRULES_STALE_AFTER_YEARS``, else 3."""
        self.stale_after_years = stale_after(stale_after_years)
        self.stale_before = years_before(date.today(), self.stale_after_years)
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
        self.book = StatusBook(specs, parties, statements, authorities, coverage, memo=memo)
        self.memo = memo
        self.backend: Backend = select_backend(backend)
        self._labels_en = self.labels.en()
        # the vocabulary's labels in each language: names[kind][tag] -> text
        self._labels_by_lang: dict[Lang, dict[str, dict[str, str]]] = {
            lang: {kind: {tag: label.es if lang == "es" else label.en for tag, label in tags.items()} for kind, tags in self.labels.names.items()}
            for lang in LANGS
        }
        self._exact: LRU | None = LRU(EXACT_SIZE) if memo else None
        self._queries: LRU | None = LRU(QUERY_SIZE) if memo else None
        self._classes: LRU | None = LRU(CLASS_SIZE) if memo else None
        self._bases: LRU | None = LRU(BASIS_SIZE) if memo else None
        self._filled = LRU(FILLED_SIZE)
        self._state_sides = LRU(STATE_SIZE)
        self._pair_sides = LRU(PAIR_SIZE)
        self._pair_quick = LRU(PAIR_SIZE)  # the same sides by the arguments their truths come from
        self._books = LRU(64)
        self._scenarios = LRU(64)
        self._stale = LRU(STALE_SIZE)
        # the routes' own memo: only a class's first query looks routes up now, so a smaller one
        # does; off for the reference path, where nothing is shared between queries
        self.routes._memo = LRU(ROUTES_SIZE if memo else 0)
        self.routes._skeletons = LRU(SKELETON_SIZE if memo else 0)
        self.routes._actors = LRU(ACTOR_SIZE if memo else 0)
        self._shape = _Shape(self.rulebooks)

    # -- queries -------------------------------------------------------------------

    def state(self, code: object, field: str) -> str:
        if not isinstance(code, str):
            raise InvalidQueryError(Message("query.state_not_text", field=field, value=repr(code)))
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
        """The normalised ``Query`` for these arguments (``InvalidQueryError`` and its kin if
        they are not valid). Repeats of the same arguments get the same ``Query`` object."""
        memo = self._queries
        key = _raw_key(requesting, requested, measure, offence, on, urgent, emergency, mla_treaty, extradition_treaty, data_types, max_penalty_years, act_began, scenario)
        if memo is not None and key is not None:
            found = memo.get(key)
            if found is not None:
                return found  # type: ignore[no-any-return]
        made = self._normalise(
            requesting, requested, measure=measure, offence=offence, on=on, urgent=urgent, emergency=emergency, mla_treaty=mla_treaty,
            extradition_treaty=extradition_treaty, data_types=data_types, max_penalty_years=max_penalty_years, act_began=act_began, scenario=scenario,
        )
        if memo is not None and key is not None:
            memo.put(key, made)
        return made

    def _normalise(
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
            raise InvalidQueryError(Message("query.same_state", state=req))
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
                raise InvalidQueryError(Message("query.not_boolean", name=name, value=repr(value)))
        treaties: dict[str, bool | None] = {}
        for name, value in (("mla_treaty", mla_treaty), ("extradition_treaty", extradition_treaty)):
            if value is not None and not isinstance(value, bool):
                raise InvalidQueryError(Message("query.not_boolean_or_none", name=name, value=repr(value)))
            treaties[name] = value
        types: tuple[DataType, ...] | None = None
        if data_types is not None:
            if isinstance(data_types, str):
                data_types = [data_types]
            elif isinstance(data_types, bytes | bytearray | Mapping) or not isinstance(data_types, Iterable):
                raise InvalidQueryError(Message("query.bad_data_types", value=repr(data_types)))
            parsed = set()
            for item in data_types:
                try:
                    parsed.add(DataType(str(item)))
                except ValueError:
                    raise UnknownTagError("data type", str(item), [x.value for x in DataType]) from None
            if not parsed:
                raise InvalidQueryError(Message("query.no_data_type"))
            types = tuple(sorted(parsed))
        penalty: float | None = None
        if max_penalty_years is not None:
            if isinstance(max_penalty_years, bool) or not isinstance(max_penalty_years, int | float):
                raise InvalidQueryError(Message("query.bad_penalty", value=repr(max_penalty_years)))
            try:
                penalty = float(max_penalty_years)
            except OverflowError:
                # an int too large for a float is no penalty any law provides
                raise InvalidQueryError(Message("query.bad_penalty", value=_short_repr(int(max_penalty_years)))) from None
            if not math.isfinite(penalty) or penalty < 0:
                raise InvalidQueryError(Message("query.bad_penalty", value=repr(max_penalty_years)))
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
        exact = self._exact
        if exact is None:
            return self._answer(query, book, lang)
        key = (query, book.token, lang)
        found = exact.get(key)
        if found is None:
            found = exact.put(key, self._answer(query, book, lang))
        return found  # type: ignore[no-any-return]

    def _answer(self, query: Query, book: StatusBook, lang: Lang) -> Answer:
        computed = self.compute(query, book, branches=True)
        # the age of the rows the answer rests on, read off its parts however they were made
        # (shared or from scratch); the parts alone (the matrix) do not need it
        stale = self.staleness(book, query.on, lang, computed.bases, computed.routes, computed.branches)
        return construct(
            Answer,
            dict(
                query=query,
                lang=lang,
                bases=computed.bases,
                routes=computed.routes,
                caveats=computed.caveats + stale if stale else computed.caveats,
                branches=computed.branches,
                hypotheses=computed.hypotheses,
                comparison=computed.comparison,
            ),
        )

    def ask(
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
        scenario: str | Path | Scenario | LoadedScenario | None = None,
        lang: Lang | None = None,
    ) -> Answer:
        """``which_treaty_applies`` on this engine (``lang``: None for the language in use).

        An exact repeat of earlier arguments (no scenario, an explicit date) is one look-up,
        without normalising the arguments or setting the language again."""
        chosen = current() if lang is None else lang
        exact = self._exact
        key = None
        if exact is not None and scenario is None:
            key = _raw_key(
                requesting, requested, measure, offence, on, urgent, emergency, mla_treaty, extradition_treaty, data_types, max_penalty_years, act_began, None, chosen,
            )
            if key is not None:
                found = exact.get(key)
                if found is not None:
                    return found  # type: ignore[no-any-return]
        with using(chosen):
            query = self.query(
                requesting, requested, measure=measure, offence=offence, on=on, urgent=urgent, emergency=emergency, mla_treaty=mla_treaty,
                extradition_treaty=extradition_treaty, data_types=data_types, max_penalty_years=max_penalty_years, act_began=act_began,
            )
            answer = self.answer_under(query, scenario)
        if key is not None and exact is not None:
            exact.put(key, answer)
        return answer

    # -- what-if -----------------------------------------------------------------

    def _scenario(self, source: str | Path | Scenario | LoadedScenario) -> LoadedScenario:
        """``load_scenario(source)``; a scenario named or given by path is read again only when
        one of the files it comes from (or the folder of shipped scenarios) has changed."""
        if not isinstance(source, str | Path):
            return load_scenario(source)
        key = (type(source), str(source))
        found = self._scenarios.get(key)
        if found is not None and found[1] == _stamps(found[2]):
            return found[0]  # type: ignore[no-any-return]
        loaded = load_scenario(source)
        shipped = scenarios_dir()
        files = [shipped]
        names: list[str] = []
        if isinstance(source, str) and (shipped / f"{source}.yaml").is_file():
            names.append(source)  # a shipped scenario's name, as load_scenario reads it
        else:
            files.append(Path(source))
        todo = [loaded]
        while todo:
            item = todo.pop()
            names.extend(item.scenario.extends)
            todo.extend(item.parents)
        files.extend(shipped / f"{name}.yaml" for name in names)
        self._scenarios.put(key, (loaded, _stamps(files), tuple(files)))
        return loaded

    def book_for(self, scenario: str | Path | Scenario | LoadedScenario | None) -> StatusBook:
        """The data with ``scenario``'s hypothetical facts layered on (the real data for None)."""
        if scenario is None:
            return self.book
        loaded = self._scenario(scenario)
        specs = {i: b.spec for i, b in self.rulebooks.items()}
        return self._books.get_or_make(loaded.fingerprint(), lambda: apply_scenario(self.book, loaded, specs, self.states))

    def answer_under(self, query: Query, scenario: str | Path | Scenario | LoadedScenario | None) -> Answer:
        if scenario is None:
            return self.answer(query)
        loaded = self._scenario(scenario)
        return self.answer(query.model_copy(update={"scenario": loaded.name}), self.book_for(loaded))

    def diff(self, query: Query, scenario: str | Path | Scenario | LoadedScenario) -> Diff:
        loaded = self._scenario(scenario)
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
        loaded = self._scenario(scenario)
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
            raise InvalidQueryError(Message("query.timeline_same_state", state=first))
        loaded = self._scenario(scenario) if scenario is not None else None
        book = self.book_for(loaded)
        name = loaded.name if loaded else None

        def make(req: str, rqd: str, measure: Measure, day: date) -> Query:
            return self.query(req, rqd, measure=measure, offence=offence, on=day, scenario=name)

        events = timeline_events(book, first, second, make, lambda q: self.answer(q, book))
        return Timeline(states=(first, second), scenario=name, offence=Offence(offence), events=events)

    def compute(self, query: Query, book: StatusBook, *, branches: bool) -> Computed:
        """The parts of an answer, their texts in the language in use.

        Computed once per equivalence class (module docstring): the first query of a class is
        computed in full and becomes the class's template; every later one is the template
        with its own States' facts filled in."""
        if not self._shares(book):
            return self._compute_parts(query, book, branches)[0]
        lang = current()
        template, sides, computed = self._template(query, book, branches)
        # Whole answers (``branches``) are remembered per pair and period, so that the same pair
        # asked on another date of the period gets the very same parts. Bulk callers of the
        # parts alone (the matrix: one query per pair) would only fill the memo with parts that
        # are never asked for again.
        remember = branches
        if computed is not None:
            if remember:
                self._filled.put((template, *sides), computed)
            return computed
        if not remember:
            return template.fill(sides, lang, book, query.on, self.routes.designations_of)
        filled_key = (template, *sides)
        found: Computed | None = self._filled.get(filled_key)
        if found is None:
            found = self._filled.put(filled_key, template.fill(sides, lang, book, query.on, self.routes.designations_of))
        return found

    def compute_view(self, query: Query, book: StatusBook, view: Callable[[Computed], V]) -> tuple[V, tuple[tuple[MissingFact, ...], ...]]:
        """``view`` of the parts of ``query``'s answer (without the mla_treaty branches), and the
        missing facts of each of its bases, in the language in use.

        ``view`` may read only what names no State (whether each instrument applies, its
        channels, grounds, time limits, the routes' channels): that is the same for every query
        of the class, so it is called once per class and kept on the class's template. The
        missing facts name the States (``party:budapest:PY``) and are filled in per pair. The
        matrix reads its rows this way."""
        if not self._shares(book):
            computed = self._compute_parts(query, book, False)[0]
            return view(computed), tuple(b.missing_facts for b in computed.bases)
        lang = current()
        template, sides, first = self._template(query, book, False)
        if first is not None:
            return template.view(view, lambda: first), tuple(b.missing_facts for b in first.bases)
        # a template made from this language's answer: a class key names its language
        return template.view(view, lambda: template.fill(sides, lang, book, query.on, self.routes.designations_of)), template.missing_of(sides, lang)

    def _shares(self, book: StatusBook) -> bool:
        """Whether answers on ``book`` are computed once per class (else each from scratch)."""
        return self._classes is not None and self._shape.shareable and book.memoised

    def _template(self, query: Query, book: StatusBook, branches: bool) -> tuple[_Template, tuple[_Side, _Side, _Side], Computed | None]:
        """The template of ``query``'s class and the query's sides; and, when the query is the
        first of its class (the template is made from it), its parts computed in full."""
        assert self._classes is not None
        key, sides = self.class_key(query, book, branches=branches)
        template: _Template | None = self._classes.get(key)
        if template is not None:
            return template, sides, None
        computed, sources = self._compute_parts(query, book, branches, sides)
        return self._classes.put(key, _Template(computed, sources, sides, current())), sides, computed

    def class_key(self, query: Query, book: StatusBook, *, branches: bool) -> tuple[tuple[object, ...], tuple[_Side, _Side, _Side]]:
        """The key of ``query``'s equivalence class (queries with equal keys share one computed
        answer) in the language in use, and the two States' and the pair's facts it is made of."""
        sides = self._sides(query, book, branches)
        key = (
            book.token, current(), branches, book.period(query.on),
            query.measure, query.offence, query.urgent, query.emergency, query.mla_treaty, query.extradition_treaty,
            query.data_types, query.max_penalty_years,
            # where grounds of both States can be listed together, they are in the order of their codes
            query.requesting < query.requested if self._shape.code_order else None,
            sides[0].token, sides[1].token, sides[2].token,
        )
        return key, sides

    # -- the caches -------------------------------------------------------------------------

    def clear_caches(self, *, facts: bool = False) -> None:
        """Empty the answer caches: exact repeats, normalised queries, the classes' templates
        and their fills, the pairs' facts. ``facts``: also every memo of dated facts (each
        State's, the books', the routes', the co-operation predicates'), so that the next query
        is computed from scratch (benchmarks; answers never depend on what is cached)."""
        for memo in (self._exact, self._queries, self._classes, self._bases, self._filled, self._pair_sides, self._pair_quick):
            if memo is not None:
                memo.clear()
        if facts:
            self._state_sides.clear()
            self._stale.clear()
            self.routes._memo.clear()
            self.routes._skeletons.clear()
            self.routes._actors.clear()
            _LEAF_FREE.clear()
            _SHAPES.clear()
            for book in [self.book, *self._books._data.values()]:
                book.clear_memo()
            for measure in Measure:
                for atom, _ in self._shape.cooperation(measure):
                    memo = getattr(atom.evaluate, "memo", None)
                    if memo is not None:
                        memo.clear()

    def cache_sizes(self) -> dict[str, dict[str, int]]:
        """Each cache's entries now and the most it holds (``limit``), by name."""
        out: dict[str, dict[str, int]] = {}
        named = {
            "exact answers": self._exact, "normalised queries": self._queries, "class templates": self._classes,
            "instruments' bases": self._bases, "filled classes": self._filled, "State facts": self._state_sides, "pair facts": self._pair_sides, "pair facts by date": self._pair_quick,
            "scenario books": self._books, "routes": self.routes._memo, "paths through the roles": self.routes._skeletons, "ends of hops": self.routes._actors, "answer parts naming no State": _LEAF_FREE, "shapes of facts": _SHAPES,
            "staleness caveats": self._stale,
        }
        for name, memo in named.items():
            if memo is not None:
                out[name] = {"entries": len(memo), "limit": memo.size}
        books = [self.book, *self._books._data.values()]
        out["dated facts (all books)"] = {"entries": sum(b.memo_entries for b in books), "limit": BOOK_MEMO_SIZE * len(books)}
        for fn in _PACKAGE_LRU_CACHES:
            info = fn.cache_info()
            out[f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"] = {"entries": info.currsize, "limit": info.maxsize or 0}
        return out

    def _compute_parts(
        self, query: Query, book: StatusBook, branches: bool, sides: tuple[_Side, _Side, _Side] | None = None,
    ) -> tuple[Computed, _Sources]:
        """The reference computation: every instrument's rules fired and its basis built, the
        routes, caveats, branches and comparison. Also returns where each caveat comes from
        (the facts whose data gaps it names), for the class template. ``sides`` (the query's,
        where answers are shared): each basis is taken from its own class where met before."""
        lang = current()
        bases: list[Basis] = []
        sources: list[Fact | str] = []
        for instrument, rulebook in self.rulebooks.items():
            if sides is None:
                basis, found = self._basis(instrument, rulebook, query, book, lang)
            else:
                basis, found = self._shared_basis(instrument, rulebook, query, book, lang, sides)
            bases.append(basis)
            sources.extend(found)
        bases_t = tuple(bases)
        routes = self.routes.routes(query, bases_t, book)
        verify = t("answer.verify_caveat") if any(_uses_verify(b) for b in bases_t if b.applicable is not False) else None
        branch_list: tuple[Branch, ...] = ()
        if branches and query.mla_treaty is None and _missing_anywhere(bases_t, "mla_treaty"):
            branch_list = tuple(
                construct(Branch, dict(assuming={"mla_treaty": value}, bases=sub.bases, routes=sub.routes))
                for value in (True, False)
                for sub in [self.compute(query.model_copy(update={"mla_treaty": value}), book, branches=False)]
            )
        computed = Computed(
            bases=bases_t,
            routes=routes,
            caveats=_caveats(_caveat_texts(sources, lang), verify),
            branches=branch_list,
            hypotheses=_hypotheses(bases_t),
            comparison=compare_bases(bases_t, routes, self.channel_map, self._labels_by_lang[lang], self._labels_en),
        )
        return computed, _Sources(tuple(sources), verify)

    def _basis(
        self, instrument: Instrument, rulebook: Rulebook, query: Query, book: StatusBook, lang: Lang,
    ) -> tuple[Basis, tuple[Fact | str, ...]]:
        """One instrument's rules fired and its basis built; and where its caveats come from."""
        ctx = Context(query, book, instrument)
        fired, gap_facts = fire_with_gaps(self.backend, rulebook, ctx)
        firings, set_aside = set_aside_reserved(rulebook, ctx, fired)
        basis = build_basis(rulebook, firings, ctx, self._labels_by_lang[lang], set_aside)
        sources: list[Fact | str] = []
        if not _not_provided(basis, query):
            # a State's reservation list matters only where the instrument may bind the pair
            sources.extend(gap_facts if basis.applicable is not False else (f for f in gap_facts if not f.statement))
        caveat = rulebook.spec.instrument.caveat
        if caveat and basis.applicable is not False:
            sources.append(f"{instrument.value}: {caveat.pick(lang)}")
        return basis, tuple(sources)

    def _shared_basis(
        self, instrument: Instrument, rulebook: Rulebook, query: Query, book: StatusBook, lang: Lang, sides: tuple[_Side, _Side, _Side],
    ) -> tuple[Basis, tuple[Fact | str, ...]]:
        """``_basis``, computed once per class of the instrument's own: a basis depends only on
        what its instrument's rules read, so queries whose answers differ (another instrument
        binds one State) can still share it. Its key is the class key with, for each State,
        the shape of the facts that instrument's rules read in place of all its facts."""
        assert self._bases is not None
        shape = self._shape
        parts = (
            sides[0].part(shape.read_by(query.measure, "requesting", instrument)),
            sides[1].part(shape.read_by(query.measure, "requested", instrument)),
            sides[2],
        )
        key = (
            instrument, book.token, lang, book.period(query.on),
            query.measure, query.offence, query.urgent, query.emergency, query.mla_treaty, query.extradition_treaty,
            query.data_types, query.max_penalty_years,
            query.requesting < query.requested if shape.code_order else None,
            parts[0].token, parts[1].token, parts[2].token,
        )
        template: _BasisTemplate | None = self._bases.get(key)
        if template is not None:
            return template.fill(parts, lang)
        basis, sources = self._basis(instrument, rulebook, query, book, lang)
        self._bases.put(key, _BasisTemplate(basis, sources, parts, lang))
        return basis, sources

    # -- the age of the data -----------------------------------------------------------------

    def staleness(
        self, book: StatusBook, on: date, lang: Lang, bases: tuple[Basis, ...], routes: tuple[Route, ...], branches: tuple[Branch, ...],
    ) -> tuple[Caveat, ...]:
        """A caveat for each data row the answer rests on (a fact it shows, the designated
        authority at one end of a hop) that is older than the threshold or undated, in the
        order the answer shows them. Read off the answer's own parts, so that an answer filled
        in from its class and one computed from scratch name the same rows."""
        wheres: dict[str, None] = {}
        actors: dict[tuple[Instrument, str, str], None] = {}
        _rows_shown(bases, routes, branches, wheres, actors)
        index = book.rows_by_place
        out: list[Caveat] = []
        for where in wheres:
            found = index.get(where)
            if found is not None:
                caveat = self._stale_caveat(book, found, lang)
                if caveat is not None:
                    out.append(caveat)
        designations = self.routes.designations_of
        for instrument, state, role in actors:
            for row in book.authorities(_designation_instrument(instrument, designations), state, role, on):
                caveat = self._stale_caveat(book, row, lang)
                if caveat is not None:
                    out.append(caveat)
        return tuple(dict.fromkeys(out))

    def _stale_caveat(self, book: StatusBook, row: DataRow, lang: Lang) -> Caveat | None:
        key = (book.token, type(row), row.where, getattr(row, "role", None), getattr(row, "effective", None), lang)
        found = self._stale.get(key, _NOT_STALE_YET)
        if found is not _NOT_STALE_YET:
            return found  # type: ignore[no-any-return]
        return self._stale.put(key, _stale_caveat(row, lang, self.stale_after_years, self.stale_before))

    # -- the two States' facts, the halves of a class key ----------------------------------

    def _sides(self, query: Query, book: StatusBook, branches: bool) -> tuple[_Side, _Side, _Side]:
        day2 = query.act_began or query.on
        return (
            self._state_side(book, query.requesting, "requesting", query.measure, query.on, day2),
            self._state_side(book, query.requested, "requested", query.measure, query.on, day2),
            self._pair_side(book, query, branches and query.mla_treaty is None),
        )

    def _state_side(self, book: StatusBook, code: str, role: str, measure: Measure, on: date, day2: date) -> _Side:
        """What the rules for ``measure`` can read about one State in one role: whether each
        instrument binds it (on the date, and when the co-operation act began), and the
        reservations and declarations they ask about. Its shape is the same for every State
        whose facts lead the rules to the same conclusions; its facts are that State's own."""
        slots, late = self._shape.slots(measure, role)
        key = (book.token, code, role, measure, book.period(on), book.period(day2) if late else None)
        found: _Side | None = self._state_sides.get(key)
        if found is not None:
            return found
        truths = [
            book.party(slot[1], code, day2 if slot[2] == "cooperation_began" else on) if slot[0] == "party"
            else book.statement(slot[1], code, slot[2], slot[3], on)  # type: ignore[misc]
            for slot in slots
        ]
        # a reservation that sets a provision aside is quoted inside a reason's text: no sharing
        own = code in self._reserving(book)
        side = _Side(code, _shape_of(truths, code if own else None), truths)
        return self._state_sides.put(key, side)

    def _reserving(self, book: StatusBook) -> frozenset[str]:
        """The States with a reservation to an instrument whose reservations set provisions aside."""
        key = ("reserving", book.token)
        found: frozenset[str] | None = self._state_sides.get(key)
        if found is None:
            found = frozenset(r.iso2 for r in book.statement_rows if r.kind == "reservation" and r.instrument in self._shape.set_aside)
            self._state_sides.put(key, found)
        return found

    def _pair_side(self, book: StatusBook, query: Query, both_ways: bool) -> _Side:
        """What the rules can read about the pair: another MLA treaty between them (as given,
        as recorded in a scenario, and both ways for the branches), an extradition treaty, and
        whether the co-operation act began after an instrument entered into force between them.
        The facts about the treaties (texts naming both States) are built only when used."""
        req, rqd = query.requesting, query.requested
        given, extradition = query.mla_treaty, query.extradition_treaty
        found = book.mla_treaty(req, rqd, query.on) if given is None else None
        atoms_of = self._shape.cooperation(query.measure)
        # the co-operation truths are a function of the pair, the day the act began and the
        # atoms asked: keyed on those, they are evaluated only when the pair's side is made
        began = (query.act_began or query.on) if atoms_of else None
        quick = (book.token, req, rqd, given, found, extradition, both_ways, began, self._shape.cooperation_token(query.measure))
        side: _Side | None = self._pair_quick.get(quick)
        if side is not None:
            return side
        cooperation = tuple(atom.evaluate(Context(query, book, instrument)) for atom, instrument in atoms_of)
        # keyed on the truths themselves, so that dates whose truths are the same (another date
        # of a status period) get the very same side, and with it the very same filled parts
        key = (book.token, req, rqd, given, found, extradition, both_ways, cooperation)
        side = self._pair_sides.get(key)
        if side is not None:
            return self._pair_quick.put(quick, side)
        # the co-operation facts: the act's own (source "query", naming dates, never a State), or
        # the party status of the States without a status row (the same facts as the States' sides)
        shape = (
            given, found is not None, extradition, both_ways,
            tuple(
                (
                    truth.value, len(truth.missing),
                    tuple((f.source == "query", f.confidence, f.cites, f.hypothetical is not None, f.gap is not None) for f in truth.facts),
                    # which State's party status it is, when it is one
                    tuple(book.entry_into_force(instrument, state) is None for state in (req, rqd)),
                )
                for truth, (_, instrument) in zip(cooperation, self._shape.cooperation(query.measure), strict=True)
            ),
        )

        def truths() -> list[Truth]:
            return [
                _mla_truth_of(req, rqd, given, found),
                *((_mla_truth_of(req, rqd, True, None), _mla_truth_of(req, rqd, False, None)) if both_ways else ()),
                _extradition_truth_of(req, rqd, extradition),
                *cooperation,
            ]

        return self._pair_quick.put(quick, self._pair_sides.put(key, _Side(None, shape, truths)))


@dataclass(frozen=True)
class _Sources:
    """Where an answer's caveats come from, in order: facts whose data gaps they name, and
    fixed texts (an instrument's own caveat); the verify caveat goes last."""

    items: tuple[Fact | str, ...]
    verify: str | None


@functools.lru_cache(maxsize=4096)
def _caveat(text: str) -> Caveat:
    return construct(Caveat, dict(text=text))


def _caveats(texts: Iterable[str], verify: str | None) -> tuple[Caveat, ...]:
    out = [_caveat(text) for text in dict.fromkeys(texts)]
    if verify is not None:
        out.append(_caveat(verify))
    return tuple(out)


DataRow = PartyRow | StatementRow | CoverageRow | AuthorityRow
_NOT_STALE_YET = object()


def stale_after(value: object) -> int:
    """The staleness threshold in whole years: ``value``, else ``TREATYRULES_STALE_AFTER_YEARS``,
    else ``STALE_AFTER_YEARS`` (``InvalidQueryError`` for anything but a whole number of years)."""
    if value is None:
        raw = os.environ.get(STALE_AFTER_ENV, "").strip()
        if not raw:
            return STALE_AFTER_YEARS
        try:
            value = int(raw)
        except ValueError:
            raise InvalidQueryError(Message("query.bad_stale_after", value=repr(raw))) from None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
        raise InvalidQueryError(Message("query.bad_stale_after", value=repr(value)))
    return value


def years_before(day: date, years: int) -> date:
    """The same day ``years`` years earlier (28 February for a 29 February with no match)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _stale_caveat(row: DataRow, lang: Lang, years: int, before: date) -> Caveat | None:
    as_of: date | None = getattr(row, "as_of", None)  # a statement row may give none
    if as_of is not None and as_of >= before:
        return None
    with using(lang):
        if isinstance(row, PartyRow):
            what = t("answer.stale.party")
        elif isinstance(row, StatementRow):
            provisions = "; ".join(row.provisions) or t("facts.statement.article_unknown")
            kind = row.kind if row.kind in ("reservation", "declaration") else "statement"
            what = t(f"answer.stale.{kind}", provisions=provisions)
        elif isinstance(row, CoverageRow):
            subject = row.subject if row.subject in ("parties", "reservations", "declarations") else None
            what = t(f"answer.stale.coverage_{subject}") if subject else t("answer.stale.coverage_other", subject=row.subject)
        else:
            role = f"answer.stale.role.{row.role}"
            what = t("answer.stale.authority", role=t(role) if role in catalogue().keys() else row.role)
        text = t(
            "answer.stale.old" if as_of is not None else "answer.stale.unknown",
            what=what,
            instrument=row.instrument.value,
            state=t("answer.stale.all_states") if row.iso2 == "*" else row.iso2,
            where=row.where,
            as_of=as_of,
            years=years,
            cutoff=before,
            source=row.source_url or t("answer.stale.no_source"),
        )
    return construct(Caveat, dict(text=text, source=row.source_url, row=row.where, as_of=as_of, older_than=before))


def _rows_shown(
    bases: tuple[Basis, ...], routes: tuple[Route, ...], branches: tuple[Branch, ...],
    wheres: dict[str, None], actors: dict[tuple[Instrument, str, str], None],
) -> None:
    """Collect, in order, where each fact the answer shows comes from (the facts of the
    reasons of its bases, channels and dual criminality), and each named authority at the end
    of a hop, with the instrument of its route."""
    for group, paths in ((bases, routes), *((b.bases, b.routes) for b in branches)):
        for basis in group:
            reasons = [basis.reasons]
            for channel in basis.channels:
                reasons.append(channel.reasons)
                reasons.append(channel.closed_by)
            if basis.dual_criminality is not None:
                reasons.append(basis.dual_criminality.reasons)
            for pool in reasons:
                for reason in pool:
                    for note in reason.facts:
                        if note.hypothetical is None and note.where:
                            wheres.setdefault(note.where, None)
        for route in paths:
            for hop in route.hops:
                for actor in (hop.sender, hop.receiver):
                    if actor.name is not None:
                        actors.setdefault((route.instrument, actor.state, actor.role), None)
                    for note in actor.notified:
                        if note.hypothetical is None and note.where:
                            wheres.setdefault(note.where, None)


def _stamps(paths: Iterable[Path]) -> tuple[tuple[int, int] | None, ...]:
    """When each file was last changed, and its size (None: it is not there)."""
    out: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            out.append(None)
        else:
            out.append((st.st_mtime_ns, st.st_size))
    return tuple(out)


def _caveat_texts(sources: Iterable[Fact | str], lang: Lang) -> list[str]:
    out: list[str] = []
    for item in sources:
        if isinstance(item, str):
            out.append(item)
        elif item.gap is not None:
            out.append(item.gap.pick(lang))
    return out


def _short_repr(value: int) -> str:
    """A huge int in a message, as its order of magnitude (``repr`` fails past 4,300 digits)."""
    return f"{'-' if value < 0 else ''}~10**{round(abs(value).bit_length() * math.log10(2))}"


def _raw_key(
    requesting: object, requested: object, measure: object, offence: object, on: object, urgent: object, emergency: object,
    mla_treaty: object, extradition_treaty: object, data_types: object, max_penalty_years: object, act_began: object, scenario: object,
    lang: Lang | None = None,
) -> tuple[object, ...] | None:
    """The raw arguments of a query (and the language, for a key of answers) as a memo key, or
    None where they cannot safely be one. Where every optional argument is its default the key
    is short, ``(requesting, requested, measure, offence, on, lang)``: a shorter tuple hashes
    faster, and keys of different lengths never compare equal (``which_treaty_applies`` makes
    that short key itself).

    Only plain types are accepted, so that two keys compare equal only when the arguments
    normalise to the same ``Query`` (``True == 1``, but ``urgent=1`` is an error; ``0.0 ==
    -0.0``, but the two penalties print differently), and a missing date (today) is never a key.
    """
    if type(requesting) is not str or type(requested) is not str or not isinstance(measure, str) or not isinstance(offence, str):
        return None
    if (type(on) is not str and type(on) is not date) or (act_began is not None and type(act_began) is not str and type(act_began) is not date):
        return None
    if (
        urgent is False and emergency is False and mla_treaty is None and extradition_treaty is None and data_types is None
        and max_penalty_years is None and act_began is None and scenario is None
    ):
        return (requesting, requested, measure, offence, on, lang)
    if type(urgent) is not bool or type(emergency) is not bool:
        return None
    if (mla_treaty is not None and type(mla_treaty) is not bool) or (extradition_treaty is not None and type(extradition_treaty) is not bool):
        return None
    if data_types is not None and (type(data_types) is not tuple or not all(isinstance(x, str) for x in data_types)):
        return None
    if max_penalty_years is not None and (type(max_penalty_years) not in (int, float) or max_penalty_years == 0):
        return None
    if scenario is not None and type(scenario) is not str:
        return None
    return (requesting, requested, measure, offence, on, urgent, emergency, mla_treaty, extradition_treaty, data_types, max_penalty_years, act_began, scenario, lang)


def _pattern(items: Sequence[Hashable]) -> tuple[int, ...]:
    """Which items are equal: for each, the index of the first item equal to it."""
    first: dict[Hashable, int] = {}
    return tuple(first.setdefault(item, i) for i, item in enumerate(items))


def _note_key(fact: Fact, lang: Lang) -> tuple[object, ...]:
    """What a fact shows in an answer (its ``FactNote``) in ``lang``."""
    return (fact.text.pick(lang), fact.source, fact.where, fact.as_of, fact.derived, fact.hypothetical, fact.confidence)


def _shape_of(truths: Sequence[Truth], identity: str | None) -> tuple[object, ...]:
    """What the rules and the answer take from ``truths`` other than the texts of their facts:
    each truth's value, its facts' confidence, citations, gaps and hypothetical flag, how many
    facts are missing, and which facts (or notes, or missing facts) are the same."""
    facts = [f for truth in truths for f in truth.facts]
    missing = [m for truth in truths for m in truth.missing]
    return (
        identity,
        tuple(
            (truth.value, tuple((f.confidence, f.cites, f.hypothetical is not None, f.gap is not None) for f in truth.facts), len(truth.missing))
            for truth in truths
        ),
        _pattern(facts),
        *(_pattern([_note_key(f, lang) for f in facts]) for lang in LANGS),
        _pattern(missing),
        *(_pattern([(m.key, m.text.pick(lang)) for m in missing]) for lang in LANGS),
    )


#: shapes of States' and pairs' facts met lately -> their number (never reused for another shape)
SHAPE_SIZE = 32768
_SHAPES = LRU(SHAPE_SIZE)
_next_shape = itertools.count(1).__next__


def _shape_token(shape: tuple[object, ...]) -> int:
    """A number standing for ``shape``: equal shapes get the same number while it is remembered,
    different shapes never do. (A shape forgotten and met again gets a new number: its classes
    are then computed anew, never confused with another's.)"""
    found: int | None = _SHAPES.get(shape)
    return found if found is not None else _SHAPES.put(shape, _next_shape())


class _Side:
    """One State's facts in one role (or the pair's) as the rules read them: their *shape*,
    which a class key compares, and the facts and missing facts themselves, in a fixed order,
    which fill a class's template. Two sides with the same shape lead every rule to the same
    conclusion with the same articles, confidence and gaps; only their facts' texts differ."""

    __slots__ = ("code", "shape", "token", "_truths", "_facts", "_missing", "_notes", "_missing_notes", "_actors", "_parts")

    def __init__(self, code: str | None, shape: tuple[object, ...], truths: Sequence[Truth] | Callable[[], Sequence[Truth]]) -> None:
        self.code = code
        self.shape = shape
        # a class key holds this number, not the nested shape, so that it hashes in one step
        self.token = _shape_token(shape)
        self._truths = truths
        self._facts: tuple[Fact, ...] | None = None
        self._missing: tuple[Missing, ...] = ()
        self._notes: dict[Lang, tuple[FactNote, ...]] = {}
        self._missing_notes: dict[Lang, tuple[MissingFact, ...]] = {}
        self._actors: dict[tuple[str, Instrument, Lang], Actor] = {}
        self._parts: dict[tuple[int, ...], _Side] = {}

    def part(self, indices: tuple[int, ...]) -> _Side:
        """The side made of this State side's truths at ``indices`` alone (those one instrument's
        rules read): its shape is the shape of those truths, with the same identity."""
        found = self._parts.get(indices)
        if found is None:
            assert not callable(self._truths)  # a State's side, not the pair's
            truths = [self._truths[i] for i in indices]
            found = self._parts[indices] = _Side(self.code, _shape_of(truths, self.shape[0]), truths)  # type: ignore[arg-type]
        return found

    @property
    def facts(self) -> tuple[Fact, ...]:
        if self._facts is None:
            truths = self._truths() if callable(self._truths) else self._truths
            self._missing = tuple(m for truth in truths for m in truth.missing)
            self._facts = tuple(f for truth in truths for f in truth.facts)
        return self._facts

    @property
    def missing(self) -> tuple[Missing, ...]:
        _ = self.facts
        return self._missing

    def notes(self, lang: Lang) -> tuple[FactNote, ...]:
        found = self._notes.get(lang)
        if found is None:
            # a pair's facts are its own: kept here, not in the notes memo shared by every answer
            make = _fact_note if self.code is not None else _fact_note.__wrapped__
            found = self._notes[lang] = tuple(make(f, lang) for f in self.facts)
        return found

    def missing_notes(self, lang: Lang) -> tuple[MissingFact, ...]:
        found = self._missing_notes.get(lang)
        if found is None:
            make = _missing_fact if self.code is not None else _missing_fact.__wrapped__
            found = self._missing_notes[lang] = tuple(make(m, lang) for m in self.missing)
        return found

    def actor(self, role: str, instrument: Instrument, book: StatusBook, on: date, designations_of: Mapping[Instrument, Instrument]) -> Actor:
        """This State as one end of a hop (a State side is for one status period, as designations
        are; what a State notified without naming an office is in the language in use)."""
        key = (role, instrument, current())
        found = self._actors.get(key)
        if found is None:
            assert self.code is not None
            found = self._actors[key] = _actor(self.code, role, instrument, book, on, designations_of)
        return found


Slot = tuple[str, Instrument, str] | tuple[str, Instrument, str, str]


class _Shape:
    """What the rulebooks can read, collected once: per measure and role, the party status and
    statements any rule for the measure asks about; the co-operation predicates; the
    instruments whose reservations set provisions aside; whether two States' grounds can be
    listed together; and whether every predicate used is one the class key covers."""

    def __init__(self, rulebooks: dict[Instrument, Rulebook]) -> None:
        names: set[str] = set()
        grounds: dict[tuple[object, ...], set[str]] = {}
        for rulebook in rulebooks.values():
            for rule in rulebook.rules:
                names.update(a.predicate for node in (rule.guard, rule.require) if node is not None for a in atoms(node))
                for kind in ("refusal_ground", "postponement_ground"):
                    spec = getattr(rule.then, kind, None) if rule.then is not None else None
                    if spec is not None and spec.of is not None:
                        grounds.setdefault((rulebook.instrument, kind, spec.ground, spec.source), set()).add(spec.of)
        self.shareable = names <= SHAREABLE_PREDICATES
        self.code_order = any(len(whom) > 1 for whom in grounds.values())
        self.set_aside = frozenset(i for i, b in rulebooks.items() if b.spec.reservations.effect == "provision_not_applied")
        self._rulebooks = rulebooks
        self._slots: dict[tuple[Measure, str], tuple[tuple[Slot, ...], bool]] = {}
        self._read: dict[tuple[Measure, str, Instrument], tuple[int, ...]] = {}
        self._cooperation: dict[Measure, tuple[tuple[Atom, Instrument], ...]] = {}
        for measure in Measure:
            self._collect(measure)
        numbers: dict[tuple[int, ...], int] = {}
        self._cooperation_tokens = {
            m: numbers.setdefault(tuple(id(atom) for atom, _ in found), len(numbers)) for m, found in self._cooperation.items()
        }

    def _collect(self, measure: Measure) -> None:
        slots: dict[str, dict[Slot, None]] = {"requesting": {}, "requested": {}}
        # the slots each instrument's own rules read, per role
        read: dict[tuple[Instrument, str], dict[Slot, None]] = {}
        cooperation: dict[tuple[int, Instrument], tuple[Atom, Instrument]] = {}
        for instrument, rulebook in self._rulebooks.items():
            found: list[tuple[str, Slot]] = []
            add = found.append
            for rule in rulebook.for_measure(measure):
                for node in (rule.guard, rule.require):
                    for atom in atoms(node) if node is not None else ():
                        if atom.predicate == "party":
                            of, of_instrument, at = atom.args
                            for role in ("requesting", "requested") if of == "both" else (of,):
                                add((role, ("party", of_instrument, at)))
                        elif atom.predicate in ("reservation", "declaration"):
                            of, provision, of_instrument = atom.args
                            add((of, ("statement", of_instrument, atom.predicate, provision)))
                        elif atom.predicate == "cooperation_began_in_force":
                            cooperation.setdefault((id(atom), instrument), (atom, instrument))
                            for role in slots:  # a State with no status row: its party status decides
                                add((role, ("party", instrument, "cooperation_began")))
            for role, slot in found:
                slots[role].setdefault(slot, None)
                read.setdefault((instrument, role), {}).setdefault(slot, None)
        for role, known in slots.items():
            self._slots[(measure, role)] = (tuple(known), any(s[0] == "party" and s[2] == "cooperation_began" for s in known))
            index = {slot: i for i, slot in enumerate(known)}
            for instrument in self._rulebooks:
                self._read[(measure, role, instrument)] = tuple(sorted(index[slot] for slot in read.get((instrument, role), {})))
        self._cooperation[measure] = tuple(cooperation.values())

    def slots(self, measure: Measure, role: str) -> tuple[tuple[Slot, ...], bool]:
        """What a State in ``role`` can be asked about for ``measure``, and whether any of it is
        asked for the date the co-operation act began."""
        return self._slots[(measure, role)]

    def read_by(self, measure: Measure, role: str, instrument: Instrument) -> tuple[int, ...]:
        """Which of ``slots(measure, role)`` the rules of ``instrument`` read (their indices)."""
        return self._read[(measure, role, instrument)]

    def cooperation(self, measure: Measure) -> tuple[tuple[Atom, Instrument], ...]:
        return self._cooperation[measure]

    def cooperation_token(self, measure: Measure) -> int:
        """The same number for measures whose rules ask the same co-operation predicates."""
        return self._cooperation_tokens[measure]


def _package_lru_caches() -> list[Any]:
    from treatyrules._answer import basis
    from treatyrules._rules import predicates

    names = (
        (basis, "_fact_note"), (basis, "_missing_fact"), (basis, "_reason_for"), (basis, "_time_limit"), (basis, "_contents"),
        (basis, "_condition"), (basis, "_article_key"), (basis, "_closed_list"), (basis, "_relationship"), (basis, "_cites_of"),
        (basis, "_channel"), (basis, "_ground"), (basis, "_not_provided"), (predicates, "_mla_truth_of"), (predicates, "_extradition_truth_of"),
    )
    return [getattr(module, name) for module, name in names] + [_caveat]


# the kinds of leaf in a template: a fact's note, a missing fact, a State's code, an actor
_NOTE, _MISSING, _CODE, _ACTOR = 0, 1, 2, 3
_LEAF_FREE = LRU(32768)  # id -> model: answer parts that name no State, whatever the pair
_SCALARS = (str, int, float, bool, type(None), date, dict)


class _Template:
    """An answer turned into a recipe for the answers of its whole class: the parts that hold
    none of its States' facts stay as they are; the others are rebuilt with each pair's own.
    The recipe is made when the class is first met again (a class met once costs nothing more)."""

    __slots__ = ("_first", "_recipe", "_views", "_missing", "caveats", "verify", "__weakref__")

    def __init__(self, computed: Computed, sources: _Sources, sides: tuple[_Side, _Side, _Side], lang: Lang) -> None:
        self._first: tuple[Computed, _Sources, tuple[_Side, _Side, _Side], Lang] | None = (computed, sources, sides, lang)
        self._recipe: Any = None
        self._views: dict[Callable[[Computed], Any], Any] = {}
        # each basis's missing facts as a recipe, which sides they name, whether none varies
        self._missing: tuple[tuple[Any, ...], tuple[bool, ...], bool] | None = None
        self.caveats: tuple[tuple[int, int] | str | Fact, ...] = ()
        self.verify: str | None = None

    def view(self, view: Callable[[Computed], V], computed: Callable[[], Computed]) -> V:
        """``view`` of the class's answer (of any of its members': it reads only what they share)."""
        found = self._views.get(view, _NO_VIEW)
        if found is _NO_VIEW:
            found = self._views[view] = view(computed())
        return found  # type: ignore[no-any-return]

    def missing_of(self, sides: tuple[_Side, _Side, _Side], lang: Lang) -> tuple[tuple[MissingFact, ...], ...]:
        """Each basis's missing facts for the pair of ``sides``: the missing facts alone filled in."""
        found = self._missing
        if found is None:
            bases = part_of(self.recipe, 0)
            recipes = tuple(part_of(part_of(bases, i), "missing_facts") for i in range(len_of(bases)))
            found = self._missing = (recipes, tuple(_refers_to(recipes, s) for s in range(3)), all(type(r) is tuple for r in recipes))
        recipes, refers, fixed = found
        if fixed:
            return recipes
        tables = ((), [side.missing_notes(lang) if refers[s] else () for s, side in enumerate(sides)])
        return tuple(fill(r, tables, _no_call) for r in recipes)

    @property
    def recipe(self) -> Any:
        first = self._first
        if first is not None:  # two threads may both make it: the same recipe, either wins
            self._make(*first)
            self._first = None
        return self._recipe

    def _make(self, computed: Computed, sources: _Sources, sides: tuple[_Side, _Side, _Side], lang: Lang) -> None:
        parts = (computed.bases, computed.routes, computed.branches, computed.hypotheses, computed.comparison)
        self._recipe, self.caveats = _recipe_of(parts, sources.items, sides, lang)
        self.verify = sources.verify

    def fill(
        self, sides: tuple[_Side, _Side, _Side], lang: Lang, book: StatusBook, on: date, designations_of: Mapping[Instrument, Instrument],
    ) -> Computed:
        tables = _tables(sides, lang)

        def actor(leaf: Leaf) -> Actor:
            role, instrument = leaf.extra
            return sides[leaf.side].actor(role, instrument, book, on, designations_of)

        recipe = self.recipe
        bases, routes, branches, hypotheses, comparison = fill(recipe, tables, actor)
        texts: list[str] = []
        facts = [side.facts for side in sides]
        for item in self.caveats:
            if type(item) is str:
                texts.append(item)
            else:
                fact = facts[item[0]][item[1]] if type(item) is tuple else item
                if fact.gap is not None:  # type: ignore[union-attr]
                    texts.append(fact.gap.pick(lang))  # type: ignore[union-attr]
        return Computed(
            bases=bases, routes=routes, caveats=_caveats(texts, self.verify), branches=branches, hypotheses=hypotheses, comparison=comparison,
        )


_NO_VIEW: Any = object()


class _BasisTemplate:
    """One instrument's basis turned into a recipe for every query of its class (``_Template``
    for one basis): its caveats' sources are kept as the places of their facts. Made when the
    class is first met again."""

    __slots__ = ("_first", "_recipe", "_sources")

    def __init__(self, basis: Basis, sources: tuple[Fact | str, ...], sides: tuple[_Side, _Side, _Side], lang: Lang) -> None:
        self._first: tuple[Basis, tuple[Fact | str, ...], tuple[_Side, _Side, _Side], Lang] | None = (basis, sources, sides, lang)
        self._recipe: Any = None
        self._sources: tuple[tuple[int, int] | str | Fact, ...] = ()

    def fill(self, sides: tuple[_Side, _Side, _Side], lang: Lang) -> tuple[Basis, tuple[Fact | str, ...]]:
        first = self._first
        if first is not None:  # two threads may both make it: the same recipe, either wins
            basis, sources, made_from, made_in = first
            self._recipe, self._sources = _recipe_of(basis, sources, made_from, made_in)
            self._first = None
        facts = [side.facts for side in sides]
        found = tuple(facts[item[0]][item[1]] if type(item) is tuple else item for item in self._sources)
        return fill(self._recipe, _tables(sides, lang), _no_call), found  # type: ignore[return-value]


def _recipe_of(
    value: Any, sources: Iterable[Fact | str], sides: tuple[_Side, _Side, _Side], lang: Lang,
) -> tuple[Any, tuple[tuple[int, int] | str | Fact, ...]]:
    """``value`` (answer parts made from ``sides`` in ``lang``) as a recipe whose places hold the
    sides' facts, missing facts and codes; and ``sources`` with each fact of a side as its place."""
    notes: dict[FactNote, Leaf] = {}
    missing: dict[MissingFact, Leaf] = {}
    facts: dict[Fact, tuple[int, int]] = {}
    for s, side in enumerate(sides):
        for i, (fact, note) in enumerate(zip(side.facts, side.notes(lang), strict=True)):
            notes.setdefault(note, Leaf(_NOTE, s, i))
            facts.setdefault(fact, (s, i))
        for i, item in enumerate(side.missing_notes(lang)):
            missing.setdefault(item, Leaf(_MISSING, s, i))
    walker = _Walker(notes, missing, {sides[0].code: 0, sides[1].code: 1})
    recipe = walker.walk(value, None)[0]
    mark_shared(recipe)
    return recipe, tuple(item if isinstance(item, str) else facts.get(item, item) for item in sources)


def _tables(sides: tuple[_Side, _Side, _Side], lang: Lang) -> tuple[list[Any], ...]:
    """What a recipe's places are filled from: each side's notes, missing facts and code."""
    return ([side.notes(lang) for side in sides], [side.missing_notes(lang) for side in sides], [(side.code,) for side in sides])


def _refers_to(recipes: tuple[Any, ...], side: int) -> bool:
    """Whether any missing fact in ``recipes`` (tuples of missing facts) is one of side ``side``'s."""
    return any(type(r) is TupleRecipe and any(type(sub) is Leaf and sub.side == side for _, sub in r.subs) for r in recipes)


def _no_call(leaf: Leaf) -> Any:
    raise AssertionError(f"a missing fact's place holds another kind of leaf: {leaf!r}")


class _Walker:
    """Finds, in one answer, every place that holds one of its States' facts or codes."""

    def __init__(self, notes: dict[FactNote, Leaf], missing: dict[MissingFact, Leaf], codes: dict[str | None, int]) -> None:
        self.notes = notes
        self.missing = missing
        self.codes = codes
        self.done: dict[tuple[int, object], tuple[Any, bool]] = {}

    def walk(self, value: Any, instrument: Instrument | None) -> tuple[Any, bool]:
        """(the recipe for ``value``, or ``value`` itself if nothing in it varies; whether
        anything in it could vary for some pair)."""
        kind = type(value)
        if kind is FactNote:
            return self.notes.get(value, value), True
        if kind is MissingFact:
            return self.missing.get(value, value), True
        if kind is Actor:
            side = self.codes.get(value.state)
            return (value if side is None else Leaf(_ACTOR, side, 0, (value.role, instrument))), True
        if kind is tuple and (not value or isinstance(value[0], _SCALARS)):
            return value, False  # the items of a tuple are all of one kind: articles, tags, ...
        memo_key = (id(value), instrument)
        done = self.done.get(memo_key)
        if done is not None:
            return done
        if kind is tuple:
            subs = []
            candidate = False
            for index, item in enumerate(value):
                if isinstance(item, _SCALARS):
                    continue
                made, may = self.walk(item, instrument)
                candidate = candidate or may
                if made is not item:
                    subs.append((index, made))
            result = (TupleRecipe(value, tuple(subs)) if subs else value, candidate)
            self.done[memo_key] = result
            return result
        if not isinstance(value, BaseModel) or _LEAF_FREE.get(id(value)) is value:
            return value, False
        inner = value.instrument if kind is Route else instrument  # type: ignore[attr-defined]
        fields: list[tuple[str, Any]] = []
        candidate = kind is GroundEntry
        for name, item in value.__dict__.items():
            if isinstance(item, _SCALARS):
                if kind is GroundEntry and name == "state" and item is not None:
                    side = self.codes.get(item) if isinstance(item, str) else None
                    if side is not None:
                        fields.append((name, Leaf(_CODE, side)))
                continue
            made, may = self.walk(item, inner)
            candidate = candidate or may
            if made is not item:
                fields.append((name, made))
        if fields:
            made_model: tuple[Any, bool] = (ModelRecipe(value, tuple(fields)), True)
        else:
            if not candidate:
                _LEAF_FREE.put(id(value), value)
            made_model = (value, candidate)
        self.done[memo_key] = made_model
        return made_model


def _not_provided(basis: Basis, query: Query) -> bool:
    """The instrument does not provide the measure: who is bound by it does not matter."""
    suffix = _NOT_PROVIDED[query.measure]
    return any(r.rule.endswith(suffix) for r in basis.reasons)


_NOT_PROVIDED = {measure: f".not_provided.{measure.value}" for measure in Measure}


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


_PACKAGE_LRU_CACHES = _package_lru_caches()


def default_engine() -> Engine:
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _ENGINE = Engine()
    return _ENGINE


__all__ = ["Engine", "default_engine", "fact_note"]
