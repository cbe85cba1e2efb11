"""What a rule concludes for one query: the ``Firing`` record and the truth that explains it.

Shared by every rule backend (``evaluate.PythonBackend`` and ``durable_backend.DurableBackend``)
so that an explanation never depends on the backend. It sits below both: ``evaluate`` chooses
a backend (and imports ``durable_backend`` for that), ``durable_backend`` imports only this.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

from treatyrules._rules.conditions import Context, evaluate
from treatyrules._rules.logic import Truth, any_of, not_
from treatyrules._rules.rulebook import CompiledRule


class Firing(NamedTuple):
    """A rule whose condition is true or unknown for the query.

    For a conclusion rule, ``truth`` is its condition. For a requirement rule
    it is "not relevant, or met": the requirement holds unless its condition is
    relevant and fails.

    A tuple, so that firings compare and hash as tuples do (the rule by identity, the
    truth by value): the parts of a basis are memoised on the firings behind them.
    """

    rule: CompiledRule
    truth: Truth


# ``Firing((rule, truth))`` without the Python-level ``__new__`` of a named tuple: the Python
# backend makes a firing for most rules of every query
make_firing: Callable[[tuple[CompiledRule, Truth]], Firing] = functools.partial(tuple.__new__, Firing)


def requirement_truth(guard: Truth, requirement: Truth) -> Truth:
    if guard.value is True:
        return requirement
    return any_of([not_(guard), requirement])


def rule_truth(rule: CompiledRule, ctx: Context) -> Truth | None:
    """What ``rule`` concludes on ``ctx``, with its facts and missing facts; None
    when its guard is false and it does not fire. Every backend explains a firing
    with this, so explanations do not depend on the backend."""
    guard = evaluate(rule.guard, ctx)
    if guard.value is False:
        return None
    if rule.require is None:
        return guard
    return requirement_truth(guard, evaluate(rule.require, ctx))
