"""Concurrent callers get the same answers as a serial run."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

from treatyrules._answer.engine import Engine
from treatyrules.vocabulary import Measure

PAIRS = [("ES", "PE"), ("PE", "ES"), ("ES", "CZ"), ("JP", "RS"), ("ES", "MX"), ("ES", "PY"), ("AR", "NO")]
DATES = ["2019-07-04", "2019-07-05", "2019-12-01", "2025-03-01"]


def _questions(engine: Engine) -> list:  # type: ignore[type-arg]
    return [
        engine.query(a, b, measure=m, offence=o, on=d, mla_treaty=mla, urgent=u)
        for (a, b), m, o, d, mla, u in itertools.product(
            PAIRS, list(Measure)[:12], ("computer_fraud", "electronic_evidence_any_offence"), DATES, (None, False), (False, True)
        )
    ]


def test_eight_threads_agree_with_a_serial_run() -> None:
    serial_engine = Engine()
    questions = _questions(serial_engine)
    expected = [serial_engine.answer(q).model_dump(mode="json") for q in questions]

    threaded_engine = Engine()
    shuffled = questions[::-1] + questions
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda q: threaded_engine.answer(q).model_dump(mode="json"), shuffled))

    n = len(questions)
    assert results[n:] == expected
    assert results[:n] == expected[::-1]
