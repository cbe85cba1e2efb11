"""The all-pairs matrix for one measure, one offence and one date, as ``treatyrules matrix``
answers it: every ordered pair of States in ``fixtures/parties.csv`` (123 x 122 = 15,006).

Passes, all in one run and each from empty caches (every memo emptied first):

* reference: ``Engine(memo=False)``: each pair's rows, as the matrix command reads them
  (``engine.query`` then ``engine.compute_view(query, book, view)``), computed from scratch,
  nothing shared between pairs: what the matrix cost before answers were shared;
* shared: the same calls on the default engine, which computes each equivalence class once;
  with the garbage collector on (the interpreter's defaults), off, and tuned as the command
  runs it (``treatyrules._memo.bulk_collection``: the loaded engine frozen out of the scans,
  thresholds raised);
* shared, whole answers: ``which_treaty_applies`` for every pair (with the mla_treaty
  branches), then the same again (warm: exact-cache hits), and a dict lookup of the same answers;
* the command itself: ``python -m treatyrules matrix --measure M --offence O --on D`` in a
  fresh process, output discarded (wall clock, start-up and loading included), with one
  process and with ``--jobs 2``, each in ``--command-rounds`` fresh processes (the median
  kept, with the minimum and maximum), and the full
  matrix (every measure) with ``--jobs 2`` (``--skip-full`` leaves it out).

    python benchmarks/bench_matrix_one.py [--measure expedited_preservation] [--offence electronic_evidence_any_offence]
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from typing import Any

from _common import DEFAULT_DATE, REPO, clear_all_caches, fmt_ns, parser, party_states, print_table, write_json


def _wall(argv: list[str]) -> int:
    """Wall time of one fresh process running ``argv`` from the checkout, output discarded."""
    t0 = time.perf_counter_ns()
    subprocess.run(argv, cwd=REPO, stdout=subprocess.DEVNULL, check=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    return time.perf_counter_ns() - t0


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--measure", default="expedited_preservation")
    p.add_argument("--offence", default="electronic_evidence_any_offence")
    p.add_argument("--on", default=DEFAULT_DATE)
    p.add_argument("--skip-reference", action="store_true", help="leave out the reference pass (the slowest)")
    p.add_argument("--skip-command", action="store_true", help="leave out the command in a fresh process")
    p.add_argument("--command-rounds", type=int, default=5, help="fresh processes per command row; the median is kept (default 5)")
    p.add_argument("--skip-full", action="store_true", help="leave out the full matrix (every measure, --jobs 2) in a fresh process")
    args = p.parse_args()

    import treatyrules
    from treatyrules._answer.engine import Engine, default_engine
    from treatyrules._memo import BULK_THRESHOLDS, bulk_collection

    engine = default_engine()
    reference = Engine(memo=False)
    states = party_states()
    pairs = [(a, b) for a in states for b in states if a != b]
    m, o, on = args.measure, args.offence, args.on
    pc = time.perf_counter_ns
    results: dict[str, dict[str, Any]] = {}

    from treatyrules.cli._matrix import _plan

    def parts(e: Any) -> list[Any]:
        plan = _plan(e, measure=m, offence=o, on=on, scenario=None, states=None, urgent=False, mla_treaty=None)
        assert len(plan.states) == len(states)
        return [row for req in plan.states for row in plan.rows_for(req)]

    def timed(name: str, label: str, fn: Any, gc_on: bool, bulk: bool = False) -> Any:
        clear_all_caches(engine)
        gc.collect()
        was = gc.isenabled()
        if not gc_on:
            gc.disable()
        if bulk:
            with bulk_collection():  # its own full collection and freeze happen before the clock starts
                t0 = pc()
                out = fn()
                total = pc() - t0
        else:
            t0 = pc()
            out = fn()
            total = pc() - t0
        if was:
            gc.enable()
        results[name] = {"label": label, "total_ns": total, "per_pair_ns": total / len(pairs), "gc": gc_on}
        print(f"{label}: {fmt_ns(total)} ({fmt_ns(total / len(pairs))} per pair)", file=sys.stderr, flush=True)
        return out

    if not args.skip_reference:
        ref_parts = timed("reference", "reference path, rows (Engine(memo=False)), GC on", lambda: parts(reference), True)
    shared_parts = timed("shared", "shared path, rows, GC on", lambda: parts(engine), True)
    timed("shared_gc_off", "shared path, rows, GC off", lambda: parts(engine), False)
    thresholds = ", ".join(f"{t:,}" for t in BULK_THRESHOLDS)
    timed("shared_bulk", f"shared path, rows, GC as the command runs it (engine frozen, thresholds {thresholds})", lambda: parts(engine), True, bulk=True)
    if not args.skip_reference:
        assert ref_parts == shared_parts, "the shared path's rows differ from the reference path's"
        del ref_parts
    del shared_parts

    wta = treatyrules.which_treaty_applies

    def answers() -> dict[tuple[str, str], Any]:
        return {(a, b): wta(a, b, measure=m, offence=o, on=on) for a, b in pairs}

    got = timed("answers", "shared path, whole answers (which_treaty_applies), GC on", answers, True)
    # warm: the same again (exact-cache hits where the answers still fit the cache), and a dict
    gc.collect()
    t0 = pc()
    for a, b in pairs:
        wta(a, b, measure=m, offence=o, on=on)
    warm = pc() - t0
    t0 = pc()
    for key in pairs:
        got[key]
    dict_ns = pc() - t0
    results["answers_again"] = {"label": "whole answers asked again", "total_ns": warm, "per_pair_ns": warm / len(pairs), "gc": True}
    results["dict"] = {"label": "dict lookup of the same answers", "total_ns": dict_ns, "per_pair_ns": dict_ns / len(pairs), "gc": True}

    if not args.skip_command:
        argv = [sys.executable, "-m", "treatyrules", "matrix", "--measure", m, "--offence", o, "--on", on]
        for name, label, extra in (
            ("command", "treatyrules matrix, fresh process (wall)", []),
            ("command_jobs2", "treatyrules matrix --jobs 2, fresh process (wall)", ["--jobs", "2", "--no-progress"]),
        ):
            walls = sorted(_wall(argv + extra) for _ in range(args.command_rounds))
            mid = statistics.median(walls)
            results[name] = {
                "label": label, "total_ns": mid, "per_pair_ns": mid / len(pairs), "gc": True,
                "rounds": len(walls), "min_ns": walls[0], "max_ns": walls[-1],
            }
            print(f"{label}: median {fmt_ns(mid)} of {len(walls)} ({fmt_ns(walls[0])}–{fmt_ns(walls[-1])})", file=sys.stderr, flush=True)
    full: dict[str, Any] | None = None
    if not args.skip_full:
        from treatyrules.vocabulary import Measure

        argv = [sys.executable, "-m", "treatyrules", "matrix", "--offence", o, "--on", on, "--jobs", "2", "--no-progress"]
        wall = _wall(argv)
        queries = len(pairs) * len(Measure)
        full = {"label": f"full matrix, every measure ({len(Measure)}), treatyrules matrix --jobs 2, fresh process (wall)", "total_ns": wall, "queries": queries, "per_query_ns": wall / queries}
        print(f"{full['label']}: {fmt_ns(wall)}", file=sys.stderr, flush=True)

    base = results.get("reference", {}).get("total_ns")
    d = results["dict"]["total_ns"]
    print(f"\nall-pairs matrix: {len(states)} x {len(states) - 1} = {len(pairs):,} pairs, measure {m}, offence {o}, on {on}\n")
    print_table(
        ["pass", "total", "per pair", "pairs/s", "× reference", "× dict"],
        [
            [r["label"], fmt_ns(r["total_ns"]), fmt_ns(r["per_pair_ns"]), f"{len(pairs) / (r['total_ns'] / 1e9):,.0f}",
             f"{r['total_ns'] / base:.3f}" if base else "-", f"{r['total_ns'] / d:,.0f}"]
            for r in results.values()
        ],
    )
    classes = engine._classes
    write_json(
        "matrix-one",
        args,
        {
            "method": {
                "measure": m, "offence": o, "on": on, "states": len(states), "pairs": len(pairs),
                "clock": "time.perf_counter_ns", "caches": "every cache emptied before each pass",
                "classes_after_answers": len(classes) if classes is not None else None,
                "bulk_thresholds": list(BULK_THRESHOLDS),
            },
            "results": results,
            "full_matrix": full,
        },
    )


if __name__ == "__main__":
    main()
