"""The closed vocabulary of predicates a rule's condition may use.

Each predicate has a name, typed arguments (checked when the rule file loads)
and one evaluation function over the query and the dated party data. They are
listed, with examples, in ``docs/rules.md``. Adding one means adding it here
and to the docs (nothing else: the durable-rules backend evaluates one field
per distinct ``Atom.key``, so a key must identify the predicate's arguments).

Query predicates
    measure_is, offence_in, urgent, emergency, mla_treaty, extradition_treaty,
    data_includes, data_only, max_penalty_at_least
Status predicates
    party, in_force, reservation, declaration, cooperation_began_in_force
Naming
    is (a named condition from the file's ``definitions``)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from treatyrules._rules.conditions import Atom, Location, Node
from treatyrules._rules.logic import FALSE, TRUE, Fact, Missing, Truth, all_of
from treatyrules.vocabulary import DataType, Instrument, Measure, Offence

if TYPE_CHECKING:
    from treatyrules._facts.status import StatusBook
    from treatyrules.models import Query


@dataclass(frozen=True, slots=True)
class Context:
    """Everything one evaluation may read: the query, the dated data, the instrument."""

    query: Query
    book: StatusBook
    instrument: Instrument

    @property
    def on(self) -> date:
        return self.query.on


@dataclass
class ParseScope:
    instrument: Instrument
    offence_sets: Mapping[str, tuple[Offence, ...]]
    measure_sets: Mapping[str, tuple[Measure, ...]]
    definitions: Mapping[str, Any]
    parsing: list[str] = field(default_factory=list)
    parsed: dict[str, Node] = field(default_factory=dict)


@dataclass(frozen=True)
class Predicate:
    name: str
    doc: str
    build: Callable[[Any, ParseScope, Location], Node]


PREDICATES: dict[str, Predicate] = {}


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
    raise ValueError("expected a tag or a list of tags")


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
            raise ValueError(f"unknown {kind} {name!r}; expected one of {', '.join(known)}") from None
    return frozenset(out)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
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
    if q.mla_treaty is not None:
        fact = Fact(
            f"given in the query: an MLA treaty or uniform/reciprocal arrangement {'is' if q.mla_treaty else 'is not'} in force between {q.requesting} and {q.requested}",
            source="query",
        )
        return Truth(q.mla_treaty, (fact,))
    found = ctx.book.mla_treaty(q.requesting, q.requested, q.on)
    if found is not None:
        start, scenario = found
        fact = Fact(
            f"hypothetical: an MLA treaty is in force between {q.requesting} and {q.requested} from {start}",
            source="scenario",
            hypothetical=scenario,
        )
        return Truth(True, (fact,))
    return Truth(
        None,
        (),
        (
            Missing(
                "mla_treaty",
                f"whether a mutual legal assistance treaty, or an arrangement on uniform or reciprocal legislation, is in force between {q.requesting} and {q.requested}",
            ),
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
    if q.extradition_treaty is not None:
        fact = Fact(
            f"given in the query: an extradition treaty or arrangement {'is' if q.extradition_treaty else 'is not'} in force between {q.requesting} and {q.requested}",
            source="query",
        )
        return Truth(q.extradition_treaty, (fact,))
    return Truth(
        None,
        (),
        (Missing("extradition_treaty", f"whether an extradition treaty, or an arrangement on uniform or reciprocal legislation, is in force between {q.requesting} and {q.requested}"),),
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


_DATA_MISSING = Missing("data_types", "which data the request seeks (subscriber information, traffic data, content data, ...)")


@_register("data_includes", "the request seeks at least one of these data types")
def _data_includes(value: Any, scope: ParseScope, loc: Location) -> Node:
    wanted = _expand(value, DataType, {}, "data type")

    def evaluate(ctx: Context) -> Truth:
        if ctx.query.data_types is None:
            return Truth(None, (), (_DATA_MISSING,))
        return TRUE if wanted & set(ctx.query.data_types) else FALSE

    return _query_atom("data_includes", wanted, "data_includes:" + ",".join(sorted(wanted)), evaluate)


@_register("data_only", "the request seeks these data types and nothing else")
def _data_only(value: Any, scope: ParseScope, loc: Location) -> Node:
    wanted = _expand(value, DataType, {}, "data type")

    def evaluate(ctx: Context) -> Truth:
        if ctx.query.data_types is None:
            return Truth(None, (), (_DATA_MISSING,))
        return TRUE if set(ctx.query.data_types) <= wanted else FALSE

    return _query_atom("data_only", wanted, "data_only:" + ",".join(sorted(wanted)), evaluate)


@_register("max_penalty_at_least", "the maximum penalty of deprivation of liberty for the offence is at least this many years")
def _max_penalty(value: Any, scope: ParseScope, loc: Location) -> Node:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"expected a positive number of years, got {value!r}")
    years = float(value)

    def evaluate(ctx: Context) -> Truth:
        given = ctx.query.max_penalty_years
        if given is None:
            return Truth(None, (), (Missing("max_penalty_years", "the maximum penalty of deprivation of liberty for the offence, in years"),))
        fact = Fact(f"given in the query: maximum penalty {given:g} years", source="query")
        return Truth(given >= years, (fact,))

    return _query_atom("max_penalty_at_least", years, f"max_penalty_at_least:{years:g}", evaluate)


# -- naming ---------------------------------------------------------------------------


@_register("is", "a named condition from this file's definitions")
def _is(value: Any, scope: ParseScope, loc: Location) -> Node:
    from treatyrules._rules.conditions import parse

    if not isinstance(value, str) or value not in scope.definitions:
        known = ", ".join(sorted(scope.definitions)) or "none"
        raise ValueError(f"unknown definition {value!r}; this file defines: {known}")
    if value in scope.parsed:
        return scope.parsed[value]
    if value in scope.parsing:
        cycle = " -> ".join(scope.parsing + [value])
        raise ValueError(f"definitions refer to each other in a cycle: {cycle}")
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
        raise ValueError(f"unknown instrument {raw!r}; expected one of {', '.join(i.value for i in Instrument)}") from None


@_register("party", "the instrument binds these States on the date: requesting, requested or both")
def _party(value: Any, scope: ParseScope, loc: Location) -> Node:
    args = value if isinstance(value, dict) else {"of": value}
    unknown = set(args) - {"of", "instrument", "at"}
    if unknown:
        raise ValueError(f"unknown argument(s) {sorted(unknown)}; expected of, instrument, at")
    of = args.get("of")
    if of not in ("requesting", "requested", "both"):
        raise ValueError(f"'of' must be requesting, requested or both, got {of!r}")
    at = args.get("at", "on")
    if at not in ("on", "cooperation_began"):
        raise ValueError(f"'at' must be 'on' (the answer date) or 'cooperation_began', got {at!r}")
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
            raise ValueError(f"expected {{of: requested|requesting, provision: '29.4'}}, got {value!r}")
        of = value["of"]
        if of not in _PARTIES:
            raise ValueError(f"'of' must be requesting or requested, got {of!r}")
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

    def evaluate(ctx: Context) -> Truth:
        began = ctx.query.act_began or ctx.on
        states = (ctx.query.requesting, ctx.query.requested)
        windows = [ctx.book.entry_into_force(instrument, s) for s in states]
        if any(w is None for w in windows):
            # a State with no row: its status (false, or unknown where the party list is incomplete) decides
            return all_of([ctx.book.party(instrument, s, began) for s, w in zip(states, windows, strict=True) if w is None])
        his = [w.hi for w in windows if w is not None]
        los = [w.lo for w in windows if w is not None]
        fact_text = f"co-operation act began on {began}"
        if all(h is not None for h in his) and began >= max(h for h in his if h is not None):
            return Truth(True, (Fact(f"{fact_text}, on or after entry into force between the two States ({max(h for h in his if h is not None)})", source="query"),))
        if began < max(los):
            return Truth(False, (Fact(f"{fact_text}, before the instrument entered into force between the two States", source="query"),))
        return Truth(None, (), (Missing(f"cooperation_began:{instrument.value}", f"whether the co-operation act, begun on {began}, began after the {instrument.value} entered into force between the two States"),))

    return Atom("cooperation_began_in_force", True, f"cooperation_began_in_force:{instrument.value}", evaluate, query_only=False)


def fold_measure(measure: Measure) -> Callable[[Atom], bool | None]:
    """For ``conditions.specialize``: ``measure_is`` atoms are known once the measure is."""

    def fold(atom: Atom) -> bool | None:
        if atom.predicate == "measure_is":
            return measure in atom.args
        return None

    return fold
