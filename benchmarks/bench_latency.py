"""Latency of one ``which_treaty_applies`` call: cold, warm, equivalence-class hit, and a
plain dict lookup of the same precomputed answers as the baseline.

A fixed, seeded sample of queries is drawn from the all-pairs matrix (see
``bench_matrix.py``), all on one date. For every query in the sample:

* cold, from scratch: every cache emptied (outside the clock): the two answer caches,
  the engine's other memos (routes, ...) and the package's ``functools`` caches;
  then one timed ``which_treaty_applies(...)``: normalise the query, compute every
  instrument's basis, routes and caveats, and store the answer;
* cold: only the two answer caches emptied; the internal memos keep what earlier
  calls (here: the same query) left in them. The two cold figures bound a query
  asked for the first time in a long-running process;
* compute only: ``engine.compute(query, book, branches=True)`` on an already
  normalised query, which bypasses the answer caches;
* equivalence-class hit: the same query on another date in the same status
  interval, with the exact-query cache emptied (outside the clock) so the call misses
  it and hits the equivalence-class cache;
* warm: the same call again (exact-query cache hit), timed as a batch over the
  sample and divided by the sample size;
* warm, prebuilt ``Query``: ``engine.answer(query)`` on an already normalised
  query, which leaves out argument normalisation;
* dict lookup: a dict from the argument tuple to the precomputed ``Answer``,
  looked up for every query in the sample (batch, divided by the sample size).

Cold, compute and equivalence-class calls are timed one by one (each needs set-up
outside the clock); their per-call figures include one ``perf_counter_ns`` pair,
whose cost is reported. Warm and dict figures are per call within a batch.

    python benchmarks/bench_latency.py [--queries 200] [--repeat 5] [--batches 31]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from _common import (
    DEFAULT_DATE,
    Key,
    ask,
    cache_capacity,
    caches_described,
    clear_all_caches,
    clear_caches,
    clear_exact,
    fmt_ns,
    gc_disabled,
    matrix_keys,
    parser,
    print_table,
    summarise,
    timer_overhead_ns,
    write_json,
)


def other_date_in_period(book: object, on: str) -> str:
    """A date other than ``on`` in the same status interval (same ``book.period``)."""
    day = date.fromisoformat(on)
    period = book.period(day)  # type: ignore[attr-defined]
    for delta in (1, -1, 7, -7, 30, -30):
        other = day + timedelta(days=delta)
        if book.period(other) == period:  # type: ignore[attr-defined]
            return other.isoformat()
    raise SystemExit(f"{on} is alone in its status interval; pick another --on")


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--queries", type=int, default=200, help="queries in the sample (default 200)")
    p.add_argument("--repeat", type=int, default=5, help="timed cold/compute/class-hit calls per query (default 5)")
    p.add_argument("--batches", type=int, default=31, help="timed batches over the sample for warm and dict (default 31)")
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--on", default=DEFAULT_DATE)
    args = p.parse_args()

    t_import = time.perf_counter_ns()
    import treatyrules
    from treatyrules._answer.engine import default_engine

    engine = default_engine()
    load_ns = time.perf_counter_ns() - t_import
    book = engine.book
    wta = treatyrules.which_treaty_applies

    keys: list[Key] = random.Random(args.seed).sample(matrix_keys(args.on), args.queries)
    other_on = other_date_in_period(book, args.on)
    other_keys: list[Key] = [(a, b, m, o, other_on) for a, b, m, o, _ in keys]
    queries = [ask(engine.query, k) for k in keys]

    pc = time.perf_counter_ns
    overhead = timer_overhead_ns()
    per_query: dict[str, list[float]] = {"scratch": [], "cold": [], "compute": [], "class_hit": []}

    def median(xs: list[int]) -> float:
        return sorted(xs)[len(xs) // 2]

    with gc_disabled(args.gc):
        # cold (from scratch, then answer caches only) and equivalence-class hit, call by call
        for (a, b, m, o, on), (*_, other) in zip(keys, other_keys):
            scratch, cold, hit = [], [], []
            for _ in range(args.repeat):
                clear_all_caches(engine)
                t0 = pc()
                wta(a, b, measure=m, offence=o, on=on)
                scratch.append(pc() - t0)
                clear_caches(engine)
                t0 = pc()
                wta(a, b, measure=m, offence=o, on=on)
                cold.append(pc() - t0)
                clear_exact(engine)
                t0 = pc()
                wta(a, b, measure=m, offence=o, on=other)
                hit.append(pc() - t0)
            per_query["scratch"].append(median(scratch))
            per_query["cold"].append(median(cold))
            per_query["class_hit"].append(median(hit))
        # compute only: no answer cache involved (internal memos as the calls above left them)
        for q in queries:
            samples = []
            for _ in range(args.repeat):
                t0 = pc()
                engine.compute(q, book, branches=True)
                samples.append(pc() - t0)
            per_query["compute"].append(median(samples))

        # warm: fill the exact cache with the whole sample, then time batches of hits
        clear_caches(engine)
        answers = {k: ask(wta, k) for k in keys}
        for q in queries:
            engine.answer(q)
        batch: dict[str, list[float]] = {"warm": [], "warm_prebuilt": [], "dict": []}
        n = len(keys)
        for _ in range(args.batches):
            t0 = pc()
            for a, b, m, o, on in keys:
                wta(a, b, measure=m, offence=o, on=on)
            batch["warm"].append((pc() - t0) / n)
            t0 = pc()
            for q in queries:
                engine.answer(q)
            batch["warm_prebuilt"].append((pc() - t0) / n)
            t0 = pc()
            for k in keys:
                answers[k]
            batch["dict"].append((pc() - t0) / n)

    # the dict holds the very answers the engine returns for the same query
    assert all(answers[k] == ask(wta, k) for k in keys[:20])

    stats = {k: summarise(v) for k, v in {**per_query, **batch}.items()}
    # cold cost by outcome: does some instrument apply (true or unknown), or none?
    cold_by_outcome: dict[str, dict[str, dict[str, float]]] = {}
    for which in ("scratch", "cold"):
        by_outcome: dict[str, list[float]] = {"some_instrument_may_apply": [], "no_instrument_applies": []}
        for key, cold_ns in zip(keys, per_query[which]):
            may = any(b.applicable is not False for b in answers[key].bases)
            by_outcome["some_instrument_may_apply" if may else "no_instrument_applies"].append(cold_ns)
        cold_by_outcome[which] = {k: summarise(v) for k, v in by_outcome.items()}
    labels = {
        "scratch": "cold, from scratch: every cache emptied",
        "cold": "cold: answer caches emptied, internal memos kept",
        "compute": "compute only: engine.compute(query)",
        "class_hit": "equivalence-class hit (other date, same interval)",
        "warm": "warm: which_treaty_applies, exact-cache hit",
        "warm_prebuilt": "warm: engine.answer(prebuilt Query)",
        "dict": "dict lookup of the precomputed Answer",
    }
    how = {
        "scratch": f"per query: median of {args.repeat} calls",
        "cold": f"per query: median of {args.repeat} calls",
        "compute": f"per query: median of {args.repeat} calls",
        "class_hit": f"per query: median of {args.repeat} calls",
        "warm": f"per batch of {n}: mean per call",
        "warm_prebuilt": f"per batch of {n}: mean per call",
        "dict": f"per batch of {n}: mean per call",
    }
    dict_median = stats["dict"]["median"]
    print(f"\nlatency, {n} sampled queries on {args.on} (class hit on {other_on}); GC {'on' if args.gc else 'off'} while timing")
    print(f"timer overhead: {overhead:.0f} ns per perf_counter_ns() call\n")
    print_table(
        ["call", "median", "p10", "p90", "min", "max", "× dict"],
        [
            [
                labels[k],
                fmt_ns(s["median"]),
                fmt_ns(s["p10"]),
                fmt_ns(s["p90"]),
                fmt_ns(s["min"]),
                fmt_ns(s["max"]),
                f"{s['median'] / dict_median:,.0f}",
            ]
            for k, s in stats.items()
        ],
    )
    print("\ncold/compute/class-hit: distribution over queries of per-query medians; warm/dict: over batches")
    for which, groups in cold_by_outcome.items():
        for k, v in groups.items():
            if v["n"]:
                print(f"{which}, {k.replace('_', ' ')}: {v['n']} queries, median {fmt_ns(v['median'])}, p90 {fmt_ns(v['p90'])}")

    write_json(
        "latency",
        args,
        {
            "method": {
                "queries": n,
                "seed": args.seed,
                "on": args.on,
                "class_hit_on": other_on,
                "repeat_per_query": args.repeat,
                "batches": args.batches,
                "clock": "time.perf_counter_ns",
                "gc": "enabled" if args.gc else "disabled while timing",
                "timer_overhead_ns": overhead,
                "engine_load_ns": load_ns,
                "instruments_loaded": [i.value for i in engine.rulebooks],
                "cache_capacity": cache_capacity(engine),
                "caches": caches_described(engine),
                "how": how,
            },
            "labels": labels,
            "results_ns": stats,
            "cold_by_outcome_ns": cold_by_outcome,
        },
    )


if __name__ == "__main__":
    sys.exit(main())
