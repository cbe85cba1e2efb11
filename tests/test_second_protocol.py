"""Legal outcomes under the Second Additional Protocol (CETS 224), derived from its text.

The Protocol is not in force in the real data (three ratifications: Serbia, Japan, Hungary;
five are needed, Art 16.3), so every outcome under an article is asked under a what-if
scenario in which it is in force for Spain and Peru. ``IN_FORCE`` extends the shipped
``peru_and_spain_ratify_second_protocol`` with a same-day ratification by Portugal: Peru,
Spain and Portugal deposit on 2027-01-01, so the fifth consent falls on that day and the
Protocol binds all of them from 2027-05-01 (Art 16.3) however many of the earlier consents
the data can count. Hypothetical reservations and declarations are added the same way.

Every Protocol article is working knowledge (reference: second_protocol.md), so every
applicable answer must carry confidence 'verify' and the instrument's caveat.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import channels, grounds
from treatyrules import Scenario
from treatyrules._answer.engine import VERIFY_CAVEAT
from treatyrules.models import Answer, Basis
from treatyrules.vocabulary import Confidence, Instrument, Measure

P2 = Instrument.SECOND_PROTOCOL
EVIDENCE = "electronic_evidence_any_offence"
ON = date(2027, 6, 1)  # after the Protocol's entry into force under IN_FORCE (2027-05-01)
CAVEAT = (
    "second_protocol: Article content follows the adopted text as summarised in the project's reference; "
    "no stored copy of the articles was available to check it"
)
PROTOCOL_MEASURES = (
    "domain_registration_info", "subscriber_info_direct_order", "production_order_effect",
    "emergency_disclosure_24_7", "emergency_mla", "video_conference", "joint_investigation",
)
# the query flags under which each measure's own preconditions are met
PRECONDITIONS: dict[str, dict[str, Any]] = {
    "emergency_disclosure_24_7": {"emergency": True},
    "emergency_mla": {"emergency": True, "mla_treaty": False},
    "video_conference": {"mla_treaty": False},
    "joint_investigation": {"mla_treaty": False},
}
PORTUGAL = {"consent": {"state": "PT", "instrument": "second_protocol", "date": "2027-01-01"}}


def in_force_with(name: str, *events: dict[str, Any]) -> Scenario:
    """Peru, Spain and Portugal ratify on 2027-01-01 (in force 2027-05-01), then ``events``."""
    return Scenario.model_validate(
        {
            "name": name,
            "title": "Peru, Spain and Portugal ratify on 2027-01-01" + (", with hypothetical statements" if events else ""),
            "extends": ["peru_and_spain_ratify_second_protocol"],
            "events": [PORTUGAL, *events],
        }
    )


IN_FORCE = in_force_with("peru_spain_and_portugal_ratify")


def statement(kind: str, state: str, provision: str) -> dict[str, Any]:
    return {kind: {"state": state, "instrument": "second_protocol", "provision": provision, "summary": f"hypothetical {kind} under {provision}"}}


def protocol(answer: Answer) -> Basis:
    return answer.basis(P2)


def ground(basis: Basis, tag: str):  # type: ignore[no-untyped-def]
    return next(g for g in basis.refusal_grounds if g.ground.value == tag)


def reason(basis: Basis, rule: str):  # type: ignore[no-untyped-def]
    return next(r for r in basis.reasons if r.rule == f"second_protocol.{rule}")


def limit(basis: Basis, id_: str):  # type: ignore[no-untyped-def]
    return next(t for t in basis.time_limits if t.id == id_)


def condition_ids(basis: Basis) -> set[str]:
    return {c.id for c in basis.conditions}


@pytest.fixture
def under(ask):  # type: ignore[no-untyped-def]
    """``under(measure, scenario=IN_FORCE, requesting="ES", requested="PE", **flags)``: the Protocol's basis."""

    def _under(measure: str, scenario: Scenario = IN_FORCE, requesting: str = "ES", requested: str = "PE", **flags: Any) -> Basis:
        return protocol(ask(requesting, requested, measure=measure, offence=flags.pop("offence", EVIDENCE), on=flags.pop("on", ON), scenario=scenario, **flags))

    return _under


class TestRuleFile:
    """rules/second_protocol.yaml: meta, final clauses and the statements the Protocol permits."""

    def test_instrument_meta_and_caveat(self, engine):
        """CETS 224, 25 articles, working knowledge: confidence 'verify' by default, with a caveat."""
        meta = engine.rulebooks[P2].spec.instrument

        assert (meta.reference, meta.articles_in_treaty, meta.adopted) == ("CETS No. 224", 25, date(2022, 5, 12))
        assert meta.confidence is Confidence.VERIFY
        assert meta.caveat is not None and "no stored copy of the articles" in meta.caveat.en
        assert all(source.ref.startswith("https://") for source in meta.sources.values())

    def test_entry_into_force_is_five_convention_parties_plus_three_months(self, engine):
        """Art 16.3 [VERIFY]: five consents of Parties to the Convention; 16.1: only its Parties may join."""
        eif = engine.rulebooks[P2].spec.entry_into_force

        assert (eif.treaty.cite, eif.treaty.consents_required, eif.treaty.counted_among_parties_to) == ("16.3", 5, Instrument.BUDAPEST)
        assert eif.treaty.delay.first_day_of_month_after_months == 3
        assert eif.treaty.known_date is None and eif.treaty.confidence is Confidence.VERIFY
        assert [(lp.cite, lp.delay.first_day_of_month_after_months) for lp in eif.later_parties] == [("16.4", 3)]
        assert (eif.denunciation.cite, eif.denunciation.delay.first_day_of_month_after_months) == ("24", 3)
        assert (eif.only_parties_to, eif.only_parties_to_cite) == (Instrument.BUDAPEST, "16.1")

    def test_reservations_and_declarations_are_the_closed_lists_of_art_19(self, engine):
        """19.1: 7.9.a, 7.9.b, 8.13, 17 and no other; 19.2: eight optional declarations."""
        spec = engine.rulebooks[P2].spec

        assert spec.reservations.closed_list is True and spec.reservations.cite == "19.1"
        assert set(spec.reservations.permitted) == {"7.9.a", "7.9.b", "8.13", "17"}
        assert spec.declarations.closed_list is True and spec.declarations.cite == "19.2"
        assert set(spec.declarations.permitted) == {"7.2.b", "7.8", "8.11", "9.1.b", "9.5", "10.9", "12.3", "18.2"}
        assert {"7.5.a", "7.5.e", "8.4", "8.10", "14.7.c", "14.10.b"} <= set(spec.notifications)
        assert set(spec.territorial) == {"18.2"}

    def test_the_real_statements_on_record_are_accepted(self, engine):
        """Japan's 7.9.a reservation, its designations (8.10; 14.7.c, 14.10.b) and the two statements of unknown kind load."""
        rows = {(s.iso2, s.provisions, s.kind) for s in engine.book.statement_rows if s.instrument is P2}

        assert ("JP", ("7.9.a",), "reservation") in rows
        assert ("JP", ("8.10",), "notification") in rows
        assert ("JP", ("14.10.b", "14.7.c"), "notification") in rows
        assert ("JP", ("8",), "") in rows
        assert ("RS", (), "") in rows

    def test_seven_measures_provided_every_other_one_not_provided_with_an_article(self, engine):
        """Arts 6-12 provide seven measures; each other measure cites the article that shows it is not one."""
        book = engine.rulebooks[P2]
        provided = {r.then.provides.measure.value for r in book.rules if r.then is not None and r.then.provides is not None}

        assert provided == set(PROTOCOL_MEASURES)
        assert set(book.spec.not_provided) == {m for m in Measure if m.value not in PROTOCOL_MEASURES}
        assert book.spec.not_provided[Measure.EXPEDITED_PRESERVATION].cite == "1"
        assert "Art 29" in book.spec.not_provided[Measure.EXPEDITED_PRESERVATION].summary.en

    def test_only_the_confirmed_reservation_rule_is_high_confidence(self, engine):
        """Japan's reservation confirms 7.9.a under 19.1; every other rule stays 'verify'."""
        high = [r.id for r in engine.rulebooks[P2].rules if r.confidence is Confidence.HIGH]

        assert high == ["second_protocol.subscriber_order.reservation_7_9_a"]


class TestRealData:
    """With the real data the Protocol is not in force (3 of the 5 consents), and Peru has only signed."""

    @pytest.mark.parametrize("on", [date(2022, 5, 12), date(2025, 3, 1), date(2026, 2, 5), date(2026, 11, 23), date(2035, 1, 1)])
    @pytest.mark.parametrize("measure", PROTOCOL_MEASURES)
    def test_not_applicable_between_spain_and_peru_on_any_date(self, ask, measure, on):
        """Art 16.3: not in force; Arts 16.3-16.4: Peru and Spain have only signed, and signature does not bind."""
        b = protocol(ask("ES", "PE", measure=measure, offence=EVIDENCE, on=on, **PRECONDITIONS.get(measure, {})))

        assert b.applicable is False
        in_force = reason(b, "parties.protocol_in_force")
        assert in_force.holds is False and in_force.articles == ("second_protocol 16.3",)
        assert any("not in force" in f.text and "of the 5 consents it needs are on record" in f.text for f in in_force.facts)
        bound = reason(b, "parties.both_bound")
        assert bound.holds is False
        assert "PE: signed on 2024-12-12; no consent to be bound on record (signature alone does not bind)" in [f.text for f in bound.facts]
        assert "ES: signed on 2022-05-12; no consent to be bound on record (signature alone does not bind)" in [f.text for f in bound.facts]
        assert b.confidence is Confidence.VERIFY

    def test_no_protocol_route_and_budapest_still_applies(self, ask):
        """The Protocol adds nothing today; preservation between them is Budapest Art 29."""
        answer = ask("ES", "PE", measure="subscriber_info_direct_order", offence=EVIDENCE, on=date(2026, 11, 23))

        assert [r for r in answer.routes if r.instrument is P2] == []
        assert not any(c.text.startswith("second_protocol: Article content") for c in answer.caveats)

    def test_not_in_force_even_between_states_that_ratified(self, ask):
        """Japan and Hungary have ratified, but the Protocol itself is not in force (Art 16.3)."""
        b = protocol(ask("HU", "JP", measure="production_order_effect", offence=EVIDENCE, on=date(2026, 11, 23)))
        bound = reason(b, "parties.both_bound")

        assert b.applicable is False
        assert any(f.text.startswith("JP: consent deposited on 2023-08-10, but the instrument itself is not in force") for f in bound.facts)

    def test_the_convention_requirement_cites_16_1(self, ask):
        """Only Parties to the Convention: Mexico is not one, so the Protocol cannot apply to it (Arts 16.1, 2.1.a, 1)."""
        b = protocol(ask("MX", "PE", measure="domain_registration_info", offence=EVIDENCE, on=date(2026, 11, 23)))
        convention = reason(b, "parties.both_convention_parties")

        assert convention.holds is False
        assert convention.articles == ("second_protocol 16.1", "second_protocol 2.1.a", "second_protocol 1")
        assert any(f.text.startswith("MX: no signature or consent to the Budapest Convention") for f in convention.facts)


class TestEveryAnswerShowsItIsUnverified:
    """All of second_protocol.md is working knowledge: 'verify' and the caveat on every applicable answer."""

    @pytest.mark.parametrize("measure", PROTOCOL_MEASURES)
    def test_confidence_verify_and_caveat(self, ask, measure):
        answer = ask("ES", "PE", measure=measure, offence=EVIDENCE, on=ON, scenario=IN_FORCE, **PRECONDITIONS.get(measure, {}))
        b = protocol(answer)
        texts = [c.text for c in answer.caveats]

        assert b.applicable is True
        assert b.confidence is Confidence.VERIFY
        assert any(t.startswith(CAVEAT) for t in texts)
        assert VERIFY_CAVEAT in texts
        assert all(r.confidence is Confidence.VERIFY for r in answer.routes if r.instrument is P2)

    def test_the_confirmed_7_9_a_rule_alone_is_high(self, under):
        """Japan's depositary statement confirms 7.9.a as a reservation under 19.1."""
        b = under("subscriber_info_direct_order")

        assert reason(b, "subscriber_order.reservation_7_9_a").confidence is Confidence.HIGH
        assert reason(b, "subscriber_order.provided").confidence is Confidence.VERIFY


class TestDomainRegistration:
    """Art 6: a request sent directly to a registrar or registry in the other Party."""

    def test_direct_to_registrar_no_state_decision(self, under, ask):
        b = under("domain_registration_info")

        assert b.applicable is True
        assert b.measure_in_instrument == "request for domain name registration information"
        assert channels(b) == {"direct_to_registrar": True}
        assert (b.dual_criminality.value.value, b.dual_criminality.articles) == ("n_a", ("second_protocol 6.1", "second_protocol 6.2"))
        assert grounds(b) == {"data_protection_incompatible"}
        assert "voluntary_disclosure_no_state_grounds" in condition_ids(b)

    def test_time_frame_is_the_one_set_in_the_request(self, under):
        frame = limit(under("domain_registration_info"), "time_frame_set_in_request")

        assert (frame.bound, frame.days, frame.articles) == ("as_agreed", None, ("second_protocol 6.3.d",))

    def test_contents_are_6_3_a_to_d(self, under):
        b = under("domain_registration_info")

        assert [c.articles[0] for c in b.required_contents] == [f"second_protocol 6.3.{x}" for x in "abcd"]

    def test_route_ends_at_the_registrar(self, ask):
        answer = ask("ES", "PE", measure="domain_registration_info", offence=EVIDENCE, on=ON, scenario=IN_FORCE)
        route = next(r for r in answer.routes if r.instrument is P2)

        assert route.channel.value == "direct_to_registrar" and route.available is True
        assert [(h.sender.state, h.sender.role, h.receiver.state, h.receiver.role) for h in route.hops] == [("ES", "requesting_authority", "PE", "registrar")]


class TestSubscriberOrder:
    """Art 7: an order submitted directly to a provider in the other Party."""

    def test_direct_to_service_provider(self, under):
        b = under("subscriber_info_direct_order")

        assert b.applicable is True
        assert channels(b) == {"direct_to_service_provider": True}
        assert b.dual_criminality.value.value == "may_be_required"
        assert "second_protocol 7.5.c.ii" in b.dual_criminality.articles

    def test_grounds_are_7_5_c_i_and_ii_and_prejudice_is_a_refusal_ground(self, under):
        """7.5.c.i (own proceedings) refuses, not merely postpones; 7.5.c.ii brings in Budapest 25.4 and 27.4."""
        b = under("subscriber_info_direct_order")

        assert grounds(b) == {
            "prejudice_ongoing_investigation", "treaty_or_domestic_law_grounds", "political_offence",
            "essential_interests", "data_protection_incompatible",
        }
        assert b.postponement_grounds == ()
        assert ground(b, "prejudice_ongoing_investigation").articles == ("second_protocol 7.5.c.i",)
        assert ground(b, "treaty_or_domestic_law_grounds").articles == ("budapest 25.4", "second_protocol 7.5.c.ii")
        assert ground(b, "political_offence").articles == ("budapest 27.4.a", "second_protocol 7.5.c.ii")
        assert ground(b, "essential_interests").articles == ("budapest 27.4.b", "second_protocol 7.5.c.ii")
        assert b.grounds_closed_list.closed is False

    def test_grounds_belong_to_the_notified_or_consulted_authority(self, under):
        b = under("subscriber_info_direct_order")
        explained = next(c for c in b.conditions if c.id == "grounds_only_if_notified_or_consulted")

        assert "7.5.a" in explained.text and "7.5.b" in explained.text and "otherwise no State decides" in explained.text
        assert set(explained.articles) >= {"second_protocol 7.5.a", "second_protocol 7.5.b", "second_protocol 7.5.c"}

    def test_thirty_days_before_enforcement_only_through_art_8_or_mla(self, under):
        b = under("subscriber_info_direct_order")
        wait = limit(b, "escalation_after_30_days")

        assert (wait.bound, wait.days, wait.articles) == ("min", 30, ("second_protocol 7.7",))
        assert "7.4.d" in wait.text and "whichever is longer" in wait.text
        assert "enforcement_only_through_art_8_or_mla" in condition_ids(b)

    def test_contents_are_7_3_a_to_f(self, under):
        b = under("subscriber_info_direct_order")

        assert [c.articles[0] for c in b.required_contents] == [f"second_protocol 7.3.{x}" for x in "abcdef"]

    def test_fiscal_bar_only_for_offences_of_arts_2_to_11(self, under):
        """Budapest 25.4, brought in by 7.5.c.ii."""
        assert [g.ground.value for g in under("subscriber_info_direct_order", offence="illegal_access").prohibited_grounds] == ["fiscal_offence_only"]
        assert under("subscriber_info_direct_order").prohibited_grounds == ()

    def test_a_7_9_a_reservation_of_the_providers_state_closes_art_7(self, under):
        """7.9.a: no Art 7 order to a provider in a State that reserved it; the reason cites 7.9.a and the reservation."""
        scenario = in_force_with("peru_reserves_7_9_a", statement("reservation", "PE", "7.9.a"))
        b = under("subscriber_info_direct_order", scenario=scenario)
        closed = reason(b, "subscriber_order.reservation_7_9_a")

        assert b.applicable is False
        assert closed.holds is False
        assert closed.articles == ("second_protocol 7.9.a", "second_protocol 19.1")
        assert any(f.text.startswith("PE: reservation under second_protocol Art 7.9.a") and f.hypothetical == "peru_reserves_7_9_a" for f in closed.facts)

    def test_art_8_stays_open_towards_a_state_that_reserved_art_7(self, under):
        scenario = in_force_with("peru_reserves_7_9_a", statement("reservation", "PE", "7.9.a"))

        assert under("production_order_effect", scenario=scenario).applicable is True

    def test_issuers_own_7_9_a_reservation_is_flagged_not_decided(self, under):
        scenario = in_force_with("spain_reserves_7_9_a", statement("reservation", "ES", "7.9.a"))
        b = under("subscriber_info_direct_order", scenario=scenario)

        assert b.applicable is True
        assert "issuer_reserved_art_7" in condition_ids(b)

    def test_7_9_b_and_7_2_b_add_their_conditions(self, under):
        scenario = in_force_with("peru_7_9_b_and_7_2_b", statement("reservation", "PE", "7.9.b"), statement("declaration", "PE", "7.2.b"))
        b = under("subscriber_info_direct_order", scenario=scenario)

        assert b.applicable is True
        assert {"access_numbers_excluded", "issuer_judicial_or_supervised"} <= condition_ids(b)
        assert "access_numbers_excluded" not in condition_ids(under("subscriber_info_direct_order"))


class TestProductionOrder:
    """Art 8: the requested Party gives effect to the requesting Party's order."""

    def test_authority_to_authority_with_45_20_45_day_limits(self, under):
        """8.6.a: serve within 45 days; return within 20 (subscriber information) or 45 (traffic data) days."""
        b = under("production_order_effect")
        serve, subscriber, traffic = (limit(b, i) for i in ("serve_provider", "return_subscriber_information", "return_traffic_data"))

        assert b.applicable is True
        assert channels(b) == {"competent_authority_direct": True}
        assert (serve.bound, serve.days, serve.articles) == ("within", 45, ("second_protocol 8.6.a",))
        assert serve.runs_from is not None and serve.runs_from.startswith("receipt of the request")
        assert (subscriber.days, subscriber.articles) == (20, ("second_protocol 8.6.a.i",))
        assert (traffic.days, traffic.articles) == (45, ("second_protocol 8.6.a.ii",))
        assert all(t.runs_from is not None and t.runs_from.startswith("service of the order") for t in (subscriber, traffic))
        assert all(t.confidence is Confidence.VERIFY for t in (serve, subscriber, traffic))

    def test_grounds_of_budapest_25_4_and_27_4_postponement_27_5(self, under):
        """8.8: refusal on Budapest 25.4/27.4 grounds; prejudice to own proceedings only postpones (27.5)."""
        b = under("production_order_effect")

        assert grounds(b) == {"treaty_or_domestic_law_grounds", "political_offence", "essential_interests", "data_protection_incompatible"}
        assert ground(b, "political_offence").articles == ("budapest 27.4.a", "second_protocol 8.8")
        assert [(g.ground.value, g.articles) for g in b.postponement_grounds] == [("postpone_ongoing_investigation", ("budapest 27.5", "second_protocol 8.8"))]
        assert b.dual_criminality.value.value == "may_be_required"

    def test_contents_are_8_3_a_i_to_vi(self, under):
        b = under("production_order_effect")

        assert [c.articles[0] for c in b.required_contents] == [f"second_protocol 8.3.a.{x}" for x in ("i", "ii", "iii", "iv", "v", "vi")]

    def test_an_8_11_declaration_requires_the_central_authority(self, under):
        scenario = in_force_with("peru_declares_8_11", statement("declaration", "PE", "8.11"))
        b = under("production_order_effect", scenario=scenario)
        direct = next(c for c in b.channels if c.channel.value == "competent_authority_direct")

        assert channels(b) == {"central_authority": True, "competent_authority_direct": False}
        assert [r.articles for r in direct.closed_by] == [("second_protocol 8.11", "second_protocol 19.2")]

    @pytest.mark.parametrize(
        ("data_types", "applicable"),
        [(["traffic_data"], False), (["subscriber_information", "traffic_data"], False), (["subscriber_information"], True), (None, None)],
    )
    def test_an_8_13_reservation_excludes_traffic_data(self, under, data_types, applicable):
        """8.13: Art 8 is then for subscriber information only; unstated data leave it open."""
        scenario = in_force_with("peru_reserves_8_13", statement("reservation", "PE", "8.13"))
        b = under("production_order_effect", scenario=scenario, data_types=data_types)
        rule = reason(b, "production.reservation_8_13")

        assert b.applicable is applicable
        assert rule.articles == ("second_protocol 8.13", "second_protocol 19.1")
        if applicable is None:
            assert [m.fact for m in b.missing_facts] == ["data_types"]
        if applicable is not False:
            assert "return_traffic_data" not in {t.id for t in b.time_limits}

    def test_without_the_reservation_traffic_data_may_be_sought(self, under):
        assert under("production_order_effect", data_types=["traffic_data"]).applicable is True

    def test_a_7_8_declaration_asks_for_art_7_first(self, under):
        scenario = in_force_with("peru_declares_7_8", statement("declaration", "PE", "7.8"))

        assert "seek_directly_first" in condition_ids(under("production_order_effect", scenario=scenario))
        assert "seek_directly_first" not in condition_ids(under("production_order_effect"))


class TestEmergencyDisclosure:
    """Art 9: 24/7 point of contact to 24/7 point of contact, in an emergency only."""

    def test_requires_an_emergency(self, under):
        b = under("emergency_disclosure_24_7")
        rule = reason(b, "emergency_disclosure.emergency")

        assert b.applicable is False
        assert rule.holds is False and rule.articles == ("second_protocol 9.1.a", "second_protocol 3")

    def test_24_7_to_24_7_discretionary_and_dual_criminality_not_addressed(self, under):
        b = under("emergency_disclosure_24_7", emergency=True)

        assert b.applicable is True
        assert channels(b) == {"point_of_contact_24_7": True}
        assert (b.dual_criminality.value.value, b.dual_criminality.confidence) == ("not_addressed", Confidence.VERIFY)
        assert grounds(b) == {"discretionary", "data_protection_incompatible"}
        assert ground(b, "discretionary").articles == ("second_protocol 9.6",)
        assert [c.articles[0] for c in b.required_contents] == [f"second_protocol 9.3.{x}" for x in "abcdefg"]
        assert limit(b, "rapid_determination").bound == "immediately"

    def test_route_names_perus_designated_24_7_point_of_contact(self, ask):
        answer = ask("ES", "PE", measure="emergency_disclosure_24_7", offence=EVIDENCE, on=ON, emergency=True, scenario=IN_FORCE)
        route = next(r for r in answer.routes if r.instrument is P2)
        crossing = next(h for h in route.hops if h.channel is not None)

        assert route.channel.value == "point_of_contact_24_7"
        assert (crossing.receiver.state, crossing.receiver.role) == ("PE", "point_of_contact_24_7")
        assert crossing.receiver.name is not None and "OCJIE" in crossing.receiver.name

    @pytest.mark.parametrize(
        ("declared_by", "data_types", "applicable"),
        [
            ("PE", ["subscriber_information"], False),
            ("PE", ["subscriber_information", "traffic_data"], True),
            ("PE", ["content_data"], True),
            ("ES", ["subscriber_information"], True),
        ],
    )
    def test_a_9_1_b_declaration_refuses_subscriber_only_requests(self, under, declared_by, data_types, applicable):
        """9.1.b binds requests to the declaring (requested) State that seek only subscriber information."""
        scenario = in_force_with(f"{declared_by.lower()}_declares_9_1_b", statement("declaration", declared_by, "9.1.b"))
        b = under("emergency_disclosure_24_7", scenario=scenario, emergency=True, data_types=data_types)

        assert b.applicable is applicable
        assert reason(b, "emergency_disclosure.subscriber_only_declaration").articles == ("second_protocol 9.1.b", "second_protocol 19.2")


class TestEmergencyMla:
    """Art 10: emergency mutual assistance; 10.7 absent a treaty, 10.8 with one; 10.9 channels."""

    def test_requires_an_emergency(self, under):
        assert under("emergency_mla", mla_treaty=False).applicable is False

    def test_without_a_treaty_the_convention_procedure_and_grounds(self, under):
        """10.7: Budapest 27.2.b (central authorities), 25.4 and 27.4 grounds, 27.5 postponement, 28.3."""
        b = under("emergency_mla", emergency=True, mla_treaty=False)

        assert channels(b) == {"central_authority": True}
        assert grounds(b) == {
            "political_offence", "essential_interests", "treaty_or_domestic_law_grounds",
            "conditions_not_accepted", "data_protection_incompatible",
        }
        assert ground(b, "essential_interests").articles == ("budapest 27.4.b", "second_protocol 10.7")
        assert [(g.ground.value, g.articles) for g in b.postponement_grounds] == [("postpone_ongoing_investigation", ("budapest 27.5", "second_protocol 10.7"))]
        assert "convention_procedure_applies" in condition_ids(b)

    def test_with_a_treaty_the_treatys_grounds(self, under):
        """10.8: Art 10 is supplemented by the treaty; no Convention 27.4 grounds."""
        b = under("emergency_mla", emergency=True, mla_treaty=True)

        assert channels(b) == {"treaty_channel": True}
        assert grounds(b) == {"treaty_or_domestic_law_grounds", "data_protection_incompatible"}
        assert ground(b, "treaty_or_domestic_law_grounds").articles == ("second_protocol 10.8",)
        assert b.postponement_grounds == ()
        assert "supplemented_by_treaty" in condition_ids(b)

    def test_unknown_treaty_gives_both_branches(self, ask):
        answer = ask("ES", "PE", measure="emergency_mla", offence=EVIDENCE, on=ON, emergency=True, scenario=IN_FORCE)
        b = protocol(answer)
        by_branch = {branch.assuming["mla_treaty"]: channels(next(x for x in branch.bases if x.instrument is P2)) for branch in answer.branches}

        assert b.applicable is True
        assert channels(b) == {"central_authority": None, "treaty_channel": None}
        assert by_branch == {True: {"treaty_channel": True}, False: {"central_authority": True}}

    def test_a_10_9_declaration_opens_judicial_interpol_and_24_7_channels(self, ask):
        scenario = in_force_with("peru_declares_10_9", statement("declaration", "PE", "10.9"))
        answer = ask("ES", "PE", measure="emergency_mla", offence=EVIDENCE, on=ON, emergency=True, mla_treaty=False, scenario=scenario)
        b = protocol(answer)

        assert channels(b) == {"central_authority": True, "point_of_contact_24_7": True, "judicial_direct": True, "interpol": True}
        assert all(c.articles == ("second_protocol 10.9", "second_protocol 19.2") for c in b.channels if c.channel.value != "central_authority")
        assert "copy_to_central_authority" in condition_ids(b)
        assert {r.channel.value for r in answer.routes if r.instrument is P2} == {"central_authority", "point_of_contact_24_7", "judicial_direct", "interpol"}

    def test_a_10_9_declaration_of_the_requesting_state_opens_nothing(self, under):
        scenario = in_force_with("spain_declares_10_9", statement("declaration", "ES", "10.9"))

        assert channels(under("emergency_mla", scenario=scenario, emergency=True, mla_treaty=False)) == {"central_authority": True}


class TestVideoConference:
    """Art 11, Section 5: only where no MLA treaty is in force (5.5)."""

    def test_only_absent_a_treaty(self, under):
        with_treaty = under("video_conference", mla_treaty=True)
        rule = reason(with_treaty, "section_5.absent_treaty")

        assert with_treaty.applicable is False
        assert rule.holds is False and rule.articles == ("second_protocol 5.5", "second_protocol 11.1")
        assert under("video_conference").applicable is None

    def test_without_a_treaty_central_authorities_and_discretion(self, under):
        b = under("video_conference", mla_treaty=False)

        assert b.applicable is True
        assert channels(b) == {"central_authority": True}
        assert grounds(b) == {"discretionary", "conditions_not_accepted"}
        assert ground(b, "discretionary").articles == ("second_protocol 11.1",)
        assert b.dual_criminality.value.value == "not_addressed"


class TestJointInvestigation:
    """Art 12: joint teams only absent a treaty (5.5); case-by-case joint investigations either way (12.7)."""

    def test_without_a_treaty_a_joint_team(self, under):
        b = under("joint_investigation", mla_treaty=False)

        assert b.applicable is True
        assert b.measure_in_instrument == "joint investigation team"
        assert channels(b) == {"jit_direct": True}
        assert limit(b, "duration_as_agreed").bound == "as_agreed"
        assert grounds(b) == {"discretionary", "data_protection_incompatible"}

    def test_with_a_treaty_still_available_under_12_7(self, under):
        b = under("joint_investigation", mla_treaty=True)

        assert b.applicable is True
        assert b.measure_in_instrument == "joint investigation (case by case)"
        assert "second_protocol 12.7" in b.articles
        assert channels(b) == {}
        assert {"case_by_case_terms", "section_5_by_agreement"} <= condition_ids(b)
        assert "use_of_evidence" not in condition_ids(b)

    def test_a_12_3_declaration_of_either_state_needs_its_central_authority(self, under):
        scenario = in_force_with("spain_declares_12_3", statement("declaration", "ES", "12.3"))

        assert "central_authority_concurrence" in condition_ids(under("joint_investigation", scenario=scenario, mla_treaty=False))


class TestDataProtectionAndEffects:
    """Art 14.15 suspension on the measures that transfer personal data; Art 15 on other instruments."""

    @pytest.mark.parametrize("measure", PROTOCOL_MEASURES)
    def test_14_15_suspension_on_personal_data_transfers(self, under, measure):
        b = under(measure, **PRECONDITIONS.get(measure, {}))
        transfers = measure != "video_conference"

        assert ("data_protection_incompatible" in grounds(b)) is transfers
        if transfers:
            assert ground(b, "data_protection_incompatible").articles == ("second_protocol 14.1.d", "second_protocol 14.15")

    def test_relationship_and_eu_carve_out(self, under):
        """5.7, 15.1.a (Budapest 39.2), 15.2 (39.3), 15.1.b; no EU membership data, so 15.1.b is a stated condition."""
        b = under("production_order_effect")

        assert {r.articles[0] for r in b.relationship} >= {"second_protocol 5.7", "second_protocol 15.1.a", "second_protocol 15.2", "second_protocol 15.1.b"}
        assert "eu_law_may_displace" in condition_ids(b)

    def test_preservation_stays_with_the_convention(self, ask):
        """No preservation article of its own (Art 1): Budapest 29 governs, even with the Protocol in force."""
        answer = ask("ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on=ON, scenario=IN_FORCE)
        b = protocol(answer)
        note = reason(b, "not_provided.expedited_preservation")

        assert b.applicable is False
        assert note.articles == ("second_protocol 1",) and "Art 29" in note.text
        assert answer.basis("budapest").applicable is True
