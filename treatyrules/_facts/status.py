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

Every text built here (facts, gaps, missing facts, the explanations kept in the
book) is a bilingual ``Text`` from the ``facts`` catalogue: a book is built once
and cached, and the language is picked only when an answer is built.

``party``, ``in_force`` and ``statement`` depend on the date only through its status
period (every date they compare with is a breakpoint), so a book memoises them per
period (``BOOK_MEMO_SIZE`` entries; ``StatusBook(..., memo=False)`` for the reference path).
"""

from __future__ import annotations

import bisect
import calendar
import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from treatyrules._i18n import LANGS, Text, t_text
from treatyrules._memo import LRU
from treatyrules._facts.logic import Fact, Missing, Truth, any_of
from treatyrules._validate.datafile import AuthorityRow, CoverageRow, PartyRow, StatementRow
from treatyrules._validate.rulefile import Delay, LaterPartyEntryIntoForce, Names, RuleFile
from treatyrules.errors import DataFileError, Message
from treatyrules.vocabulary import Confidence, Instrument

NEVER = date.max
_TOKENS = itertools.count(1)
_COMPUTED = re.compile(r"\bCOMPUTED\b")


def bilingual(key: str, /, **params: object) -> Text:
    """``t_text(key, **params)``, where a ``Text`` parameter is filled in each language with
    its own text (the Spanish message with the Spanish name, the English with the English)."""
    if not any(isinstance(value, Text) for value in params.values()):
        return t_text(key, **params)
    texts = {
        lang: t_text(key, **{name: value.pick(lang) if isinstance(value, Text) else value for name, value in params.items()}).pick(lang)
        for lang in LANGS
    }
    return Text(**texts)


def join(texts: Iterable[Text], sep: str = "; ") -> Text | None:
    """Bilingual texts joined in each language; None if there are none."""
    parts = list(texts)
    if not parts:
        return None
    return Text(**{lang: sep.join(part.pick(lang) for part in parts) for lang in LANGS})


def prefixed(prefix: str, text: Text) -> Text:
    """``ES: <text>`` in each language: a code or tag in front of a text (layout, not wording)."""
    return Text(**{lang: f"{prefix}: {text.pick(lang)}" for lang in LANGS})


_FEMININE_ES = ("ción", "sión", "dad", "a")


def the_instrument(short: Names) -> Text:
    """``the Budapest Convention`` / ``el Convenio de Budapest``, ``la Convención de la ONU ...``."""
    return _the_instrument(short.en, short.es)


@functools.lru_cache(maxsize=64)
def _the_instrument(en: str, es: str) -> Text:
    first = es.split(" ", 1)[0].lower()
    gender = "feminine" if first.endswith(_FEMININE_ES) else "masculine"
    return bilingual(f"facts.the_instrument.{gender}", name=Text(en=en, es=es))


#: entries a book's memo of dated facts holds (party status, treaty status, statements per period)
BOOK_MEMO_SIZE = 32768


_STATEMENT_KINDS = ("reservation", "declaration", "notification", "territorial", "interpretative_declaration")


def statement_kind(kind: str) -> Text:
    """A kind of statement (``reservation``) in both languages; an unknown kind as it is."""
    if kind in _STATEMENT_KINDS:
        return t_text(f"facts.statement_kind.{kind}")
    return Text(en=kind, es=kind) if kind else t_text("facts.statement_kind.statement")


def _consent_kind(kind: str | None) -> Text:
    """``(ratification)``-style label of a deposit: the kind of consent, or ``consent``."""
    return t_text(f"facts.consent_kind.{kind}") if kind in ("ratification", "acceptance", "approval", "accession") else t_text("facts.consent_kind.consent")


def _deposited(kind: str | None) -> Text:
    """What was deposited: ``ratification`` / ``instrumento de ratificación`` (``consent`` if unknown)."""
    known = kind in ("ratification", "acceptance", "approval", "accession")
    return t_text(f"facts.deposited.{kind if known else 'consent'}")


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


def _later_party(book: RuleFile, consent_kind: str | None) -> LaterPartyEntryIntoForce | None:
    """The clause that governs a deposit of ``consent_kind`` (the first one if the kind is unknown)."""
    later = book.entry_into_force.later_parties
    return next((lp for lp in later if consent_kind in lp.consent_kinds), later[0] if later else None)


def own_entry_into_force(book: RuleFile, consent: date, consent_kind: str | None) -> tuple[date, str] | None:
    """The day a State's own deposit brings the instrument into force for it, and the clause
    (Budapest 36.4 / 37.2: the first day of the month after three months); the instrument's
    own entry into force may come later."""
    later = _later_party(book, consent_kind)
    return (add_delay(consent, later.delay), later.cite) if later is not None else None


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
    explanation_text: Text
    cite: str
    derived: bool
    confidence: Confidence
    hypothetical: str | None = None

    @property
    def explanation(self) -> str:
        """The explanation in the language in use (build texts from ``explanation_text``)."""
        return self.explanation_text.pick()


@dataclass(frozen=True)
class PartyStatus:
    instrument: Instrument
    iso2: str
    row: PartyRow | None
    window: Window
    how_text: Text
    cite: str | None
    derived: bool
    end: date | None = None
    end_cite: str | None = None
    unknown: Text | None = None
    hypothetical: str | None = None
    confidence: Confidence = Confidence.HIGH

    @property
    def how(self) -> str:
        """How the State is bound, in the language in use (build texts from ``how_text``)."""
        return self.how_text.pick()


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
        memo: bool = True,
    ) -> None:
        self.books = books
        # facts are memoised per status period once the periods are known (end of __init__)
        self._memo: LRU | None = None
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
        self.rows_by_place = self._rows_by_place()
        self._memo = LRU(BOOK_MEMO_SIZE) if memo else None

    # -- construction ---------------------------------------------------------

    def _rows_by_place(self) -> dict[str, PartyRow | StatementRow | CoverageRow]:
        """Where each real data row is (``file:line``) -> the row, for the age of the data an
        answer rests on; the in-force facts of an instrument rest on its list of parties (the
        coverage row). What-if rows have no age and are left out."""
        rows: dict[str, PartyRow | StatementRow | CoverageRow] = {}
        for party in self.party_rows.values():
            if party.hypothetical is None:
                rows[party.where] = party
        for statement in self.statement_rows:
            if statement.hypothetical is None:
                rows[statement.where] = statement
        for coverage in self.coverage_rows:
            rows[coverage.where] = coverage
        for instrument, status in self.treaty.items():
            listed = self._index.reservation_lists.get((instrument, "*", "parties"))
            if listed is not None:
                rows[f"rules/{instrument.value}.yaml entry_into_force ({status.cite})"] = listed
        return rows

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

    def _coverage_where(self, instrument: Instrument, iso2: str, subject: str, default: str) -> str:
        row = self._index.reservation_lists.get((instrument, iso2, subject))
        return row.where if row is not None else default

    def _treaty_status(self, instrument: Instrument) -> TreatyStatus:
        book = self.books[instrument]
        spec = book.entry_into_force.treaty
        if spec.known_date is not None:
            return TreatyStatus(
                instrument,
                Window(spec.known_date, spec.known_date),
                t_text("facts.treaty.known_date", day=spec.known_date, source=spec.known_date_source),
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
            text = t_text("facts.treaty.in_force_since", day=hi, needed=needed, deposited=dated[needed - 1])
        elif hi is not None:
            text = t_text("facts.treaty.in_force_by", day=hi, known=known, undated=undated)
        elif lo == NEVER:
            as_of = self.coverage[instrument].parties_as_of
            text = t_text("facts.treaty.not_in_force", known=known, needed=needed, as_of=as_of)
        else:
            text = t_text("facts.treaty.unknown", known=known, needed=needed)
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
        later = _later_party(book, row.consent_kind) if row.consent_date is not None else next(
            (lp for lp in eif.later_parties if row.consent_kind in lp.consent_kinds), None
        )
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
                    Message(
                        "data.entry_into_force_contradicts", stated=stated, consent=row.consent_date,
                        instrument=instrument.value, cite=later.cite if later else "", derived=derived_window.hi,
                    ),
                    row=int(row.where.rsplit(":", 1)[1]),
                    column="entry_into_force",
                )
            computed = bool(_COMPUTED.search(row.notes))
            how = bilingual(
                "facts.party.in_force_stated",
                day=stated,
                cite=f" ({instrument.value} {later.cite})" if later else "",
                computed=t_text("facts.party.computed") if computed else "",
            )
            return PartyStatus(instrument, row.iso2, row, Window(stated, stated), how, later.cite if later else None, computed, end, end_cite)
        if derived_window is not None and later is not None and row.consent_date is not None:
            own = add_delay(row.consent_date, later.delay)
            by_treaty = treaty.window.hi is not None and treaty.window.hi >= own
            cite = treaty.cite if by_treaty else later.cite
            if derived_window.hi is not None and derived_window.lo == derived_window.hi:
                how = bilingual(
                    "facts.party.in_force_with_instrument" if by_treaty else "facts.party.in_force_derived",
                    day=derived_window.hi, instrument=instrument.value, cite=cite,
                    deposited=_deposited(row.consent_kind), consent=row.consent_date,
                )
            elif derived_window.lo == NEVER:
                how = bilingual("facts.party.instrument_not_in_force", consent=row.consent_date, explanation=treaty.explanation_text)
            else:
                how = bilingual("facts.party.depends_on_instrument", consent=row.consent_date, explanation=treaty.explanation_text)
            hypothetical = row.hypothetical or (treaty.hypothetical if by_treaty else None)
            return PartyStatus(instrument, row.iso2, row, derived_window, how, cite, True, end, end_cite, hypothetical=hypothetical)
        listed = row.consent_kind is not None or (row.signature is None and self.coverage[instrument].parties_complete)
        if listed:
            return self._undated_party(row, treaty, end, end_cite)
        if row.signature is not None:
            how = t_text("facts.party.signed_only", day=row.signature)
        else:
            how = t_text("facts.party.nothing_on_record")
        if self.coverage[instrument].parties_complete:
            return PartyStatus(instrument, row.iso2, row, Window(NEVER, None), how, None, False)
        unknown = bilingual("facts.party.consent_unknown", iso2=row.iso2, instrument=instrument.value, how=how)
        return PartyStatus(instrument, row.iso2, row, Window(book.instrument.adopted, None), how, None, False, unknown=unknown)

    def _undated_party(self, row: PartyRow, treaty: TreatyStatus, end: date | None, end_cite: str | None) -> PartyStatus:
        """A State the source lists as a Party without the dates of its consent.

        Listed as a Party on the source's status date, it had consented by then, so
        the instrument bound it at the latest by the instrument's own delay after
        that date: a bound derived from the source, not a date read from it.
        """
        instrument = row.instrument
        book = self.books[instrument]
        name = the_instrument(book.instrument.short)
        kind: Text | str = bilingual("facts.party.listed_kind", kind=_consent_kind(row.consent_kind)) if row.consent_kind else ""
        later = book.entry_into_force.later_parties
        if row.as_of is not None and later and treaty.window.hi is not None:
            latest = max(add_delay(row.as_of, lp.delay) for lp in later)
            hi = max(treaty.window.hi, latest)
            cites = ", ".join(lp.cite for lp in later)
            how = bilingual(
                "facts.party.listed_bound_by", kind=kind, as_of=row.as_of, the_name=name, iso2=row.iso2, day=hi,
                instrument=instrument.value, cites=cites,
            )
            unknown = bilingual("facts.party.listed_date_unknown", the_name=name, iso2=row.iso2, kind=kind, as_of=row.as_of, day=hi)
            return PartyStatus(
                instrument, row.iso2, row, Window(book.instrument.adopted, hi), how, later[0].cite, True, end, end_cite,
                unknown, row.hypothetical, Confidence.VERIFY,
            )
        unknown = bilingual("facts.party.listed_no_dates", the_name=name, iso2=row.iso2, kind=kind)
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
            points.update(d for d in (a.effective, a.until) if d is not None)
        for start, _ in self.mla_treaties.values():
            points.add(start)
        return tuple(sorted(points))

    # -- queries ---------------------------------------------------------------

    def period(self, on: date) -> int:
        """Dates with the same period number give the same answers."""
        return bisect.bisect_right(self.breakpoints, on)

    # The three dated facts below depend on the date only through its status period (every
    # date they compare with is a breakpoint), so they are memoised per period: a State's
    # status is built once and shared by every query that reads it on a date of that period.

    def in_force(self, instrument: Instrument, on: date) -> Truth:
        """Is ``instrument`` itself in force on ``on``?"""
        memo = self._memo
        if memo is None:
            return self._in_force(instrument, on)
        key = (0, instrument, self.period(on))
        found = memo.get(key)
        return found if found is not None else memo.put(key, self._in_force(instrument, on))

    def party(self, instrument: Instrument, iso2: str, on: date) -> Truth:
        """Does ``instrument`` bind ``iso2`` on ``on``?"""
        memo = self._memo
        if memo is None:
            return self._party(instrument, iso2, on)
        key = (1, instrument, iso2, self.period(on))
        found = memo.get(key)
        return found if found is not None else memo.put(key, self._party(instrument, iso2, on))

    def statement(self, instrument: Instrument, iso2: str, kind: str, provision: str, on: date) -> Truth:
        """Is ``iso2``'s reservation/declaration under ``provision`` in effect on ``on``?"""
        memo = self._memo
        if memo is None:
            return self._statement(instrument, iso2, kind, provision, on)
        key = (2, instrument, iso2, kind, provision, self.period(on))
        found = memo.get(key)
        return found if found is not None else memo.put(key, self._statement(instrument, iso2, kind, provision, on))

    def statements_of(self, instrument: Instrument, iso2: str) -> tuple[StatementRow, ...]:
        """``iso2``'s statement rows under ``instrument``, in file order, whatever their dates."""
        return tuple(self._index.statements.get((instrument, iso2), ()))

    @property
    def memoised(self) -> bool:
        """Whether this book memoises its dated facts (off for the engine's reference path)."""
        return self._memo is not None

    @property
    def memo_entries(self) -> int:
        """How many dated facts the book holds memoised now (at most ``BOOK_MEMO_SIZE``)."""
        return len(self._memo) if self._memo is not None else 0

    def clear_memo(self) -> None:
        """Forget the memoised facts (benchmarks measuring a computation from scratch)."""
        if self._memo is not None:
            self._memo.clear()

    def _in_force(self, instrument: Instrument, on: date) -> Truth:
        status = self.treaty[instrument]
        value = status.window.at(on)
        fact = Fact(
            prefixed(instrument.value, status.explanation_text),
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
            text = bilingual("facts.treaty.missing", the_name=the_instrument(self.books[instrument].instrument.short), explanation=status.explanation_text)
            return Truth(None, (fact,), (Missing(f"in_force:{instrument.value}", text),))
        return Truth(value, (fact,))

    def _as_of_gap(self, instrument: Instrument, on: date) -> Text | None:
        cov = self.coverage[instrument]
        if cov.parties_as_of is not None and on > cov.parties_as_of:
            return t_text("facts.gap.party_data_as_of", instrument=instrument.value, as_of=cov.parties_as_of)
        if not cov.parties_complete:
            return t_text("facts.gap.party_list_incomplete", instrument=instrument.value)
        return None

    def _party(self, instrument: Instrument, iso2: str, on: date) -> Truth:
        status = self.status.get((instrument, iso2))
        name = the_instrument(self.books[instrument].instrument.short)
        if status is None:
            cov = self.coverage[instrument]
            if cov.parties_complete:
                fact = Fact(
                    bilingual("facts.party.none_complete", iso2=iso2, the_name=name, as_of=cov.parties_as_of),
                    source=cov.parties_source,
                    # the row this rests on is the list's coverage row (its age is the answer's caveat)
                    where=self._coverage_where(instrument, "*", "parties", "fixtures/parties.csv"),
                    as_of=cov.parties_as_of,
                    gap=self._as_of_gap(instrument, on),
                )
                return Truth(False, (fact,))
            fact = Fact(
                bilingual("facts.party.none", iso2=iso2, the_name=name),
                where=self._coverage_where(instrument, "*", "parties", "fixtures/parties.csv"),
                gap=self._as_of_gap(instrument, on),
            )
            return Truth(
                None,
                (fact,),
                (Missing(f"party:{instrument.value}:{iso2}", bilingual("facts.party.missing_unlisted", iso2=iso2, the_name=name)),),
            )
        row = status.row
        assert row is not None
        value = status.window.at(on)
        cites: tuple[str, ...] = (f"{instrument.value} {status.cite}",) if status.cite and status.derived else ()
        if value is True and status.end is not None and on >= status.end:
            cites = (f"{instrument.value} {status.end_cite}",)
            value = False
            text = bilingual("facts.party.ceased", iso2=iso2, the_name=name, day=status.end, withdrawn=row.withdrawn, cite=status.end_cite)
        elif value is True:
            text = prefixed(iso2, status.how_text)
        elif value is False and status.window.lo != NEVER and on < status.window.lo:
            text = bilingual("facts.party.not_yet", iso2=iso2, the_name=name, how=status.how_text)
        else:
            text = prefixed(iso2, status.how_text)
        gap: Text | None = None
        if status.derived and not (status.hypothetical or row.hypothetical):
            gap = bilingual("facts.gap.derived_date", iso2=iso2, the_name=name, how=status.how_text)
        if value is not True:
            gap = gap or self._as_of_gap(instrument, on)
            if row.as_of is not None and on > row.as_of and gap is None:
                gap = t_text("facts.gap.status_as_of", iso2=iso2, instrument=instrument.value, as_of=row.as_of)
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
            reason = status.unknown or bilingual("facts.party.missing_date", the_name=name, iso2=iso2, how=status.how_text)
            return Truth(None, (fact,), (Missing(f"party:{instrument.value}:{iso2}", reason),))
        return Truth(value, (fact,))

    def entry_into_force(self, instrument: Instrument, iso2: str) -> Window | None:
        status = self.status.get((instrument, iso2))
        return None if status is None else status.window

    def _statement(self, instrument: Instrument, iso2: str, kind: str, provision: str, on: date) -> Truth:
        rows = [
            (s, relation)
            for s in self._index.statements.get((instrument, iso2), ())
            if s.kind == kind and (relation := _relation(s.provisions, provision)) is not None
        ]
        what = statement_kind(kind)
        label = bilingual("facts.statement.label", kind=what, instrument=instrument.value, provision=provision)
        parts: list[Truth] = []
        for s, relation in rows:
            base = dict(source=s.source_url, where=s.where, hypothetical=s.hypothetical, confidence=s.confidence, statement=True)
            if relation == "broader" and s.in_effect_on(on):
                made = "; ".join(s.provisions)
                parts.append(
                    Truth(
                        None,
                        (Fact(bilingual("facts.statement.broader", iso2=iso2, kind=what, instrument=instrument.value, provisions=made, summary=s.summary), **base),),  # type: ignore[arg-type]
                        (Missing(f"{kind}:{instrument.value}:{iso2}:{provision}", bilingual("facts.statement.reaches", iso2=iso2, kind=what, provisions=made, provision=provision)),),
                    )
                )
                continue
            if s.withdrawn is not None and on >= s.withdrawn:
                parts.append(Truth(False, (Fact(bilingual("facts.statement.withdrawn", iso2=iso2, label=label, day=s.withdrawn, summary=s.summary), **base),)))  # type: ignore[arg-type]
            elif s.effective is None:
                parts.append(self._undated_statement(instrument, iso2, s, kind, label, provision, on, base))
            elif on < s.effective:
                parts.append(Truth(False, (Fact(bilingual("facts.statement.not_yet", iso2=iso2, label=label, day=s.effective, summary=s.summary), **base),)))  # type: ignore[arg-type]
            else:
                parts.append(Truth(True, (Fact(bilingual("facts.statement.in_effect", iso2=iso2, label=label, day=s.effective, summary=s.summary), **base),)))  # type: ignore[arg-type]
        if parts:
            return any_of(parts)
        subject = "reservations" if kind == "reservation" else "declarations"
        coverage = self._index.reservation_lists.get((instrument, iso2, subject))
        gaps: list[Text] = []
        if coverage is None or not coverage.complete:
            gaps.append(bilingual(f"facts.gap.{subject}_incomplete", iso2=iso2, the_name=the_instrument(self.books[instrument].instrument.short)))
        unclassified = [s for s in self._index.statements.get((instrument, iso2), ()) if s.kind == "" or (s.kind == kind and not s.provisions)]
        for s in unclassified:
            provisions: Text | str = ", ".join(s.provisions) or t_text("facts.statement.article_unknown")
            gaps.append(bilingual("facts.gap.unclassified", iso2=iso2, instrument=instrument.value, provisions=provisions, where=s.where))
        fact = Fact(
            bilingual("facts.statement.none", iso2=iso2, label=label),
            source=coverage.source_url if coverage else "",
            where=coverage.where if coverage else "fixtures/reservations.csv",
            as_of=coverage.as_of if coverage else None,
            gap=join(gaps),
            statement=True,
        )
        return Truth(False, (fact,))

    def _undated_statement(
        self, instrument: Instrument, iso2: str, s: StatementRow, kind: str, label: Text, provision: str, on: date, base: Mapping[str, Any]
    ) -> Truth:
        """A reservation or declaration on record without a date takes effect when the
        instrument enters into force for its author: such statements are made at
        signature or deposit and bind from entry into force."""
        party = self.status.get((instrument, iso2))
        bound = party.window.at(on) if party is not None else None
        if bound is True and party is not None:
            text = bilingual("facts.statement.undated_applied", iso2=iso2, label=label, day=party.window.hi, summary=s.summary)
            gap = bilingual("facts.gap.undated_statement", iso2=iso2, label=label)
            return Truth(True, (Fact(text, derived=True, gap=gap, **base),))
        if bound is False:
            text = bilingual("facts.statement.undated_not_bound", iso2=iso2, label=label, summary=s.summary)
            return Truth(False, (Fact(text, **base),))
        return Truth(
            None,
            (Fact(bilingual("facts.statement.undated", iso2=iso2, label=label, summary=s.summary), **base),),
            (Missing(f"{kind}:{instrument.value}:{iso2}:{provision}", bilingual("facts.statement.undated_missing", iso2=iso2, label=label)),),
        )

    def authorities(self, instrument: Instrument, iso2: str, role: str, on: date) -> tuple[AuthorityRow, ...]:
        """Every office ``iso2`` has designated for ``role`` that covers ``on``, in the order of the
        data file: a State may name two 24/7 points of contact (Cabo Verde, Nigeria, Tonga)."""
        return tuple(a for a in self._index.authorities.get((instrument, iso2, role), ()) if a.in_force_on(on))

    def notifications(self, instrument: Instrument, iso2: str, article: str, on: date) -> tuple[StatementRow, ...]:
        """The notifications ``iso2`` made under ``article`` (a paragraph of it, or the article
        it belongs to) that are in effect on ``on``; one whose date of effect is unknown counts."""
        return tuple(
            s for s in self._index.statements.get((instrument, iso2), ())
            if s.kind == "notification" and _relation(s.provisions, article) is not None and s.in_effect_on(on)
        )

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
            memo=self._memo is not None,
        )
