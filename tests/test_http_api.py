"""The HTTP API (treatyrules[api]): answers as the library's models, typed errors as 422, the page."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from treatyrules.cli import _serve  # noqa: E402
from treatyrules.http.app import create_app  # noqa: E402
from treatyrules.models import Answer, Diff, Timeline  # noqa: E402
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
    HTML, or built by the script from the vocabulary, as the data-type boxes are)."""
    html = client.get("/").text
    script = client.get("/static/app.js").text
    parameters = [p["name"] for p in client.get("/openapi.json").json()["paths"]["/which"]["get"]["parameters"]]

    assert "extradition_treaty" in parameters
    assert [p for p in parameters if f'name="{p}"' not in html and f'name: "{p}"' not in script] == []


def test_static_files_are_served(client: TestClient) -> None:
    script = client.get("/static/app.js")
    style = client.get("/static/style.css")

    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert '"which?"' in script.text and "confidence: verify" in script.text
    assert style.status_code == 200 and "text/css" in style.headers["content-type"]


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
