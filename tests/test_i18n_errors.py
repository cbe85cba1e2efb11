"""Errors speak the language in use when they are read; their attributes do not change.

An error holds a catalogue key and its parameters and renders them when ``str(error)`` is
called, so the same error reads in Spanish inside ``using("es")`` and in English outside it.
The English is the wording the engine has always used; the details a tool reads (the code,
the field, the suggestions, the path and line) are the same whatever the language.
"""

from __future__ import annotations

import pickle
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import treatyrules
from treatyrules import errors
from treatyrules._i18n import t_text, using
from treatyrules._validate.datafile import PARTY_COLUMNS, read_parties
from treatyrules.cli import main
from treatyrules.scenario import load_scenario

EVIDENCE = "electronic_evidence_any_offence"
ENGLISH = re.compile(
    r"\b(unknown|expected|did you mean|malformed|is|is not|not|the|for|should|has|have|before|already|cannot|only|Field|Input)\b"
)


def _raised(call: Any, *args: Any, **kwargs: Any) -> errors.TreatyRulesError:
    with pytest.raises(errors.TreatyRulesError) as caught:
        call(*args, **kwargs)
    return caught.value


def _both(error: Exception) -> tuple[str, str]:
    with using("en"):
        en = str(error)
    with using("es"):
        es = str(error)
    return en, es


def _attributes(error: Exception) -> dict[str, Any]:
    return {name: value for name, value in vars(error).items() if name != "_message"} | {
        "key": getattr(error, "key", None),
        "params": getattr(error, "params", None),
    }


def _attributes_in(lang: str, error: Exception) -> dict[str, Any]:
    with using(lang):  # type: ignore[arg-type]
        return _attributes(error)


def _spanish(text: str) -> None:
    """No English sentence: none of the English words the messages are built from."""
    assert not ENGLISH.search(text), text


def test_unknown_state() -> None:
    error = _raised(treatyrules.which_treaty_applies, "ES", "XX", measure="expedited_preservation", offence=EVIDENCE, on="2025-03-01")
    assert isinstance(error, errors.UnknownStateError)
    en, es = _both(error)

    assert en == "unknown State code 'XX' for requested: expected an ISO 3166-1 alpha-2 code such as 'ES' or 'PE'"
    assert es == "código de Estado desconocido «XX» en requested: se esperaba un código ISO 3166-1 alfa-2 como «ES» o «PE»"
    _spanish(es)
    assert (error.code, error.field, error.key) == ("XX", "requested", "errors.unknown_state")
    assert _attributes_in("en", error) == _attributes_in("es", error)


def test_unknown_state_with_a_suggestion() -> None:
    error = _raised(treatyrules.which_treaty_applies, "ESP", "PE", measure="expedited_preservation", offence=EVIDENCE, on="2025-03-01")
    en, es = _both(error)

    assert en.endswith("; did you mean ES?")
    assert es.endswith("; ¿quiso decir ES?")
    _spanish(es)
    assert isinstance(error, errors.UnknownStateError) and error.suggestions == ["ES"]


def test_unknown_measure() -> None:
    error = _raised(treatyrules.which_treaty_applies, "ES", "PE", measure="expedited_preservaton", offence=EVIDENCE, on="2025-03-01")
    assert isinstance(error, errors.UnknownTagError)
    en, es = _both(error)

    assert en.startswith("unknown measure 'expedited_preservaton'; did you mean expedited_preservation")
    assert es.startswith("medida desconocida «expedited_preservaton»; ¿quiso decir expedited_preservation")
    _spanish(es)
    assert (error.kind, error.tag) == ("measure", "expedited_preservaton")
    assert _attributes_in("en", error) == _attributes_in("es", error)


def test_unknown_measure_without_a_close_match_lists_the_known_tags() -> None:
    error = _raised(treatyrules.which_treaty_applies, "ES", "PE", measure="zzz", offence=EVIDENCE, on="2025-03-01")
    en, es = _both(error)

    assert en.startswith("unknown measure 'zzz'; known measure tags: ")
    assert es.startswith("medida desconocida «zzz»; medidas conocidas: ")
    assert en.split(": ", 1)[1] == es.split(": ", 1)[1]  # the tags themselves are not translated


@pytest.mark.parametrize(("kind", "spanish"), [("offence", "delito desconocido"), ("data type", "tipo de datos desconocido"), ("scenario", "escenario desconocido"), ("colour", "valor desconocido")])
def test_every_kind_of_tag_has_its_spanish_message(kind: str, spanish: str) -> None:
    error = errors.UnknownTagError(kind, "zzz", ["alpha", "beta"])
    en, es = _both(error)

    assert en == f"unknown {kind} 'zzz'; known {kind} tags: alpha, beta"
    assert es.startswith(spanish) and "alpha, beta" in es


def test_malformed_date() -> None:
    error = _raised(treatyrules.which_treaty_applies, "ES", "PE", measure="expedited_preservation", offence=EVIDENCE, on="01/03/2025")
    assert isinstance(error, errors.InvalidDateError)
    en, es = _both(error)

    assert en == "malformed date '01/03/2025' for on: expected YYYY-MM-DD, e.g. 2025-03-01"
    assert es == "fecha mal formada «01/03/2025» en on: se esperaba AAAA-MM-DD, p. ej. 2025-03-01"
    _spanish(es)
    assert (error.value, error.field) == ("01/03/2025", "on")
    assert _attributes_in("en", error) == _attributes_in("es", error)


HEAD = "schema: treatyrules.scenario/1\nname: {name}\ntitle: {name}\nevents:\n"


def _scenario(tmp_path: Path, events: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(HEAD.format(name="bad") + events, encoding="utf-8")
    return path


def test_scenario_file_error(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "  - consent: {state: PE, instrument: second_protocol, date: 2021-12-01}\n")
    error = _raised(treatyrules.which_treaty_applies, "ES", "PE", measure="domain_registration_info", offence=EVIDENCE, on=date(2027, 6, 1), scenario=path)
    assert isinstance(error, errors.ScenarioFileError)
    en, es = _both(error)

    prefix = f"{error.path}:5:"
    assert en.startswith(prefix) and es.startswith(prefix)
    assert en.endswith("[events[0].consent.date]: 2021-12-01 is before second_protocol was adopted (2022-05-12)")
    assert es.endswith("[events[0].consent.date]: 2021-12-01 es anterior a la adopción de second_protocol (2022-05-12)")
    _spanish(es.split("]: ", 1)[1])
    assert error.key == "scenario.event.before_adoption"
    assert (error.line, error.location) == (5, "events[0].consent.date")
    assert _attributes_in("en", error) == _attributes_in("es", error)
    with using("es"):
        assert error.detail == "2021-12-01 es anterior a la adopción de second_protocol (2022-05-12)"
    assert error.detail == "2021-12-01 is before second_protocol was adopted (2022-05-12)"


def test_scenario_file_error_from_the_schema(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "  - consent: {state: PE, instrument: second_protocol, date: 2027-01-01, kind: signature}\n")
    error = _raised(load_scenario, path)
    en, es = _both(error)

    assert en.endswith(": Input should be 'ratification', 'acceptance', 'approval' or 'accession' (got 'signature')")
    assert es.endswith(": se esperaba «ratification», «acceptance», «approval» o «accession» (se recibió «signature»)")
    _spanish(es.split("]: ", 1)[1])


def test_scenario_file_error_for_an_event_of_two_kinds(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "  - {}\n")
    en, es = _both(_raised(load_scenario, path))

    assert en.endswith("Value error, an event is exactly one of consent, signature, denunciation, reservation, declaration, withdrawal, mla_treaty; got nothing")
    assert es.endswith("un evento es exactamente uno de estos: consent, signature, denunciation, reservation, declaration, withdrawal, mla_treaty; se recibió nada")


def test_the_english_wording_of_the_schema_errors_is_pydantics() -> None:
    """The catalogue words the common Pydantic errors; in English exactly as Pydantic does."""
    from pydantic import ValidationError

    from treatyrules.scenario import Scenario, _pydantic_message

    cases = [
        {"name": "x", "events": []},  # missing
        {"name": "x", "title": "x", "extra": 1},  # extra_forbidden
        {"name": "X Y", "title": "x"},  # string_pattern_mismatch
        {"name": "x", "title": "x", "events": [{"consent": {"state": "PE", "instrument": "nope", "date": "2027-01-01"}}]},  # enum
        {"name": "x", "title": "x", "events": [{"consent": {"state": "PE", "instrument": "budapest", "date": "2027-13-01"}}]},  # date
    ]
    for data in cases:
        with pytest.raises(ValidationError) as caught:
            Scenario.model_validate(data)
        first = caught.value.errors()[0]
        message = _pydantic_message(first)
        assert isinstance(message, errors.Message) and message.key != "scenario.invalid.other", first["type"]
        with using("en"):
            assert str(message).startswith(first["msg"]), (first["type"], str(message))


def test_unknown_shipped_scenario() -> None:
    error = _raised(load_scenario, "no_such_scenario_anywhere")
    en, es = _both(error)

    assert "no such scenario file, and no shipped scenario of that name (shipped: " in en
    assert "no existe ese archivo de escenario ni ningún escenario incluido con ese nombre (incluidos: " in es


def test_data_file_error(tmp_path: Path) -> None:
    path = tmp_path / "parties.csv"
    row = dict.fromkeys(PARTY_COLUMNS, "")
    row.update(instrument="budapest", state="Spain", iso2="ES", signature="2001-11-23", consent_date="2010-06-03x", source_url="x")
    path.write_text(",".join(PARTY_COLUMNS) + "\n" + ",".join(row[c] for c in PARTY_COLUMNS) + "\n", encoding="utf-8")
    error = _raised(read_parties, path, {"ES": None})
    assert isinstance(error, errors.DataFileError)
    en, es = _both(error)

    assert en.endswith(":row 2 [consent_date]: '2010-06-03x' is not a date; expected YYYY-MM-DD")
    assert es.endswith(":row 2 [consent_date]: «2010-06-03x» no es una fecha; se esperaba AAAA-MM-DD")
    assert (error.row, error.column, error.key) == (2, "consent_date", "data.not_a_date")
    assert _attributes_in("en", error) == _attributes_in("es", error)


def test_no_legal_basis() -> None:
    error = errors.NoLegalBasisError(
        "ES -> PE, subscriber_info_direct_order, 2025-03-01",
        ["second_protocol: Peru is not a Party (second_protocol 16.3)", "budapest: no such measure (budapest 18)"],
        basis="second_protocol",
    )
    en, es = _both(error)

    assert isinstance(error, errors.QueryError) and "NoLegalBasisError" in errors.__all__
    assert en.startswith("no draft request can be written for ES -> PE, subscriber_info_direct_order, 2025-03-01 under second_protocol")
    assert es.startswith("no puede redactarse ningún borrador de solicitud para ES -> PE, subscriber_info_direct_order, 2025-03-01 con arreglo a second_protocol")
    assert "(second_protocol: Peru is not a Party (second_protocol 16.3); budapest: no such measure (budapest 18))" in en
    assert error.reasons == ("second_protocol: Peru is not a Party (second_protocol 16.3)", "budapest: no such measure (budapest 18)")
    assert "\n" not in en and "\n" not in es
    without = errors.NoLegalBasisError("ES -> PE, x, 2025-03-01", ["budapest: no"])
    assert without.basis is None and str(without).startswith("no draft request can be written for ES -> PE, x, 2025-03-01: no instrument")


def test_the_language_is_the_one_in_use_when_the_error_is_read() -> None:
    with using("es"):
        error = _raised(treatyrules.which_treaty_applies, "ES", "XX", measure="expedited_preservation", offence=EVIDENCE, on="2025-03-01", lang="es")
    assert str(error).startswith("unknown State code 'XX'")
    with using("es"):
        assert str(error).startswith("código de Estado desconocido «XX»")


def test_the_cli_prints_errors_in_its_language(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["which", "ES", "XX", "--measure", "expedited_preservation", "--offence", EVIDENCE, "--on", "2025-03-01"]
    assert main([*argv, "--lang", "es"]) == 2
    assert "código de Estado desconocido «XX»" in capsys.readouterr().err
    assert main([*argv, "--lang", "en"]) == 2
    assert "unknown State code 'XX'" in capsys.readouterr().err


def test_free_text_errors_read_the_same_in_both_languages() -> None:
    error = errors.InvalidQueryError("a free-text message")
    assert _both(error) == ("a free-text message", "a free-text message")
    assert (error.key, error.params) == (None, {})


def test_errors_survive_pickling() -> None:
    error = errors.UnknownStateError("XX", ["ES"], "requested")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.code, copy.field) == (type(error), str(error), "XX", "requested")


def test_facts_are_bilingual(engine: Any) -> None:
    """A fact of the status book holds both languages, the English as it has always read."""
    truth = engine.book.in_force(treatyrules.Instrument.UN_CYBERCRIME, date(2026, 6, 1))
    text = truth.facts[0].text
    assert text.en.startswith("un_cybercrime: not in force: 0 of the 40 consents it needs are on record")
    assert text.es.startswith("un_cybercrime: no está en vigor: constan 0 de los 40 consentimientos que necesita")
    assert t_text("facts.party.nothing_on_record").es == "no consta firma ni consentimiento"
