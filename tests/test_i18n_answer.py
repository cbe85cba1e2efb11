"""The engine builds every answer in the language in use, and only the texts change.

Spain asks Peru for the expedited preservation of stored data on 2025-03-01 (the README's
query): under ``using("es")`` the answer's texts are Spanish (the instrument's name, the
ground Peru's 29.4 reservation creates, the comparison, the caveats, the time limits of
Budapest 29.7 as the rule file words them in Spanish), under ``using("en")`` they are the
English of before. The caches never serve one language's texts in the other, serially or
from many threads at once, and the legal fields are the same in both languages.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from treatyrules._answer import basis as basis_module
from treatyrules._answer.comparison import NO_RANKING
from treatyrules._answer.engine import VERIFY_CAVEAT, Engine
from treatyrules._i18n import Lang, catalogue, current, using
from treatyrules._rules.rulebook import load_rulebook
from treatyrules.errors import RuleFileError
from treatyrules.models import Answer, Query
from treatyrules.vocabulary import Ground

README: dict[str, Any] = {"measure": "expedited_preservation", "offence": "electronic_evidence_any_offence", "on": "2025-03-01"}
RESERVATION_GROUND = Ground.DUAL_CRIMINALITY_AT_DISCLOSURE_UNLIKELY

#: keys that hold text for people; everything else is a legal field
TEXT_KEYS = frozenset({"text", "lang", "fastest_text", "fewest_grounds_text", "ranking", "measure_in_instrument", "why", "bottom_line"})


def legal(value: Any) -> Any:
    """``value`` without its texts: the instrument's name of a basis and every key of TEXT_KEYS."""
    if isinstance(value, dict):
        return {k: legal(v) for k, v in value.items() if k not in TEXT_KEYS and not (k == "name" and "instrument" in value)}
    if isinstance(value, list):
        return [legal(v) for v in value]
    return value


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _answer(engine: Engine, query: Query, lang: Lang, scenario: str | None = None) -> Answer:
    with using(lang):
        return engine.answer_under(query, scenario)


@pytest.fixture(scope="module")
def readme_query(engine: Engine) -> Query:
    return engine.query("ES", "PE", **README)


def _clear_shared_caches() -> None:
    for cached in (basis_module._fact_note, basis_module._reason_for, basis_module._time_limit, basis_module._contents, basis_module._condition):
        cached.cache_clear()


# -- (a) Spanish texts under using("es"), the English of before under using("en") ---------------


class TestTheReadmeAnswer:
    def test_in_spanish(self, engine: Engine, readme_query: Query) -> None:
        answer = _answer(engine, readme_query, "es")
        budapest = answer.basis("budapest")
        spec = engine.rulebooks[budapest.instrument].spec

        assert answer.lang == "es"
        assert budapest.name == "Convenio sobre la Ciberdelincuencia" == spec.instrument.name.es

        ground = next(g for g in budapest.refusal_grounds if g.ground is RESERVATION_GROUND)
        assert (ground.source, ground.state, ground.articles) == ("reservation", "PE", ("budapest 29.4",))
        assert ground.text == engine.labels.names["ground"][RESERVATION_GROUND.value].es
        assert all(g.text == engine.labels.names["ground"][g.ground.value].es for g in budapest.refusal_grounds)

        assert answer.comparison is not None
        assert answer.comparison.fastest_text.startswith("Ruta más rápida: budapest por el canal «punto de contacto 24/7» (ruta 1, velocidad 1).")
        assert answer.comparison.ranking == catalogue().get("compare.ranking", "es")
        assert answer.comparison.fewest_grounds_text.startswith("Menos motivos de denegación: budapest enumera 3 (lista cerrada, budapest 29.5).")
        assert catalogue().get("answer.verify_caveat", "es") in [c.text for c in answer.caveats]

        facts = [f.text for r in budapest.reasons for f in r.facts]
        assert "ES: en vigor desde el 2010-10-01 (budapest 36.4)" in facts

    def test_the_time_limits_of_29_7_as_the_rule_file_words_them_in_spanish(self, engine: Engine, readme_query: Query) -> None:
        es = _answer(engine, readme_query, "es").basis("budapest")
        en = _answer(engine, readme_query, "en").basis("budapest")
        book = engine.rulebooks[es.instrument]
        rules = [r for r in book.rules if r.then is not None and r.then.time_limit is not None and r.cites[0] == "budapest 29.7"]
        assert rules
        wording = {r.then.time_limit.id: r.then.time_limit.text for r in rules if r.then and r.then.time_limit}
        assert {tl.id: tl.text for tl in es.time_limits if tl.articles[0] == "budapest 29.7"} == {k: _one_line(v.es) for k, v in wording.items()}
        assert {tl.id: tl.text for tl in en.time_limits if tl.articles[0] == "budapest 29.7"} == {k: _one_line(v.en) for k, v in wording.items()}
        if all(v.es == v.en for v in wording.values()):
            pytest.xfail("rules/budapest.yaml has no Spanish text for Art 29.7 yet")
        assert any("60 días" in tl.text for tl in es.time_limits)

    def test_in_english_as_before(self, engine: Engine, readme_query: Query) -> None:
        answer = _answer(engine, readme_query, "en")
        budapest = answer.basis("budapest")

        assert answer.lang == "en"
        assert budapest.name == "Convention on Cybercrime"
        ground = next(g for g in budapest.refusal_grounds if g.ground is RESERVATION_GROUND)
        assert ground.text == engine.labels.names["ground"][RESERVATION_GROUND.value].en
        assert any(tl.text.startswith("Data are preserved for at least 60 days") for tl in budapest.time_limits)
        assert answer.comparison is not None
        assert answer.comparison.ranking == NO_RANKING
        assert answer.comparison.fastest_text.startswith("Fastest route: budapest through the 24/7 point of contact (route 1, speed 1).")
        assert VERIFY_CAVEAT in [c.text for c in answer.caveats]
        assert "ES: in force since 2010-10-01 (budapest 36.4)" in [f.text for r in budapest.reasons for f in r.facts]

    def test_the_english_constants_are_the_english_catalogue(self) -> None:
        assert VERIFY_CAVEAT == catalogue().get("answer.verify_caveat", "en")
        assert NO_RANKING == catalogue().get("compare.ranking", "en")

    def test_facts_of_the_query_and_missing_facts(self, engine: Engine) -> None:
        query = engine.query("ES", "PE", measure="general_mla", offence="computer_fraud", on="2025-03-01", mla_treaty=False)
        es, en = _answer(engine, query, "es"), _answer(engine, query, "en")
        es_facts = {f.text for c in es.basis("budapest").channels for r in c.reasons for f in r.facts}
        en_facts = {f.text for c in en.basis("budapest").channels for r in c.reasons for f in r.facts}
        assert "given in the query: an MLA treaty or uniform/reciprocal arrangement is not in force between ES and PE" in en_facts
        assert (
            "dado en la consulta: entre ES y PE no está en vigor ningún tratado de asistencia mutua ni acuerdo basado en legislación uniforme o recíproca"
            in es_facts
        )
        unknown = engine.query("ES", "PE", measure="general_mla", offence="computer_fraud", on="2025-03-01")
        missing = {m.fact: m.text for m in _answer(engine, unknown, "es").basis("budapest").channels[0].missing_facts}
        assert missing["mla_treaty"].startswith("si entre ES y PE está en vigor un tratado de asistencia mutua")

    def test_diff_and_timeline_texts(self, engine: Engine) -> None:
        query = engine.query("PE", "ES", measure="subscriber_info_direct_order", offence="computer_fraud", on="2027-06-01")
        scenario = "peru_and_spain_ratify_second_protocol"
        with using("es"):
            es = engine.diff(query, scenario)
            timeline = engine.timeline("PE", "ES", scenario=scenario)
        with using("en"):
            en = engine.diff(query, scenario)
        assert [legal(c.model_dump(mode="json")) for c in es.changes] == [legal(c.model_dump(mode="json")) for c in en.changes]
        assert "second_protocol: channel direct_to_service_provider: absent -> true" in [c.text for c in en.changes]
        assert "second_protocol: canal direct_to_service_provider: ausente -> sí" in [c.text for c in es.changes]
        happened = [h.text for event in timeline.events for h in event.happened]
        assert "Entrada en vigor para ES: Convenio de Budapest (en vigor desde el 2010-10-01 (budapest 36.4))" in happened


# -- (b) the caches never mix the languages ------------------------------------------------------------


QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    ("ES", "PE", README),
    ("PE", "ES", {"measure": "general_mla", "offence": "computer_fraud", "on": "2025-03-01"}),
    ("ES", "PE", {"measure": "expedited_preservation", "offence": "computer_fraud", "on": "2027-06-01", "urgent": True}),
    ("JP", "PE", {"measure": "subscriber_info_direct_order", "offence": "computer_fraud", "on": "2027-06-01"}),
    ("AR", "CL", {"measure": "interception", "offence": "csam", "on": "2022-01-01", "mla_treaty": True}),
]


def _questions(engine: Engine) -> list[tuple[Query, str | None]]:
    out: list[tuple[Query, str | None]] = []
    for a, b, kwargs in QUERIES:
        query = engine.query(a, b, **kwargs)
        out += [(query, None), (query, "peru_and_spain_ratify_second_protocol"), (query, "comjib_reservation_pe_9_3")]
    return out


def test_en_then_es_then_en_again() -> None:
    _clear_shared_caches()
    engine = Engine()
    query = engine.query("ES", "PE", **README)
    first = _answer(engine, query, "en").model_dump(mode="json")
    spanish = _answer(engine, query, "es").model_dump(mode="json")
    again = _answer(engine, query, "en").model_dump(mode="json")
    spanish_again = _answer(engine, query, "es").model_dump(mode="json")

    assert first == again and spanish == spanish_again
    assert (first["lang"], spanish["lang"]) == ("en", "es")
    assert first != spanish and legal(first) == legal(spanish)
    assert current() == "en"  # using() restores the language


def test_eight_threads_each_with_its_own_language() -> None:
    serial = Engine()
    questions = _questions(serial)
    expected = {lang: [_answer(serial, q, lang, s).model_dump(mode="json") for q, s in questions] for lang in ("en", "es")}
    assert all(e["lang"] != s["lang"] and _signature_of(e) != _signature_of(s) for e, s in zip(expected["en"], expected["es"], strict=True))

    _clear_shared_caches()
    threaded = Engine()
    start = threading.Barrier(8)

    def work(index: int) -> tuple[Lang, list[list[dict[str, Any]]]]:
        lang: Lang = "es" if index % 2 else "en"
        backwards = index % 4 >= 2
        order = questions[::-1] if backwards else questions
        start.wait()
        rounds = []
        with using(lang):
            for _ in range(3):
                got = [threaded.answer_under(q, s).model_dump(mode="json") for q, s in order]
                rounds.append(got[::-1] if backwards else got)
            assert current() == lang
        return lang, rounds

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    for lang, rounds in results:
        for got in rounds:
            assert got == expected[lang], lang


def _signature_of(dump: dict[str, Any]) -> list[str]:
    return [b["name"] for b in dump["bases"]] + [c["text"] for c in dump["caveats"]]


# -- (c) the legal fields are the same in both languages -------------------------------------------------


def test_the_legal_fields_are_identical(engine: Engine) -> None:
    for query, scenario in _questions(engine):
        en = _answer(engine, query, "en", scenario).model_dump(mode="json")
        es = _answer(engine, query, "es", scenario).model_dump(mode="json")
        assert legal(en) == legal(es), (query, scenario)
        assert en != es


# -- rule-file errors are read in the language in use ------------------------------------------------


def test_a_rule_file_error_reads_in_either_language(data_copy: Path) -> None:
    path = data_copy / "rules" / "budapest.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("urgent: true", "urgent: maybe", 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rulebook(path)
    with using("en"):
        assert str(info.value).endswith("urgent: expected true or false, got 'maybe'")
    with using("es"):
        assert str(info.value).endswith("en urgent: se esperaba true o false, y se recibió 'maybe'")
