"""The age of the data is shown, not hidden: every answer that rests on a data row as of a
date older than the threshold (three years before the day the engine is built, unless set),
or with no as-of date, names that row, its date and source, and the threshold in its caveats."""

from __future__ import annotations

import json
from datetime import date

import pytest

from treatyrules import summarize, which_treaty_applies
from treatyrules._answer.engine import STALE_AFTER_ENV, Engine, years_before
from treatyrules._i18n import using
from treatyrules.cli import main
from treatyrules.errors import InvalidQueryError
from treatyrules.models import Answer, Caveat

ALBANIA_ROW = "fixtures/parties.csv:2"  # budapest, Albania: CoE chart status 2015-12-03
ALBANIA_SOURCE = "http://www.coe.int/en/web/conventions/full-list/-/conventions/treaty/185/signatures?p_auth=igXbHmd5"
MACEDONIA_ROW = "fixtures/parties.csv:55"  # budapest, North Macedonia: no as_of in the data
QUERY = dict(measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2025-03-01")


def _ask(engine: Engine, requesting: str = "ES", requested: str = "AL", lang: str = "en") -> Answer:
    with using(lang):  # type: ignore[arg-type]
        return engine.answer(engine.query(requesting, requested, **QUERY))


def _row(answer: Answer, where: str) -> Caveat | None:
    return next((c for c in answer.caveats if c.row == where), None)


@pytest.fixture(scope="module")
def twenty() -> Engine:
    return Engine(stale_after_years=20)


def test_albanias_party_row_of_2015_is_named_with_its_date_and_source(engine: Engine) -> None:
    answer = _ask(engine)
    caveat = _row(answer, ALBANIA_ROW)
    assert caveat is not None
    assert caveat.as_of == date(2015, 12, 3)
    assert caveat.source == ALBANIA_SOURCE
    assert caveat.older_than == years_before(date.today(), 3)
    for text in ("2015-12-03", ALBANIA_SOURCE, "budapest", "AL", ALBANIA_ROW, "3-year", str(caveat.older_than)):
        assert text in caveat.text


def test_albanias_designated_authorities_of_2014_are_named_too(engine: Engine) -> None:
    authorities = [c for c in _ask(engine).caveats if c.row is not None and c.row.startswith("fixtures/authorities.csv:")]
    assert {c.as_of for c in authorities if "AL" in c.text} == {date(2014, 11, 26)}


def test_the_same_caveat_in_spanish_has_the_same_legal_content(engine: Engine) -> None:
    en, es = _ask(engine, lang="en"), _ask(engine, lang="es")
    legal = [[(c.row, c.as_of, c.source, c.older_than) for c in a.caveats if c.row is not None] for a in (en, es)]
    assert legal[0] == legal[1] and legal[0]
    spanish = _row(es, ALBANIA_ROW)
    assert spanish is not None and "condición de Parte" in spanish.text and "umbral de 3 años" in spanish.text


def test_a_threshold_of_20_years_does_not_flag_albanias_row(twenty: Engine) -> None:
    answer = _ask(twenty)
    assert _row(answer, ALBANIA_ROW) is None
    assert all(c.as_of is None for c in answer.caveats if c.row is not None)  # only undated rows remain


def test_a_row_with_no_as_of_date_is_of_unknown_age(twenty: Engine) -> None:
    macedonia = _row(_ask(twenty, "MK"), MACEDONIA_ROW)
    assert macedonia is not None and macedonia.as_of is None
    assert "no as-of date" in macedonia.text and "MK" in macedonia.text


def test_the_environment_variable_sets_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STALE_AFTER_ENV, "20")
    assert Engine().stale_after_years == 20
    monkeypatch.setenv(STALE_AFTER_ENV, "three")
    with pytest.raises(InvalidQueryError):
        Engine()


@pytest.mark.parametrize("value", [-1, 2.5, True, "3"])
def test_a_bad_threshold_is_a_typed_error(value: object) -> None:
    with pytest.raises(InvalidQueryError):
        Engine(stale_after_years=value)  # type: ignore[arg-type]


def test_the_summary_folds_the_rows_into_one_line_with_the_oldest_date(engine: Engine) -> None:
    answer = _ask(engine)
    aged = [c for c in answer.caveats if c.row is not None]
    summary = summarize(answer)
    assert all(c.row is None for c in summary.caveats)
    lines = [c for c in summary.caveats if c.older_than is not None]
    assert len(lines) == 1
    # the oldest: Spain's party row, as of its deposit of 3 Jun 2010 (the CoE Octopus profile is undated)
    assert lines[0].as_of == min(c.as_of for c in aged if c.as_of is not None) == date(2010, 6, 3)
    assert f"{len(aged)} of the data rows" in lines[0].text and "2010-06-03" in lines[0].text


def test_shared_and_reference_paths_name_the_same_rows(engine: Engine) -> None:
    reference = Engine(memo=False)
    # Albania and Armenia (both from the CoE chart of 2015-12-03) in one class, asked after another pair
    for requested in ("AM", "AL", "AD"):
        shared, alone = _ask(engine, "ES", requested), _ask(reference, "ES", requested)
        assert [c.model_dump(mode="json") for c in shared.caveats] == [c.model_dump(mode="json") for c in alone.caveats]


def test_which_stale_after_option(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["which", "MK", "AL", "--measure", "expedited_preservation", "--offence", "electronic_evidence_any_offence", "--on", "2025-03-01", "--json"]
    assert main(argv) == 0
    rows = {c["row"] for c in json.loads(capsys.readouterr().out)["caveats"]}
    assert ALBANIA_ROW in rows
    assert main([*argv, "--stale-after", "20"]) == 0
    rows = {c["row"] for c in json.loads(capsys.readouterr().out)["caveats"]}
    assert ALBANIA_ROW not in rows and MACEDONIA_ROW in rows
    assert main([*argv, "--stale-after", "soon"]) == 2


def test_the_summary_folds_caveats_on_one_subject_and_keeps_every_sentence() -> None:
    answer = which_treaty_applies("ES", "PE", measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2025-03-01")
    comjib = [c.text for c in answer.caveats if c.text.startswith("comjib: ")]
    assert len(comjib) == 2  # the COMJIB party list is incomplete; the instrument's own caveat
    summary = summarize(answer)
    folded = [c.text for c in summary.caveats if c.text.startswith("comjib: ")]
    assert len(folded) == 1
    assert all(text.removeprefix("comjib: ").rstrip(".")[1:] in folded[0] for text in comjib)
