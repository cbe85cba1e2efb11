"""``treatyrules diff``: what a what-if scenario changes, for one query or a whole matrix."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from treatyrules._answer.engine import default_engine
from treatyrules._i18n import t
from treatyrules.models import Change
from treatyrules.vocabulary import Measure


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "diff",
        help="what a scenario changes: for one pair, or (without REQUESTED) against every other State and measure",
    )
    parser.add_argument("requesting", help="ISO code of the requesting State")
    parser.add_argument("requested", nargs="?", help="ISO code of the requested State; omit for the whole matrix")
    parser.add_argument("--scenario", required=True, help="a scenario YAML file, or the name of a shipped scenario")
    parser.add_argument("--measure", action="append", dest="measures", help="measure tag (repeatable; default: every measure)")
    parser.add_argument("--offence", required=True, help="offence tag")
    parser.add_argument("--on", help="date, YYYY-MM-DD (default: today)")
    parser.add_argument("--mla-treaty", choices=("yes", "no", "unknown"), default="unknown")
    parser.add_argument("--json", action="store_true", help="print the diff as JSON")
    parser.set_defaults(run=run)


def _line(change: Change) -> str:
    cites = f"  [{', '.join(change.articles)}]" if change.articles else ""
    return f"    {change.instrument.value}: {change.aspect.replace('_', ' ')} {change.item}: {change.before} -> {change.after}{cites}"


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    if args.requested is None:
        matrix = engine.diff_matrix(args.requesting, args.scenario, offence=args.offence, on=args.on, measures=args.measures)
        if args.json:
            sys.stdout.write(matrix.model_dump_json(indent=2) + "\n")
            return 0
        print(t("cli.diff.matrix_head", scenario=matrix.scenario, requesting=matrix.requesting, offence=matrix.offence.value, day=matrix.on))
        if not matrix.entries:
            print("  " + t("cli.diff.no_change"))
        for entry in matrix.entries:
            print(f"  {matrix.requesting} -> {entry.requested}, {entry.measure.value}:")
            for change in entry.changes:
                print(_line(change))
        return 0
    mla = {"yes": True, "no": False, "unknown": None}[args.mla_treaty]
    diffs = []
    for measure in args.measures or [m.value for m in Measure]:
        query = engine.query(args.requesting, args.requested, measure=measure, offence=args.offence, on=args.on, mla_treaty=mla)
        diffs.append(engine.diff(query, args.scenario))
    if args.json:
        sys.stdout.write("[\n" + ",\n".join(d.model_dump_json(indent=2) for d in diffs) + "\n]\n")
        return 0
    for d in diffs:
        if not d.changes and len(diffs) > 1:
            continue
        print(t("cli.diff.head", scenario=d.scenario, requesting=d.query.requesting, requested=d.query.requested, measure=d.query.measure.value, day=d.query.on))
        if not d.changes:
            print("    " + t("cli.diff.no_change"))
        for change in d.changes:
            print(_line(change))
    hypotheses = {h.text: h for d in diffs for h in d.hypotheses}
    if hypotheses:
        print(t("explain.full.hypotheses"))
        for text in hypotheses:
            print(f"  - {text}")
    return 0
