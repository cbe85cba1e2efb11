"""The query and the answer, as frozen pydantic models (public API).

``Answer.model_json_schema()`` gives the JSON schema; ``docs/api.md`` shows an
answer field by field. Collections are tuples in a stable order, so the JSON of
an answer does not depend on hash seeds.

Every conclusion carries ``articles``: citations such as ``"budapest 29.5.a"``
(instrument id, then article, paragraph and letter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from treatyrules._i18n.lang import Lang
from treatyrules.vocabulary import Channel, Confidence, DataType, DualCriminality, Ground, Instrument, Measure, Offence

Citation = str
Truthy = bool | None


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Query(_Model):
    """A normalised question: who asks whom for what, about which offence, on which date."""

    requesting: str = Field(description="ISO 3166-1 alpha-2 code of the requesting State")
    requested: str = Field(description="ISO 3166-1 alpha-2 code of the requested State")
    measure: Measure
    offence: Offence
    on: date = Field(description="the date the answer is for")
    urgent: bool = False
    emergency: bool = Field(False, description="a significant and imminent risk to the life or safety of a natural person")
    mla_treaty: bool | None = Field(None, description="whether another MLA treaty is in force between the pair; null = unknown")
    extradition_treaty: bool | None = Field(None, description="whether an extradition treaty is in force between the pair; null = unknown")
    data_types: tuple[DataType, ...] | None = Field(None, description="data the request seeks; null = not stated")
    max_penalty_years: float | None = Field(None, description="maximum penalty of deprivation of liberty for the offence, in years")
    act_began: date | None = Field(None, description="date the co-operation act began, when it differs from 'on'")
    scenario: str | None = Field(None, description="name of the what-if scenario the answer assumes")


class FactNote(_Model):
    """A datum a conclusion rests on, and where it comes from."""

    text: str
    source: str = ""
    where: str = ""
    as_of: date | None = None
    derived: bool = False
    hypothetical: str | None = Field(None, description="the scenario this fact comes from, if it is hypothetical")
    confidence: Confidence = Confidence.HIGH


class MissingFact(_Model):
    fact: str = Field(description="a stable key, e.g. 'mla_treaty' or 'party:budapest:PY'")
    text: str


class Reason(_Model):
    """One step of the explanation trail: a rule, whether it holds, and why."""

    text: str
    holds: Truthy
    articles: tuple[Citation, ...]
    rule: str
    facts: tuple[FactNote, ...] = ()
    confidence: Confidence = Confidence.HIGH


class ChannelEntry(_Model):
    channel: Channel
    available: Truthy
    articles: tuple[Citation, ...]
    reasons: tuple[Reason, ...] = Field(description="the rules that open the channel")
    closed_by: tuple[Reason, ...] = Field((), description="rules that close it (e.g. a 27.9.e declaration), with whether they hold")
    confidence: Confidence = Confidence.HIGH
    missing_facts: tuple[MissingFact, ...] = ()


class DualCriminalityEntry(_Model):
    value: DualCriminality
    articles: tuple[Citation, ...]
    reasons: tuple[Reason, ...]
    confidence: Confidence = Confidence.HIGH


GroundSourceName = Literal["instrument", "reservation", "declaration"]


class GroundEntry(_Model):
    ground: Ground
    articles: tuple[Citation, ...]
    source: GroundSourceName
    state: str | None = Field(None, description="ISO code of the State whose reservation or declaration creates the ground")
    applies: Truthy = Field(True, description="true, or null when it depends on a missing fact")
    text: str = ""
    confidence: Confidence = Confidence.HIGH
    missing_facts: tuple[MissingFact, ...] = ()


class ClosedList(_Model):
    closed: bool = Field(description="true when the instrument lists the refusal grounds exhaustively ('only')")
    articles: tuple[Citation, ...] = ()


class TimeLimit(_Model):
    id: str
    bound: str
    days: int | None = None
    hours: int | None = None
    runs_from: str | None = None
    text: str
    articles: tuple[Citation, ...]
    applies: Truthy = True
    confidence: Confidence = Confidence.HIGH


class ContentItem(_Model):
    item: str
    text: str
    articles: tuple[Citation, ...]
    applies: Truthy = Field(True, description="null when the rule requiring it depends on a missing fact")
    confidence: Confidence = Confidence.HIGH


class ConditionEntry(_Model):
    id: str
    text: str
    articles: tuple[Citation, ...]
    applies: Truthy = True
    confidence: Confidence = Confidence.HIGH


class Relationship(_Model):
    text: str
    articles: tuple[Citation, ...]
    confidence: Confidence = Confidence.HIGH


class Basis(_Model):
    """What one instrument says about the request."""

    instrument: Instrument
    name: str
    applicable: Truthy = Field(description="true only when it binds both States on the date and provides the measure")
    measure_in_instrument: str | None = Field(None, description="the instrument's own name for the measure")
    reasons: tuple[Reason, ...]
    articles: tuple[Citation, ...]
    channels: tuple[ChannelEntry, ...] = ()
    dual_criminality: DualCriminalityEntry | None = None
    refusal_grounds: tuple[GroundEntry, ...] = ()
    grounds_closed_list: ClosedList = ClosedList(closed=False)
    postponement_grounds: tuple[GroundEntry, ...] = ()
    prohibited_grounds: tuple[GroundEntry, ...] = ()
    time_limits: tuple[TimeLimit, ...] = ()
    required_contents: tuple[ContentItem, ...] = ()
    conditions: tuple[ConditionEntry, ...] = ()
    relationship: tuple[Relationship, ...] = ()
    confidence: Confidence = Confidence.HIGH
    missing_facts: tuple[MissingFact, ...] = ()


class Actor(_Model):
    state: str
    role: str
    name: str | None = Field(None, description="the designated authority, where the data name it; several offices designated for the role are separated by '; '")
    source: str | None = Field(None, description="where the designation was read; several sources are separated by '; '")
    address: str | None = Field(None, description="the office's postal address as designated, where the data give it; several separated by '; '")
    confidence: Confidence = Field(
        Confidence.HIGH,
        description="verify when the office was read from a source that does not confirm the designation (a press report, a national law): check it before sending",
    )
    notified: tuple[FactNote, ...] = Field(
        (),
        description="where the data name no office: what the State notified to the depositary under the article of the role (e.g. Budapest Art 24.7), in effect on the date",
    )


class Hop(_Model):
    sender: Actor
    receiver: Actor
    channel: Channel | None = Field(None, description="the channel between States; null for a hand-off inside one State")
    articles: tuple[Citation, ...] = ()
    note: str | None = None


class Route(_Model):
    rank: int
    instrument: Instrument
    channel: Channel
    available: Truthy
    hops: tuple[Hop, ...]
    articles: tuple[Citation, ...]
    refusal_grounds: tuple[GroundEntry, ...] = ()
    conditions: tuple[ConditionEntry, ...] = ()
    confidence: Confidence = Confidence.HIGH
    missing_facts: tuple[MissingFact, ...] = ()


class Caveat(_Model):
    text: str
    source: str = ""
    row: str | None = Field(None, description="the data row (file:line) whose age this caveat is about; null for other caveats")
    as_of: date | None = Field(None, description="the as-of date of that row; null if it gives none (its age is unknown)")
    older_than: date | None = Field(None, description="the staleness threshold: rows as of an earlier date, or of none, are flagged")


class Branch(_Model):
    """The answer under one value of a fact the query left open."""

    assuming: dict[str, bool]
    bases: tuple[Basis, ...]
    routes: tuple[Route, ...] = ()


class BasisProfile(_Model):
    """One open basis, reduced to what the comparison compares."""

    instrument: Instrument
    applicable: Truthy
    confidence: Confidence = Confidence.HIGH
    channels: tuple[Channel, ...] = Field((), description="channels open for the request (available or possibly available)")
    best_route: int | None = Field(None, description="rank, in Answer.routes, of this basis's best route; null if it offers none")
    best_channel: Channel | None = None
    best_speed: int | None = Field(None, description="speed of that route's channel in rules/channels.yaml (1 is fastest; a project ranking, not law)")
    refusal_grounds: tuple[Ground, ...] = ()
    grounds_closed_list: bool = False
    dual_criminality: DualCriminality | None = None
    time_limits: tuple[str, ...] = Field((), description="each time limit as 'bound amount' (e.g. 'min 60 days', 'within 48 hours')")
    missing_facts: tuple[MissingFact, ...] = ()


class Difference(_Model):
    """One point on which the open bases differ."""

    aspect: Literal["dual_criminality", "closed_list", "refusal_ground", "time_limits", "channels"]
    item: str = Field(description="the ground tag for aspect 'refusal_ground'; otherwise the aspect itself")
    values: dict[str, str] = Field(description="instrument id -> its value ('absent' where it has none)")
    articles: tuple[Citation, ...] = ()
    text: str


class InstrumentRelationship(_Model):
    """An instrument's own clause on how it relates to other treaties."""

    instrument: Instrument
    text: str
    articles: tuple[Citation, ...]
    confidence: Confidence = Confidence.HIGH


class Comparison(_Model):
    """How the open bases compare, when more than one is open. Nothing here chooses between them."""

    instruments: tuple[Instrument, ...] = Field(description="the bases compared: applicable true or undetermined")
    profiles: tuple[BasisProfile, ...]
    fastest: tuple[Instrument, ...] = Field(description="the basis (or bases, if tied) with the fastest route")
    fastest_text: str
    fewest_grounds: tuple[Instrument, ...] = Field(description="the basis (or bases, if tied) listing the fewest refusal grounds")
    fewest_grounds_text: str
    differences: tuple[Difference, ...] = ()
    relationships: tuple[InstrumentRelationship, ...] = ()
    ranking: str = Field(description="a fixed statement: nothing in the texts ranks the instruments")


class Answer(_Model):
    query: Query
    lang: Lang = Field("en", description="the language of the answer's texts; the legal fields are the same in every language")
    bases: tuple[Basis, ...]
    routes: tuple[Route, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    branches: tuple[Branch, ...] = ()
    hypotheses: tuple[FactNote, ...] = Field((), description="hypothetical facts from the scenario that the answer relies on")
    comparison: Comparison | None = Field(None, description="how the bases compare, when more than one is open")

    def basis(self, instrument: Instrument | str) -> Basis:
        wanted = Instrument(instrument)
        return next(b for b in self.bases if b.instrument is wanted)


class Verdict(_Model):
    """One instrument in one line: applies, does not, or undetermined, and why."""

    instrument: Instrument
    name: str = Field(description="the instrument's short name, in the answer's language")
    applicable: Truthy
    why: str = Field(description="the facts or rule that decide it, in the answer's language")
    articles: tuple[Citation, ...]
    confidence: Confidence = Confidence.HIGH
    missing: tuple[str, ...] = Field((), description="keys of the missing facts it depends on (texts in Summary.missing_facts)")


class RouteLine(_Model):
    """A route reduced to its two ends: who sends, who receives, on which channel."""

    rank: int = Field(description="the route's rank in Answer.routes (1 is fastest)")
    instrument: Instrument
    channel: Channel
    available: Truthy
    sender: Actor = Field(description="the requesting State's end of the international hop")
    addressee: Actor = Field(description="the requested State's end of the international hop")
    articles: tuple[Citation, ...]
    confidence: Confidence = Confidence.HIGH
    missing: tuple[str, ...] = Field((), description="keys of the missing facts the route depends on (texts in Summary.missing_facts)")


class SummaryGround(_Model):
    instrument: Instrument
    ground: Ground
    text: str
    articles: tuple[Citation, ...]
    source: GroundSourceName
    state: str | None = None
    applies: Truthy = True
    confidence: Confidence = Confidence.HIGH


class Deadline(_Model):
    instrument: Instrument
    id: str
    bound: str
    days: int | None = None
    hours: int | None = None
    text: str
    articles: tuple[Citation, ...]
    applies: Truthy = True
    confidence: Confidence = Confidence.HIGH


class Summary(_Model):
    """The verdict first: derived from an ``Answer`` (``Answer.summary()``), never computed apart.

    ``route`` is the recommended route: the fastest route that is open on an applicable basis,
    else the fastest route there is. Grounds, dual criminality and deadlines are those of that
    route's basis; caveats are all the answer's.
    """

    query: Query
    lang: Lang = "en"
    bottom_line: str = Field(description="the answer in one sentence, with its articles")
    verdicts: tuple[Verdict, ...] = Field(description="one line per instrument")
    route: RouteLine | None = Field(None, description="the recommended route; null when no instrument offers one")
    other_routes: tuple[RouteLine, ...] = ()
    dual_criminality: DualCriminality | None = None
    dual_criminality_articles: tuple[Citation, ...] = ()
    grounds: tuple[SummaryGround, ...] = Field((), description="the refusal grounds the requested State may raise on the route's basis")
    grounds_closed_list: bool = False
    deadlines: tuple[Deadline, ...] = ()
    missing_facts: tuple[MissingFact, ...] = Field((), description="facts the answer needs and does not have")
    caveats: tuple[Caveat, ...] = ()
    confidence: Confidence = Field(Confidence.HIGH, description="'verify' when anything the summary states rests on an unconfirmed point")


class Change(_Model):
    """One difference between two answers (without and with a scenario, or before and after a date)."""

    instrument: Instrument
    aspect: Literal[
        "applicable", "channel", "refusal_ground", "postponement_ground", "prohibited_ground",
        "dual_criminality", "time_limit", "required_content", "condition", "route",
    ]
    item: str = Field(description="the tag or id that changed, e.g. 'point_of_contact_24_7'")
    before: str = Field(description="'absent' when the item was not in the first answer")
    after: str = Field(description="'absent' when the item is not in the second answer")
    articles: tuple[Citation, ...] = ()
    text: str = ""


class Diff(_Model):
    """What a scenario changes for one query."""

    query: Query
    scenario: str
    changes: tuple[Change, ...]
    hypotheses: tuple[FactNote, ...] = ()


class MatrixEntry(_Model):
    requested: str
    measure: Measure
    changes: tuple[Change, ...]


class MatrixDiff(_Model):
    """What a scenario changes for one requesting State against every other State, every measure."""

    requesting: str
    offence: Offence
    on: date
    scenario: str
    entries: tuple[MatrixEntry, ...] = Field(description="only the (State, measure) pairs where something changes")


class TimelineEvent(_Model):
    date: dt.date
    happened: tuple[FactNote, ...] = Field(description="the dated facts that take effect on this date")
    changes: tuple[Change, ...] = Field(description="what they change between the two States (both directions, every measure)")


class Timeline(_Model):
    states: tuple[str, str]
    scenario: str | None = None
    offence: Offence
    events: tuple[TimelineEvent, ...]


# -- the draft request -------------------------------------------------------------------------


class DraftSection(_Model):
    """One content item the basis requires the request to state, with the place to fill it in."""

    item: str = Field(description="the content item's id in the rule file, e.g. 'offence_and_facts'")
    heading: str = Field(description="what the request must state, with its article, in the draft's language")
    text: str = Field(description="the requirement as the answer words it")
    articles: tuple[Citation, ...]
    field: str = Field(description="the marked place the prosecutor fills in, e.g. '[TO COMPLETE: ...]'")
    applies: Truthy = Field(True, description="null when the rule requiring the item depends on a missing fact")
    confidence: Confidence = Confidence.HIGH


class DraftGround(_Model):
    """A ground the requested State may raise, who creates it, and what the request should supply to meet it."""

    ground: Ground
    kind: Literal["refusal", "postponement"]
    text: str
    articles: tuple[Citation, ...]
    source: GroundSourceName
    state: str | None = Field(None, description="ISO code of the State whose reservation or declaration creates the ground")
    created_by: str = Field(description="who creates the ground, in words: the instrument's article, or a State's reservation or declaration")
    supply: str = Field(description="what the request should supply so that the ground can be met")
    applies: Truthy = True
    confidence: Confidence = Confidence.HIGH
    missing_facts: tuple[MissingFact, ...] = ()


class DraftCondition(_Model):
    """A condition of the basis or of its route: confidentiality (Budapest 27.8), limitation of use (28), or other."""

    id: str
    kind: Literal["confidentiality", "use_limitation", "other"]
    heading: str
    text: str
    articles: tuple[Citation, ...]
    field: str | None = Field(None, description="a place to fill in, where the condition asks the requesting authority for something")
    applies: Truthy = True
    confidence: Confidence = Confidence.HIGH


class DraftNotice(_Model):
    """A point for the first page: what must be settled, or checked, before the request is sent."""

    kind: Literal["undetermined_basis", "undetermined_channel", "no_route", "no_contents", "scenario", "verify"]
    text: str
    articles: tuple[Citation, ...] = ()
    missing_facts: tuple[MissingFact, ...] = ()


class DraftRequest(_Model):
    """The request a prosecutor completes, signs and sends, read off an ``Answer`` (nothing legal is computed apart).

    ``basis`` is the instrument the request is made under: the one asked for, else that of the
    fastest route whose basis applies, else that of one whose basis is undetermined (then the
    first notice names the missing facts). ``sender`` and ``addressee`` are the two ends of the
    route's hop between the States; ``sections`` hold one fill-in field per content item the
    basis requires, each with its article. Render with ``to_markdown()``, ``to_html()`` or
    ``to_docx()`` (DOCX needs ``pip install "treatyrules[draft]"``).
    """

    query: Query
    lang: Lang = "en"
    title: str = Field(description="the letter's title, e.g. 'Request for the expedited preservation of stored computer data'")
    basis: Instrument = Field(description="the instrument the request is made under")
    basis_name: str = Field(description="the instrument's full name, in the draft's language")
    applicable: Truthy = Field(description="true, or null when whether the basis applies is undetermined (never false)")
    measure_in_instrument: str | None = Field(None, description="the instrument's own name for the measure")
    notices: tuple[DraftNotice, ...] = Field((), description="for the first page: missing facts, unconfirmed points, the scenario assumed")
    sender: Actor | None = Field(None, description="the requesting State's end of the route's hop between the States; null when the data show no route")
    addressee: Actor | None = Field(None, description="the requested State's end of the route's hop between the States; null when the data show no route")
    sender_text: str = Field(description="the sender in words ('office not named in the data' where it is not)")
    addressee_text: str = Field(description="the addressee in words ('office not named in the data' where it is not)")
    channel: Channel | None = None
    channel_name: str | None = None
    route_rank: int | None = Field(None, description="the route's rank in Answer.routes (1 is fastest)")
    route_available: Truthy = Field(None, description="whether the route's channel is open; null when it depends on a missing fact")
    route: tuple[Hop, ...] = Field((), description="every hand-off of the route, from the requesting authority to the executing one")
    route_text: str | None = None
    route_articles: tuple[Citation, ...] = ()
    route_confidence: Confidence = Confidence.HIGH
    legal_basis: str = Field(description="the sentence stating the legal basis, with its articles")
    legal_basis_articles: tuple[Citation, ...]
    legal_basis_reasons: tuple[Reason, ...] = Field((), description="the basis's rules that hold (or are undetermined), with their facts")
    dual_criminality: DualCriminalityEntry | None = None
    dual_criminality_text: str | None = None
    sections: tuple[DraftSection, ...] = Field(description="one per content item the basis requires, in the article's order")
    grounds: tuple[DraftGround, ...] = Field((), description="the refusal grounds the requested State may raise")
    grounds_closed_list: ClosedList = ClosedList(closed=False)
    postponement_grounds: tuple[DraftGround, ...] = ()
    time_limits: tuple[TimeLimit, ...] = ()
    conditions: tuple[DraftCondition, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    hypotheses: tuple[FactNote, ...] = Field((), description="hypothetical facts of the scenario the draft assumes")
    missing_facts: tuple[MissingFact, ...] = Field((), description="every fact the draft's basis, route, grounds or conditions wait on")
    confidence: Confidence = Field(Confidence.HIGH, description="'verify' when anything the draft states rests on an unconfirmed point")

    def to_markdown(self) -> str:
        """The letter as Markdown."""
        return _draft_renderers().markdown(self)

    def to_html(self) -> str:
        """The letter as a standalone HTML page (escaped; standard library only)."""
        return _draft_renderers().html(self)

    def to_docx(self) -> bytes:
        """The letter as a Word document; raises ``MissingExtraError`` without python-docx."""
        return _draft_renderers().docx(self)


class DraftRenderers:
    """The renderers of ``DraftRequest`` (``treatyrules._explain.draft.formats`` installs them when it
    is imported, as ``import treatyrules`` does): this module imports nothing above it."""

    def __init__(
        self,
        markdown: Callable[[DraftRequest], str],
        html: Callable[[DraftRequest], str],
        docx: Callable[[DraftRequest], bytes],
    ) -> None:
        self.markdown = markdown
        self.html = html
        self.docx = docx


_DRAFT_RENDERERS: list[DraftRenderers] = []


def set_draft_renderers(renderers: DraftRenderers) -> None:
    """Install the renderers that ``DraftRequest.to_markdown``, ``to_html`` and ``to_docx`` call."""
    _DRAFT_RENDERERS[:] = [renderers]


def _draft_renderers() -> DraftRenderers:
    if not _DRAFT_RENDERERS:  # pragma: no cover - ``import treatyrules`` installs them
        raise RuntimeError("the draft renderers are not installed: import treatyrules._explain.draft")
    return _DRAFT_RENDERERS[0]
