"""A scenario file an analyst gets wrong is refused with the file and the line, whichever way
it is used: loaded, answered under, diffed, in a timeline, from the command line, over HTTP
and from a Gherkin step. A scenario argument of the wrong type is a typed error too."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import treatyrules
from treatyrules._i18n import using
from treatyrules.cli import main
from treatyrules.errors import InvalidQueryError, ScenarioFileError
from treatyrules.scenario import load_scenario

pytest_plugins = ["pytester"]

QUERY: dict[str, Any] = {"measure": "expedited_preservation", "offence": "computer_fraud", "on": "2025-03-01"}

HEAD = "schema: treatyrules.scenario/1\nname: analyst_draft\ntitle: An analyst's draft\n"

BAD: dict[str, tuple[str, int, str]] = {
    # text, the line at fault, a word of the message
    "impossible-date": (HEAD + "events:\n  - consent: {state: PE, instrument: second_protocol, date: 2027-02-30}\n", 5, "2027-02-30"),
    "impossible-month": (HEAD + "events:\n  - signature:\n      state: PE\n      instrument: second_protocol\n      date: 2027-13-01\n", 8, "2027-13-01"),
    "python-tag": (HEAD + "description: !!python/object:os.system ls\n", 4, "!!python/object:os.system"),
    "local-tag": ("schema: treatyrules.scenario/1\nname: !foo analyst_draft\ntitle: x\n", 2, "!foo"),
    "str-tag": (HEAD + "description: !!str x\n", 4, "!!str"),
    "anchor": (HEAD + "description: &d text\nbased_on: [*d]\n", 4, "&d"),
    "alias-recursive": (HEAD + "events: &e [*e]\n", 4, "&e"),
    "not-a-mapping": ("- consent: {state: PE, instrument: second_protocol, date: 2027-01-01}\n", 1, "mapping"),
    "unprintable": (HEAD + "description: a\x1fb\n", 4, "U+001F"),
    "lone-surrogate": (HEAD + 'description: "\\ud800 alone"\n', 4, "ud800"),
    "duplicate-key": (HEAD + "title: again\n", 4, "'title'"),
    "blank-summary": (HEAD + "events:\n  - reservation: {state: PE, instrument: second_protocol, provision: '7.9.a', summary: \"\\t\"}\n", 5, "summary"),
}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "draft_scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY_POINTS: dict[str, Callable[[Path], object]] = {
    "load_scenario": load_scenario,
    "which_treaty_applies": lambda path: treatyrules.which_treaty_applies("ES", "PE", **QUERY, scenario=path),
    "which_treaty_applies-str": lambda path: treatyrules.which_treaty_applies("ES", "PE", **QUERY, scenario=str(path)),
    "diff": lambda path: treatyrules.diff("ES", "PE", **QUERY, scenario=path),
    "timeline": lambda path: treatyrules.timeline("PE", "ES", scenario=path),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_a_bad_scenario_file_names_its_file_and_line(tmp_path: Path, case: str, entry: str) -> None:
    text, line, word = BAD[case]
    path = _write(tmp_path, text)
    with pytest.raises(ScenarioFileError) as raised:
        ENTRY_POINTS[entry](path)
    error = raised.value
    assert error.path.endswith("draft_scenario.yaml")
    assert error.line == line, str(error)
    assert f"draft_scenario.yaml:{line}" in str(error)
    assert word in str(error)


def test_the_messages_read_in_spanish(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD["impossible-date"][0])
    with pytest.raises(ScenarioFileError) as raised:
        load_scenario(path)
    with using("es"):
        assert "2027-02-30 no es una fecha del calendario" in str(raised.value)
    path = _write(tmp_path, BAD["python-tag"][0])
    with pytest.raises(ScenarioFileError) as raised:
        load_scenario(path)
    with using("es"):
        assert "no se admite la etiqueta YAML !!python/object:os.system" in str(raised.value)


def test_the_impossible_date_is_pointed_at_not_just_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD["impossible-date"][0])
    with pytest.raises(ScenarioFileError) as raised:
        load_scenario(path)
    line = BAD["impossible-date"][0].splitlines()[4]
    assert raised.value.column == line.index("2027-02-30") + 1


def test_json_escapes_of_a_character_past_u_ffff_are_that_character(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + 'description: "Per\\u00fa \\ud83c\\uddf5\\ud83c\\uddea"\n')
    assert load_scenario(path).scenario.description == "Per\u00fa \U0001f1f5\U0001f1ea"


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes((HEAD + "description: Per\xfa\n").encode("latin-1"))
    with pytest.raises(ScenarioFileError) as raised:
        load_scenario(path)
    assert raised.value.line == 4
    assert "UTF-8" in str(raised.value)


def test_a_good_scenario_file_still_answers(tmp_path: Path) -> None:
    """The refusals above are not a refusal of everything: quoted text that looks like a tag,
    an anchor or an impossible date is plain text."""
    path = _write(
        tmp_path,
        HEAD + "description: '!foo &d *d 2027-02-30'\nevents:\n  - consent: {state: PE, instrument: second_protocol, date: 2027-01-01}\n",
    )
    loaded = load_scenario(path)
    assert loaded.scenario.description == "!foo &d *d 2027-02-30"
    answer = treatyrules.which_treaty_applies("ES", "PE", **QUERY, scenario=path)
    assert answer.query.scenario == "analyst_draft"


@pytest.mark.parametrize("value", [5, b"peru_ratifies_second_protocol", 2.5, ["x"], 10**5000], ids=["int", "bytes", "float", "list", "huge-int"])
@pytest.mark.parametrize(
    "call",
    [
        lambda s: treatyrules.which_treaty_applies("ES", "PE", **QUERY, scenario=s),
        lambda s: treatyrules.diff("ES", "PE", **QUERY, scenario=s),
        lambda s: treatyrules.timeline("ES", "PE", scenario=s),
        load_scenario,
    ],
    ids=["which_treaty_applies", "diff", "timeline", "load_scenario"],
)
def test_a_scenario_argument_of_the_wrong_type_is_a_query_error(call: Callable[[Any], object], value: object) -> None:
    with pytest.raises(InvalidQueryError) as raised:
        call(value)
    assert type(value).__name__ in str(raised.value)
    with using("es"):
        assert "un escenario es el nombre de un escenario incluido" in str(raised.value)


def test_diff_needs_a_scenario() -> None:
    with pytest.raises(InvalidQueryError, match="NoneType"):
        treatyrules.diff("ES", "PE", **QUERY, scenario=None)  # type: ignore[arg-type]


def test_none_is_still_the_real_data_where_a_scenario_is_optional() -> None:
    assert treatyrules.which_treaty_applies("ES", "PE", **QUERY, scenario=None).query.scenario is None
    assert treatyrules.timeline("ES", "PE", scenario=None).scenario is None


@pytest.mark.parametrize("name", ["\x00", "x" * 5000, "no/such/dir/s.yaml"], ids=["nul", "too-long", "missing"])
def test_a_path_that_cannot_exist_is_no_such_scenario(name: str) -> None:
    with pytest.raises(ScenarioFileError) as raised:
        load_scenario(name)
    assert raised.value.key == "scenario.no_such"


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["impossible-date", "python-tag", "anchor", "not-a-mapping", "blank-summary"])
@pytest.mark.parametrize(
    "command",
    [
        ["which", "ES", "PE", "--measure", "expedited_preservation", "--offence", "computer_fraud", "--on", "2025-03-01"],
        ["diff", "ES", "PE", "--measure", "expedited_preservation", "--offence", "computer_fraud", "--on", "2025-03-01"],
        ["timeline", "PE", "ES"],
    ],
    ids=["which", "diff", "timeline"],
)
def test_the_cli_prints_one_line_with_file_and_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, command: list[str]
) -> None:
    text, line, word = BAD[case]
    path = _write(tmp_path, text)
    assert main([*command, "--scenario", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"draft_scenario.yaml:{line}" in err
    assert word in err
    assert "Traceback" not in err


# -- HTTP ---------------------------------------------------------------------------------------


def _client() -> Any:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from treatyrules.http.app import create_app

    return TestClient(create_app(warm=False), raise_server_exceptions=False)


def _inline(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"schema": "treatyrules.scenario/1", "name": "analyst_draft", "title": "An analyst's draft", "events": events}


@pytest.mark.parametrize("endpoint", ["/which", "/diff"])
@pytest.mark.parametrize(
    ("scenario", "where"),
    [
        (_inline([{"consent": {"state": "PE", "instrument": "second_protocol", "date": "2027-02-30"}}]), "events[0].consent.date"),
        (_inline([{"reservation": {"state": "PE", "instrument": "second_protocol", "provision": "7.9.a", "summary": "\t"}}]), "events[0].reservation.summary"),
        (5, "scenario"),
        (["x"], "scenario"),
    ],
    ids=["impossible-date", "blank-summary", "int", "list"],
)
def test_http_refuses_a_bad_scenario_with_a_4xx_naming_the_field(endpoint: str, scenario: Any, where: str) -> None:
    body = {"requesting": "ES", "requested": "PE", **QUERY, "scenario": scenario}
    response = _client().post(endpoint, json=body)
    assert 400 <= response.status_code < 500, response.text
    error = response.json()["error"]
    assert error["type"] in ("RequestValidationError", "ScenarioFileError", "InvalidQueryError"), error
    assert where in error["message"]


def test_http_never_reads_a_scenario_file_the_request_names(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD["python-tag"][0])
    response = _client().get("/timeline", params={"a": "PE", "b": "ES", "scenario": str(path)})
    assert response.status_code == 422
    assert response.json()["error"]["type"] == "UnknownTagError"


# -- Gherkin ------------------------------------------------------------------------------------


def test_a_gherkin_step_that_loads_a_bad_scenario_file_names_file_and_line(pytester: pytest.Pytester) -> None:
    (pytester.path / "draft_scenario.yaml").write_text(BAD["impossible-date"][0], encoding="utf-8")
    (pytester.path / "what_if.feature").write_text(
        textwrap.dedent(
            """
            @second_protocol
            Feature: What if Peru ratified
              Scenario: Peru's consent on a day that does not exist
                Given the date is 2027-06-01
                And the measure is expedited preservation
                And the scenario "draft_scenario.yaml"
                And a request from Spain to Peru
                And the offence is computer-related fraud
                Then the Budapest Convention applies
            """
        ).lstrip("\n"),
        encoding="utf-8",
    )
    result = pytester.runpytest("-p", "treatyrules.bdd.plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    assert "draft_scenario.yaml:5" in output
    assert "2027-02-30" in output
    assert "Traceback" not in output



def test_the_english_of_yaml_errors_is_the_catalogues() -> None:
    from treatyrules._i18n import catalogue
    from treatyrules._load.yaml_source import _ENGLISH

    load_keys = {key for key in catalogue().keys() if key.startswith("load.")}
    assert set(_ENGLISH) == load_keys
    for key, text in _ENGLISH.items():
        assert catalogue().get(key, "en") == text, key
