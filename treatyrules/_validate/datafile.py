"""Party-status, statement, authority and coverage data, validated row by row.

Every rejected row names its file, row and column. Checks made here:

* tags, ISO codes and dates are well formed; an empty cell stays ``None``
  (unknown), it never becomes "no";
* dates are in an order that makes sense (signature <= consent <= entry into
  force <= withdrawal; a statement takes effect before it is withdrawn);
* a reservation or declaration is one the treaty permits (Budapest Art 42 and
  Art 40 are closed lists), made by a State that has a row for that treaty.

Entry-into-force dates derived from a deposit are checked against stated ones
in ``_facts.status``, which owns the derivation.

The messages of the errors come from the ``data`` catalogue, rendered in the
language in use when the error is read. Texts of the data themselves (a
statement's summary) are held as bilingual ``Text``: ``reservations.csv`` gives a
statement's summary in English (``summary``) and Spanish (``summary_es``), and an
empty Spanish summary is refused.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from treatyrules._i18n import Text
from treatyrules._load.paths import display
from treatyrules._validate.rulefile import RuleFile, article_of, is_article_id
from treatyrules.errors import DataFileError, Message
from treatyrules.vocabulary import Confidence, Instrument

CONSENT_KINDS = ("ratification", "acceptance", "approval", "accession")
STATEMENT_KINDS = ("reservation", "declaration", "notification", "territorial", "interpretative_declaration", "")
AUTHORITY_ROLES = ("central_authority", "point_of_contact_24_7", "extradition_authority", "order_authority")
# An authority row's confidence: "medium" marks a designation read from a copy or other secondary source.
AUTHORITY_CONFIDENCE = ("high", "medium", "verify")

PARTY_COLUMNS = (
    "instrument", "state", "iso2", "signature", "consent_date", "consent_kind",
    "entry_into_force", "withdrawn", "source_url", "as_of", "notes",
)
STATEMENT_COLUMNS = (
    "instrument", "state", "iso2", "article", "kind", "summary", "summary_es", "effective", "withdrawn",
    "source_url", "as_of", "filed_as", "confidence", "note",
)
AUTHORITY_COLUMNS = (
    "instrument", "iso2", "role", "name", "articles", "effective", "source_url", "as_of", "confidence", "note",
    "address", "until",
)
COVERAGE_COLUMNS = ("instrument", "iso2", "subject", "complete", "as_of", "source_url", "note")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class PartyRow:
    instrument: Instrument
    iso2: str
    state_name: str
    signature: date | None
    consent_date: date | None
    consent_kind: str | None
    entry_into_force: date | None
    withdrawn: date | None
    source_url: str
    as_of: date | None
    notes: str
    where: str
    hypothetical: str | None = None


@dataclass(frozen=True)
class StatementRow:
    instrument: Instrument
    iso2: str
    provisions: tuple[str, ...]
    kind: str
    summary: Text
    effective: date | None
    withdrawn: date | None
    source_url: str
    filed_as: str
    confidence: Confidence
    note: str
    where: str
    hypothetical: str | None = None
    #: the date the source gives its status at (None: the source gives none)
    as_of: date | None = None

    def in_effect_on(self, on: date) -> bool:
        """Whether the statement applies on ``on``: from ``effective`` (open if unknown) to before ``withdrawn``."""
        return (self.effective is None or self.effective <= on) and (self.withdrawn is None or on < self.withdrawn)


@dataclass(frozen=True)
class AuthorityRow:
    instrument: Instrument
    iso2: str
    role: str
    name: str
    articles: tuple[str, ...]
    effective: date | None
    source_url: str
    as_of: date | None
    confidence: str
    note: str
    where: str
    address: str = ""
    until: date | None = None

    def in_force_on(self, on: date) -> bool:
        """Whether the designation covers ``on``: from ``effective`` (open if unknown) to before ``until``."""
        return (self.effective is None or self.effective <= on) and (self.until is None or on < self.until)


@dataclass(frozen=True)
class CoverageRow:
    instrument: Instrument
    iso2: str
    subject: str
    complete: bool
    as_of: date | None
    source_url: str
    note: str
    where: str


class _Row:
    """One CSV row with helpers that raise ``DataFileError`` naming the cell."""

    def __init__(self, path: str, number: int, cells: Mapping[str, str]) -> None:
        self.path = path
        self.number = number
        self.cells = cells

    def fail(self, column: str, message: str | Message) -> DataFileError:
        return DataFileError(self.path, message, row=self.number, column=column)

    def text(self, column: str, *, required: bool = False) -> str:
        value = (self.cells.get(column) or "").strip()
        if required and not value:
            raise self.fail(column, Message("data.empty_cell"))
        return value

    def date(self, column: str) -> date | None:
        value = self.text(column)
        if not value:
            return None
        if not _DATE_RE.match(value):
            raise self.fail(column, Message("data.not_a_date", value=value))
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(column, Message("data.not_a_calendar_date", value=value)) from None

    def choice(self, column: str, allowed: tuple[str, ...]) -> str:
        value = self.text(column)
        if value not in allowed:
            raise self.fail(column, Message("data.not_allowed", value=value, allowed=_choices(allowed)))
        return value

    def instrument(self) -> Instrument:
        value = self.text("instrument", required=True)
        try:
            return Instrument(value)
        except ValueError:
            known = ", ".join(i.value for i in Instrument)
            raise self.fail("instrument", Message("data.unknown_instrument", value=value, known=known)) from None

    def state(self, states: Mapping[str, object]) -> str:
        value = self.text("iso2", required=True)
        if value not in states:
            raise self.fail("iso2", Message("data.not_iso", value=value))
        return value

    def confidence(self) -> Confidence:
        value = self.text("confidence") or "high"
        try:
            return Confidence(value)
        except ValueError:
            raise self.fail("confidence", Message("data.bad_confidence", value=value)) from None

    def provisions(self, column: str) -> tuple[str, ...]:
        value = self.text(column)
        if not value:
            return ()
        parts = tuple(p.strip() for p in value.split(";"))
        for part in parts:
            if not is_article_id(part):
                raise self.fail(column, Message("data.not_a_provision", value=part))
        return parts


def _choices(allowed: tuple[str, ...]) -> Text:
    """``'a', 'b'`` in English, ``«a», «b»`` in Spanish."""
    return Text(en=", ".join(repr(a) for a in allowed), es=", ".join(f"«{a}»" for a in allowed))


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[_Row]:
    shown = display(path)
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle]
    body = [(n, line) for n, line in enumerate(lines, start=1) if not line.startswith("#")]
    reader = csv.reader([line for _, line in body])
    numbers = [n for n, _ in body]
    try:
        header = next(reader)
    except StopIteration:
        raise DataFileError(shown, Message("data.empty_file")) from None
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing or extra:
        raise DataFileError(
            shown,
            Message("data.bad_header", missing=missing, extra=extra, columns=", ".join(columns)),
            row=numbers[0],
        )
    for index, cells in enumerate(reader, start=1):
        number = numbers[reader.line_num - 1] if reader.line_num - 1 < len(numbers) else numbers[-1]
        if len(cells) != len(header):
            raise DataFileError(shown, Message("data.cell_count", count=len(cells), expected=len(header)), row=number)
        del index
        yield _Row(shown, number, dict(zip(header, cells, strict=True)))


def _ordered(row: _Row, pairs: list[tuple[str, date | None, str, date | None]]) -> None:
    for first_name, first, second_name, second in pairs:
        if first is not None and second is not None and second < first:
            raise row.fail(second_name, Message("data.out_of_order", second=second, first_name=first_name, first=first))


def read_parties(path: Path, states: Mapping[str, object]) -> list[PartyRow]:
    out: list[PartyRow] = []
    seen: dict[tuple[Instrument, str], int] = {}
    for row in _rows(path, PARTY_COLUMNS):
        instrument = row.instrument()
        iso2 = row.state(states)
        if (instrument, iso2) in seen:
            raise row.fail("iso2", Message("data.duplicate_row", iso2=iso2, instrument=instrument.value, row=seen[(instrument, iso2)]))
        seen[(instrument, iso2)] = row.number
        kind = row.choice("consent_kind", CONSENT_KINDS + ("",))
        party = PartyRow(
            instrument=instrument,
            iso2=iso2,
            state_name=row.text("state", required=True),
            signature=row.date("signature"),
            consent_date=row.date("consent_date"),
            consent_kind=kind or None,
            entry_into_force=row.date("entry_into_force"),
            withdrawn=row.date("withdrawn"),
            source_url=row.text("source_url", required=True),
            as_of=row.date("as_of"),
            notes=row.text("notes"),
            where=f"{row.path}:{row.number}",
        )
        _ordered(
            row,
            [
                ("signature", party.signature, "consent_date", party.consent_date),
                ("consent_date", party.consent_date, "entry_into_force", party.entry_into_force),
                ("signature", party.signature, "entry_into_force", party.entry_into_force),
                ("consent_date", party.consent_date, "withdrawn", party.withdrawn),
            ],
        )
        out.append(party)
    return out


def check_statement(
    statement: StatementRow,
    book: RuleFile,
    parties: Mapping[tuple[Instrument, str], object],
    fail: DataFileErrorFactory,
) -> None:
    """Reject a statement the treaty does not permit, or one by a State with no row."""
    instrument = statement.instrument
    if (instrument, statement.iso2) not in parties:
        raise fail("iso2", Message("data.statement_without_party", iso2=statement.iso2, instrument=instrument.value))
    articles_in_treaty = book.instrument.articles_in_treaty
    for provision in statement.provisions:
        leading = re.match(r"\d+", provision)
        if leading is None:
            raise fail("article", Message("data.not_an_article", provision=provision))
        if int(leading.group()) > articles_in_treaty:
            raise fail("article", Message("data.no_such_article", instrument=instrument.value, count=articles_in_treaty, article=article_of(provision)))
    kind = statement.kind
    if kind == "reservation":
        regime = book.reservations
        if regime.closed_list:
            for provision in statement.provisions:
                if not _permitted_reservation(provision, book):
                    allowed = ", ".join(regime.permitted)
                    raise fail(
                        "article",
                        Message("data.reservation_not_permitted", provision=provision, instrument=instrument.value, cite=regime.cite, allowed=allowed),
                    )
    elif kind == "declaration":
        regime_d = book.declarations
        if regime_d.closed_list:
            for provision in statement.provisions:
                if provision not in regime_d.permitted:
                    allowed = ", ".join(regime_d.permitted)
                    raise fail(
                        "article",
                        Message("data.declaration_not_permitted", provision=provision, instrument=instrument.value, cite=regime_d.cite, allowed=allowed),
                    )
    elif kind == "notification":
        for provision in statement.provisions:
            if not any(n == provision or n.startswith(provision + ".") or provision.startswith(n + ".") for n in book.notifications):
                allowed = ", ".join(book.notifications)
                raise fail("article", Message("data.not_a_designation", provision=provision, instrument=instrument.value, allowed=allowed))
    elif kind == "territorial":
        for provision in statement.provisions:
            if article_of(provision) not in {article_of(t) for t in book.territorial}:
                allowed = ", ".join(book.territorial)
                raise fail("article", Message("data.not_territorial", provision=provision, instrument=instrument.value, allowed=allowed))
    if statement.effective and statement.withdrawn and statement.withdrawn < statement.effective and kind != "reservation":
        raise fail("withdrawn", Message("data.withdrawn_before_effective", withdrawn=statement.withdrawn, effective=statement.effective))


class DataFileErrorFactory:
    def __init__(self, row: _Row) -> None:
        self._row = row

    def __call__(self, column: str, message: str | Message) -> DataFileError:
        return self._row.fail(column, message)


def _permitted_reservation(provision: str, book: RuleFile) -> bool:
    for paragraph, permitted in book.reservations.permitted.items():
        if provision == paragraph:
            return True
        for covered in permitted.covers:
            if provision == covered or provision.startswith(covered + "."):
                return True
    return False


def reservation_basis(provision: str, book: RuleFile) -> str | None:
    """The paragraph that permits a reservation naming ``provision`` (e.g. 6.1.b -> 6.3)."""
    for paragraph, permitted in book.reservations.permitted.items():
        if provision == paragraph or any(provision == c or provision.startswith(c + ".") for c in permitted.covers):
            return paragraph
    return None


def read_statements(
    path: Path,
    states: Mapping[str, object],
    books: Mapping[Instrument, RuleFile],
    parties: Mapping[tuple[Instrument, str], object],
) -> list[StatementRow]:
    out: list[StatementRow] = []
    for row in _rows(path, STATEMENT_COLUMNS):
        instrument = row.instrument()
        statement = StatementRow(
            instrument=instrument,
            iso2=row.state(states),
            provisions=row.provisions("article"),
            kind=row.choice("kind", STATEMENT_KINDS),
            summary=Text(en=row.text("summary", required=True), es=row.text("summary_es", required=True)),
            effective=row.date("effective"),
            withdrawn=row.date("withdrawn"),
            source_url=row.text("source_url", required=True),
            filed_as=row.text("filed_as"),
            confidence=row.confidence(),
            note=row.text("note"),
            where=f"{row.path}:{row.number}",
            as_of=row.date("as_of"),
        )
        if statement.kind in ("reservation", "declaration", "notification", "territorial") and not statement.provisions:
            if statement.kind != "declaration" or statement.confidence is not Confidence.VERIFY:
                raise row.fail("article", Message("data.needs_provision", kind=Message(f"facts.statement_kind.{statement.kind}")))
        book = books.get(instrument)
        if book is not None:
            check_statement(statement, book, parties, DataFileErrorFactory(row))
        out.append(statement)
    return out


def read_authorities(path: Path, states: Mapping[str, object]) -> list[AuthorityRow]:
    out: list[AuthorityRow] = []
    for row in _rows(path, AUTHORITY_COLUMNS):
        out.append(
            AuthorityRow(
                instrument=row.instrument(),
                iso2=row.state(states),
                role=row.choice("role", AUTHORITY_ROLES),
                name=row.text("name", required=True),
                articles=row.provisions("articles"),
                effective=row.date("effective"),
                source_url=row.text("source_url", required=True),
                as_of=row.date("as_of"),
                confidence=row.choice("confidence", AUTHORITY_CONFIDENCE),
                note=row.text("note"),
                where=f"{row.path}:{row.number}",
                address=row.text("address"),
                until=row.date("until"),
            )
        )
        _ordered(row, [("effective", out[-1].effective, "until", out[-1].until)])
    return out


def read_coverage(path: Path, states: Mapping[str, object]) -> list[CoverageRow]:
    out: list[CoverageRow] = []
    for row in _rows(path, COVERAGE_COLUMNS):
        iso2 = row.text("iso2", required=True)
        if iso2 != "*":
            iso2 = row.state(states)
        out.append(
            CoverageRow(
                instrument=row.instrument(),
                iso2=iso2,
                subject=row.choice("subject", ("parties", "reservations", "declarations")),
                complete=row.choice("complete", ("yes", "no")) == "yes",
                as_of=row.date("as_of"),
                source_url=row.text("source_url", required=True),
                note=row.text("note"),
                where=f"{row.path}:{row.number}",
            )
        )
    return out


def read_states(path: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for row in _rows(path, ("iso2", "name_en", "name_es")):
        out[row.text("iso2", required=True)] = (row.text("name_en", required=True), row.text("name_es", required=True))
    return out
