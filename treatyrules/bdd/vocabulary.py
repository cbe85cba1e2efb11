"""The shared step vocabulary, in English and Spanish.

Each ``StepSpec`` is one step: a pattern per language, the human template shown
in the docs and in suggestions, one example per language, and a ``parse``
function that turns the matched text into typed values (tags, ISO codes,
dates). ``parse`` runs twice: at collection, so that an unknown name or a bad
date fails before anything runs, and again when the step runs.

The same step function serves both languages (``treatyrules.bdd.steps``
registers both patterns of each entry on it). Context and what-if steps may be
written after ``Given``/``When`` (``Dado``/``Cuando``); assertions after
``Then`` (``Entonces``); ``And``/``But`` (``Y``/``Pero``) continue the previous
keyword.

Every conclusion step ends, optionally, with a citation: ``under Article
29.5.a of the Budapest Convention`` / ``según el artículo 29.5.a del Convenio de
Budapest`` (the article must be among those the answer cites for that
conclusion), or only the instrument: ``under the Budapest Convention`` /
``según el Convenio de Budapest``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from treatyrules.bdd.messages import say
from treatyrules.bdd.names import UnknownName, fold, key, names, split_names, split_pair
from treatyrules.vocabulary import DataType, Ground

Parsed = dict[str, Any]


class StepError(ValueError):
    """A step whose text can be matched but not read (a bad date, an unknown article)."""


@dataclass(frozen=True)
class StepSpec:
    id: str
    keyword: str  # "given" (context and what-if) or "then" (assertions)
    section: str
    en: str
    es: str
    template_en: str
    template_es: str
    example_en: str
    example_es: str
    parse: Callable[[Mapping[str, str | None], str], Parsed]
    note_en: str = ""
    note_es: str = ""
    tags: tuple[str, ...] = field(default=())

    def pattern(self, lang: str) -> str:
        return self.es if lang == "es" else self.en

    def template(self, lang: str) -> str:
        return self.template_es if lang == "es" else self.template_en

    def example(self, lang: str) -> str:
        return self.example_es if lang == "es" else self.example_en


# -- readers shared by the steps ------------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_date(text: str | None, lang: str) -> date:
    value = (text or "").strip().rstrip(".")
    if _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise StepError(say(lang, "steps.not_a_date", value=value))


def read(kind: str, text: str | None) -> str:
    return names().resolve(kind, (text or "").strip())


def read_state(text: str | None) -> str:
    return names().state((text or "").strip())


_ARTICLE = re.compile(r"^\d+[a-z]?(?:\.(?:\d+|[a-z]{1,3}))*$")


def read_article(text: str, lang: str) -> str:
    """``"29.5.a"``, ``"29(5)(a)"`` or ``"29.5(a)"`` -> ``"29.5.a"``."""
    raw = fold(text.strip().rstrip(",.;:"))
    value = re.sub(r"\(([0-9a-z]+)\)", r".\1", raw).replace(" ", "")
    if not _ARTICLE.match(value):
        raise StepError(say(lang, "steps.not_an_article", text=text))
    return value


_CITE_EN = re.compile(r"^\s*under\s+(?:(?:article|art\.?)\s+(?P<article>\S+)\s+of\s+)?(?P<instrument>.+)$", re.IGNORECASE)
_CITE_ES = re.compile(
    r"^\s*(?:segun|conforme a)\s+(?:(?:el\s+)?(?:articulo|art\.?)\s+(?P<article>\S+)\s+(?:del|de\s+la|de)\s+)?(?P<instrument>.+)$",
    re.IGNORECASE,
)
_CITES_EN = re.compile(r"^\s*(?:article|art\.?)\s+(?P<article>\S+)\s+of\s+(?P<instrument>.+)$", re.IGNORECASE)
_CITES_ES = re.compile(r"^\s*(?:el\s+)?(?:articulo|art\.?)\s+(?P<article>\S+)\s+(?:del|de\s+la|de)\s+(?P<instrument>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Cite:
    instrument: str
    article: str | None

    def citation(self) -> str | None:
        return f"{self.instrument} {self.article}" if self.article else None


def read_cite(text: str | None, lang: str, *, bare: bool = False) -> Cite | None:
    """The optional citation that ends a conclusion step (see the module docstring)."""
    if not text:
        return None
    regex = (_CITES_ES if lang == "es" else _CITES_EN) if bare else (_CITE_ES if lang == "es" else _CITE_EN)
    m = regex.match(fold(text))
    if m is None:
        raise StepError(say(lang, "steps.citation", text=text.strip()))
    # Cut the instrument and article from the original text (folding keeps positions).
    original = text
    instrument = read("instrument", original[m.start("instrument"):m.end("instrument")])
    article = read_article(original[m.start("article"):m.end("article")], lang) if m.group("article") else None
    return Cite(instrument, article)


def read_tail(g: Mapping[str, str | None], name: str | None, lang: str) -> tuple[str | None, Cite | None]:
    """Free text followed by an optional citation: cut at the last 'under' / 'según' that starts a citation.

    The free text ("because ...", a condition, a time limit) may itself contain the word, so the
    pattern's first cut is not trusted: every later occurrence is tried, last first.
    """
    free = g.get(name) if name else None
    cite_text = g.get("cite")
    if not cite_text:
        return free, None
    combined = (free or "") + cite_text
    word = " segun " if lang == "es" else " under "
    folded = fold(combined)
    starts = [m.start() for m in re.finditer(word.strip().join((r"\s+", r"\s+")), folded)] if free is not None else []
    for start in sorted(starts, reverse=True):
        try:
            return combined[:start], read_cite(combined[start:], lang)
        except (StepError, UnknownName):
            continue
    return free, read_cite(cite_text, lang)


def read_list(kind: str, text: str | None) -> list[str]:
    resolver = (lambda piece: read_state(piece)) if kind == "State" else (lambda piece: read(kind, piece))
    return split_names(text or "", resolver)


# -- time limits ---------------------------------------------------------------------------

_WORDS = {
    "expeditiously": "expeditiously", "expedited": "expeditiously", "rapidamente": "expeditiously", "con rapidez": "expeditiously",
    "rapido": "expeditiously", "expedito": "expeditiously", "de forma expedita": "expeditiously", "lo mas rapidamente posible": "expeditiously",
    "promptly": "promptly", "without delay": "promptly", "sin demora": "promptly", "con prontitud": "promptly", "pronto": "promptly",
    "immediately": "immediately", "immediate": "immediately", "inmediatamente": "immediately", "de inmediato": "immediately", "inmediato": "immediately",
}
_AMOUNT = re.compile(
    r"^(?:de\s+)?(?:(?P<bound>at least|at most|within|exactly|no less than|no more than|al menos|como minimo|como maximo|dentro de|exactamente|no menos de|no mas de)\s+)?"
    r"(?P<n>\d+)\s+(?P<unit>days?|hours?|dias?|horas?)$"
)
_BOUNDS = {
    None: "exactly", "exactly": "exactly", "exactamente": "exactly",
    "at least": "min", "no less than": "min", "al menos": "min", "como minimo": "min", "no menos de": "min",
    "at most": "max", "no more than": "max", "within": "max", "como maximo": "max", "no mas de": "max", "dentro de": "max",
}


@dataclass(frozen=True)
class Limit:
    bound: str  # min, max, exactly, expeditiously, promptly, immediately, until
    days: int | None = None
    hours: int | None = None
    until: str | None = None

    def describe(self, lang: str = "en") -> str:
        """The limit as a step states it, in ``lang``: "at least 60 days", "al menos 60 días"."""
        if self.days is not None or self.hours is not None:
            amount = say(lang, "limits.days", n=self.days) if self.days is not None else say(lang, "limits.hours", n=self.hours)
            return amount if self.bound == "exactly" else say(lang, f"limits.{self.bound}", amount=amount)
        if self.bound == "until":
            return say(lang, "limits.until", event=self.until)
        return say(lang, f"limits.{self.bound}")


def read_limit(text: str | None, lang: str) -> Limit:
    value = key(text or "")
    if value.startswith(("until ", "hasta ")):
        return Limit("until", until=value.split(" ", 1)[1])
    if value in _WORDS:
        return Limit(_WORDS[value])
    m = _AMOUNT.match(value)
    if m:
        bound = _BOUNDS[m.group("bound")]
        n = int(m.group("n"))
        if m.group("unit").startswith(("day", "dia")):
            return Limit(bound, days=n)
        return Limit(bound, hours=n)
    raise StepError(say(lang, "steps.time_limit", text=text))


# -- where a ground comes from ----------------------------------------------------------------

_SOURCE_OWNED_EN = re.compile(r"^(?P<state>.+?)'s (?P<kind>reservation|declaration)$")
_SOURCE_OF_EN = re.compile(r"^(?:a |an |its )?(?P<kind>reservation|declaration)(?: (?:of|by) (?P<state>.+))?$")
_SOURCE_ES = re.compile(r"^(?:la |una |su )?(?P<kind>reserva|declaracion)(?: (?:del|de la|de) (?P<state>.+))?$")
_INSTRUMENT_WORDS = {"instrument", "the instrument", "treaty", "the treaty", "the treaty itself", "instrumento", "el instrumento",
                     "tratado", "el tratado", "el propio tratado", "propio tratado", "el convenio", "convenio", "the convention"}


@dataclass(frozen=True)
class Source:
    source: str  # instrument | reservation | declaration
    state: str | None = None


def read_source(text: str | None, lang: str) -> Source | None:
    if not text:
        return None
    value = fold(text.strip())
    if value in _INSTRUMENT_WORDS or key(value) in {key(w) for w in _INSTRUMENT_WORDS}:
        return Source("instrument")
    try:
        read("instrument", text)
        return Source("instrument")
    except UnknownName:
        pass
    for regex in (_SOURCE_OWNED_EN, _SOURCE_OF_EN, _SOURCE_ES):
        m = regex.match(value)
        if m:
            kind = {"reserva": "reservation", "declaracion": "declaration"}.get(m.group("kind"), m.group("kind"))
            state = read_state(text[m.start("state"):m.end("state")]) if m.group("state") else None
            return Source(kind, state)
    raise StepError(say(lang, "steps.source", text=text))


# -- the parse functions, one per step ---------------------------------------------------------


def _date(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {"on": read_date(g["date"], lang)}


def _request(g: Mapping[str, str | None], lang: str) -> Parsed:
    seps = ("a", "al") if lang == "es" else ("to",)
    requesting, requested = split_pair(g["pair"] or "", seps, read_state)
    if requesting == requested:
        raise StepError(say(lang, "steps.same_state", state=requesting))
    return {"requesting": requesting, "requested": requested}


def _measure(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {"measure": read("measure", g["measure"])}


def _offence(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {"offence": read("offence", g["offence"])}


def _urgency(g: Mapping[str, str | None], lang: str) -> Parsed:
    value = fold(g["urgency"] or "")
    if "emergen" in value:
        return {"urgent": False, "emergency": True}
    return {"urgent": not value.startswith(("not", "no ")), "emergency": False}


def _mla(g: Mapping[str, str | None], lang: str) -> Parsed:
    value = fold(g["mla"] or "")
    if "unknown" in value or "no se sabe" in value:
        return {"mla_treaty": None}
    return {"mla_treaty": not (value.endswith(" no") or value.startswith("no "))}


def _extradition(g: Mapping[str, str | None], lang: str) -> Parsed:
    value = fold(g["treaty"] or "")
    if "unknown" in value or "no se sabe" in value:
        return {"extradition_treaty": None}
    return {"extradition_treaty": not (value.endswith(" no") or value.startswith("no "))}


def _data(g: Mapping[str, str | None], lang: str) -> Parsed:
    tags = read_list("data_type", g["data"])
    if not tags:
        raise StepError(say(lang, "steps.no_data"))
    return {"data_types": [DataType(t) for t in tags]}


def _penalty(g: Mapping[str, str | None], lang: str) -> Parsed:
    amount = float((g["amount"] or "0").replace(",", "."))
    unit = fold(g["unit"] or "")
    years = amount / 12 if unit.startswith("m") else amount
    return {"max_penalty_years": years}


def _act_began(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {"act_began": read_date(g["date"], lang)}


_CONSENT_KINDS = {"ratifies": "ratification", "ratifica": "ratification", "accedes to": "accession", "se adhiere a": "accession",
                  "se adhiere al": "accession", "accepts": "acceptance", "acepta": "acceptance", "approves": "approval", "aprueba": "approval"}


def _consent(g: Mapping[str, str | None], lang: str) -> Parsed:
    verb = re.sub(r"\s+", " ", fold(g["verb"] or ""))
    instrument_text = g["instrument"] or ""
    if verb == "se adhiere al":
        instrument_text = "el " + instrument_text
    return {
        "state": read_state(g["state"]),
        "instrument": read("instrument", instrument_text),
        "date": read_date(g["date"], lang),
        "kind": _CONSENT_KINDS[verb],
    }


def _denunciation(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {"state": read_state(g["state"]), "instrument": read("instrument", g["instrument"]), "date": read_date(g["date"], lang)}


def _statement_kind(text: str | None) -> str:
    value = fold(text or "")
    return "reservation" if value.startswith("reserv") else "declaration"


def _statement(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {
        "state": read_state(g["state"]),
        "kind": _statement_kind(g["kind"]),
        "provision": read_article(g["provision"] or "", lang),
        "instrument": read("instrument", g["instrument"]),
        "date": read_date(g["date"], lang) if g.get("date") else None,
    }


def _withdrawal(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {
        "state": read_state(g["state"]),
        "kind": _statement_kind(g["kind"]),
        "provision": read_article(g["provision"] or "", lang),
        "instrument": read("instrument", g["instrument"]),
        "date": read_date(g["date"], lang),
    }


def _mla_hypothetical(g: Mapping[str, str | None], lang: str) -> Parsed:
    seps = ("y", "e") if lang == "es" else ("and",)
    a, b = split_pair(g["pair"] or "", seps, read_state)
    if a == b:
        raise StepError(say(lang, "steps.mla_two_states"))
    return {"states": (a, b), "date": read_date(g["date"], lang)}


def _scenario(g: Mapping[str, str | None], lang: str) -> Parsed:
    name = (g["name"] or "").strip().strip("\"'“”«»").strip()
    if not name:
        raise StepError(say(lang, "steps.no_scenario_name"))
    return {"name": name}


def _applies(g: Mapping[str, str | None], lang: str) -> Parsed:
    verdict = fold(g["verdict"] or "")
    negative = verdict.startswith(("does not", "no "))
    if g.get("undetermined") and negative:
        raise StepError(say(lang, "steps.undetermined_negative"))
    expected: bool | None = None if g.get("undetermined") else not negative
    because, cite = read_tail(g, "because", lang)
    return {"instrument": read("instrument", g["instrument"]), "expected": expected, "because": (because or "").strip() or None, "cite": cite}


_OPEN = {"open", "available", "abierto", "abierta", "disponible"}
_CLOSED = {"closed", "not available", "cerrado", "cerrada", "no disponible"}


def _channel(g: Mapping[str, str | None], lang: str) -> Parsed:
    status = re.sub(r"\s+", " ", fold(g["status"] or ""))
    expected: bool | None = True if status in _OPEN else False if status in _CLOSED else None
    return {"channel": read("channel", g["channel"]), "expected": expected, "cite": read_cite(g.get("cite"), lang)}


def _open_channels(g: Mapping[str, str | None], lang: str) -> Parsed:
    names_text, cite = read_tail(g, "names", lang)
    return {"channels": read_list("channel", names_text), "cite": cite}


_GROUND_KINDS = {
    "refusal grounds": "refusal", "refusal ground": "refusal", "de denegacion": "refusal",
    "grounds for postponement": "postponement", "ground for postponement": "postponement", "de aplazamiento": "postponement",
    "prohibited grounds": "prohibited", "prohibited ground": "prohibited", "de denegacion prohibidos": "prohibited",
    "de denegacion prohibido": "prohibited", "prohibidos": "prohibited", "prohibido": "prohibited",
}


def _ground_kind(text: str | None) -> str:
    return _GROUND_KINDS[re.sub(r"\s+", " ", fold(text or ""))]


def _grounds_exactly(g: Mapping[str, str | None], lang: str) -> Parsed:
    names_text, cite = read_tail(g, "names", lang)
    return {"kind": _ground_kind(g["kind"]), "grounds": [Ground(t) for t in read_list("ground", names_text)], "cite": cite}


def _ground(g: Mapping[str, str | None], lang: str) -> Parsed:
    source, cite = read_tail(g, "source" if g.get("source") else None, lang)
    return {
        "ground": Ground(read("ground", g["ground"])),
        "present": not g.get("neg"),
        "kind": _ground_kind(g["kind"]),
        "source": read_source(source, lang),
        "cite": cite,
    }


def _closed_list(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {"closed": not g.get("neg"), "cite": read_cite(g.get("cite"), lang)}


def _dual(g: Mapping[str, str | None], lang: str) -> Parsed:
    value, cite = read_tail(g, "value", lang)
    return {"value": read("dual_criminality", value), "cite": cite}


def _time_limit(g: Mapping[str, str | None], lang: str) -> Parsed:
    if g.get("none"):
        return {"limit": None, "cite": read_cite(g.get("cite"), lang)}
    limit, cite = read_tail(g, "limit", lang)
    return {"limit": read_limit(limit, lang), "cite": cite}


def _contents(g: Mapping[str, str | None], lang: str) -> Parsed:
    items_text, cite = read_tail(g, "items", lang)
    items = [piece.strip() for piece in re.split(r"\s*;\s*", items_text or "") if piece.strip()]
    if not items:
        raise StepError(say(lang, "steps.no_contents"))
    return {"items": items, "cite": cite}


def _condition(g: Mapping[str, str | None], lang: str) -> Parsed:
    cond, cite = read_tail(g, "cond", lang)
    return {"condition": (cond or "").strip().strip("\"'“”"), "cite": cite}


def _cites(g: Mapping[str, str | None], lang: str) -> Parsed:
    cite = read_cite(g["cite"], lang, bare=True)
    assert cite is not None
    return {"cite": cite}


def _missing(g: Mapping[str, str | None], lang: str) -> Parsed:
    if g.get("none"):
        return {"facts": []}
    facts = [piece.strip() for piece in re.split(r"\s*;\s*", g["facts"] or "") if piece.strip()]
    return {"facts": facts}


def _verify(g: Mapping[str, str | None], lang: str) -> Parsed:
    return {"verify": not g.get("neg")}


def _comparison(g: Mapping[str, str | None], lang: str) -> Parsed:
    aspect = "fastest" if any(w in fold(g["aspect"] or "") for w in ("fastest", "rapida")) else "fewest_grounds"
    return {"aspect": aspect, "instruments": read_list("instrument", g["instruments"])}


CITE_EN = r"(?P<cite> under .+)?"
CITE_ES = r"(?P<cite> según .+)?"

VOCABULARY: tuple[StepSpec, ...] = (
    # -- the question ------------------------------------------------------------------------
    StepSpec(
        "date", "given", "question",
        r"(?:that )?the date is (?P<date>\S+)",
        r"(?:que )?la fecha (?:es )?(?:el )?(?P<date>\S+)",
        "the date is <YYYY-MM-DD>", "la fecha es <AAAA-MM-DD>",
        "the date is 2025-03-01", "la fecha es 2025-03-01",
        _date,
        note_en="The date the answer is for. Every scenario states it, so that answers do not change with today's date.",
        note_es="La fecha de la respuesta. Todo escenario la indica, para que la respuesta no dependa del día en que se ejecuta.",
    ),
    StepSpec(
        "request", "given", "question",
        r"(?:there is )?(?:a )?request from (?P<pair>.+)",
        r"(?:que hay )?una solicitud (?:de|del) (?P<pair>.+)",
        "a request from <State> to <State>", "una solicitud de <Estado> a <Estado>",
        "a request from Spain to Peru", "una solicitud de España al Perú",
        _request,
        note_en="The requesting State, then the requested State (name, ISO code or alias).",
        note_es="El Estado requirente y luego el requerido (nombre, código ISO o alias).",
    ),
    StepSpec(
        "measure", "given", "question",
        r"(?:that )?the (?:requested )?measure is (?P<measure>.+)",
        r"(?:que )?la medida(?: solicitada)? es (?P<measure>.+)",
        "the measure is <measure>", "la medida es <medida>",
        "the measure is expedited preservation", "la medida es conservación rápida",
        _measure,
    ),
    StepSpec(
        "offence", "given", "question",
        r"(?:that )?the offence is (?P<offence>.+)",
        r"(?:que )?el delito es (?P<offence>.+)",
        "the offence is <offence>", "el delito es <delito>",
        "the offence is computer-related fraud", "el delito es fraude informático",
        _offence,
    ),
    StepSpec(
        "urgency", "given", "question",
        r"(?:that )?the request is (?P<urgency>urgent|not urgent|an emergency)",
        r"(?:que )?la solicitud (?P<urgency>es urgente|no es urgente|es de emergencia)",
        "the request is urgent | not urgent | an emergency", "la solicitud es urgente | no es urgente | es de emergencia",
        "the request is urgent", "la solicitud es urgente",
        _urgency,
        note_en="An emergency is a significant and imminent risk to the life or safety of a person.",
        note_es="Una emergencia es un riesgo significativo e inminente para la vida o la seguridad de una persona.",
    ),
    StepSpec(
        "mla_treaty", "given", "question",
        r"(?:that )?(?P<mla>there is|there is no|it is unknown whether there is) (?:an )?MLA treaty between them",
        r"(?:que )?(?P<mla>hay|no hay|no se sabe si hay) (?:un )?tratado de asistencia (?:judicial |legal )?mutua entre ellos",
        "there is | there is no | it is unknown whether there is an MLA treaty between them",
        "hay | no hay | no se sabe si hay un tratado de asistencia mutua entre ellos",
        "there is no MLA treaty between them", "no hay tratado de asistencia mutua entre ellos",
        _mla,
        note_en="Whether another mutual legal assistance treaty is in force between the two States. Left unsaid, it is unknown.",
        note_es="Si hay otro tratado de asistencia judicial mutua en vigor entre los dos Estados. Si no se dice, se desconoce.",
    ),
    StepSpec(
        "extradition_treaty", "given", "question",
        r"(?:that )?(?P<treaty>there is|there is no|it is unknown whether there is) (?:an )?extradition treaty between them",
        r"(?:que )?(?P<treaty>hay|no hay|no se sabe si hay) (?:un )?tratado de extradición entre ellos",
        "there is | there is no | it is unknown whether there is an extradition treaty between them",
        "hay | no hay | no se sabe si hay un tratado de extradición entre ellos",
        "there is no extradition treaty between them", "no hay tratado de extradición entre ellos",
        _extradition,
        note_en="Whether an extradition treaty is in force between the two States (extradition requests only). Left unsaid, it is unknown.",
        note_es="Si hay un tratado de extradición en vigor entre los dos Estados (sólo para la extradición). Si no se dice, se desconoce.",
    ),
    StepSpec(
        "data_types", "given", "question",
        r"(?:that )?the request seeks (?P<data>.+)",
        r"(?:que )?la solicitud (?:busca|pide|se refiere a) (?P<data>.+)",
        "the request seeks <data>[, <data> and <data>]", "la solicitud busca <datos>[, <datos> y <datos>]",
        "the request seeks subscriber information", "la solicitud busca información de suscriptores",
        _data,
    ),
    StepSpec(
        "penalty", "given", "question",
        r"(?:that )?the maximum penalty is (?P<amount>\d+(?:[.,]\d+)?) (?P<unit>years?|months?)",
        r"(?:que )?la pena máxima es de (?P<amount>\d+(?:[.,]\d+)?) (?P<unit>años?|mes(?:es)?)",
        "the maximum penalty is <n> years | months", "la pena máxima es de <n> años | meses",
        "the maximum penalty is 4 years", "la pena máxima es de 4 años",
        _penalty,
        note_en="The maximum penalty of deprivation of liberty for the offence.",
        note_es="La pena máxima privativa de libertad prevista para el delito.",
    ),
    StepSpec(
        "act_began", "given", "question",
        r"(?:that )?the co-?operation act began on (?P<date>\S+)",
        r"(?:que )?el acto de cooperación (?:comenzó|se inició) el (?P<date>\S+)",
        "the cooperation act began on <YYYY-MM-DD>", "el acto de cooperación comenzó el <AAAA-MM-DD>",
        "the cooperation act began on 2027-03-15", "el acto de cooperación comenzó el 2027-03-15",
        _act_began,
        note_en="When the act of co-operation began, where it differs from the date of the answer (COMJIB Art 17.3 governs only acts begun after its entry into force between the two Parties).",
        note_es="Cuándo comenzó el acto de cooperación, si no es la fecha de la respuesta (el artículo 17.3 del Convenio COMJIB sólo rige los actos iniciados tras su entrada en vigor entre ambas Partes).",
    ),
    # -- what if ---------------------------------------------------------------------------
    StepSpec(
        "consent", "given", "what_if",
        r"(?:that )?(?P<state>.+?) (?P<verb>ratifies|accedes to|accepts|approves) (?P<instrument>.+?) on (?P<date>\S+)",
        r"(?:que )?(?P<state>.+?) (?P<verb>ratifica|se adhiere a|se adhiere al|acepta|aprueba) (?P<instrument>.+?) el (?P<date>\S+)",
        "that <State> ratifies | accedes to | accepts | approves <instrument> on <date>",
        "que <Estado> ratifica | se adhiere a | acepta | aprueba <instrumento> el <fecha>",
        "that Peru ratifies the Second Protocol on 2027-01-01", "que el Perú ratifica el Segundo Protocolo el 2027-01-01",
        _consent,
        note_en="A hypothetical consent to be bound, deposited on the date; the instrument's own rules say when it takes effect.",
        note_es="Un consentimiento hipotético, depositado en la fecha; las reglas del instrumento dicen cuándo surte efecto.",
    ),
    StepSpec(
        "denunciation", "given", "what_if",
        r"(?:that )?(?P<state>.+?) denounces (?P<instrument>.+?) on (?P<date>\S+)",
        r"(?:que )?(?P<state>.+?) denuncia (?P<instrument>.+?) el (?P<date>\S+)",
        "that <State> denounces <instrument> on <date>", "que <Estado> denuncia <instrumento> el <fecha>",
        "that Peru denounces the Budapest Convention on 2025-01-15", "que el Perú denuncia el Convenio de Budapest el 2025-01-15",
        _denunciation,
        note_en="A hypothetical denunciation received by the depositary on the date.",
        note_es="Una denuncia hipotética recibida por el depositario en la fecha.",
    ),
    StepSpec(
        "statement", "given", "what_if",
        r"(?:that )?(?P<state>.+?) makes an? (?P<kind>reservation|declaration) under (?:Article|Art\.?) (?P<provision>\S+) of (?P<instrument>.+?)(?: with effect from (?P<date>\S+))?",
        r"(?:que )?(?P<state>.+?) formula una (?P<kind>reserva|declaración) (?:al|en virtud del|sobre el|del) (?:artículo|art\.?) (?P<provision>\S+) (?:del|de la|de) (?P<instrument>.+?)(?: con efecto desde el (?P<date>\S+))?",
        "that <State> makes a reservation | declaration under Article <n> of <instrument> [with effect from <date>]",
        "que <Estado> formula una reserva | declaración al artículo <n> del <instrumento> [con efecto desde el <fecha>]",
        "that Spain makes a declaration under Article 27.9.e of the Budapest Convention",
        "que España formula una reserva al artículo 29.4 del Convenio de Budapest",
        _statement,
        note_en="Without a date it takes effect when the instrument binds the State. The treaty's list of permitted reservations and declarations is checked.",
        note_es="Sin fecha, surte efecto cuando el instrumento obliga al Estado. Se comprueba que el tratado permita esa reserva o declaración.",
    ),
    StepSpec(
        "withdrawal", "given", "what_if",
        r"(?:that )?(?P<state>.+?) withdraws its (?P<kind>reservation|declaration) under (?:Article|Art\.?) (?P<provision>\S+) of (?P<instrument>.+?) on (?P<date>\S+)",
        r"(?:que )?(?P<state>.+?) retira su (?P<kind>reserva|declaración) (?:al|en virtud del|sobre el|del) (?:artículo|art\.?) (?P<provision>\S+) (?:del|de la|de) (?P<instrument>.+?) el (?P<date>\S+)",
        "that <State> withdraws its reservation | declaration under Article <n> of <instrument> on <date>",
        "que <Estado> retira su reserva | declaración al artículo <n> del <instrumento> el <fecha>",
        "that Peru withdraws its reservation under Article 29.4 of the Budapest Convention on 2026-01-01",
        "que el Perú retira su reserva al artículo 29.4 del Convenio de Budapest el 2026-01-01",
        _withdrawal,
    ),
    StepSpec(
        "mla_treaty_hypothetical", "given", "what_if",
        r"(?:that )?(?P<pair>.+?) have an MLA treaty in force from (?P<date>\S+)",
        r"(?:que )?(?P<pair>.+?) tienen un tratado de asistencia (?:judicial |legal )?mutua en vigor desde el (?P<date>\S+)",
        "that <State> and <State> have an MLA treaty in force from <date>",
        "que <Estado> y <Estado> tienen un tratado de asistencia mutua en vigor desde el <fecha>",
        "that Spain and Peru have an MLA treaty in force from 1990-01-01",
        "que España y el Perú tienen un tratado de asistencia mutua en vigor desde el 1990-01-01",
        _mla_hypothetical,
    ),
    StepSpec(
        "scenario", "given", "what_if",
        r"the (?:what-if )?scenario (?P<name>.+)",
        r"el escenario (?P<name>.+)",
        'the scenario "<name or file>"', 'el escenario "<nombre o archivo>"',
        'the scenario "peru_and_spain_ratify_second_protocol"', 'el escenario "peru_and_spain_ratify_second_protocol"',
        _scenario,
        note_en="A shipped scenario by name, or a scenario file (path relative to the feature file). Its events come before the scenario's own what-if steps.",
        note_es="Un escenario incluido en el paquete, por su nombre, o un archivo de escenario (ruta relativa al archivo .feature). Sus hechos van antes que los pasos hipotéticos del propio escenario.",
    ),
    # -- the answer ------------------------------------------------------------------------
    StepSpec(
        "applies", "then", "answer",
        r"(?!dual criminality )(?:(?P<undetermined>it is undetermined whether) )?(?P<instrument>.+?) (?P<verdict>applies|does not apply)(?: because (?P<because>.+?))?" + CITE_EN,
        r"(?!(?:la )?doble (?:incriminación|tipificación) )(?:(?P<undetermined>no se puede determinar si) )?(?P<instrument>.+?) (?P<verdict>aplica|se aplica|no aplica|no se aplica)(?: porque (?P<because>.+?))?" + CITE_ES,
        "<instrument> applies | does not apply [because <part of a reason>] · it is undetermined whether <instrument> applies",
        "<instrumento> aplica | no aplica [porque <parte de un motivo>] · no se puede determinar si <instrumento> aplica",
        "the Budapest Convention does not apply because not yet bound",
        "el Convenio de Budapest no aplica porque aún no está obligado",
        _applies,
        note_en="'because' matches part of a reason of the answer (its text, a fact it rests on, or its rule id), ignoring case and accents. The reasons are in the language of the file.",
        note_es="'porque' debe coincidir con parte de un motivo de la respuesta (su texto, un hecho en que se basa o el id de la regla), sin distinguir mayúsculas ni tildes. Los motivos están en el idioma del archivo.",
    ),
    StepSpec(
        "channel", "then", "answer",
        r"(?P<channel>.+?) is (?P<status>open|available|closed|not available|undetermined)" + CITE_EN,
        r"(?P<channel>.+?) (?:está|es) (?P<status>abierto|abierta|disponible|cerrado|cerrada|no disponible|indeterminado|indeterminada|sin determinar)" + CITE_ES,
        "<channel> is open | closed | undetermined", "<canal> está abierto | cerrado | sin determinar",
        "the direct judicial channel is closed under Article 27.9.e of the Budapest Convention",
        "la vía judicial directa está cerrada según el artículo 27.9.e del Convenio de Budapest",
        _channel,
        note_en="'closed' also holds when the instrument offers no such channel for the request.",
        note_es="'cerrado' también se cumple cuando el instrumento no ofrece ese canal para la solicitud.",
    ),
    StepSpec(
        "open_channels", "then", "answer",
        r"the open channels are(?: exactly)?:?(?: (?P<names>.*?))?" + CITE_EN,
        r"los canales abiertos son(?: exactamente)?:?(?: (?P<names>.*?))?" + CITE_ES,
        "the open channels are exactly: <channel>, <channel>", "los canales abiertos son exactamente: <canal>, <canal>",
        "the open channels are exactly: central authority, 24/7 point of contact",
        "los canales abiertos son exactamente: autoridad central, punto de contacto 24/7",
        _open_channels,
        note_en="An empty list (or 'none') means no channel is open.",
        note_es="Una lista vacía (o 'ninguno') significa que no hay canal abierto.",
    ),
    StepSpec(
        "grounds_exactly", "then", "answer",
        r"the (?P<kind>refusal grounds|grounds for postponement|prohibited grounds) are(?: exactly)?:?(?: (?P<names>.*?))?" + CITE_EN,
        r"los motivos (?P<kind>de denegación|de aplazamiento|de denegación prohibidos|prohibidos) son(?: exactamente)?:?(?: (?P<names>.*?))?" + CITE_ES,
        "the refusal grounds | grounds for postponement | prohibited grounds are exactly: <ground>, <ground>",
        "los motivos de denegación | de aplazamiento | de denegación prohibidos son exactamente: <motivo>, <motivo>",
        "the refusal grounds are exactly: political offence, essential interests",
        "los motivos de denegación son exactamente: delito político, intereses esenciales",
        _grounds_exactly,
        note_en="An empty list (or 'none') means there are none.",
        note_es="Una lista vacía (o 'ninguno') significa que no hay ninguno.",
    ),
    StepSpec(
        "ground", "then", "answer",
        r"(?P<ground>.+?) is (?P<neg>not )?an? (?P<kind>refusal ground|ground for postponement|prohibited ground)(?: from (?P<source>.+?))?" + CITE_EN,
        r"(?P<ground>.+?) (?P<neg>no )?es (?:un )?motivo (?P<kind>de denegación prohibido|de denegación|de aplazamiento|prohibido)(?: por (?P<source>.+?))?" + CITE_ES,
        "<ground> is [not] a refusal ground | ground for postponement | prohibited ground [from the treaty itself | from <State>'s reservation | declaration]",
        "<motivo> [no] es motivo de denegación | de aplazamiento | de denegación prohibido [por el propio tratado | por reserva | declaración de <Estado>]",
        "dual criminality unlikely to be met at disclosure is a refusal ground from Peru's reservation under Article 29.4 of the Budapest Convention",
        "delito político es motivo de denegación por el propio tratado según el artículo 29.5.a del Convenio de Budapest",
        _ground,
    ),
    StepSpec(
        "closed_list", "then", "answer",
        r"the refusal grounds (?P<neg>do not )?form a closed list" + CITE_EN,
        r"los motivos de denegación (?P<neg>no )?(?:forman|constituyen) una lista cerrada" + CITE_ES,
        "the refusal grounds [do not] form a closed list", "los motivos de denegación [no] forman una lista cerrada",
        "the refusal grounds form a closed list under Article 29.5 of the Budapest Convention",
        "los motivos de denegación forman una lista cerrada según el artículo 29.5 del Convenio de Budapest",
        _closed_list,
        note_en="A closed list: the instrument says the request may be refused 'only' on the grounds it lists.",
        note_es="Lista cerrada: el instrumento dice que la solicitud 'sólo' puede denegarse por los motivos que enumera.",
    ),
    StepSpec(
        "dual_criminality", "then", "answer",
        r"dual criminality (?!unlikely )(?:is )?(?P<value>.+?)" + CITE_EN,
        r"(?:la )?doble (?:incriminación|tipificación)(?: penal)? (?!improbable )(?:es )?(?P<value>.+?)" + CITE_ES,
        "dual criminality is never required | may be required | is required | is not applicable",
        "la doble tipificación nunca es exigible | puede exigirse | es exigida | no aplica",
        "dual criminality is never required under Article 29.3 of the Budapest Convention",
        "la doble tipificación nunca es exigible según el artículo 29.3 del Convenio de Budapest",
        _dual,
    ),
    StepSpec(
        "time_limit", "then", "answer",
        r"(?:the time limit is (?P<limit>.+?)|(?P<none>there is no time limit))" + CITE_EN,
        r"(?:el plazo es (?P<limit>.+?)|(?P<none>no hay plazo))" + CITE_ES,
        "the time limit is at least | at most <n> days | hours · expeditiously · promptly · immediately · until <event> · there is no time limit",
        "el plazo es de al menos | como máximo <n> días | horas · rápido · sin demora · inmediato · hasta <hecho> · no hay plazo",
        "the time limit is at least 60 days under Article 29.7 of the Budapest Convention",
        "el plazo es de al menos 60 días según el artículo 29.7 del Convenio de Budapest",
        _time_limit,
    ),
    StepSpec(
        "required_contents", "then", "answer",
        r"the request must state (?P<items>.+?)" + CITE_EN,
        r"la solicitud debe (?:indicar|precisar|especificar) (?P<items>.+?)" + CITE_ES,
        "the request must state <item>[; <item>]", "la solicitud debe indicar <elemento>[; <elemento>]",
        "the request must state the necessity of the preservation under Article 29.2.e of the Budapest Convention",
        "la solicitud debe indicar la autoridad que solicita la conservación según el artículo 29.2.a del Convenio de Budapest",
        _contents,
        note_en="An item is named by its id (requesting_authority) or by part of its text; separate several with ';'.",
        note_es="Cada elemento se nombra por su id (requesting_authority) o por parte de su texto; separe varios con ';'.",
    ),
    StepSpec(
        "condition", "then", "answer",
        r"the answer sets the condition (?P<cond>.+?)" + CITE_EN,
        r"la respuesta impone la condición (?P<cond>.+?)" + CITE_ES,
        "the answer sets the condition <id or part of its text>", "la respuesta impone la condición <id o parte de su texto>",
        "the answer sets the condition penalty threshold under Article 24.1.a of the Budapest Convention",
        "la respuesta impone la condición copy to central authority según el artículo 27.9.a del Convenio de Budapest",
        _condition,
    ),
    StepSpec(
        "comparison", "then", "answer",
        r"(?P<aspect>the fastest route is|the fewest refusal grounds are) under (?P<instruments>.+)",
        r"(?P<aspect>la ruta más rápida|la lista de motivos de denegación más corta) es la del (?P<instruments>.+)",
        "the fastest route is | the fewest refusal grounds are under <instrument>[ and <instrument>]",
        "la ruta más rápida | la lista de motivos de denegación más corta es la del <instrumento>[ y <instrumento>]",
        "the fewest refusal grounds are under the Budapest Convention",
        "la ruta más rápida es la del Convenio de Budapest",
        _comparison,
        note_en="Where several instruments may carry the request, the answer compares them; nothing in the texts ranks them, so this only says which offers the fastest route or lists the fewest grounds (several when tied).",
        note_es="Cuando varios instrumentos pueden servir para la solicitud, la respuesta los compara; ningún texto los jerarquiza, así que esto sólo dice cuál ofrece la ruta más rápida o enumera menos motivos (varios si empatan).",
    ),
    StepSpec(
        "cites", "then", "answer",
        r"the answer cites (?P<cite>(?:Article|Art\.?) .+)",
        r"la respuesta cita (?P<cite>(?:el )?(?:artículo|art\.?) .+)",
        "the answer cites Article <n> of <instrument>", "la respuesta cita el artículo <n> del <instrumento>",
        "the answer cites Article 36.4 of the Budapest Convention", "la respuesta cita el artículo 37.2 del Convenio de Budapest",
        _cites,
    ),
    StepSpec(
        "missing_facts", "then", "answer",
        r"(?:(?P<none>no fact is missing)|the missing facts? (?:is|are|include|includes):? (?P<facts>.+))",
        r"(?:(?P<none>no falta ningún dato)|(?:falta|faltan) (?:el dato|los datos|saber):? (?P<facts>.+))",
        "no fact is missing · the missing facts include <fact>[; <fact>]", "no falta ningún dato · faltan los datos: <dato>[; <dato>]",
        "the missing facts include whether an MLA treaty is in force", "faltan los datos: la entrada en vigor del Convenio de Budapest para Paraguay",
        _missing,
        note_en="A fact is named by its key (mla_treaty, party:budapest:PY) or by part of its description.",
        note_es="Un dato se nombra por su clave (mla_treaty, party:budapest:PY) o por parte de su descripción.",
    ),
    StepSpec(
        "verify", "then", "answer",
        r"the answer is (?P<neg>not )?marked (?:with )?confidence verify",
        r"la respuesta (?P<neg>no )?está marcada (?:con )?(?:confianza )?(?:verify|a verificar|por verificar)",
        "the answer is [not] marked confidence verify", "la respuesta [no] está marcada con confianza verify",
        "the answer is marked confidence verify", "la respuesta no está marcada con confianza verify",
        _verify,
        note_en="'verify' marks conclusions that rest on points the reference texts could not confirm.",
        note_es="'verify' marca las conclusiones que se basan en puntos que los textos de referencia no pudieron confirmar.",
    ),
)

BY_ID: dict[str, StepSpec] = {spec.id: spec for spec in VOCABULARY}
