"""The checks of ``treatyrules lint`` that go beyond what loading needs.

Loading stops at the first bad cell; lint reads every row of every data file and
collects every defect, each a ``DataFileError`` or ``RuleFileError`` naming the file,
the row or line, and what was expected. Checks:

* every date parses and is a day of the calendar;
* a Party's entry into force is the one its instrument's entry-into-force clause gives
  for its deposit (the derivation is passed in: ``_facts.status`` owns it), and a
  withdrawal comes after the consent;
* a statement's period lies inside the State's membership, and a designation takes
  effect neither before the State's consent nor after it ends;
* no two rows of a file have the same key;
* an ISO 3166-1 code exists (``pycountry``) and matches the State's name as the row spells
  it (the depositaries' spellings are in ``_data/state_aliases.csv``);
* every row has a source (a URL, or ``seed <file>``) and a confidence from the closed set;
* a rule file's citations name an article, paragraph and letter the instrument has
  (``_data/articles.yaml``; where the structure is unknown the citation is not checked,
  and lint says so when asked to be verbose).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry
import yaml

from treatyrules._load.paths import package_data_dir
from treatyrules._validate.datafile import (
    AUTHORITY_COLUMNS,
    AUTHORITY_CONFIDENCE,
    COVERAGE_COLUMNS,
    PARTY_COLUMNS,
    STATEMENT_COLUMNS,
    _choices,
    _Row,
    _rows,
)
from treatyrules._validate.rulefile import RuleFile, split_cite
from treatyrules.errors import DataFileError, DefinitionError, Message, RuleFileError
from treatyrules.vocabulary import Confidence, Instrument

#: (instrument, consent date, consent kind) -> the State's own entry into force and its article
OwnEntryIntoForce = Callable[[Instrument, date, str | None], tuple[date, str] | None]
Location = tuple[str | int, ...]

_SOURCE = re.compile(r"^(https?://\S+|seed \S+)$")
_ROMAN = re.compile(r"^(i|ii|iii|iv|v|vi|vii|viii|ix|x)$")
# Codes outside ISO 3166-1 proper that the data may use, with why.
_RESERVED = {"EU": "exceptionally reserved ISO 3166-1 code; the EU may join the UN Convention (Art 64)"}

_FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # file -> (columns, the columns that make a row's key)
    "parties.csv": (PARTY_COLUMNS, ("instrument", "iso2")),
    "reservations.csv": (STATEMENT_COLUMNS, ("instrument", "iso2", "article", "kind", "effective", "summary")),
    "authorities.csv": (AUTHORITY_COLUMNS, ("instrument", "iso2", "role", "name", "effective")),
    "coverage.csv": (COVERAGE_COLUMNS, ("instrument", "iso2", "subject")),
}
_DATES = ("signature", "consent_date", "entry_into_force", "withdrawn", "as_of", "effective", "until")


@dataclass(frozen=True)
class _Party:
    consent: date | None
    entry_into_force: date | None
    withdrawn: date | None
    row: int


def _fold(name: str) -> str:
    """A name compared without case, accents, apostrophe styles or punctuation."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain.casefold()).strip()


@lru_cache(maxsize=1)
def _aliases() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    path = package_data_dir() / "state_aliases.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for cells in csv.DictReader(line for line in handle if not line.startswith("#")):
            out.setdefault(cells["iso2"], set()).add(_fold(cells["name"]))
    return {k: frozenset(v) for k, v in out.items()}


def state_names(iso2: str, states: Mapping[str, tuple[str, str]]) -> frozenset[str]:
    """Every spelling accepted for ``iso2``, folded: ISO 3166, CLDR (en, es) and the aliases."""
    names: set[str] = set(_aliases().get(iso2, ()))
    country = pycountry.countries.get(alpha_2=iso2)
    if country is not None:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(_fold(value))
    for value in states.get(iso2, ()):
        names.add(_fold(value))
    return frozenset(names)


def _check_cell(findings: list[DefinitionError], check: Callable[[], object]) -> object:
    try:
        return check()
    except DataFileError as exc:
        findings.append(exc)
        return None


def _date(row: _Row, column: str, findings: list[DefinitionError]) -> date | None:
    if column not in row.cells:
        return None
    value = _check_cell(findings, lambda: row.date(column))
    return value if isinstance(value, date) else None


def _instrument(row: _Row, findings: list[DefinitionError]) -> Instrument | None:
    value = _check_cell(findings, row.instrument)
    return value if isinstance(value, Instrument) else None


def _read(path: Path, columns: tuple[str, ...], findings: list[DefinitionError]) -> list[_Row]:
    out: list[_Row] = []
    try:
        for row in _rows(path, columns):
            out.append(row)
    except DataFileError as exc:
        findings.append(exc)
    return out


def lint_data(
    folder: Path,
    states: Mapping[str, tuple[str, str]],
    books: Mapping[Instrument, RuleFile],
    own_entry_into_force: OwnEntryIntoForce,
) -> list[DefinitionError]:
    """Every defect in the data files of ``folder`` (those of the four that exist)."""
    findings: list[DefinitionError] = []
    rows: dict[str, list[_Row]] = {}
    for name, (columns, key) in _FILES.items():
        path = folder / name
        if not path.is_file():
            continue
        rows[name] = _read(path, columns, findings)
        _common(rows[name], key, states, findings)
    parties = _parties(rows.get("parties.csv", []), books, own_entry_into_force, findings)
    _statements(rows.get("reservations.csv", []), parties, findings)
    _authorities(rows.get("authorities.csv", []), parties, findings)
    return findings


def _common(rows: list[_Row], key: tuple[str, ...], states: Mapping[str, tuple[str, str]], findings: list[DefinitionError]) -> None:
    seen: dict[tuple[str, ...], int] = {}
    for row in rows:
        for column in _DATES:
            _date(row, column, findings)
        _instrument(row, findings)
        source = row.text("source_url")
        if not _SOURCE.match(source):
            findings.append(row.fail("source_url", Message("data.lint.no_source", value=source)))
        if "confidence" in row.cells:
            allowed = AUTHORITY_CONFIDENCE if "role" in row.cells else tuple(c.value for c in Confidence)
            value = row.text("confidence")
            if value and value not in allowed:
                findings.append(row.fail("confidence", Message("data.not_allowed", value=value, allowed=_choices(allowed))))
        _iso(row, states, findings)
        values = tuple(row.text(c) for c in key)
        if values in seen:
            findings.append(row.fail(key[-1], Message("data.lint.duplicate", key=", ".join(key), values=", ".join(values), first=seen[values])))
        else:
            seen[values] = row.number


def _iso(row: _Row, states: Mapping[str, tuple[str, str]], findings: list[DefinitionError]) -> None:
    iso2 = row.text("iso2")
    if iso2 == "*" and "subject" in row.cells:
        return
    if pycountry.countries.get(alpha_2=iso2) is None and iso2 not in _RESERVED:
        findings.append(row.fail("iso2", Message("data.lint.not_iso", value=iso2)))
        return
    name = row.text("state")
    if "state" in row.cells and name and _fold(name) not in state_names(iso2, states):
        expected = states.get(iso2, (iso2, iso2))[0]
        findings.append(row.fail("state", Message("data.lint.state_mismatch", name=name, iso2=iso2, expected=expected)))


def _parties(
    rows: list[_Row], books: Mapping[Instrument, RuleFile], own: OwnEntryIntoForce, findings: list[DefinitionError]
) -> dict[tuple[Instrument, str], _Party]:
    out: dict[tuple[Instrument, str], _Party] = {}
    for row in rows:
        instrument = _instrument_quiet(row)
        if instrument is None:
            continue
        consent = _quiet_date(row, "consent_date")
        stated = _quiet_date(row, "entry_into_force")
        withdrawn = _quiet_date(row, "withdrawn")
        out.setdefault((instrument, row.text("iso2")), _Party(consent, stated, withdrawn, row.number))
        if consent is not None and withdrawn is not None and withdrawn <= consent:
            findings.append(row.fail("withdrawn", Message("data.lint.withdrawn_before_consent", withdrawn=withdrawn, consent=consent)))
        book = books.get(instrument)
        if book is None or consent is None or stated is None:
            continue
        derived = own(instrument, consent, row.text("consent_kind") or None)
        if derived is None:
            continue
        day, cite = derived
        floor = book.entry_into_force.treaty.known_date
        if floor is None:
            # the instrument's own entry into force is not on record: the State's date is not derivable
            continue
        expected = max(day, floor)
        if stated != expected:
            findings.append(
                row.fail(
                    "entry_into_force",
                    Message(
                        "data.lint.entry_into_force", stated=stated, consent=consent, expected=expected,
                        instrument=instrument.value, cite=cite, treaty_cite=book.entry_into_force.treaty.cite, floor=floor,
                    ),
                )
            )
    return out


def _instrument_quiet(row: _Row) -> Instrument | None:
    try:
        return row.instrument()
    except DataFileError:
        return None


def _quiet_date(row: _Row, column: str) -> date | None:
    if column not in row.cells:
        return None
    try:
        return row.date(column)
    except DataFileError:
        return None


def _statements(rows: list[_Row], parties: Mapping[tuple[Instrument, str], _Party], findings: list[DefinitionError]) -> None:
    for row in rows:
        if "summary_es" in row.cells and not row.text("summary_es"):
            findings.append(row.fail("summary_es", Message("data.empty_cell")))
        instrument = _instrument_quiet(row)
        party = parties.get((instrument, row.text("iso2"))) if instrument is not None else None
        effective = _quiet_date(row, "effective")
        withdrawn = _quiet_date(row, "withdrawn")
        if party is None:
            if parties and instrument is not None:
                findings.append(row.fail("iso2", Message("data.statement_without_party", iso2=row.text("iso2"), instrument=instrument.value)))
            continue
        if effective is not None and party.entry_into_force is not None and effective < party.entry_into_force:
            findings.append(row.fail("effective", Message("data.lint.statement_before_membership", effective=effective, eif=party.entry_into_force, row=party.row)))
        if effective is not None and party.withdrawn is not None and effective > party.withdrawn:
            findings.append(row.fail("effective", Message("data.lint.statement_after_membership", effective=effective, withdrawn=party.withdrawn, row=party.row)))
        if effective is not None and withdrawn is not None and withdrawn < effective:
            findings.append(row.fail("withdrawn", Message("data.withdrawn_before_effective", withdrawn=withdrawn, effective=effective)))
        if withdrawn is not None and party.withdrawn is not None and withdrawn > party.withdrawn:
            # a statement cannot outlive the State's membership: its period ends with it
            findings.append(row.fail("withdrawn", Message("data.lint.period_outlasts_membership", end=withdrawn, withdrawn=party.withdrawn, row=party.row)))


def _authorities(rows: list[_Row], parties: Mapping[tuple[Instrument, str], _Party], findings: list[DefinitionError]) -> None:
    for row in rows:
        instrument = _instrument_quiet(row)
        effective = _quiet_date(row, "effective")
        until = _quiet_date(row, "until")
        if effective is not None and until is not None and until <= effective:
            findings.append(row.fail("until", Message("data.lint.until_before_effective", until=until, effective=effective)))
        party = parties.get((instrument, row.text("iso2"))) if instrument is not None else None
        if party is None:
            if parties and instrument is not None:
                findings.append(row.fail("iso2", Message("data.lint.designation_without_party", iso2=row.text("iso2"), instrument=instrument.value)))
            continue
        if effective is not None and party.consent is not None and effective < party.consent:
            findings.append(row.fail("effective", Message("data.lint.designation_before_consent", effective=effective, consent=party.consent, row=party.row)))
        if effective is not None and party.withdrawn is not None and effective > party.withdrawn:
            findings.append(row.fail("effective", Message("data.lint.designation_after_withdrawal", effective=effective, withdrawn=party.withdrawn, row=party.row)))
        if until is not None and party.withdrawn is not None and until > party.withdrawn:
            findings.append(row.fail("until", Message("data.lint.period_outlasts_membership", end=until, withdrawn=party.withdrawn, row=party.row)))


# --- citations -------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleShape:
    paragraphs: int
    letters: Mapping[int, str]


@dataclass(frozen=True)
class Structure:
    """The paragraphs and letters of each article whose text is on record, per instrument."""

    articles: Mapping[str, Mapping[str, ArticleShape]]
    sources: Mapping[str, str]
    path: str


def load_structure(path: Path | None = None) -> Structure:
    path = path or package_data_dir() / "articles.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        articles = {
            str(instrument): {
                str(article): ArticleShape(int(shape["paragraphs"]), {int(p): str(letter) for p, letter in (shape.get("letters") or {}).items()})
                for article, shape in (body.get("articles") or {}).items()
            }
            for instrument, body in raw.items()
        }
        sources = {str(instrument): str(body.get("source", "")) for instrument, body in raw.items()}
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise RuleFileError(str(path), Message("rules.errors.invalid_yaml", error=str(exc))) from None
    return Structure(articles, sources, str(path))


def check_citation(ref: str, own: str, structure: Structure) -> Message | None | bool:
    """A ``Message`` if ``ref`` names a provision the instrument does not have; ``False`` if
    the instrument's structure for that article is unknown (cannot check); ``None`` if fine."""
    try:
        named, provision = split_cite(ref)
    except ValueError:
        return None  # loading reports a malformed citation
    instrument = named or own
    if provision == "preamble":
        return None
    parts = provision.split(".")
    article = re.match(r"\d+", parts[0])
    shape = structure.articles.get(instrument, {}).get(parts[0])
    if shape is None or article is None:
        return False
    paragraph = 0
    lettered = False
    for part in parts[1:]:
        if lettered and _ROMAN.match(part):
            continue  # sub-items (i), (ii) of a letter are not recorded
        if part.isdigit():
            if paragraph:
                return Message("rules.lint.no_such_subparagraph", instrument=instrument, provision=provision)
            paragraph = int(part)
            if paragraph > shape.paragraphs:
                if shape.paragraphs == 0:
                    return Message("rules.lint.no_paragraphs", instrument=instrument, article=parts[0], provision=provision)
                return Message("rules.lint.no_such_paragraph", instrument=instrument, article=parts[0], count=shape.paragraphs, provision=provision)
        else:
            lettered = True
            last = shape.letters.get(paragraph)
            where = f"{parts[0]}.{paragraph}" if paragraph else parts[0]
            if last is None:
                return Message("rules.lint.no_letters", instrument=instrument, where=where, provision=provision)
            if part > last or len(part) > 1:
                return Message("rules.lint.no_such_letter", instrument=instrument, where=where, last=last, provision=provision)
    return None


def lint_citations(
    cites: Iterable[tuple[Location, str]],
    own: Instrument,
    structure: Structure,
    error: Callable[[Location, Message], RuleFileError],
) -> tuple[list[DefinitionError], list[RuleFileError]]:
    """(defects, citations that cannot be checked), each located in the rule file."""
    defects: list[DefinitionError] = []
    unchecked: list[RuleFileError] = []
    for loc, ref in cites:
        result = check_citation(ref, own.value, structure)
        if isinstance(result, Message):
            defects.append(error(loc, result))
        elif result is False:
            named, _ = split_cite(ref)
            unchecked.append(error(loc, Message("rules.lint.structure_unknown", cite=ref, instrument=named or own.value)))
    return defects, unchecked
