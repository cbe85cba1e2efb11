"""The HTTP API at scale: POST /which/batch, ETag and Cache-Control with 304, and the size limits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from treatyrules.errors import InvalidQueryError  # noqa: E402
from treatyrules.http.app import create_app  # noqa: E402
from treatyrules.http.caching import ResponseCache, _Stored  # noqa: E402
from treatyrules.http.limits import Limits  # noqa: E402
from treatyrules.models import Answer, Summary  # noqa: E402

PRESERVATION = {
    "requesting": "ES",
    "requested": "PE",
    "measure": "expedited_preservation",
    "offence": "electronic_evidence_any_offence",
    "on": "2025-03-01",
}
CSV_HEADER = "requesting,requested,measure,offence,on\n"
ES_PE = "ES,PE,expedited_preservation,electronic_evidence_any_offence,2025-03-01\n"
ES_XX = "ES,XX,expedited_preservation,electronic_evidence_any_offence,2025-03-01\n"
CSV = {"content-type": "text/csv"}
NDJSON = {"content-type": "application/x-ndjson"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


@pytest.fixture(scope="module")
def small() -> Iterator[TestClient]:
    """An app with small limits, so that a test crosses them with a few bytes."""
    limits = Limits(max_body_bytes=2048, max_batch_lines=3, max_query_bytes=600, max_params=20, max_repeats=5)
    with TestClient(create_app(limits=limits)) as c:
        yield c


def records(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines()]


def budapest(answer: dict[str, Any]) -> dict[str, Any]:
    return next(b for b in answer["bases"] if b["instrument"] == "budapest")


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "Traceback" not in response.text
    error: dict[str, Any] = response.json()["error"]
    assert "\n" not in error["message"]
    return error


# -- POST /which/batch --------------------------------------------------------------------


def test_batch_csv_answers_every_line_in_order_and_a_bad_line_does_not_stop_the_rest(client: TestClient) -> None:
    body = CSV_HEADER + ES_PE + ES_XX + "\n" + ES_PE
    out = records(client.post("/which/batch", content=body, headers=CSV))
    assert [r["line"] for r in out] == [2, 3, 5]
    first, bad, last = out
    basis = budapest(Answer.model_validate(first["answer"]).model_dump(mode="json"))
    assert basis["applicable"] is True
    grounds = {g["ground"]: g for g in basis["refusal_grounds"]}
    assert grounds["dual_criminality_at_disclosure_unlikely"]["articles"] == ["budapest 29.4"]
    assert grounds["political_offence"]["articles"] == ["budapest 29.5.a"]
    assert bad["error"]["type"] == "UnknownStateError"
    assert (bad["error"]["field"], bad["error"]["value"]) == ("requested", "XX")
    assert last["answer"] == first["answer"]


def test_batch_ndjson_summary_in_spanish(client: TestClient) -> None:
    lines = [json.dumps(PRESERVATION), "not json", "", json.dumps({**PRESERVATION, "requested": "XX"}), json.dumps({**PRESERVATION, "colour": "red"})]
    out = records(client.post("/which/batch?view=summary&lang=es", content="\n".join(lines), headers=NDJSON))
    assert [r["line"] for r in out] == [1, 2, 4, 5]
    summary = Summary.model_validate(out[0]["answer"])
    assert summary.lang == "es"
    assert summary.route is not None and summary.route.instrument.value == "budapest"
    assert out[1]["error"]["type"] == "InvalidQueryError"
    assert out[2]["error"]["type"] == "UnknownStateError"
    assert "«XX»" in out[2]["error"]["message"]  # the message in Spanish
    assert out[3]["error"]["type"] == "InvalidQueryError" and "colour" in out[3]["error"]["message"]


def test_batch_invalid_utf8_fails_only_its_line(client: TestClient) -> None:
    body = (json.dumps(PRESERVATION) + "\n").encode() + b'{"requesting": "\xff\xfe"}\n' + (json.dumps(PRESERVATION) + "\n").encode()
    out = records(client.post("/which/batch", content=body, headers=NDJSON))
    assert [r["line"] for r in out] == [1, 2, 3]
    assert "answer" in out[0] and "answer" in out[2]
    assert out[1]["error"]["type"] in ("UnknownStateError", "InvalidQueryError")


def test_batch_never_reads_a_scenario_file_on_the_server(client: TestClient) -> None:
    line = {**PRESERVATION, "scenario": "/etc/passwd"}
    out = records(client.post("/which/batch", content=json.dumps(line), headers=NDJSON))
    assert out[0]["error"]["type"] == "UnknownTagError" and out[0]["error"]["field"] == "scenario"


def test_batch_with_a_shipped_scenario_is_answered_under_it(client: TestClient) -> None:
    from treatyrules.scenario import shipped_scenarios

    name = sorted(shipped_scenarios())[0]
    out = records(client.post("/which/batch", content=json.dumps({**PRESERVATION, "scenario": name}), headers=NDJSON))
    assert out[0]["answer"]["query"]["scenario"] == name


def test_batch_an_unreadable_csv_header_is_a_422(client: TestClient) -> None:
    error = error_of(client.post("/which/batch", content="requesting,colour\nES,red\n", headers=CSV), 422)
    assert error["type"] == "InvalidQueryError" and "colour" in error["message"]


def test_batch_empty_body_is_an_empty_stream(client: TestClient) -> None:
    assert records(client.post("/which/batch", content="", headers=NDJSON)) == []


@pytest.mark.parametrize(("lang", "words"), [("en", "must be one of text/csv, application/x-ndjson"), ("es", "debe ser de uno de estos tipos")])
def test_batch_wrong_content_type_is_a_415(client: TestClient, lang: str, words: str) -> None:
    error = error_of(client.post(f"/which/batch?lang={lang}", content=json.dumps(PRESERVATION), headers={"content-type": "application/json"}), 415)
    assert error["type"] == "InvalidQueryError"
    assert (error["field"], error["value"]) == ("content-type", "application/json")
    assert words in error["message"]


def test_batch_bad_view_is_a_422(client: TestClient) -> None:
    error = error_of(client.post("/which/batch?view=tiny", content=ES_PE, headers=CSV), 422)
    assert error["type"] == "InvalidQueryError" and error["field"] == "view"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "the batch has 4 query lines, over the limit of 3"), ("es", "el lote tiene 4 líneas de consulta y supera el límite de 3")],
)
def test_batch_over_the_line_limit_is_a_422(small: TestClient, lang: str, words: str) -> None:
    body = CSV_HEADER + ES_PE * 4
    error = error_of(small.post(f"/which/batch?lang={lang}", content=body, headers=CSV), 422)
    assert error["type"] == "InvalidQueryError"
    assert (error["field"], error["limit"], error["size"]) == ("lines", 3, 4)
    assert words in error["message"]
    assert len(records(small.post("/which/batch", content=CSV_HEADER + ES_PE * 3, headers=CSV))) == 3


# -- body and query limits ------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("en", "over the limit of 2048 bytes"), ("es", "supera el límite de 2048 bytes")])
def test_a_body_over_the_limit_is_a_413(small: TestClient, lang: str, words: str) -> None:
    body = CSV_HEADER + ES_PE * 40
    error = error_of(small.post(f"/which/batch?lang={lang}", content=body, headers=CSV), 413)
    assert error["type"] == "InvalidQueryError"
    assert (error["field"], error["limit"], error["size"]) == ("body", 2048, len(body))
    assert words in error["message"]


def test_a_chunked_body_over_the_limit_is_a_413(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield ES_PE.encode()

    error = error_of(small.post("/which/batch", content=chunks(), headers=CSV), 413)
    assert error["field"] == "body" and error["size"] > 2048
    assert "passed the limit of 2048 bytes" in error["message"]
    spanish = error_of(small.post("/which/batch?lang=es", content=chunks(), headers=CSV), 413)
    assert "supera el límite de 2048 bytes" in spanish["message"] and "leídos" in spanish["message"]


def test_the_body_limit_holds_for_post_which_too(small: TestClient) -> None:
    body = {**PRESERVATION, "scenario": {"name": "x" * 4000, "title": "t", "events": []}}
    error = error_of(small.post("/which", json=body), 413)
    assert error["field"] == "body"
    assert Answer.model_validate(small.post("/which", json=PRESERVATION).json()).query.requested == "PE"


@pytest.mark.parametrize(("lang", "words"), [("en", "the query string is"), ("es", "la cadena de consulta tiene")])
def test_an_over_long_query_string_is_a_414(small: TestClient, lang: str, words: str) -> None:
    error = error_of(small.get("/which", params={**PRESERVATION, "lang": lang, "offence": "x" * 700}), 414)
    assert error["type"] == "InvalidQueryError" and error["field"] == "query" and error["limit"] == 600
    assert words in error["message"]


@pytest.mark.parametrize(("lang", "words"), [("en", "repeated 6 times, over the limit of 5"), ("es", "se repite 6 veces y supera el límite de 5")])
def test_a_parameter_repeated_too_often_is_a_422(small: TestClient, lang: str, words: str) -> None:
    params: list[tuple[str, Any]] = [*PRESERVATION.items(), ("lang", lang), *[("data_types", "subscriber_information")] * 6]
    error = error_of(small.get("/which", params=params), 422)
    assert (error["type"], error["field"], error["size"]) == ("InvalidQueryError", "data_types", 6)
    assert words in error["message"]


@pytest.mark.parametrize(("lang", "words"), [("en", "has 26 parameters, over the limit of 20"), ("es", "tiene 26 parámetros y supera el límite de 20")])
def test_too_many_parameters_is_a_422(small: TestClient, lang: str, words: str) -> None:
    params: list[tuple[str, Any]] = [*PRESERVATION.items(), ("lang", lang), *[(f"p{i}", "1") for i in range(20)]]
    error = error_of(small.get("/which", params=params), 422)
    assert error["field"] == "query" and error["size"] == 26
    assert words in error["message"]


def test_limits_from_the_environment() -> None:
    limits = Limits.from_env({"TREATYRULES_MAX_BODY_BYTES": "4_096", "TREATYRULES_MAX_BATCH_LINES": "7"})
    assert (limits.max_body_bytes, limits.max_batch_lines, limits.max_query_bytes) == (4096, 7, Limits().max_query_bytes)
    assert Limits() == Limits.from_env({}) and Limits().max_body_bytes == 1 << 20 and Limits().max_batch_lines == 10_000
    with pytest.raises(InvalidQueryError, match="TREATYRULES_MAX_BODY_BYTES must be a positive whole number"):
        Limits.from_env({"TREATYRULES_MAX_BODY_BYTES": "lots"})
    with pytest.raises(InvalidQueryError):
        Limits(max_batch_lines=0)


# -- ETag, Cache-Control, 304 --------------------------------------------------------------


def test_which_carries_etag_and_cache_control_and_answers_304(client: TestClient) -> None:
    first = client.get("/which", params=PRESERVATION)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert first.headers["cache-control"] == "public, max-age=3600"
    assert "Accept-Language" in first.headers["vary"]
    again = client.get("/which", params=PRESERVATION, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and again.headers["content-language"] == "en"
    weak = client.get("/which", params=PRESERVATION, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    stale = client.get("/which", params=PRESERVATION, headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200 and stale.json() == first.json()


def test_the_etag_follows_the_normalised_request(client: TestClient) -> None:
    def tag(params: dict[str, str] | list[tuple[str, Any]], **headers: str) -> str:
        response = client.get("/which", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return str(response.headers["etag"])

    base = tag(PRESERVATION)
    assert tag(list(reversed(PRESERVATION.items()))) == base  # parameter order does not matter
    assert tag({**PRESERVATION, "view": " FULL"}) == base  # the default view, spelled otherwise
    assert tag({**PRESERVATION, "view": "summary"}) != base
    spanish = tag({**PRESERVATION, "lang": "es"})
    assert spanish != base
    assert tag(PRESERVATION, **{"Accept-Language": "es-ES,es;q=0.9"}) == spanish  # the language, however chosen
    assert tag({**PRESERVATION, "on": "2025-03-02"}) != base


def test_etags_agree_between_replicas() -> None:
    with TestClient(create_app()) as one, TestClient(create_app(response_cache_bytes=0)) as two:
        a, b = one.get("/which", params=PRESERVATION), two.get("/which", params=PRESERVATION)
        assert a.headers["etag"] == b.headers["etag"]
        assert a.content == b.content
        again = one.get("/which", params=PRESERVATION)  # from the response cache
        assert again.content == a.content and again.headers["etag"] == a.headers["etag"]


def test_errors_are_not_cached_and_a_bad_lang_is_refused_after_a_cached_answer(client: TestClient) -> None:
    assert client.get("/which", params=PRESERVATION).status_code == 200
    for params in ({**PRESERVATION, "lang": "fr"}, {**PRESERVATION, "requested": "XX"}, {**PRESERVATION, "view": "tiny"}):
        response = client.get("/which", params=params)
        assert response.status_code == 422, params
        assert "etag" not in response.headers
        assert response.headers["cache-control"] == "no-store"


def test_a_question_for_today_is_kept_at_most_until_midnight(client: TestClient) -> None:
    params = {k: v for k, v in PRESERVATION.items() if k != "on"}
    response = client.get("/which", params=params)
    assert response.status_code == 200
    control = response.headers["cache-control"]
    assert control.startswith("public, max-age=")
    assert 0 <= int(control.rsplit("=", 1)[1]) <= 3600


def test_reference_endpoints_and_i18n_are_tagged(client: TestClient) -> None:
    for path in ("/i18n/es", "/vocabulary", "/states", "/scenarios", "/openapi.json"):
        first = client.get(path)
        assert first.status_code == 200, path
        assert first.headers["cache-control"] == "public, max-age=3600", path
        assert client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304, path
    assert client.get("/i18n/es").headers["etag"] != client.get("/i18n/en").headers["etag"]
    assert client.get("/i18n/fr").headers["cache-control"] == "no-store"


def test_draft_etag_varies_with_accept(client: TestClient) -> None:
    md = client.get("/draft", params=PRESERVATION, headers={"Accept": "text/markdown"})
    html = client.get("/draft", params=PRESERVATION, headers={"Accept": "text/html"})
    assert md.status_code == html.status_code == 200
    assert md.headers["etag"] != html.headers["etag"]
    assert "Accept" in md.headers["vary"].split(", ") and "Accept-Language" in md.headers["vary"]
    assert client.get("/draft", params=PRESERVATION, headers={"Accept": "text/markdown", "If-None-Match": md.headers["etag"]}).status_code == 304


def test_post_and_batch_are_not_tagged(client: TestClient) -> None:
    assert "etag" not in client.post("/which", json=PRESERVATION).headers
    assert "etag" not in client.post("/which/batch", content=CSV_HEADER + ES_PE, headers=CSV).headers


def test_response_cache_keeps_to_its_budget() -> None:
    cache = ResponseCache(budget=8000)
    for i in range(20):
        cache.put(f"t{i}", _Stored(200, [], b"x" * 900))
    assert cache.size <= 8000 and len(cache) < 20
    assert cache.get("t19") is not None and cache.get("t0") is None
    cache.put("huge", _Stored(200, [], b"x" * 5000))  # over an eighth of the budget: not kept
    assert cache.get("huge") is None
