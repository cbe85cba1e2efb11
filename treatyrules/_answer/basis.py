"""Turn the rules that fired for one instrument into a cited ``Basis``.

The answer models are built without validation (``treatyrules._memo.construct``,
which does what ``model_construct`` does, faster): every part comes from validated
rule files, data and queries, and revalidating the same values on every query would
triple its cost (``tests/test_api.py`` checks that answers round-trip through
validation unchanged). Parts that depend only on their inputs and the language (a
fact's note, a rule's reason, a time limit) are memoised in bounded caches.

Applicability is the conjunction (three-valued) of every requirement rule and
of "some rule provides the measure". Channels are opened by some rules and
closed by others (a 27.9.e declaration closes the urgent direct channels);
a channel is available when it is open and not closed. Everything else is
collected as fired, merged by tag, with the articles of every rule behind it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from treatyrules._i18n import Lang, Text, current, t
from treatyrules._memo import construct
from treatyrules._rules.evaluate import Firing
from treatyrules._rules.logic import FALSE, Fact, Missing, Truth, all_of, any_of, not_
from treatyrules._rules.predicates import Context
from treatyrules._rules.rulebook import CompiledRule, Rulebook
from treatyrules.errors import DefinitionError, Message
from treatyrules.models import (
    Basis,
    ChannelEntry,
    ClosedList,
    ConditionEntry,
    ContentItem,
    DualCriminalityEntry,
    FactNote,
    GroundEntry,
    MissingFact,
    Reason,
    Relationship,
    TimeLimit,
)
from treatyrules.vocabulary import Channel, Confidence, Ground, Measure


def fact_note(fact: Fact) -> FactNote:
    """The public note of ``fact``, its text in the language in use."""
    return _fact_note(fact, current())


@functools.lru_cache(maxsize=16384)
def _fact_note(fact: Fact, lang: Lang) -> FactNote:
    return construct(FactNote, dict(
        text=fact.text.pick(lang),
        source=fact.source,
        where=fact.where,
        as_of=fact.as_of,
        derived=fact.derived,
        hypothetical=fact.hypothetical,
        confidence=fact.confidence,
    ))


def missing_facts(items: Iterable[Missing], lang: Lang | None = None) -> tuple[MissingFact, ...]:
    seen: dict[Missing, None] = {}
    for item in items:
        seen.setdefault(item, None)
    picked = current() if lang is None else lang
    return tuple(_missing_fact(m, picked) for m in seen)


@functools.lru_cache(maxsize=16384)
def _missing_fact(missing: Missing, lang: Lang) -> MissingFact:
    return construct(MissingFact, dict(fact=missing.key, text=missing.text.pick(lang)))


@functools.lru_cache(maxsize=1024)
def _closed_list(closed: bool, articles: tuple[str, ...]) -> ClosedList:
    return construct(ClosedList, dict(closed=closed, articles=articles))


@functools.lru_cache(maxsize=8192)
def _article_key(citation: str) -> tuple[object, ...]:
    instrument, _, ref = citation.partition(" ")
    parts: list[object] = [instrument]
    for piece in ref.split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


def sort_articles(citations: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(citations), key=_article_key))


def _confidence(firings: Iterable[Firing]) -> Confidence:
    for rule, truth in firings:
        if rule.confidence is _VERIFY:
            return _VERIFY
        for fact in truth.facts:
            if fact.confidence is _VERIFY:
                return _VERIFY
    return Confidence.HIGH


_VERIFY = Confidence.VERIFY


def _reason(firing: Firing) -> Reason:
    return _reason_for(firing.rule, firing.truth, current())


@functools.lru_cache(maxsize=16384)
def _reason_for(rule: CompiledRule, truth: Truth, lang: Lang) -> Reason:
    firing = Firing(rule, truth)
    return construct(Reason, dict(
        text=rule.text.pick(lang),
        holds=truth.value,
        articles=_firing_cites(firing),
        rule=firing.rule.id,
        facts=tuple(_fact_note(f, lang) for f in truth.facts),
        confidence=_confidence([firing]),
    ))


_SPACES = re.compile(r"\s+")


def _clean(text: Text, lang: Lang) -> str:
    """``text`` in ``lang``, on one line."""
    picked = text.pick(lang)
    found = _CLEAN.get(picked)
    if found is None:
        found = _SPACES.sub(" ", picked).strip()
        if len(_CLEAN) < _CLEAN_SIZE:  # the rule files' texts: a bounded, fixed set
            _CLEAN[picked] = found
    return found


_CLEAN: dict[str, str] = {}
_CLEAN_SIZE = 16384


def _firing_cites(firing: Firing) -> tuple[str, ...]:
    """The rule's articles, and those that derive the facts it rests on."""
    own = firing.rule.cites
    extra = [c for fact in firing.truth.facts if fact.cites for c in fact.cites if c not in own]
    return own + tuple(dict.fromkeys(extra)) if extra else own


@functools.lru_cache(maxsize=16384)
def _cites_of(firings: tuple[Firing, ...], extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The articles of ``firings`` (each rule's own and those deriving its facts) and ``extra``,
    sorted: the same rules firing on the same facts (another pair, another class) cite the same."""
    return sort_articles(itertools.chain(extra, (c for f in firings for c in _firing_cites(f))))


def _applies(truth: Truth) -> bool | None:
    return True if truth.value is True else None


def build_basis(
    book: Rulebook,
    firings: tuple[Firing, ...],
    ctx: Context,
    labels: Mapping[str, Mapping[str, str]],
    set_aside: tuple[Firing, ...] = (),
) -> Basis:
    spec = book.spec
    instrument = book.instrument
    measure = ctx.query.measure
    lang = current()
    by_kind: dict[str, list[Firing]] = defaultdict(list)
    requirements: list[Firing] = []
    for firing in firings:
        rule = firing.rule
        if rule.require is not None:
            requirements.append(firing)
        else:
            by_kind[rule.kind].append(firing)  # type: ignore[index]  # a conclusion has a kind

    reasons: list[Reason] = [_reason_for(rule, truth, lang) for rule, truth in requirements]
    for f in set_aside:
        reserved = "; ".join(fact.text.pick(lang) for fact in f.truth.facts)
        reasons.append(
            construct(Reason, dict(
                text=t("answer.set_aside_by_reservation", reservation=reserved, rule=_clean(f.rule.summary, lang)),
                holds=False,
                articles=sort_articles(f.rule.cites + (book.cite(book.spec.reservations.cite),) + ((book.cite(book.spec.reservations.reciprocity_cite),) if book.spec.reservations.reciprocity_cite else ())),
                rule=f.rule.id,
                facts=tuple(_fact_note(x, lang) for x in f.truth.facts),
                confidence=_confidence([f]),
            ))
        )
    provides = [f for f in by_kind["provides"] if f.rule.then and f.rule.then.provides and f.rule.then.provides.measure is measure]
    own_name: str | None = None
    if provides:
        provided = any_of([f.truth for f in provides])
        reasons.extend(_reason_for(rule, truth, lang) for rule, truth in provides)
        own = next((f.rule.then.provides.own_name for f in provides if f.rule.then and f.rule.then.provides), None)
        own_name = own.pick(lang) if own is not None else None
    else:
        provided = FALSE
        # absent from not_provided: the rule providing it was set aside by a reservation (reasons say so)
        if measure in spec.not_provided:
            reasons.append(_not_provided(book, measure, lang))
    applicable = all_of([f.truth for f in requirements] + [provided])
    extra = (book.cite(spec.not_provided[measure].cite),) if not provides and measure in spec.not_provided else ()
    common = dict(
        instrument=instrument,
        name=spec.instrument.name.es if lang == "es" else spec.instrument.name.en,
        applicable=applicable.value,
        measure_in_instrument=own_name,
        reasons=tuple(reasons),
        relationship=_relationship(book, lang),
        missing_facts=missing_facts(applicable.missing),
    )
    if applicable.value is False:
        confidence = _confidence(requirements + provides)
        return construct(Basis, dict(articles=_cites_of(tuple(requirements + provides), extra), confidence=confidence, **common))

    channels = _channels(by_kind["channel"], by_kind["closes_channels"], lang)
    dual = _dual_criminality(by_kind["dual_criminality"], book)
    grounds = _grounds(by_kind["refusal_ground"], "refusal_ground", ctx, labels)
    postponement = _grounds(by_kind["postponement_ground"], "postponement_ground", ctx, labels)
    prohibited = _prohibited(by_kind["prohibited_ground"], labels)
    closed = [f for f in by_kind["closed_list"] if f.truth.value is True]
    time_limits = tuple(_time_limit(f.rule, _applies(f.truth), _confidence([f]), lang) for f in by_kind["time_limit"])
    contents = tuple(item for f in by_kind["required_contents"] for item in _contents(book, f.rule, _applies(f.truth), _confidence([f]), lang))
    conditions = tuple(_condition(f.rule, _applies(f.truth), _confidence([f]), lang) for f in by_kind["condition"])
    articles = _cites_of(firings, extra)
    confidence = _confidence(firings)  # every firing contributes: the requirements and each conclusion
    return construct(Basis, dict(
        articles=articles,
        channels=channels,
        dual_criminality=dual,
        refusal_grounds=grounds,
        grounds_closed_list=_closed_list(bool(closed), _cites_of(tuple(closed))),
        postponement_grounds=postponement,
        prohibited_grounds=prohibited,
        time_limits=time_limits,
        required_contents=contents,
        conditions=conditions,
        confidence=confidence,
        **common,
    ))


# Entries that depend only on the rule, whether it holds and the language are built once and shared.


@functools.lru_cache(maxsize=64)
def _relationship(book: Rulebook, lang: Lang) -> tuple[Relationship, ...]:
    """What the rule file says of the instrument's relation to others: the same in every basis."""
    default = book.spec.instrument.confidence
    return tuple(
        construct(Relationship, dict(text=_clean(r.summary, lang), articles=(book.cite(r.cite),), confidence=r.confidence or default))
        for r in book.spec.relationship
    )


@functools.lru_cache(maxsize=1024)
def _not_provided(book: Rulebook, measure: Measure, lang: Lang) -> Reason:
    """Why the instrument does not provide ``measure``, as its rule file says: the same in every basis."""
    note = book.spec.not_provided[measure]
    return construct(Reason, dict(
        text=_clean(note.summary, lang),
        holds=False,
        articles=(book.cite(note.cite),),
        rule=f"{book.instrument.value}.not_provided.{measure.value}",
        confidence=note.confidence or book.spec.instrument.confidence,
    ))


@functools.lru_cache(maxsize=16384)
def _time_limit(rule: CompiledRule, applies: bool | None, confidence: Confidence, lang: Lang) -> TimeLimit:
    assert rule.then is not None and rule.then.time_limit is not None
    limit = rule.then.time_limit
    return construct(TimeLimit, dict(
        id=limit.id, bound=limit.bound, days=limit.days, hours=limit.hours, runs_from=limit.runs_from, text=_clean(limit.text, lang),
        articles=rule.cites, applies=applies, confidence=confidence,
    ))


@functools.lru_cache(maxsize=16384)
def _contents(book: Rulebook, rule: CompiledRule, applies: bool | None, confidence: Confidence, lang: Lang) -> tuple[ContentItem, ...]:
    assert rule.then is not None and rule.then.required_contents is not None
    return tuple(
        construct(ContentItem, dict(
            item=item.item, text=_clean(item.text, lang),
            articles=(book.cite(item.cite),) if item.cite else rule.cites, applies=applies, confidence=confidence,
        ))
        for item in rule.then.required_contents
    )


@functools.lru_cache(maxsize=16384)
def _condition(rule: CompiledRule, applies: bool | None, confidence: Confidence, lang: Lang) -> ConditionEntry:
    assert rule.then is not None and rule.then.condition is not None
    c = rule.then.condition
    return construct(ConditionEntry, dict(id=c.id, text=_clean(c.text, lang), articles=rule.cites, applies=applies, confidence=confidence))


def _channels(opens: list[Firing], closes: list[Firing], lang: Lang) -> tuple[ChannelEntry, ...]:
    opened: dict[Channel, list[Firing]] = defaultdict(list)
    for f in opens:
        assert f.rule.then and f.rule.then.channel is not None
        opened[f.rule.then.channel].append(f)
    closing: dict[Channel, list[Firing]] = defaultdict(list)
    for f in closes:
        assert f.rule.then and f.rule.then.closes_channels
        for channel in f.rule.then.closes_channels:
            closing[channel].append(f)
    return tuple(
        _channel(channel, tuple(opened[channel]), tuple(closing.get(channel, ())), lang)
        for channel in _CHANNELS
        if channel in opened
    )


_CHANNELS = tuple(Channel)


@functools.lru_cache(maxsize=16384)
def _channel(channel: Channel, opened: tuple[Firing, ...], closing: tuple[Firing, ...], lang: Lang) -> ChannelEntry:
    """One channel's entry: the same rules opening and closing it on the same facts give the same entry."""
    open_truth = any_of([f.truth for f in opened])
    close_truth = any_of([f.truth for f in closing]) if closing else FALSE
    available = all_of([open_truth, not_(close_truth)])
    return construct(ChannelEntry, dict(
        channel=channel,
        available=available.value,
        articles=_cites_of(opened + closing),
        reasons=tuple(_reason_for(f.rule, f.truth, lang) for f in opened),
        closed_by=tuple(_reason_for(f.rule, f.truth, lang) for f in closing),
        confidence=_confidence(opened + closing),
        missing_facts=missing_facts(available.missing, lang),
    ))


def _dual_criminality(firings: list[Firing], book: Rulebook) -> DualCriminalityEntry | None:
    if not firings:
        return None
    values = {f.rule.then.dual_criminality for f in firings if f.rule.then}
    if len(values) > 1:
        ids = ", ".join(f.rule.id for f in firings)
        raise DefinitionError(Message("answer.conflicting_dual_criminality", path=book.path, rules=ids))
    (value,) = values
    assert value is not None
    return construct(DualCriminalityEntry, dict(value=value, articles=_cites_of(tuple(firings)), reasons=tuple(_reason(f) for f in firings), confidence=_confidence(firings)))


_GROUND_ORDER = {ground: i for i, ground in enumerate(Ground)}


def _grounds(firings: list[Firing], kind: str, ctx: Context, labels: Mapping[str, Mapping[str, str]]) -> tuple[GroundEntry, ...]:
    grouped: dict[tuple[Ground, str, str | None], list[Firing]] = defaultdict(list)
    for f in firings:
        spec = getattr(f.rule.then, kind)
        state = None
        if spec.of is not None:
            state = ctx.query.requesting if spec.of == "requesting" else ctx.query.requested
        grouped[(spec.ground, spec.source, state)].append(f)
    texts = labels["ground"]
    lang = current()
    return tuple(
        _ground(ground, source, state, tuple(group), texts[ground.value], lang)
        for (ground, source, state), group in sorted(grouped.items(), key=_ground_order)
    )


def _ground_order(item: tuple[tuple[Ground, str, str | None], list[Firing]]) -> tuple[int, str, str]:
    ground, source, state = item[0]
    return _GROUND_ORDER[ground], source, state or ""


@functools.lru_cache(maxsize=16384)
def _ground(ground: Ground, source: str, state: str | None, group: tuple[Firing, ...], text: str, lang: Lang) -> GroundEntry:
    """One ground's entry: the same rules on the same facts give the same entry, whichever pair asks."""
    truth = any_of([f.truth for f in group])
    return construct(GroundEntry, dict(
        ground=ground,
        articles=_cites_of(group),
        source=source,
        state=state,
        applies=_applies(truth),
        text=text,
        confidence=_confidence(group),
        missing_facts=missing_facts(truth.missing, lang) if truth.value is None else (),
    ))


def _prohibited(firings: list[Firing], labels: Mapping[str, Mapping[str, str]]) -> tuple[GroundEntry, ...]:
    grouped: dict[Ground, list[Firing]] = defaultdict(list)
    for f in firings:
        assert f.rule.then and f.rule.then.prohibited_ground is not None
        grouped[f.rule.then.prohibited_ground].append(f)
    return tuple(
        construct(GroundEntry, dict(
            ground=ground,
            articles=_cites_of(tuple(group)),
            source="instrument",
            applies=_applies(any_of([f.truth for f in group])),
            text=labels["ground"][ground.value],
            confidence=_confidence(group),
        ))
        for ground, group in sorted(grouped.items(), key=lambda kv: _GROUND_ORDER[kv[0]])
    )
