"""The closed vocabulary of predicates a rule's condition may use.

Each predicate has a name, typed arguments (checked when the rule file loads)
and one evaluation function over the query and the dated party data. They are
listed, with examples, in ``docs/rules.md``. Adding one means adding it here
and to the docs (the durable-rules backend evaluates one field per distinct
``Atom.key``, so a key must identify the predicate's arguments), and, for the
answers of a new predicate to be shared between pairs of States, teaching the
engine's class key what it reads (``_answer/engine.py``: ``SHAREABLE_PREDICATES``
and ``_Shape``); until then a rule file using it turns sharing off.

The facts about a pair (other treaties between them, when the co-operation act
began) are built once per pair and memoised, not once per rule that asks.

Query predicates
    measure_is, offence_in, urgent, emergency, mla_treaty, extradition_treaty,
    data_includes, data_only, max_penalty_at_least
Status predicates
    party, in_force, reservation, declaration, cooperation_began_in_force
Naming
    is (a named condition from the file's ``definitions``)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from treatyrules._i18n import t_text
from treatyrules._memo import LRU
# Context, ParseScope and the registry live in ``conditions`` (the grammar, below this module);
# they are re-exported here, where callers have always found them.
from treatyrules._rules.conditions import PREDICATES as PREDICATES
from treatyrules._rules.conditions import Atom, Location, Node, Predicate, parse
from treatyrules._rules.conditions import Context as Context
from treatyrules._rules.conditions import ParseScope as ParseScope
from treatyrules._rules.logic import FALSE, TRUE, Fact, Missing, Truth, all_of
from treatyrules.errors import Message
from treatyrules.vocabulary import DataType, Instrument, Measure, Offence


def _register(name: str, doc: str) -> Callable[[Callable[[Any, ParseScope, Location], Node]], Callable[[Any, ParseScope, Location], Node]]:
    def wrap(build: Callable[[Any, ParseScope, Location], Node]) -> Callable[[Any, ParseScope, Location], Node]:
        PREDICATES[name] = Predicate(name, doc, build)
        return build

    return wrap


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError(Message("rules.errors.expected_tags"))


def _expand(value: Any, enum: type[Measure] | type[Offence] | type[DataType], sets: Mapping[str, tuple[Any, ...]], kind: str) -> frozenset[Any]:
    out: set[Any] = set()
    for name in _names(value):
        if name in sets:
            out.update(sets[name])
            continue
        try:
            out.add(enum(name))
        except ValueError:
            known = sorted([e.value for e in enum] + list(sets))
            raise ValueError(Message(f"rules.errors.unknown_{kind.replace(' ', '_')}", name=name, known=", ".join(known))) from None
    return frozenset(out)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(Message("rules.errors.expected_bool", value=value))
    return value


def _query_atom(name: str, args: Any, key: str, fn: Callable[[Context], Truth]) -> Atom:
    return Atom(name, args, key, fn, query_only=True)


# -- query predicates -----------------------------------------------------------


@_register("measure_is", "the requested measure is one of these tags or measure sets")
def _measure_is(value: Any, scope: ParseScope, loc: Location) -> Node:
    measures = _expand(value, Measure, scope.measure_sets, "measure")
    key = "measure_is:" + ",".join(sorted(measures))
    return _query_atom("measure_is", measures, key, lambda ctx: TRUE if ctx.query.measure in measures else FALSE)


@_register("offence_in", "the offence is one of these tags or offence sets")
def _offence_in(value: Any, scope: ParseScope, loc: Location) -> Node:
    offences = _expand(value, Offence, scope.offence_sets, "offence")
    key = "offence_in:" + ",".join(sorted(offences))
    return _query_atom("offence_in", offences, key, lambda ctx: TRUE if ctx.query.offence in offences else FALSE)


@_register("urgent", "the request is urgent (true) or not (false)")
def _urgent(value: Any, scope: ParseScope, loc: Location) -> Node:
    want = _bool(value)
    return _query_atom("urgent", want, f"urgent:{want}", lambda ctx: TRUE if ctx.query.urgent is want else FALSE)


@_register("emergency", "there is an emergency: a significant and imminent risk to the life or safety of a natural person")
def _emergency(value: Any, scope: ParseScope, loc: Location) -> Node:
    want = _bool(value)
    return _query_atom("emergency", want, f"emergency:{want}", lambda ctx: TRUE if ctx.query.emergency is want else FALSE)


def _mla_truth(ctx: Context) -> Truth:
    q = ctx.query
    found = ctx.book.mla_treaty(q.requesting, q.requested, q.on) if q.mla_treaty is None else None
    if ctx.book.memoised:
        return _mla_truth_of(q.requesting, q.requested, q.mla_treaty, found)
    return _mla_truth_of.__wrapped__(q.requesting, q.requested, q.mla_treaty, found)


# The facts about the pair's other treaties depend only on the two States, the caller's answer
# and (when unknown) the treaty the data record between them: built once per pair, not per rule.
@functools.lru_cache(maxsize=4096)
def _mla_truth_of(requesting: str, requested: str, given: bool | None, found: tuple[date, str] | None) -> Truth:
    if given is not None:
        fact = Fact(
            t_text("rules.mla_treaty.given_is" if given else "rules.mla_treaty.given_is_not", requesting=requesting, requested=requested),
            source="query",
        )
        return Truth(given, (fact,))
    if found is not None:
        start, scenario = found
        fact = Fact(
            t_text("rules.mla_treaty.hypothetical", requesting=requesting, requested=requested, start=start),
            source="scenario",
            hypothetical=scenario,
        )
        return Truth(True, (fact,))
    return Truth(
        None,
        (),
        (
            Missing("mla_treaty", t_text("rules.mla_treaty.missing", requesting=requesting, requested=requested)),
        ),
    )


@_register("mla_treaty", "a mutual legal assistance treaty (or uniform/reciprocal arrangement) is in force between the two States")
def _mla_treaty(value: Any, scope: ParseScope, loc: Location) -> Node:
    want = _bool(value)

    def evaluate(ctx: Context) -> Truth:
        truth = _mla_truth(ctx)
        if want or truth.value is None:
            return truth
        return Truth(not truth.value, truth.facts)

    return Atom("mla_treaty", want, f"mla_treaty:{want}", evaluate, query_only=False)


def _extradition_truth(ctx: Context) -> Truth:
    q = ctx.query
    if ctx.book.memoised:
        return _extradition_truth_of(q.requesting, q.requested, q.extradition_treaty)
    return _extradition_truth_of.__wrapped__(q.requesting, q.requested, q.extradition_treaty)


@functools.lru_cache(maxsize=4096)
def _extradition_truth_of(requesting: str, requested: str, given: bool | None) -> Truth:
    if given is not None:
        fact = Fact(
            t_text(
                "rules.extradition_treaty.given_is" if given else "rules.extradition_treaty.given_is_not",
                requesting=requesting,
                requested=requested,
            ),
            source="query",
        )
        return Truth(given, (fact,))
    return Truth(
        None,
        (),
        (Missing("extradition_treaty", t_text("rules.extradition_treaty.missing", requesting=requesting, requested=requested)),),
    )


@_register("extradition_treaty", "an extradition treaty (or uniform/reciprocal arrangement) is in force between the two States")
def _extradition_treaty(value: Any, scope: ParseScope, loc: Location) -> Node:
    want = _bool(value)

    def evaluate(ctx: Context) -> Truth:
        truth = _extradition_truth(ctx)
        if want or truth.value is None:
            return truth
        return Truth(not truth.value, truth.facts)

    return _query_atom("extradition_treaty", want, f"extradition_treaty:{want}", evaluate)


@functools.cache
def _data_missing() -> Missing:
    return Missing("data_types", t_text("rules.data_types.missing"))


@_register("data_includes", "the request seeks at least one of these data types")
def _data_includes(value: Any, scope: ParseScope, loc: Location) -> Node:
    wanted = _expand(value, DataType, {}, "data type")

    def evaluate(ctx: Context) -> Truth:
        if ctx.query.data_types is None:
            return Truth(None, (), (_data_missing(),))
        return TRUE if wanted & set(ctx.query.data_types) else FALSE

    return _query_atom("data_includes", wanted, "data_includes:" + ",".join(sorted(wanted)), evaluate)


@_register("data_only", "the request seeks these data types and nothing else")
def _data_only(value: Any, scope: ParseScope, loc: Location) -> Node:
    wanted = _expand(value, DataType, {}, "data type")

    def evaluate(ctx: Context) -> Truth:
        if ctx.query.data_types is None:
            return Truth(None, (), (_data_missing(),))
        return TRUE if set(ctx.query.data_types) <= wanted else FALSE

    return _query_atom("data_only", wanted, "data_only:" + ",".join(sorted(wanted)), evaluate)


@_register("max_penalty_at_least", "the maximum penalty of deprivation of liberty for the offence is at least this many years")
def _max_penalty(value: Any, scope: ParseScope, loc: Location) -> Node:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(Message("rules.errors.expected_years", value=value))
    years = float(value)

    def evaluate(ctx: Context) -> Truth:
        given = ctx.query.max_penalty_years
        if given is None:
            return Truth(None, (), (Missing("max_penalty_years", t_text("rules.max_penalty.missing")),))
        fact = Fact(t_text("rules.max_penalty.given", years=f"{given:g}"), source="query")
        return Truth(given >= years, (fact,))

    return _query_atom("max_penalty_at_least", years, f"max_penalty_at_least:{years:g}", evaluate)


# -- naming ---------------------------------------------------------------------------


@_register("is", "a named condition from this file's definitions")
def _is(value: Any, scope: ParseScope, loc: Location) -> Node:
    if not isinstance(value, str) or value not in scope.definitions:
        known: str | Message = ", ".join(sorted(scope.definitions)) or Message("rules.errors.no_definitions")
        raise ValueError(Message("rules.errors.unknown_definition", name=value, known=known))
    if value in scope.parsed:
        return scope.parsed[value]
    if value in scope.parsing:
        cycle = " -> ".join(scope.parsing + [value])
        raise ValueError(Message("rules.errors.definition_cycle", cycle=cycle))
    scope.parsing.append(value)
    try:
        node = parse(scope.definitions[value], scope, ("definitions", value))
    finally:
        scope.parsing.pop()
    scope.parsed[value] = node
    return node


# -- status predicates ------------------------------------------------------------------

_PARTIES = ("requesting", "requested")


def _state(ctx: Context, of: str) -> str:
    return ctx.query.requesting if of == "requesting" else ctx.query.requested


def _instrument_arg(raw: Any, scope: ParseScope) -> Instrument:
    if raw is None:
        return scope.instrument
    try:
        return Instrument(raw)
    except ValueError:
        raise ValueError(Message("rules.errors.unknown_instrument", name=raw, known=", ".join(i.value for i in Instrument))) from None


@_register("party", "the instrument binds these States on the date: requesting, requested or both")
def _party(value: Any, scope: ParseScope, loc: Location) -> Node:
    args = value if isinstance(value, dict) else {"of": value}
    unknown = set(args) - {"of", "instrument", "at"}
    if unknown:
        raise ValueError(Message("rules.errors.party_unknown_arguments", unknown=sorted(unknown)))
    of = args.get("of")
    if of not in ("requesting", "requested", "both"):
        raise ValueError(Message("rules.errors.party_of", value=of))
    at = args.get("at", "on")
    if at not in ("on", "cooperation_began"):
        raise ValueError(Message("rules.errors.party_at", value=at))
    instrument = _instrument_arg(args.get("instrument"), scope)
    whom = _PARTIES if of == "both" else (of,)

    def evaluate(ctx: Context) -> Truth:
        day = (ctx.query.act_began or ctx.on) if at == "cooperation_began" else ctx.on
        return all_of([ctx.book.party(instrument, _state(ctx, w), day) for w in whom])

    return Atom("party", (of, instrument, at), f"party:{of}:{instrument.value}:{at}", evaluate, query_only=False)


@_register("in_force", "the instrument itself is in force on the date (true), or not (false)")
def _in_force(value: Any, scope: ParseScope, loc: Location) -> Node:
    args = value if isinstance(value, dict) else {"value": value}
    want = _bool(args.get("value", True))
    instrument = _instrument_arg(args.get("instrument"), scope)

    def evaluate(ctx: Context) -> Truth:
        truth = ctx.book.in_force(instrument, ctx.on)
        if want or truth.value is None:
            return truth
        return Truth(not truth.value, truth.facts)

    return Atom("in_force", (want, instrument), f"in_force:{instrument.value}:{want}", evaluate, query_only=False)


def _statement_predicate(kind: str) -> Callable[[Any, ParseScope, Location], Node]:
    def build(value: Any, scope: ParseScope, loc: Location) -> Node:
        if not isinstance(value, dict) or set(value) - {"of", "provision", "instrument"} or "of" not in value or "provision" not in value:
            raise ValueError(Message("rules.errors.statement_arguments", value=value))
        of = value["of"]
        if of not in _PARTIES:
            raise ValueError(Message("rules.errors.statement_of", value=of))
        provision = str(value["provision"])
        instrument = _instrument_arg(value.get("instrument"), scope)
        return Atom(
            kind,
            (of, provision, instrument),
            f"{kind}:{of}:{instrument.value}:{provision}",
            lambda ctx: ctx.book.statement(instrument, _state(ctx, of), kind, provision, ctx.on),
            query_only=False,
        )

    return build


PREDICATES["reservation"] = Predicate("reservation", "that State's reservation under this provision is in effect on the date", _statement_predicate("reservation"))
PREDICATES["declaration"] = Predicate("declaration", "that State's declaration under this provision is in effect on the date", _statement_predicate("declaration"))


@_register("cooperation_began_in_force", "the co-operation act began on or after the instrument entered into force between the two States")
def _began_in_force(value: Any, scope: ParseScope, loc: Location) -> Node:
    _bool(value)
    instrument = scope.instrument

    memo: LRU = LRU(4096)

    def evaluate(ctx: Context) -> Truth:
        if not ctx.book.memoised:
            return compute(ctx)
        # the texts name the date the act began: keyed on that date itself, not on its period
        key = (ctx.book.token, ctx.query.requesting, ctx.query.requested, ctx.query.act_began or ctx.on)
        found = memo.get(key)
        return found if found is not None else memo.put(key, compute(ctx))

    def compute(ctx: Context) -> Truth:
        began = ctx.query.act_began or ctx.on
        states = (ctx.query.requesting, ctx.query.requested)
        windows = [ctx.book.entry_into_force(instrument, s) for s in states]
        if any(w is None for w in windows):
            # a State with no row: its status (false, or unknown where the party list is incomplete) decides
            return all_of([ctx.book.party(instrument, s, began) for s, w in zip(states, windows, strict=True) if w is None])
        his = [w.hi for w in windows if w is not None]
        los = [w.lo for w in windows if w is not None]
        if all(h is not None for h in his) and began >= max(h for h in his if h is not None):
            entry = max(h for h in his if h is not None)
            return Truth(True, (Fact(t_text("rules.cooperation_began.in_force", began=began, entry=entry), source="query"),))
        if began < max(los):
            return Truth(False, (Fact(t_text("rules.cooperation_began.before", began=began), source="query"),))
        missing = Missing(f"cooperation_began:{instrument.value}", t_text("rules.cooperation_began.missing", began=began, instrument=instrument.value))
        return Truth(None, (), (missing,))

    evaluate.memo = memo  # type: ignore[attr-defined]  # so that benchmarks can empty it
    return Atom("cooperation_began_in_force", True, f"cooperation_began_in_force:{instrument.value}", evaluate, query_only=False)


def fold_measure(measure: Measure) -> Callable[[Atom], bool | None]:
    """For ``conditions.specialize``: ``measure_is`` atoms are known once the measure is."""

    def fold(atom: Atom) -> bool | None:
        if atom.predicate == "measure_is":
            return measure in atom.args
        return None

    return fold
