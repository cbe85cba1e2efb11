"""Compare answers: what a scenario changes, and what each dated event changed.

Two answers are compared item by item (applicability, each channel, ground,
time limit, required content, condition and route), keyed by tag, so the list
of changes names exactly what moved, with the articles behind the new state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from treatyrules._answer.comparison import time_limit_words
from treatyrules._facts.status import NEVER, StatusBook
from treatyrules._i18n import current, t
from treatyrules._validate.rulefile import Names
from treatyrules.models import Answer, Basis, Change, FactNote, Query, TimelineEvent
from treatyrules.vocabulary import Measure

_WORD = {True: "true", False: "false", None: "unknown"}
ABSENT = "absent"

# Change.before/after are these stable values in every language; Change.text shows them in
# the language in use.
_STATE_KEY = {"true": "true", "false": "false", "unknown": "unknown", ABSENT: "absent", "present": "present", "may apply": "may_apply", "required": "required", "applies": "applies"}


def _state_words(state: str) -> str:
    key = _STATE_KEY.get(state)
    return t(f"compare.state.{key}") if key is not None else state


# (aspect, item) -> (state, articles, state in words, item in words)
_Items = dict[tuple[str, str], tuple[str, tuple[str, ...], str, str]]


def _items(basis: Basis) -> _Items:
    """(aspect, item) -> (state, articles, the state and the item as the text shows them) for everything in a basis."""
    out: _Items = {}
    if basis.applicable is False:
        return out
    for c in basis.channels:
        state = _WORD[c.available]
        out[("channel", c.channel.value)] = (state, c.articles, _state_words(state), c.channel.value)
    for aspect, grounds in (
        ("refusal_ground", basis.refusal_grounds),
        ("postponement_ground", basis.postponement_grounds),
        ("prohibited_ground", basis.prohibited_grounds),
    ):
        for g in grounds:
            item = g.ground.value + (f" ({g.source} of {g.state})" if g.state else "")
            shown_item = t("compare.ground_of_state", ground=g.ground.value, source=t(f"compare.source.{g.source}"), state=g.state) if g.state else g.ground.value
            state = "present" if g.applies else "may apply"
            out[(aspect, item)] = (state, g.articles, _state_words(state), shown_item)
    if basis.dual_criminality is not None:
        value = basis.dual_criminality.value.value
        out[("dual_criminality", "value")] = (value, basis.dual_criminality.articles, value, "value")
    for limit in basis.time_limits:
        amount = f" {limit.days} days" if limit.days else (f" {limit.hours} hours" if limit.hours else "")
        out[("time_limit", limit.id)] = (f"{limit.bound}{amount}", limit.articles, time_limit_words(limit, conditional=False), limit.id)
    for content in basis.required_contents:
        out[("required_content", content.item)] = ("required", content.articles, _state_words("required"), content.item)
    for cond in basis.conditions:
        state = "applies" if cond.applies else "may apply"
        out[("condition", cond.id)] = (state, cond.articles, _state_words(state), cond.id)
    return out


def diff_answers(before: Answer, after: Answer) -> tuple[Change, ...]:
    """What changed from ``before`` to ``after``; texts in the language in use."""
    changes: list[Change] = []
    after_by = {b.instrument: b for b in after.bases}
    absent = _state_words(ABSENT)
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
                    text=t("compare.change.applicable", name=new.name, before=_state_words(_WORD[old.applicable]), after=_state_words(_WORD[new.applicable])),
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
                    text=f"{instrument.value}: {t(f'compare.aspect.{aspect}')} {source[3]}: {was[2] if was else absent} -> {now[2] if now else absent}",
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
                    text=t("compare.change.route", instrument=key[0].value, channel=key[1].value, before=_state_words(state_was), after=_state_words(state_now)),
                )
            )
    return tuple(changes)


def _short(names: Names) -> str:
    return names.es if current() == "es" else names.en


def event_dates(book: StatusBook, states: Iterable[str], pair: frozenset[str]) -> dict[date, list[FactNote]]:
    """Dates on which something about these States (or an instrument itself) takes effect (texts in the language in use)."""
    wanted = set(states)
    out: dict[date, list[FactNote]] = {}

    def add(day: date | None, text: str, source: str, where: str, hypothetical: str | None, derived: bool = False) -> None:
        if day is None or day == NEVER:
            return
        out.setdefault(day, []).append(FactNote(text=text, source=source, where=where, hypothetical=hypothetical, derived=derived))

    for instrument, status in book.treaty.items():
        name = _short(book.books[instrument].instrument.short)
        if status.window.hi is not None and status.window.hi == status.window.lo:
            text = t("compare.event.treaty_in_force", name=name, explanation=status.explanation, instrument=instrument.value, cite=status.cite)
            add(status.window.hi, text, "", f"rules/{instrument.value}.yaml", status.hypothetical, status.derived)
    for (instrument, iso2), party in book.status.items():
        if iso2 not in wanted:
            continue
        name = _short(book.books[instrument].instrument.short)
        row = party.row
        hyp = party.hypothetical
        if party.window.hi is not None and party.window.hi == party.window.lo:
            text = t("compare.event.party_in_force", name=name, state=iso2, how=party.how)
            add(party.window.hi, text, row.source_url if row else "", row.where if row else "", hyp, party.derived)
        if party.end is not None:
            text = t("compare.event.party_ceases", name=name, state=iso2, cite=party.end_cite)
            add(party.end, text, row.source_url if row else "", row.where if row else "", hyp)
    for s in book.statement_rows:
        if s.iso2 not in wanted or s.kind not in ("reservation", "declaration"):
            continue
        label = t("compare.event.statement", state=s.iso2, kind=t(f"compare.source.{s.kind}"), instrument=s.instrument.value, provisions="; ".join(s.provisions))
        label = label[:1].upper() + label[1:]
        add(s.effective, t("compare.event.statement_effective", statement=label, summary=s.summary), s.source_url, s.where, s.hypothetical)
        add(s.withdrawn, t("compare.event.statement_withdrawn", statement=label, summary=s.summary), s.source_url, s.where, s.hypothetical)
    treaty = book.mla_treaties.get(pair)
    if treaty is not None:
        a, b = sorted(pair)
        add(treaty[0], t("compare.event.mla_treaty", a=a, b=b), "scenario", "", treaty[1])
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
