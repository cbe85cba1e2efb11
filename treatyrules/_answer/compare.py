"""Compare answers: what a scenario changes, and what each dated event changed.

Two answers are compared item by item (applicability, each channel, ground,
time limit, required content, condition and route), keyed by tag, so the list
of changes names exactly what moved, with the articles behind the new state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from treatyrules._facts.status import NEVER, StatusBook
from treatyrules.models import Answer, Basis, Change, FactNote, Query, TimelineEvent
from treatyrules.vocabulary import Measure

_WORD = {True: "true", False: "false", None: "unknown"}
ABSENT = "absent"


def _items(basis: Basis) -> dict[tuple[str, str], tuple[str, tuple[str, ...], str]]:
    """(aspect, item) -> (state, articles, label) for everything in a basis."""
    out: dict[tuple[str, str], tuple[str, tuple[str, ...], str]] = {}
    if basis.applicable is False:
        return out
    for c in basis.channels:
        out[("channel", c.channel.value)] = (_WORD[c.available], c.articles, c.channel.value)
    for aspect, grounds in (
        ("refusal_ground", basis.refusal_grounds),
        ("postponement_ground", basis.postponement_grounds),
        ("prohibited_ground", basis.prohibited_grounds),
    ):
        for g in grounds:
            item = g.ground.value + (f" ({g.source} of {g.state})" if g.state else "")
            out[(aspect, item)] = ("present" if g.applies else "may apply", g.articles, g.text)
    if basis.dual_criminality is not None:
        out[("dual_criminality", "value")] = (basis.dual_criminality.value.value, basis.dual_criminality.articles, "dual criminality")
    for t in basis.time_limits:
        amount = f" {t.days} days" if t.days else (f" {t.hours} hours" if t.hours else "")
        out[("time_limit", t.id)] = (f"{t.bound}{amount}", t.articles, t.text)
    for content in basis.required_contents:
        out[("required_content", content.item)] = ("required", content.articles, content.text)
    for cond in basis.conditions:
        out[("condition", cond.id)] = ("applies" if cond.applies else "may apply", cond.articles, cond.text)
    return out


def diff_answers(before: Answer, after: Answer) -> tuple[Change, ...]:
    changes: list[Change] = []
    after_by = {b.instrument: b for b in after.bases}
    for old in before.bases:
        new = after_by.get(old.instrument)
        if new is None:
            continue
        instrument = old.instrument
        if old.applicable != new.applicable:
            changes.append(
                Change(
                    instrument=instrument,
                    aspect="applicable",
                    item=instrument.value,
                    before=_WORD[old.applicable],
                    after=_WORD[new.applicable],
                    articles=new.articles if new.applicable is not False else old.articles,
                    text=f"{new.name}: applicable {_WORD[old.applicable]} -> {_WORD[new.applicable]}",
                )
            )
        a, b = _items(old), _items(new)
        for key in list(a) + [k for k in b if k not in a]:
            was, now = a.get(key), b.get(key)
            state_was = was[0] if was else ABSENT
            state_now = now[0] if now else ABSENT
            if state_was == state_now:
                continue
            aspect, item = key
            source = now or was
            assert source is not None
            changes.append(
                Change(
                    instrument=instrument,
                    aspect=aspect,  # type: ignore[arg-type]
                    item=item,
                    before=state_was,
                    after=state_now,
                    articles=source[1],
                    text=f"{instrument.value}: {aspect.replace('_', ' ')} {item}: {state_was} -> {state_now}",
                )
            )
    old_routes = {(r.instrument, r.channel): r for r in before.routes}
    new_routes = {(r.instrument, r.channel): r for r in after.routes}
    for key in list(old_routes) + [k for k in new_routes if k not in old_routes]:
        was_r, now_r = old_routes.get(key), new_routes.get(key)
        state_was = _WORD[was_r.available] if was_r else ABSENT
        state_now = _WORD[now_r.available] if now_r else ABSENT
        if state_was != state_now:
            route = now_r or was_r
            assert route is not None
            changes.append(
                Change(
                    instrument=key[0],
                    aspect="route",
                    item=key[1].value,
                    before=state_was,
                    after=state_now,
                    articles=route.articles,
                    text=f"{key[0].value}: route via {key[1].value}: {state_was} -> {state_now}",
                )
            )
    return tuple(changes)


def event_dates(book: StatusBook, states: Iterable[str], pair: frozenset[str]) -> dict[date, list[FactNote]]:
    """Dates on which something about these States (or an instrument itself) takes effect."""
    wanted = set(states)
    out: dict[date, list[FactNote]] = {}

    def add(day: date | None, text: str, source: str, where: str, hypothetical: str | None, derived: bool = False) -> None:
        if day is None or day == NEVER:
            return
        out.setdefault(day, []).append(FactNote(text=text, source=source, where=where, hypothetical=hypothetical, derived=derived))

    for instrument, status in book.treaty.items():
        name = book.books[instrument].instrument.short.en
        if status.window.hi is not None and status.window.hi == status.window.lo:
            add(status.window.hi, f"The {name} enters into force ({status.explanation}; {instrument.value} {status.cite})", "", f"rules/{instrument.value}.yaml", status.hypothetical, status.derived)
    for (instrument, iso2), party in book.status.items():
        if iso2 not in wanted:
            continue
        name = book.books[instrument].instrument.short.en
        row = party.row
        hyp = party.hypothetical
        if party.window.hi is not None and party.window.hi == party.window.lo:
            add(party.window.hi, f"The {name} enters into force for {iso2} ({party.how})", row.source_url if row else "", row.where if row else "", hyp, party.derived)
        if party.end is not None:
            add(party.end, f"The {name} ceases to bind {iso2} ({party.end_cite})", row.source_url if row else "", row.where if row else "", hyp)
    for s in book.statement_rows:
        if s.iso2 not in wanted or s.kind not in ("reservation", "declaration"):
            continue
        label = f"{s.iso2}'s {s.kind} under {s.instrument.value} Art {'; '.join(s.provisions)}"
        add(s.effective, f"{label} takes effect — {s.summary}", s.source_url, s.where, s.hypothetical)
        add(s.withdrawn, f"{label} is withdrawn — {s.summary}", s.source_url, s.where, s.hypothetical)
    treaty = book.mla_treaties.get(pair)
    if treaty is not None:
        a, b = sorted(pair)
        add(treaty[0], f"An MLA treaty between {a} and {b} is in force", "scenario", "", treaty[1])
    return out


def timeline_events(
    book: StatusBook,
    a: str,
    b: str,
    make_query: Callable[[str, str, Measure, date], Query],
    answer: Callable[[Query], Answer],
) -> tuple[TimelineEvent, ...]:
    events: list[TimelineEvent] = []
    for day, happened in sorted(event_dates(book, (a, b), frozenset((a, b))).items()):
        changes: list[Change] = []
        for req, rqd in ((a, b), (b, a)):
            for measure in Measure:
                before = answer(make_query(req, rqd, measure, day - timedelta(days=1)))
                after = answer(make_query(req, rqd, measure, day))
                for change in diff_answers(before, after):
                    changes.append(change.model_copy(update={"text": f"{req} -> {rqd}, {measure.value}: {change.text}"}))
        events.append(TimelineEvent(date=day, happened=tuple(happened), changes=tuple(changes)))
    return tuple(events)
