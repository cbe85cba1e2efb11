"""Where a cold query spends its time: cProfile over a seeded sample of cold
``which_treaty_applies`` calls (both answer caches emptied before each call, or every
cache with ``--scratch``).

Prints the functions with the most own time, the most cumulative time, and own time
summed per source file. cProfile slows Python-level calls several-fold, so read the
shares, not the absolute figures. ``--pstats PATH`` also saves the raw profile for
``python -m pstats`` or snakeviz.

    python benchmarks/profile_cold.py [--queries 500] [--top 25]
"""

from __future__ import annotations

import cProfile
import pstats
import random
from collections import Counter
from pathlib import Path

from _common import DEFAULT_DATE, REPO, Key, ask, clear_all_caches, clear_caches, matrix_keys, parser, print_table, write_json


def _where(func: tuple[str, int, str]) -> str:
    path, line, name = func
    if path == "~":
        return name
    p = Path(path)
    try:
        short = str(p.relative_to(REPO))
    except ValueError:
        short = "/".join(p.parts[-2:])
    return f"{short}:{line}({name})"


def _file(func: tuple[str, int, str]) -> str:
    path = func[0]
    if path == "~":
        return "<built-in>"
    p = Path(path)
    try:
        return str(p.relative_to(REPO))
    except ValueError:
        if "site-packages" in p.parts:
            return "site-packages/" + p.parts[p.parts.index("site-packages") + 1]
        return "stdlib/" + p.name


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--queries", type=int, default=500, help="cold queries to profile (default 500)")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--on", default=DEFAULT_DATE)
    p.add_argument("--pstats", metavar="PATH", help="also save the raw profile here")
    p.add_argument("--scratch", action="store_true", help="empty every cache before each query, not only the answer caches")
    args = p.parse_args()

    import treatyrules
    from treatyrules._answer.engine import default_engine

    engine = default_engine()
    wta = treatyrules.which_treaty_applies
    keys: list[Key] = random.Random(args.seed).sample(matrix_keys(args.on), args.queries)
    ask(wta, keys[0])  # first-call set-up out of the profile

    prof = cProfile.Profile()
    empty = clear_all_caches if args.scratch else clear_caches
    for key in keys:
        empty(engine)
        prof.enable()
        ask(wta, key)
        prof.disable()
    if args.pstats:
        prof.dump_stats(args.pstats)

    stats = pstats.Stats(prof)
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())  # own time, summed over all functions
    entries = [
        {"function": _where(f), "ncalls": v[1], "tottime_s": v[2], "cumtime_s": v[3], "own_share": v[2] / total}
        for f, v in raw.items()
    ]
    whole = max(e["cumtime_s"] for e in entries)  # the outermost call: all of the profiled time
    by_own = sorted(entries, key=lambda e: -e["tottime_s"])[: args.top]
    by_cum = sorted(entries, key=lambda e: -e["cumtime_s"])[: args.top]
    files = Counter[str]()
    for f, v in raw.items():
        files[_file(f)] += v[2]

    print(f"\ncProfile of {len(keys)} cold queries: {total:.3f} s own time in total ({total / len(keys) * 1e3:.2f} ms/query under the profiler)\n")
    print("most own time:")
    print_table(
        ["function", "calls", "own s", "own %", "cum s"],
        [[e["function"], e["ncalls"], f"{e['tottime_s']:.3f}", f"{100 * e['own_share']:.1f}", f"{e['cumtime_s']:.3f}"] for e in by_own],
    )
    print("\nmost cumulative time:")
    print_table(
        ["function", "calls", "cum s", "cum %"],
        [[e["function"], e["ncalls"], f"{e['cumtime_s']:.3f}", f"{100 * e['cumtime_s'] / whole:.1f}"] for e in by_cum],
    )
    print("\nown time per source file:")
    print_table(["file", "own s", "own %"], [[f, f"{s:.3f}", f"{100 * s / total:.1f}"] for f, s in files.most_common(args.top)])

    write_json(
        "profile-cold",
        args,
        {
            "method": {
                "queries": len(keys),
                "seed": args.seed,
                "on": args.on,
                "profiler": "cProfile",
                "emptied_before_each_query": "every cache" if args.scratch else "the answer caches",
                "instruments_loaded": [i.value for i in engine.rulebooks],
            },
            "total_own_s": total,
            "by_own_time": by_own,
            "by_cumulative_time": by_cum,
            "own_time_per_file": [{"file": f, "own_s": s, "own_share": s / total} for f, s in files.most_common()],
        },
    )


if __name__ == "__main__":
    main()
