"""Compare the open bases of one answer: fastest route, fewest refusal grounds, where they differ.

A basis is open when it applies or may apply (``applicable`` true or unknown). With two or
more open bases the answer carries a ``Comparison``. It reports; it never chooses. Nothing in
the instruments ranks them (Budapest 39, Second Protocol 15, UN 60, the COMJIB preamble), so
the comparison ends with a fixed statement saying so, and each instrument's own clause on
other treaties is quoted from its rule file's ``relationship`` section.

"Fastest" uses the routes' ranking: a route that is certainly available comes before one
that may be, then the channel's ``speed`` in ``rules/channels.yaml`` (a project ranking of
how quickly a channel moves, not a legal one). "Fewest refusal grounds" counts the distinct
grounds a basis lists; an open list (one that defers to a treaty or domestic law) may hold
more than it lists, and the text says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from treatyrules._graph.routes import ChannelMap
from treatyrules._i18n import t
from treatyrules._memo import construct
from treatyrules.models import (
    Basis,
    BasisProfile,
    Comparison,
    Difference,
    InstrumentRelationship,
    Route,
    TimeLimit,
)
from treatyrules.vocabulary import Channel, Ground, Instrument

#: the English text of ``compare.ranking`` (answers show it in the language in use)
NO_RANKING = (
    "Nothing in the texts ranks these instruments: each supplements other treaties or lets its "
    "Parties apply another agreement instead (Budapest Art 39, Second Protocol Art 15, UN "
    "Convention Art 60, COMJIB preamble), so none displaces another. Every open basis is "
    "available on its own terms; this comparison does not choose between them."
)
ABSENT = "absent"
_OPEN_LIST_GROUNDS = frozenset({Ground.TREATY_OR_DOMESTIC_LAW_GROUNDS, Ground.EXTRADITION_LAW_OR_TREATY_GROUNDS, Ground.DISCRETIONARY})


def describe_time_limit(limit: TimeLimit) -> str:
    """``min 60 days``, ``within 48 hours``, ``until`` ... (``(if it applies)`` when conditional).

    A stable value in every language (``BasisProfile.time_limits``, ``Difference.values``);
    ``time_limit_words`` is the same in the language in use, for texts.
    """
    amount = f" {limit.days} days" if limit.days else (f" {limit.hours} hours" if limit.hours else "")
    maybe = " (if it applies)" if limit.applies is None else ""
    return f"{limit.bound}{amount}{maybe}"


def time_limit_words(limit: TimeLimit, *, conditional: bool = True) -> str:
    """``describe_time_limit`` in the language in use (``mínimo 60 días``)."""
    amount = t("compare.days", n=limit.days) if limit.days else (t("compare.hours", n=limit.hours) if limit.hours else "")
    maybe = t("compare.if_it_applies") if conditional and limit.applies is None else ""
    return f"{t(f'compare.bound.{limit.bound}')}{amount}{maybe}"


def _sorted_articles(citations: Iterable[str]) -> tuple[str, ...]:
    from treatyrules._answer.basis import sort_articles

    return sort_articles(citations)


def _profile(basis: Basis, best: Route | None, speeds: Mapping[Channel, int]) -> BasisProfile:
    return construct(BasisProfile, dict(
        instrument=basis.instrument,
        applicable=basis.applicable,
        confidence=basis.confidence,
        channels=tuple(c.channel for c in basis.channels if c.available is not False),
        best_route=best.rank if best else None,
        best_channel=best.channel if best else None,
        best_speed=speeds.get(best.channel) if best else None,
        refusal_grounds=tuple(dict.fromkeys(g.ground for g in basis.refusal_grounds)),
        grounds_closed_list=basis.grounds_closed_list.closed,
        dual_criminality=basis.dual_criminality.value if basis.dual_criminality else None,
        time_limits=tuple(describe_time_limit(t) for t in basis.time_limits),
        missing_facts=basis.missing_facts,
    ))


def compare_bases(
    bases: tuple[Basis, ...],
    routes: tuple[Route, ...],
    channel_map: ChannelMap,
    labels: Mapping[str, Mapping[str, str]],
    value_labels: Mapping[str, Mapping[str, str]] | None = None,
) -> Comparison | None:
    """The comparison of the open bases, or None when fewer than two are open.

    ``labels`` name the vocabulary in the language in use (for texts); ``value_labels``
    (default ``labels``) in the one language that ``Difference.values`` keep in every answer.
    """
    open_bases = [b for b in bases if b.applicable is not False]
    if len(open_bases) < 2:
        return None
    speeds = {channel: shape.speed for channel, shape in channel_map.channels.items()}
    best: dict[Instrument, Route] = {}
    for route in routes:
        best.setdefault(route.instrument, route)
    profiles = tuple(_profile(b, best.get(b.instrument), speeds) for b in open_bases)
    fastest, fastest_text = _fastest(open_bases, best, speeds, labels)
    fewest, fewest_text = _fewest_grounds(open_bases)
    return construct(Comparison, dict(
        instruments=tuple(b.instrument for b in open_bases),
        profiles=profiles,
        fastest=fastest,
        fastest_text=fastest_text,
        fewest_grounds=fewest,
        fewest_grounds_text=fewest_text,
        differences=_differences(open_bases, labels, value_labels or labels),
        relationships=tuple(
            InstrumentRelationship.model_construct(instrument=b.instrument, text=r.text, articles=r.articles, confidence=r.confidence)
            for b in open_bases
            for r in b.relationship
        ),
        ranking=t("compare.ranking"),
    ))


def _route_words(route: Route, speeds: Mapping[Channel, int], labels: Mapping[str, Mapping[str, str]]) -> str:
    channel = labels["channel"].get(route.channel.value, route.channel.value)
    speed = speeds.get(route.channel)
    maybe = "" if route.available is True else t("compare.route_if_available")
    shown = t("compare.route_speed", speed=speed) if speed is not None else ""
    return t("compare.route", instrument=route.instrument.value, channel=channel, rank=route.rank, speed=shown, maybe=maybe)


def _fastest(
    bases: list[Basis], best: Mapping[Instrument, Route], speeds: Mapping[Channel, int], labels: Mapping[str, Mapping[str, str]]
) -> tuple[tuple[Instrument, ...], str]:
    candidates = [best[b.instrument] for b in bases if b.instrument in best]
    if not candidates:
        return (), t("compare.no_route_at_all")

    def key(route: Route) -> tuple[int, int]:
        return (0 if route.available is True else 1, speeds.get(route.channel, 99))

    top = min(key(r) for r in candidates)
    winners = [r for r in candidates if key(r) == top]
    others = [r for r in candidates if key(r) != top]
    if len(winners) == 1:
        text = t("compare.fastest", route=_route_words(winners[0], speeds, labels))
    else:
        text = t("compare.equally_fast", routes="; ".join(_route_words(r, speeds, labels) for r in winners))
    if others:
        text += " " + t("compare.then", routes="; ".join(_route_words(r, speeds, labels) for r in sorted(others, key=lambda r: r.rank)))
    missing = [b.instrument.value for b in bases if b.instrument not in best]
    if missing:
        text += " " + t("compare.no_route_under", instruments=", ".join(missing))
    text += " " + t("compare.speeds_note")
    return tuple(r.instrument for r in winners), text


def _count(basis: Basis) -> int:
    return len({g.ground for g in basis.refusal_grounds})


def _list_words(basis: Basis) -> str:
    n = _count(basis)
    if basis.grounds_closed_list.closed:
        kind = t("compare.list_closed", articles=", ".join(basis.grounds_closed_list.articles))
    elif any(g.ground in _OPEN_LIST_GROUNDS for g in basis.refusal_grounds):
        kind = t("compare.list_open")
    else:
        kind = t("compare.list_not_exhaustive")
    return t("compare.lists", instrument=basis.instrument.value, count=n, kind=kind)


def _fewest_grounds(bases: list[Basis]) -> tuple[tuple[Instrument, ...], str]:
    least = min(_count(b) for b in bases)
    winners = [b for b in bases if _count(b) == least]
    lead = "compare.fewest_grounds" if len(winners) == 1 else "compare.equally_few_grounds"
    text = t(lead, lists="; ".join(_list_words(b) for b in winners))
    others = [b for b in bases if b not in winners]
    if others:
        text += " " + t("compare.against", lists="; ".join(_list_words(b) for b in others))
    return tuple(b.instrument for b in winners), text


def _differences(
    bases: list[Basis], labels: Mapping[str, Mapping[str, str]], value_labels: Mapping[str, Mapping[str, str]]
) -> tuple[Difference, ...]:
    """Texts in the language in use (``labels``); values the same in every language (``value_labels``)."""
    out: list[Difference] = []
    names = labels["dual_criminality"]

    dual = {b.instrument.value: (b.dual_criminality.value.value if b.dual_criminality else "not stated") for b in bases}
    if len(set(dual.values())) > 1:
        parts = [f"{i} {names.get(v, t('compare.not_stated') if v == 'not stated' else v)}" for i, v in dual.items()]
        out.append(
            construct(Difference, dict(
                aspect="dual_criminality",
                item="dual_criminality",
                values=dual,
                articles=_sorted_articles(c for b in bases if b.dual_criminality for c in b.dual_criminality.articles),
                text=t("compare.dual_criminality", parts="; ".join(parts)),
            ))
        )

    closed = {b.instrument.value: ("closed" if b.grounds_closed_list.closed else "open") for b in bases}
    if len(set(closed.values())) > 1:
        out.append(
            construct(Difference, dict(
                aspect="closed_list",
                item="closed_list",
                values=closed,
                articles=_sorted_articles(c for b in bases for c in b.grounds_closed_list.articles),
                text=t(
                    "compare.closed_list",
                    parts="; ".join(t("compare.is_closed_list" if v == "closed" else "compare.is_not_closed_list", instrument=i) for i, v in closed.items()),
                ),
            ))
        )

    listed = {e.ground for b in bases for e in b.refusal_grounds}
    present = [g for g in Ground if g in listed]
    for ground in present:
        values: dict[str, str] = {}
        articles: list[str] = []
        for b in bases:
            entries = [e for e in b.refusal_grounds if e.ground is ground]
            if entries:
                values[b.instrument.value] = "may apply" if all(e.applies is None for e in entries) else "yes"
                articles.extend(c for e in entries for c in e.articles)
            elif ground is Ground.PREJUDICE_ONGOING_INVESTIGATION and any(
                p.ground is Ground.POSTPONE_ONGOING_INVESTIGATION for p in b.postponement_grounds
            ):
                values[b.instrument.value] = "postponement only"
                articles.extend(c for p in b.postponement_grounds if p.ground is Ground.POSTPONE_ONGOING_INVESTIGATION for c in p.articles)
            else:
                values[b.instrument.value] = ABSENT
        if all(v != ABSENT and v != "postponement only" for v in values.values()):
            continue
        label = labels["ground"].get(ground.value, ground.value)
        having = [i for i, v in values.items() if v not in (ABSENT, "postponement only")]
        lacking = [i for i, v in values.items() if v in (ABSENT, "postponement only")]
        note = "".join(t("compare.postpone_only", instrument=i) for i, v in values.items() if v == "postponement only")
        out.append(
            construct(Difference, dict(
                aspect="refusal_ground",
                item=ground.value,
                values=values,
                articles=_sorted_articles(articles),
                text=t("compare.ground", label=f"{label[:1].upper()}{label[1:]}", having=", ".join(having), lacking=", ".join(lacking), note=note),
            ))
        )

    limits = {b.instrument.value: ", ".join(describe_time_limit(tl) for tl in b.time_limits) or "none" for b in bases}
    shapes = {b.instrument.value: frozenset((tl.bound, tl.days, tl.hours) for tl in b.time_limits) for b in bases}
    if len(set(shapes.values())) > 1:
        out.append(
            construct(Difference, dict(
                aspect="time_limits",
                item="time_limits",
                values=limits,
                articles=_sorted_articles(c for b in bases for tl in b.time_limits for c in tl.articles),
                text=t(
                    "compare.time_limits",
                    parts="; ".join(
                        f"{b.instrument.value}: {', '.join(time_limit_words(tl) for tl in b.time_limits) or t('compare.none')}"
                        for b in bases
                    ),
                ),
            ))
        )

    def channel_values(b: Basis) -> str:
        shown = [value_labels["channel"].get(c.channel.value, c.channel.value) + ("" if c.available else " (if available)") for c in b.channels if c.available is not False]
        return ", ".join(shown) or "none"

    def channel_words(b: Basis) -> str:
        shown = [
            labels["channel"].get(c.channel.value, c.channel.value) + ("" if c.available else t("compare.if_available"))
            for c in b.channels
            if c.available is not False
        ]
        return ", ".join(shown) or t("compare.none")

    open_channels = {b.instrument.value: frozenset(c.channel for c in b.channels if c.available is not False) for b in bases}
    if len(set(open_channels.values())) > 1:
        values_c = {b.instrument.value: channel_values(b) for b in bases}
        out.append(
            construct(Difference, dict(
                aspect="channels",
                item="channels",
                values=values_c,
                articles=_sorted_articles(c for b in bases for e in b.channels if e.available is not False for c in e.articles),
                text=t("compare.channels", parts="; ".join(f"{b.instrument.value}: {channel_words(b)}" for b in bases)),
            ))
        )
    return tuple(out)
