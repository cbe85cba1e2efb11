"""``treatyrules lint``: every defect named with its file, row or line and what was expected.

``tests/gallery/`` holds one small broken file per kind of defect (a companion
``parties.csv`` where the defect is measured against the State's membership); each is
linted and the defect it holds must be reported, in English and in Spanish.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from treatyrules._i18n import using
from treatyrules._load.paths import fixtures_dir, rules_dir
from treatyrules._rules.rulebook import load_rulebook
from treatyrules._validate.datafile import read_parties, read_statements, read_states
from treatyrules._validate.lint import check_citation, load_structure
from treatyrules.cli._lint import collect
from treatyrules.errors import DataFileError, DefinitionError, RuleFileError, ScenarioFileError
from treatyrules.vocabulary import Instrument

GALLERY = Path(__file__).parent / "gallery"

# case -> (error type, broken file, row or line, what the English message must say, and the Spanish one)
CASES: dict[str, tuple[type[DefinitionError], str, int, str, str]] = {
    "data_impossible_date": (DataFileError, "parties.csv", 2, "'2025-02-30' is not a calendar date", "no es una fecha"),
    "data_entry_into_force_not_derived": (DataFileError, "parties.csv", 2, "budapest 36.4 gives 2017-03-01", "budapest 36.4 da 2017-03-01"),
    "data_entry_into_force_before_treaty": (DataFileError, "parties.csv", 2, "gives 2004-07-01", "da 2004-07-01"),
    "data_withdrawn_before_consent": (DataFileError, "parties.csv", 2, "withdrawal 2002-01-01 is not after consent 2002-06-20", "no es posterior al consentimiento"),
    "data_duplicate_row": (DataFileError, "parties.csv", 3, "repeats row 2", "repite la fila 2"),
    "data_not_iso": (DataFileError, "parties.csv", 2, "'XA' is not an ISO 3166-1 alpha-2 code", "no es un código ISO 3166-1"),
    "data_state_name_mismatch": (DataFileError, "parties.csv", 2, "'Armenia' is not the name of AL; expected 'Albania'", "no es el nombre de AL"),
    "data_no_source": (DataFileError, "parties.csv", 2, "expected a URL", "se esperaba una URL"),
    "data_bad_confidence": (DataFileError, "reservations.csv", 2, "'probably' is not allowed", "no está permitido"),
    "data_summary_es_empty": (DataFileError, "reservations.csv", 2, "is empty; expected a value", "está vacía"),
    "data_statement_before_membership": (DataFileError, "reservations.csv", 2, "before the State is bound (2004-07-01", "antes de que el Estado quede obligado (2004-07-01"),
    "data_designation_before_consent": (DataFileError, "authorities.csv", 2, "before the State's consent (2002-06-20", "antes del consentimiento del Estado (2002-06-20"),
    "data_designation_outlasts_membership": (DataFileError, "authorities.csv", 2, "the period ends 2031-01-01, after the State withdrew (2030-01-01", "después de la retirada del Estado (2030-01-01"),
    "data_until_before_effective": (DataFileError, "authorities.csv", 2, "until 2006-01-01 is not after effective 2006-06-19", "no es posterior a effective"),
    "rule_no_such_paragraph": (RuleFileError, "rules/budapest.yaml", 141, "Article 29 has 7 paragraphs; there is no 29.9", "tiene 7 párrafos; no existe 29.9"),
    "scenario_impossible_date": (ScenarioFileError, "scenarios/albania_denounces.yaml", 8, "2027-02-30 is not a date on the calendar", "2027-02-30"),
}


def _lint(case: Path) -> list[DefinitionError]:
    rules = case / "rules" if (case / "rules").is_dir() else rules_dir()
    defects, _ = collect(rules, case)
    return defects


def test_every_gallery_file_has_an_expected_defect() -> None:
    assert sorted(p.name for p in GALLERY.iterdir() if p.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_gallery_defect_is_reported_with_file_place_and_expectation(case: str) -> None:
    kind, broken, place, english, spanish = CASES[case]
    defects = _lint(GALLERY / case)

    assert len(defects) == 1, [str(d) for d in defects]
    (defect,) = defects
    assert isinstance(defect, kind)
    assert defect.path.endswith(f"gallery/{case}/{broken}")
    where = defect.row if isinstance(defect, DataFileError) else defect.line
    assert where == place
    assert english in str(defect)
    with using("es"):
        assert spanish in str(defect)


def test_the_shipped_rules_data_and_scenarios_lint_clean() -> None:
    defects, notes = collect(rules_dir(), fixtures_dir())

    assert [str(d) for d in defects] == []
    assert any("sample questions answered" in line for line in notes)


def test_a_defect_in_a_copy_of_the_shipped_data_exits_1_and_bad_usage_exits_2(tmp_path: Path) -> None:
    shutil.copytree(fixtures_dir(), tmp_path / "fixtures")
    path = tmp_path / "fixtures" / "parties.csv"
    text = path.read_text(encoding="utf-8")
    # Peru: bound from 2019-12-01 by Art 37.2; a stated 2019-12-02 matches no deposit date
    path.write_text(text.replace("budapest,Peru,PE,,,accession,2019-12-01", "budapest,Peru,PE,,2019-08-15,accession,2019-12-02", 1), encoding="utf-8")

    lint = [sys.executable, "-m", "treatyrules", "lint"]
    bad = subprocess.run([*lint, "--fixtures", str(tmp_path / "fixtures")], capture_output=True, text=True, check=False)
    usage = subprocess.run([*lint, "--fixtures", str(tmp_path / "nowhere")], capture_output=True, text=True, check=False)

    assert bad.returncode == 1
    line = next(line for line in bad.stderr.splitlines() if "parties.csv:row" in line)
    assert "[entry_into_force]" in line and "budapest 37.2 gives 2019-12-01" in line
    assert usage.returncode == 2
    assert "is not a folder" in usage.stderr


@pytest.mark.parametrize(
    ("cite", "expected"),
    [
        ("29.7", None),
        ("29.5.b", None),
        ("27.9.e", None),
        ("6.1.a.ii", None),
        ("1.d", None),
        ("29.9", "Article 29 has 7 paragraphs"),
        ("29.5.c", "sub-paragraphs a to b"),
        ("1.e", "sub-paragraphs a to d"),
        ("2.1", "not divided into numbered paragraphs"),
        ("29.1.a", "has no lettered sub-paragraphs"),
        ("comjib 9.6", "has 5 paragraphs"),
    ],
)
def test_a_citation_must_name_a_provision_the_instrument_has(cite: str, expected: str | None) -> None:
    result = check_citation(cite, "budapest", load_structure())

    if expected is None:
        assert result is None
    else:
        assert expected in str(result)


def test_a_citation_of_an_article_whose_structure_is_unknown_is_not_checked() -> None:
    assert check_citation("un_cybercrime 40.99", "budapest", load_structure()) is False


def test_a_statement_summary_is_bilingual_and_carries_its_source_and_as_of(tmp_path: Path) -> None:
    states = read_states(Path(__file__).parents[1] / "treatyrules" / "_data" / "states.csv")
    specs = {i: load_rulebook(rules_dir() / f"{i.value}.yaml").spec for i in Instrument}
    parties = {(p.instrument, p.iso2): p for p in read_parties(fixtures_dir() / "parties.csv", states)}
    rows = read_statements(fixtures_dir() / "reservations.csv", states, specs, parties)
    with (fixtures_dir() / "reservations.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    dated = {(r["iso2"], r["article"], r["kind"], r["effective"]): r["as_of"] for r in table if r["as_of"]}

    assert [(r.summary.en, r.summary.es, r.source_url) for r in rows] == [(c["summary"], c["summary_es"], c["source_url"]) for c in table]
    assert all(r.summary.en != r.summary.es for r in rows if r.iso2 == "PE")
    assert [r.as_of.isoformat() if r.as_of else "" for r in rows] == [c["as_of"] for c in table]
    assert dated, "some statements give the date their source is as of"

    with (fixtures_dir() / "reservations.csv").open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    first["summary_es"] = ""
    broken = tmp_path / "reservations.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(first), lineterminator="\n")
        writer.writeheader()
        writer.writerow(first)
    with pytest.raises(DataFileError) as info:
        read_statements(broken, states, specs, parties)
    assert (info.value.row, info.value.column) == (2, "summary_es")
