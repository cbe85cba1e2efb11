"""The durable-rules backend gives the same answers as the default Python evaluator.

Skipped where durable-rules is not installed (``pip install "treatyrules[durable]"``).
The whole suite can also run through it: ``TREATYRULES_BACKEND=durable pytest``.
"""

from __future__ import annotations

import importlib
import itertools
import sys
import threading

import pytest

pytest.importorskip("durable")

from treatyrules._answer.engine import Engine  # noqa: E402
from treatyrules._rules import durable_backend  # noqa: E402
from treatyrules._rules.conditions import All, AnyOf, Atom, Const, Node, Not  # noqa: E402
from treatyrules._rules.durable_backend import DurableBackend, compile_ruleset  # noqa: E402
from treatyrules._rules.evaluate import Firing, PythonBackend  # noqa: E402
from treatyrules._rules.logic import Truth  # noqa: E402
from treatyrules._rules.predicates import Context  # noqa: E402
from treatyrules._rules.rulebook import CompiledRule  # noqa: E402
from treatyrules.errors import BackendError  # noqa: E402
from treatyrules.models import Query  # noqa: E402
from treatyrules.vocabulary import Confidence, Instrument, Measure  # noqa: E402

# (requesting, requested, date): both directions of a pair; a Party's 29.4
# reservation on the day before, and on the day of, its withdrawal (CZ, 5 July
# 2019); a State that is not a Party (MX); a Party whose entry into force is
# not known (PY).
PAIRS = [
    ("ES", "PE", "2024-03-01"),
    ("PE", "ES", "2024-03-01"),
    ("ES", "CZ", "2019-07-04"),
    ("ES", "CZ", "2019-07-05"),
    ("MX", "ES", "2024-03-01"),
    ("ES", "PY", "2024-03-01"),
]
OFFENCES = ["computer_fraud", "laundering", "electronic_evidence_any_offence"]
MLA = [True, False, None]
URGENT = [True, False]


@pytest.fixture(scope="module")
def engines() -> tuple[Engine, Engine]:
    return Engine(backend="python"), Engine(backend="durable")


def queries(engine: Engine) -> list[Query]:
    return [
        engine.query(a, b, measure=m, offence=o, on=day, mla_treaty=mla, urgent=urgent)
        for (a, b, day), m, o, mla, urgent in itertools.product(PAIRS, Measure, OFFENCES, MLA, URGENT)
    ]


def raw(firings: tuple[Firing, ...]) -> list[tuple[str, Truth]]:
    return [(f.rule.id, f.truth) for f in firings]


def test_engines_use_the_backend_asked_for(engines: tuple[Engine, Engine]) -> None:
    python, durable = engines
    assert python.backend.name == "python"
    assert durable.backend.name == "durable"


def test_same_answers(engines: tuple[Engine, Engine]) -> None:
    python, durable = engines
    differ = []
    for query in queries(python):
        if python.answer(query).model_dump(mode="json") != durable.answer(query).model_dump(mode="json"):
            differ.append(query)
    assert not differ, f"{len(differ)} answers differ, e.g. {differ[0]!r}"


def test_same_firings(engines: tuple[Engine, Engine]) -> None:
    """Rule by rule: the same rules fire, with the same truth value and explanation;
    and the matrix reaches every outcome (a conclusion rule true or unknown, a
    requirement rule true, false or unknown)."""
    python, durable = engines
    outcomes: set[tuple[bool, bool | None]] = set()
    for query in queries(python):
        for instrument, book in python.rulebooks.items():
            expected = raw(python.backend.fire(book, Context(query, python.book, instrument)))
            firings = durable.backend.fire(durable.rulebooks[instrument], Context(query, durable.book, instrument))
            assert raw(firings) == expected, (query, instrument)
            outcomes.update((f.rule.require is not None, f.truth.value) for f in firings)
    assert outcomes == {(False, True), (False, None), (True, True), (True, False), (True, None)}


def test_whole_rulebook_as_one_ruleset(engines: tuple[Engine, Engine]) -> None:
    """Every rule of an instrument in one ruleset (no folding by measure) stays below
    durable-rules' limits (error 303, 32 expressions per rule) and agrees too."""
    python, _ = engines
    backend = DurableBackend()
    reference = PythonBackend()
    for instrument, book in python.rulebooks.items():
        assert len(compile_ruleset(book.rules).definition) > len(book.rules)
        for query in queries(python)[::7]:
            ctx = Context(query, python.book, instrument)
            assert raw(backend.fire_rules(book, f"{instrument.value}.all", book.rules, ctx)) == raw(reference.fire(book, ctx))


def _py_rule(guard: Node, require: Node | None = None) -> CompiledRule:
    return CompiledRule(
        id="t.r", article="1", cites=("t 1",), summary="", guard=guard, require=require,
        then=None, confidence=Confidence.HIGH, interpretation=None, location=(),
    )


def _atom(key: str, values: dict[str, bool | None]) -> Atom:
    return Atom("test", key, key, lambda ctx: Truth(values[key]), query_only=True)


def test_compiled_conditions_follow_kleene_logic(engines: tuple[Engine, Engine]) -> None:
    """Every combination of three atoms' values, through all/any/not/constants, for
    conclusion and requirement rules."""
    python, _ = engines
    values: dict[str, bool | None] = {}
    a, b, c = (_atom(k, values) for k in "abc")
    guards: list[Node] = [
        a,
        Not(a),
        All((a, b)),
        AnyOf((a, b)),
        All((a, Not(AnyOf((b, c))))),
        Not(All((AnyOf((a, Not(b))), c))),
        Const(True),
    ]
    requires: list[Node | None] = [None, b, Not(c), AnyOf((Not(a), All((b, c)))), Const(False)]
    rules = tuple(_py_rule(g, r) for g in guards for r in requires)
    book = python.rulebooks[Instrument.BUDAPEST]
    ctx = Context(queries(python)[0], python.book, Instrument.BUDAPEST)
    backend, reference = DurableBackend(), PythonBackend()
    for combo in itertools.product([True, False, None], repeat=3):
        values.update(zip("abc", combo))
        got = [(i, f.truth) for i, f in _indexed(backend.fire_rules(book, "test.kleene", rules, ctx), rules)]
        expected = [(i, f.truth) for i, f in _indexed(_fire_python(reference, rules, ctx), rules)]
        assert got == expected, combo


def _indexed(firings: tuple[Firing, ...], rules: tuple[CompiledRule, ...]) -> list[tuple[int, Firing]]:
    return [(next(i for i, r in enumerate(rules) if r is f.rule), f) for f in firings]


def _fire_python(reference: PythonBackend, rules: tuple[CompiledRule, ...], ctx: Context) -> tuple[Firing, ...]:
    class Book:
        def for_measure(self, measure: Measure) -> tuple[CompiledRule, ...]:
            return rules

    return reference.fire(Book(), ctx)  # type: ignore[arg-type]


def test_an_exception_in_an_action_is_raised(engines: tuple[Engine, Engine], monkeypatch: pytest.MonkeyPatch) -> None:
    """durable-rules swallows exceptions raised in actions; the backend re-raises them."""
    python, durable = engines
    backend = durable.backend
    assert isinstance(backend, DurableBackend)
    query = python.query("ES", "PE", measure="general_mla", offence="computer_fraud", on="2024-03-01")
    ctx = Context(query, durable.book, Instrument.BUDAPEST)
    book = durable.rulebooks[Instrument.BUDAPEST]

    def boom(sid: str, index: int, value: bool | None) -> None:
        raise RuntimeError("boom in action")

    monkeypatch.setattr(durable_backend, "_record", boom)
    # More failures than durable-rules has sids: each failed query's state is deleted.
    for _ in range(1030):
        with pytest.raises(BackendError, match="boom in action"):
            backend.fire(book, ctx)
    monkeypatch.undo()
    assert raw(backend.fire(book, ctx)) == raw(python.backend.fire(python.rulebooks[Instrument.BUDAPEST], Context(query, python.book, Instrument.BUDAPEST)))


def test_more_queries_than_live_sids(engines: tuple[Engine, Engine]) -> None:
    """durable-rules holds at most 1024 live sids per ruleset; each query frees its own."""
    python, durable = engines
    book = durable.rulebooks[Instrument.BUDAPEST]
    query = python.query("ES", "PE", measure="expedited_preservation", offence="laundering", on="2024-03-01")
    ctx = Context(query, durable.book, Instrument.BUDAPEST)
    first = raw(durable.backend.fire(book, ctx))
    for _ in range(2100):
        assert raw(durable.backend.fire(book, ctx)) == first


def test_engines_share_registered_rulesets(engines: tuple[Engine, Engine]) -> None:
    """durable-rules never frees a ruleset, so engines with the same rules share them."""
    python, durable = engines
    query = python.query("ES", "PE", measure="general_mla", offence="computer_fraud", on="2024-03-01")
    durable.answer(query)
    before = dict(durable_backend._REGISTRY.names)
    again = Engine(backend="durable")
    assert again.answer(query).model_dump(mode="json") == durable.answer(query).model_dump(mode="json")
    assert durable_backend._REGISTRY.names == before


def test_no_background_threads(engines: tuple[Engine, Engine]) -> None:
    """A durable-rules Host normally starts two timer threads that live forever."""
    before = threading.active_count()
    durable_backend._quiet_host(importlib.import_module("durable.engine"))
    engine = Engine(backend="durable")
    engine.answer(engine.query("ES", "PE", measure="general_mla", offence="computer_fraud", on="2024-03-01"))
    assert threading.active_count() == before


def test_concurrent_queries(engines: tuple[Engine, Engine]) -> None:
    python, durable = engines
    qs = queries(python)[::11]
    expected = {q: python.answer(q).model_dump(mode="json") for q in qs}
    fresh = Engine(backend="durable")
    errors: list[BaseException] = []

    def work(part: list[Query]) -> None:
        try:
            for q in part:
                assert fresh.answer(q).model_dump(mode="json") == expected[q]
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(qs[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]


def test_missing_durable_rules_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable_backend, "_ENGINE", None)
    monkeypatch.setitem(sys.modules, "durable.engine", None)
    with pytest.raises(BackendError) as caught:
        DurableBackend()
    message = str(caught.value)
    assert 'pip install "treatyrules[durable]"' in message
    assert "CPPFLAGS" in message
    assert "\n" not in message
