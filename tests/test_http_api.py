"""The HTTP API (treatyrules[api]): answers as the library's models, typed errors as 422, the page."""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from treatyrules._i18n import Lang, catalogue  # noqa: E402
from treatyrules.cli import _serve  # noqa: E402
from treatyrules.http.app import STATIC, create_app  # noqa: E402
from treatyrules.models import Answer, Diff, Summary, Timeline  # noqa: E402
from treatyrules.scenario import shipped_scenarios  # noqa: E402

PRESERVATION = {
    "requesting": "ES",
    "requested": "PE",
    "measure": "expedited_preservation",
    "offence": "electronic_evidence_any_offence",
    "on": "2025-03-01",
}

MLA_TREATY_SCENARIO = {
    "name": "es_pe_mla_treaty",
    "title": "An MLA treaty is in force between Spain and Peru",
    "events": [{"mla_treaty": {"states": ["ES", "PE"], "from": "1990-01-01"}}],
}


#: Budapest Art. 29.4 (the reservation of PE) as the draft cites it: "budapest 29.4" or "Convenio de Budapest, art. 29.4"
CITES_29_4 = re.compile(r"budapest 29\.4|Budapest(?: Convention)?, art\. 29\.4", re.IGNORECASE)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


def budapest(data: dict[str, Any]) -> dict[str, Any]:
    return next(b for b in data["bases"] if b["instrument"] == "budapest")


def assert_preservation_answer(data: dict[str, Any]) -> None:
    Answer.model_validate(data)
    basis = budapest(data)
    assert basis["applicable"] is True
    grounds = {g["ground"]: g for g in basis["refusal_grounds"]}
    cites = {a for g in grounds.values() for a in g["articles"]}
    assert {"budapest 29.5.a", "budapest 29.5.b", "budapest 29.4"} <= cites
    reservation = grounds["dual_criminality_at_disclosure_unlikely"]
    assert (reservation["source"], reservation["state"], reservation["articles"]) == ("reservation", "PE", ["budapest 29.4"])
    assert grounds["political_offence"]["source"] == "instrument"


def assert_error(response: Any, type_: str, message: str) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["type"] == type_
    assert message in error["message"]
    assert "\n" not in error["message"] and "Traceback" not in response.text
    return dict(error)


# -- /which -------------------------------------------------------------------------------


def test_get_which_es_pe_preservation(client: TestClient) -> None:
    response = client.get("/which", params=PRESERVATION)

    assert response.status_code == 200
    assert_preservation_answer(response.json())


def test_post_which_gives_the_same_answer_as_get(client: TestClient) -> None:
    posted = client.post("/which", json=PRESERVATION)

    assert posted.status_code == 200
    assert_preservation_answer(posted.json())
    assert posted.json() == client.get("/which", params=PRESERVATION).json()


def test_query_options_reach_the_engine(client: TestClient) -> None:
    params = {**PRESERVATION, "urgent": "true", "mla_treaty": "false", "data_types": "subscriber_information,traffic_data"}
    query = client.get("/which", params=params).json()["query"]

    assert query["urgent"] is True and query["mla_treaty"] is False
    assert query["data_types"] == ["subscriber_information", "traffic_data"]
    body = {**PRESERVATION, "mla_treaty": "unknown", "data_types": ["traffic_data"], "max_penalty_years": 4}
    query = client.post("/which", json=body).json()["query"]
    assert query["mla_treaty"] is None and query["data_types"] == ["traffic_data"] and query["max_penalty_years"] == 4.0


def test_post_which_with_an_inline_scenario(client: TestClient) -> None:
    response = client.post("/which", json={**PRESERVATION, "scenario": MLA_TREATY_SCENARIO})

    assert response.status_code == 200
    data = response.json()
    assert data["query"]["scenario"] == "es_pe_mla_treaty"
    assert [h["hypothetical"] for h in data["hypotheses"]] == ["es_pe_mla_treaty"]
    channels = {c["channel"]: c["available"] for c in budapest(data)["channels"]}
    assert channels["treaty_channel"] is True


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unknown_state_is_a_422_with_the_typed_error(client: TestClient, method: str) -> None:
    query = {**PRESERVATION, "requested": "XX"}
    response = client.get("/which", params=query) if method == "GET" else client.post("/which", json=query)

    error = assert_error(response, "UnknownStateError", "unknown State code 'XX' for requested")
    assert error["field"] == "requested" and error["value"] == "XX"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unknown_measure_is_a_422_with_suggestions(client: TestClient, method: str) -> None:
    query = {**PRESERVATION, "measure": "preservation"}
    response = client.get("/which", params=query) if method == "GET" else client.post("/which", json=query)

    error = assert_error(response, "UnknownTagError", "unknown measure 'preservation'")
    assert error["field"] == "measure"
    assert "expedited_preservation" in error["suggestions"]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_malformed_date_is_a_422(client: TestClient, method: str) -> None:
    query = {**PRESERVATION, "on": "2025-13-01"}
    response = client.get("/which", params=query) if method == "GET" else client.post("/which", json=query)

    error = assert_error(response, "InvalidDateError", "malformed date '2025-13-01' for on")
    assert error["field"] == "on"


@pytest.mark.parametrize(
    ("params", "type_", "message"),
    [
        ({**PRESERVATION, "requested": "ES"}, "InvalidQueryError", "a State does not send a request to itself"),
        ({**PRESERVATION, "mla_treaty": "maybe"}, "InvalidQueryError", "mla_treaty must be true, false or unknown"),
        ({**PRESERVATION, "scenario": "no_such_scenario"}, "UnknownTagError", "unknown scenario 'no_such_scenario'"),
        ({**PRESERVATION, "scenario": "../pyproject.toml"}, "UnknownTagError", "unknown scenario '../pyproject.toml'"),
        ({"requesting": "ES"}, "RequestValidationError", "query.requested: Field required"),
        ({**PRESERVATION, "urgent": "perhaps"}, "RequestValidationError", "query.urgent:"),
    ],
)
def test_other_bad_queries_are_422(client: TestClient, params: dict[str, str], type_: str, message: str) -> None:
    assert_error(client.get("/which", params=params), type_, message)


@pytest.mark.parametrize(
    ("body", "type_", "message"),
    [
        ({**PRESERVATION, "colour": "red"}, "RequestValidationError", "body.colour: Extra inputs are not permitted"),
        ({"requesting": "ES", "requested": "PE", "measure": "expedited_preservation"}, "RequestValidationError", "body.offence: Field required"),
        ({**PRESERVATION, "scenario": {"name": "x"}}, "RequestValidationError", "body.scenario.title: Field required"),
        ({**PRESERVATION, "scenario": {**MLA_TREATY_SCENARIO, "extends": ["no_such_scenario"]}}, "ScenarioFileError", "unknown scenario 'no_such_scenario'"),
    ],
)
def test_bad_bodies_are_422(client: TestClient, body: dict[str, Any], type_: str, message: str) -> None:
    assert_error(client.post("/which", json=body), type_, message)


def test_a_body_that_is_not_json_is_422(client: TestClient) -> None:
    response = client.post("/which", content=b"{not json", headers={"content-type": "application/json"})

    assert_error(response, "RequestValidationError", "the body is not valid JSON")


def test_a_broken_shipped_scenario_is_a_server_error_without_traceback(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema: treatyrules.scenario/1\nname: broken\n", encoding="utf-8")
    monkeypatch.setattr("treatyrules.http.app.shipped_scenarios", lambda: {"broken": broken})

    response = client.get("/which", params={**PRESERVATION, "scenario": "broken"})

    assert response.status_code == 500
    assert response.json()["error"]["type"] == "ScenarioFileError"
    assert "Traceback" not in response.text


def test_unknown_path_is_a_json_404(client: TestClient) -> None:
    response = client.get("/no/such/path")

    assert response.status_code == 404
    assert response.json()["error"]["type"] == "HTTPError"


# -- /diff and /timeline ------------------------------------------------------------------


def test_diff_with_an_inline_scenario(client: TestClient) -> None:
    response = client.post("/diff", json={**PRESERVATION, "scenario": MLA_TREATY_SCENARIO})

    assert response.status_code == 200
    diff = Diff.model_validate(response.json())
    assert diff.scenario == "es_pe_mla_treaty"
    changes = {(c.instrument.value, c.aspect, c.item): (c.before, c.after) for c in diff.changes}
    assert changes[("budapest", "channel", "treaty_channel")] == ("unknown", "true")


@pytest.mark.skipif(not shipped_scenarios(), reason="no shipped scenario")
def test_diff_with_a_shipped_scenario(client: TestClient) -> None:
    name = sorted(shipped_scenarios())[0]
    body = {**PRESERVATION, "on": "2027-09-01", "scenario": name}

    posted = client.post("/diff", json=body)
    got = client.get("/diff", params=body)

    assert posted.status_code == 200, posted.text
    assert Diff.model_validate(posted.json()).scenario == name
    assert got.json() == posted.json()


def test_diff_needs_a_scenario(client: TestClient) -> None:
    assert_error(client.post("/diff", json=PRESERVATION), "RequestValidationError", "body.scenario: Field required")


def test_timeline(client: TestClient) -> None:
    response = client.get("/timeline", params={"a": "PE", "b": "ES"})

    assert response.status_code == 200
    timeline = Timeline.model_validate(response.json())
    assert timeline.states == ("PE", "ES")
    assert "2019-12-01" in [str(e.date) for e in timeline.events]


def test_timeline_bad_input(client: TestClient) -> None:
    assert_error(client.get("/timeline", params={"a": "PE", "b": "QQ"}), "UnknownStateError", "unknown State code 'QQ'")
    assert_error(client.get("/timeline", params={"a": "PE", "b": "ES", "offence": "theft"}), "UnknownTagError", "unknown offence 'theft'")


# -- reference lists ----------------------------------------------------------------------


def test_vocabulary_has_spanish_names(client: TestClient) -> None:
    vocabulary = client.get("/vocabulary").json()

    measures = {x["tag"]: x for x in vocabulary["measure"]}
    assert measures["expedited_preservation"]["es"] == "conservación rápida"
    grounds = {x["tag"]: x["es"] for x in vocabulary["ground"]}
    assert grounds["political_offence"] == "delito político"
    assert {"instrument", "channel", "offence", "dual_criminality", "data_type", "role"} <= set(vocabulary)


def test_states_have_english_and_spanish_names(client: TestClient) -> None:
    states = {s["code"]: s for s in client.get("/states").json()}

    assert (states["ES"]["en"], states["ES"]["es"]) == ("Spain", "España")
    assert states["PE"]["es"] == "Perú"
    assert "budapest" in states["PE"]["instruments_on_record"]


def test_scenarios_lists_the_shipped_ones(client: TestClient) -> None:
    listed = client.get("/scenarios").json()

    assert [s["name"] for s in listed] == list(shipped_scenarios())
    assert all(s["title"] for s in listed)


def test_health(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"


def test_openapi_has_the_models(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()

    assert {"Answer", "Diff", "Timeline", "WhichRequest", "Scenario", "ErrorResponse"} <= set(spec["components"]["schemas"])
    assert {"get", "post"} <= set(spec["paths"]["/which"])
    error_schema = spec["paths"]["/which"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert error_schema["$ref"].endswith("/ErrorResponse")


# -- the web page -------------------------------------------------------------------------


def test_page_is_html_that_loads_the_script(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<script src="static/app.js"' in html
    assert '<label for="requesting"' in html and '<label for="requested"' in html
    assert "http://" not in html.replace('href="openapi.json"', "") and "https://" not in html
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_form_asks_every_question_the_api_takes(client: TestClient) -> None:
    """Each query parameter of GET /which has a field of that name on the page (in the
    HTML, or built by the script from the vocabulary, as the data-type boxes are). ``view``
    is the page's own choice: the summary first, the full answer on demand."""
    html = client.get("/").text
    script = client.get("/static/app.js").text
    parameters = [p["name"] for p in client.get("/openapi.json").json()["paths"]["/which"]["get"]["parameters"]]

    assert {"extradition_treaty", "lang", "view"} <= set(parameters)
    missing = [p for p in parameters if f'name="{p}"' not in html and f'name: "{p}"' not in script]
    assert missing == ["view"]
    assert 'view: "summary"' in script and 'view: "full"' in script


def test_static_files_are_served(client: TestClient) -> None:
    script = client.get("/static/app.js")
    style = client.get("/static/style.css")

    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert '"which?"' in script.text and '"draft?"' in script.text and '"i18n/"' in script.text
    assert style.status_code == 200 and "text/css" in style.headers["content-type"]


PAGE_KEYS = sorted(k.split(".", 1)[1] for k in catalogue().messages["en"] if k.startswith("page."))


def test_no_label_is_written_in_the_page_files() -> None:
    """Every label a person reads comes from the catalogue: the script holds none as a string,
    and the HTML template has no text outside its {{placeholders}}."""
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    template = (STATIC / "index.html").read_text(encoding="utf-8")
    cat = catalogue()

    labels = {cat.messages[lang][f"page.{key}"] for lang in ("en", "es") for key in PAGE_KEYS}
    words = {text for text in labels if not re.fullmatch(r"[A-Za-z_]+", text)}  # not a bare identifier ("scenario", "Error")
    assert [text for text in words if f'"{text}"' in script or f"'{text}'" in script] == []
    assert len(words) > 100
    body = re.sub(r"<!--.*?-->|<[^>]+>|\{\{[a-z_]+\}\}", " ", template, flags=re.S)
    assert body.split() == ["openapi.json"]  # the address of the API description, the same in both languages
    used = set(re.findall(r"\{\{([a-z_]+)\}\}", template)) - {"lang"}
    assert used <= set(PAGE_KEYS)
    keys_in_script = set(re.findall(r'\bt\("([a-z_]+)"', script)) | set(re.findall(r'"(verdict_|holds_|channel_|source_)"', script))
    assert {k for k in keys_in_script if not k.endswith("_")} - set(PAGE_KEYS) == set()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_page_is_rendered_in_the_language_asked(client: TestClient, lang: Lang) -> None:
    response = client.get("/", params={"lang": lang})

    assert response.status_code == 200 and response.headers["content-language"] == lang
    html = response.text
    messages = catalogue().messages[lang]
    assert f'<html lang="{lang}">' in html and "{{" not in html
    assert f'<h1 data-i18n="title">{messages["page.title"]}</h1>' in html
    assert f'<input type="hidden" name="lang" value="{lang}">' in html


def test_the_page_follows_accept_language_and_is_lenient_about_lang(client: TestClient) -> None:
    spanish = client.get("/", headers={"Accept-Language": "es-PE,es;q=0.9,en;q=0.5"})
    unknown = client.get("/", params={"lang": "fr"}, headers={"Accept-Language": "es"})
    default = client.get("/")

    assert spanish.headers["content-language"] == "es" and '<html lang="es">' in spanish.text
    assert unknown.status_code == 200 and '<html lang="es">' in unknown.text
    assert default.headers["content-language"] == "en" and '<html lang="en">' in default.text
    assert "accept-language" in spanish.headers["vary"].lower()


def test_i18n_serves_the_page_labels_in_each_language(client: TestClient) -> None:
    en = client.get("/i18n/en")
    es = client.get("/i18n/es", headers={"Accept-Language": "en"})

    assert en.status_code == es.status_code == 200
    assert (en.headers["content-language"], es.headers["content-language"]) == ("en", "es")
    assert sorted(en.json()["messages"]) == sorted(es.json()["messages"]) == PAGE_KEYS
    assert (en.json()["messages"]["submit"], es.json()["messages"]["submit"]) == ("Ask", "Consultar")
    error = assert_error(client.get("/i18n/fr"), "InvalidQueryError", "lang must be en or es, got 'fr'")
    assert (error["field"], error["value"]) == ("lang", "fr")


# -- languages ----------------------------------------------------------------------------


def _legal(data: dict[str, Any]) -> list[Any]:
    """The legal fields of an answer, which no language may change."""
    return [
        (b["instrument"], b["applicable"], [(c["channel"], c["available"], c["articles"]) for c in b["channels"]],
         [(g["ground"], g["source"], g["state"], g["articles"]) for g in b["refusal_grounds"]], b["confidence"])
        for b in data["bases"]
    ] + [(r["rank"], r["instrument"], r["channel"], r["available"]) for r in data["routes"]]


@pytest.mark.parametrize(
    ("params", "headers", "expected"),
    [
        ({}, {}, "en"),
        ({"lang": "es"}, {}, "es"),
        ({"lang": "ES"}, {}, "es"),
        ({}, {"Accept-Language": "es-ES,es;q=0.9"}, "es"),
        ({}, {"Accept-Language": "fr, es;q=0.4, en;q=0.8"}, "en"),
        ({"lang": "en"}, {"Accept-Language": "es"}, "en"),
        ({"lang": ""}, {"Accept-Language": "es"}, "es"),
    ],
)
def test_the_language_comes_from_lang_then_accept_language(
    client: TestClient, params: dict[str, str], headers: dict[str, str], expected: str
) -> None:
    response = client.get("/which", params={**PRESERVATION, **params}, headers=headers)

    assert response.status_code == 200
    assert response.headers["content-language"] == expected
    assert response.json()["lang"] == expected


def test_spanish_changes_the_texts_not_the_law(client: TestClient) -> None:
    en = client.get("/which", params={**PRESERVATION, "lang": "en"}).json()
    es = client.get("/which", params={**PRESERVATION, "lang": "es"}).json()
    again = client.get("/which", params={**PRESERVATION, "lang": "en"}).json()

    assert _legal(en) == _legal(es)
    assert en == again  # a cached Spanish answer is never served in English
    assert en["caveats"] != es["caveats"] or budapest(en)["reasons"] != budapest(es)["reasons"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/which", PRESERVATION),
        ("/draft", PRESERVATION),
        ("/timeline", {"a": "PE", "b": "ES"}),
        ("/vocabulary", {}),
        ("/states", {}),
        ("/scenarios", {}),
        ("/health", {}),
    ],
)
def test_a_bad_lang_is_a_422_on_every_endpoint(client: TestClient, path: str, params: dict[str, str]) -> None:
    response = client.get(path, params={**params, "lang": "fr"})

    error = assert_error(response, "InvalidQueryError", "lang must be en or es, got 'fr'")
    assert (error["field"], error["value"]) == ("lang", "fr")
    spanish = client.get(path, params={**params, "lang": "de"}, headers={"Accept-Language": "es"})
    assert_error(spanish, "InvalidQueryError", "lang debe ser en o es, no «de»")
    assert spanish.headers["content-language"] == "es"


def test_a_bad_lang_is_a_422_on_post_too(client: TestClient) -> None:
    assert_error(client.post("/which", params={"lang": "pt"}, json=PRESERVATION), "InvalidQueryError", "lang must be en or es")
    assert_error(client.post("/diff", params={"lang": "pt"}, json={**PRESERVATION, "scenario": MLA_TREATY_SCENARIO}), "InvalidQueryError", "lang must be en or es")


@pytest.mark.parametrize(
    ("params", "type_", "message"),
    [
        ({**PRESERVATION, "requested": "XX"}, "UnknownStateError", "código de Estado desconocido «XX» en requested"),
        ({**PRESERVATION, "on": "2025-02-30"}, "InvalidDateError", "fecha mal formada «2025-02-30» en on"),
        ({**PRESERVATION, "measure": "preservation"}, "UnknownTagError", "preservation"),
        ({**PRESERVATION, "mla_treaty": "maybe"}, "InvalidQueryError", "mla_treaty debe ser true, false o unknown"),
        ({"requesting": "ES"}, "RequestValidationError", "query.requested: Campo obligatorio (y 2 más)"),
        ({**PRESERVATION, "urgent": "perhaps"}, "RequestValidationError", "query.urgent: Se esperaba un valor booleano"),
    ],
)
def test_errors_are_in_the_language_asked(client: TestClient, params: dict[str, str], type_: str, message: str) -> None:
    response = client.get("/which", params={**params, "lang": "es"})

    assert_error(response, type_, message)
    assert response.headers["content-language"] == "es"


def test_a_404_is_in_the_language_asked(client: TestClient) -> None:
    response = client.get("/no/such/path", headers={"Accept-Language": "es"})

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "No encontrado"
    assert response.headers["content-language"] == "es"


def test_every_response_carries_content_language(client: TestClient) -> None:
    for path, params in [("/which", PRESERVATION), ("/vocabulary", {}), ("/states", {}), ("/health", {}), ("/", {}), ("/openapi.json", {})]:
        assert client.get(path, params={**params, "lang": "es"}).headers["content-language"] == "es", path


# -- view=summary -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_summary_view_gives_the_verdict_first(client: TestClient, lang: str) -> None:
    response = client.get("/which", params={**PRESERVATION, "view": "summary", "lang": lang})

    assert response.status_code == 200
    assert len(response.content) < 8 * 1024
    summary = Summary.model_validate(response.json())
    assert summary.lang == lang and summary.bottom_line
    assert [v.instrument.value for v in summary.verdicts] == ["budapest", "second_protocol", "comjib", "un_cybercrime"]
    assert summary.route is not None
    assert (summary.route.instrument.value, summary.route.channel.value) == ("budapest", "point_of_contact_24_7")
    assert summary.route.sender.state == "ES" and summary.route.addressee.state == "PE"
    assert "OCJIE" in (summary.route.addressee.name or "") and "Ministerio Público" in (summary.route.addressee.name or "")
    grounds = {g.ground.value: g for g in summary.grounds}
    assert (grounds["dual_criminality_at_disclosure_unlikely"].source, grounds["dual_criminality_at_disclosure_unlikely"].state) == ("reservation", "PE")
    assert summary.deadlines and summary.caveats


def test_summary_and_full_views_agree(client: TestClient) -> None:
    full = client.get("/which", params={**PRESERVATION, "view": "full"}).json()
    default = client.get("/which", params=PRESERVATION).json()
    summary = client.get("/which", params={**PRESERVATION, "view": "SUMMARY"}).json()
    posted = client.post("/which", params={"view": "summary"}, json=PRESERVATION).json()

    assert full == default and "bases" in full
    assert summary == posted and "bottom_line" in summary
    assert [(v["instrument"], v["applicable"]) for v in summary["verdicts"]] == [(b["instrument"], b["applicable"]) for b in full["bases"]]


def test_a_bad_view_is_a_422(client: TestClient) -> None:
    error = assert_error(client.get("/which", params={**PRESERVATION, "view": "short"}), "InvalidQueryError", "view must be summary or full, got 'short'")
    assert error["field"] == "view"
    assert_error(client.post("/which", params={"view": ""}, json=PRESERVATION), "InvalidQueryError", "view must be summary or full")


def test_openapi_describes_lang_view_and_draft(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()

    which = {p["name"] for p in spec["paths"]["/which"]["get"]["parameters"]}
    draft = {p["name"] for p in spec["paths"]["/draft"]["get"]["parameters"]}
    assert {"lang", "view"} <= which
    assert which - {"view"} | {"basis", "format"} <= draft
    assert {"text/markdown", "text/html", DOCX} <= set(spec["paths"]["/draft"]["get"]["responses"]["200"]["content"])
    assert "/i18n/{lang}" in spec["paths"]
    schema = spec["paths"]["/which"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert {"#/components/schemas/Answer", "#/components/schemas/Summary"} <= {s.get("$ref") for s in schema["anyOf"]}


# -- /draft -------------------------------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_draft_is_markdown_by_default_with_a_file_name(client: TestClient) -> None:
    response = client.get("/draft", params=PRESERVATION)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.headers["content-disposition"] == 'attachment; filename="draft-request-ES-PE-expedited_preservation-2025-03-01.md"'
    assert response.headers["content-language"] == "en"
    assert "script-src" not in response.headers["content-security-policy"]
    assert "OCJIE" in response.text and CITES_29_4.search(response.text)


@pytest.mark.parametrize(
    ("params", "accept", "media", "ext"),
    [
        ({"format": "html"}, None, "text/html", "html"),
        ({"format": "md"}, "text/html", "text/markdown", "md"),
        ({}, "text/html", "text/html", "html"),
        ({}, "text/markdown", "text/markdown", "md"),
        ({}, f"text/html;q=0.5, {DOCX};q=0.9", DOCX, "docx"),
        ({}, "application/pdf, */*;q=0.1", "text/markdown", "md"),
        ({"format": "DOCX"}, None, DOCX, "docx"),
    ],
)
def test_draft_format_from_the_parameter_or_accept(
    client: TestClient, params: dict[str, str], accept: str | None, media: str, ext: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/draft", params={**PRESERVATION, **params}, headers=headers)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"].endswith(f'.{ext}"')


def test_draft_docx_in_spanish_is_a_readable_word_file(client: TestClient) -> None:
    docx = pytest.importorskip("docx")
    response = client.get("/draft", params={**PRESERVATION, "format": "docx", "lang": "es"})

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    assert response.headers["content-language"] == "es"
    assert 'filename="borrador-solicitud-ES-PE-expedited_preservation-2025-03-01.docx"' in response.headers["content-disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "OCJIE" in text and CITES_29_4.search(text)


def test_draft_under_a_basis_that_does_not_apply_is_a_typed_422(client: TestClient) -> None:
    response = client.get("/draft", params={**PRESERVATION, "basis": "second_protocol"})

    error = assert_error(response, "NoLegalBasisError", "no draft request can be written")
    assert error["basis"] == "second_protocol" and error["reasons"]
    assert response.headers["content-type"].startswith("application/json")


def test_draft_without_any_basis_is_a_typed_422_in_spanish(client: TestClient) -> None:
    response = client.get("/draft", params={**PRESERVATION, "measure": "subscriber_info_direct_order", "lang": "es"})

    error = assert_error(response, "NoLegalBasisError", "no puede redactarse")
    assert error["basis"] is None


@pytest.mark.parametrize(
    ("params", "type_", "message", "field"),
    [
        ({"format": "pdf"}, "InvalidQueryError", "format must be md, html or docx, got 'pdf'", "format"),
        ({"basis": "nato"}, "UnknownTagError", "unknown basis 'nato' for basis", "basis"),
        ({"basis": "budapes"}, "UnknownTagError", "did you mean budapest?", "basis"),
        ({"requested": "XX"}, "UnknownStateError", "unknown State code 'XX' for requested", "requested"),
        ({"on": "2025-02-30"}, "InvalidDateError", "malformed date '2025-02-30' for on", "on"),
        ({"measure": "preservation"}, "UnknownTagError", "unknown measure 'preservation'", "measure"),
        ({"scenario": "../pyproject.toml"}, "UnknownTagError", "unknown scenario '../pyproject.toml'", "scenario"),
        ({"mla_treaty": "perhaps"}, "InvalidQueryError", "mla_treaty must be true, false or unknown", "mla_treaty"),
        ({"max_penalty_years": "many"}, "RequestValidationError", "query.max_penalty_years:", None),
    ],
)
def test_bad_draft_input_is_a_422_never_a_500(
    client: TestClient, params: dict[str, str], type_: str, message: str, field: str | None
) -> None:
    error = assert_error(client.get("/draft", params={**PRESERVATION, **params}), type_, message)
    if field is not None:
        assert error["field"] == field


def test_draft_needs_the_question(client: TestClient) -> None:
    assert_error(client.get("/draft", params={"requesting": "ES", "format": "docx"}), "RequestValidationError", "query.requested: Field required")


def test_a_missing_python_docx_is_a_typed_501(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)

    response = client.get("/draft", params={**PRESERVATION, "format": "docx"})

    assert response.status_code == 501
    error = response.json()["error"]
    assert error["type"] == "MissingExtraError" and "Traceback" not in response.text


# -- treatyrules serve --------------------------------------------------------------------


def _serve_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="treatyrules")
    _serve.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_serve_runs_uvicorn_with_host_and_port(monkeypatch: pytest.MonkeyPatch) -> None:
    uvicorn = pytest.importorskip("uvicorn")

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))

    args = _serve_args(["serve", "--host", "0.0.0.0", "--port", "8123"])

    assert args.run(args) == 0
    assert calls and (calls[0]["host"], calls[0]["port"]) == ("0.0.0.0", 8123)


def test_serve_without_the_extra_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)

    args = _serve_args(["serve"])

    assert args.run(args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "pip install 'treatyrules[api]'" in err


def test_serve_speaks_the_language_in_use(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from treatyrules._i18n import using

    monkeypatch.setitem(sys.modules, "uvicorn", None)
    args = _serve_args(["serve"])

    with using("es"):
        assert args.run(args) == 2
    err = capsys.readouterr().err
    assert "necesita el extra api" in err and "pip install 'treatyrules[api]'" in err
