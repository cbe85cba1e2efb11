"""Sharing answers changes nothing: the engine's shared path gives, for every query, the very
answer the reference path computes from scratch.

The shared path (``Engine()``) computes an answer once per equivalence class of queries and
fills in each pair's own facts (``treatyrules/_answer/engine.py``); the reference path
(``Engine(memo=False)``) computes every answer from scratch, nothing shared between queries.
Over a seeded, generated set of more than 20,000 queries (every State in the data, every
measure and offence, dates from 1999 to 2035, the urgent/emergency/mla_treaty flags and the
other query fields, every shipped scenario, both languages), the JSON of the two answers
must be byte-identical.

The queries come in groups that share a measure, offence, date, flags, scenario and language,
and differ in the pair of States, so that most of them are answered from a class computed for
another pair, and the first query of a class takes many of its instruments' bases from another
class (the test checks both); each group also asks some pairs again on
another date of the same status period, and some exactly again. The reference answers are
computed in worker processes, in parallel with the shared path in this one, and compared by
the SHA-256 of their JSON; the first mismatch is shown as a diff of the two answers.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import os
import random
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from treatyrules._answer.engine import Engine
from treatyrules._i18n import using
from treatyrules.vocabulary import DataType, Measure, Offence

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261130
GROUPS = 512
PER_GROUP = 40  # 30 pairs, 6 of them again on another date of the period, 4 exact repeats
FIRST, LAST = date(1999, 1, 1), date(2035, 12, 31)
SCENARIOS = sorted(p.stem for p in (ROOT / "fixtures" / "scenarios").glob("*.yaml"))

#: (requesting, requested, keyword arguments as sorted items, scenario, language)
Case = tuple[str, str, tuple[tuple[str, Any], ...], str | None, str]


def generate(engine: Engine, seed: int = SEED) -> list[Case]:
    rng = random.Random(seed)
    party_states = sorted({iso for (_, iso) in engine.book.party_rows})
    others = sorted(set(engine.states) - set(party_states))
    # every State in the data appears: party States in every group's pool, the others in turn
    extra = itertools.cycle(rng.sample(others, len(others)))
    measures, offences = list(Measure), list(Offence)
    cases: list[Case] = []
    for g in range(GROUPS):
        on = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))
        kwargs: dict[str, Any] = {
            "measure": measures[g % len(measures)].value,
            "offence": rng.choice(offences).value,
            "on": on.isoformat(),
            "urgent": rng.random() < 0.3,
            "emergency": rng.random() < 0.2,
            "mla_treaty": rng.choice([None, None, None, True, False]),
        }
        if rng.random() < 0.15:
            kwargs["extradition_treaty"] = rng.choice([True, False])
        if rng.random() < 0.15:
            kwargs["data_types"] = tuple(sorted(rng.sample([d.value for d in DataType], rng.randint(1, 2))))
        if rng.random() < 0.15:
            kwargs["max_penalty_years"] = rng.choice([1, 2, 4, 10])
        if rng.random() < 0.15:
            kwargs["act_began"] = (on - timedelta(days=rng.randrange(4000))).isoformat()
        scenario = rng.choice(SCENARIOS) if rng.random() < 0.35 else None
        lang = "es" if g % 2 else "en"
        book = engine.book_for(scenario)
        first, second = next(extra), next(extra)
        pairs = [(first, rng.choice(party_states)), (rng.choice(party_states), second)]
        pairs += [tuple(rng.sample(party_states, 2)) for _ in range(28)]
        group: list[Case] = [(a, b, tuple(sorted(kwargs.items())), scenario, lang) for a, b in pairs]
        for a, b in pairs[:6]:  # the same pair on another date of the same status period
            other = _same_period(book, on, rng)
            group.append((a, b, tuple(sorted({**kwargs, "on": other.isoformat()}.items())), scenario, lang))
        group.extend(rng.sample(group, 4))  # exact repeats
        cases.extend(group)
    return cases


def _same_period(book: Any, on: date, rng: random.Random) -> date:
    period = book.period(on)
    for delta in rng.sample(range(-60, 61), 121):
        other = on + timedelta(days=delta)
        if delta and book.period(other) == period:
            return other
    return on


def _dump(engine: Engine, case: Case) -> str:
    a, b, items, scenario, lang = case
    with using(lang):  # type: ignore[arg-type]
        answer = engine.answer_under(engine.query(a, b, **dict(items)), scenario)
    return answer.model_dump_json()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


_REFERENCE: Engine | None = None


def _reference_digests(cases: Sequence[Case]) -> list[str]:
    """In a worker process: the reference path's answers, as digests of their JSON."""
    global _REFERENCE
    if _REFERENCE is None:
        _REFERENCE = Engine(memo=False)
    return [_digest(_dump(_REFERENCE, case)) for case in cases]


def _chunks(cases: Sequence[Case], n: int) -> Iterator[Sequence[Case]]:
    size = max(1, -(-len(cases) // n))
    for i in range(0, len(cases), size):
        yield cases[i : i + size]


def test_the_shared_path_answers_every_query_as_the_reference_path_does() -> None:
    shared = Engine()
    cases = generate(shared)
    assert len(cases) >= 20_000

    # the set reaches everything it should
    asked = {c[0] for c in cases} | {c[1] for c in cases}
    assert asked >= set(shared.states)
    assert {dict(c[2])["measure"] for c in cases} == {m.value for m in Measure}
    assert {dict(c[2])["offence"] for c in cases} == {o.value for o in Offence}
    assert {c[3] for c in cases} == {None, *SCENARIOS}
    assert {c[4] for c in cases} == {"en", "es"}
    years = {int(dict(c[2])["on"][:4]) for c in cases}
    assert min(years) <= 2000 and max(years) >= 2034

    workers = max(1, min(4, (os.cpu_count() or 1)))
    chunks = list(_chunks(cases, workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending = [pool.submit(_reference_digests, chunk) for chunk in chunks]
        # meanwhile, the shared path in this process, in order (so that classes are reused)
        got = [_digest(_dump(shared, case)) for case in cases]
        expected = [digest for future in pending for digest in future.result()]

    mismatched = [i for i, (x, y) in enumerate(zip(got, expected, strict=True)) if x != y]
    if mismatched:
        first = cases[mismatched[0]]
        mine = json.dumps(json.loads(_dump(shared, first)), indent=1, ensure_ascii=False).splitlines()
        theirs = json.dumps(json.loads(_dump(Engine(memo=False), first)), indent=1, ensure_ascii=False).splitlines()
        diff = "\n".join(list(difflib.unified_diff(theirs, mine, "reference", "shared", lineterm="", n=2))[:80])
        raise AssertionError(f"{len(mismatched)} of {len(cases)} answers differ; the first, {first}:\n{diff}")

    # and most answers came from a class computed for another pair
    classes = shared._classes
    assert classes is not None
    assert classes.hits > classes.misses, (classes.hits, classes.misses)
    # and the first queries of classes took many of their instruments' bases from a basis
    # computed for another class (6,725 classes made 12,136 of their 26,900 bases so)
    bases = shared._bases
    assert bases is not None
    assert bases.hits > bases.misses / 2, (bases.hits, bases.misses)


def test_engine_ask_and_repeated_arguments_answer_as_the_public_function_does() -> None:
    import pytest

    import treatyrules
    from treatyrules._answer.engine import default_engine
    from treatyrules.errors import InvalidQueryError

    engine = default_engine()
    args = dict(measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2025-03-01")
    for lang in ("en", "es", "en"):
        expected = treatyrules.which_treaty_applies("ES", "PE", urgent=True, lang=lang, **args)  # type: ignore[arg-type]
        first = engine.ask("ES", "PE", urgent=True, lang=lang, **args)  # type: ignore[arg-type]
        again = engine.ask("ES", "PE", urgent=True, lang=lang, **args)  # type: ignore[arg-type]
        assert first.model_dump_json() == expected.model_dump_json() and again is first
        assert first.lang == lang
    # arguments equal to cached ones but not valid are still refused (True == 1, yet urgent=1 is an error)
    with pytest.raises(InvalidQueryError):
        engine.ask("ES", "PE", urgent=1, **args)  # type: ignore[arg-type]
    with pytest.raises(InvalidQueryError):
        engine.query("ES", "PE", urgent=1, **args)  # type: ignore[arg-type]
    # a penalty of -0.0 is not served the query of 0.0, nor 2 that of 2.0 differently
    assert engine.query("ES", "PE", max_penalty_years=2, **args) == engine.query("ES", "PE", max_penalty_years=2.0, **args)
    assert str(engine.query("ES", "PE", max_penalty_years=-0.0, **args).max_penalty_years) == "-0.0"
    assert str(engine.query("ES", "PE", max_penalty_years=0.0, **args).max_penalty_years) == "0.0"


def test_the_matrix_reads_from_a_class_what_each_pair_computed_from_scratch_shows() -> None:
    """``treatyrules matrix`` reads its rows' shared cells once per class and fills in each
    pair's missing facts (``Engine.compute_view``): on 4,000 of the generated queries, what it
    reads is what the reference path computes for the pair itself."""
    from treatyrules.cli._matrix import _cells

    shared, reference = Engine(), Engine(memo=False)
    cases = generate(shared)[:4000]
    for a, b, items, scenario, lang in cases:
        with using(lang):  # type: ignore[arg-type]
            got = shared.compute_view(shared.query(a, b, **dict(items)), shared.book_for(scenario), _cells)
            expected = reference.compute_view(reference.query(a, b, **dict(items)), reference.book_for(scenario), _cells)
        assert got == expected, (a, b, items, scenario, lang)
    classes = shared._classes
    assert classes is not None
    assert classes.hits > classes.misses, (classes.hits, classes.misses)
    # and the first queries of classes took many of their instruments' bases from a basis
    # computed for another class (6,725 classes made 12,136 of their 26,900 bases so)
    bases = shared._bases
    assert bases is not None
    assert bases.hits > bases.misses / 2, (bases.hits, bases.misses)
