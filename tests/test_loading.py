"""Malformed rule and data files fail on load, naming the file, the place in it and what was expected."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from treatyrules._answer.engine import Engine
from treatyrules._load import yaml_source
from treatyrules.errors import DataFileError, DefinitionError, RuleFileError


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _rewrite_csv(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _load(root: Path) -> Engine:
    return Engine(root / "rules", root / "fixtures")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)


# -- rule files ---------------------------------------------------------------------------------


def test_an_unknown_refusal_ground_names_file_line_and_rule(data_copy: Path) -> None:
    rules = data_copy / "rules" / "budapest.yaml"
    _edit(rules, "then: {refusal_ground: political_offence}\n", "then: {refusal_ground: political_offense}\n")

    with pytest.raises(RuleFileError) as info:
        _load(data_copy)

    err = info.value
    assert err.path.endswith("budapest.yaml")
    assert err.line == _line_of(rules, "political_offense")
    assert err.location.startswith("articles.27.rules[")
    assert "political_offence" in str(err)


def test_a_duplicated_article_is_refused(data_copy: Path) -> None:
    rules = data_copy / "rules" / "budapest.yaml"
    _edit(rules, '  "47":\n    title:\n      en: Denunciation', '  "29":\n    title:\n      en: Denunciation')

    with pytest.raises(RuleFileError, match=r"duplicate key '29' \(first defined on line \d+\)") as info:
        _load(data_copy)
    assert info.value.line == _line_of(rules, "en: Denunciation") - 2


def test_an_unknown_predicate_lists_the_known_ones(data_copy: Path) -> None:
    rules = data_copy / "rules" / "budapest.yaml"
    _edit(rules, "    when: {measure_is: expedited_preservation}\n", "    when: {measure_was: expedited_preservation}\n")

    with pytest.raises(RuleFileError, match="unknown predicate 'measure_was'; known: .*measure_is") as info:
        _load(data_copy)
    assert info.value.location == "articles.29.when"


def test_a_citation_to_an_article_the_file_does_not_encode(data_copy: Path) -> None:
    _edit(data_copy / "rules" / "budapest.yaml", 'cite: "47.2"', 'cite: "49.2"')

    with pytest.raises(RuleFileError, match="Article 49, which this file does not encode"):
        _load(data_copy)


def test_a_rule_that_concludes_nothing(data_copy: Path) -> None:
    _edit(data_copy / "rules" / "budapest.yaml", "        then: {dual_criminality: never}\n        interpretation:", "        interpretation:")

    with pytest.raises(RuleFileError, match="either 'then' .* or 'require'"):
        _load(data_copy)


def test_a_measure_neither_provided_nor_explained(data_copy: Path) -> None:
    rules = data_copy / "rules" / "budapest.yaml"
    text = rules.read_text(encoding="utf-8")
    text = re.sub(r"  video_conference:\n    cite: \"23\"\n    summary: [^\n]*\n", "", text)
    rules.write_text(text, encoding="utf-8")

    with pytest.raises(RuleFileError, match="measure 'video_conference' is neither provided"):
        _load(data_copy)


def test_a_ground_from_a_reservation_must_test_for_the_reservation(data_copy: Path) -> None:
    _edit(
        data_copy / "rules" / "budapest.yaml",
        "            - reservation: {of: requested, provision: \"29.4\"}\n            - not: {offence_in: arts_2_11}",
        "            - not: {offence_in: arts_2_11}",
    )

    with pytest.raises(RuleFileError, match="needs a 'reservation: {of: requested, ...}' test"):
        _load(data_copy)


def test_a_cycle_of_definitions(data_copy: Path) -> None:
    _edit(data_copy / "rules" / "budapest.yaml", "  article_27_applies:\n    mla_treaty: false", "  article_27_applies:\n    is: article_27_applies")

    with pytest.raises(RuleFileError, match="cycle: article_27_applies -> article_27_applies"):
        _load(data_copy)


def test_yaml_syntax_error_has_a_line(data_copy: Path) -> None:
    _edit(data_copy / "rules" / "budapest.yaml", "  depositary: Secretary General", "  depositary: [Secretary General")

    with pytest.raises(RuleFileError, match="not valid YAML") as info:
        _load(data_copy)
    assert info.value.line is not None


def test_an_article_number_with_a_trailing_zero_is_not_read_as_a_number(data_copy: Path) -> None:
    """``29.10`` must stay 29.10, not become the float 29.1."""
    _edit(data_copy / "rules" / "budapest.yaml", 'cite: "29.7"\n        summary:\n          en: Preservation lasts', "cite: 29.10\n        summary:\n          en: Preservation lasts")

    engine = _load(data_copy)

    rule = next(r for r in engine.rulebooks[next(iter(engine.rulebooks))].rules if r.id == "budapest.preservation.minimum_period")
    assert rule.cites == ("budapest 29.10",)


# -- data files ---------------------------------------------------------------------------------


def test_a_reservation_the_convention_does_not_permit(data_copy: Path) -> None:
    path = data_copy / "fixtures" / "reservations.csv"
    _rewrite_csv(path, lambda rows: rows.append({**rows[-1], "instrument": "budapest", "iso2": "ES", "state": "Spain", "article": "25.4", "kind": "reservation"}))

    with pytest.raises(DataFileError) as info:
        _load(data_copy)

    err = info.value
    assert err.path.endswith("reservations.csv")
    assert err.row == len(path.read_text(encoding="utf-8").splitlines())
    assert err.column == "article"
    assert "only under 4.2, 6.3, 9.4, 10.3, 11.3, 14.3, 22.2, 29.4, 41.1" in str(err)


def test_a_declaration_outside_article_40(data_copy: Path) -> None:
    path = data_copy / "fixtures" / "reservations.csv"
    _rewrite_csv(path, lambda rows: rows.append({**rows[-1], "instrument": "budapest", "iso2": "ES", "state": "Spain", "article": "29.4", "kind": "declaration"}))

    with pytest.raises(DataFileError, match="declarations only under 2, 3, 6.1.b, 7, 9.3, 27.9.e"):
        _load(data_copy)


def test_a_reservation_under_a_covered_provision_is_accepted(data_copy: Path) -> None:
    """Art 6.3 permits a reservation naming 6.1.b (Argentina's and Peru's are recorded that way)."""
    engine = _load(data_copy)

    assert any(s.iso2 == "AR" and s.provisions == ("6.1.b",) for s in engine.book.statement_rows)


def test_dates_out_of_order(data_copy: Path) -> None:
    path = data_copy / "fixtures" / "parties.csv"

    def change(rows):  # type: ignore[no-untyped-def]
        row = next(r for r in rows if r["instrument"] == "budapest" and r["iso2"] == "SE")
        row["consent_date"] = "2021-09-01"

    _rewrite_csv(path, change)

    with pytest.raises(DataFileError, match=r"\[entry_into_force\]: 2021-08-01 is before consent_date 2021-09-01") as info:
        _load(data_copy)
    assert info.value.row == _line_of(path, "Sweden")


def test_a_derived_date_that_contradicts_the_stated_one(data_copy: Path) -> None:
    path = data_copy / "fixtures" / "parties.csv"

    def change(rows):  # type: ignore[no-untyped-def]
        row = next(r for r in rows if r["instrument"] == "budapest" and r["iso2"] == "SE")
        row["entry_into_force"] = "2021-09-01"

    _rewrite_csv(path, change)

    with pytest.raises(DataFileError, match=r"contradicts the date derived from consent_date 2021-04-28 by budapest 36.4: 2021-08-01") as info:
        _load(data_copy)
    assert info.value.column == "entry_into_force"


def test_a_missing_entry_into_force_is_derived_and_marked(data_copy: Path) -> None:
    path = data_copy / "fixtures" / "parties.csv"

    def change(rows):  # type: ignore[no-untyped-def]
        row = next(r for r in rows if r["instrument"] == "budapest" and r["iso2"] == "SE")
        row["entry_into_force"] = ""

    _rewrite_csv(path, change)
    engine = _load(data_copy)
    answer = engine.answer(engine.query("ES", "SE", measure="general_mla", offence="computer_fraud", on="2021-08-01"))

    basis = answer.bases[0]
    assert basis.applicable is True
    facts = [f for r in basis.reasons for f in r.facts if f.text.startswith("SE:")]
    assert facts and facts[0].derived is True
    assert "derived from the ratification deposited on 2021-04-28 by budapest 36.4" in facts[0].text
    assert any("derived" in c.text and "SE" in c.text for c in answer.caveats)
    day_before = engine.answer(engine.query("ES", "SE", measure="general_mla", offence="computer_fraud", on="2021-07-31"))
    assert day_before.bases[0].applicable is False


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("iso2", "XX", "'XX' is not an ISO 3166-1 alpha-2 code"),
        ("signature", "2001-02-30", "'2001-02-30' is not a calendar date"),
        ("consent_kind", "ratified", "'ratified' is not allowed"),
        ("instrument", "budapest2", "unknown instrument 'budapest2'"),
        ("source_url", "", "is empty; expected a value"),
    ],
)
def test_malformed_party_cells(data_copy: Path, column: str, value: str, message: str) -> None:
    path = data_copy / "fixtures" / "parties.csv"

    def change(rows):  # type: ignore[no-untyped-def]
        next(r for r in rows if r["iso2"] == "AL")[column] = value

    _rewrite_csv(path, change)

    with pytest.raises(DataFileError) as info:
        _load(data_copy)
    assert message in str(info.value)
    assert info.value.column == column
    assert info.value.row == 2


def test_a_duplicated_party_row(data_copy: Path) -> None:
    path = data_copy / "fixtures" / "parties.csv"
    _rewrite_csv(path, lambda rows: rows.append(dict(rows[0])))

    with pytest.raises(DataFileError, match="AL already has a budapest row \\(row 2\\)"):
        _load(data_copy)


def test_a_statement_by_a_state_with_no_party_row(data_copy: Path) -> None:
    path = data_copy / "fixtures" / "reservations.csv"
    _rewrite_csv(path, lambda rows: rows.append({**rows[0], "iso2": "MX", "state": "Mexico"}))

    with pytest.raises(DataFileError, match="MX has no budapest row in the party data"):
        _load(data_copy)


def test_every_definition_error_is_a_treatyrules_error() -> None:
    assert issubclass(RuleFileError, DefinitionError)
    assert issubclass(DataFileError, DefinitionError)


def test_a_rule_text_without_its_spanish_names_file_line_and_key(data_copy: Path) -> None:
    _edit(data_copy / "rules" / "budapest.yaml", "    title:\n      en: Denunciation\n      es: Denuncia\n", "    title:\n      en: Denunciation\n")

    with pytest.raises(RuleFileError) as info:
        _load(data_copy)
    assert info.value.line is not None
    assert "47" in info.value.location and "title" in info.value.location


# -- the YAML reader -------------------------------------------------------------------------------

_ROOT = Path(__file__).resolve().parent.parent
_SHIPPED_YAML = sorted(
    [*(_ROOT / "rules").glob("*.yaml"), *(_ROOT / "fixtures" / "scenarios").glob("*.yaml"), *(_ROOT / "treatyrules" / "_data").rglob("*.yaml")]
)


@pytest.mark.parametrize("path", _SHIPPED_YAML, ids=lambda p: str(p.relative_to(_ROOT)))
def test_libyaml_and_pyyaml_read_every_shipped_file_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files are read from libyaml's events (docs/decisions/0006-libyaml-events.md); what
    they say and where each value is written must be what PyYAML's own reader finds."""
    if len(yaml_source._LOADERS) < 2:
        pytest.skip("PyYAML without libyaml: only its own reader is used")
    text = path.read_text(encoding="utf-8")
    fast = yaml_source.parse_yaml(text, str(path))
    monkeypatch.setattr(yaml_source, "_LOADERS", (yaml_source._PlainLoader,))
    plain = yaml_source.parse_yaml(text, str(path))
    assert fast.data == plain.data
    assert fast.positions == plain.positions


def test_a_text_libyaml_refuses_is_read_as_pyyaml_reads_it() -> None:
    """libyaml refuses a surrogate-pair escape; PyYAML reads it, and the pair is one character."""
    text = 'title: "Protocolo \\ud83d\\ude00"\n'
    if len(yaml_source._LOADERS) == 2:
        with pytest.raises(yaml.YAMLError):
            yaml.compose(text, Loader=yaml_source._LOADERS[0])
    doc = yaml_source.parse_yaml(text, "t.yaml")
    assert doc.data == {"title": "Protocolo \U0001f600"}
    assert doc.position(("title",)) == (1, 8)
