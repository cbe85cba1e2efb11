"""Routes: the networkx graph of actors and channels for one request.

Nodes are actors of the two States (``("PE", "point_of_contact_24_7")``).
Edges inside a State are hand-offs; an edge between the States is a channel
that some instrument opened for this request, labelled with the instrument,
the channel and the articles. Every simple path from the requesting authority
to whoever executes the request is a route; routes are ranked by the channel's
speed, then by fewer hops. Where the data name a designated authority (the
notifications under Budapest Arts 24.7, 27.2 and 35), the route names it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, cast

import networkx as nx
from pydantic import BaseModel, ConfigDict, ValidationError

from treatyrules._facts.coverage import DESIGNATIONS
from treatyrules._facts.status import StatusBook
from treatyrules._i18n import current
from treatyrules._load.paths import display
from treatyrules._load.yaml_source import YamlSyntaxError, read_yaml
from treatyrules._memo import LRU
from treatyrules.errors import Message, RuleFileError
from treatyrules.models import Actor, Basis, FactNote, Hop, MissingFact, Query, Route
from treatyrules.vocabulary import Channel, Confidence, Instrument, Measure

Role = str


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleName(_Model):
    en: str
    es: str


class ChannelShape(_Model):
    sender: Role
    receiver: Role
    then: tuple[Role, ...] = ()
    speed: int


class ChannelMap(_Model):
    schema_: Literal["treatyrules.channels/1"]
    roles: dict[Role, RoleName]
    channels: dict[Channel, ChannelShape]
    roles_by_measure: dict[Measure, dict[Role, Role]] = {}


TERMINAL_ROLES = ("executing_authority", "service_provider", "registrar")


def load_channel_map(path: Path) -> ChannelMap:
    shown = display(path)
    try:
        doc = read_yaml(path)
    except YamlSyntaxError as exc:
        raise RuleFileError(shown, Message("routes.invalid_yaml", error=str(exc)), line=exc.line, column=exc.column) from None
    data = dict(doc.data or {})
    if "schema" in data:
        data["schema_"] = data.pop("schema")
    try:
        spec = ChannelMap.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple("schema" if p == "schema_" else p for p in first["loc"])
        line, column = doc.position(loc)
        raise RuleFileError(shown, first["msg"], line=line, column=column, location=".".join(str(p) for p in loc)) from None
    for name, shape in spec.channels.items():
        for role in (shape.sender, shape.receiver, *shape.then):
            if role not in spec.roles:
                line, column = doc.position(("channels", name.value))
                raise RuleFileError(shown, Message("routes.unknown_role", role=role, known=", ".join(spec.roles)), line=line, column=column, location=f"channels.{name.value}")
    return spec


@dataclass(frozen=True)
class _Edge:
    instrument: Instrument | None
    channel: Channel | None
    available: bool | None
    articles: tuple[str, ...]
    note: str | None


def _designation_instrument(instrument: Instrument, designations_of: Mapping[Instrument, Instrument]) -> Instrument:
    return designations_of.get(instrument, instrument)


_ARTICLE_OF_ROLE = {(instrument, role): article for instrument, pairs in DESIGNATIONS.items() for role, article in pairs}


def _actor(state: str, role: Role, instrument: Instrument, book: StatusBook, on: date, designations_of: Mapping[Instrument, Instrument]) -> Actor:
    """One end of a hop: the offices ``state`` designated for ``role``; where the data name
    none, what it notified under the role's article (the United States: no designation under
    Budapest Art 24.7.a, extradition being governed by bilateral treaties), in the language in use."""
    designating = _designation_instrument(instrument, designations_of)
    rows = book.authorities(designating, state, role, on)
    if not rows:
        article = _ARTICLE_OF_ROLE.get((designating, role))
        notes = book.notifications(designating, state, article, on) if article else ()
        lang = current()
        notified = tuple(
            FactNote.model_construct(
                text=s.summary.pick(lang), source=s.source_url, where=s.where, as_of=s.as_of, derived=False,
                hypothetical=s.hypothetical, confidence=s.confidence,
            )
            for s in notes
        )
        return Actor.model_construct(state=state, role=role, name=None, source=None, address=None, confidence=Confidence.HIGH, notified=notified)
    # several offices designated for one role are all named, none left out
    return Actor.model_construct(
        state=state,
        role=role,
        name="; ".join(row.name for row in rows),
        source="; ".join(dict.fromkeys(row.source_url for row in rows)),
        address="; ".join(row.address for row in rows if row.address) or None,
        confidence=Confidence.VERIFY if any(row.confidence == "verify" for row in rows) else Confidence.HIGH,
        notified=(),
    )


@dataclass(frozen=True)
class _Path:
    """A path through the graph of roles, ranked by ``order``; a route once its hops' ends are
    named and the basis's grounds and conditions attached."""

    instrument: Instrument
    channel: Channel
    available: bool | None
    articles: tuple[str, ...]
    steps: tuple[tuple[tuple[int, str], tuple[int, str], _Edge], ...]
    order: tuple[int, int, int, int]


#: ranked paths per measure and channels opened (few: the rule files' channels, combined)
SKELETON_SIZE = 1024
#: the ends of hops: a State, a role, an instrument, a status period and a language
ACTOR_SIZE = 8192


class RouteFinder:
    """Builds the actor graph for a request and ranks its paths.

    The paths through the graph of roles depend only on the measure's role
    swaps and the channels open on each basis, so they are memoised on that and
    shared by every pair of States; the routes add the two States' authorities
    at each hop's ends (depending on the date's status period and the language
    in use) and are memoised per pair. Actors keep their role as a tag
    (``Actor.role``); the names of designated authorities are the data's, in no
    particular language.
    """

    def __init__(self, channel_map: ChannelMap, designations_of: Mapping[Instrument, Instrument]) -> None:
        self.channel_map = channel_map
        self.designations_of = designations_of
        self._memo = LRU(65536)
        self._skeletons = LRU(SKELETON_SIZE)
        self._actors = LRU(ACTOR_SIZE)

    def routes(self, query: Query, bases: tuple[Basis, ...], book: StatusBook) -> tuple[Route, ...]:
        open_bases = [b for b in bases if b.applicable is not False]
        signature = signature_of(open_bases)
        # the language is in the key so that a text put on a hop (``Hop.note``) is never served in another
        key = (book.token, book.period(query.on), query.requesting, query.requested, query.measure, signature, current())
        paths = self._memo.get_or_make(key, lambda: self._paths(query, open_bases, signature, book))
        by_instrument = {b.instrument: b for b in open_bases}
        ranked = tuple(
            Route.model_construct(
                rank=i,
                instrument=p.instrument,
                channel=p.channel,
                available=p.available,
                hops=hops,
                articles=p.articles,
                refusal_grounds=by_instrument[p.instrument].refusal_grounds,
                conditions=by_instrument[p.instrument].conditions,
                confidence=_route_confidence(by_instrument[p.instrument], p.channel),
                missing_facts=tuple({m: None for m in by_instrument[p.instrument].missing_facts + _channel_missing(by_instrument[p.instrument], p.channel)}),
            )
            for i, (p, hops) in enumerate(paths, start=1)
        )
        return ranked + _unilateral_routes(open_bases, len(ranked))

    def _paths(
        self, query: Query, open_bases: list[Basis], signature: tuple[object, ...], book: StatusBook,
    ) -> tuple[tuple[_Path, tuple[Hop, ...]], ...]:
        """The ranked paths for ``open_bases`` (whose ``signature_of`` is ``signature``), each
        with its hops, their ends the two States' authorities."""
        states = (query.requesting, query.requested)
        return tuple(
            (
                path,
                tuple(
                    Hop.model_construct(
                        sender=self.actor(states[u[0]], u[1], path.instrument, book, query.on),
                        receiver=self.actor(states[v[0]], v[1], path.instrument, book, query.on),
                        channel=data.channel,
                        articles=data.articles,
                        note=None,
                    )
                    for u, v, data in path.steps
                ),
            )
            for path in self._skeletons.get_or_make((query.measure, signature), lambda: self._skeletons_of(query.measure, open_bases))
        )

    def actor(self, state: str, role: Role, instrument: Instrument, book: StatusBook, on: date) -> Actor:
        """``_actor``, memoised per status period (designations and notifications begin and end
        at the book's breakpoints) and language."""
        key = (book.token, state, role, instrument, book.period(on), current())
        return self._actors.get_or_make(key, lambda: _actor(state, role, instrument, book, on, self.designations_of))

    def _skeletons_of(self, measure: Measure, open_bases: list[Basis]) -> tuple[_Path, ...]:
        """The paths through the graph of roles, ranked: the same for every pair of States whose
        bases open the same channels (a node is a side, 0 requesting and 1 requested, and a role)."""
        swap = self.channel_map.roles_by_measure.get(measure, {})
        graph: nx.MultiDiGraph[tuple[int, str]] = nx.MultiDiGraph()
        source = (0, "requesting_authority")
        graph.add_node(source)
        for basis in open_bases:
            for entry in basis.channels:
                shape = self.channel_map.channels.get(entry.channel)
                if entry.available is False or shape is None:
                    continue
                sender = (0, swap.get(shape.sender, shape.sender))
                receiver = (1, swap.get(shape.receiver, shape.receiver))
                if sender != source:
                    graph.add_edge(source, sender, key=("handoff",), data=_Edge(None, None, True, (), None))
                graph.add_edge(
                    sender,
                    receiver,
                    key=(basis.instrument, entry.channel),
                    data=_Edge(basis.instrument, entry.channel, entry.available, entry.articles, None),
                )
                previous = receiver
                for role in shape.then:
                    node = (1, swap.get(role, role))
                    graph.add_edge(previous, node, key=("handoff",), data=_Edge(None, None, True, (), None))
                    previous = node
        applicable = {b.instrument: b.applicable for b in open_bases}
        found: list[_Path] = []
        for target in [n for n in graph.nodes if n[0] == 1 and n[1] in TERMINAL_ROLES]:
            for raw in nx.all_simple_edge_paths(graph, source, target):
                # on a multigraph each step is a (sender, receiver, key) triple; the stubs know only pairs
                path = cast("list[tuple[tuple[int, str], tuple[int, str], object]]", raw)
                edges = [graph.edges[u, v, k]["data"] for u, v, k in path]
                crossing = [e for e in edges if e.channel is not None]
                if len(crossing) != 1:
                    continue
                edge = crossing[0]
                assert edge.instrument is not None and edge.channel is not None
                available = edge.available if applicable[edge.instrument] is True else (None if edge.available is not False else False)
                speed = self.channel_map.channels[edge.channel].speed
                order = (0 if available is True else 1, speed, len(path), list(Instrument).index(edge.instrument))
                steps = tuple((u, v, data) for (u, v, _), data in zip(path, edges, strict=True))
                found.append(_Path(edge.instrument, edge.channel, available, edge.articles, steps, order))
        found.sort(key=lambda p: p.order)
        return tuple(found)


def signature_of(open_bases: list[Basis]) -> tuple[object, ...]:
    """What the paths read of the bases that may apply: each one's instrument, whether it
    applies, and its channels not closed with their articles."""
    return tuple(
        (b.instrument, b.applicable is True, tuple((c.channel, c.available, c.articles) for c in b.channels if c.available is not False))
        for b in open_bases
    )


def _route_confidence(basis: Basis, channel: Channel) -> Confidence:
    if basis.confidence is Confidence.VERIFY:
        return Confidence.VERIFY
    return _channel_confidence(basis, channel)


def _channel_confidence(basis: Basis, channel: Channel) -> Confidence:
    entry = next(e for e in basis.channels if e.channel is channel)
    return entry.confidence


def _channel_missing(basis: Basis, channel: Channel) -> tuple[MissingFact, ...]:
    entry = next(e for e in basis.channels if e.channel is channel)
    return entry.missing_facts


def _unilateral_routes(bases: list[Basis], start: int) -> tuple[Route, ...]:
    """Measures that need no request (Budapest Art 32): a route with no hops."""
    out: list[Route] = []
    for basis in bases:
        for entry in basis.channels:
            if entry.channel is Channel.NONE and entry.available is not False:
                out.append(
                    Route.model_construct(
                        rank=start + len(out) + 1,
                        instrument=basis.instrument,
                        channel=Channel.NONE,
                        available=entry.available if basis.applicable is True else None,
                        hops=(),
                        articles=entry.articles,
                        refusal_grounds=(),
                        conditions=basis.conditions,
                        confidence=entry.confidence,
                        missing_facts=(),
                    )
                )
    return tuple(out)
