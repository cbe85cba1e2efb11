"""Conditions: ``all`` / ``any`` / ``not`` over named predicates, as a typed tree.

A condition in a rule file is a mapping with exactly one key: a combinator
(``all``, ``any``, ``not``) or a predicate name from ``PREDICATES``.
Parsing checks every name and argument when the file loads; evaluation then
never meets an unknown name.

This module is the grammar: the tree, what an evaluation reads (``Context``), what a
parse carries (``ParseScope``) and the registry of predicates (``PREDICATES``).
``predicates`` fills the registry when it is imported (``rulebook`` imports it before it
parses anything) and imports this module, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from treatyrules._rules.logic import FALSE, TRUE, Truth, all_of, any_of, not_
from treatyrules.errors import Message
from treatyrules.vocabulary import Instrument, Measure, Offence

if TYPE_CHECKING:
    from treatyrules._facts.status import StatusBook
    from treatyrules.models import Query

Location = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Context:
    """Everything one evaluation may read: the query, the dated data, the instrument."""

    query: Query
    book: StatusBook
    instrument: Instrument

    @property
    def on(self) -> date:
        return self.query.on


class ConditionError(ValueError):
    """A condition that cannot be parsed; ``message`` is rendered in the language in use when read."""

    def __init__(self, message: str | Message, loc: Location) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc


def _reason(exc: ValueError) -> str | Message:
    """The message a predicate raised: a catalogue ``Message`` kept as it is, else its text."""
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, Message) else str(exc)


@dataclass(frozen=True)
class Atom:
    predicate: str
    args: Any
    key: str
    evaluate: Callable[[Context], Truth]
    query_only: bool


@dataclass(frozen=True)
class All:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


@dataclass(frozen=True)
class Const:
    value: bool


Node = Atom | All | AnyOf | Not | Const


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
"""Every predicate a condition may name; ``treatyrules._rules.predicates`` registers them."""


def parse(raw: Any, scope: ParseScope, loc: Location) -> Node:
    if raw is None:
        return Const(True)
    if not isinstance(raw, Mapping) or len(raw) != 1:
        raise ConditionError(Message("rules.errors.not_a_condition", known=", ".join(sorted(PREDICATES))), loc)
    ((name, value),) = raw.items()
    here = loc + (name,)
    if name in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ConditionError(Message("rules.errors.empty_combinator", name=name), here)
        parts = tuple(parse(item, scope, here + (i,)) for i, item in enumerate(value))
        return All(parts) if name == "all" else AnyOf(parts)
    if name == "not":
        return Not(parse(value, scope, here))
    predicate = PREDICATES.get(name)
    if predicate is None:
        raise ConditionError(Message("rules.errors.unknown_predicate", name=name, known=", ".join(sorted(PREDICATES))), loc)
    try:
        return predicate.build(value, scope, here)
    except ConditionError:
        raise
    except ValueError as exc:
        raise ConditionError(Message("rules.errors.in_predicate", name=name, error=_reason(exc)), here) from None


def evaluate(node: Node, ctx: Context, seen: list[Truth] | None = None) -> Truth:
    """Evaluate ``node``; stop at the first part that decides an ``all``/``any``.

    ``seen`` collects the value of every predicate actually evaluated, so the
    caller can report the data gaps the answer touched.
    """
    if isinstance(node, Atom):
        truth = node.evaluate(ctx)
        if seen is not None:
            seen.append(truth)
        return truth
    if isinstance(node, All):
        parts: list[Truth] = []
        for part in node.parts:
            value = evaluate(part, ctx, seen)
            if value.value is False:
                return all_of([value])
            parts.append(value)
        return all_of(parts)
    if isinstance(node, AnyOf):
        parts = []
        for part in node.parts:
            value = evaluate(part, ctx, seen)
            if value.value is True:
                return any_of([value])
            parts.append(value)
        return any_of(parts)
    if isinstance(node, Not):
        return not_(evaluate(node.part, ctx, seen))
    return TRUE if node.value else FALSE


Evaluator = Callable[[Context, list[Truth]], Truth]
"""``evaluate(node, ctx, seen)`` for one node, made once (``compiled``)."""


def compiled(node: Node) -> Evaluator:
    """``evaluate`` for ``node`` as nested closures: the same evaluations in the same order,
    with the kind of each node decided once, not at every query."""
    if isinstance(node, Atom):
        atom = node.evaluate

        def run_atom(ctx: Context, seen: list[Truth]) -> Truth:
            truth = atom(ctx)
            seen.append(truth)
            return truth

        return run_atom
    if isinstance(node, All):
        all_parts = tuple(compiled(p) for p in node.parts)

        def run_all(ctx: Context, seen: list[Truth]) -> Truth:
            got: list[Truth] = []
            for part in all_parts:
                value = part(ctx, seen)
                if value.value is False:
                    return all_of([value])
                got.append(value)
            return all_of(got)

        return run_all
    if isinstance(node, AnyOf):
        any_parts = tuple(compiled(p) for p in node.parts)

        def run_any(ctx: Context, seen: list[Truth]) -> Truth:
            got: list[Truth] = []
            for part in any_parts:
                value = part(ctx, seen)
                if value.value is True:
                    return any_of([value])
                got.append(value)
            return any_of(got)

        return run_any
    if isinstance(node, Not):
        inner = compiled(node.part)
        return lambda ctx, seen: not_(inner(ctx, seen))
    constant = TRUE if node.value else FALSE
    return lambda ctx, seen: constant


def specialize(node: Node, fold: Callable[[Atom], bool | None]) -> Node:
    """Fold atoms whose value is already known (``fold`` returns it) into constants.

    Used to drop, once per measure, every rule that cannot apply to it.
    """
    if isinstance(node, Atom):
        known = fold(node)
        return node if known is None else Const(known)
    if isinstance(node, Not):
        inner = specialize(node.part, fold)
        return Const(not inner.value) if isinstance(inner, Const) else Not(inner)
    if isinstance(node, (All, AnyOf)):
        absorbing = isinstance(node, AnyOf)
        kept: list[Node] = []
        for part in node.parts:
            folded = specialize(part, fold)
            if isinstance(folded, Const):
                if folded.value is absorbing:
                    return Const(absorbing)
                continue
            kept.append(folded)
        if not kept:
            return Const(not absorbing)
        if len(kept) == 1:
            return kept[0]
        return All(tuple(kept)) if isinstance(node, All) else AnyOf(tuple(kept))
    return node


def conjoin(*nodes: Node) -> Node:
    parts = tuple(n for n in nodes if not (isinstance(n, Const) and n.value))
    if any(isinstance(n, Const) and not n.value for n in parts):
        return Const(False)
    if not parts:
        return Const(True)
    return parts[0] if len(parts) == 1 else All(parts)


def atoms(node: Node) -> list[Atom]:
    if isinstance(node, Atom):
        return [node]
    if isinstance(node, (All, AnyOf)):
        return [a for p in node.parts for a in atoms(p)]
    if isinstance(node, Not):
        return atoms(node.part)
    return []
