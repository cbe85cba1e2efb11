"""The FastAPI application: the library's questions as HTTP endpoints, and the web page.

========================  ==========================================================
``GET /which``            one question, as query parameters -> ``Answer``
``POST /which``           one question, as a JSON body (with an inline scenario) -> ``Answer``
``GET|POST /diff``        what a scenario changes for one question -> ``Diff``
``GET /timeline``         dated events between two States -> ``Timeline``
``GET /vocabulary``       every tag with its English and Spanish names
``GET /states``           ISO codes with English and Spanish names
``GET /scenarios``        the shipped what-if scenarios
``GET /health``           liveness
``GET /``                 the web page (``static/``)
========================  ==========================================================

Errors are JSON (``treatyrules.http.errors``): bad input is HTTP 422 with
``{"error": {"type": "UnknownStateError", "message": ..., ...}}``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import anyio.to_thread
from fastapi import Depends, FastAPI, Query
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from treatyrules import __version__
from treatyrules._answer.engine import Engine, default_engine
from treatyrules.errors import InvalidQueryError, ScenarioFileError, UnknownTagError
from treatyrules.http import errors
from treatyrules.http.schemas import (
    DiffRequest,
    ErrorResponse,
    Health,
    Label,
    ScenarioInfo,
    StateName,
    Vocabulary,
    WhichRequest,
)
from treatyrules.models import Answer, Diff, Query as QueryModel, Timeline
from treatyrules.scenario import LoadedScenario, Scenario, load_scenario, shipped_scenarios
from treatyrules.vocabulary import TAG_KINDS, Offence

STATIC = Path(__file__).resolve().parent / "static"

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "Bad input: an unknown State or tag, a malformed date, a body that does not validate"},
    500: {"model": ErrorResponse, "description": "A defect in the engine's rule, data or shipped scenario files"},
}

DESCRIPTION = """\
Which international instrument governs a cross-border request for electronic evidence,
through which channel it travels, and on which grounds the requested State may refuse it.

Every conclusion carries its articles (`"budapest 29.5.a"`) and, where the reference texts
could not confirm a point, `confidence: "verify"`. Tags and their English and Spanish names:
`GET /vocabulary`. Errors: `{"error": {"type": ..., "message": ..., ...}}`, HTTP 422 for bad input.
"""

MLA_VALUES = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False, "unknown": None, "": None, "null": None}


@dataclass(frozen=True)
class _Ask:
    """One question as the HTTP layer received it, before the engine checks it."""

    requesting: str
    requested: str
    measure: str
    offence: str
    on: str | None = None
    urgent: bool = False
    emergency: bool = False
    mla_treaty: bool | None = None
    extradition_treaty: bool | None = None
    data_types: tuple[str, ...] | None = None
    max_penalty_years: float | None = None
    act_began: str | None = None

    @classmethod
    def from_body(cls, body: WhichRequest) -> _Ask:
        return cls(
            requesting=body.requesting,
            requested=body.requested,
            measure=body.measure,
            offence=body.offence,
            on=body.on,
            urgent=body.urgent,
            emergency=body.emergency,
            mla_treaty=None if isinstance(body.mla_treaty, str) else body.mla_treaty,
            extradition_treaty=None if isinstance(body.extradition_treaty, str) else body.extradition_treaty,
            data_types=tuple(body.data_types) if body.data_types is not None else None,
            max_penalty_years=body.max_penalty_years,
            act_began=body.act_began,
        )


def _mla(value: str, name: str = "mla_treaty") -> bool | None:
    key = value.strip().lower()
    if key not in MLA_VALUES:
        raise InvalidQueryError(f"{name} must be true, false or unknown, got {value!r}")
    return MLA_VALUES[key]


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    """``data_types=a&data_types=b`` or ``data_types=a,b``."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def query_parameters(
    requesting: Annotated[str, Query(description="ISO 3166-1 alpha-2 code of the requesting State", examples=["ES"])],
    requested: Annotated[str, Query(description="ISO 3166-1 alpha-2 code of the requested State", examples=["PE"])],
    measure: Annotated[str, Query(description="a measure tag (GET /vocabulary)", examples=["expedited_preservation"])],
    offence: Annotated[str, Query(description="an offence tag (GET /vocabulary)", examples=["electronic_evidence_any_offence"])],
    on: Annotated[str | None, Query(description="date of the answer, YYYY-MM-DD; today if omitted", examples=["2025-03-01"])] = None,
    urgent: Annotated[bool, Query(description="the request is urgent")] = False,
    emergency: Annotated[bool, Query(description="a significant and imminent risk to the life or safety of a person")] = False,
    mla_treaty: Annotated[str, Query(description="another MLA treaty in force between the two States: true, false or unknown")] = "unknown",
    extradition_treaty: Annotated[str, Query(description="an extradition treaty in force between the two States (extradition only): true, false or unknown")] = "unknown",
    data_types: Annotated[list[str] | None, Query(description="data sought; repeat the parameter or separate tags with commas")] = None,
    max_penalty_years: Annotated[float | None, Query(description="maximum penalty for the offence, in years")] = None,
    act_began: Annotated[str | None, Query(description="date the co-operation act began, YYYY-MM-DD")] = None,
) -> _Ask:
    return _Ask(
        requesting=requesting,
        requested=requested,
        measure=measure,
        offence=offence,
        on=on or None,
        urgent=urgent,
        emergency=emergency,
        mla_treaty=_mla(mla_treaty),
        extradition_treaty=_mla(extradition_treaty, "extradition_treaty"),
        data_types=_split(data_types),
        max_penalty_years=max_penalty_years,
        act_began=act_began or None,
    )


class Service:
    """What the endpoints share: the engine (loaded on first use) and the scenarios."""

    def __init__(self, engine: Engine | None = None) -> None:
        self._engine = engine

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = default_engine()
        return self._engine

    def query(self, ask: _Ask) -> QueryModel:
        return self.engine.query(
            ask.requesting,
            ask.requested,
            measure=ask.measure,
            offence=ask.offence,
            on=ask.on,
            urgent=ask.urgent,
            emergency=ask.emergency,
            mla_treaty=ask.mla_treaty,
            extradition_treaty=ask.extradition_treaty,
            data_types=ask.data_types,
            max_penalty_years=ask.max_penalty_years,
            act_began=ask.act_began,
        )

    def scenario(self, ref: str | Scenario | None) -> tuple[LoadedScenario | None, bool]:
        """The scenario a request names, and whether it is a shipped one.

        Only shipped scenarios are found by name: a request never names a file on the server.
        """
        if ref is None or ref == "":
            return None, False
        if isinstance(ref, Scenario):
            return load_scenario(ref), False
        shipped = shipped_scenarios()
        if ref not in shipped:
            raise UnknownTagError("scenario", ref, list(shipped))
        with self.shipped(True):
            return load_scenario(shipped[ref]), True

    @staticmethod
    @contextmanager
    def shipped(is_shipped: bool) -> Iterator[None]:
        """A shipped scenario that fails is a defect of the server's files, not of the request."""
        try:
            yield
        except ScenarioFileError as exc:
            if is_shipped:
                raise errors.ServerDataError(exc) from None
            raise

    def which(self, ask: _Ask, ref: str | Scenario | None) -> Answer:
        query = self.query(ask)
        loaded, is_shipped = self.scenario(ref)
        with self.shipped(is_shipped):
            return self.engine.answer_under(query, loaded)

    def diff(self, ask: _Ask, ref: str | Scenario) -> Diff:
        query = self.query(ask)
        loaded, is_shipped = self.scenario(ref)
        if loaded is None:
            raise InvalidQueryError("a diff needs a scenario: the name of a shipped one, or a scenario object")
        with self.shipped(is_shipped):
            return self.engine.diff(query, loaded)

    def timeline(self, a: str, b: str, ref: str | None, offence: str) -> Timeline:
        try:
            tag = Offence(offence)
        except ValueError:
            raise UnknownTagError("offence", offence, [o.value for o in Offence]) from None
        loaded, is_shipped = self.scenario(ref)
        with self.shipped(is_shipped):
            return self.engine.timeline(a, b, scenario=loaded, offence=tag)

    def vocabulary(self) -> Vocabulary:
        names = self.engine.labels.names
        sections: dict[str, tuple[Label, ...]] = {
            kind: tuple(Label(tag=t.value, en=names[kind][t.value].en, es=names[kind][t.value].es) for t in enum)
            for kind, enum in TAG_KINDS.items()
        }
        roles = tuple(Label(tag=role, en=name.en, es=name.es) for role, name in self.engine.channel_map.roles.items())
        return Vocabulary(**sections, role=roles)

    def states(self) -> list[StateName]:
        on_record: dict[str, set[str]] = {}
        for instrument, iso in self.engine.book.party_rows:
            on_record.setdefault(iso, set()).add(instrument.value)
        order = {i.value: n for n, i in enumerate(TAG_KINDS["instrument"])}
        return [
            StateName(code=code, en=en, es=es, instruments_on_record=tuple(sorted(on_record.get(code, ()), key=order.__getitem__)))
            for code, (en, es) in sorted(self.engine.states.items())
        ]

    def scenarios(self) -> list[ScenarioInfo]:
        out = []
        for name, path in shipped_scenarios().items():
            with self.shipped(True):
                loaded = load_scenario(path)
            s = loaded.scenario
            out.append(ScenarioInfo(name=name, title=s.title, description=s.description, extends=s.extends))
        return out


def create_app(engine: Engine | None = None, *, warm: bool = True) -> FastAPI:
    """A new application; ``engine`` defaults to the shared engine on the embedded data.

    With ``warm`` the engine is loaded when the server starts, not on the first request.
    """
    service = Service(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await anyio.to_thread.run_sync(lambda: service.engine)
        yield

    app = FastAPI(
        title="treatyrules",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "questions", "description": "Which instrument applies, what a scenario changes, what changed when"},
            {"name": "reference", "description": "Tags, States and scenarios, with their names"},
        ],
    )
    errors.install(app)
    app.state.service = service

    @app.get("/which", response_model=Answer, tags=["questions"], responses=ERRORS, summary="Which instruments govern a request")
    def which_get(
        ask: Annotated[_Ask, Depends(query_parameters)],
        scenario: Annotated[str | None, Query(description="the name of a shipped what-if scenario (GET /scenarios)")] = None,
    ) -> Answer:
        return service.which(ask, scenario)

    @app.post("/which", response_model=Answer, tags=["questions"], responses=ERRORS, summary="Which instruments govern a request (JSON body)")
    def which_post(body: WhichRequest) -> Answer:
        return service.which(_Ask.from_body(body), body.scenario)

    @app.get("/diff", response_model=Diff, tags=["questions"], responses=ERRORS, summary="What a shipped scenario changes for one request")
    def diff_get(
        ask: Annotated[_Ask, Depends(query_parameters)],
        scenario: Annotated[str, Query(description="the name of a shipped what-if scenario (GET /scenarios)")],
    ) -> Diff:
        return service.diff(ask, scenario)

    @app.post("/diff", response_model=Diff, tags=["questions"], responses=ERRORS, summary="What a scenario changes for one request")
    def diff_post(body: DiffRequest) -> Diff:
        return service.diff(_Ask.from_body(body), body.scenario)

    @app.get("/timeline", response_model=Timeline, tags=["questions"], responses=ERRORS, summary="Dated events that changed what applies between two States")
    def timeline(
        a: Annotated[str, Query(description="ISO code of one State", examples=["PE"])],
        b: Annotated[str, Query(description="ISO code of the other State", examples=["ES"])],
        scenario: Annotated[str | None, Query(description="the name of a shipped what-if scenario")] = None,
        offence: Annotated[str, Query(description="an offence tag")] = Offence.ELECTRONIC_EVIDENCE_ANY_OFFENCE.value,
    ) -> Timeline:
        return service.timeline(a, b, scenario, offence)

    @app.get("/vocabulary", response_model=Vocabulary, tags=["reference"], summary="Every tag with its English and Spanish names")
    def vocabulary() -> Vocabulary:
        return service.vocabulary()

    @app.get("/states", response_model=list[StateName], tags=["reference"], summary="ISO codes of the States, with their names")
    def states() -> list[StateName]:
        return service.states()

    @app.get("/scenarios", response_model=list[ScenarioInfo], tags=["reference"], responses={500: ERRORS[500]}, summary="The shipped what-if scenarios")
    def scenarios() -> list[ScenarioInfo]:
        return service.scenarios()

    @app.get("/health", response_model=Health, tags=["reference"], summary="Liveness")
    def health() -> Health:
        return Health(version=__version__)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


app = create_app()

__all__ = ["Service", "app", "create_app"]
