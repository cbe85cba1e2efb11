"""Optional rule backend: the same compiled rules, matched by durable-rules.

Each predicate (``Atom``) is still evaluated in Python, by its own
``evaluate``; that is where the data and the explanations live. durable-rules
does the matching: every rule's guard (and requirement) is compiled into
durable-rules JSON conditions over ONE fact per query, whose fields are the
atoms' truth values as ``'t'``, ``'f'`` or ``'u'``. Kleene's three-valued
logic becomes plain two-valued tests by pushing negation down to the atoms::

    T(all) = and T(parts)    F(all) = or F(parts)     T(not x) = F(x)
    T(any) = or T(parts)     F(any) = and F(parts)    F(not x) = T(x)
    NT(x) = "not T(x)" and NF(x) = "not F(x)" are the duals.

For every compiled rule, one durable rule per possible outcome (true,
unknown, and false for requirement rules) records which outcome held; which
rules fire, and with what truth value, is durable-rules' answer. The facts
and missing facts that explain a firing are then recomputed in Python, so
answers from both backends can be compared field by field (the test suite
does that).

durable-rules 2.0.28 has traps this module works around (see
``docs/decisions/0001-rule-engine.md``): one Host serves the process, without
its background timer threads; a ruleset is registered once per distinct
content (they are never freed) and shared by every engine; every query uses a
fresh ``sid`` that is deleted afterwards (at most 1024 live sids per ruleset);
facts are asserted one at a time (batch assertion may return before the
actions ran); and exceptions raised in actions are swallowed into the session
state, so the state is checked and the error re-raised.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
import json
import re
import threading
import uuid
import warnings
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

from treatyrules._rules.conditions import All, AnyOf, Atom, Const, Node, Not, atoms
from treatyrules._rules.firing import Firing, rule_truth
from treatyrules._rules.logic import Truth
from treatyrules._rules.predicates import Context
from treatyrules._rules.rulebook import CompiledRule, Rulebook
from treatyrules.errors import BackendError

INSTALL_HINT = (
    'pip install "treatyrules[durable]" (it builds from source and needs a C compiler; '
    "on Python 3.13 build it with CPPFLAGS='-DPyEval_CallObject(f,a)=PyObject_CallObject(f,a)')"
)

# Every fact carries this field, so that a condition that is constantly true can be written.
ALWAYS = "always"

Want = Literal["T", "F", "NT", "NF"]
# A compiled condition: a durable-rules expression, or a constant when it folds to one.
Cond = dict[str, Any] | bool

_NEGATED: dict[Want, Want] = {"T": "F", "F": "T", "NT": "NF", "NF": "NT"}
# (want, node) -> whether its parts are joined with $and (True) or $or (False).
_JOIN_AND: dict[tuple[Want, type], bool] = {
    ("T", All): True, ("F", All): False, ("NT", All): False, ("NF", All): True,
    ("T", AnyOf): False, ("F", AnyOf): True, ("NT", AnyOf): True, ("NF", AnyOf): False,
}
_CODE = {True: "t", False: "f", None: "u"}
_VALUE: dict[str, bool | None] = {"T": True, "F": False, "U": None}

# The C extension is not documented as thread-safe and keeps global state
# (a handle table shared by every Host), so every call into it is serialised.
_LOCK = threading.Lock()
_ENGINE: ModuleType | None = None


def _durable() -> ModuleType:
    global _ENGINE
    if _ENGINE is None:
        try:
            _ENGINE = importlib.import_module("durable.engine")
        except ImportError as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise BackendError(f"the 'durable' rule backend needs durable-rules 2.0.28, which cannot be imported ({detail}); install it with {INSTALL_HINT}") from None
    return _ENGINE


@contextmanager
def _quiet() -> Iterator[None]:
    # On Python 3.12+ durable.engine calls datetime.utcfromtimestamp() for every
    # action; under -W error (pytest filterwarnings = error) that warning would
    # become an exception inside assert_fact. catch_warnings() swaps the global
    # filter list, so it is only used while holding _LOCK.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"durable\.engine")
        yield


# -- compiling conditions ----------------------------------------------------------


def field_names(keys: list[str]) -> dict[str, str]:
    """A durable-rules field name for each atom key: the key with non-word characters
    replaced, made unique if two keys sanitise to the same name."""
    out: dict[str, str] = {}
    used = {ALWAYS, "sid", "id"}
    for key in keys:
        if key in out:
            continue
        base = "a_" + re.sub(r"\W", "_", key)
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        out[key] = name
    return out


def _join(op: Literal["$and", "$or"], parts: list[Cond]) -> Cond:
    absorbing = op == "$or"
    kept: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, bool):
            if part is absorbing:
                return absorbing
            continue
        # Flatten nested joins of the same kind: fewer alpha nodes, same meaning.
        kept.extend(part[op] if set(part) == {op} else [part])
    if not kept:
        return not absorbing
    return kept[0] if len(kept) == 1 else {op: kept}


def condition(node: Node, want: Want, fields: dict[str, str]) -> Cond:
    """``want`` of ``node``: T (is true), F (is false), NT (is not true), NF (is not false)."""
    if isinstance(node, Const):
        return node.value if want in ("T", "NF") else not node.value
    if isinstance(node, Atom):
        name = fields[node.key]
        code = "t" if want in ("T", "NT") else "f"
        return {name: code} if want in ("T", "F") else {"$neq": {name: code}}
    if isinstance(node, Not):
        return condition(node.part, _NEGATED[want], fields)
    op: Literal["$and", "$or"] = "$and" if _JOIN_AND[(want, type(node))] else "$or"
    return _join(op, [condition(part, want, fields) for part in node.parts])


def _unknown(node: Node, fields: dict[str, str]) -> Cond:
    if isinstance(node, Atom):
        return {fields[node.key]: "u"}
    return _join("$and", [condition(node, "NT", fields), condition(node, "NF", fields)])


def outcomes(rule: CompiledRule, fields: dict[str, str]) -> dict[str, Cond]:
    """The condition under which ``rule`` fires with each truth value (T, U, F).

    A conclusion rule fires when its guard is not false, with the guard's value.
    A requirement rule fires on the same condition with ``requirement_truth``:
    true if the requirement is true; false if the guard is true and the
    requirement false; unknown otherwise.
    """
    guard = rule.guard
    if rule.require is None:
        return {"T": condition(guard, "T", fields), "U": _unknown(guard, fields)}
    req = rule.require
    return {
        "T": _join("$and", [condition(guard, "NF", fields), condition(req, "T", fields)]),
        "F": _join("$and", [condition(guard, "T", fields), condition(req, "F", fields)]),
        "U": _join(
            "$and",
            [
                condition(guard, "NF", fields),
                condition(req, "NT", fields),
                _join("$or", [condition(guard, "NT", fields), condition(req, "NF", fields)]),
            ],
        ),
    }


Action = Callable[[Any], None]


@dataclass(frozen=True)
class CompiledRuleset:
    """A durable-rules ruleset for some compiled rules, and how to build its fact."""

    rules: tuple[CompiledRule, ...]
    fields: tuple[tuple[str, Atom], ...]  # (durable field, an atom with that key)
    definition: dict[str, dict[str, Any]]  # durable rule name -> {"all": [...], "run": action}

    def fact(self, ctx: Context) -> dict[str, str]:
        fact = {ALWAYS: "t"}
        for name, atom in self.fields:
            fact[name] = _CODE[atom.evaluate(ctx).value]
        return fact

    def digest(self) -> str:
        """Equal for rulesets that durable-rules would run identically."""
        plain = {name: {k: v for k, v in rule.items() if k != "run"} for name, rule in self.definition.items()}
        return hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()[:16]


def compile_ruleset(rules: tuple[CompiledRule, ...]) -> CompiledRuleset:
    """Compile ``rules`` into a durable-rules ruleset whose actions record, for the
    query's sid, that ``rules[index]`` fired with a truth value."""
    first: dict[str, Atom] = {}
    for rule in rules:
        for atom in atoms(rule.guard) + (atoms(rule.require) if rule.require is not None else []):
            first.setdefault(atom.key, atom)
    fields = field_names(list(first))
    # Every fact must match some rule: deleting the state of a sid whose only fact
    # matched nothing (MessageNotHandledException) crashes durable-rules 2.0.28
    # with a segmentation fault, and keeping it would leak one of the 1024 sids.
    definition: dict[str, dict[str, Any]] = {"seen": {"all": [{"m": {ALWAYS: "t"}}], "run": _ignore}}
    for index, rule in enumerate(rules):
        for outcome, cond in outcomes(rule, fields).items():
            if cond is False:
                continue
            expression = {ALWAYS: "t"} if cond is True else cond
            definition[f"r{index}_{outcome}"] = {"all": [{"m": expression}], "run": _action(index, _VALUE[outcome])}
    return CompiledRuleset(rules, tuple((fields[k], a) for k, a in first.items()), definition)


# -- running ---------------------------------------------------------------------------

# What the actions of the query being run found: sid -> {rule index: truth value}.
_FIRED: dict[str, dict[int, bool | None]] = {}


def _action(index: int, value: bool | None) -> Action:
    def action(c: Any) -> None:
        _record(c.s.sid, index, value)

    return action


def _record(sid: str, index: int, value: bool | None) -> None:
    fired = _FIRED[sid]
    if index in fired and fired[index] is not value:
        raise BackendError(f"rule #{index} fired as both {fired[index]} and {value}")
    fired[index] = value


def _ignore(c: Any) -> None:
    pass


class _Registry:
    """The process's one Host, and the rulesets registered on it.

    Registered rulesets are never freed (durable-rules has no working way to
    delete one) and cost about 175 KB each, so a ruleset is registered once per
    distinct content and shared by every engine whose rules compile to it.
    """

    def __init__(self) -> None:
        self.host: Any = None
        self.names: dict[str, str] = {}  # digest -> ruleset name

    def register(self, engine: ModuleType, label: str, ruleset: CompiledRuleset) -> str:
        if self.host is None:
            self.host = _quiet_host(engine)
        digest = ruleset.digest()
        name = self.names.get(digest)
        if name is None:
            name = f"{label}.{digest}"
            # set_rulesets deletes each rule's 'run' from the dict it is given.
            definition = copy.deepcopy(ruleset.definition)
            try:
                with _quiet():
                    self.host.set_rulesets({name: definition})
            except Exception as exc:
                raise BackendError(f"durable-rules rejected the ruleset {label} ({len(ruleset.definition)} rules): {exc}") from exc
            self.names[digest] = name
        return name


_REGISTRY = _Registry()


class DurableBackend:
    name = "durable"

    def __init__(self) -> None:
        self._engine = _durable()
        # rulebook -> ruleset label -> (compiled ruleset, registered name)
        self._books: weakref.WeakKeyDictionary[Rulebook, dict[str, tuple[CompiledRuleset, str]]] = weakref.WeakKeyDictionary()

    def fire(self, book: Rulebook, ctx: Context) -> tuple[Firing, ...]:
        measure = ctx.query.measure
        return self.fire_rules(book, f"{book.instrument.value}.{measure.value}", book.for_measure(measure), ctx)

    def fire_rules(self, book: Rulebook, label: str, rules: tuple[CompiledRule, ...], ctx: Context) -> tuple[Firing, ...]:
        """Fire ``rules``, compiled and registered under ``label`` the first time
        ``label`` is used with ``book``."""
        with _LOCK:
            known = self._books.setdefault(book, {})
            if label not in known:
                ruleset = compile_ruleset(rules)
                known[label] = (ruleset, _REGISTRY.register(self._engine, label, ruleset))
            ruleset, name = known[label]
        fired = self._run(name, ruleset.fact(ctx))
        out: list[Firing] = []
        for index, rule in enumerate(ruleset.rules):
            if index not in fired:
                continue
            explained = rule_truth(rule, ctx)
            if explained is None:  # durable-rules fired a rule whose guard Python finds false
                raise BackendError(f"durable-rules fired rule {rule.id}, whose condition is false")
            out.append(Firing(rule, Truth(fired[index], explained.facts, explained.missing)))
        return tuple(out)

    def _run(self, name: str, fact: dict[str, str]) -> dict[int, bool | None]:
        host = _REGISTRY.host
        sid = uuid.uuid4().hex
        with _LOCK, _quiet():
            _FIRED[sid] = {}
            try:
                try:
                    host.assert_fact(name, dict(fact, sid=sid))
                # After a failed assertion the sid's state is left alone: reading or
                # deleting it crashes the process (a fact that matched nothing, or
                # error 303). The "seen" rule makes the first case impossible.
                except self._engine.MessageNotHandledException:
                    return {}
                except Exception as exc:
                    raise BackendError(f"durable-rules failed on ruleset {name}: {exc}") from exc
                try:
                    error = host.get_state(name, sid).get("exception")
                finally:
                    host.delete_state(name, sid)
            finally:
                fired = _FIRED.pop(sid)
        if error:
            raise BackendError(f"a durable-rules action failed on ruleset {name}: {error}")
        return fired


def _quiet_host(engine: ModuleType) -> Any:
    class QuietHost(engine.Host):  # type: ignore[misc,name-defined]
        # Host.__init__ calls _run(), which starts two timer threads that re-arm
        # forever and call into the C extension outside our lock; they serve
        # durable timers and asynchronous actions, which this backend never uses.
        def _run(self) -> None:
            pass

    return QuietHost()
