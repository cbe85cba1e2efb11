"""Latency of one ``which_treaty_applies`` call: cold, equivalence-class hit and warm, beside a
plain dict lookup of the same precomputed answers, all in one run.

A fixed, seeded sample of queries is drawn from the all-pairs matrix (see
``bench_matrix.py``), all on one date. For every query in the sample (outside the clock,
the caches are emptied as each row says):

* cold, from scratch: every cache emptied (the answer caches, every memo of dated facts,
  the package's ``functools`` caches); then one timed ``which_treaty_applies(...)``;
* cold: the answer caches emptied (exact answers, normalised queries, the classes'
  templates and fills, the pairs' facts); each State's dated facts stay memoised, as in a
  process that has answered anything on that date before. The query's class is computed
  in full and becomes its template;
* reference path: ``Engine(memo=False).answer(query)``, the answer computed from scratch with
  nothing shared between queries (what every query cost before answers were shared);
* first query of its class in a warm process: the engine emptied, then asked ``--warm`` other
  queries of the matrix (other pairs of States); then each sample query whose class is still
  new, once. Its instruments' bases and the paths of its routes may have been met before
  (how many of its bases were filled in from their own class is reported);
* equivalence-class hit: *another pair of States* whose query falls in the same class,
  asked for the first time (its exact answer, normalised query, fill and pair facts not
  cached; its States' facts memoised): the class's template filled in with its facts. The
  first such query of a class also makes the template (timed apart: "class met once before");
* same pair, other date of the status interval: the fill of the same class for the same
  pair is reused (the exact-query cache emptied);
* warm: the same call again (exact-query cache hit), timed as a batch over the sample and
  divided by the sample size; likewise ``engine.ask(...)`` (the same arguments as one raw
  key, no language switch) and ``engine.answer(query)`` on a prebuilt ``Query``;
* dict lookup: a dict from the argument tuple to the precomputed ``Answer``, looked up for
  every query in the sample (batch, divided by the sample size).

Single calls include one ``perf_counter_ns`` pair, whose cost is reported.

    python benchmarks/bench_latency.py [--queries 200] [--repeat 5] [--batches 31]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from typing import Any

from _common import (
    DEFAULT_DATE,
    Key,
    ask,
    cache_capacity,
    caches_described,
    clear_all_caches,
    clear_caches,
    clear_exact,
    clear_for_class_hit,
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


def partner(engine: object, key: Key, keys_by_day: list[Key], rng: random.Random, tries: int = 400) -> Key | None:
    """Another pair of States whose query falls in the same equivalence class as ``key``'s."""
    e: Any = engine
    query = ask(e.query, key)
    wanted = e.class_key(query, e.book, branches=True)[0]
    a, b, m, o, on = key
    for c, d, *_ in rng.sample(keys_by_day, min(tries, len(keys_by_day))):
        if (c, d) == (a, b):
            continue
        other = (c, d, m, o, on)
        if e.class_key(ask(e.query, other), e.book, branches=True)[0] == wanted:
            return other
    return None


def first_of_class_in_warm_process(
    engine: Any, wta: Any, keys: list[Key], every: list[Key], warm: int, rng: random.Random,
) -> tuple[list[float], dict[str, int]]:
    """The time of each sample query whose class is new to an engine that has answered ``warm``
    other queries of the matrix (other pairs of States), one call each; and how many of those
    calls' instruments' bases were filled in from their own class or computed."""
    clear_all_caches(engine)
    pairs = {(a, b) for a, b, *_ in keys}
    others = [k for k in every if (k[0], k[1]) not in pairs]
    for key in rng.sample(others, min(warm, len(others))):
        ask(wta, key)
    out: list[float] = []
    filled = computed = 0
    bases = engine._bases
    pc = time.perf_counter_ns
    for key in keys:
        class_key = engine.class_key(ask(engine.query, key), engine.book, branches=True)[0]
        if engine._classes.get(class_key) is not None:
            continue  # its class was made by the warm-up or an earlier sample query
        hits, misses = bases.hits, bases.misses
        t0 = pc()
        ask(wta, key)
        out.append(pc() - t0)
        filled += bases.hits - hits
        computed += bases.misses - misses
    return out, {"filled_from_their_class": filled, "computed": computed}


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--queries", type=int, default=200, help="queries in the sample (default 200)")
    p.add_argument("--repeat", type=int, default=5, help="timed single calls per query and row (default 5)")
    p.add_argument("--batches", type=int, default=31, help="timed batches over the sample for warm and dict (default 31)")
    p.add_argument("--warm", type=int, default=3000, help="queries answered before the classes new to the process are timed (default 3000)")
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--on", default=DEFAULT_DATE)
    args = p.parse_args()

    t_import = time.perf_counter_ns()
    import treatyrules
    from treatyrules._answer.engine import Engine, default_engine

    engine = default_engine()
    load_ns = time.perf_counter_ns() - t_import
    reference = Engine(memo=False)
    book = engine.book
    wta = treatyrules.which_treaty_applies

    every = matrix_keys(args.on)
    rng = random.Random(args.seed)
    keys: list[Key] = rng.sample(every, args.queries)
    other_on = other_date_in_period(book, args.on)
    other_keys: list[Key] = [(a, b, m, o, other_on) for a, b, m, o, _ in keys]
    queries = [ask(engine.query, k) for k in keys]
    partners = [partner(engine, k, every, rng) for k in keys]

    pc = time.perf_counter_ns
    overhead = timer_overhead_ns()
    per_query: dict[str, list[float]] = {
        "scratch": [], "cold": [], "reference": [], "class_new_warm": [], "class_first_reuse": [], "class_hit": [], "period_hit": [],
    }

    def median(xs: list[int]) -> float:
        return sorted(xs)[len(xs) // 2]

    with gc_disabled(args.gc):
        for key, other, mate in zip(keys, other_keys, partners):
            rows: dict[str, list[int]] = {k: [] for k in per_query}
            for _ in range(args.repeat):
                clear_all_caches(engine)
                t0 = pc()
                ask(wta, key)
                rows["scratch"].append(pc() - t0)
                clear_caches(engine)
                t0 = pc()
                ask(wta, key)
                rows["cold"].append(pc() - t0)
                clear_exact(engine)
                t0 = pc()
                ask(wta, other)
                rows["period_hit"].append(pc() - t0)
                if mate is not None:
                    engine.class_key(ask(engine.query, mate), book, branches=True)  # its States' facts, memoised
                    clear_for_class_hit(engine)
                    t0 = pc()
                    ask(wta, mate)  # the class's first reuse: its template is made on the way
                    rows["class_first_reuse"].append(pc() - t0)
                    clear_for_class_hit(engine)
                    t0 = pc()
                    ask(wta, mate)  # a later member of the class, asked for the first time
                    rows["class_hit"].append(pc() - t0)
            for k, v in rows.items():
                if v:
                    per_query[k].append(median(v))
        for q in queries:
            samples = []
            for _ in range(args.repeat):
                t0 = pc()
                reference.answer(q)
                samples.append(pc() - t0)
            per_query["reference"].append(median(samples))

        # a class new to a process that has answered other queries: each sample query once
        new_class, bases_filled = first_of_class_in_warm_process(engine, wta, keys, every, args.warm, rng)
        per_query["class_new_warm"] = new_class

        # warm: fill the exact cache with the whole sample, then time batches of hits
        clear_caches(engine)
        answers = {k: ask(wta, k) for k in keys}
        for q in queries:
            engine.answer(q)
        for k in keys:
            ask(engine.ask, k)
        batch: dict[str, list[float]] = {"warm": [], "warm_ask": [], "warm_prebuilt": [], "dict": []}
        n = len(keys)
        eask = engine.ask
        for _ in range(args.batches):
            t0 = pc()
            for a, b, m, o, on in keys:
                wta(a, b, measure=m, offence=o, on=on)
            batch["warm"].append((pc() - t0) / n)
            t0 = pc()
            for a, b, m, o, on in keys:
                eask(a, b, measure=m, offence=o, on=on)
            batch["warm_ask"].append((pc() - t0) / n)
            t0 = pc()
            for q in queries:
                engine.answer(q)
            batch["warm_prebuilt"].append((pc() - t0) / n)
            t0 = pc()
            for k in keys:
                answers[k]
            batch["dict"].append((pc() - t0) / n)

    # the dict holds the very answers the engine returns for the same query, and they are the
    # reference path's answers
    assert all(answers[k] == ask(wta, k) for k in keys[:20])
    assert all(answers[k].model_dump_json() == reference.answer(q).model_dump_json() for k, q in list(zip(keys, queries))[:20])

    stats = {k: summarise(v) for k, v in {**per_query, **batch}.items()}
    cold_by_outcome: dict[str, dict[str, dict[str, float]]] = {}
    for which in ("scratch", "cold", "reference"):
        by_outcome: dict[str, list[float]] = {"some_instrument_may_apply": [], "no_instrument_applies": []}
        for key, cold_ns in zip(keys, per_query[which]):
            may = any(b.applicable is not False for b in answers[key].bases)
            by_outcome["some_instrument_may_apply" if may else "no_instrument_applies"].append(cold_ns)
        cold_by_outcome[which] = {k: summarise(v) for k, v in by_outcome.items()}
    labels = {
        "scratch": "cold, from scratch: every cache emptied",
        "cold": "cold: first query of its class (answer caches emptied)",
        "reference": "reference path: Engine(memo=False), nothing shared",
        "class_new_warm": f"first query of its class, after {args.warm:,} other queries",
        "class_first_reuse": "class met once before: another pair (makes the template)",
        "class_hit": "equivalence-class hit: another pair, first time asked",
        "period_hit": "same pair, other date of the status interval",
        "warm": "warm: which_treaty_applies, exact-cache hit",
        "warm_ask": "warm: engine.ask, exact-cache hit",
        "warm_prebuilt": "warm: engine.answer(prebuilt Query)",
        "dict": "dict lookup of the precomputed Answer",
    }
    how = {k: f"per query: median of {args.repeat} calls" for k in per_query}
    how["class_new_warm"] = (
        f"per query: one call (the call makes the class), on an engine emptied and then asked {args.warm:,} other queries of the matrix "
        "(other pairs); queries whose class those made are left out"
    )
    how.update({k: f"per batch of {n}: mean per call" for k in batch})
    dict_median = stats["dict"]["median"]
    found = sum(m is not None for m in partners)
    print(f"\nlatency, {n} sampled queries on {args.on} (same-interval date {other_on}); GC {'on' if args.gc else 'off'} while timing")
    print(f"a pair in the same class found for {found} of {n} queries; timer overhead: {overhead:.0f} ns per perf_counter_ns() call\n")
    print_table(
        ["call", "median", "p10", "p90", "min", "max", "× dict"],
        [
            [labels[k], fmt_ns(s["median"]), fmt_ns(s["p10"]), fmt_ns(s["p90"]), fmt_ns(s["min"]), fmt_ns(s["max"]), f"{s['median'] / dict_median:,.0f}"]
            for k, s in stats.items()
            if s["n"]
        ],
    )
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
                "partners_found": found,
                "warm_queries": args.warm,
                "class_new_warm_bases": bases_filled,
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
