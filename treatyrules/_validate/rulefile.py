"""The rule-file format, as pydantic models (``docs/rules.md`` documents it).

One file per instrument. Its sections, in reading order:

``instrument``        what the treaty is, its sources and how far its text was checked
``entry_into_force``  how the treaty and each later Party become bound, and denunciation
``reservations`` / ``declarations`` / ``notifications`` / ``territorial``
                      which State statements the treaty permits (the data loader checks them)
``offence_sets`` / ``measure_sets`` / ``definitions``
                      named groups and named conditions used by the rules
``not_provided``      measures the instrument does not provide, with the article that shows it
``relationship``      the instrument's own clauses on how it relates to other treaties
``articles``          article id -> title, text, and the rules that encode it

Conditions (``when`` / ``require``) stay plain data here; ``_rules.conditions``
parses them against the closed predicate vocabulary.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from treatyrules._i18n import Text
from treatyrules.vocabulary import Channel, Confidence, DualCriminality, Ground, Instrument, Measure, Offence

ARTICLE_ID = r"(?:preamble|[0-9]+[A-Za-z]?(\.[0-9]+)*(\.[a-z]{1,2})?(\.(i|ii|iii|iv|v|vi|vii|viii|ix|x))?)"
_ARTICLE_RE = re.compile(rf"^{ARTICLE_ID}$")
_CITE_RE = re.compile(rf"^(?:(budapest|second_protocol|comjib|un_cybercrime) )?({ARTICLE_ID})$")

ArticleId = Annotated[str, StringConstraints(pattern=rf"^{ARTICLE_ID}$")]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]


def split_cite(cite: str) -> tuple[str | None, str]:
    """``"budapest 27.4"`` -> ``("budapest", "27.4")``; ``"27.4"`` -> ``(None, "27.4")``."""
    match = _CITE_RE.match(cite)
    if not match:
        raise ValueError(f"{cite!r} is not an article reference such as '29.5.a' or 'budapest 27.4'")
    return match.group(1), match.group(2)


def article_of(provision: str) -> str:
    """The article number of a provision id: ``"29.5.a"`` -> ``"29"``."""
    return provision.split(".", 1)[0]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: every human-readable field of a rule file holds both languages: ``{en: ..., es: ...}``
Bilingual = Text


class Names(_Model):
    en: str
    es: str


class Source(_Model):
    title: Bilingual
    ref: str = Field(description="a public URL, or 'seed <file name>' for the source documents")


class InstrumentMeta(_Model):
    id: Instrument
    name: Names
    short: Names
    reference: str
    adopted: date
    depositary: str
    articles_in_treaty: int = Field(gt=0, description="number of articles, so data rows can be checked against the treaty")
    text_basis: Bilingual
    confidence: Confidence = Confidence.HIGH
    caveat: Bilingual | None = Field(None, description="a data gap every answer relying on this instrument shows")
    sources: dict[Tag, Source]
    verified_on: date


class Delay(_Model):
    first_day_of_month_after_months: int | None = Field(None, gt=0)
    days_after: int | None = Field(None, gt=0)
    months_after: int | None = Field(None, gt=0, description="the same day of the month this many months later (COMJIB 20.2: six months)")

    @model_validator(mode="after")
    def _exactly_one(self) -> Delay:
        given = [v for v in (self.first_day_of_month_after_months, self.days_after, self.months_after) if v is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of first_day_of_month_after_months, days_after or months_after")
        return self


class TreatyEntryIntoForce(_Model):
    cite: str
    summary: Bilingual
    consents_required: int = Field(gt=0)
    counted_among_parties_to: Instrument | None = None
    delay: Delay
    known_date: date | None = None
    known_date_source: str | None = None
    confidence: Confidence = Confidence.HIGH

    @model_validator(mode="after")
    def _source_for_known_date(self) -> TreatyEntryIntoForce:
        if self.known_date is not None and not self.known_date_source:
            raise ValueError("known_date needs known_date_source")
        return self


ConsentKind = Literal["ratification", "acceptance", "approval", "accession"]


class LaterPartyEntryIntoForce(_Model):
    cite: str
    summary: Bilingual
    consent_kinds: tuple[ConsentKind, ...]
    delay: Delay
    confidence: Confidence = Confidence.HIGH


class Denunciation(_Model):
    cite: str
    summary: Bilingual
    delay: Delay
    confidence: Confidence = Confidence.HIGH


class EntryIntoForce(_Model):
    treaty: TreatyEntryIntoForce
    later_parties: tuple[LaterPartyEntryIntoForce, ...]
    denunciation: Denunciation
    only_parties_to: Instrument | None = Field(None, description="a State must be a Party to this instrument to join")
    only_parties_to_cite: str | None = None

    @model_validator(mode="after")
    def _cite_for_membership(self) -> EntryIntoForce:
        if self.only_parties_to is not None and not self.only_parties_to_cite:
            raise ValueError("only_parties_to needs only_parties_to_cite")
        return self


class PermittedReservation(_Model):
    summary: Bilingual
    covers: tuple[ArticleId, ...] = Field((), description="provisions a reservation under this paragraph may name")


class ReservationRegime(_Model):
    cite: str
    summary: Bilingual
    closed_list: bool
    permitted: dict[ArticleId, PermittedReservation] = {}
    effect: Literal["rules", "provision_not_applied"] = Field(
        "rules",
        description=(
            "'rules': a reservation acts only through rules that test for it (Budapest 29.4); "
            "'provision_not_applied': any reserved provision is not applied towards the reserving State, "
            "so every rule citing it is set aside (COMJIB 18.1)"
        ),
    )
    reciprocity_cite: str | None = Field(None, description="with 'provision_not_applied': the requesting State's reservations count too")


class DeclarationRegime(_Model):
    cite: str
    summary: Bilingual
    closed_list: bool
    permitted: dict[ArticleId, Bilingual] = {}


class NotProvided(_Model):
    cite: str
    summary: Bilingual
    confidence: Confidence | None = None


class Relationship(_Model):
    cite: str
    summary: Bilingual
    confidence: Confidence | None = None


class ProvidesSpec(_Model):
    measure: Measure
    own_name: Bilingual | None = Field(None, description="the instrument's own name for the measure")


GroundSource = Literal["instrument", "reservation", "declaration"]
Party = Literal["requesting", "requested"]


class GroundSpec(_Model):
    ground: Ground
    source: GroundSource = "instrument"
    of: Party | None = None

    @model_validator(mode="after")
    def _of_for_state_sources(self) -> GroundSpec:
        if self.source != "instrument" and self.of is None:
            raise ValueError(f"a ground created by a {self.source} needs 'of: requested' or 'of: requesting'")
        if self.source == "instrument" and self.of is not None:
            raise ValueError("'of' is only for grounds created by a reservation or declaration")
        return self


Bound = Literal["min", "max", "until", "within", "promptly", "expeditiously", "immediately", "as_agreed"]


class TimeLimitSpec(_Model):
    id: Tag
    bound: Bound
    days: int | None = Field(None, gt=0)
    hours: int | None = Field(None, gt=0)
    runs_from: str | None = None
    text: Bilingual


class ContentItem(_Model):
    item: Tag
    text: Bilingual
    cite: str | None = None


class ConditionSpec(_Model):
    id: Tag
    text: Bilingual


class Then(_Model):
    """Exactly one conclusion per rule."""

    provides: ProvidesSpec | None = None
    channel: Channel | None = None
    closes_channels: tuple[Channel, ...] | None = None
    dual_criminality: DualCriminality | None = None
    refusal_ground: GroundSpec | None = None
    postponement_ground: GroundSpec | None = None
    prohibited_ground: Ground | None = None
    closed_list: Literal[True] | None = None
    time_limit: TimeLimitSpec | None = None
    required_contents: tuple[ContentItem, ...] | None = None
    condition: ConditionSpec | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, value: Any) -> Any:
        if isinstance(value, dict):
            value = dict(value)
            if isinstance(value.get("provides"), str):
                value["provides"] = {"measure": value["provides"]}
            for key in ("refusal_ground", "postponement_ground"):
                if isinstance(value.get(key), str):
                    value[key] = {"ground": value[key]}
            if isinstance(value.get("closes_channels"), str):
                value["closes_channels"] = [value["closes_channels"]]
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> Then:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a rule concludes exactly one thing; got {given or 'nothing'}")
        return self

    @property
    def kind(self) -> str:
        return next(name for name in type(self).model_fields if getattr(self, name) is not None)


class RuleSpec(_Model):
    id: RuleId
    cite: str | tuple[str, ...]
    summary: Bilingual
    when: Any = None
    require: Any = None
    then: Then | None = None
    confidence: Confidence | None = None
    interpretation: Bilingual | None = None

    @model_validator(mode="after")
    def _then_or_require(self) -> RuleSpec:
        if (self.then is None) == (self.require is None):
            raise ValueError("a rule has either 'then' (a conclusion) or 'require' (a requirement for applicability)")
        return self

    @property
    def cites(self) -> tuple[str, ...]:
        return (self.cite,) if isinstance(self.cite, str) else self.cite


class ArticleSpec(_Model):
    title: Bilingual
    text: str | None = Field(None, description="the treaty text, quoted from the source named in text_source")
    text_source: Tag | None = None
    summary: Bilingual | None = None
    when: Any = None
    confidence: Confidence | None = None
    interpretation: Bilingual | None = None
    rules: tuple[RuleSpec, ...] = ()


class RuleFile(_Model):
    schema_: Literal["treatyrules.rules/1"] = Field(alias="schema")
    instrument: InstrumentMeta
    entry_into_force: EntryIntoForce
    reservations: ReservationRegime
    declarations: DeclarationRegime
    notifications: dict[ArticleId, Bilingual] = {}
    territorial: dict[ArticleId, Bilingual] = {}
    offence_sets: dict[Tag, tuple[Offence, ...]] = {}
    measure_sets: dict[Tag, tuple[Measure, ...]] = {}
    definitions: dict[Tag, Any] = {}
    not_provided: dict[Measure, NotProvided] = {}
    relationship: tuple[Relationship, ...] = ()
    articles: dict[ArticleId, ArticleSpec]


def is_article_id(value: str) -> bool:
    return bool(_ARTICLE_RE.match(value))
