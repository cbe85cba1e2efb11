"""Answers across instruments: the comparison of open bases, the request checklist, the matrix.

The main pair is Spain -> Peru, preservation of data about an offence committed by means of a
computer system, on 2027-04-01 under ``comjib_ratified_pe_es_pt``: the Budapest Convention
(in force for both since 2019) and the hypothetical COMJIB Convention both apply, with
different rules. Budapest 29: no dual criminality (29.3), refusal only on 29.5 (plus Peru's
29.4 reservation), at least 60 days (29.7). COMJIB: dual criminality may be required (3.2.f),
prejudice to an investigation is a refusal ground (3.2.a), one closed list 3.2 a-g for all
measures, no minimum period. Nothing in either text ranks them.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from treatyrules._answer.comparison import NO_RANKING
from treatyrules._answer.engine import Engine
from treatyrules.cli import main
from treatyrules.cli._matrix import COLUMNS, rows
from treatyrules.models import Answer
from treatyrules.vocabulary import Instrument

BUDAPEST, COMJIB, UN = Instrument.BUDAPEST, Instrument.COMJIB, Instrument.UN_CYBERCRIME
RATIFIED = "comjib_ratified_pe_es_pt"
BOTH_NEW = "un_and_comjib_in_force"
ICT = "other_offence_by_computer_system"
ON = date(2027, 4, 1)
PRESERVATION = {"measure": "expedited_preservation", "offence": ICT, "on": ON, "scenario": RATIFIED}


def difference(answer: Answer, aspect: str, item: str | None = None):  # type: ignore[no-untyped-def]
    assert answer.comparison is not None
    return next(d for d in answer.comparison.differences if d.aspect == aspect and (item is None or d.item == item))


class TestComparison:
    def test_budapest_and_comjib_both_apply_with_different_grounds(self, ask):
        answer = ask("ES", "PE", **PRESERVATION)
        c = answer.comparison

        assert answer.basis("budapest").applicable is True and answer.basis("comjib").applicable is True
        assert c is not None
        assert c.instruments == (BUDAPEST, COMJIB)
        profiles = {p.instrument: p for p in c.profiles}
        assert {g.value for g in profiles[BUDAPEST].refusal_grounds} == {"political_offence", "essential_interests", "dual_criminality_at_disclosure_unlikely"}
        assert {"dual_criminality_absent", "prejudice_ongoing_investigation", "ne_bis_in_idem"} <= {g.value for g in profiles[COMJIB].refusal_grounds}
        assert profiles[BUDAPEST].grounds_closed_list and profiles[COMJIB].grounds_closed_list

    def test_fastest_route_and_fewest_grounds(self, ask):
        c = ask("ES", "PE", **PRESERVATION).comparison

        assert c is not None
        assert c.fastest == (BUDAPEST,)
        assert c.fastest_text.startswith("Fastest route: budapest through the 24/7 point of contact (route 1, speed 1).")
        assert "comjib through the central authority" in c.fastest_text
        assert "not a legal ranking" in c.fastest_text
        assert c.fewest_grounds == (BUDAPEST,)
        assert c.fewest_grounds_text.startswith("Fewest refusal grounds: budapest lists 3 (closed list, budapest 29.5).")
        assert "comjib lists 9" in c.fewest_grounds_text

    def test_where_they_differ(self, ask):
        answer = ask("ES", "PE", **PRESERVATION)

        dual = difference(answer, "dual_criminality")
        assert dual.values == {"budapest": "never", "comjib": "may_be_required"}
        assert dual.articles == ("budapest 29.3", "comjib 3.2.f")
        prejudice = difference(answer, "refusal_ground", "prejudice_ongoing_investigation")
        assert prejudice.values == {"budapest": "absent", "comjib": "yes"}
        assert prejudice.articles == ("comjib 3.2.a",)
        absent_dc = difference(answer, "refusal_ground", "dual_criminality_absent")
        assert absent_dc.values == {"budapest": "absent", "comjib": "yes"}
        reservation = difference(answer, "refusal_ground", "dual_criminality_at_disclosure_unlikely")
        assert reservation.values == {"budapest": "yes", "comjib": "absent"}
        assert difference(answer, "time_limits").values == {"budapest": "min 60 days, until", "comjib": "none"}
        assert "comjib" in difference(answer, "channels").values
        assert answer.comparison is not None
        assert not [d for d in answer.comparison.differences if d.aspect == "closed_list"]  # both lists are closed

    def test_each_instruments_own_relationship_clause_and_no_ranking(self, ask):
        c = ask("ES", "PE", **PRESERVATION).comparison

        assert c is not None
        clauses = {(r.instrument, r.articles) for r in c.relationships}
        assert (BUDAPEST, ("budapest 39.2",)) in clauses
        assert (COMJIB, ("comjib preamble",)) in clauses
        assert any(r.instrument is COMJIB and r.text.startswith("Preamble:") for r in c.relationships)
        assert c.ranking == NO_RANKING
        assert "none displaces another" in c.ranking

    def test_urgent_requests_tie_on_speed(self, ask):
        answer = ask("ES", "PE", **PRESERVATION, urgent=True)
        c = answer.comparison

        assert c is not None
        assert c.fastest == (BUDAPEST, COMJIB)
        assert c.fastest_text.startswith("Equally fast:")
        assert difference(answer, "time_limits").values["comjib"] == "within 48 hours"

    def test_postponement_under_one_refusal_under_the_other(self, ask):
        answer = ask("ES", "PE", measure="general_mla", offence=ICT, on=ON, scenario=RATIFIED, mla_treaty=False)

        prejudice = difference(answer, "refusal_ground", "prejudice_ongoing_investigation")
        assert prejudice.values == {"budapest": "postponement only", "comjib": "yes"}
        assert "budapest 27.5" in prejudice.articles and "comjib 3.2.a" in prejudice.articles

    def test_three_bases_with_the_un_convention(self, ask):
        answer = ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=date(2027, 6, 1), scenario=BOTH_NEW, max_penalty_years=5)
        c = answer.comparison

        assert c is not None
        assert c.instruments == (BUDAPEST, COMJIB, UN)
        assert c.fastest == (BUDAPEST, UN)
        assert c.fewest_grounds == (BUDAPEST,)
        assert difference(answer, "dual_criminality").values == {"budapest": "never", "comjib": "may_be_required", "un_cybercrime": "never"}
        assert any(r.instrument is UN and r.articles == ("un_cybercrime 60",) for r in c.relationships)

    def test_an_undetermined_basis_is_compared_with_its_missing_facts(self, ask):
        c = ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=date(2026, 6, 1)).comparison

        assert c is not None
        comjib = next(p for p in c.profiles if p.instrument is COMJIB)
        assert comjib.applicable is None
        assert {m.fact for m in comjib.missing_facts} >= {"party:comjib:ES", "party:comjib:PE"}

    def test_no_comparison_with_a_single_open_basis(self, ask):
        answer = ask("ES", "PE", measure="expedited_disclosure_traffic", offence=ICT, on=ON)

        assert [b.instrument for b in answer.bases if b.applicable is not False] == [BUDAPEST]
        assert answer.comparison is None

    def test_the_comparison_round_trips_through_validation_and_json(self, ask):
        answer = ask("ES", "PE", **PRESERVATION)
        data = json.loads(answer.model_dump_json())

        assert Answer.model_validate(answer.model_dump()) == answer
        assert data["comparison"]["fastest"] == ["budapest"]
        assert "Comparison" in Answer.model_json_schema()["$defs"]

    def test_which_prints_the_comparison(self, capsys: pytest.CaptureFixture[str]):
        argv = ["which", "ES", "PE", "--measure", "expedited_preservation", "--offence", ICT, "--on", "2027-04-01", "--scenario", RATIFIED, "--brief"]
        assert main(argv) == 0
        out = capsys.readouterr().out

        assert "Comparison of the open bases (budapest, comjib):" in out
        assert "Dual criminality: budapest never required; comjib may be required.  [budapest 29.3, comjib 3.2.f]" in out
        assert "comjib: Preamble:" in out
        assert NO_RANKING in out


CHECKLIST = ["checklist", "ES", "PE", "--measure", "expedited_preservation", "--offence", ICT, "--on", "2027-04-01", "--scenario", RATIFIED]


class TestChecklist:
    def test_contents_per_basis(self, capsys: pytest.CaptureFixture[str]):
        assert main(CHECKLIST) == 0
        out = capsys.readouterr().out

        assert out.startswith("Request checklist: ES -> PE, expedited preservation;")
        assert "Budapest Convention (budapest): APPLIES" in out
        assert "    [ ] the authority seeking the preservation  [budapest 29.2.a]" in out
        for letter in "abcde":
            assert f"[comjib 9.1.{letter}]" in out
        assert "COMJIB Convention (comjib): APPLIES" in out
        assert "[comjib 9.2]" in out  # language of the requested Party
        assert "No checklist (the instrument does not apply):" in out

    def test_urgent_adds_the_48_hours(self, capsys: pytest.CaptureFixture[str]):
        assert main(CHECKLIST + ["--urgent"]) == 0
        out = capsys.readouterr().out

        assert "completed (formalised with the contents of Art 9.1) within 48 hours" in out

    def test_in_spanish_quotes_the_spanish_texts(self, capsys: pytest.CaptureFixture[str]):
        assert main(CHECKLIST + ["--lang", "es", "--urgent"]) == 0
        out = capsys.readouterr().out

        assert out.startswith("Lista de comprobación de la solicitud: ES -> PE, conservación rápida;")
        assert "[ ] la autoridad que solicita la conservación  [budapest 29.2.a]" in out
        assert "[ ] una descripción somera de los hechos que están siendo investigados o sometidos a enjuiciamiento  [comjib 9.1.b]" in out
        assert "en el plazo de 48 horas; el plazo es improrrogable.  [comjib 9.3]" in out
        assert "Convenio COMJIB (comjib): SE APLICA" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]):
        assert main(CHECKLIST + ["--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        bases = {b["instrument"]: b for b in data["bases"]}

        assert set(bases) == {"budapest", "comjib"}
        assert [i["articles"] for i in bases["budapest"]["required_contents"]] == [[f"budapest 29.2.{x}"] for x in "abcdef"]
        assert bases["comjib"]["required_contents"][0]["item"] == "requesting_authority_and_party_addressed"
        assert data["query"]["scenario"] == RATIFIED

    def test_a_basis_whose_article_prescribes_no_contents(self, capsys: pytest.CaptureFixture[str]):
        argv = ["checklist", "ES", "PE", "--measure", "access_stored_data", "--offence", "illegal_access", "--on", "2027-06-01", "--mla-treaty", "no", "--scenario", "un_convention_in_force"]
        assert main(argv) == 0
        out = capsys.readouterr().out

        assert "The instrument prescribes no contents for this request" in out
        assert "UN Convention against Cybercrime (un_cybercrime): APPLIES  (confidence: verify)" in out
        assert "the purpose for which the evidence, information or action is sought  [un_cybercrime 40]" in out

    def test_an_undetermined_basis_names_its_missing_facts(self, capsys: pytest.CaptureFixture[str]):
        assert main(["checklist", "ES", "PE", "--measure", "data_delivery", "--offence", ICT, "--on", "2026-06-01"]) == 0
        out = capsys.readouterr().out

        assert "COMJIB Convention (comjib): UNDETERMINED  (missing: party:comjib:ES, party:comjib:PE)" in out


MATRIX = ["matrix", "--measure", "expedited_preservation", "--offence", ICT, "--on", "2027-04-01", "--states", "ES,PE,PT"]


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


class TestMatrix:
    def test_csv_columns_and_rows(self, capsys: pytest.CaptureFixture[str], engine: Engine):
        assert main(MATRIX) == 0
        out = capsys.readouterr().out
        table = _csv(out)

        assert out.splitlines()[0] == ",".join(COLUMNS)
        assert len(table) == 3 * 2 * len(engine.rulebooks)
        row = next(r for r in table if (r["requesting"], r["requested"], r["instrument"]) == ("ES", "PE", "budapest"))
        assert row["applicable"] == "true"
        assert row["dual_criminality"] == "never"
        assert row["grounds_count"] == "3"
        assert row["closed_list"] == "true"
        assert row["fastest_channel"] == "point_of_contact_24_7"
        assert "point_of_contact_24_7" in row["channels"].split(";")
        assert row["time_limits"] == "min 60 days;until"
        comjib = next(r for r in table if (r["requesting"], r["requested"], r["instrument"]) == ("ES", "PE", "comjib"))
        assert comjib["applicable"] == "unknown"
        assert comjib["missing_facts"] == "party:comjib:ES;party:comjib:PE"

    def test_with_a_scenario(self, capsys: pytest.CaptureFixture[str]):
        assert main(MATRIX + ["--scenario", RATIFIED]) == 0
        table = _csv(capsys.readouterr().out)
        comjib = {(r["requesting"], r["requested"]): r for r in table if r["instrument"] == "comjib"}

        assert {k: v["applicable"] for k, v in comjib.items()} == {pair: "true" for pair in comjib}
        assert comjib[("PE", "ES")]["dual_criminality"] == "may_be_required"
        assert comjib[("PE", "ES")]["grounds_count"] == "9"
        assert all(r["scenario"] == RATIFIED for r in table)

    def test_json(self, capsys: pytest.CaptureFixture[str]):
        assert main(MATRIX + ["--format", "json", "--scenario", RATIFIED]) == 0
        data = json.loads(capsys.readouterr().out)

        assert data["columns"] == list(COLUMNS)
        assert (data["measure"], data["on"], data["scenario"]) == ("expedited_preservation", "2027-04-01", RATIFIED)
        row = next(r for r in data["rows"] if (r["requesting"], r["requested"], r["instrument"]) == ("PT", "ES", "comjib"))
        assert row["applicable"] is True
        assert row["grounds_count"] == 9
        assert row["channels"] == ["central_authority"]
        un = next(r for r in data["rows"] if r["instrument"] == "un_cybercrime")
        assert (un["applicable"], un["grounds_count"], un["channels"]) == (False, None, [])

    def test_default_states_are_every_state_in_the_data(self, engine: Engine):
        produced = rows(engine, measure="expedited_preservation", offence=ICT, on="2027-04-01")
        first = next(produced)
        everyone = sorted({iso for (_, iso) in engine.book.party_rows})

        assert first["requesting"] == everyone[0] and first["requested"] == everyone[1]

    @pytest.mark.parametrize(("states", "message"), [("ES", "needs at least two different States"), ("ES,XX", "unknown State code 'XX'")])
    def test_bad_states_are_one_line_errors(self, capsys: pytest.CaptureFixture[str], states: str, message: str):
        argv = ["matrix", "--measure", "expedited_preservation", "--offence", ICT, "--on", "2027-04-01", "--states", states]
        assert main(argv) == 2
        captured = capsys.readouterr()

        assert captured.out == ""
        assert message in captured.err and len(captured.err.strip().splitlines()) == 1


def test_lint_without_the_second_protocol(data_copy: Path, capsys: pytest.CaptureFixture[str]):
    """COMJIB and the UN Convention lint whether or not rules/second_protocol.yaml exists (with it: tests/test_cli.py)."""
    args = ["lint", "--rules", str(data_copy / "rules"), "--fixtures", str(data_copy / "fixtures")]
    protocol = data_copy / "rules" / "second_protocol.yaml"
    if protocol.exists():
        protocol.unlink()
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "second_protocol.yaml" not in out
    assert "comjib.yaml" in out and "un_cybercrime.yaml" in out


def test_scenarios_are_shipped():
    from treatyrules.scenario import load_scenario, shipped_scenarios

    names = {RATIFIED, "comjib_reservation_pe_9_3", "un_convention_in_force", BOTH_NEW}
    assert names <= set(shipped_scenarios())
    for name in names:
        loaded = load_scenario(name)
        assert loaded.scenario.description.startswith("Hypothetical")
