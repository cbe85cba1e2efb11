"""The FastAPI application: the library's questions as HTTP endpoints, and the web page.

========================  ==========================================================
``GET /which``            one question, as query parameters -> ``Answer`` (``view=summary``: ``Summary``)
``POST /which``           one question, as a JSON body (with an inline scenario) -> ``Answer``
``POST /which/batch``     many questions, CSV or NDJSON -> NDJSON, one answer or error per line
``GET /draft``            the draft request letter for one question: Markdown, HTML or DOCX
``GET|POST /diff``        what a scenario changes for one question -> ``Diff``
``GET /timeline``         dated events between two States -> ``Timeline``
``GET /vocabulary``       every tag with its English and Spanish names
``GET /states``           ISO codes with English and Spanish names
``GET /scenarios``        the shipped what-if scenarios
``GET /health``           liveness
``GET /i18n/{lang}``      the web page's labels in one language (catalogue domain ``page``)
``GET /``                 the web page (``static/``), its labels in the request's language
========================  ==========================================================

Every endpoint answers in the language of ``?lang=en|es``, else of ``Accept-Language``,
else English (``treatyrules.http.language``); responses carry ``Content-Language``.

Errors are JSON (``treatyrules.http.errors``): bad input is HTTP 422 with
``{"error": {"type": "UnknownStateError", "message": ..., ...}}``; a request over a size
limit 413, 414 or 422 (``treatyrules.http.limits``).

The GET answers carry ``ETag`` and ``Cache-Control`` and answer ``If-None-Match`` with 304
(``treatyrules.http.caching``).
"""

from __future__ import annotations

import csv
import functools
import html
import io
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles

from treatyrules import __version__
from treatyrules._answer.batch import BatchResult, InputFormat, answer_lines
from treatyrules._answer.engine import Engine, default_engine
from treatyrules._answer.summary import Summarizer
from treatyrules._explain.draft import DraftRequest, build_draft
from treatyrules._i18n import LANGS, Lang, catalogue, current, t
from treatyrules._load.paths import package_data_dir
from treatyrules.errors import Message, ScenarioFileError, UnknownTagError
from treatyrules.http import errors
from treatyrules.http.caching import DEFAULT_MAX_AGE, CacheMiddleware, files_digest, response_cache_budget
from treatyrules.http.errors import LimitError, MediaTypeError, ParameterError, UnknownBasisError
from treatyrules.http.language import LanguageMiddleware, exact_lang, lang_parameter
from treatyrules.http.limits import Limits, LimitsMiddleware
from treatyrules.http.schemas import (
    DiffRequest,
    ErrorResponse,
    Health,
    Label,
    PageMessages,
    ScenarioInfo,
    StateName,
    Vocabulary,
    WhichRequest,
)
from treatyrules.models import Answer, Diff, Query as QueryModel, Summary, Timeline
from treatyrules.scenario import LoadedScenario, Scenario, load_scenario, shipped_scenarios
from treatyrules.vocabulary import TAG_KINDS, Instrument, Offence

STATIC = Path(__file__).resolve().parent / "static"

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

#: the draft as a downloaded file is never run as a page: no script, only its own inline style
DRAFT_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "Bad input: an unknown State or tag, a malformed date, a body that does not validate, a bad lang"},
    500: {"model": ErrorResponse, "description": "A defect in the engine's rule, data or shipped scenario files"},
}

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DraftFormat = Literal["md", "html", "docx"]
DRAFT_TYPES: dict[DraftFormat, str] = {"md": "text/markdown", "html": "text/html", "docx": DOCX}
DRAFT_MEDIA: dict[DraftFormat, str] = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "docx": DOCX}
VIEWS = ("full", "summary")
ViewParam = Annotated[str, Query(description="summary: the verdict first (a Summary); full: the whole Answer (the default)")]

DESCRIPTION = """\
Which international instrument governs a cross-border request for electronic evidence,
through which channel it travels, and on which grounds the requested State may refuse it.

Every conclusion carries its articles (`"budapest 29.5.a"`) and, where the reference texts
could not confirm a point, `confidence: "verify"`. Tags and their English and Spanish names:
`GET /vocabulary`. Errors: `{"error": {"type": ..., "message": ..., ...}}`, HTTP 422 for bad input.

Every endpoint answers in English or Spanish: `?lang=en|es`, else `Accept-Language`, else English;
responses carry `Content-Language`. The language changes texts only, never the legal fields.
`GET /which?view=summary` gives the verdict first (a `Summary`); `GET /draft` the draft request
letter as Markdown, HTML or Word.
"""

#: ``Content-Type`` of a ``POST /which/batch`` body -> the format ``answer_lines`` reads
BATCH_TYPES: dict[str, InputFormat] = {
    "text/csv": "csv",
    "application/csv": "csv",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/jsonl": "ndjson",
}
BATCH_CHUNK = 64  # answers per write of the streamed response: fewer hops to the worker thread

MLA_VALUES: dict[str, bool | None] = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False, "unknown": None, "": None, "null": None}


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
        raise ParameterError(name, value, Message("http.invalid_tristate", name=name, value=value))
    return MLA_VALUES[key]


def _view(value: str) -> str:
    key = value.strip().lower()
    if key not in VIEWS:
        raise ParameterError("view", value, Message("http.invalid_view", value=value))
    return key


def _accepted(header: str | None) -> DraftFormat:
    """The draft format an ``Accept`` header prefers (by q-value, then order); Markdown by default."""
    best: tuple[float, int, DraftFormat] | None = None
    for position, part in enumerate((header or "").split(",")):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        found = next((f for f, m in DRAFT_TYPES.items() if m == media), None)
        if found is None or weight <= 0:
            continue
        if best is None or (-weight, position) < (-best[0], best[1]):
            best = (weight, position, found)
    return best[2] if best is not None else "md"


def draft_format(value: str | None, accept: str | None) -> DraftFormat:
    """``format=md|html|docx``, else what ``Accept`` asks for, else Markdown."""
    if value is None or not value.strip():
        return _accepted(accept)
    key = value.strip().lower()
    for fmt in DRAFT_TYPES:
        if key == fmt:
            return fmt
    raise ParameterError("format", value, Message("http.invalid_format", value=value))


def draft_filename(draft: DraftRequest, fmt: DraftFormat) -> str:
    """``draft-request-ES-PE-expedited_preservation-2025-03-01.docx`` (ASCII, the stem in the draft's language)."""
    q = draft.query
    stem = t("http.draft_filename")
    name = f"{stem}-{q.requesting}-{q.requested}-{q.measure.value}-{q.on.isoformat()}.{fmt}"
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


@functools.lru_cache(maxsize=len(LANGS))
def render_page(lang: Lang) -> str:
    """``static/index.html`` with every ``{{key}}`` replaced by the label ``page.<key>`` in ``lang``
    (``{{lang}}``: the language itself), so the page reads in one language before its script runs."""
    template = (STATIC / "index.html").read_text(encoding="utf-8")
    messages = catalogue().messages[lang]

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        return lang if key == "lang" else html.escape(messages[f"page.{key}"])

    return _PLACEHOLDER.sub(fill, template)


def page_messages(lang: Lang) -> dict[str, str]:
    """The labels of the web page (catalogue domain ``page``), keys without the domain."""
    return {key.split(".", 1)[1]: text for key, text in catalogue().messages[lang].items() if key.startswith("page.")}


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    """``data_types=a&data_types=b`` or ``data_types=a,b``."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


async def query_parameters(
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


def batch_format(content_type: str | None) -> InputFormat:
    """The input format a ``Content-Type`` names (``BATCH_TYPES``), else ``MediaTypeError`` (415)."""
    media = (content_type or "").partition(";")[0].strip().lower()
    fmt = BATCH_TYPES.get(media)
    if fmt is None:
        raise MediaTypeError(media or (content_type or ""), ["text/csv", "application/x-ndjson"])
    return fmt


def batch_length(text: str, fmt: InputFormat) -> int:
    """How many query lines ``text`` holds (blank lines and the CSV header not counted)."""
    if fmt == "ndjson":
        return sum(1 for line in text.split("\n") if line.strip())
    try:
        rows = sum(1 for row in csv.reader(io.StringIO(text, newline="")) if any(cell.strip() for cell in row))
    except csv.Error:  # the reader stops at a malformed record: count the lines instead
        rows = sum(1 for line in text.splitlines() if line.strip())
    return max(0, rows - 1)


def _chunks(first: BatchResult, rest: Iterator[BatchResult]) -> Iterator[bytes]:
    pending = [first.to_json()]
    for result in rest:
        pending.append(result.to_json())
        if len(pending) >= BATCH_CHUNK:
            yield ("\n".join(pending) + "\n").encode("utf-8")
            pending.clear()
    if pending:
        yield ("\n".join(pending) + "\n").encode("utf-8")


class Service:
    """What the endpoints share: the engine (loaded on first use) and the scenarios."""

    def __init__(self, engine: Engine | None = None) -> None:
        self._engine = engine
        self._summarizer: Summarizer | None = None
        self._digest: str | None = None

    def digest(self) -> str:
        """The version, the loaded rule and data files and the staleness cut-off, as one digest
        (the part of every ``ETag`` that changes only with a release or new data)."""
        if self._digest is None:
            engine = self.engine
            self._digest = files_digest([engine.rules_path, engine.fixtures_path, package_data_dir()], extra=engine.stale_before.isoformat())
        return self._digest

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = default_engine()
        return self._engine

    @property
    def summarizer(self) -> Summarizer:
        if self._summarizer is None:
            self._summarizer = Summarizer(self.engine.labels, self.engine.channel_map)
        return self._summarizer

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
        """The answer, in the language in use (the request's)."""
        query = self.query(ask)
        loaded, is_shipped = self.scenario(ref)
        with self.shipped(is_shipped):
            return self.engine.answer_under(query, loaded)

    def which_view(self, ask: _Ask, ref: str | Scenario | None, view: str) -> Answer | Summary:
        view = _view(view)
        answer = self.which(ask, ref)
        return self.summarizer.summarize(answer) if view == "summary" else answer

    def draft(self, ask: _Ask, ref: str | Scenario | None, basis: str | None) -> DraftRequest:
        """The draft request letter, from the same answer ``which`` gives (NoLegalBasisError if none)."""
        wanted: Instrument | None = None
        if basis is not None and basis.strip():
            try:
                wanted = Instrument(basis.strip())
            except ValueError:
                raise UnknownBasisError(basis, [i.value for i in Instrument]) from None
        answer = self.which(ask, ref)
        return build_draft(answer, self.summarizer, wanted)

    def diff(self, ask: _Ask, ref: str | Scenario) -> Diff:
        query = self.query(ask)
        loaded, is_shipped = self.scenario(ref)
        if loaded is None:
            raise ParameterError("scenario", "", Message("http.diff_needs_scenario"))
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


def create_app(
    engine: Engine | None = None,
    *,
    warm: bool = True,
    limits: Limits | None = None,
    cache_max_age: int = DEFAULT_MAX_AGE,
    response_cache_bytes: int | None = None,
) -> FastAPI:
    """A new application; ``engine`` defaults to the shared engine on the embedded data.

    With ``warm`` the engine is loaded when the server starts, not on the first request.
    ``limits``: the request size limits (default: ``Limits.from_env()``, the ``TREATYRULES_MAX_*``
    variables, else 1 MiB of body, 10,000 batch lines, 8 KiB of query string).
    ``cache_max_age``: the ``max-age`` of the answers' ``Cache-Control``, in seconds.
    ``response_cache_bytes``: the bytes of answers each worker keeps by ``ETag`` (default
    ``TREATYRULES_RESPONSE_CACHE_BYTES``, else 16 MiB; 0: none).
    """
    service = Service(engine)
    limits = limits if limits is not None else Limits.from_env()
    if isinstance(cache_max_age, bool) or not isinstance(cache_max_age, int) or cache_max_age < 0:
        raise ParameterError("cache_max_age", str(cache_max_age), Message("http.limits.bad_value", name="cache_max_age", value=str(cache_max_age)))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await anyio.to_thread.run_sync(service.digest)
        yield

    app = FastAPI(
        title="treatyrules",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "questions", "description": "Which instrument applies, what a scenario changes, what changed when"},
            {"name": "drafts", "description": "The draft request letter for one question"},
            {"name": "reference", "description": "Tags, States and scenarios, with their names; the web page's labels"},
        ],
    )
    errors.install(app)
    # outermost last: the language first (the limits' and tags' errors are in it), then the limits
    app.add_middleware(CacheMiddleware, digest=service.digest, max_age=cache_max_age, response_cache_bytes=response_cache_budget(response_cache_bytes))
    app.add_middleware(LimitsMiddleware, limits=limits)
    app.add_middleware(LanguageMiddleware)
    app.state.service = service
    app.state.limits = limits
    with_lang = [Depends(lang_parameter)]

    @app.get(
        "/which", response_model=Answer | Summary, tags=["questions"], responses=ERRORS, dependencies=with_lang,
        summary="Which instruments govern a request",
    )
    def which_get(
        ask: Annotated[_Ask, Depends(query_parameters)],
        scenario: Annotated[str | None, Query(description="the name of a shipped what-if scenario (GET /scenarios)")] = None,
        view: ViewParam = "full",
    ) -> Answer | Summary:
        return service.which_view(ask, scenario, view)

    @app.post(
        "/which", response_model=Answer | Summary, tags=["questions"], responses=ERRORS, dependencies=with_lang,
        summary="Which instruments govern a request (JSON body)",
    )
    def which_post(body: WhichRequest, view: ViewParam = "full") -> Answer | Summary:
        return service.which_view(_Ask.from_body(body), body.scenario, view)

    @app.post(
        "/which/batch", tags=["questions"], response_class=StreamingResponse,
        summary="Many questions at once: CSV or NDJSON in, one NDJSON answer or error per line out",
        responses={
            200: {
                "description": (
                    'one line per query line, in order: {"line": N, "answer": {...}} or {"line": N, "error": {...}}; '
                    "a line that cannot be answered does not stop the others"
                ),
                "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            },
            413: {"model": ErrorResponse, "description": "The body is over the size limit"},
            415: {"model": ErrorResponse, "description": "The body is neither text/csv nor application/x-ndjson"},
            422: {"model": ErrorResponse, "description": "Too many lines, a CSV header naming an unknown field, a bad view or lang"},
        },
        openapi_extra={"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}}}}},
    )
    async def which_batch(request: Request, lang: Annotated[Lang, Depends(lang_parameter)], view: ViewParam = "full") -> StreamingResponse:
        chosen = _view(view)
        fmt = batch_format(request.headers.get("content-type"))
        # invalid UTF-8 becomes U+FFFD: that line then fails on its own, as in `treatyrules batch`
        text = (await request.body()).decode("utf-8-sig", errors="replace")
        count = batch_length(text, fmt)
        if count > limits.max_batch_lines:
            raise LimitError("lines", limits.max_batch_lines, count, Message("http.limits.batch_too_long", count=count, limit=limits.max_batch_lines))
        results = answer_lines(io.StringIO(text, newline=""), fmt, "summary" if chosen == "summary" else "full", lang, engine=service.engine, scenario_files=False)
        # the first line is read before the status is sent: an unreadable input (a CSV header
        # naming an unknown field) is then a 422, not a stream cut short
        first = await anyio.to_thread.run_sync(next, results, None)
        if first is None:
            return StreamingResponse(iter(()), media_type="application/x-ndjson", headers={"Content-Language": lang})
        return StreamingResponse(_chunks(first, results), media_type="application/x-ndjson", headers={"Content-Language": lang})

    @app.get(
        "/draft", tags=["drafts"], dependencies=with_lang, response_class=Response,
        summary="The draft request letter for one question (Markdown, HTML or Word)",
        responses={
            200: {
                "description": "the letter, as a file to download (Content-Disposition names it)",
                "content": {"text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}},
                            DOCX: {"schema": {"type": "string", "format": "binary"}}},
            },
            422: {"model": ErrorResponse, "description": "Bad input, or no instrument gives a basis for the request (NoLegalBasisError)"},
            500: ERRORS[500],
            501: {"model": ErrorResponse, "description": "The server lacks the optional extra that writes Word files (MissingExtraError)"},
        },
    )
    def draft(
        request: Request,
        ask: Annotated[_Ask, Depends(query_parameters)],
        scenario: Annotated[str | None, Query(description="the name of a shipped what-if scenario (GET /scenarios)")] = None,
        basis: Annotated[str | None, Query(description="the instrument to draft under (an instrument tag); default: the best-ranked open basis")] = None,
        format: Annotated[str | None, Query(description="md, html or docx; else from Accept (text/markdown, text/html, the DOCX type); default md")] = None,  # noqa: A002
    ) -> Response:
        fmt = draft_format(format, request.headers.get("accept"))
        letter = service.draft(ask, scenario, basis)
        content: bytes
        if fmt == "docx":
            content = letter.to_docx()
        elif fmt == "html":
            content = letter.to_html().encode("utf-8")
        else:
            content = letter.to_markdown().encode("utf-8")
        headers = {**DRAFT_HEADERS, "Content-Disposition": f'attachment; filename="{draft_filename(letter, fmt)}"', "Content-Language": letter.lang}
        return Response(content, media_type=DRAFT_MEDIA[fmt], headers=headers)

    @app.get("/diff", response_model=Diff, tags=["questions"], responses=ERRORS, dependencies=with_lang, summary="What a shipped scenario changes for one request")
    def diff_get(
        ask: Annotated[_Ask, Depends(query_parameters)],
        scenario: Annotated[str, Query(description="the name of a shipped what-if scenario (GET /scenarios)")],
    ) -> Diff:
        return service.diff(ask, scenario)

    @app.post("/diff", response_model=Diff, tags=["questions"], responses=ERRORS, dependencies=with_lang, summary="What a scenario changes for one request")
    def diff_post(body: DiffRequest) -> Diff:
        return service.diff(_Ask.from_body(body), body.scenario)

    @app.get(
        "/timeline", response_model=Timeline, tags=["questions"], responses=ERRORS, dependencies=with_lang,
        summary="Dated events that changed what applies between two States",
    )
    def timeline(
        a: Annotated[str, Query(description="ISO code of one State", examples=["PE"])],
        b: Annotated[str, Query(description="ISO code of the other State", examples=["ES"])],
        scenario: Annotated[str | None, Query(description="the name of a shipped what-if scenario")] = None,
        offence: Annotated[str, Query(description="an offence tag")] = Offence.ELECTRONIC_EVIDENCE_ANY_OFFENCE.value,
    ) -> Timeline:
        return service.timeline(a, b, scenario, offence)

    @app.get("/vocabulary", response_model=Vocabulary, tags=["reference"], dependencies=with_lang, summary="Every tag with its English and Spanish names")
    def vocabulary() -> Vocabulary:
        return service.vocabulary()

    @app.get("/states", response_model=list[StateName], tags=["reference"], dependencies=with_lang, summary="ISO codes of the States, with their names")
    def states() -> list[StateName]:
        return service.states()

    @app.get(
        "/scenarios", response_model=list[ScenarioInfo], tags=["reference"], responses={422: ERRORS[422], 500: ERRORS[500]}, dependencies=with_lang,
        summary="The shipped what-if scenarios",
    )
    def scenarios() -> list[ScenarioInfo]:
        return service.scenarios()

    @app.get("/health", response_model=Health, tags=["reference"], dependencies=with_lang, summary="Liveness")
    def health() -> Health:
        return Health(version=__version__)

    @app.get(
        "/i18n/{lang}", response_model=PageMessages, tags=["reference"], responses={422: ERRORS[422]},
        summary="The web page's labels in one language (en or es)",
    )
    def i18n(lang: str, response: Response) -> PageMessages:
        chosen = exact_lang(lang)
        if chosen is None:
            raise ParameterError("lang", lang, Message("http.invalid_lang", value=lang))
        response.headers["Content-Language"] = chosen
        return PageMessages(lang=chosen, messages=page_messages(chosen))

    @app.get("/", include_in_schema=False)
    def page() -> HTMLResponse:
        # The page is lenient: a lang it does not know is the page in the header's language.
        return HTMLResponse(render_page(current()), headers={**PAGE_HEADERS, "Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


app = create_app()

__all__ = ["Limits", "Service", "app", "create_app", "draft_format", "render_page"]
