"""Memory after a long run of varied queries: the process's resident memory and every cache's
entries against its size limit, at checkpoints along 1,000,000 ``which_treaty_applies`` calls.

The queries are drawn (seeded) from a space far larger than any cache: every ordered pair of
States in ``fixtures/parties.csv``, every measure, every offence, one of ``--dates`` dates
spread over 2000-2035, the urgent and emergency flags, mla_treaty unknown/true/false, and both
languages (about 60 million distinct queries with the defaults), so that the caches fill up
and keep evicting. The garbage collector stays on, as in any real process. Resident memory
(``VmRSS``) is read at each checkpoint after a full collection; the peak is ``ru_maxrss``.
With ``--tracemalloc``, the Python heap is also traced (several times slower).

    python benchmarks/bench_memory.py [--queries 1000000] [--every 100000]
"""

from __future__ import annotations

import gc
import random
import sys
import time
import tracemalloc
from datetime import date

from _common import fmt_bytes, measures, parser, party_states, peak_rss_bytes, print_table, rss_bytes, write_json


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--queries", type=int, default=1_000_000)
    p.add_argument("--every", type=int, default=100_000, help="checkpoint interval (default 100,000 queries)")
    p.add_argument("--dates", type=int, default=12, help="distinct dates in the stream (default 12)")
    p.add_argument("--seed", type=int, default=20261130)
    p.add_argument("--tracemalloc", action="store_true")
    args = p.parse_args()

    gc.collect()
    rss_start = rss_bytes()
    t0 = time.perf_counter()
    import treatyrules
    from treatyrules._answer.engine import default_engine
    from treatyrules.vocabulary import Offence

    engine = default_engine()
    load_s = time.perf_counter() - t0
    gc.collect()
    rss_loaded = rss_bytes()
    if args.tracemalloc:
        tracemalloc.start()

    rng = random.Random(args.seed)
    states = party_states()
    ms = measures()
    offences = [o.value for o in Offence]
    years = range(2000, 2036)
    days = sorted({date(rng.choice(years), rng.randint(1, 12), rng.randint(1, 28)).isoformat() for _ in range(args.dates * 4)})[: args.dates]
    wta = treatyrules.which_treaty_applies
    space = len(states) * (len(states) - 1) * len(ms) * len(offences) * len(days) * 2 * 2 * 3 * 2

    checkpoints = []
    started = time.perf_counter()
    last = started
    for i in range(1, args.queries + 1):
        a, b = rng.sample(states, 2)
        wta(
            a, b, measure=rng.choice(ms), offence=rng.choice(offences), on=rng.choice(days),
            urgent=rng.random() < 0.25, emergency=rng.random() < 0.1, mla_treaty=rng.choice((None, None, True, False)),
            lang="es" if rng.random() < 0.5 else "en",
        )
        if i % args.every == 0 or i == args.queries:
            now = time.perf_counter()
            gc.collect()
            point = {
                "queries": i,
                "rss_bytes": rss_bytes(),
                "elapsed_s": now - started,
                "queries_per_s_since_last": args.every / (now - last) if i % args.every == 0 else None,
                "gc_objects": len(gc.get_objects()),
                "traced_bytes": tracemalloc.get_traced_memory()[0] if args.tracemalloc else None,
                "caches": engine.cache_sizes(),
                "classes": {"hits": engine._classes.hits, "misses": engine._classes.misses},
            }
            checkpoints.append(point)
            last = time.perf_counter()
            print(
                f"{i:>9,} queries: RSS {fmt_bytes(point['rss_bytes'])}, {point['gc_objects']:,} objects, "
                f"{now - started:,.0f} s, class hits {engine._classes.hits:,} / misses {engine._classes.misses:,}",
                file=sys.stderr,
                flush=True,
            )

    final = checkpoints[-1]
    print(f"\nmemory over {args.queries:,} varied queries ({space:,} possible), GC on\n")
    print_table(
        ["queries", "RSS", "above loaded engine", "GC-tracked objects", "queries/s"],
        [
            [f"{c['queries']:,}", fmt_bytes(c["rss_bytes"]), fmt_bytes(c["rss_bytes"] - rss_loaded), f"{c['gc_objects']:,}",
             f"{c['queries_per_s_since_last']:,.0f}" if c["queries_per_s_since_last"] else "-"]
            for c in checkpoints
        ],
    )
    print("\ncaches at the end:")
    print_table(["cache", "entries", "limit"], [[k, f"{v['entries']:,}", f"{v['limit']:,}"] for k, v in final["caches"].items()])
    print(f"\nRSS: {fmt_bytes(rss_start)} at start, {fmt_bytes(rss_loaded)} with the engine loaded, "
          f"{fmt_bytes(final['rss_bytes'])} at the end, peak {fmt_bytes(peak_rss_bytes())}")

    write_json(
        "memory",
        args,
        {
            "method": {
                "queries": args.queries,
                "every": args.every,
                "dates": days,
                "seed": args.seed,
                "distinct_queries_possible": space,
                "gc": "enabled (a full collection before each reading)",
                "tracemalloc": args.tracemalloc,
                "engine_load_s": load_s,
            },
            "rss_start_bytes": rss_start,
            "rss_loaded_bytes": rss_loaded,
            "peak_rss_bytes": peak_rss_bytes(),
            "checkpoints": checkpoints,
        },
    )


if __name__ == "__main__":
    main()
