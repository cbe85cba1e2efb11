"""Party status, statements and designations on a date, as three-valued facts.

The data say when a State signed, consented, became bound and withdrew, and
which reservations and declarations it made. From them, and from each
instrument's own entry-into-force clause (``entry_into_force`` in its rule
file), this module answers: is the instrument in force for State X on date D?
Is X's Art 29.4 reservation in effect on D?

Unknowns stay unknown. An entry into force that cannot be dated is a window
``[lo, hi)``: before ``lo`` it had certainly not happened, from ``hi`` on it
certainly had, in between the answer is unknown. A State missing from a party
list that is complete as of a date is not a Party (with the as-of date shown);
missing from a list known to be incomplete, its status is unknown.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from treatyrules._rules.logic import Fact, Missing, Truth, any_of
from treatyrules._validate.datafile import AuthorityRow, CoverageRow, PartyRow, StatementRow
from treatyrules._validate.rulefile import Delay, RuleFile
from treatyrules.errors import DataFileError
from treatyrules.vocabulary import Confidence, Instrument

NEVER = date.max
_TOKENS = itertools.count(1)
_COMPUTED = re.compile(r"\bCOMPUTED\b")


def add_delay(start: date, delay: Delay) -> date:
    if delay.days_after is not None:
        return start + timedelta(days=delay.days_after)
    if delay.months_after is not None:
        # the same day N months later; the last day of the month where that month is shorter
        index = start.month - 1 + delay.months_after
        year, month = start.year + index // 12, index % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    months = delay.first_day_of_month_after_months or 0
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    # the period expires in ``month``; the instrument takes effect on the 1st of the next month
    return date(year + (month // 12), month % 12 + 1, 1)


@dataclass(frozen=True)
class Window:
    """When something happened: certainly not before ``lo``, certainly by ``hi``."""

    lo: date
    hi: date | None

    def at(self, on: date) -> bool | None:
        if self.hi is not None and on >= self.hi:
            return True
        if on < self.lo:
            return False
        return None


@dataclass(frozen=True)
class TreatyStatus:
    instrument: Instrument
    window: Window
    explanation: str
    cite: str
    derived: bool
    confidence: Confidence
    hypothetical: str | None = None


@dataclass(frozen=True)
class PartyStatus:
    instrument: Instrument
    iso2: str
    row: PartyRow | None
    window: Window
    how: str
    cite: str | None
    derived: bool
    end: date | None = None
    end_cite: str | None = None
    unknown: str | None = None
    hypothetical: str | None = None
    confidence: Confidence = Confidence.HIGH


@dataclass(frozen=True)
class Coverage:
    parties_complete: bool
    parties_as_of: date | None
    parties_source: str


@dataclass
class _Index:
    statements: dict[tuple[Instrument, str], list[StatementRow]] = field(default_factory=lambda: defaultdict(list))
    reservation_lists: dict[tuple[Instrument, str, str], CoverageRow] = field(default_factory=dict)
    authorities: dict[tuple[Instrument, str, str], list[AuthorityRow]] = field(default_factory=lambda: defaultdict(list))


def kind_key(label: str) -> str:
    return label.split(" ", 1)[0]


def _relation(provisions: tuple[str, ...], wanted: str) -> str | None:
    """How a statement's provisions relate to the provision a rule asks about."""
    for provision in provisions:
        if provision == wanted or provision.startswith(wanted + "."):
            return "covers"
    for provision in provisions:
        if wanted.startswith(provision + "."):
            return "broader"
    return None


class StatusBook:
    """Every dated fact about who is bound by what, for one set of data (real or what-if)."""

    def __init__(
        self,
        books: Mapping[Instrument, RuleFile],
        parties: Iterable[PartyRow],
        statements: Iterable[StatementRow],
        authorities: Iterable[AuthorityRow],
        coverage: Iterable[CoverageRow],
        *,
        mla_treaties: Mapping[frozenset[str], tuple[date, str]] | None = None,
    ) -> None:
        self.books = books
        self.token = next(_TOKENS)
        self.party_rows: dict[tuple[Instrument, str], PartyRow] = {(r.instrument, r.iso2): r for r in parties}
        self.statement_rows = list(statements)
        self.authority_rows = list(authorities)
        self.coverage_rows = list(coverage)
        self.mla_treaties = dict(mla_treaties or {})
        self._index = _Index()
        for s in self.statement_rows:
            self._index.statements[(s.instrument, s.iso2)].append(s)
        for c in self.coverage_rows:
            self._index.reservation_lists[(c.instrument, c.iso2, c.subject)] = c
        for a in self.authority_rows:
            self._index.authorities[(a.instrument, a.iso2, a.role)].append(a)
        self.coverage = {i: self._coverage(i) for i in books}
        self.treaty: dict[Instrument, TreatyStatus] = {}
        self.status: dict[tuple[Instrument, str], PartyStatus] = {}
        for instrument in self._in_dependency_order():
            self.treaty[instrument] = self._treaty_status(instrument)
            for (inst, iso2), row in self.party_rows.items():
                if inst is instrument:
                    self.status[(inst, iso2)] = self._party_status(row)
        self.breakpoints = self._breakpoints()

    # -- construction ---------------------------------------------------------

    def _in_dependency_order(self) -> list[Instrument]:
        ordered: list[Instrument] = []
        for instrument in self.books:
            needs = self.books[instrument].entry_into_force.treaty.counted_among_parties_to
            if needs is not None and needs not in ordered and needs in self.books:
                ordered.append(needs)
            if instrument not in ordered:
                ordered.append(instrument)
        return ordered

    def _coverage(self, instrument: Instrument) -> Coverage:
        row = self._index.reservation_lists.get((instrument, "*", "parties"))
        if row is None:
            return Coverage(False, None, "")
        return Coverage(row.complete, row.as_of, row.source_url)

    def _treaty_status(self, instrument: Instrument) -> TreatyStatus:
        book = self.books[instrument]
        spec = book.entry_into_force.treaty
        if spec.known_date is not None:
            return TreatyStatus(
                instrument,
                Window(spec.known_date, spec.known_date),
                f"in force since {spec.known_date} ({spec.known_date_source})",
                spec.cite,
                False,
                spec.confidence,
            )
        consents: list[tuple[date, str | None]] = []
        undated = 0
        for (inst, iso2), row in self.party_rows.items():
            if inst is not instrument or not (row.consent_date or row.consent_kind):
                continue
            if spec.counted_among_parties_to is not None and row.consent_date is not None:
                member = self.party(spec.counted_among_parties_to, iso2, row.consent_date)
                if member.value is False:
                    continue
            if row.consent_date is None:
                undated += 1
            else:
                consents.append((row.consent_date, row.hypothetical))
        consents.sort(key=lambda c: c[0])
        dated = [d for d, _ in consents]
        hypothetical = next((h for _, h in consents[: spec.consents_required] if h), None)
        needed = spec.consents_required
        complete = self.coverage[instrument].parties_complete
        hi = add_delay(dated[needed - 1], spec.delay) if len(dated) >= needed else None
        earliest_rank = needed - undated
        if not complete:
            lo = add_delay(book.instrument.adopted, spec.delay)
        elif earliest_rank <= 0:
            lo = add_delay(book.instrument.adopted, spec.delay)
        elif len(dated) >= earliest_rank:
            lo = add_delay(dated[earliest_rank - 1], spec.delay)
        else:
            lo = NEVER
        known = len(dated) + undated
        if hi is not None and lo == hi:
            text = f"in force since {hi}: consent no. {needed} deposited on {dated[needed - 1]}"
        elif hi is not None:
            text = f"in force by {hi} at the latest ({known} consents on record, {undated} of them undated)"
        elif lo == NEVER:
            as_of = self.coverage[instrument].parties_as_of
            text = f"not in force: {known} of the {needed} consents it needs are on record (data as of {as_of})"
        else:
            text = f"entry into force unknown: {known} of the {needed} consents it needs are on record and the list of consents is not known to be complete"
        return TreatyStatus(instrument, Window(lo, hi), text, spec.cite, True, spec.confidence, hypothetical if hi is not None else None)

    def _party_status(self, row: PartyRow) -> PartyStatus:
        instrument = row.instrument
        book = self.books[instrument]
        eif = book.entry_into_force
        treaty = self.treaty[instrument]
        end: date | None = None
        end_cite: str | None = None
        if row.withdrawn is not None:
            end = add_delay(row.withdrawn, eif.denunciation.delay)
            end_cite = eif.denunciation.cite
        later = next((lp for lp in eif.later_parties if row.consent_kind in lp.consent_kinds), None)
        if later is None and eif.later_parties and row.consent_date is not None:
            later = eif.later_parties[0]
        derived_window: Window | None = None
        if row.consent_date is not None and later is not None:
            own = add_delay(row.consent_date, later.delay)
            lo = max(treaty.window.lo, own)
            hi = max(treaty.window.hi, own) if treaty.window.hi is not None else None
            derived_window = Window(lo, hi)
        stated = row.entry_into_force
        if stated is not None:
            if derived_window is not None and derived_window.lo == derived_window.hi and derived_window.hi != stated:
                raise DataFileError(
                    row.where.rsplit(":", 1)[0],
                    f"entry_into_force {stated} contradicts the date derived from consent_date {row.consent_date} "
                    f"by {instrument.value} {later.cite if later else ''}: {derived_window.hi}",
                    row=int(row.where.rsplit(":", 1)[1]),
                    column="entry_into_force",
                )
            computed = bool(_COMPUTED.search(row.notes))
            how = f"in force since {stated}" + (f" ({instrument.value} {later.cite})" if later else "")
            if computed:
                how += " (date computed by the data's compilers, not read from a depositary list)"
            return PartyStatus(instrument, row.iso2, row, Window(stated, stated), how, later.cite if later else None, computed, end, end_cite)
        if derived_window is not None and later is not None and row.consent_date is not None:
            own = add_delay(row.consent_date, later.delay)
            by_treaty = treaty.window.hi is not None and treaty.window.hi >= own
            cite = treaty.cite if by_treaty else later.cite
            if derived_window.hi is not None and derived_window.lo == derived_window.hi:
                how = (
                    f"in force since {derived_window.hi}, the date the instrument itself entered into force ({instrument.value} {cite}), "
                    f"after the {row.consent_kind or 'consent'} deposited on {row.consent_date}"
                    if by_treaty
                    else f"in force since {derived_window.hi}, derived from the {row.consent_kind or 'consent'} deposited on {row.consent_date} by {instrument.value} {cite}"
                )
            elif derived_window.lo == NEVER:
                how = f"consent deposited on {row.consent_date}, but the instrument itself is not in force ({treaty.explanation})"
            else:
                how = f"consent deposited on {row.consent_date}; entry into force depends on the instrument's own ({treaty.explanation})"
            hypothetical = row.hypothetical or (treaty.hypothetical if by_treaty else None)
            return PartyStatus(instrument, row.iso2, row, derived_window, how, cite, True, end, end_cite, hypothetical=hypothetical)
        listed = row.consent_kind is not None or (row.signature is None and self.coverage[instrument].parties_complete)
        if listed:
            return self._undated_party(row, treaty, end, end_cite)
        if row.signature is not None:
            how = f"signed on {row.signature}; no consent to be bound on record (signature alone does not bind)"
        else:
            how = "no signature or consent on record"
        if self.coverage[instrument].parties_complete:
            return PartyStatus(instrument, row.iso2, row, Window(NEVER, None), how, None, False)
        unknown = f"whether {row.iso2} has consented to be bound by {instrument.value}: {how}, and the list of consents is not known"
        return PartyStatus(instrument, row.iso2, row, Window(book.instrument.adopted, None), how, None, False, unknown=unknown)

    def _undated_party(self, row: PartyRow, treaty: TreatyStatus, end: date | None, end_cite: str | None) -> PartyStatus:
        """A State the source lists as a Party without the dates of its consent.

        Listed as a Party on the source's status date, it had consented by then, so
        the instrument bound it at the latest by the instrument's own delay after
        that date: a bound derived from the source, not a date read from it.
        """
        instrument = row.instrument
        book = self.books[instrument]
        name = book.instrument.short.en
        kind = f" ({row.consent_kind})" if row.consent_kind else ""
        later = book.entry_into_force.later_parties
        if row.as_of is not None and later and treaty.window.hi is not None:
            latest = max(add_delay(row.as_of, lp.delay) for lp in later)
            hi = max(treaty.window.hi, latest)
            cites = ", ".join(lp.cite for lp in later)
            how = (
                f"a Party{kind} according to its source (status as of {row.as_of}), which gives no date of consent or entry "
                f"into force; the {name} bound {row.iso2} at the latest from {hi} (derived from that status date by {instrument.value} {cites})"
            )
            unknown = f"the date the {name} entered into force for {row.iso2} (a Party{kind} by {row.as_of}; bound at the latest from {hi})"
            return PartyStatus(
                instrument, row.iso2, row, Window(book.instrument.adopted, hi), how, later[0].cite, True, end, end_cite,
                unknown, row.hypothetical, Confidence.VERIFY,
            )
        unknown = f"the date the {name} entered into force for {row.iso2}: a Party{kind} according to its source, which gives no dates"
        return PartyStatus(instrument, row.iso2, row, Window(book.instrument.adopted, None), unknown, None, False, end, end_cite, unknown, row.hypothetical)

    def _breakpoints(self) -> tuple[date, ...]:
        points: set[date] = set()
        for status in self.treaty.values():
            points.update(d for d in (status.window.lo, status.window.hi) if d is not None and d != NEVER)
        for party in self.status.values():
            points.update(d for d in (party.window.lo, party.window.hi, party.end) if d is not None and d != NEVER)
            if party.row is not None and party.row.as_of is not None:
                points.add(party.row.as_of + timedelta(days=1))
        for c in self.coverage.values():
            if c.parties_as_of is not None:
                points.add(c.parties_as_of + timedelta(days=1))
        for s in self.statement_rows:
            points.update(d for d in (s.effective, s.withdrawn) if d is not None)
        for a in self.authority_rows:
            if a.effective is not None:
                points.add(a.effective)
        for start, _ in self.mla_treaties.values():
            points.add(start)
        return tuple(sorted(points))

    # -- queries ---------------------------------------------------------------

    def period(self, on: date) -> int:
        """Dates with the same period number give the same answers."""
        return bisect.bisect_right(self.breakpoints, on)

    def in_force(self, instrument: Instrument, on: date) -> Truth:
        status = self.treaty[instrument]
        value = status.window.at(on)
        fact = Fact(
            f"{instrument.value}: {status.explanation}",
            source=self.coverage[instrument].parties_source,
            where=f"rules/{instrument.value}.yaml entry_into_force ({status.cite})",
            as_of=self.coverage[instrument].parties_as_of,
            derived=status.derived,
            hypothetical=status.hypothetical,
            confidence=status.confidence,
            gap=self._as_of_gap(instrument, on) if value is not True else None,
            cites=(f"{instrument.value} {status.cite}",),
        )
        if value is None:
            return Truth(None, (fact,), (Missing(f"in_force:{instrument.value}", f"whether the {self.books[instrument].instrument.short.en} is in force: {status.explanation}"),))
        return Truth(value, (fact,))

    def _as_of_gap(self, instrument: Instrument, on: date) -> str | None:
        cov = self.coverage[instrument]
        if cov.parties_as_of is not None and on > cov.parties_as_of:
            return f"{instrument.value}: party data as of {cov.parties_as_of}; a signature, consent or withdrawal after that date is not in the data"
        if not cov.parties_complete:
            return f"{instrument.value}: the list of signatures and consents is not known to be complete"
        return None

    def party(self, instrument: Instrument, iso2: str, on: date) -> Truth:
        status = self.status.get((instrument, iso2))
        name = self.books[instrument].instrument.short.en
        if status is None:
            cov = self.coverage[instrument]
            if cov.parties_complete:
                fact = Fact(
                    f"{iso2}: no signature or consent to the {name} on record (party list complete as of {cov.parties_as_of})",
                    source=cov.parties_source,
                    where="fixtures/parties.csv",
                    as_of=cov.parties_as_of,
                    gap=self._as_of_gap(instrument, on),
                )
                return Truth(False, (fact,))
            fact = Fact(f"{iso2}: no signature or consent to the {name} on record", where="fixtures/parties.csv", gap=self._as_of_gap(instrument, on))
            return Truth(
                None,
                (fact,),
                (Missing(f"party:{instrument.value}:{iso2}", f"whether {iso2} is a Party to the {name} (the list of Parties is not known)"),),
            )
        row = status.row
        assert row is not None
        value = status.window.at(on)
        cites: tuple[str, ...] = (f"{instrument.value} {status.cite}",) if status.cite and status.derived else ()
        if value is True and status.end is not None and on >= status.end:
            cites = (f"{instrument.value} {status.end_cite}",)
            value = False
            text = f"{iso2}: the {name} ceased to bind {iso2} on {status.end} (denunciation notified on {row.withdrawn}, {status.end_cite})"
        elif value is True:
            text = f"{iso2}: {status.how}"
        elif value is False and status.window.lo != NEVER and on < status.window.lo:
            text = f"{iso2}: not yet bound by the {name}; {status.how}"
        else:
            text = f"{iso2}: {status.how}"
        gap = None
        if status.derived and not (status.hypothetical or row.hypothetical):
            gap = f"{iso2}: the date the {name} entered into force for {iso2} is derived, not read from a source ({status.how})"
        if value is not True:
            gap = gap or self._as_of_gap(instrument, on)
            if row.as_of is not None and on > row.as_of and gap is None:
                gap = f"{iso2}: {instrument.value} status data as of {row.as_of}"
        fact = Fact(
            text,
            source=row.source_url,
            where=row.where,
            as_of=row.as_of,
            derived=status.derived,
            hypothetical=status.hypothetical or row.hypothetical,
            confidence=status.confidence,
            gap=gap,
            cites=cites,
        )
        if value is None:
            reason = status.unknown or f"the date the {name} entered into force for {iso2}: {status.how}"
            return Truth(None, (fact,), (Missing(f"party:{instrument.value}:{iso2}", reason),))
        return Truth(value, (fact,))

    def entry_into_force(self, instrument: Instrument, iso2: str) -> Window | None:
        status = self.status.get((instrument, iso2))
        return None if status is None else status.window

    def statement(self, instrument: Instrument, iso2: str, kind: str, provision: str, on: date) -> Truth:
        """Is ``iso2``'s reservation/declaration under ``provision`` in effect on ``on``?"""
        rows = [
            (s, relation)
            for s in self._index.statements.get((instrument, iso2), ())
            if s.kind == kind and (relation := _relation(s.provisions, provision)) is not None
        ]
        label = f"{kind} under {instrument.value} Art {provision}"
        parts: list[Truth] = []
        for s, relation in rows:
            base = dict(source=s.source_url, where=s.where, hypothetical=s.hypothetical, confidence=s.confidence)
            if relation == "broader" and not (s.withdrawn is not None and on >= s.withdrawn) and not (s.effective and on < s.effective):
                parts.append(
                    Truth(
                        None,
                        (Fact(f"{iso2}: {kind} under {instrument.value} Art {'; '.join(s.provisions)} — {s.summary}", **base),),  # type: ignore[arg-type]
                        (Missing(f"{kind}:{instrument.value}:{iso2}:{provision}", f"whether {iso2}'s {kind} under Art {'; '.join(s.provisions)} reaches Art {provision}"),),
                    )
                )
                continue
            if s.withdrawn is not None and on >= s.withdrawn:
                parts.append(Truth(False, (Fact(f"{iso2}: {label} withdrawn on {s.withdrawn} — {s.summary}", **base),)))  # type: ignore[arg-type]
            elif s.effective is None:
                parts.append(self._undated_statement(instrument, iso2, s, label, provision, on, base))
            elif on < s.effective:
                parts.append(Truth(False, (Fact(f"{iso2}: {label} takes effect only on {s.effective} — {s.summary}", **base),)))  # type: ignore[arg-type]
            else:
                parts.append(Truth(True, (Fact(f"{iso2}: {label}, in effect since {s.effective} — {s.summary}", **base),)))  # type: ignore[arg-type]
        if parts:
            return any_of(parts)
        subject = "reservations" if kind == "reservation" else "declarations"
        coverage = self._index.reservation_lists.get((instrument, iso2, subject))
        gaps = []
        if coverage is None or not coverage.complete:
            gaps.append(f"{iso2}: the list of {iso2}'s {subject} to the {self.books[instrument].instrument.short.en} is not confirmed complete; only those on record are applied")
        unclassified = [s for s in self._index.statements.get((instrument, iso2), ()) if s.kind == "" or (s.kind == kind and not s.provisions)]
        for s in unclassified:
            gaps.append(f"{iso2}: a statement under {instrument.value} {', '.join(s.provisions) or '(article unknown)'} whose kind or text is not on record ({s.where})")
        fact = Fact(
            f"{iso2}: no {label} on record",
            source=coverage.source_url if coverage else "",
            where="fixtures/reservations.csv",
            as_of=coverage.as_of if coverage else None,
            gap="; ".join(gaps) or None,
        )
        return Truth(False, (fact,))

    def _undated_statement(
        self, instrument: Instrument, iso2: str, s: StatementRow, label: str, provision: str, on: date, base: Mapping[str, Any]
    ) -> Truth:
        """A reservation or declaration on record without a date takes effect when the
        instrument enters into force for its author: such statements are made at
        signature or deposit and bind from entry into force."""
        party = self.status.get((instrument, iso2))
        bound = party.window.at(on) if party is not None else None
        if bound is True and party is not None:
            text = f"{iso2}: {label} on record without a date of effect; applied from entry into force for {iso2} ({party.window.hi}) — {s.summary}"
            gap = f"{iso2}: the date of effect of its {label} is taken from the entry into force for {iso2}, not read from a source"
            return Truth(True, (Fact(text, derived=True, gap=gap, **base),))
        if bound is False:
            text = f"{iso2}: {label} on record; it has no effect while the instrument does not bind {iso2} — {s.summary}"
            return Truth(False, (Fact(text, **base),))
        return Truth(
            None,
            (Fact(f"{iso2}: {label} on record without a date of effect — {s.summary}", **base),),
            (Missing(f"{kind_key(label)}:{instrument.value}:{iso2}:{provision}", f"whether {iso2}'s {label} is in effect (no date of effect, and the date the instrument bound {iso2} is unknown)"),),
        )

    def authority(self, instrument: Instrument, iso2: str, role: str, on: date) -> AuthorityRow | None:
        rows = [a for a in self._index.authorities.get((instrument, iso2, role), ()) if a.effective is None or a.effective <= on]
        if not rows:
            return None
        return max(rows, key=lambda a: a.effective or date.min)

    def mla_treaty(self, a: str, b: str, on: date) -> tuple[date, str] | None:
        found = self.mla_treaties.get(frozenset((a, b)))
        if found is None or on < found[0]:
            return None
        return found

    def with_rows(
        self,
        *,
        parties: Mapping[tuple[Instrument, str], PartyRow] | None = None,
        statements: Iterable[StatementRow] = (),
        withdrawn_statements: Mapping[str, date] | None = None,
        mla_treaties: Mapping[frozenset[str], tuple[date, str]] | None = None,
    ) -> StatusBook:
        """A new book with rows added or replaced (what-if scenarios)."""
        rows = dict(self.party_rows)
        rows.update(parties or {})
        kept = []
        for s in self.statement_rows:
            if withdrawn_statements and s.where in withdrawn_statements:
                s = replace(s, withdrawn=withdrawn_statements[s.where])
            kept.append(s)
        treaties = dict(self.mla_treaties)
        treaties.update(mla_treaties or {})
        return StatusBook(
            self.books,
            rows.values(),
            kept + list(statements),
            self.authority_rows,
            self.coverage_rows,
            mla_treaties=treaties,
        )
