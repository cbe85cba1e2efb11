"""The all-pairs matrix: every State in ``fixtures/parties.csv`` asking every other such
State, for every measure and one offence per offence class, on one date.

Queries are ``which_treaty_applies(requesting, requested, measure=..., offence=..., on=...)``
through the public entry point and the default engine. The matrix is larger than
the engine's answer caches, so it is run in blocks, one block per requesting State
(every requested State x every measure x every offence class). For each block:

* cold: both answer caches emptied, then the block asked once, timed as a whole (and
  each call also on its own, to split the cost by answer and by measure). The engine's
  memos of intermediate results (routes, explanation entries) are kept from block to
  block, as in any long-running process;
* warm: the block asked again (every call an exact-cache hit), ``--warm-repeat``
  times, the fastest kept;
* dict: the block's answers put in a dict keyed by the argument tuple, then looked
  up for the whole block, ``--warm-repeat`` times, the fastest kept.

Totals are the sums over blocks. The GC is disabled inside each timed block (a full
collection runs between blocks, outside the clock) unless ``--gc`` is given.

The full matrix is the default. ``--sample N`` asks a seeded random sample of N
queries instead (in blocks of the same size), for a quick look.

    python benchmarks/bench_matrix.py                # full matrix: about an hour
    python benchmarks/bench_matrix.py --sample 20000 # about half a minute
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from itertools import groupby

from _common import (
    DEFAULT_DATE,
    OFFENCE_CLASSES,
    Key,
    cache_capacity,
    clear_caches,
    fmt_ns,
    gc_disabled,
    matrix_keys,
    measures,
    parser,
    party_states,
    print_table,
    summarise,
    write_json,
)


def blocks(keys: list[Key], sample: bool, size: int) -> list[list[Key]]:
    if not sample:
        return [list(g) for _, g in groupby(keys, key=lambda k: k[0])]
    return [keys[i : i + size] for i in range(0, len(keys), size)]


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--sample", type=int, metavar="N", help="ask a seeded random sample of N queries instead of the full matrix")
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--on", default=DEFAULT_DATE)
    p.add_argument("--warm-repeat", type=int, default=3, help="warm and dict passes per block; the fastest is kept (default 3)")
    args = p.parse_args()

    t0 = time.perf_counter_ns()
    import treatyrules
    from treatyrules._answer.engine import default_engine

    engine = default_engine()
    load_ns = time.perf_counter_ns() - t0
    wta = treatyrules.which_treaty_applies

    states = party_states()
    full = matrix_keys(args.on)
    keys = sorted(random.Random(args.seed).sample(full, args.sample)) if args.sample else full
    per_block = (len(states) - 1) * len(measures()) * len(OFFENCE_CLASSES)
    parts = blocks(keys, bool(args.sample), per_block)

    pc = time.perf_counter_ns
    totals = Counter[str]()
    block_rates: dict[str, list[float]] = {"cold": [], "warm": [], "dict": []}
    applicable = Counter[str]()
    outcome_ns, outcome_n = Counter[str](), Counter[str]()
    measure_ns, measure_n = Counter[str](), Counter[str]()
    started = time.monotonic()
    done = 0
    for i, block in enumerate(parts, 1):
        clear_caches(engine)
        answers: dict[Key, object] = {}
        per_call: dict[Key, int] = {}
        with gc_disabled(args.gc):
            t0 = pc()
            for key in block:
                a, b, m, o, on = key
                t1 = pc()
                answer = wta(a, b, measure=m, offence=o, on=on)
                per_call[key] = pc() - t1
                answers[key] = answer
            cold = pc() - t0
            warm = dict_ns = None
            for _ in range(args.warm_repeat):
                t0 = pc()
                for a, b, m, o, on in block:
                    wta(a, b, measure=m, offence=o, on=on)
                t = pc() - t0
                warm = t if warm is None else min(warm, t)
            lookup = dict(answers)
            for _ in range(args.warm_repeat):
                t0 = pc()
                for key in block:
                    lookup[key]
                t = pc() - t0
                dict_ns = t if dict_ns is None else min(dict_ns, t)
        assert warm is not None and dict_ns is not None
        for key, answer in answers.items():
            may = False
            for basis in answer.bases:  # type: ignore[attr-defined]
                applicable[f"{basis.instrument.value}:{basis.applicable}"] += 1
                may = may or basis.applicable is not False
            group = "some_instrument_may_apply" if may else "no_instrument_applies"
            outcome_ns[group] += per_call[key]
            outcome_n[group] += 1
            measure_ns[key[2]] += per_call[key]
            measure_n[key[2]] += 1
        n = len(block)
        totals["cold"] += cold
        totals["warm"] += warm
        totals["dict"] += dict_ns
        block_rates["cold"].append(cold / n)
        block_rates["warm"].append(warm / n)
        block_rates["dict"].append(dict_ns / n)
        done += n
        elapsed = time.monotonic() - started
        print(
            f"block {i}/{len(parts)} {block[0][0]}: {n} queries, cold {fmt_ns(cold / n)}/q, warm {fmt_ns(warm / n)}/q, "
            f"dict {fmt_ns(dict_ns / n)}/q; {done}/{len(keys)} done, {elapsed:.0f} s, "
            f"~{elapsed / done * (len(keys) - done):.0f} s left",
            file=sys.stderr,
            flush=True,
        )

    n = len(keys)
    rows = []
    results: dict[str, dict[str, float]] = {}
    for k, label in (("cold", "cold (answer caches empty)"), ("warm", "warm (exact-cache hits)"), ("dict", "dict lookup, same answers")):
        total = totals[k]
        results[k] = {
            "total_ns": total,
            "per_query_ns": total / n,
            "queries_per_s": n / (total / 1e9),
            "per_block_per_query_ns": summarise(block_rates[k]),  # type: ignore[dict-item]
        }
        rows.append([label, fmt_ns(total), fmt_ns(total / n), f"{n / (total / 1e9):,.0f}", f"{total / totals['dict']:,.0f}"])

    what = f"sample of {n:,}" if args.sample else "full matrix"
    print(
        f"\nall-pairs matrix ({what}): {len(states)} States x {len(states) - 1} x {len(measures())} measures "
        f"x {len(OFFENCE_CLASSES)} offence classes = {len(full):,} queries; on {args.on}; "
        f"GC {'on' if args.gc else 'off'} while timing\n"
    )
    print_table(["pass", "total", "per query", "queries/s", "× dict"], rows)
    print()
    for k in sorted(outcome_n):
        print(f"cold, {k.replace('_', ' ')}: {outcome_n[k]:,} queries, {fmt_ns(outcome_ns[k] / outcome_n[k])} per query (timed one by one)")

    write_json(
        "matrix-sample" if args.sample else "matrix",
        args,
        {
            "method": {
                "states": len(states),
                "measures": len(measures()),
                "offence_classes": OFFENCE_CLASSES,
                "on": args.on,
                "full_matrix_queries": len(full),
                "queries_run": n,
                "sample": args.sample,
                "seed": args.seed if args.sample else None,
                "blocks": len(parts),
                "block_size_max": max(len(b) for b in parts),
                "warm_repeat": args.warm_repeat,
                "clock": "time.perf_counter_ns",
                "gc": "enabled" if args.gc else "disabled inside each timed block, collected between blocks",
                "engine_load_ns": load_ns,
                "instruments_loaded": [i.value for i in engine.rulebooks],
                "cache_capacity": cache_capacity(engine),
                "wall_s": time.monotonic() - started,
            },
            "results": results,
            "basis_applicable_counts": dict(sorted(applicable.items())),
            "cold_by_outcome": {
                k: {"queries": outcome_n[k], "total_ns": outcome_ns[k], "per_query_ns": outcome_ns[k] / outcome_n[k]}
                for k in sorted(outcome_n)
            },
            "cold_by_measure": {
                k: {"queries": measure_n[k], "total_ns": measure_ns[k], "per_query_ns": measure_ns[k] / measure_n[k]}
                for k in sorted(measure_n, key=lambda k: -measure_ns[k] / measure_n[k])
            },
        },
    )


if __name__ == "__main__":
    main()
