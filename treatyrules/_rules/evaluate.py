"""Evaluate an instrument's rules for one query: which rules fire, and with what truth.

The default backend is plain Python over the compiled conditions. The
optional durable-rules backend (``durable_backend``) fires the same compiled
rules through durable-rules; both return the same ``Firing`` records, and the
test suite checks they agree.

Evaluation reads only its arguments and the book's facts, which the book memoises per
status period (immutable values, in a thread-safe memo), so concurrent callers are safe.
``fire_with_gaps`` fires the rules and collects the data gaps met in one pass.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Protocol

from treatyrules._i18n import Text
from treatyrules._rules.conditions import evaluate
from treatyrules._rules.firing import Firing as Firing
from treatyrules._rules.firing import make_firing
from treatyrules._rules.firing import requirement_truth as requirement_truth
from treatyrules._rules.firing import rule_truth as rule_truth
from treatyrules._rules.logic import TRUE, Fact, Truth, all_of, any_of, not_
from treatyrules._rules.predicates import Context
from treatyrules._rules.rulebook import Rulebook
from treatyrules.errors import BackendError


class Backend(Protocol):
    name: str

    def fire(self, book: Rulebook, ctx: Context) -> tuple[Firing, ...]: ...


def gaps_touched(book: Rulebook, ctx: Context) -> tuple[Text, ...]:
    """Data gaps met while evaluating the rules that can concern this query (in both languages)."""
    return gaps_of(gap_facts_touched(book, ctx))


def gap_facts_touched(book: Rulebook, ctx: Context) -> tuple[Fact, ...]:
    """The facts with a data gap met while evaluating the rules that can concern this query,
    in the order met (``gaps_of`` turns them into the gaps)."""
    seen: list[Truth] = []
    for rule in book.for_measure(ctx.query.measure):
        guard = evaluate(rule.guard, ctx, seen)
        if guard.value is not False and rule.require is not None:
            evaluate(rule.require, ctx, seen)
    return gap_facts(seen)


def gap_facts(truths: Iterable[Truth]) -> tuple[Fact, ...]:
    """The facts of ``truths`` that carry a gap, each once, in order."""
    out: dict[int, Fact] = {}
    for truth in truths:
        for fact in truth.facts:
            if fact.gap is not None and id(fact) not in out:
                out[id(fact)] = fact
    return tuple(out.values())


def gaps_of(facts: Iterable[Fact]) -> tuple[Text, ...]:
    """The distinct gaps of ``facts``, in order."""
    out: dict[Text, None] = {}
    for fact in facts:
        if fact.gap:
            out.setdefault(fact.gap, None)
    return tuple(out)


def fire_with_gaps(backend: Backend, book: Rulebook, ctx: Context) -> tuple[tuple[Firing, ...], tuple[Fact, ...]]:
    """``backend.fire(book, ctx)`` and ``gap_facts_touched(book, ctx)``; the Python backend
    computes both in one pass over the rules (the same evaluations, in the same order)."""
    if isinstance(backend, PythonBackend):
        seen: list[Truth] = []
        out: list[Firing] = []
        for rule, run_guard, run_require in book.runners(ctx.query.measure):
            guard = TRUE if run_guard is None else run_guard(ctx, seen)
            if guard.value is False:
                continue
            if run_require is None:
                out.append(make_firing((rule, guard)))
            else:
                required = run_require(ctx, seen)
                out.append(make_firing((rule, required if guard.value is True else requirement_truth(guard, required))))
        return tuple(out), gap_facts(seen)
    return backend.fire(book, ctx), gap_facts_touched(book, ctx)


class PythonBackend:
    name = "python"

    def fire(self, book: Rulebook, ctx: Context) -> tuple[Firing, ...]:
        out: list[Firing] = []
        for rule in book.for_measure(ctx.query.measure):
            truth = rule_truth(rule, ctx)
            if truth is not None:
                out.append(Firing(rule, truth))
        return tuple(out)


def select_backend(name: str | None = None) -> Backend:
    """``python`` (default) or ``durable``; ``TREATYRULES_BACKEND`` sets the default."""
    chosen = name or os.environ.get("TREATYRULES_BACKEND") or "python"
    if chosen == "python":
        return PythonBackend()
    if chosen == "durable":
        from treatyrules._rules.durable_backend import DurableBackend

        return DurableBackend()
    raise BackendError(f"unknown rule backend {chosen!r}; expected 'python' or 'durable'")


def set_aside_reserved(book: Rulebook, ctx: Context, firings: tuple[Firing, ...]) -> tuple[tuple[Firing, ...], tuple[Firing, ...]]:
    """Where the rule file says a reserved provision is not applied (``effect:
    provision_not_applied``), set aside every conclusion citing a provision that
    the requested State, or under reciprocity the requesting State, reserved.

    Requirements are never set aside: a reservation limits what a State owes, it
    cannot make the instrument reach States, dates or offences it otherwise would not.

    Returns the firings that stand and, for the explanation, the rules set aside
    (their truth being the reservation that set them aside).
    """
    regime = book.spec.reservations
    if regime.effect != "provision_not_applied":
        return firings, ()
    whom = [ctx.query.requested] + ([ctx.query.requesting] if regime.reciprocity_cite else [])
    reserved: list[tuple[str, Truth]] = []
    for state in whom:
        for row in ctx.book.statements_of(book.instrument, state):
            if row.kind == "reservation":
                for provision in row.provisions:
                    reserved.append((provision, ctx.book.statement(book.instrument, state, "reservation", provision, ctx.on)))
    if not reserved:
        return firings, ()
    kept: list[Firing] = []
    dropped: list[Firing] = []
    prefix = book.instrument.value + " "
    for firing in firings:
        if firing.rule.require is not None:
            kept.append(firing)
            continue
        own = [c[len(prefix):] for c in firing.rule.cites if c.startswith(prefix)]
        blockers = [t for provision, t in reserved if any(c == provision or c.startswith(provision + ".") for c in own)]
        blocking = any_of(blockers) if blockers else None
        if blocking is None or blocking.value is False:
            kept.append(firing)
        elif blocking.value is True:
            dropped.append(Firing(firing.rule, blocking))
        else:
            kept.append(Firing(firing.rule, all_of([firing.truth, not_(blocking)])))
    return tuple(kept), tuple(dropped)
