"""Legal outcomes under the UN Convention against Cybercrime (GA res. 79/243).

Real data: 72 signatories, no confirmed ratification; signature binds no one, so the
Convention does not apply between any two States. Scenario ``un_convention_in_force``: forty
signatories ratify (hypothetically), the fortieth on 2027-03-01, so it enters into force on the
ninetieth day after, 2027-05-30 (Art 65.1); Jamaica later, bound from 2027-07-31 (65.2).

Arts 1-15 were read from the Arabic text; Arts 16-68 (all of Chapter V) are working knowledge
of the adopted text, so every co-operation rule is confidence 'verify' and answers carry the
instrument's caveat.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, channels, grounds
from treatyrules import Scenario
from treatyrules._answer.engine import Engine
from treatyrules.models import Answer, Basis
from treatyrules.vocabulary import Confidence, Instrument

UN = Instrument.UN_CYBERCRIME
IN_FORCE = "un_convention_in_force"
ON = date(2027, 6, 1)
EVIDENCE = "electronic_evidence_any_offence"
ARTICLE_40_GROUNDS = {
    "request_not_conforming": "un_cybercrime 40.21.a",
    "essential_interests": "un_cybercrime 40.21.b",
    "similar_domestic_case_prohibited": "un_cybercrime 40.21.c",
    "contrary_to_mla_legal_system": "un_cybercrime 40.21.d",
    "discrimination_persecution": "un_cybercrime 40.22",
}


def _spec() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "rules" / "un_cybercrime.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def un(answer: Answer) -> Basis:
    return answer.basis("un_cybercrime")


def reason(basis: Basis, rule: str):  # type: ignore[no-untyped-def]
    return next(r for r in basis.reasons if r.rule == f"un_cybercrime.{rule}")


class TestRealData:
    """Not in force; signature alone binds no one."""

    def test_signatories_are_not_parties(self, ask):
        b = un(ask("ES", "PE", measure="access_stored_data", offence="illegal_access", on=date(2026, 6, 1)))
        parties = reason(b, "parties.both_bound")

        assert b.applicable is False
        assert parties.holds is False
        assert parties.articles == ("un_cybercrime 65.1", "un_cybercrime 65.2", "un_cybercrime 64")
        texts = [f.text for f in parties.facts]
        assert "ES: signed on 2025-10-25; no consent to be bound on record (signature alone does not bind)" in texts
        assert "PE: signed on 2025-10-25; no consent to be bound on record (signature alone does not bind)" in texts

    def test_the_convention_is_not_in_force(self, engine: Engine):
        status = engine.book.in_force(UN, date(2026, 6, 1))

        assert status.value is False
        assert status.facts[0].text.en.startswith("un_cybercrime: not in force: 0 of the 40 consents it needs are on record")

    def test_no_caveat_when_it_does_not_apply(self, ask):
        answer = ask("ES", "PE", measure="access_stored_data", offence="illegal_access", on=date(2026, 6, 1))

        assert not any(c.text.startswith("un_cybercrime:") and "working knowledge" in c.text for c in answer.caveats)


class TestEntryIntoForce:
    """Art 65 under the hypothetical forty ratifications."""

    def test_ninetieth_day_after_the_fortieth_instrument(self, engine: Engine):
        status = engine.book_for(IN_FORCE).treaty[UN]

        assert (status.window.lo, status.window.hi) == (date(2027, 5, 30), date(2027, 5, 30))
        assert status.explanation == "in force since 2027-05-30: consent no. 40 deposited on 2027-03-01"

    @pytest.mark.parametrize(("on", "applicable"), [(date(2027, 5, 29), False), (date(2027, 5, 30), True)])
    def test_spain_to_peru_from_2027_05_30(self, ask, on, applicable):
        assert un(ask("ES", "PE", measure="access_stored_data", offence="illegal_access", on=on, scenario=IN_FORCE)).applicable is applicable

    def test_the_requested_state_s_reservation_list_is_a_caveat_only_once_the_convention_binds(self, ask):
        # a reservation takes effect only between Parties: before 30 May 2027 whether Peru's list is
        # complete changes nothing in the answer; from then on the answer applies only those on record
        listed = "PE: the list of PE's reservations to the UN Convention against Cybercrime is not confirmed complete"
        before = ask("ES", "PE", measure="expedited_preservation", offence="illegal_access", on=date(2027, 5, 29), scenario=IN_FORCE)
        after = ask("ES", "PE", measure="expedited_preservation", offence="illegal_access", on=date(2027, 5, 30), scenario=IN_FORCE)
        assert un(before).applicable is False and un(after).applicable is True
        assert not any(listed in c.text for c in before.caveats)
        assert any(listed in c.text for c in after.caveats)

    def test_a_later_state_on_the_thirtieth_day_after_its_deposit(self, engine: Engine, ask):
        window = engine.book_for(IN_FORCE).entry_into_force(UN, "JM")

        assert window is not None and (window.lo, window.hi) == (date(2027, 7, 31), date(2027, 7, 31))
        assert un(ask("ES", "JM", measure="access_stored_data", offence="illegal_access", on=date(2027, 7, 30), scenario=IN_FORCE)).applicable is False
        assert un(ask("ES", "JM", measure="access_stored_data", offence="illegal_access", on=date(2027, 7, 31), scenario=IN_FORCE)).applicable is True

    def test_a_signatory_that_did_not_ratify_stays_outside(self, ask):
        assert un(ask("ES", "CN", measure="access_stored_data", offence="illegal_access", on=ON, scenario=IN_FORCE)).applicable is False

    def test_the_instruments_caveat_is_shown(self, ask):
        answer = ask("ES", "PE", measure="access_stored_data", offence="illegal_access", on=ON, scenario=IN_FORCE)

        assert un(answer).confidence is Confidence.VERIFY
        assert any(c.text.startswith("un_cybercrime: The co-operation articles of the UN Convention") for c in answer.caveats)


class TestScope:
    """Art 35.1: Convention offences, or electronic evidence of a serious crime (Art 2(h): >= 4 years)."""

    @pytest.mark.parametrize("offence", [EVIDENCE, "other_offence_by_computer_system"])
    def test_the_serious_crime_threshold(self, ask, offence):
        def applicable(penalty: float | None) -> Basis:
            return un(ask("ES", "PE", measure="access_stored_data", offence=offence, on=ON, scenario=IN_FORCE, max_penalty_years=penalty))

        unknown, three, four = applicable(None), applicable(3), applicable(4)

        assert unknown.applicable is None
        assert [m.fact for m in unknown.missing_facts] == ["max_penalty_years"]
        assert three.applicable is False
        assert reason(three, "scope.cooperation").holds is False
        assert any(f.text == "given in the query: maximum penalty 3 years" for f in reason(three, "scope.cooperation").facts)
        assert four.applicable is True
        assert reason(four, "scope.cooperation").articles == ("un_cybercrime 35.1", "un_cybercrime 2.h", "un_cybercrime 3.b")

    @pytest.mark.parametrize("offence", ["illegal_access", "csam", "grooming", "ncii", "laundering", "computer_fraud", "attempt_aiding_abetting"])
    def test_a_convention_offence_is_in_scope_whatever_the_penalty(self, ask, offence):
        for penalty in (None, 1):
            assert un(ask("ES", "PE", measure="access_stored_data", offence=offence, on=ON, scenario=IN_FORCE, max_penalty_years=penalty)).applicable is True

    def test_copyright_is_not_a_convention_offence(self, ask):
        assert un(ask("ES", "PE", measure="access_stored_data", offence="ip_infringement", on=ON, scenario=IN_FORCE, max_penalty_years=2)).applicable is False

    def test_other_assistance_for_a_serious_crime_is_limited_to_electronic_evidence(self, ask):
        b = un(ask("ES", "PE", measure="general_mla", offence="other_offence_by_computer_system", on=ON, scenario=IN_FORCE, max_penalty_years=5))

        assert b.applicable is True
        assert "electronic_evidence_of_serious_crime_only" in {c.id for c in b.conditions}


class TestMutualAssistance:
    """Art 40: grounds, dual criminality, barred grounds, and the treaty switch of 40.7."""

    def test_absent_a_treaty_the_article_40_procedure_applies(self, ask):
        b = un(ask("ES", "PE", measure="general_mla", offence="illegal_access", on=ON, scenario=IN_FORCE, mla_treaty=False))
        by_tag = {g.ground.value: g.articles for g in b.refusal_grounds}

        assert channels(b) == {"central_authority": True}
        for tag, article in ARTICLE_40_GROUNDS.items():
            assert by_tag[tag] == (article,)
        assert by_tag["dual_criminality_absent"] == ("un_cybercrime 40",)
        assert by_tag["data_protection_incompatible"] == ("un_cybercrime 36.1.a",)
        assert "political_offence" not in by_tag  # no political-offence exception for MLA
        assert b.grounds_closed_list.closed is False
        assert {g.ground.value: g.articles for g in b.prohibited_grounds} == {
            "fiscal_offence_only": ("un_cybercrime 40.23",),
            "bank_secrecy": ("un_cybercrime 40",),
        }
        assert [(g.ground.value, g.articles) for g in b.postponement_grounds] == [("postpone_ongoing_investigation", ("un_cybercrime 40",))]
        assert b.dual_criminality is not None and b.dual_criminality.value.value == "may_be_required"
        assert len(b.required_contents) == 6

    def test_with_a_treaty_the_treaty_governs(self, ask):
        b = un(ask("ES", "PE", measure="general_mla", offence="illegal_access", on=ON, scenario=IN_FORCE, mla_treaty=True))

        assert channels(b) == {"treaty_channel": True}
        assert grounds(b) == {"treaty_or_domestic_law_grounds", "data_protection_incompatible"}
        assert [g.ground.value for g in b.prohibited_grounds] == ["bank_secrecy"]
        assert b.required_contents == ()
        assert "convention_paragraphs_by_agreement" in {c.id for c in b.conditions}

    def test_unknown_treaty_gives_both_branches(self, ask):
        answer = ask("ES", "PE", measure="general_mla", offence="illegal_access", on=ON, scenario=IN_FORCE)

        assert channels(un(answer)) == {"treaty_channel": None, "central_authority": None}
        assert [b.assuming for b in answer.branches] == [{"mla_treaty": True}, {"mla_treaty": False}]

    def test_urgent_requests_by_oral_request_or_interpol_only_by_agreement(self, ask):
        b = un(ask("ES", "PE", measure="urgent_mla", offence="illegal_access", on=ON, scenario=IN_FORCE, mla_treaty=False))

        assert b.applicable is True
        assert "urgent_oral_or_interpol" in {c.id for c in b.conditions}
        assert "interpol" not in channels(b)

    @pytest.mark.parametrize(
        ("measure", "article", "extra"),
        [
            ("access_stored_data", "un_cybercrime 44", set()),
            ("realtime_traffic", "un_cybercrime 45", {"treaty_or_domestic_law_grounds"}),
            ("interception", "un_cybercrime 46", {"treaty_or_domestic_law_grounds", "discretionary"}),
            ("video_conference", "un_cybercrime 40", set()),
        ],
    )
    def test_measures_through_mutual_assistance(self, ask, measure, article, extra):
        b = un(ask("ES", "PE", measure=measure, offence="illegal_access", on=ON, scenario=IN_FORCE, mla_treaty=False))

        assert b.applicable is True and article in b.articles
        assert grounds(b) >= set(ARTICLE_40_GROUNDS) | extra

    def test_real_time_collection_states_the_period(self, ask):
        b = un(ask("ES", "PE", measure="realtime_traffic", offence="illegal_access", on=ON, scenario=IN_FORCE, mla_treaty=False))

        assert "period_of_collection" in {c.item for c in b.required_contents}


class TestProvisionalMeasures:
    """Arts 42-43: no dual criminality, closed grounds (40.21-40.22), at least 60 days."""

    def test_preservation(self, ask):
        b = un(ask("ES", "PE", measure="expedited_preservation", offence="illegal_access", on=ON, scenario=IN_FORCE))
        network = next(c for c in b.channels if c.channel.value == "point_of_contact_24_7")

        assert b.applicable is True
        assert b.dual_criminality is not None and b.dual_criminality.value.value == "never"
        assert b.grounds_closed_list.closed is True
        assert grounds(b) == set(ARTICLE_40_GROUNDS)
        assert network.available is True and network.articles == ("un_cybercrime 41.3.b", "un_cybercrime 42")
        minimum = next(t for t in b.time_limits if t.id == "preservation_minimum")
        assert (minimum.bound, minimum.days) == ("min", 60)
        assert [c.item for c in b.required_contents][-1] == "confidentiality"
        assert len(b.required_contents) == 7

    def test_the_preservation_reservation_for_non_convention_offences(self, ask):
        reserved = Scenario(
            name="un_peru_reserves_art_42",
            title="Peru makes the Art 42 preservation reservation",
            extends=(IN_FORCE,),
            events=({"reservation": {"state": "PE", "instrument": "un_cybercrime", "provision": "42", "summary": "hypothetical"}},),  # type: ignore[arg-type]
        )
        serious = un(ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, max_penalty_years=6, on=ON, scenario=reserved))
        convention = un(ask("ES", "PE", measure="expedited_preservation", offence="illegal_access", on=ON, scenario=reserved))
        ground = next(g for g in serious.refusal_grounds if g.ground.value == "dual_criminality_at_disclosure_unlikely")

        assert (ground.source, ground.state, ground.articles) == ("reservation", "PE", ("un_cybercrime 42",))
        assert "dual_criminality_at_disclosure_unlikely" not in grounds(convention)
        assert "reservation_42_not_applicable" in {c.id for c in convention.conditions}

    def test_traffic_disclosure(self, ask):
        b = un(ask("ES", "PE", measure="expedited_disclosure_traffic", offence="illegal_access", on=ON, scenario=IN_FORCE))

        assert b.dual_criminality is not None and b.dual_criminality.value.value == "never"
        assert grounds(b) == set(ARTICLE_40_GROUNDS) | {"data_protection_incompatible"}
        assert [t.bound for t in b.time_limits] == ["expeditiously"]


class TestOtherChapterVMeasures:
    def test_emergency_data_through_the_24_7_network_needs_an_emergency(self, ask):
        none = un(ask("ES", "PE", measure="emergency_data_24_7", offence="illegal_access", on=ON, scenario=IN_FORCE))
        emergency = un(ask("ES", "PE", measure="emergency_data_24_7", offence="illegal_access", on=ON, scenario=IN_FORCE, emergency=True))

        assert none.applicable is False
        assert emergency.applicable is True
        assert channels(emergency) == {"point_of_contact_24_7": True}
        assert "un_cybercrime 41.3.e" in emergency.articles
        assert emergency.dual_criminality is not None and emergency.dual_criminality.value.value == "n_a"

    def test_extradition_only_for_convention_offences_with_dual_criminality(self, ask):
        csam = un(ask("ES", "PE", measure="extradition", offence="csam", on=ON, scenario=IN_FORCE))
        other = un(ask("ES", "PE", measure="extradition", offence="other_offence_by_computer_system", on=ON, scenario=IN_FORCE, max_penalty_years=10))

        assert csam.applicable is True
        assert csam.dual_criminality is not None and csam.dual_criminality.value.value == "required"
        assert grounds(csam) == {"extradition_law_or_treaty_grounds", "discrimination_persecution"}
        assert [(g.ground.value, g.articles) for g in csam.prohibited_grounds] == [("fiscal_offence_only", ("un_cybercrime 37.16",))]
        assert other.applicable is False

    @pytest.mark.parametrize(
        ("measure", "channel"),
        [("law_enforcement_cooperation", "police_to_police"), ("joint_investigation", "jit_direct"), ("spontaneous_information", "competent_authority_direct")],
    )
    def test_police_cooperation_joint_investigations_spontaneous_information(self, ask, measure, channel):
        b = un(ask("ES", "PE", measure=measure, offence="illegal_access", on=ON, scenario=IN_FORCE))

        assert b.applicable is True
        assert channels(b) == {channel: True}

    @pytest.mark.parametrize(
        ("measure", "article"),
        [("transborder_access_unilateral", "un_cybercrime 5.2"), ("subscriber_info_direct_order", "un_cybercrime 5.2"), ("emergency_mla", "un_cybercrime 41.3.e")],
    )
    def test_not_provided(self, ask, measure, article):
        b = un(ask("ES", "PE", measure=measure, offence="illegal_access", on=ON, scenario=IN_FORCE))

        assert b.applicable is False
        assert reason(b, f"not_provided.{measure}").articles == (article,)


class TestProvenance:
    """Which text each article comes from: the Arabic copy, UNTC, working knowledge, the 2022 drafts."""

    def test_every_article_says_whether_it_comes_from_the_2022_proposals(self):
        for number, article in _spec()["articles"].items():
            assert "seed 002" in (article.get("interpretation") or {}).get("en", ""), number

    def test_the_procedural_articles_record_how_the_2022_proposals_differ(self):
        spec = _spec()
        for number in ("23", "25", "27"):
            assert "2022" in spec["articles"][number]["interpretation"]["en"]

    def test_articles_16_onwards_are_verify_and_1_to_15_high(self, engine: Engine):
        book = engine.rulebooks[UN]

        assert book.spec.instrument.confidence is Confidence.VERIFY
        assert all(rule.confidence is Confidence.VERIFY for rule in book.rules if int(rule.article) >= 16 and rule.article != "64")
        for number in ("2", "3", "5", "11"):
            assert book.spec.articles[number].confidence is Confidence.HIGH
            assert book.spec.articles[number].text_source == "arabic_text"
        assert book.spec.entry_into_force.treaty.confidence is Confidence.HIGH
        assert book.spec.entry_into_force.later_parties[0].confidence is Confidence.VERIFY

    def test_relationship_clause_art_60(self, ask):
        b = un(ask("ES", "PE", measure="access_stored_data", offence="illegal_access", on=ON, scenario=IN_FORCE))

        art_60 = next(r for r in b.relationship if r.articles == ("un_cybercrime 60",))
        assert art_60.confidence is Confidence.VERIFY
        assert "may apply those instead" in art_60.text

    def test_the_scenario_uses_forty_real_dated_signatories(self, engine: Engine):
        from treatyrules.scenario import load_scenario

        loaded = load_scenario(IN_FORCE)
        consents = [e.consent for e in loaded.scenario.events if e.consent is not None]
        first_forty = consents[:40]

        assert len({c.state for c in first_forty}) == 40
        assert all(engine.book.party_rows[(UN, c.state)].signature is not None for c in first_forty)
        assert "EU" not in {c.state for c in consents}
        assert "hypothetical" in loaded.scenario.description.lower()
        assert Path(ROOT / "fixtures" / "scenarios" / f"{IN_FORCE}.yaml").exists()
