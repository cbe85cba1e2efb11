"""The command line: a readable table with citations, JSON, lint, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from treatyrules.cli import main

WHICH = ["which", "ES", "PE", "--measure", "expedited_preservation", "--offence", "electronic_evidence_any_offence", "--on", "2025-03-01"]


def test_which_leads_with_the_bottom_line_and_peru_s_addressee(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WHICH) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()

    assert len(lines) <= 30
    assert lines[2] == "BOTTOM LINE"
    assert lines[3].startswith("  Budapest Convention: send the request through the 24/7 point of contact")
    assert "to PE 24/7 point of contact (Oficina de Cooperación Judicial Internacional y Extradiciones (OCJIE), Ministerio Público)" in lines[3]
    assert "[budapest 35.1.b, budapest 35.2.a]" in lines[3]
    assert "  [yes] Budapest Convention: APPLIES" in out
    assert "  [no] Second Additional Protocol: DOES NOT APPLY" in out
    assert "dual criminality unlikely to be met at disclosure - reservation of PE  [budapest 29.4]" in out
    assert "[budapest 29.7]" in out and "60 days" in out


def test_which_in_spanish_fits_in_30_lines_with_no_english_heading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WHICH + ["--lang", "es"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()

    assert len(lines) <= 30
    assert lines[2] == "CONCLUSIÓN"
    assert "Convenio de Budapest: envíe la solicitud por la vía «punto de contacto 24/7»" in lines[3]
    assert "(OCJIE), Ministerio Público" in lines[3]
    assert "MOTIVOS DE DENEGACIÓN QUE PE PUEDE INVOCAR (lista cerrada)" in out
    assert "reserva de PE  [budapest 29.4]" in out
    for english in ("BOTTOM LINE", "INSTRUMENTS", "DEADLINES", "CAVEATS", "APPLIES", "reservation of", "send the request"):
        assert english not in out


def test_which_locale_decides_the_default_language(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "es_PE.UTF-8")
    assert main(WHICH) == 0
    assert "CONCLUSIÓN" in capsys.readouterr().out
    assert main(WHICH + ["--lang", "en"]) == 0
    assert "BOTTOM LINE" in capsys.readouterr().out


def test_which_summary_json_is_small_and_typed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WHICH + ["--json", "--view", "summary"]) == 0
    raw = capsys.readouterr().out
    data = json.loads(raw)

    assert len(raw.encode()) < 8 * 1024
    assert data["route"]["addressee"]["state"] == "PE"
    assert "OCJIE" in data["route"]["addressee"]["name"]
    assert data["route"]["channel"] == "point_of_contact_24_7"
    assert [v["applicable"] for v in data["verdicts"]] == [True, False, None, False]
    assert {(g["ground"], g["state"]) for g in data["grounds"]} >= {("dual_criminality_at_disclosure_unlikely", "PE")}
    assert any(d["days"] == 60 and d["articles"] == ["budapest 29.7"] for d in data["deadlines"])


@pytest.mark.parametrize(
    ("lang", "why"),
    [
        ("es", "La extradición en virtud del art. 24 abarca solo los delitos definidos de conformidad con los arts. 2 a 11."),
        ("en", "Extradition under Art 24 covers only the offences established under Arts 2-11."),
    ],
)
def test_a_verdict_s_reason_is_not_cut_at_an_article_abbreviation(lang: str, why: str, capsys: pytest.CaptureFixture[str]) -> None:
    # Art 24.1.a: extradition under the Convention covers only the offences of Arts 2-11
    args = ["which", "PE", "US", "--measure", "extradition", "--offence", "electronic_evidence_any_offence", "--on", "2025-03-01"]
    assert main(args + ["--json", "--view", "summary", "--lang", lang]) == 0
    data = json.loads(capsys.readouterr().out)

    budapest = next(v for v in data["verdicts"] if v["instrument"] == "budapest")
    assert budapest["applicable"] is False
    assert budapest["why"] == why
    assert budapest["articles"] == ["budapest 24.1.a"]


def test_which_full_prints_every_reason_with_citations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WHICH + ["--full"]) == 0
    out = capsys.readouterr().out

    assert "Convention on Cybercrime (budapest): APPLIES" in out
    assert "political offence  [budapest 29.5.a]" in out
    assert "reservation of PE" in out and "[budapest 29.4]" in out
    assert "OCJIE" in out


def test_which_full_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WHICH + ["--full", "--lang", "es"]) == 0
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
