"""The draft request as a typed, frozen model (public; ``treatyrules schema draft``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from treatyrules._i18n.lang import Lang
from treatyrules.models import Actor, Caveat, Citation, ConditionEntry, Deadline, GroundSourceName, MissingFact, Query, Truthy
from treatyrules.vocabulary import Channel, Confidence, DualCriminality, Ground, Instrument


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DraftSection(_Model):
    """One content item the basis requires of the request, left for the prosecutor to fill in."""

    item: str
    heading: str = Field(description="what the request must state, with its article")
    articles: tuple[Citation, ...]
    field: str = Field(description="the marked place to complete, e.g. '[TO COMPLETE: ...]'")
    applies: Truthy = True
    confidence: Confidence = Confidence.HIGH


class DraftGround(_Model):
    """A ground the requested State may raise, who creates it, and what to supply to meet it."""

    ground: Ground
    text: str
    articles: tuple[Citation, ...]
    source: GroundSourceName
    state: str | None = None
    supply: str = Field(description="what the request should supply so that the ground does not stand")
    applies: Truthy = True
    confidence: Confidence = Confidence.HIGH


class DraftRequest(_Model):
    query: Query
    lang: Lang
    basis: Instrument
    basis_name: str
    applicable: Truthy = Field(description="true, or null when the basis is undetermined (the notice says why)")
    title: str
    notice: str | None = Field(None, description="for an undetermined basis: what is missing, for the first page")
    missing_facts: tuple[MissingFact, ...] = ()
    sender: Actor | None = Field(None, description="the requesting State's end of the route")
    addressee: Actor | None = Field(None, description="the requested State's end of the route")
    channel: Channel | None = None
    route_articles: tuple[Citation, ...] = ()
    legal_basis: str
    legal_basis_articles: tuple[Citation, ...]
    sections: tuple[DraftSection, ...]
    grounds: tuple[DraftGround, ...] = ()
    dual_criminality: DualCriminality | None = None
    dual_criminality_text: str | None = None
    dual_criminality_articles: tuple[Citation, ...] = ()
    time_limits: tuple[Deadline, ...] = ()
    conditions: tuple[ConditionEntry, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    confidence: Confidence = Confidence.HIGH

    def to_markdown(self) -> str:
        from treatyrules._explain.draft.formats import to_markdown

        return to_markdown(self)

    def to_html(self) -> str:
        from treatyrules._explain.draft.formats import to_html

        return to_html(self)

    def to_docx(self) -> bytes:
        """The letter as a Word file (needs ``pip install "treatyrules[draft]"``)."""
        from treatyrules._explain.draft.formats import to_docx

        return to_docx(self)
