"""Language is presentation, never law: the legal fields of an answer are the same in es and en.

Over a seeded, generated set of queries (States, measures, offences, dates 1999-2035, flags and
the shipped scenarios), the answer and its summary are built in both languages; once the
human-readable texts are set aside, the two must be identical: applicability, channels,
grounds and who creates them, articles, sources, time limits, confidence flags and missing-fact
keys.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from treatyrules import summarize
from treatyrules._answer.engine import Engine
from treatyrules._i18n import using
from treatyrules.vocabulary import Measure, Offence

#: keys that hold text for people; everything else is a legal field
TEXT_KEYS = {"text", "why", "bottom_line", "fastest_text", "fewest_grounds_text", "ranking", "measure_in_instrument", "lang"}
SCENARIOS = [None, "peru_and_spain_ratify_second_protocol", "comjib_ratified_pe_es_pt", "un_convention_in_force"]


def legal(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in TEXT_KEYS or (key == "name" and "instrument" in value):
                continue
            out[key] = legal(item)
        return out
    if isinstance(value, list):
        return [legal(v) for v in value]
    return value


def _queries(engine: Engine, n: int, seed: int) -> list[tuple[dict[str, Any], str | None]]:
    rng = random.Random(seed)
    states = sorted({iso for (_, iso) in engine.book.party_rows} | {"PE", "ES", "AR", "CL", "MX", "CO"})
    start = date(1999, 1, 1)
    span = (date(2035, 12, 31) - start).days
    out = []
    for _ in range(n):
        a, b = rng.sample(states, 2)
        kwargs: dict[str, Any] = dict(
            measure=rng.choice(list(Measure)).value,
            offence=rng.choice(list(Offence)).value,
            on=start + timedelta(days=rng.randrange(span)),
            urgent=rng.random() < 0.3,
            emergency=rng.random() < 0.2,
            mla_treaty=rng.choice([None, True, False]),
        )
        out.append(((dict(requesting=a, requested=b, **kwargs)), rng.choice(SCENARIOS)))
    return out


@pytest.mark.parametrize("seed", [7, 2026])
def test_legal_fields_do_not_depend_on_the_language(engine: Engine, seed: int) -> None:
    checked = 0
    for kwargs, scenario in _queries(engine, 150, seed):
        query = engine.query(kwargs.pop("requesting"), kwargs.pop("requested"), **kwargs)
        dumps = {}
        for lang in ("en", "es"):
            with using(lang):
                answer = engine.answer_under(query, scenario)
                assert answer.lang == lang
                dumps[lang] = (answer.model_dump(mode="json"), summarize(answer).model_dump(mode="json"))
        assert legal(dumps["en"][0]) == legal(dumps["es"][0]), (query, scenario)
        assert legal(dumps["en"][1]) == legal(dumps["es"][1]), (query, scenario)
        checked += 1
    assert checked == 150


def test_the_texts_do_change_with_the_language(engine: Engine) -> None:
    """The check above would pass vacuously if nothing were translated."""
    query = engine.query("ES", "PE", measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2025-03-01")
    with using("en"):
        en = engine.answer(query)
    with using("es"):
        es = engine.answer(query)
    assert en.basis("budapest").name == "Convention on Cybercrime"
    assert es.basis("budapest").name == "Convenio sobre la Ciberdelincuencia"
    en_limits = [t.text for t in en.basis("budapest").time_limits]
    es_limits = [t.text for t in es.basis("budapest").time_limits]
    assert any("60 days" in t for t in en_limits)
    assert any("60 días" in t for t in es_limits)
