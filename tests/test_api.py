"""The public API: one call, typed errors for bad input, a stable JSON answer."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

import treatyrules
from treatyrules import errors, which_treaty_applies
from treatyrules.models import Answer
from treatyrules.vocabulary import Instrument

PRESERVATION = {"measure": "expedited_preservation", "offence": "electronic_evidence_any_offence"}


def test_the_documented_call() -> None:
    answer = which_treaty_applies(
        "ES", "PE", measure="expedited_preservation", offence="electronic_evidence_any_offence",
        on=date(2025, 3, 1), urgent=False, emergency=False, mla_treaty=None,
    )

    assert isinstance(answer, Answer)
    assert answer.query.on == date(2025, 3, 1)
    assert answer.basis("budapest").applicable is True


def test_json_has_every_documented_field() -> None:
    data = which_treaty_applies("ES", "PE", on="2025-03-01", **PRESERVATION).model_dump(mode="json")

    assert set(data) >= {"query", "bases", "routes", "caveats"}
    assert data["query"]["requesting"] == "ES" and data["query"]["on"] == "2025-03-01"
    basis = data["bases"][0]
    assert set(basis) >= {
        "instrument", "applicable", "reasons", "articles", "channels", "dual_criminality", "refusal_grounds",
        "time_limits", "required_contents", "confidence", "missing_facts",
    }
    assert set(basis["channels"][0]) >= {"channel", "available", "articles", "reasons"}
    assert set(basis["refusal_grounds"][0]) >= {"ground", "articles", "source", "state"}
    assert all(reason["articles"] for reason in basis["reasons"])
    json.dumps(data)


def test_bases_come_in_a_stable_order_one_per_rule_file() -> None:
    answer = which_treaty_applies("ES", "PE", on="2025-03-01", **PRESERVATION)
    rule_files = {p.stem for p in (Path(__file__).parent.parent / "rules").glob("*.yaml")} - {"channels"}

    assert [b.instrument.value for b in answer.bases] == [i.value for i in Instrument if i.value in rule_files]


def test_routes_are_ranked_and_name_the_designated_authorities() -> None:
    routes = which_treaty_applies("ES", "PE", on="2025-03-01", mla_treaty=False, **PRESERVATION).routes

    assert [r.rank for r in routes] == list(range(1, len(routes) + 1))
    first = routes[0]
    assert (first.instrument.value, first.channel.value) == ("budapest", "point_of_contact_24_7")
    crossing = next(h for h in first.hops if h.channel is not None)
    assert crossing.sender.name == "General Commissariat of the Judicial Police, Ministry of the Interior"
    assert crossing.receiver.name and "OCJIE" in crossing.receiver.name
    assert crossing.articles == ("budapest 35.1.b", "budapest 35.2.a")
    assert {g.ground.value for g in first.refusal_grounds} == {"political_offence", "essential_interests", "dual_criminality_at_disclosure_unlikely"}
    central = next(r for r in routes if r.channel.value == "central_authority")
    assert central.rank > first.rank
    assert len(central.hops) > len(first.hops) - 1


def test_on_accepts_a_datetime_and_defaults_to_today() -> None:
    assert which_treaty_applies("ES", "PE", on=datetime(2025, 3, 1, 12, 0), **PRESERVATION).query.on == date(2025, 3, 1)
    assert which_treaty_applies("ES", "PE", **PRESERVATION).query.on == date.today()


def test_state_codes_are_case_insensitive() -> None:
    assert which_treaty_applies("es", "pe", on="2025-03-01", **PRESERVATION).query.requesting == "ES"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"requesting": "XX"}, errors.UnknownStateError, "unknown State code 'XX' for requesting"),
        ({"requested": "PER"}, errors.UnknownStateError, "unknown State code 'PER' for requested"),
        ({"requested": "ES"}, errors.InvalidQueryError, "a State does not send a request to itself"),
        ({"measure": "preservation"}, errors.UnknownTagError, "unknown measure 'preservation'; did you mean expedited_preservation"),
        ({"offence": "fraud"}, errors.UnknownTagError, "unknown offence 'fraud'"),
        ({"on": "2025-02-30"}, errors.InvalidDateError, "malformed date '2025-02-30' for on: expected YYYY-MM-DD"),
        ({"on": "01/03/2025"}, errors.InvalidDateError, "malformed date '01/03/2025'"),
        ({"on": 20250301}, errors.InvalidDateError, "malformed date 20250301"),
        ({"urgent": "yes"}, errors.InvalidQueryError, "urgent must be true or false"),
        ({"mla_treaty": "unknown"}, errors.InvalidQueryError, "mla_treaty must be true, false or None"),
        ({"data_types": ["ip_addresses"]}, errors.UnknownTagError, "unknown data type 'ip_addresses'"),
        ({"max_penalty_years": -1}, errors.InvalidQueryError, "max_penalty_years must be a non-negative number"),
    ],
)
def test_bad_input_gets_a_typed_one_line_error(kwargs, error, message) -> None:  # type: ignore[no-untyped-def]
    call = {"requesting": "ES", "requested": "PE", "on": "2025-03-01", **PRESERVATION, **kwargs}
    requesting, requested = call.pop("requesting"), call.pop("requested")

    with pytest.raises(error) as info:
        which_treaty_applies(requesting, requested, **call)

    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, errors.QueryError)
    assert isinstance(info.value, errors.TreatyRulesError)


def test_unknown_state_suggests_codes() -> None:
    with pytest.raises(errors.UnknownStateError) as info:
        which_treaty_applies("ES", "ESP", on="2025-03-01", **PRESERVATION)
    assert info.value.code == "ESP"
    assert "ES" in info.value.suggestions
    assert "did you mean ES" in str(info.value)


def test_dates_in_one_status_interval_share_one_computed_answer(engine) -> None:  # type: ignore[no-untyped-def]
    first = engine.answer(engine.query("ES", "PE", on="2025-03-01", **PRESERVATION))
    second = engine.answer(engine.query("ES", "PE", on="2025-06-15", **PRESERVATION))

    assert engine.book.period(date(2025, 3, 1)) == engine.book.period(date(2025, 6, 15))
    assert first.bases is second.bases
    assert second.query.on == date(2025, 6, 15)


def test_answers_across_a_status_change_differ(engine) -> None:  # type: ignore[no-untyped-def]
    before = engine.answer(engine.query("ES", "PE", on="2019-11-30", **PRESERVATION))
    after = engine.answer(engine.query("ES", "PE", on="2019-12-01", **PRESERVATION))

    assert engine.book.period(date(2019, 11, 30)) != engine.book.period(date(2019, 12, 1))
    assert before.bases[0].applicable is False and after.bases[0].applicable is True


def test_json_schema_is_published() -> None:
    schema = Answer.model_json_schema()

    assert schema["title"] == "Answer"
    assert "Basis" in schema["$defs"] and "GroundEntry" in schema["$defs"]
    measure = schema["$defs"]["Query"]["properties"]["measure"]
    assert "$ref" in measure or "enum" in measure


def test_the_public_surface_is_small_and_typed() -> None:
    package = Path(treatyrules.__file__).parent

    assert (package / "py.typed").exists()
    assert treatyrules.__all__ == sorted(treatyrules.__all__, key=str.lower) or sorted(treatyrules.__all__) == sorted(set(treatyrules.__all__))
    assert not [name for name in treatyrules.__all__ if name.startswith("_")]
    for name in treatyrules.__all__:
        assert hasattr(treatyrules, name), name
