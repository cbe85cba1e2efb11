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

NO_RANKING = (
    "Nothing in the texts ranks these instruments: each supplements other treaties or lets its "
    "Parties apply another agreement instead (Budapest Art 39, Second Protocol Art 15, UN "
    "Convention Art 60, COMJIB preamble), so none displaces another. Every open basis is "
    "available on its own terms; this comparison does not choose between them."
)
ABSENT = "absent"
_OPEN_LIST_GROUNDS = frozenset({Ground.TREATY_OR_DOMESTIC_LAW_GROUNDS, Ground.EXTRADITION_LAW_OR_TREATY_GROUNDS, Ground.DISCRETIONARY})


def describe_time_limit(limit: TimeLimit) -> str:
    """``min 60 days``, ``within 48 hours``, ``until`` ... (``(if it applies)`` when conditional)."""
    amount = f" {limit.days} days" if limit.days else (f" {limit.hours} hours" if limit.hours else "")
    maybe = " (if it applies)" if limit.applies is None else ""
    return f"{limit.bound}{amount}{maybe}"


def _sorted_articles(citations: Iterable[str]) -> tuple[str, ...]:
    from treatyrules._answer.basis import sort_articles

    return sort_articles(citations)


def _profile(basis: Basis, best: Route | None, speeds: Mapping[Channel, int]) -> BasisProfile:
    return BasisProfile.model_construct(
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
    )


def compare_bases(
    bases: tuple[Basis, ...],
    routes: tuple[Route, ...],
    channel_map: ChannelMap,
    labels: Mapping[str, Mapping[str, str]],
) -> Comparison | None:
    """The comparison of the open bases, or None when fewer than two are open."""
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
    return Comparison.model_construct(
        instruments=tuple(b.instrument for b in open_bases),
        profiles=profiles,
        fastest=fastest,
        fastest_text=fastest_text,
        fewest_grounds=fewest,
        fewest_grounds_text=fewest_text,
        differences=_differences(open_bases, labels),
        relationships=tuple(
            InstrumentRelationship.model_construct(instrument=b.instrument, text=r.text, articles=r.articles, confidence=r.confidence)
            for b in open_bases
            for r in b.relationship
        ),
        ranking=NO_RANKING,
    )


def _route_words(route: Route, speeds: Mapping[Channel, int], labels: Mapping[str, Mapping[str, str]]) -> str:
    channel = labels["channel"].get(route.channel.value, route.channel.value)
    speed = speeds.get(route.channel)
    maybe = "" if route.available is True else ", if available"
    shown = f", speed {speed}" if speed is not None else ""
    return f"{route.instrument.value} through the {channel} (route {route.rank}{shown}{maybe})"


def _fastest(
    bases: list[Basis], best: Mapping[Instrument, Route], speeds: Mapping[Channel, int], labels: Mapping[str, Mapping[str, str]]
) -> tuple[tuple[Instrument, ...], str]:
    candidates = [best[b.instrument] for b in bases if b.instrument in best]
    if not candidates:
        return (), "No open basis offers a route for this request."

    def key(route: Route) -> tuple[int, int]:
        return (0 if route.available is True else 1, speeds.get(route.channel, 99))

    top = min(key(r) for r in candidates)
    winners = [r for r in candidates if key(r) == top]
    others = [r for r in candidates if key(r) != top]
    if len(winners) == 1:
        text = f"Fastest route: {_route_words(winners[0], speeds, labels)}."
    else:
        text = "Equally fast: " + "; ".join(_route_words(r, speeds, labels) for r in winners) + "."
    if others:
        text += " Then: " + "; ".join(_route_words(r, speeds, labels) for r in sorted(others, key=lambda r: r.rank)) + "."
    missing = [b.instrument.value for b in bases if b.instrument not in best]
    if missing:
        text += f" No route under {', '.join(missing)}."
    text += " Speeds are the project's ranking of channels (rules/channels.yaml), not a legal ranking."
    return tuple(r.instrument for r in winners), text


def _count(basis: Basis) -> int:
    return len({g.ground for g in basis.refusal_grounds})


def _list_words(basis: Basis) -> str:
    n = _count(basis)
    if basis.grounds_closed_list.closed:
        kind = f"closed list, {', '.join(basis.grounds_closed_list.articles)}"
    elif any(g.ground in _OPEN_LIST_GROUNDS for g in basis.refusal_grounds):
        kind = "open list: the applicable treaty or domestic law may add grounds"
    else:
        kind = "not stated to be exhaustive"
    return f"{basis.instrument.value} lists {n} ({kind})"


def _fewest_grounds(bases: list[Basis]) -> tuple[tuple[Instrument, ...], str]:
    least = min(_count(b) for b in bases)
    winners = [b for b in bases if _count(b) == least]
    lead = "Fewest refusal grounds: " if len(winners) == 1 else "Equally few refusal grounds: "
    text = lead + "; ".join(_list_words(b) for b in winners) + "."
    others = [b for b in bases if b not in winners]
    if others:
        text += " Against: " + "; ".join(_list_words(b) for b in others) + "."
    return tuple(b.instrument for b in winners), text


def _differences(bases: list[Basis], labels: Mapping[str, Mapping[str, str]]) -> tuple[Difference, ...]:
    out: list[Difference] = []
    names = labels["dual_criminality"]

    dual = {b.instrument.value: (b.dual_criminality.value.value if b.dual_criminality else "not stated") for b in bases}
    if len(set(dual.values())) > 1:
        parts = [f"{i} {names.get(v, v)}" for i, v in dual.items()]
        out.append(
            Difference.model_construct(
                aspect="dual_criminality",
                item="dual_criminality",
                values=dual,
                articles=_sorted_articles(c for b in bases if b.dual_criminality for c in b.dual_criminality.articles),
                text="Dual criminality: " + "; ".join(parts) + ".",
            )
        )

    closed = {b.instrument.value: ("closed" if b.grounds_closed_list.closed else "open") for b in bases}
    if len(set(closed.values())) > 1:
        out.append(
            Difference.model_construct(
                aspect="closed_list",
                item="closed_list",
                values=closed,
                articles=_sorted_articles(c for b in bases for c in b.grounds_closed_list.articles),
                text="Refusal grounds: " + "; ".join(f"{i} {'a closed list' if v == 'closed' else 'not a closed list'}" for i, v in closed.items()) + ".",
            )
        )

    present = [g for g in Ground if any(e.ground is g for b in bases for e in b.refusal_grounds)]
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
        note = "".join(f" ({i}: a ground to postpone only)" for i, v in values.items() if v == "postponement only")
        out.append(
            Difference.model_construct(
                aspect="refusal_ground",
                item=ground.value,
                values=values,
                articles=_sorted_articles(articles),
                text=f"{label[:1].upper()}{label[1:]}: a refusal ground under {', '.join(having)}; not under {', '.join(lacking)}{note}.",
            )
        )

    limits = {b.instrument.value: ", ".join(describe_time_limit(t) for t in b.time_limits) or "none" for b in bases}
    shapes = {b.instrument.value: frozenset((t.bound, t.days, t.hours) for t in b.time_limits) for b in bases}
    if len(set(shapes.values())) > 1:
        out.append(
            Difference.model_construct(
                aspect="time_limits",
                item="time_limits",
                values=limits,
                articles=_sorted_articles(c for b in bases for t in b.time_limits for c in t.articles),
                text="Time limits: " + "; ".join(f"{i}: {v}" for i, v in limits.items()) + ".",
            )
        )

    def channel_words(b: Basis) -> str:
        shown = [labels["channel"].get(c.channel.value, c.channel.value) + ("" if c.available else " (if available)") for c in b.channels if c.available is not False]
        return ", ".join(shown) or "none"

    open_channels = {b.instrument.value: frozenset(c.channel for c in b.channels if c.available is not False) for b in bases}
    if len(set(open_channels.values())) > 1:
        values_c = {b.instrument.value: channel_words(b) for b in bases}
        out.append(
            Difference.model_construct(
                aspect="channels",
                item="channels",
                values=values_c,
                articles=_sorted_articles(c for b in bases for e in b.channels if e.available is not False for c in e.articles),
                text="Channels: " + "; ".join(f"{i}: {v}" for i, v in values_c.items()) + ".",
            )
        )
    return tuple(out)
