"""``treatyrules checklist ES PE --measure ... --offence ...``: what the request must contain.

For every basis that applies or may apply, the checklist lists the contents its article
requires of the request (Budapest 29.2.a-f, COMJIB 9.1.a-e, UN Arts 40, 42 and 45, the Second
Protocol's equivalents), one box per item with its citation, then the channels to send it
through, the form it must take and the time limits that run. A basis whose article prescribes
no contents says so: the applicable treaty or the requested State's law then governs.

With ``--lang es`` everything is in Spanish: the headings (catalogue domain ``cli``) and the
items, whose Spanish the rule files hold beside the article they encode.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from treatyrules._answer.engine import Engine, default_engine
from treatyrules._i18n import t
from treatyrules.cli._options import add_lang_argument, add_query_arguments, query_from
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

def register(sub: Any) -> None:
    parser = sub.add_parser("checklist", help="what the request must contain under each basis that applies or may apply")
    add_query_arguments(parser)
    add_lang_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the checklist as JSON")
    parser.set_defaults(run=run)


def _name(engine: Engine, lang: str, kind: str, tag: str) -> str:
    label = engine.labels.names[kind][tag]
    return label.es if lang == "es" else label.en


def _cites(articles: tuple[str, ...] | list[str]) -> str:
    return f"  [{', '.join(articles)}]" if articles else ""


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
        items.append({"item": item.item, "text": item.text, "articles": list(item.articles), "confidence": item.confidence.value})
    form = []
    for cond in basis.conditions:
        if cond.id in FORM_CONDITIONS:
            form.append({"id": cond.id, "text": cond.text, "articles": list(cond.articles), "applies": cond.applies, "confidence": cond.confidence.value})
    limits = []
    for limit in basis.time_limits:
        limits.append({
            "id": limit.id, "bound": limit.bound, "days": limit.days, "hours": limit.hours, "text": limit.text,
            "articles": list(limit.articles), "applies": limit.applies, "confidence": limit.confidence.value,
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
    q = answer.query
    head = t(
        "cli.checklist.head", requesting=q.requesting, requested=q.requested,
        measure=_name(engine, lang, "measure", q.measure.value), offence=_name(engine, lang, "offence", q.offence.value), day=q.on,
    ) + (f"; {t('explain.flag.scenario', name=q.scenario)}" if q.scenario else "")
    verify_flag = "  " + t("explain.verify_flag")
    lines = [head, ""]
    for e in entries:
        verify = verify_flag if e["confidence"] == "verify" else ""
        missing = "  " + t("explain.missing", facts=", ".join(e["missing_facts"])) if e["missing_facts"] else ""
        verdict = t("explain.verdict." + {True: "yes", False: "no", None: "?"}[e["applicable"]])
        lines.append(f"{e['name']} ({e['instrument']}): {verdict}{verify}{missing}")
        if e["measure_in_instrument"]:
            lines.append("  " + t("explain.full.measure_in_instrument", name=e["measure_in_instrument"]))
        if e["channels"]:
            shown = [c["name"] + ("" if c["available"] else t("explain.if_available")) + _cites(c["articles"]) for c in e["channels"]]
            lines.append("  " + t("cli.checklist.send"))
            lines.extend(f"    - {s}" for s in shown)
        if e["required_contents"]:
            lines.append("  " + t("explain.full.contents"))
            for item in e["required_contents"]:
                mark = verify_flag if item["confidence"] == "verify" else ""
                lines.append(f"    [ ] {item['text']}{_cites(item['articles'])}{mark}")
        else:
            lines.append("  " + t("cli.checklist.no_contents"))
        if e["form"]:
            lines.append("  " + t("cli.checklist.form"))
            lines.extend(f"    - {f['text']}{_cites(f['articles'])}" for f in e["form"])
        if e["time_limits"]:
            lines.append("  " + t("explain.full.time_limits"))
            lines.extend(f"    - {tl['text']}{_cites(tl['articles'])}" for tl in e["time_limits"])
        lines.append("")
    closed = [b for b in answer.bases if b.applicable is False]
    if not entries:
        lines.append(t("cli.checklist.nothing"))
    if closed:
        lines.append(t("cli.checklist.not_open") + " " + ", ".join(f"{_name(engine, lang, 'instrument', b.instrument.value)} ({b.instrument.value})" for b in closed))
    return "\n".join(lines).rstrip() + "\n"


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    answer = engine.answer_under(query_from(args, engine), args.scenario)
    entries = checklist(engine, answer, answer.lang)
    if args.json:
        payload = {"query": json.loads(answer.query.model_dump_json()), "lang": answer.lang, "bases": entries}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render(engine, answer, entries, answer.lang))
    return 0
