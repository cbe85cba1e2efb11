"""Legal outcomes under the Budapest Convention (ETS 185), derived from its text.

Each expectation cites the article it comes from; the data are the embedded
party and reservation fixtures (Peru: in force 2019-12-01, declaration 27.9.e,
reservation 29.4; Czechia: 29.4 withdrawn 2019-07-05).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.conftest import budapest, channels, grounds
from treatyrules.vocabulary import Measure

ON = date(2025, 3, 1)
EVIDENCE = "electronic_evidence_any_offence"


def ground(basis, tag):  # type: ignore[no-untyped-def]
    return next(g for g in basis.refusal_grounds if g.ground.value == tag)


class TestPreservation:
    """Art 29: expedited preservation of stored computer data."""

    def test_spain_to_peru_applies_with_the_closed_list_and_perus_reservation(self, ask):
        b = budapest(ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on=ON))

        assert b.applicable is True
        assert b.measure_in_instrument == "expedited preservation of stored computer data"
        assert "budapest 29.1" in b.articles
        assert b.grounds_closed_list.closed is True
        assert b.grounds_closed_list.articles == ("budapest 29.5",)
        assert grounds(b) == {"political_offence", "essential_interests", "dual_criminality_at_disclosure_unlikely"}
        assert ground(b, "political_offence").articles == ("budapest 29.5.a",)
        assert ground(b, "essential_interests").articles == ("budapest 29.5.b",)
        reservation = ground(b, "dual_criminality_at_disclosure_unlikely")
        assert (reservation.source, reservation.state, reservation.articles) == ("reservation", "PE", ("budapest 29.4",))

    def test_no_dual_criminality_and_sixty_days(self, ask):
        b = budapest(ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on=ON))

        assert b.dual_criminality is not None
        assert (b.dual_criminality.value.value, b.dual_criminality.articles) == ("never", ("budapest 29.3",))
        minimum = next(t for t in b.time_limits if t.id == "preservation_minimum")
        assert (minimum.bound, minimum.days, minimum.articles) == ("min", 60, ("budapest 29.7",))
        assert any(t.id == "preservation_until_decision" for t in b.time_limits)

    def test_request_contents_are_the_six_items_of_29_2(self, ask):
        b = budapest(ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on=ON))

        assert [c.articles[0] for c in b.required_contents] == [f"budapest 29.2.{x}" for x in "abcdef"]

    def test_channels_24_7_always_central_authority_only_absent_treaty(self, ask):
        unknown = budapest(ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on=ON))
        no_treaty = budapest(ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on=ON, mla_treaty=False))
        treaty = budapest(ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on=ON, mla_treaty=True))

        assert channels(unknown) == {"point_of_contact_24_7": True, "central_authority": None, "treaty_channel": None}
        assert channels(no_treaty) == {"point_of_contact_24_7": True, "central_authority": True}
        assert channels(treaty) == {"point_of_contact_24_7": True, "treaty_channel": True}
        network = next(c for c in unknown.channels if c.channel.value == "point_of_contact_24_7")
        assert "budapest 35.1.b" in network.articles

    def test_perus_reservation_does_not_reach_arts_2_to_11(self, ask):
        b = budapest(ask("ES", "PE", measure="expedited_preservation", offence="illegal_access", on=ON))

        assert "dual_criminality_at_disclosure_unlikely" not in grounds(b)
        assert any(c.id == "reservation_29_4_not_applicable" for c in b.conditions)

    @pytest.mark.parametrize("offence", ["illegal_access", "illegal_interception", "data_interference", "system_interference",
                                         "misuse_of_devices", "computer_forgery", "computer_fraud", "csam", "ip_infringement",
                                         "attempt_aiding_abetting"])
    def test_reservation_29_4_never_reaches_an_offence_of_arts_2_to_11(self, ask, offence):
        b = budapest(ask("ES", "PE", measure="expedited_preservation", offence=offence, on=ON))

        assert grounds(b) == {"political_offence", "essential_interests"}

    @pytest.mark.parametrize("offence", ["grooming", "ncii", "laundering", "other_offence_by_computer_system", EVIDENCE])
    def test_reservation_29_4_reaches_other_offences(self, ask, offence):
        b = budapest(ask("ES", "PE", measure="expedited_preservation", offence=offence, on=ON))

        assert "dual_criminality_at_disclosure_unlikely" in grounds(b)

    def test_peru_to_spain_has_no_reservation_ground_and_no_caveat_on_spains_lists(self, ask):
        # Spain's Budapest lists were read whole (fixtures/coverage.csv, as of 3 Jun 2010: no
        # reservation), and the UN Convention, whose list for Spain is not confirmed, binds neither State
        answer = ask("PE", "ES", measure="expedited_preservation", offence=EVIDENCE, on=ON)
        b = budapest(answer)

        assert b.applicable is True
        assert grounds(b) == {"political_offence", "essential_interests"}
        assert answer.basis("un_cybercrime").applicable is False
        assert not any("ES: the list of ES's" in c.text for c in answer.caveats)

    def test_czechias_withdrawn_reservation(self, ask):
        before = budapest(ask("ES", "CZ", measure="expedited_preservation", offence=EVIDENCE, on="2019-07-04"))
        on_withdrawal = budapest(ask("ES", "CZ", measure="expedited_preservation", offence=EVIDENCE, on="2019-07-05"))

        assert ground(before, "dual_criminality_at_disclosure_unlikely").state == "CZ"
        assert "dual_criminality_at_disclosure_unlikely" not in grounds(on_withdrawal)

    def test_a_reservation_without_a_date_applies_from_entry_into_force_and_is_flagged(self, ask):
        answer = ask("ES", "NO", measure="expedited_preservation", offence=EVIDENCE, on=ON)
        b = budapest(answer)

        reservation = ground(b, "dual_criminality_at_disclosure_unlikely")
        assert reservation.state == "NO"
        assert reservation.confidence.value == "verify"
        assert b.confidence.value == "verify"
        assert any("taken from the entry into force for NO" in c.text for c in answer.caveats)

    def test_urgency_allows_expedited_means(self, ask):
        b = budapest(ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on=ON, urgent=True))

        expedited = next(c for c in b.conditions if c.id == "expedited_means")
        assert expedited.articles == ("budapest 25.3",)


class TestTrafficDisclosure:
    """Art 30: expedited disclosure of preserved traffic data."""

    def test_closed_list_of_30_2_and_no_dual_criminality(self, ask):
        b = budapest(ask("ES", "PE", measure="expedited_disclosure_traffic", offence=EVIDENCE, on=ON))

        assert b.applicable is True
        assert b.grounds_closed_list.articles == ("budapest 30.2",)
        assert {g.ground.value: g.articles for g in b.refusal_grounds} == {
            "political_offence": ("budapest 30.2.a",),
            "essential_interests": ("budapest 30.2.b",),
        }
        assert b.dual_criminality is not None and b.dual_criminality.value.value == "never"
        assert "point_of_contact_24_7" in channels(b)


class TestMutualAssistance:
    """Arts 25, 27, 28, 31, 33, 34: mutual assistance with and without an MLA treaty."""

    def test_absent_a_treaty_article_27_adds_grounds_postponement_and_central_authorities(self, ask):
        b = budapest(ask("ES", "PE", measure="general_mla", offence="computer_fraud", on=ON, mla_treaty=False))

        assert {g.ground.value: g.articles for g in b.refusal_grounds} == {
            "political_offence": ("budapest 27.1", "budapest 27.4.a"),
            "essential_interests": ("budapest 27.1", "budapest 27.4.b"),
            "treaty_or_domestic_law_grounds": ("budapest 25.4",),
            "conditions_not_accepted": ("budapest 28.1", "budapest 28.3"),
        }
        assert [(g.ground.value, g.articles) for g in b.postponement_grounds] == [
            ("postpone_ongoing_investigation", ("budapest 27.1", "budapest 27.5"))
        ]
        assert channels(b) == {"central_authority": True}
        assert b.grounds_closed_list.closed is False

    def test_with_a_treaty_only_the_treatys_and_domestic_grounds(self, ask):
        b = budapest(ask("ES", "PE", measure="general_mla", offence="computer_fraud", on=ON, mla_treaty=True))

        assert grounds(b) == {"treaty_or_domestic_law_grounds"}
        assert b.postponement_grounds == ()
        assert channels(b) == {"treaty_channel": True}

    def test_unknown_treaty_gives_both_branches_and_names_the_missing_fact(self, ask):
        answer = ask("ES", "PE", measure="general_mla", offence="computer_fraud", on=ON)
        b = budapest(answer)

        assert ground(b, "political_offence").applies is None
        assert [m.fact for m in ground(b, "political_offence").missing_facts] == ["mla_treaty"]
        assert ground(b, "treaty_or_domestic_law_grounds").applies is True
        assert [branch.assuming for branch in answer.branches] == [{"mla_treaty": True}, {"mla_treaty": False}]
        with_treaty, without = (budapest_of(br) for br in answer.branches)
        assert grounds(with_treaty) == {"treaty_or_domestic_law_grounds"}
        assert "political_offence" in grounds(without)

    def test_fiscal_character_is_barred_only_for_arts_2_to_11(self, ask):
        fraud = budapest(ask("ES", "PE", measure="general_mla", offence="computer_fraud", on=ON, mla_treaty=True))
        other = budapest(ask("ES", "PE", measure="general_mla", offence=EVIDENCE, on=ON, mla_treaty=True))

        assert [(g.ground.value, g.articles) for g in fraud.prohibited_grounds] == [("fiscal_offence_only", ("budapest 25.4",))]
        assert other.prohibited_grounds == ()

    def test_dual_criminality_may_be_required_on_the_conduct(self, ask):
        b = budapest(ask("ES", "PE", measure="access_stored_data", offence=EVIDENCE, on=ON, mla_treaty=False))

        assert b.dual_criminality is not None
        assert (b.dual_criminality.value.value, b.dual_criminality.articles) == ("may_be_required", ("budapest 25.4", "budapest 25.5"))

    def test_stored_data_expedited_where_vulnerable(self, ask):
        b = budapest(ask("ES", "PE", measure="access_stored_data", offence=EVIDENCE, on=ON, mla_treaty=False))

        expedited = next(t for t in b.time_limits if t.id == "respond_expeditiously_if_vulnerable")
        assert expedited.articles == ("budapest 31.3.a", "budapest 31.3.b")
        assert b.measure_in_instrument == "mutual assistance regarding accessing of stored computer data"

    def test_real_time_traffic_follows_domestic_law_with_a_minimum_duty(self, ask):
        b = budapest(ask("ES", "SE", measure="realtime_traffic", offence=EVIDENCE, on=ON, mla_treaty=True))

        assert "budapest 33.1" in ground(b, "treaty_or_domestic_law_grounds").articles
        assert {c.id for c in b.conditions} >= {"minimum_duty_domestic_availability", "reservation_14_3_a_narrows_duty"}

    def test_interception_only_to_the_extent_treaties_and_laws_permit(self, ask):
        b = budapest(ask("ES", "PE", measure="interception", offence=EVIDENCE, on=ON, mla_treaty=True))

        assert ground(b, "discretionary").articles == ("budapest 34",)


class TestUrgentRequestsAndPerusDeclaration:
    """Arts 25.3 and 27.9, and Peru's Art 27.9.e declaration."""

    def test_into_peru_the_direct_urgent_channels_are_closed(self, ask):
        b = budapest(ask("ES", "PE", measure="urgent_mla", offence="computer_fraud", on=ON, mla_treaty=False))

        assert channels(b) == {
            "central_authority": True,
            "judicial_direct": False,
            "competent_authority_direct": False,
            "interpol": False,
        }
        judicial = next(c for c in b.channels if c.channel.value == "judicial_direct")
        assert [r.articles for r in judicial.closed_by] == [("budapest 27.9.e",)]
        assert any("PE" in f.text and "27.9.e" in f.text for f in judicial.closed_by[0].facts)

    def test_into_spain_the_direct_urgent_channels_are_open(self, ask):
        answer = ask("PE", "ES", measure="urgent_mla", offence="computer_fraud", on=ON, mla_treaty=False)
        b = budapest(answer)

        assert channels(b) == {
            "central_authority": True,
            "judicial_direct": True,
            "competent_authority_direct": True,
            "interpol": True,
        }
        assert {c.id for c in b.conditions} >= {"copy_to_central_authority", "non_coercive_only", "expedited_means"}
        # Spain's declarations are read whole (CoE Octopus profile): no 27.9.e declaration, no caveat
        assert not any("ES" in c.text and "declarations" in c.text for c in answer.caveats)

    def test_with_a_treaty_article_27_9_does_not_apply(self, ask):
        b = budapest(ask("PE", "ES", measure="urgent_mla", offence="computer_fraud", on=ON, mla_treaty=True))

        assert channels(b) == {"treaty_channel": True}

    def test_an_emergency_is_an_urgent_circumstance(self, ask):
        b = budapest(ask("PE", "ES", measure="access_stored_data", offence=EVIDENCE, on=ON, mla_treaty=False, emergency=True))

        assert channels(b)["judicial_direct"] is True


class TestOtherMeasures:
    def test_extradition_only_for_arts_2_to_11_with_dual_criminality(self, ask):
        access = budapest(ask("ES", "PE", measure="extradition", offence="illegal_access", on=ON, max_penalty_years=2))
        grooming = budapest(ask("ES", "PE", measure="extradition", offence="grooming", on=ON, max_penalty_years=2))

        assert access.applicable is True
        assert access.dual_criminality is not None
        assert (access.dual_criminality.value.value, access.dual_criminality.articles) == ("required", ("budapest 24.1.a",))
        assert ground(access, "extradition_law_or_treaty_grounds").articles == ("budapest 24.5",)
        assert any(c.id == "penalty_threshold" for c in access.conditions)
        assert grooming.applicable is False
        assert [r.articles for r in grooming.reasons if r.holds is False] == [("budapest 24.1.a",)]

    def test_extradition_penalty_threshold_and_channels(self, ask):
        """Art 24.1.a: at least one year, unless an extradition treaty sets its own minimum (24.1.b);
        Art 24.5 treaty channel, Art 24.7.a designated authorities absent a treaty."""
        unknown_penalty = budapest(ask("ES", "PE", measure="extradition", offence="illegal_access", on=ON))
        six_months = budapest(ask("ES", "PE", measure="extradition", offence="illegal_access", on=ON, max_penalty_years=0.5, extradition_treaty=False))
        six_months_treaty_unknown = budapest(ask("ES", "PE", measure="extradition", offence="illegal_access", on=ON, max_penalty_years=0.5))
        no_treaty = budapest(ask("ES", "PE", measure="extradition", offence="illegal_access", on=ON, max_penalty_years=2, extradition_treaty=False))
        treaty = budapest(ask("ES", "PE", measure="extradition", offence="illegal_access", on=ON, max_penalty_years=0.5, extradition_treaty=True))

        assert (unknown_penalty.applicable, [m.fact for m in unknown_penalty.missing_facts]) == (None, ["extradition_treaty", "max_penalty_years"])
        assert six_months.applicable is False
        assert [r.articles for r in six_months.reasons if r.holds is False] == [("budapest 24.1.a", "budapest 24.1.b")]
        assert six_months_treaty_unknown.applicable is None
        assert channels(no_treaty) == {"central_authority": True}
        assert next(c for c in no_treaty.channels).articles == ("budapest 24.7.a",)
        assert treaty.applicable is True
        assert channels(treaty) == {"treaty_channel": True}

    def test_trans_border_access_needs_no_request(self, ask):
        answer = ask("ES", "PE", measure="transborder_access_unilateral", offence=EVIDENCE, on=ON)
        b = budapest(answer)

        assert channels(b) == {"none": True}
        assert {c.id: c.articles for c in b.conditions} == {
            "publicly_available_data": ("budapest 32.a",),
            "lawful_voluntary_consent": ("budapest 32.b",),
        }
        assert [(r.channel.value, r.hops) for r in answer.routes] == [("none", ())]

    def test_spontaneous_information(self, ask):
        b = budapest(ask("ES", "PE", measure="spontaneous_information", offence=EVIDENCE, on=ON))

        assert b.dual_criminality is not None and b.dual_criminality.value.value == "n_a"
        assert any(c.id == "conditions_of_use" and c.articles == ("budapest 26.2",) for c in b.conditions)

    def test_24_7_assistance(self, ask):
        b = budapest(ask("ES", "PE", measure="assistance_24_7", offence=EVIDENCE, on=ON))

        assert channels(b) == {"point_of_contact_24_7": True}
        assert any(t.bound == "immediately" for t in b.time_limits)

    @pytest.mark.parametrize(
        ("measure", "article"),
        [
            ("emergency_disclosure_24_7", "budapest 35.1.c"),
            ("subscriber_info_direct_order", "budapest 18.1.b"),
            ("emergency_mla", "budapest 25.3"),
            ("domain_registration_info", "budapest 23"),
            ("provider_voluntary_portal", "budapest 23"),
        ],
    )
    def test_measures_the_convention_does_not_provide(self, ask, measure, article):
        b = budapest(ask("ES", "PE", measure=measure, offence=EVIDENCE, on=ON))

        assert b.applicable is False
        refusal = [r for r in b.reasons if r.holds is False]
        assert [r.articles for r in refusal] == [(article,)]
        assert b.channels == () and b.refusal_grounds == ()


class TestPartyStatus:
    def test_entry_into_force_for_peru_boundary_days(self, ask):
        before = budapest(ask("ES", "PE", measure="general_mla", offence=EVIDENCE, on="2019-11-30"))
        on_the_day = budapest(ask("ES", "PE", measure="general_mla", offence=EVIDENCE, on="2019-12-01"))

        assert before.applicable is False
        assert on_the_day.applicable is True
        parties = next(r for r in before.reasons if r.rule == "budapest.parties.both_bound")
        assert parties.holds is False
        assert any("PE" in f.text and "2019-12-01" in f.text for f in parties.facts)

    def test_both_directions_of_the_pair(self, ask):
        there = budapest(ask("ES", "PE", measure="urgent_mla", offence="computer_fraud", on=ON, mla_treaty=False))
        back = budapest(ask("PE", "ES", measure="urgent_mla", offence="computer_fraud", on=ON, mla_treaty=False))

        assert channels(there)["judicial_direct"] is False
        assert channels(back)["judicial_direct"] is True

    def test_a_non_party(self, ask):
        answer = ask("ES", "MX", measure="general_mla", offence=EVIDENCE, on=ON)
        b = budapest(answer)

        assert b.applicable is False
        parties = next(r for r in b.reasons if r.rule == "budapest.parties.both_bound")
        assert any(f.text.startswith("MX: no signature or consent") for f in parties.facts)
        assert [r for r in answer.routes if r.instrument.value == "budapest"] == []

    def test_a_signatory_is_not_bound(self, ask):
        b = budapest(ask("ES", "ZA", measure="general_mla", offence=EVIDENCE, on=ON))

        assert b.applicable is False
        parties = next(r for r in b.reasons if r.rule == "budapest.parties.both_bound")
        assert any("signature alone does not bind" in f.text for f in parties.facts)

    def test_a_party_whose_entry_into_force_is_not_dated_is_undetermined(self, ask):
        b = budapest(ask("ES", "PY", measure="general_mla", offence=EVIDENCE, on=ON))

        assert b.applicable is None
        assert [m.fact for m in b.missing_facts] == ["party:budapest:PY"]

    def test_a_party_listed_without_dates_is_bound_by_the_month_after_three_months_from_its_source(self, ask):
        """Serbia: listed as a Party by a source with status 2015-09-01, no dates (Arts 36.4, 37.2)."""
        before = budapest(ask("ES", "RS", measure="general_mla", offence=EVIDENCE, on="2015-12-31"))
        after = budapest(ask("ES", "RS", measure="general_mla", offence=EVIDENCE, on="2016-01-01"))

        assert before.applicable is None
        assert after.applicable is True
        assert after.confidence.value == "verify"
        facts = [f for r in after.reasons for f in r.facts if f.text.startswith("RS:")]
        assert facts[0].derived is True and "at the latest from 2016-01-01" in facts[0].text

    def test_the_convention_before_its_own_entry_into_force(self, ask):
        b = budapest(ask("ES", "AL", measure="general_mla", offence=EVIDENCE, on="2004-06-30"))

        assert b.applicable is False


CITATION = re.compile(r"^budapest \d+(\.\d+)*(\.[a-z]{1,2})?$")


@pytest.mark.parametrize("measure", [m.value for m in Measure])
@pytest.mark.parametrize("mla", [True, False])
def test_every_conclusion_carries_its_article(ask, measure, mla):
    """A conclusion without an article is a defect: check every field of every answer."""
    b = budapest(ask("ES", "PE", measure=measure, offence="illegal_access", on=ON, mla_treaty=mla, urgent=True))

    items = list(b.channels) + list(b.refusal_grounds) + list(b.postponement_grounds) + list(b.prohibited_grounds)
    items += list(b.time_limits) + list(b.required_contents) + list(b.conditions) + list(b.reasons)
    if b.dual_criminality:
        items.append(b.dual_criminality)
    assert items
    for item in items:
        assert item.articles, item
        assert all(CITATION.match(a) for a in item.articles), item.articles


def budapest_of(branch):  # type: ignore[no-untyped-def]
    return next(b for b in branch.bases if b.instrument.value == "budapest")
