"""Legal outcomes under the COMJIB Convention (Madrid, 2014), derived from its text (seed 004).

Real data: only Cuba's ratification is on record, undated, and the list of ratifications is
not known, so between any two States the Convention is undetermined, never "does not apply".
Scenario ``comjib_ratified_pe_es_pt``: Peru (2027-01-15), Spain (2027-02-01) and Portugal
(2027-03-01) ratify. Because Cuba's undated ratification (and any unknown one) may come first,
the engine derives a window for the entry into force: certainly by 2027-03-31 (30 days after
the third dated ratification, Art 17.1), possibly earlier; each State not before 30 days after
its own deposit (Art 17.2).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import pytest

from tests.conftest import channels, grounds
from treatyrules import Scenario
from treatyrules._answer.engine import Engine
from treatyrules.models import Answer, Basis
from treatyrules.vocabulary import Confidence, Instrument

COMJIB = Instrument.COMJIB
RATIFIED = "comjib_ratified_pe_es_pt"
RESERVATION = "comjib_reservation_pe_9_3"
ICT = "other_offence_by_computer_system"
IN_FORCE = date(2027, 4, 1)
GROUNDS_3_2 = {
    "prejudice_ongoing_investigation": "comjib 3.2.a",
    "ne_bis_in_idem": "comjib 3.2.b",
    "contrary_to_domestic_law": "comjib 3.2.c",
    "essential_interests": "comjib 3.2.d",
    "political_offence": "comjib 3.2.e",
    "dual_criminality_absent": "comjib 3.2.f",
    "breach_of_convention": "comjib 3.2.g",
}


def comjib(answer: Answer) -> Basis:
    return answer.basis("comjib")


def reason(basis: Basis, rule: str):  # type: ignore[no-untyped-def]
    return next(r for r in basis.reasons if r.rule == f"comjib.{rule}")


class TestRealData:
    """Not shown in force: undetermined, with the missing facts named."""

    def test_spain_to_peru_is_undetermined_not_inapplicable(self, ask):
        answer = ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=date(2026, 6, 1))
        b = comjib(answer)

        assert b.applicable is None
        assert {m.fact for m in b.missing_facts} >= {"party:comjib:ES", "party:comjib:PE"}
        assert reason(b, "parties.bound_when_act_began").holds is None
        assert any("do not show the COMJIB Convention in force" in c.text for c in answer.caveats)

    def test_the_treaty_itself_is_not_shown_in_force(self, engine: Engine):
        status = engine.book.in_force(COMJIB, date(2026, 6, 1))

        assert status.value is None
        assert "1 of the 3 consents" in status.facts[0].text.en
        assert "not known to be complete" in status.facts[0].text.en

    def test_cubas_undated_ratification_leaves_cuba_undetermined(self, ask):
        b = comjib(ask("CU", "PT", measure="data_delivery", offence=ICT, on=date(2026, 6, 1)))

        assert b.applicable is None
        assert "party:comjib:CU" in {m.fact for m in b.missing_facts}


class TestMeasures:
    """Arts 5-7: open lists, mapped onto the shared vocabulary with each measure's own name."""

    @pytest.mark.parametrize(
        ("measure", "article", "own_name"),
        [
            ("expedited_preservation", "comjib 6.3", "requerimiento de preservación inmediata de datos en poder de terceros"),
            ("seizure_of_systems", "comjib 6.1", "incautación y depósito de sistemas informáticos o soportes de almacenamiento de datos"),
            ("sealing_prohibition_of_use", "comjib 6.2", "sellado, precinto y prohibición de uso de sistemas informáticos o soportes de almacenamiento de datos"),
            ("data_copy", "comjib 6.4", "copia de datos"),
            ("interception", "comjib 7.1", "intervención de comunicaciones a través de las tecnologías de la información y comunicación"),
            ("realtime_traffic", "comjib 7.2", "obtención de datos de tráfico"),
            ("system_access", "comjib 7.3", "acceso a sistemas de información"),
            ("device_data_extraction", "comjib 7.4", "acceso a la información contenida en un dispositivo que permita el almacenamiento de datos"),
            ("data_delivery", "comjib 7.5", "entrega de datos y archivos informáticos"),
            ("general_mla", "comjib 5.1", "solicitud de cooperación (cualquier otra medida de aseguramiento o diligencia de investigación, arts. 5-7)"),
            ("urgent_mla", "comjib 9.3", "solicitud abreviada por razones de urgencia"),
            ("spontaneous_information", "comjib 11", "transferencia de información sin previa solicitud"),
        ],
    )
    def test_each_measure_and_its_article(self, ask, measure, article, own_name):
        b = comjib(ask("ES", "PE", measure=measure, offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert b.applicable is True
        assert b.measure_in_instrument == own_name
        assert article in b.articles

    def test_access_to_stored_data_is_arts_7_3_to_7_5_with_6_1_and_6_4(self, ask):
        b = comjib(ask("ES", "PE", measure="access_stored_data", offence=ICT, on=IN_FORCE, scenario=RATIFIED))
        provides = reason(b, "investigative.access_stored_data")

        assert b.applicable is True
        assert provides.articles == ("comjib 7.3", "comjib 7.4", "comjib 7.5", "comjib 6.1", "comjib 6.4")
        assert b.measure_in_instrument is not None and b.measure_in_instrument.startswith("acceso a sistemas de información")

    def test_interception_takes_content_and_attached_traffic_data(self, ask):
        b = comjib(ask("ES", "PE", measure="interception", offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert "content_and_attached_traffic_data" in {c.id for c in b.conditions}

    @pytest.mark.parametrize(
        ("measure", "article"),
        [
            ("extradition", "comjib 1"),
            ("video_conference", "comjib 7"),
            ("joint_investigation", "comjib 5.1"),
            ("expedited_disclosure_traffic", "comjib 7.2"),
            ("subscriber_info_direct_order", "comjib 5.1"),
            ("emergency_mla", "comjib 9.3"),
            ("emergency_disclosure_24_7", "comjib 8.3"),
            ("assistance_24_7", "comjib 8.3"),
            ("law_enforcement_cooperation", "comjib 9.5"),
            ("transborder_access_unilateral", "comjib 5.1"),
        ],
    )
    def test_what_the_convention_does_not_provide(self, ask, measure, article):
        b = comjib(ask("ES", "PE", measure=measure, offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert b.applicable is False
        not_provided = reason(b, f"not_provided.{measure}")
        assert not_provided.holds is False and not_provided.articles == (article,)


class TestGrounds:
    """Art 3.2 a-g, one closed list for every measure, plus the procedural outcomes of Art 10."""

    def test_preservation_refusal_grounds_closed_list(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=IN_FORCE, scenario=RATIFIED))
        by_tag = {g.ground.value: g.articles for g in b.refusal_grounds}

        assert b.grounds_closed_list.closed is True
        assert b.grounds_closed_list.articles[0] == "comjib 3.2"
        for tag, article in GROUNDS_3_2.items():
            assert by_tag[tag] == (article,)
        assert by_tag["formal_defect_incurable"] == ("comjib 10.2.a",)
        assert by_tag["conditions_not_accepted"] == ("comjib 10.3", "comjib 10.4")
        assert grounds(b) == set(GROUNDS_3_2) | {"formal_defect_incurable", "conditions_not_accepted"}

    def test_prejudice_to_an_investigation_is_a_refusal_ground_not_a_postponement(self, ask):
        b = comjib(ask("ES", "PE", measure="general_mla", offence=ICT, on=IN_FORCE, scenario=RATIFIED, mla_treaty=False))

        assert "prejudice_ongoing_investigation" in grounds(b)
        assert b.postponement_grounds == ()

    def test_dual_criminality_may_be_required_even_for_preservation(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert b.dual_criminality is not None
        assert (b.dual_criminality.value.value, b.dual_criminality.articles) == ("may_be_required", ("comjib 3.2.f",))

    def test_a_curable_defect_is_returned_not_refused(self, ask):
        b = comjib(ask("ES", "PE", measure="data_delivery", offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert "formal_defect_curable" not in grounds(b)
        assert {"return_for_correction", "conditions_of_use", "reasoned_refusal", "central_authority_decision"} <= {c.id for c in b.conditions}

    def test_no_minimum_preservation_period(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert b.time_limits == ()
        assert "no_minimum_preservation_period" in {c.id for c in b.conditions}


class TestChannelsAndTheUrgentRequest:
    """Arts 8-9: Central Authorities; the urgent abbreviated request, completed within 48 hours."""

    def test_central_authority_only_when_not_urgent(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert channels(b) == {"central_authority": True}
        assert b.confidence is Confidence.HIGH

    @pytest.mark.parametrize("flags", [{"urgent": True}, {"emergency": True}])
    def test_urgent_requests_may_go_to_the_points_of_contact_within_48_hours(self, ask, flags):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=IN_FORCE, scenario=RATIFIED, **flags))
        network = next(c for c in b.channels if c.channel.value == "point_of_contact_24_7")
        (limit,) = b.time_limits

        assert channels(b) == {"central_authority": True, "point_of_contact_24_7": True}
        assert network.articles == ("comjib 8.3", "comjib 9.3")
        assert network.confidence is Confidence.VERIFY  # whose points of contact: not said
        assert (limit.id, limit.bound, limit.hours, limit.days, limit.articles) == ("abbreviated_request_completion", "within", 48, None, ("comjib 9.3",))
        assert "cannot be extended" in limit.text
        assert next(c for c in b.conditions if c.id == "abbreviated_request_lapses").confidence is Confidence.VERIFY

    def test_the_urgent_measure_itself_carries_the_48_hour_rule(self, ask):
        b = comjib(ask("ES", "PE", measure="urgent_mla", offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert b.applicable is True
        assert [(t.id, t.hours) for t in b.time_limits] == [("abbreviated_request_completion", 48)]

    def test_iberred_facilitates_but_is_no_channel(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=IN_FORCE, scenario=RATIFIED, urgent=True))

        assert "iberred" not in channels(b)
        assert next(c for c in b.conditions if c.id == "iberred_facilitation_only").articles == ("comjib 9.5",)
        assert not any(r.channel.value == "iberred" for r in ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=IN_FORCE, scenario=RATIFIED).routes)

    def test_request_contents_are_the_five_items_of_9_1(self, ask):
        b = comjib(ask("ES", "PE", measure="realtime_traffic", offence=ICT, on=IN_FORCE, scenario=RATIFIED))

        assert [c.articles[0] for c in b.required_contents] == [f"comjib 9.1.{x}" for x in "abcde"]
        assert "form_and_language" in {c.id for c in b.conditions}


class TestScope:
    """Art 2.1: crime committed through ICT; evidence of offline offences unsettled."""

    def test_evidence_of_an_offline_offence_is_shown_but_marked_verify(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence="electronic_evidence_any_offence", on=IN_FORCE, scenario=RATIFIED))
        scope = reason(b, "scope.evidence_of_offline_offence")

        assert b.applicable is True
        assert b.confidence is Confidence.VERIFY
        assert scope.confidence is Confidence.VERIFY
        assert scope.articles == ("comjib 2.1", "comjib 1", "comjib 12")

    @pytest.mark.parametrize("offence", ["laundering", "racist_xenophobic"])
    def test_offences_that_may_or_may_not_be_committed_through_ict(self, ask, offence):
        b = comjib(ask("ES", "PE", measure="data_delivery", offence=offence, on=IN_FORCE, scenario=RATIFIED))

        assert reason(b, "scope.ict_not_stated").confidence is Confidence.VERIFY

    @pytest.mark.parametrize("offence", ["illegal_access", "csam", "grooming", ICT])
    def test_offences_committed_through_ict_are_in_scope(self, ask, offence):
        b = comjib(ask("ES", "PE", measure="data_delivery", offence=offence, on=IN_FORCE, scenario=RATIFIED))

        assert reason(b, "scope.committed_through_ict").holds is True
        assert b.confidence is Confidence.HIGH


class TestEntryIntoForce:
    """Art 17 under the scenario, with Cuba's undated ratification on record."""

    def test_the_derived_window_for_the_treaty(self, engine: Engine):
        status = engine.book_for(RATIFIED).treaty[COMJIB]

        # not before 30 days after adoption (the list of ratifications is incomplete),
        # certainly by 30 days after the third dated ratification (Portugal's, 2027-03-01)
        assert (status.window.lo, status.window.hi) == (date(2014, 6, 27), date(2027, 3, 31))
        assert status.explanation == "in force by 2027-03-31 at the latest (4 consents on record, 1 of them undated)"

    @pytest.mark.parametrize(
        ("state", "lo", "hi"),
        [("PT", date(2027, 3, 31), date(2027, 3, 31)), ("PE", date(2027, 2, 14), date(2027, 3, 31)), ("ES", date(2027, 3, 3), date(2027, 3, 31))],
    )
    def test_each_state_not_before_30_days_after_its_deposit(self, engine: Engine, state, lo, hi):
        window = engine.book_for(RATIFIED).entry_into_force(COMJIB, state)

        assert window is not None and (window.lo, window.hi) == (lo, hi)

    @pytest.mark.parametrize(
        ("on", "applicable"),
        [(date(2027, 2, 1), False), (date(2027, 3, 15), None), (date(2027, 3, 31), True), (date(2027, 4, 1), True)],
    )
    def test_spain_to_peru_over_time(self, ask, on, applicable):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=on, scenario=RATIFIED))

        assert b.applicable is applicable
        if applicable is None:
            assert {"party:comjib:ES", "party:comjib:PE"} <= {m.fact for m in b.missing_facts}

    def test_portugal_is_bound_exactly_30_days_after_the_third_ratification(self, ask):
        before = comjib(ask("PT", "PE", measure="data_delivery", offence=ICT, on=date(2027, 3, 30), scenario=RATIFIED))

        assert before.applicable is False
        assert any(f.text.startswith("PT: not yet bound") for f in reason(before, "parties.bound_when_act_began").facts)

    def test_the_hypothesis_is_listed(self, ask):
        answer = ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=IN_FORCE, scenario=RATIFIED)

        assert {h.hypothetical for h in answer.hypotheses} == {RATIFIED}


class TestTemporalApplication:
    """Art 17.3: only acts begun after entry into force between the two; Art 20.2: acts under way continue."""

    def test_an_act_begun_before_entry_into_force_between_them_is_not_governed(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=date(2027, 6, 1), act_began=date(2027, 2, 1), scenario=RATIFIED))
        temporal = reason(b, "parties.acts_begun_after_entry_into_force")

        assert b.applicable is False
        assert temporal.holds is False and temporal.articles == ("comjib 17.3",)
        assert any("before the instrument entered into force between the two States" in f.text for f in temporal.facts)

    def test_an_act_begun_in_the_unknown_window_is_undetermined(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=date(2027, 6, 1), act_began=date(2027, 3, 15), scenario=RATIFIED))

        assert b.applicable is None

    def test_an_act_begun_after_entry_into_force_is_governed(self, ask):
        b = comjib(ask("ES", "PE", measure="expedited_preservation", offence=ICT, on=date(2027, 6, 1), act_began=date(2027, 4, 1), scenario=RATIFIED))
        temporal = reason(b, "parties.acts_begun_after_entry_into_force")

        assert b.applicable is True
        assert temporal.holds is True
        assert "on or after entry into force between the two States (2027-03-31)" in temporal.facts[0].text

    def test_denunciation_takes_effect_after_six_months_and_acts_under_way_continue(self, ask, engine: Engine):
        denounced = Scenario(
            name="peru_denounces_comjib",
            title="Peru denounces the COMJIB Convention on 2027-06-01",
            extends=(RATIFIED,),
            events=({"denunciation": {"state": "PE", "instrument": "comjib", "date": date(2027, 6, 1)}},),  # type: ignore[arg-type]
        )
        book = engine.book_for(denounced)

        assert book.status[(COMJIB, "PE")].end == date(2027, 12, 1)
        still = comjib(ask("ES", "PE", measure="data_delivery", offence=ICT, on=date(2027, 11, 30), scenario=denounced))
        after = comjib(ask("ES", "PE", measure="data_delivery", offence=ICT, on=date(2028, 1, 10), scenario=denounced))
        under_way = comjib(ask("ES", "PE", measure="data_delivery", offence=ICT, on=date(2028, 1, 10), act_began=date(2027, 9, 1), scenario=denounced))
        assert (still.applicable, after.applicable, under_way.applicable) == (True, False, True)


class TestReservationsWithReciprocity:
    """Art 18.1/18.3: Peru reserves Art 9.3; the provision is set aside whichever of the two asks."""

    URGENT: ClassVar[dict[str, object]] = {"measure": "expedited_preservation", "offence": ICT, "on": IN_FORCE, "urgent": True, "scenario": RESERVATION}

    @pytest.mark.parametrize(("requesting", "requested"), [("ES", "PE"), ("PE", "ES")])
    def test_no_urgent_route_and_no_48_hours_between_peru_and_another_party(self, ask, requesting, requested):
        b = comjib(ask(requesting, requested, **self.URGENT))
        set_aside = [r for r in b.reasons if r.text.startswith("Not applied between the two States because of a reservation")]

        assert b.applicable is True
        assert channels(b) == {"central_authority": True}
        assert b.time_limits == ()
        assert {r.rule for r in set_aside} == {
            "comjib.request.urgent_points_of_contact",
            "comjib.request.urgent_completion_48_hours",
            "comjib.request.urgent_deadline_missed",
        }
        assert all({"comjib 18.1", "comjib 18.3", "comjib 9.3"} <= set(r.articles) for r in set_aside)
        assert all(r.holds is False for r in set_aside)

    def test_the_requesting_states_own_reservation_counts_too(self, ask):
        """Peru asks: the requested State (Spain) made no reservation, yet 9.3 is set aside (18.3)."""
        b = comjib(ask("PE", "ES", **self.URGENT))
        facts = [f.text for r in b.reasons if r.text.startswith("Not applied") for f in r.facts]

        assert facts and all(t.startswith("PE: reservation under comjib Art 9.3") for t in facts)

    def test_other_parties_keep_the_provision(self, ask):
        b = comjib(ask("ES", "PT", **self.URGENT))

        assert channels(b) == {"central_authority": True, "point_of_contact_24_7": True}
        assert [t.hours for t in b.time_limits] == [48]

    def test_the_urgent_abbreviated_request_itself_is_not_available(self, ask):
        b = comjib(ask("PE", "ES", measure="urgent_mla", offence=ICT, on=IN_FORCE, scenario=RESERVATION))

        assert b.applicable is False
        assert any(r.rule == "comjib.urgent.provided" and r.holds is False for r in b.reasons)

    def test_the_reservation_has_no_effect_before_the_convention_binds_peru(self, ask):
        b = comjib(ask("ES", "PE", **{**self.URGENT, "on": date(2027, 3, 20)}))

        # Peru's reservation takes effect when the Convention binds Peru, itself undetermined here
        assert b.applicable is None
        assert "point_of_contact_24_7" in channels(b)
