"""Facts read from dated sources into fixtures/parties.csv, reservations.csv and coverage.csv."""

from __future__ import annotations

import csv
from pathlib import Path

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
