"""Facts read from dated sources into fixtures/parties.csv, reservations.csv and coverage.csv."""

from __future__ import annotations

import csv
from pathlib import Path

from treatyrules import which_treaty_applies

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _party(iso2: str) -> dict[str, str]:
    return next(r for r in _rows("parties.csv") if r["instrument"] == "budapest" and r["iso2"] == iso2)


def _statements(iso2: str) -> dict[str, dict[str, str]]:
    return {r["article"]: r for r in _rows("reservations.csv") if r["instrument"] == "budapest" and r["iso2"] == iso2}


def _coverage(iso2: str, subject: str) -> dict[str, str]:
    return next(r for r in _rows("coverage.csv") if r["instrument"] == "budapest" and r["iso2"] == iso2 and r["subject"] == subject)


def test_greece_deposited_its_ratification_on_25_january_2017() -> None:
    greece = _party("GR")
    assert (greece["consent_date"], greece["consent_kind"], greece["entry_into_force"]) == ("2017-01-25", "ratification", "2017-05-01")


def test_greece_reserved_dual_criminality_for_preservation_and_limited_real_time_traffic_data() -> None:
    greece = _statements("GR")
    assert greece["29.4"]["kind"] == "reservation" and greece["29.4"]["effective"] == "2017-05-01"
    assert greece["14.3.a"]["kind"] == "reservation"
    assert _coverage("GR", "reservations")["complete"] == "yes"
    assert _coverage("GR", "reservations")["as_of"] == "2017-12-13"


def test_belgium_reservation_list_is_complete_with_its_article_22_reservation() -> None:
    belgium = _statements("BE")
    assert belgium["22.1.c; 22.1.d"]["kind"] == "reservation"
    assert belgium["22.1.c; 22.1.d"]["effective"] == "2012-12-01"
    assert (belgium["2"]["kind"], belgium["7"]["kind"]) == ("declaration", "declaration")
    cov = _coverage("BE", "reservations")
    assert (cov["complete"], cov["as_of"]) == ("yes", "2021-05-10")


def test_france_reservations_are_on_9_2_b_and_22_1_d_only() -> None:
    france = _statements("FR")
    reservations = sorted(a for a, r in france.items() if r["kind"] == "reservation")
    assert reservations == ["22.1.d", "9.2.b"]
    assert all(france[a]["effective"] == "2006-05-01" for a in reservations)
    cov = _coverage("FR", "reservations")
    assert (cov["complete"], cov["as_of"]) == ("yes", "2017-10-21")
    # the CoE declarations page (status 16/07/2019) read to its end: no Art 40 declaration
    declarations = _coverage("FR", "declarations")
    assert (declarations["complete"], declarations["as_of"]) == ("yes", "2019-07-16")
    assert not any(r["kind"] == "declaration" for r in france.values())


def test_a_list_marked_complete_always_has_an_as_of_date_or_says_why_not() -> None:
    for row in _rows("coverage.csv"):
        if row["instrument"] == "budapest" and row["iso2"] in {"GR", "BE", "FR"} and row["complete"] == "yes":
            assert row["as_of"] and row["source_url"].startswith("https://www.coe.int/")


def test_czechia_s_one_reservation_was_29_4_and_it_was_withdrawn_on_5_july_2019() -> None:
    # CoE Treaty Office, Czechia's reservations (status 22/10/2020), read to its end
    czechia = _statements("CZ")
    reservations = {a: r for a, r in czechia.items() if r["kind"] == "reservation"}
    assert list(reservations) == ["29.4"]
    assert (reservations["29.4"]["effective"], reservations["29.4"]["withdrawn"]) == ("2013-12-01", "2019-07-05")
    cov = _coverage("CZ", "reservations")
    assert (cov["complete"], cov["as_of"]) == ("yes", "2020-10-22")


def test_romania_made_no_reservation_and_only_its_designations() -> None:
    # Law 64/2004 (Monitorul Oficial nr. 343, 20 Apr 2004): three designations, no reservation
    romania = _statements("RO")
    assert [r["kind"] for r in romania.values()] == ["notification"]
    assert (_coverage("RO", "reservations")["complete"], _coverage("RO", "declarations")["complete"]) == ("yes", "yes")


def test_ukraine_deposited_on_10_march_2006_and_was_bound_from_1_july_2006() -> None:
    # Art 36.4: the first day of the month after three months from the deposit
    ukraine = _party("UA")
    assert (ukraine["consent_date"], ukraine["entry_into_force"]) == ("2006-03-10", "2006-07-01")


def test_finland_s_only_article_40_declaration_is_on_article_2() -> None:
    finland = _statements("FI")
    assert [a for a, r in finland.items() if r["kind"] == "declaration"] == ["2"]
    assert _coverage("FI", "declarations")["complete"] == "yes"


def test_senegal_s_lists_are_not_complete_on_an_undated_secondary_profile() -> None:
    for subject in ("reservations", "declarations"):
        assert _coverage("SN", subject)["complete"] == "no"


def test_an_answer_says_a_reservation_list_is_unconfirmed_only_where_it_is() -> None:
    def unconfirmed(requested: str) -> bool:
        answer = which_treaty_applies("ES", requested, measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2026-06-01")
        return any(f"{requested}'s reservations to the Budapest Convention is not confirmed complete" in c.text for c in answer.caveats)

    assert unconfirmed("LU")  # Luxembourg's list: not read whole, and no 29.4 row
    assert not unconfirmed("RO")  # Romania's: read whole (Law 64/2004)
    assert not unconfirmed("CZ")  # Czechia's: the CoE page read to its end
