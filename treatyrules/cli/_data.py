"""``treatyrules data coverage``: what the data know about each Party, and what is missing.

The table is for a person, in the language in use; ``--format csv`` and ``--format json`` are
for tools, with stable English keys and codes (``consent_date``, ``authority:central_authority``,
``reservations_list``) whatever the language.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Mapping
from datetime import date
from typing import Any

from treatyrules._answer.engine import default_engine
from treatyrules._facts.coverage import InstrumentCoverage, PartyCoverage, data_coverage, known_instruments
from treatyrules._i18n import LANGS, current, t
from treatyrules.cli._options import add_lang_argument
from treatyrules.errors import UnknownTagError

FORMATS = ("table", "csv", "json")


def register(sub: Any) -> None:
    parser = sub.add_parser("data", help="reports on the embedded data")
    add_lang_argument(parser)
    reports = parser.add_subparsers(dest="report", required=True)
    coverage = reports.add_parser(
        "coverage", help="per instrument and Party: what is known, what is confirmed complete, what is missing",
    )
    coverage.add_argument("--instrument", help="only this instrument (budapest, second_protocol, comjib, un_cybercrime)")
    coverage.add_argument("--format", choices=FORMATS, default="table", help="table (default, for people), csv or json (stable English keys)")
    # also after the report's name (``data coverage --lang es``); SUPPRESS keeps ``data --lang es coverage``
    coverage.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help="language of the table and of errors (default: the locale's)")
    coverage.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    book = engine.book
    known = known_instruments(book)
    chosen = None
    if args.instrument is not None:
        if args.instrument not in known:
            raise UnknownTagError("instrument", args.instrument, list(known))
        chosen = (known[args.instrument],)
    report = data_coverage(book, chosen)
    if args.format == "json":
        json.dump([_instrument_json(item) for item in report], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        _write_csv(report)
    else:
        for item in report:
            short = book.books[item.instrument].instrument.short
            _print_table(item, short.es if current() == "es" else short.en, engine.states)
            print()
        print(t("data_coverage.legend"))
    return 0


# -- machine-readable -----------------------------------------------------------------------------


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _party_json(p: PartyCoverage) -> dict[str, Any]:
    return {
        "instrument": p.instrument.value,
        "iso2": p.iso2,
        "signature": _day(p.signature),
        "consent": _day(p.consent),
        "consent_kind": p.consent_kind,
        "entry_into_force": _day(p.entry_into_force),
        "entry_into_force_derived": p.entry_into_force_derived,
        "withdrawal": _day(p.withdrawal),
        "consented": p.consented,
        "statements": {"total": p.statements, "reservations": p.reservations, "declarations": p.declarations, "other": p.other_statements},
        "authorities": {d.role: {"article": d.article, "name": d.name, "where": d.where} for d in p.designations},
        "lists": {c.subject: {"complete": c.complete, "as_of": _day(c.as_of), "where": c.where} for c in p.lists},
        "oldest_as_of": _day(p.oldest_as_of),
        "oldest_as_of_where": p.oldest_as_of_where,
        "missing": list(p.missing),
        "where": p.where,
    }


def _instrument_json(item: InstrumentCoverage) -> dict[str, Any]:
    return {
        "instrument": item.instrument.value,
        "parties_list_complete": item.parties_complete,
        "parties_list_as_of": _day(item.parties_as_of),
        "parties": [_party_json(p) for p in item.parties],
    }


_ROLES = ("central_authority", "point_of_contact_24_7", "extradition_authority", "order_authority")

CSV_COLUMNS = (
    "instrument", "iso2", "signature", "consent", "consent_kind", "entry_into_force", "entry_into_force_derived", "withdrawal",
    "statements", "reservations", "declarations", *_ROLES, "reservations_list_complete", "declarations_list_complete",
    "oldest_as_of", "oldest_as_of_where", "missing",
)
"""One row per instrument and Party; an authority cell is empty where none is named or the
instrument has no such role (``missing`` says which), a list cell is yes, no or empty (unknown)."""


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _write_csv(report: tuple[InstrumentCoverage, ...]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in report:
        for p in item.parties:
            lists = {c.subject: c.complete for c in p.lists}
            named = {d.role: d.name or "" for d in p.designations}
            writer.writerow({
                "instrument": p.instrument.value, "iso2": p.iso2, "signature": _day(p.signature) or "", "consent": _day(p.consent) or "",
                "consent_kind": p.consent_kind or "", "entry_into_force": _day(p.entry_into_force) or "",
                "entry_into_force_derived": _yes_no(p.entry_into_force_derived if p.entry_into_force else None),
                "withdrawal": _day(p.withdrawal) or "", "statements": p.statements, "reservations": p.reservations,
                "declarations": p.declarations, **{role: named.get(role, "") for role in _ROLES},
                "reservations_list_complete": _yes_no(lists.get("reservations")), "declarations_list_complete": _yes_no(lists.get("declarations")),
                "oldest_as_of": _day(p.oldest_as_of) or "", "oldest_as_of_where": p.oldest_as_of_where or "", "missing": ";".join(p.missing),
            })


# -- for people -----------------------------------------------------------------------------------


def missing_text(code: str, articles: dict[str, str]) -> str:
    """A missing-fact code in the language in use (``authority:central_authority`` -> ``27.2 authority``)."""
    if code.startswith("authority:"):
        role = code.split(":", 1)[1]
        return t("data_coverage.missing.authority", article=articles.get(role, "?"))
    return t(f"data_coverage.missing.{code}")


_CONSENT_KINDS = ("ratification", "acceptance", "approval", "accession")


def _list_cell(p: PartyCoverage) -> str:
    return "/".join(t("data_coverage.mark.unknown") if c.complete is None else t(f"data_coverage.mark.{'yes' if c.complete else 'no'}") for c in p.lists)


def _print_table(item: InstrumentCoverage, title: str, names: Mapping[str, tuple[str, str]]) -> None:
    if item.parties_complete:
        head = t("data_coverage.head.complete", instrument=title, day=item.parties_as_of or t("data_coverage.mark.unknown"))
    else:
        head = t("data_coverage.head.incomplete", instrument=title)
    print(head)
    articles = {d.role: d.article for p in item.parties for d in p.designations}
    roles = [role for role in _ROLES if role in articles]
    dash = t("data_coverage.mark.none")
    headers = [
        t("data_coverage.col.state"), t("data_coverage.col.signature"), t("data_coverage.col.consent"), t("data_coverage.col.entry_into_force"),
        t("data_coverage.col.withdrawal"), t("data_coverage.col.statements"), t("data_coverage.col.lists"),
        *(t("data_coverage.col.authority", article=articles[role]) for role in roles), t("data_coverage.col.oldest_as_of"), t("data_coverage.col.missing"),
    ]
    lang_index = 1 if current() == "es" else 0
    rows = []
    for p in item.parties:
        if p.consent is not None:
            consent = p.consent.isoformat()
        elif p.consented:
            consent = t("data_coverage.mark.unknown")
        else:
            consent = dash
        if p.consent_kind:
            kind = t(f"facts.consent_kind.{p.consent_kind}") if p.consent_kind in _CONSENT_KINDS else p.consent_kind
            consent += " " + t("data_coverage.kind", kind=kind)
        if p.entry_into_force is not None:
            eif = p.entry_into_force.isoformat() + (t("data_coverage.derived") if p.entry_into_force_derived else "")
        else:
            eif = t("data_coverage.mark.unknown") if "entry_into_force_date" in p.missing else dash
        designations = {d.role: d for d in p.designations}
        missing = "; ".join(missing_text(code, articles) for code in p.missing) or dash
        name = names.get(p.iso2, (p.iso2, p.iso2))[lang_index]
        rows.append([
            f"{p.iso2} {name}", _day(p.signature) or dash, consent, eif, _day(p.withdrawal) or dash, str(p.statements), _list_cell(p),
            *(t("data_coverage.mark.yes") if designations[role].name else t("data_coverage.mark.no") for role in roles),
            _day(p.oldest_as_of) or t("data_coverage.mark.unknown"), missing,
        ])
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers) - 1)]
    for row in [headers, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
