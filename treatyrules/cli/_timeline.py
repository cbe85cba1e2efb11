"""``treatyrules timeline PE ES``: the dated events that changed what applies between two States."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from treatyrules._answer.engine import default_engine
from treatyrules._i18n import t


def register(sub: Any) -> None:
    parser = sub.add_parser("timeline", help="the dated events that changed what applies between two States")
    parser.add_argument("first", help="ISO code of one State")
    parser.add_argument("second", help="ISO code of the other State")
    parser.add_argument("--scenario", help="a scenario YAML file, or the name of a shipped scenario")
    parser.add_argument("--offence", default="electronic_evidence_any_offence", help="offence tag (default: electronic_evidence_any_offence)")
    parser.add_argument("--changes", action="store_true", help="list every change, not only a count per instrument")
    parser.add_argument("--json", action="store_true", help="print the timeline as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    timeline = default_engine().timeline(args.first, args.second, scenario=args.scenario, offence=args.offence)
    if args.json:
        sys.stdout.write(timeline.model_dump_json(indent=2) + "\n")
        return 0
    a, b = timeline.states
    scenario = t("cli.timeline.scenario", name=timeline.scenario) if timeline.scenario else ""
    print(t("cli.timeline.head", a=a, b=b, scenario=scenario, offence=timeline.offence.value))
    for event in timeline.events:
        print(f"{event.date}")
        for fact in event.happened:
            mark = t("cli.timeline.hypothetical") if fact.hypothetical else (t("cli.timeline.derived") if fact.derived else "")
            print(f"  * {fact.text}{mark}")
        if args.changes:
            for change in event.changes:
                cites = f"  [{', '.join(change.articles)}]" if change.articles else ""
                print(f"      {change.text}{cites}")
        else:
            applicable = [c for c in event.changes if c.aspect == "applicable"]
            for change in applicable:
                print(f"      {change.text}")
            others = len(event.changes) - len(applicable)
            if others:
                print("      " + t("cli.timeline.more", count=others))
    return 0
