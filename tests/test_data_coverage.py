"""``treatyrules data coverage``: what the data know about each Party, what is confirmed
complete, and what an analyst still has to find. The tests pin data facts (Peru's Budapest
consent date is missing, Albania's lists are complete), not how many rows there are."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from treatyrules._answer.engine import default_engine
from treatyrules._facts.coverage import PartyCoverage, data_coverage
from treatyrules.cli import main
from treatyrules.vocabulary import Instrument


def _row(instrument: Instrument, iso2: str) -> PartyCoverage:
    (report,) = data_coverage(default_engine().book, (instrument,))
    return next(p for p in report.parties if p.iso2 == iso2)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["data", "coverage", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_peru_budapest_consent_date_is_missing_while_its_35_authority_is_named() -> None:
    peru = _row(Instrument.BUDAPEST, "PE")
    assert peru.consented and peru.consent is None and peru.consent_kind == "accession"
    assert "consent_date" in peru.missing
    # an accession follows no signature: the empty signature cell is not a gap
    assert "signature_date" not in peru.missing
    assert peru.entry_into_force is not None and peru.entry_into_force.isoformat() == "2019-12-01"
    named = {d.role: d for d in peru.designations}
    assert named["point_of_contact_24_7"].article == "35"
    assert named["point_of_contact_24_7"].name is not None and "OCJIE" in named["point_of_contact_24_7"].name
    assert "authority:point_of_contact_24_7" not in peru.missing
    # Peru's reservation and declaration lists were read in full from El Peruano
    assert {c.subject: c.complete for c in peru.lists} == {"reservations": True, "declarations": True}
    assert "reservations_list" not in peru.missing and "declarations_list" not in peru.missing


def test_albania_budapest_lists_are_complete_and_nothing_is_missing() -> None:
    albania = _row(Instrument.BUDAPEST, "AL")
    assert {c.subject: c.complete for c in albania.lists} == {"reservations": True, "declarations": True}
    assert albania.missing == ()
    assert {d.role: d.article for d in albania.designations} == {
        "central_authority": "27.2", "point_of_contact_24_7": "35", "extradition_authority": "24.7",
    }
    assert all(d.name for d in albania.designations)


def test_a_cut_off_list_is_known_incomplete_not_unknown() -> None:
    chile = _row(Instrument.BUDAPEST, "CL")
    lists = {c.subject: c for c in chile.lists}
    assert lists["reservations"].complete is False  # the stored list is cut off after Art 9(4)
    assert "reservations_list" in chile.missing


def test_a_signatory_that_has_not_consented_misses_no_consent() -> None:
    peru = _row(Instrument.SECOND_PROTOCOL, "PE")
    assert peru.signature is not None and not peru.consented
    assert "consent_date" not in peru.missing and "authority:order_authority" not in peru.missing


def test_the_oldest_as_of_date_is_the_oldest_of_the_partys_rows() -> None:
    peru = _row(Instrument.BUDAPEST, "PE")
    assert peru.oldest_as_of is not None and peru.oldest_as_of.isoformat() == "2019-09-22"
    assert peru.oldest_as_of_where is not None and peru.oldest_as_of_where.startswith("fixtures/")


def test_csv_has_stable_english_keys_whatever_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--format", "csv", "--lang", "es")
    assert code == 0
    rows = {(r["instrument"], r["iso2"]): r for r in csv.DictReader(io.StringIO(out))}
    peru = rows[("budapest", "PE")]
    assert "consent_date" in peru["missing"].split(";")
    assert "OCJIE" in peru["point_of_contact_24_7"]
    assert peru["consent"] == "" and peru["entry_into_force"] == "2019-12-01"
    albania = rows[("budapest", "AL")]
    assert (albania["reservations_list_complete"], albania["declarations_list_complete"], albania["missing"]) == ("yes", "yes", "")


def test_json_for_one_instrument(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--instrument", "budapest", "--format", "json")
    assert code == 0
    data: list[dict[str, Any]] = json.loads(out)
    assert [item["instrument"] for item in data] == ["budapest"]
    assert data[0]["parties_list_complete"] is True
    peru = next(p for p in data[0]["parties"] if p["iso2"] == "PE")
    assert peru["consent"] is None and "consent_date" in peru["missing"]
    assert peru["authorities"]["point_of_contact_24_7"]["article"] == "35"
    assert peru["lists"]["declarations"]["complete"] is True


def test_the_table_reads_in_english_and_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--instrument", "budapest", "--lang", "en")
    assert code == 0
    peru = next(line for line in out.splitlines() if line.startswith("PE "))
    assert "consent date" in peru and "24.7 authority" in peru and "35 authority" not in peru
    code, out, _ = _run(capsys, "--instrument", "budapest", "--lang", "es")
    assert code == 0
    peru = next(line for line in out.splitlines() if line.startswith("PE "))
    assert "Perú" in peru and "fecha del consentimiento" in peru and "autoridad del art. 24.7" in peru
    assert "Convenio de Budapest: lista de Partes completa a 2026-01-14" in out


def test_comjib_party_list_is_said_not_to_be_complete(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--instrument", "comjib")
    assert code == 0
    assert "party list not known to be complete" in out.splitlines()[0]


def test_an_unknown_instrument_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--instrument", "budapset")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "budapset" in err and "budapest" in err


def test_lang_before_the_report_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "--lang", "es", "coverage", "--instrument", "comjib"]) == 0
    assert "no consta que la lista de Partes esté completa" in capsys.readouterr().out
