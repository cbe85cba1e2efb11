"""The command line: a readable table with citations, JSON, lint, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from treatyrules.cli import main

WHICH = ["which", "ES", "PE", "--measure", "expedited_preservation", "--offence", "electronic_evidence_any_offence", "--on", "2025-03-01"]


def test_which_prints_a_table_with_citations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WHICH) == 0
    out = capsys.readouterr().out

    assert "Convention on Cybercrime (budapest): APPLIES" in out
    assert "political offence  [budapest 29.5.a]" in out
    assert "reservation of PE" in out and "[budapest 29.4]" in out
    assert "OCJIE" in out


def test_which_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WHICH + ["--lang", "es"]) == 0
    out = capsys.readouterr().out

    assert "delito político  [budapest 29.5.a]" in out
    assert "conservación rápida" in out


def test_which_json_is_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WHICH + ["--json"]) == 0
    data = json.loads(capsys.readouterr().out)

    assert data["query"]["measure"] == "expedited_preservation"
    assert data["bases"][0]["instrument"] == "budapest"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["which", "ES", "XX", "--measure", "expedited_preservation", "--offence", "csam"], "unknown State code 'XX'"),
        (["which", "ES", "PE", "--measure", "preservation", "--offence", "csam"], "unknown measure 'preservation'"),
        (["which", "ES", "PE", "--measure", "expedited_preservation", "--offence", "csam", "--on", "2025-13-01"], "malformed date '2025-13-01'"),
        (["which", "ES", "PE"], "the following arguments are required: --measure, --offence"),
    ],
)
def test_errors_are_one_line_on_stderr_with_status_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors exit directly
        code = exc.code
    captured = capsys.readouterr()

    assert code == 2
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("treatyrules: error:") and message in lines[0]


def test_lint_is_clean_on_the_embedded_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint"]) == 0
    out = capsys.readouterr().out

    assert "ok  rules/budapest.yaml" in out
    assert "sample questions answered without a rule conflict" in out


def test_lint_fails_on_a_defect(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = data_copy / "rules" / "budapest.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("dual_criminality: never}", "dual_criminality: nunca}", 1), encoding="utf-8")

    status = main(["lint", "--rules", str(data_copy / "rules"), "--fixtures", str(data_copy / "fixtures")])
    err = capsys.readouterr().err

    assert status == 1
    assert "budapest.yaml:" in err and "nunca" in err


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Answer"
