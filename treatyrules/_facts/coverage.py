"""What the data know about each Party, what is confirmed complete, and what is missing.

One ``PartyCoverage`` per row of ``fixtures/parties.csv`` (a State and an instrument): the
dates on record (signature, consent, entry into force, withdrawal), the statements on
record, the office named for each role the instrument has States designate, whether its
statement lists are confirmed complete (``fixtures/coverage.csv``), the oldest as-of date
among its rows, and the facts still missing, so that an analyst knows where to look next.

Missing means: a cell the law says must have a value for this State that the data leave
empty. A State that only signed has no consent to miss; an entry into force that waits on
the instrument's own entry into force is not missing either. Dates the engine derives (an
entry into force from a deposit) are reported as derived, not as read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from treatyrules._facts.status import NEVER, StatusBook
from treatyrules._validate.datafile import AuthorityRow
from treatyrules.vocabulary import Instrument

DESIGNATIONS: dict[Instrument, tuple[tuple[str, str], ...]] = {
    Instrument.BUDAPEST: (("central_authority", "27.2"), ("point_of_contact_24_7", "35"), ("extradition_authority", "24.7")),
    Instrument.SECOND_PROTOCOL: (("order_authority", "8.10"),),
    Instrument.COMJIB: (("central_authority", "8"),),
    Instrument.UN_CYBERCRIME: (("central_authority", "40"), ("point_of_contact_24_7", "41")),
}
"""The offices each instrument has its Parties designate (role, article), as the rule files
cite them: Budapest Arts 27.2, 35 and 24.7; Second Protocol Art 8.10; COMJIB Art 8; UN
Convention Arts 40 and 41."""

_RATIFY = ("ratification", "acceptance", "approval")
"""Consents that follow a signature (an accession does not)."""


@dataclass(frozen=True)
class Designation:
    role: str
    article: str
    name: str | None
    """The office named (the designation in force now, else the latest); None if none on record."""
    where: str | None


@dataclass(frozen=True)
class ListCoverage:
    subject: str
    """``reservations`` or ``declarations``."""
    complete: bool | None
    """True: confirmed complete; False: known to be cut off; None: not known."""
    as_of: date | None
    where: str | None


@dataclass(frozen=True)
class PartyCoverage:
    instrument: Instrument
    iso2: str
    signature: date | None
    consent: date | None
    consent_kind: str | None
    entry_into_force: date | None
    entry_into_force_derived: bool
    withdrawal: date | None
    consented: bool
    reservations: int
    declarations: int
    other_statements: int
    designations: tuple[Designation, ...]
    lists: tuple[ListCoverage, ...]
    oldest_as_of: date | None
    oldest_as_of_where: str | None
    missing: tuple[str, ...]
    """Stable codes: ``signature_date``, ``consent_date``, ``entry_into_force_date``,
    ``as_of_date``, ``authority:<role>``, ``reservations_list``, ``declarations_list``."""
    where: str

    @property
    def statements(self) -> int:
        return self.reservations + self.declarations + self.other_statements


@dataclass(frozen=True)
class InstrumentCoverage:
    instrument: Instrument
    parties_complete: bool
    parties_as_of: date | None
    parties: tuple[PartyCoverage, ...]


def _named(rows: list[AuthorityRow], today: date) -> AuthorityRow | None:
    if not rows:
        return None
    current = [a for a in rows if a.in_force_on(today)]
    return max(current or rows, key=lambda a: (a.effective or date.min, a.until or NEVER))


def data_coverage(book: StatusBook, instruments: tuple[Instrument, ...] | None = None, *, today: date | None = None) -> tuple[InstrumentCoverage, ...]:
    """The coverage of the real rows of ``book`` (hypothetical rows are left out), per instrument."""
    today = today or date.today()
    chosen = instruments if instruments is not None else tuple(i for i in Instrument if i in book.books)
    statements: dict[tuple[Instrument, str], list[str]] = {}
    for s in book.statement_rows:
        if s.hypothetical is None:
            statements.setdefault((s.instrument, s.iso2), []).append(s.kind)
    authorities: dict[tuple[Instrument, str, str], list[AuthorityRow]] = {}
    for a in book.authority_rows:
        authorities.setdefault((a.instrument, a.iso2, a.role), []).append(a)
    lists = {(c.instrument, c.iso2, c.subject): c for c in book.coverage_rows}
    out = []
    for instrument in chosen:
        treaty = book.treaty.get(instrument)
        waiting = treaty is not None and treaty.window.lo == NEVER
        parties = []
        for (inst, iso2), row in sorted(book.party_rows.items(), key=lambda item: item[0][1]):
            if inst is not instrument or row.hypothetical is not None:
                continue
            status = book.status.get((inst, iso2))
            consented = row.consent_date is not None or row.consent_kind is not None or row.entry_into_force is not None
            eif, derived = row.entry_into_force, False
            if eif is None and status is not None and status.window.hi is not None and status.window.lo == status.window.hi:
                eif, derived = status.window.hi, True
            kinds = statements.get((inst, iso2), [])
            designations = []
            dated: list[tuple[date, str]] = [(row.as_of, row.where)] if row.as_of is not None else []
            missing: list[str] = []
            if row.consent_kind in _RATIFY and row.signature is None:
                missing.append("signature_date")
            if consented and row.consent_date is None:
                missing.append("consent_date")
            if consented and eif is None and not waiting:
                missing.append("entry_into_force_date")
            if row.as_of is None:
                missing.append("as_of_date")
            for role, article in DESIGNATIONS.get(instrument, ()):
                rows = authorities.get((inst, iso2, role), [])
                dated.extend((a.as_of, a.where) for a in rows if a.as_of is not None)
                named = _named(rows, today)
                designations.append(Designation(role, article, named.name if named else None, named.where if named else None))
                if named is None and consented:
                    missing.append(f"authority:{role}")
            covered = []
            for subject in ("reservations", "declarations"):
                found = lists.get((inst, iso2, subject))
                if found is not None and found.as_of is not None:
                    dated.append((found.as_of, found.where))
                complete = found.complete if found is not None else None
                covered.append(ListCoverage(subject, complete, found.as_of if found else None, found.where if found else None))
                if consented and complete is not True:
                    missing.append(f"{subject}_list")
            oldest = min(dated) if dated else None
            parties.append(
                PartyCoverage(
                    instrument=inst, iso2=iso2, signature=row.signature, consent=row.consent_date, consent_kind=row.consent_kind,
                    entry_into_force=eif, entry_into_force_derived=derived, withdrawal=row.withdrawn, consented=consented,
                    reservations=kinds.count("reservation"), declarations=kinds.count("declaration"),
                    other_statements=len(kinds) - kinds.count("reservation") - kinds.count("declaration"),
                    designations=tuple(designations), lists=tuple(covered),
                    oldest_as_of=oldest[0] if oldest else None, oldest_as_of_where=oldest[1] if oldest else None,
                    missing=tuple(missing), where=row.where,
                )
            )
        cov = book.coverage.get(instrument)
        out.append(InstrumentCoverage(instrument, bool(cov and cov.parties_complete), cov.parties_as_of if cov else None, tuple(parties)))
    return tuple(out)


def known_instruments(book: StatusBook) -> Mapping[str, Instrument]:
    return {i.value: i for i in Instrument if i in book.books}
