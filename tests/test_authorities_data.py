"""Facts read from the sources of fixtures/authorities.csv (designated authorities, Budapest Arts 24.7, 27.2, 35).

Each assertion pins a designation as the source shows it, on a date, so a data refresh that
changes the law on that date fails here and must be checked against the source again.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache

import pytest

from treatyrules import summarize
from treatyrules._answer.engine import Engine
from treatyrules._load.paths import fixtures_dir, package_data_dir
from treatyrules._validate.datafile import AuthorityRow, read_authorities, read_states
from treatyrules.models import Actor
from treatyrules.vocabulary import Instrument

CSV = fixtures_dir() / "authorities.csv"
B = Instrument.BUDAPEST


@cache
def rows() -> tuple[AuthorityRow, ...]:
    return tuple(read_authorities(CSV, read_states(package_data_dir() / "states.csv")))


@cache
def engine() -> Engine:
    return Engine()


def office(iso2: str, role: str, on: str, instrument: Instrument = B) -> str | None:
    """The office the engine names for a State's role on a date (None when no designation covers it)."""
    found = engine().book.authorities(instrument, iso2, role, date.fromisoformat(on))
    return "; ".join(row.name for row in found) if found else None


# -- Peru -------------------------------------------------------------------------------------


def test_peru_has_a_named_central_authority_and_24_7_point_of_contact() -> None:
    assert "Unidad de Cooperacion Judicial Internacional y Extradiciones" in (office("PE", "central_authority", "2025-03-01") or "")
    assert "Oficina de Cooperación Judicial Internacional y Extradiciones" in (office("PE", "point_of_contact_24_7", "2025-03-01") or "")


def test_peru_24_7_point_of_contact_counts_from_entry_into_force() -> None:
    assert office("PE", "point_of_contact_24_7", "2019-11-30") is None
    assert office("PE", "point_of_contact_24_7", "2019-12-01") is not None


def test_peru_central_authority_is_read_from_a_secondary_source_and_says_so() -> None:
    (row,) = [r for r in rows() if r.iso2 == "PE" and r.role == "central_authority"]
    assert row.confidence == "medium"
    assert "not the depositary" in row.note


# -- designations that changed keep both periods -------------------------------------------


def test_monaco_24_7_contact_changed_on_17_october_2017() -> None:
    assert office("MC", "point_of_contact_24_7", "2017-10-16") == "International Cooperation Service, Directorate of Public Security"
    assert office("MC", "point_of_contact_24_7", "2017-10-17") == "INTERPOL bureau, Judicial Police Division"
    assert office("MC", "point_of_contact_24_7", "2017-06-30") is None  # before entry into force for Monaco


def test_norway_changed_its_designations_on_1_january_2026() -> None:
    # KRIPOS under Arts 27 and 35 from the entry into force (1 Oct 2006) until the new
    # designations notified on 10 Dec 2025 took effect
    kripos = "KRIPOS (National Criminal Investigation Service), High-Tech Crime Division"
    assert office("NO", "central_authority", "2006-09-30") is None
    assert office("NO", "central_authority", "2006-10-01") == kripos
    assert office("NO", "central_authority", "2025-12-31") == kripos
    assert office("NO", "central_authority", "2026-01-01") == "Riksadvokaten (Director of Public Prosecutions)"
    assert office("NO", "point_of_contact_24_7", "2025-12-31") == kripos
    assert office("NO", "point_of_contact_24_7", "2026-01-01") == "KRIPOS (National Criminal Investigation Service)"


def test_armenia_s_second_24_7_contact_joins_the_police_on_7_march_2023() -> None:
    police = "Police, Ministry of Internal Affairs (specialised subdivision)"
    assert office("AM", "point_of_contact_24_7", "2023-03-06") == police
    assert office("AM", "point_of_contact_24_7", "2023-03-07") == (
        "Investigative Committee, Department of Investigation of Cybercrime and High Technology Crime; " + police
    )


# -- a designation that names two offices for one role: both are named --------------------------


@pytest.mark.parametrize(
    ("iso2", "offices"),
    [
        ("CV", ("International Cooperation Office of the National Direction of Criminal Police", "Central Department of Cooperation and Compared Law")),
        ("NG", ("National Cybercrime Center", "Cybercrime Prosecution Unit")),
        ("TO", ("Attorney General's Office", "Tonga Police, Serious Organized Transnational Crime Unit")),
    ],
)
def test_both_24_7_points_of_contact_are_the_addressee(iso2: str, offices: tuple[str, str]) -> None:
    # Art 35.1: the 24/7 network; each State names its points of contact, and a request goes to them
    answer = engine().ask("PE", iso2, measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2025-06-01")
    route = next(r for r in answer.routes if r.instrument is B and r.channel.value == "point_of_contact_24_7")
    (international,) = [hop for hop in route.hops if hop.channel is not None]
    addressee = international.receiver
    assert addressee.state == iso2 and addressee.role == "point_of_contact_24_7"
    name = addressee.name or ""
    assert all(o in name for o in offices), name
    assert name.index(offices[0]) < name.index(offices[1])  # in the order of the designation


def test_a_row_stops_applying_on_its_until_date() -> None:
    (old,) = [r for r in rows() if r.iso2 == "MC" and r.role == "point_of_contact_24_7" and r.until is not None]
    assert old.until == date(2017, 10, 17)
    assert old.in_force_on(date(2017, 10, 16)) and not old.in_force_on(date(2017, 10, 17))


# -- offices as designated, from the CoE Treaty Office -----------------------------------------


@pytest.mark.parametrize(
    ("iso2", "role", "on", "expected"),
    [
        ("HU", "central_authority", "2004-07-01", "General Prosecutor's Office"),
        ("HU", "point_of_contact_24_7", "2010-01-01", "Hungarian National Police International Implementing Co-operation Centre"),
        ("CH", "central_authority", "2012-01-01", "Federal Office of Justice"),
        ("CH", "point_of_contact_24_7", "2020-01-01", "Federal Office of Justice"),
        ("AL", "central_authority", "2006-06-19", "Ministry of Justice"),
        ("AL", "point_of_contact_24_7", "2006-10-10", "State Police"),
        ("CY", "central_authority", "2010-01-01", "Ministry of Justice and Public Order"),
        ("FR", "point_of_contact_24_7", "2010-01-01", "OCLCTIC"),
        ("JP", "extradition_authority", "2013-01-01", "Minister for Foreign Affairs"),
    ],
)
def test_designated_office_on_a_date(iso2: str, role: str, on: str, expected: str) -> None:
    assert expected in (office(iso2, role, on) or "")


def test_albania_24_7_contact_dates_from_its_own_note_verbale() -> None:
    assert office("AL", "point_of_contact_24_7", "2006-10-09") is None


def test_postal_addresses_are_kept_as_designated() -> None:
    by = {(r.iso2, r.role): r for r in rows() if r.instrument is B}
    assert by[("CH", "central_authority")].address == "3003 Berne"
    assert "Teve u. 4-6" in by[("HU", "point_of_contact_24_7")].address
    assert "Werderscher Markt 1" in by[("DE", "central_authority")].address


# -- what a row may hold -----------------------------------------------------------------------

_CONTACT = re.compile(r"@|\bTel\b|\bFax\b|e-?mail|\+\d{2}", re.IGNORECASE)


def test_no_row_holds_an_email_address_or_a_telephone_or_fax_number() -> None:
    with CSV.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            for column, cell in row.items():
                assert not _CONTACT.search(cell or ""), f"row {number} [{column}]: {cell!r}"


def test_every_row_names_an_office_a_source_and_a_known_confidence() -> None:
    for r in rows():
        assert r.name and r.source_url, r.where
        assert r.confidence in ("high", "medium", "verify"), r.where
        if r.confidence == "medium":
            assert r.note, f"{r.where}: a medium row says why in its note"


def test_wipo_lex_copies_are_medium_and_treaty_office_pages_high() -> None:
    for r in rows():
        if "wipo.int" in r.source_url or "zaki.ru" in r.source_url:
            assert r.confidence == "medium", r.where
        if "coe.int/" in r.source_url and "conventions" in r.source_url:
            assert r.confidence == "high", r.where


def test_latvia_s_offices_and_29_4_reservation_from_its_law_are_marked_verify() -> None:
    # Latvia's ratification law (5 Oct 2006) names them; no depositary text was seen
    answer = engine().ask("PE", "LV", measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2025-06-01")
    budapest = next(b for b in answer.bases if b.instrument is B)
    ground = next(g for g in budapest.refusal_grounds if g.ground.value == "dual_criminality_at_disclosure_unlikely")
    assert (ground.state, ground.articles, ground.confidence.value) == ("LV", ("budapest 29.4",), "verify")
    central = engine().book.authorities(B, "LV", "central_authority", date(2025, 6, 1))
    assert [(r.name, r.confidence) for r in central] == [("Ministry of Justice", "verify")]


# -- a State that notified without naming an office: what it notified is quoted -----------------


def _extradition_addressee(requested: str, on: str, lang: str) -> Actor:
    answer = engine().ask("PE", requested, measure="extradition", offence="illegal_access", on=on, lang=lang)
    route = next(r for r in answer.routes if r.instrument is B and r.channel.value == "central_authority")
    (international,) = [hop for hop in route.hops if hop.channel is not None]
    return international.receiver


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_united_states_made_no_art_24_7_designation_and_the_answer_says_why(lang: str) -> None:
    # Art 24.7.a: each Party names its extradition authority "in the absence of a treaty"; the
    # United States notified that it names none, its extradition being governed by bilateral treaties
    addressee = _extradition_addressee("US", "2026-06-01", lang)
    assert addressee.state == "US" and addressee.role == "extradition_authority" and addressee.name is None
    (notified,) = addressee.notified
    assert notified.where.startswith("fixtures/reservations.csv:")
    assert notified.source == "https://wipo.int/wipolex/fr/treaties/parties/remarks/US/952"
    assert notified.as_of == date(2018, 9, 20)
    expected = "bilateral treaties" if lang == "en" else "tratados bilaterales"
    assert expected in notified.text
    summary = summarize(engine().ask("PE", "US", measure="extradition", offence="illegal_access", on="2026-06-01", lang=lang))
    assert expected in summary.route.addressee.notified[0].text  # type: ignore[union-attr]
    # the answer rests on that row: older than the threshold, its age is a caveat
    answer = engine().ask("PE", "US", measure="extradition", offence="illegal_access", on="2026-06-01", lang=lang)
    assert any(c.row == notified.where and c.as_of == date(2018, 9, 20) for c in answer.caveats)


def test_before_the_united_states_was_bound_nothing_it_notified_is_quoted() -> None:
    # the US notification takes effect with its entry into force (1 Jan 2007, Art 36.4)
    answer = engine().ask("PE", "US", measure="extradition", offence="illegal_access", on="2006-12-31")
    for route in answer.routes:
        for hop in route.hops:
            assert not hop.receiver.notified and not hop.sender.notified


def test_a_named_office_is_given_and_no_notification_beside_it() -> None:
    addressee = _extradition_addressee("AL", "2026-06-01", "en")
    assert addressee.name == "Ministry of Justice; National Central Office of Interpol"
    assert addressee.notified == ()
