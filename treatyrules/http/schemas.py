"""Request and response bodies of the HTTP API that are not models of the library.

The answers themselves are the library's models (``Answer``, ``Diff``, ``Timeline``).
Request bodies take tags and dates as strings, and the engine checks them, so a bad
tag or date gets the same typed error over HTTP as from Python
(``UnknownTagError``, ``InvalidDateError``, ...). The OpenAPI schema still lists the
tags each field accepts.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from treatyrules._i18n import Lang
from treatyrules.scenario import Scenario
from treatyrules.vocabulary import DataType, Measure, Offence


def _scenario_kind(value: Any) -> str:
    return "name" if isinstance(value, str) else "inline"


ScenarioRef = Annotated[
    Annotated[str, Tag("name")] | Annotated[Scenario, Tag("inline")],
    Discriminator(_scenario_kind),
]
"""A shipped scenario by name, or a whole scenario inline (the scenario file format as JSON)."""


class WhichRequest(BaseModel):
    """Body of ``POST /which``: the keywords of ``which_treaty_applies``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "requesting": "ES",
                    "requested": "PE",
                    "measure": "expedited_preservation",
                    "offence": "electronic_evidence_any_offence",
                    "on": "2025-03-01",
                }
            ]
        },
    )

    requesting: str = Field(description="ISO 3166-1 alpha-2 code of the requesting State", examples=["ES"])
    requested: str = Field(description="ISO 3166-1 alpha-2 code of the requested State", examples=["PE"])
    measure: str = Field(
        description="a measure tag (GET /vocabulary lists them with their names)",
        json_schema_extra={"enum": [m.value for m in Measure]},
    )
    offence: str = Field(
        description="an offence tag (GET /vocabulary lists them with their names)",
        json_schema_extra={"enum": [o.value for o in Offence]},
    )
    on: str | None = Field(None, description="date of the answer, YYYY-MM-DD; today if omitted", examples=["2025-03-01"])
    urgent: bool = Field(False, description="the request is urgent")
    emergency: bool = Field(False, description="a significant and imminent risk to the life or safety of a person")
    mla_treaty: bool | Literal["unknown"] | None = Field(
        None,
        description="whether another MLA treaty is in force between the two States; null or 'unknown' if not known",
    )
    extradition_treaty: bool | Literal["unknown"] | None = Field(
        None,
        description="whether an extradition treaty is in force between the two States (extradition only); null or 'unknown' if not known",
    )
    data_types: list[Annotated[str, Field(json_schema_extra={"enum": [d.value for d in DataType]})]] | None = Field(
        None, description="the data sought; null if not stated"
    )
    max_penalty_years: float | None = Field(None, description="maximum penalty of deprivation of liberty for the offence, in years")
    act_began: str | None = Field(None, description="date the co-operation act began (YYYY-MM-DD), where it differs from 'on'")
    scenario: ScenarioRef | None = Field(
        None,
        description="a what-if scenario: the name of a shipped one (GET /scenarios), or a scenario object in the scenario file format",
    )


class DiffRequest(WhichRequest):
    """Body of ``POST /diff``: a query and the scenario whose effect on it is wanted."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "requesting": "ES",
                    "requested": "PE",
                    "measure": "subscriber_info_direct_order",
                    "offence": "electronic_evidence_any_offence",
                    "on": "2027-06-01",
                    "scenario": "peru_and_spain_ratify_second_protocol",
                }
            ]
        },
    )

    scenario: ScenarioRef = Field(
        description="the name of a shipped scenario (GET /scenarios), or a scenario object in the scenario file format",
    )


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Label(_Out):
    tag: str
    en: str = Field(description="English name")
    es: str = Field(description="Spanish name")


class Vocabulary(_Out):
    """Every tag the API accepts or returns, with its English and Spanish names."""

    instrument: tuple[Label, ...]
    measure: tuple[Label, ...]
    channel: tuple[Label, ...]
    ground: tuple[Label, ...]
    dual_criminality: tuple[Label, ...]
    offence: tuple[Label, ...]
    data_type: tuple[Label, ...]
    role: tuple[Label, ...] = Field(description="the actors on a route (Route.hops[].sender.role / receiver.role)")


class StateName(_Out):
    code: str = Field(description="ISO 3166-1 alpha-2 code")
    en: str
    es: str
    instruments_on_record: tuple[str, ...] = Field(
        description="instruments whose status data hold a row for the State (signature, consent or entry into force)"
    )


class ScenarioInfo(_Out):
    name: str
    title: str
    description: str = ""
    extends: tuple[str, ...] = ()


class Health(_Out):
    status: Literal["ok"] = "ok"
    version: str


class PageMessages(_Out):
    """The web page's labels in one language: the catalogue domain ``page``, keys without the domain."""

    lang: Lang
    messages: dict[str, str] = Field(description="label key -> text, e.g. 'submit' -> 'Ask'; '{name}' marks a value the page fills in")


class ErrorInfo(BaseModel):
    """``type`` is the name of the error class; further keys depend on it (``field``, ``suggestions``, ...)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(
        description="UnknownStateError, UnknownTagError, InvalidDateError, InvalidQueryError, NoLegalBasisError, ScenarioFileError, RequestValidationError, ..."
    )
    message: str = Field(description="one line, meant for a person, in the request's language")


class ErrorResponse(BaseModel):
    error: ErrorInfo


__all__ = [
    "DiffRequest",
    "ErrorInfo",
    "ErrorResponse",
    "Health",
    "Label",
    "PageMessages",
    "ScenarioInfo",
    "ScenarioRef",
    "StateName",
    "Vocabulary",
    "WhichRequest",
]
