"""``treatyrules matrix --measure M --offence O --on D``: every ordered pair of States, every instrument.

One row per (requesting State, requested State, instrument): whether the instrument applies
(true, false or unknown), the channels open for the request, the fastest route's channel, the
dual-criminality rule, how many refusal grounds it lists and whether the list is closed, the
time limits, and the facts an undetermined answer is missing. By default the States are every
State in the party data (with ``--scenario``, the scenario's data); ``--states ES,PE,PT``
narrows them. CSV by default, ``--format json`` for typed values.

The matrix answers without the mla_treaty branches of ``which`` (a channel that depends on an
MLA treaty shows as possibly available, ``?``); give ``--mla-treaty yes|no`` to settle it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from treatyrules._answer.comparison import describe_time_limit
from treatyrules._answer.engine import Engine, default_engine
from treatyrules.errors import InvalidQueryError
from treatyrules.models import Basis, Route
from treatyrules.scenario import load_scenario

COLUMNS = (
    "requesting",
    "requested",
    "instrument",
    "applicable",
    "confidence",
    "channels",
    "fastest_channel",
    "dual_criminality",
    "grounds_count",
    "closed_list",
    "time_limits",
    "missing_facts",
    "scenario",
)


def register(sub: Any) -> None:
    parser = sub.add_parser("matrix", help="every ordered pair of States for one measure and date, one row per instrument")
    parser.add_argument("--measure", required=True, help="measure tag, e.g. expedited_preservation")
    parser.add_argument("--offence", required=True, help="offence tag, e.g. electronic_evidence_any_offence")
    parser.add_argument("--on", required=True, help="date, YYYY-MM-DD")
    parser.add_argument("--scenario", help="a what-if scenario: a YAML file, or the name of a shipped one")
    parser.add_argument("--states", help="comma-separated ISO codes (default: every State in the party data)")
    parser.add_argument("--format", choices=("csv", "json"), default="csv", dest="fmt", help="output format (default: csv)")
    parser.add_argument("--urgent", action="store_true", help="the requests are urgent")
    parser.add_argument("--mla-treaty", choices=("yes", "no", "unknown"), default="unknown", help="is another MLA treaty in force between each pair?")
    parser.set_defaults(run=run)


def _states(engine: Engine, raw: str | None, party_states: Sequence[str]) -> list[str]:
    if raw is None:
        return sorted(party_states)
    chosen: list[str] = []
    for part in raw.split(","):
        if not part.strip():
            continue
        code = engine.state(part, "--states")
        if code not in chosen:
            chosen.append(code)
    if len(chosen) < 2:
        raise InvalidQueryError(f"--states needs at least two different States, got {', '.join(chosen) or 'none'}")
    return chosen


def _applicable(value: bool | None) -> str:
    return {True: "true", False: "false", None: "unknown"}[value]


def _row(req: str, rqd: str, basis: Basis, routes: tuple[Route, ...], scenario: str | None) -> dict[str, Any]:
    open_ = basis.applicable is not False
    best = next((r for r in routes if r.instrument is basis.instrument), None) if open_ else None
    return {
        "requesting": req,
        "requested": rqd,
        "instrument": basis.instrument.value,
        "applicable": basis.applicable,
        "confidence": basis.confidence.value,
        "channels": [c.channel.value + ("" if c.available else "?") for c in basis.channels if c.available is not False] if open_ else [],
        "fastest_channel": best.channel.value if best else None,
        "dual_criminality": basis.dual_criminality.value.value if open_ and basis.dual_criminality else None,
        "grounds_count": len({g.ground for g in basis.refusal_grounds}) if open_ else None,
        "closed_list": basis.grounds_closed_list.closed if open_ else None,
        "time_limits": [describe_time_limit(t) for t in basis.time_limits] if open_ else [],
        "missing_facts": [m.fact for m in basis.missing_facts],
        "scenario": scenario,
    }


def rows(
    engine: Engine,
    *,
    measure: str,
    offence: str,
    on: str,
    scenario: str | None = None,
    states: str | None = None,
    urgent: bool = False,
    mla_treaty: bool | None = None,
) -> Iterator[dict[str, Any]]:
    """The matrix as plain rows (typed values), requesting State first, then requested, then instrument."""
    loaded = load_scenario(scenario) if scenario is not None else None
    book = engine.book_for(loaded)
    name = loaded.name if loaded else None
    chosen = _states(engine, states, sorted({iso for (_, iso) in book.party_rows}))
    for req in chosen:
        for rqd in chosen:
            if req == rqd:
                continue
            query = engine.query(req, rqd, measure=measure, offence=offence, on=on, urgent=urgent, mla_treaty=mla_treaty, scenario=name)
            computed = engine.compute(query, book, branches=False)
            for basis in computed.bases:
                yield _row(req, rqd, basis, computed.routes, name)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    mla = {"yes": True, "no": False, "unknown": None}[args.mla_treaty]
    produced = rows(
        engine, measure=args.measure, offence=args.offence, on=args.on, scenario=args.scenario,
        states=args.states, urgent=args.urgent, mla_treaty=mla,
    )
    if args.fmt == "json":
        table = list(produced)
        payload = {
            "measure": args.measure,
            "offence": args.offence,
            "on": args.on,
            "scenario": table[0]["scenario"] if table else args.scenario,
            "urgent": args.urgent,
            "mla_treaty": mla,
            "columns": list(COLUMNS),
            "rows": table,
        }
        sys.stdout.write(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
        return 0
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in produced:
        row = dict(row, applicable=_applicable(row["applicable"]))
        writer.writerow([_csv_value(row[c]) for c in COLUMNS])
        if buffer.tell() > 1 << 16:
            sys.stdout.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    sys.stdout.write(buffer.getvalue())
    return 0
