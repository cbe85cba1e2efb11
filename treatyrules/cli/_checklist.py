"""``treatyrules checklist ES PE --measure ... --offence ...``: what the request must contain.

For every basis that applies or may apply, the checklist lists the contents its article
requires of the request (Budapest 29.2.a-f, COMJIB 9.1.a-e, UN Arts 40, 42 and 45, the Second
Protocol's equivalents), one box per item with its citation, then the channels to send it
through, the form it must take and the time limits that run. A basis whose article prescribes
no contents says so: the applicable treaty or the requested State's law then governs.

With ``--lang es`` the headings and tag names are in Spanish, and so are the items where a
Spanish text of the article is among the sources (Budapest, seed 003; COMJIB, seed 004, an
authentic text); other items stay in English, marked ``[en]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from treatyrules._answer.engine import Engine, default_engine
from treatyrules.cli._options import add_query_arguments, query_from
from treatyrules.models import Answer, Basis

#: conditions about the form or transmission of the request itself (shown under "Form")
FORM_CONDITIONS = (
    "form_and_language",
    "expedited_means",
    "diplomatic_channel_if_required",
    "urgent_oral_or_interpol",
    "copy_to_central_authority",
    "non_coercive_only",
    "prior_consultation",
    "iberred_facilitation_only",
)

#: Spanish wording of items, quoted from the Spanish texts among the sources, by citation
#: (Budapest: seed 003_b016a747fc7b841a.txt; COMJIB: seed 004_e3341af896e82d21.txt)
SPANISH: dict[str, str] = {
    "budapest 29.2.a": "la autoridad que solicita la conservación",
    "budapest 29.2.b": "el delito objeto de la investigación o de procedimientos penales y una breve exposición de los hechos relacionados con el mismo",
    "budapest 29.2.c": "los datos informáticos almacenados que deben conservarse y su relación con el delito",
    "budapest 29.2.d": "toda información disponible que permita identificar al responsable de la custodia de los datos informáticos almacenados o el emplazamiento del sistema informático",
    "budapest 29.2.e": "la necesidad de la medida de conservación",
    "budapest 29.2.f": (
        "que la Parte tiene intención de presentar una solicitud de asistencia mutua con vistas al registro o al acceso "
        "por un medio similar, a la confiscación o a la obtención por un medio similar, o a la revelación de los datos "
        "informáticos almacenados"
    ),
    "comjib 9.1.a": "identificación de la autoridad que presenta la solicitud y la Parte destinataria de la misma",
    "comjib 9.1.b": "descripción somera de los hechos que están siendo investigados o sometidos a enjuiciamiento",
    "comjib 9.1.c": "la eventual calificación jurídica con expresión de los preceptos legales que pudieren haber sido infringidos conforme a la legislación de la Parte requirente",
    "comjib 9.1.d": "la medida de aseguramiento o diligencia de investigación que se solicita y su justificación",
    "comjib 9.1.e": (
        "si fuera preciso, las condiciones concretas en que deba llevarse a cabo la medida de aseguramiento o diligencia "
        "de investigación solicitada, al objeto de que tenga validez en la Parte requirente"
    ),
}
#: Spanish wording of form conditions and time limits, by (instrument, id), from the same seeds
SPANISH_NOTES: dict[tuple[str, str], str] = {
    ("comjib", "form_and_language"): (
        "Las comunicaciones se llevarán a cabo a través de cualquier medio seguro que deje constancia de su envío y "
        "recepción íntegra y en el idioma de la Parte requerida (art. 9.2)."
    ),
    ("comjib", "abbreviated_request_completion"): (
        "Por razones de urgencia el solicitante podrá dirigirse directamente a los puntos de contacto formalizando una "
        "solicitud abreviada que deberá completarse en el improrrogable plazo de 48 horas (art. 9.3)."
    ),
    ("comjib", "prior_consultation"): (
        "Con carácter previo a la formalización de la solicitud la autoridad requirente podrá elevar por el cauce de su "
        "Autoridad Central consultas a la Parte requerida sobre la existencia de requisitos específicos con arreglo a "
        "su derecho interno para el cumplimiento de la solicitud (art. 9.4)."
    ),
    ("comjib", "iberred_facilitation_only"): (
        "Las Partes podrán servirse de cualquier canal de intercambio de información para facilitar la cooperación en "
        "el marco de este Convenio, en particular de IberRed (art. 9.5); la solicitud sigue el cauce de las Autoridades Centrales."
    ),
    ("budapest", "expedited_means"): (
        "En caso de urgencia, la solicitud puede formularse a través de medios de comunicación rápidos, como el fax o el "
        "correo electrónico, siempre que ofrezcan niveles suficientes de seguridad y de autenticación, con confirmación "
        "oficial posterior si el Estado requerido así lo exige (art. 25.3)."
    ),
}

WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Request checklist",
        "verdict": {True: "APPLIES", False: "DOES NOT APPLY", None: "UNDETERMINED"},
        "measure": "Measure in this instrument",
        "send": "Send through",
        "if_available": "if available",
        "contents": "The request must state",
        "none": "The instrument prescribes no contents for this request; follow the applicable MLA treaty or the requested State's law.",
        "form": "Form and transmission",
        "limits": "Time limits",
        "missing": "missing",
        "verify": "confidence: verify",
        "not_open": "No checklist (the instrument does not apply)",
        "nothing": "No instrument applies or may apply to this request.",
        "scenario": "scenario",
        "english": "",
    },
    "es": {
        "title": "Lista de comprobación de la solicitud",
        "verdict": {True: "SE APLICA", False: "NO SE APLICA", None: "INDETERMINADO"},
        "measure": "Medida en este instrumento",
        "send": "Enviar por",
        "if_available": "si está disponible",
        "contents": "La solicitud debe indicar",
        "none": "El instrumento no prescribe contenidos para esta solicitud; siga el tratado de asistencia aplicable o el derecho del Estado requerido.",
        "form": "Forma y transmisión",
        "limits": "Plazos",
        "missing": "faltan",
        "verify": "confianza: verificar",
        "not_open": "Sin lista (el instrumento no se aplica)",
        "nothing": "Ningún instrumento se aplica ni puede aplicarse a esta solicitud.",
        "scenario": "escenario",
        "english": "  [en]",
    },
}


def register(sub: Any) -> None:
    parser = sub.add_parser("checklist", help="what the request must contain under each basis that applies or may apply")
    add_query_arguments(parser)
    parser.add_argument("--lang", choices=("en", "es"), default="en", help="language of headings, tag names and (where a Spanish text exists) items")
    parser.add_argument("--json", action="store_true", help="print the checklist as JSON")
    parser.set_defaults(run=run)


def _name(engine: Engine, lang: str, kind: str, tag: str) -> str:
    label = engine.labels.names[kind][tag]
    return label.es if lang == "es" else label.en


def _cites(articles: tuple[str, ...] | list[str]) -> str:
    return f"  [{', '.join(articles)}]" if articles else ""


def _item_text(lang: str, articles: tuple[str, ...], text: str) -> tuple[str, bool]:
    """The item's wording in ``lang``; the flag says it fell back to English."""
    if lang == "es":
        for citation in articles:
            if citation in SPANISH:
                return SPANISH[citation], False
        return text, True
    return text, False


def _note_text(lang: str, instrument: str, ident: str, text: str) -> tuple[str, bool]:
    if lang == "es":
        quoted = SPANISH_NOTES.get((instrument, ident))
        return (quoted, False) if quoted else (text, True)
    return text, False


def checklist(engine: Engine, answer: Answer, lang: str) -> list[dict[str, Any]]:
    """One entry per basis that applies or may apply, as plain data (the JSON output)."""
    out: list[dict[str, Any]] = []
    for basis in answer.bases:
        if basis.applicable is False:
            continue
        out.append(_entry(engine, basis, lang))
    return out


def _entry(engine: Engine, basis: Basis, lang: str) -> dict[str, Any]:
    instrument = basis.instrument.value
    items = []
    for item in basis.required_contents:
        text, english = _item_text(lang, item.articles, item.text)
        items.append({"item": item.item, "text": text, "articles": list(item.articles), "confidence": item.confidence.value, "english": english})
    form = []
    for cond in basis.conditions:
        if cond.id in FORM_CONDITIONS:
            text, english = _note_text(lang, instrument, cond.id, cond.text)
            form.append({"id": cond.id, "text": text, "articles": list(cond.articles), "applies": cond.applies, "confidence": cond.confidence.value, "english": english})
    limits = []
    for limit in basis.time_limits:
        text, english = _note_text(lang, instrument, limit.id, limit.text)
        limits.append({
            "id": limit.id, "bound": limit.bound, "days": limit.days, "hours": limit.hours, "text": text,
            "articles": list(limit.articles), "applies": limit.applies, "confidence": limit.confidence.value, "english": english,
        })
    return {
        "instrument": instrument,
        "name": _name(engine, lang, "instrument", instrument),
        "applicable": basis.applicable,
        "confidence": basis.confidence.value,
        "measure_in_instrument": basis.measure_in_instrument,
        "missing_facts": [m.fact for m in basis.missing_facts],
        "channels": [
            {"channel": c.channel.value, "name": _name(engine, lang, "channel", c.channel.value), "available": c.available, "articles": list(c.articles)}
            for c in basis.channels
            if c.available is not False
        ],
        "required_contents": items,
        "form": form,
        "time_limits": limits,
    }


def render(engine: Engine, answer: Answer, entries: list[dict[str, Any]], lang: str) -> str:
    w = WORDS[lang]
    q = answer.query
    head = (
        f"{w['title']}: {q.requesting} -> {q.requested}, {_name(engine, lang, 'measure', q.measure.value)}; "
        f"{_name(engine, lang, 'offence', q.offence.value)}; {q.on}"
        + (f"; {w['scenario']}: {q.scenario}" if q.scenario else "")
    )
    lines = [head, ""]
    for e in entries:
        verify = f"  ({w['verify']})" if e["confidence"] == "verify" else ""
        missing = f"  ({w['missing']}: {', '.join(e['missing_facts'])})" if e["missing_facts"] else ""
        lines.append(f"{e['name']} ({e['instrument']}): {w['verdict'][e['applicable']]}{verify}{missing}")
        if e["measure_in_instrument"]:
            lines.append(f"  {w['measure']}: {e['measure_in_instrument']}")
        if e["channels"]:
            shown = [c["name"] + ("" if c["available"] else f" ({w['if_available']})") + _cites(c["articles"]) for c in e["channels"]]
            lines.append(f"  {w['send']}:")
            lines.extend(f"    - {s}" for s in shown)
        if e["required_contents"]:
            lines.append(f"  {w['contents']}:")
            for item in e["required_contents"]:
                mark = f"  ({w['verify']})" if item["confidence"] == "verify" else ""
                lines.append(f"    [ ] {item['text']}{_cites(item['articles'])}{mark}{w['english'] if item['english'] else ''}")
        else:
            lines.append(f"  {w['none']}")
        if e["form"]:
            lines.append(f"  {w['form']}:")
            lines.extend(f"    - {f['text']}{_cites(f['articles'])}{w['english'] if f['english'] else ''}" for f in e["form"])
        if e["time_limits"]:
            lines.append(f"  {w['limits']}:")
            lines.extend(f"    - {t['text']}{_cites(t['articles'])}{w['english'] if t['english'] else ''}" for t in e["time_limits"])
        lines.append("")
    closed = [b for b in answer.bases if b.applicable is False]
    if not entries:
        lines.append(w["nothing"])
    if closed:
        lines.append(f"{w['not_open']}: " + ", ".join(f"{_name(engine, lang, 'instrument', b.instrument.value)} ({b.instrument.value})" for b in closed))
    return "\n".join(lines).rstrip() + "\n"


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    answer = engine.answer_under(query_from(args, engine), args.scenario)
    entries = checklist(engine, answer, args.lang)
    if args.json:
        payload = {"query": json.loads(answer.query.model_dump_json()), "lang": args.lang, "bases": entries}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render(engine, answer, entries, args.lang))
    return 0
