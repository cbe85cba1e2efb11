"""The optional durable-rules backend against the default (plain Python) one: rule evaluation
alone, beside the whole answer, on the same seeded sample of queries, in one run.

* rule evaluation alone: ``backend.fire(rulebook, ctx)`` for every instrument of a query
  (which rules fire, with what truth), the dated facts already memoised, so that what is
  timed is the rules and nothing else;
* whole answer: ``Engine(memo=False, backend=...).answer(query)``, the reference path, which
  computes every answer from scratch (rules, bases, routes, comparison, branches).

Both figures are given per query for each backend and as the ratio durable ÷ python. Without
durable-rules installed (``pip install "treatyrules[durable]"``) the script says so, writes
a result marked skipped, and exits 0.

    python benchmarks/bench_backends.py [--queries 200] [--repeat 5]
"""

from __future__ import annotations

import random
import sys
import time

from _common import DEFAULT_DATE, Key, ask, fmt_ns, gc_disabled, matrix_keys, parser, print_table, summarise, write_json


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--on", default=DEFAULT_DATE)
    args = p.parse_args()

    try:
        import durable  # noqa: F401
    except ImportError:
        print("durable-rules is not installed: nothing to compare (pip install 'treatyrules[durable]')")
        write_json("backends", args, {"skipped": "durable-rules is not installed"})
        return

    from treatyrules._answer.engine import Engine
    from treatyrules._rules.predicates import Context

    engines = {name: Engine(memo=False, backend=name) for name in ("python", "durable")}
    fact_engine = Engine()  # its book memoises the dated facts, so that fire() times the rules alone
    keys: list[Key] = random.Random(args.seed).sample(matrix_keys(args.on), args.queries)
    queries = [ask(fact_engine.query, k) for k in keys]
    pc = time.perf_counter_ns

    def median(xs: list[int]) -> float:
        return sorted(xs)[len(xs) // 2]

    per_query: dict[str, list[float]] = {f"{kind}_{name}": [] for kind in ("fire", "answer") for name in engines}
    with gc_disabled(args.gc):
        for q in queries:
            contexts = [(book, Context(q, fact_engine.book, instrument)) for instrument, book in fact_engine.rulebooks.items()]
            for name, engine in engines.items():
                backend = engine.backend
                for rulebook, ctx in contexts:  # once untimed: facts memoised, durable rulesets compiled
                    backend.fire(rulebook, ctx)
                samples = []
                for _ in range(args.repeat):
                    t0 = pc()
                    for rulebook, ctx in contexts:
                        backend.fire(rulebook, ctx)
                    samples.append(pc() - t0)
                per_query[f"fire_{name}"].append(median(samples))
                samples = []
                for _ in range(args.repeat):
                    t0 = pc()
                    engine.answer(q)
                    samples.append(pc() - t0)
                per_query[f"answer_{name}"].append(median(samples))

    same = all(engines["python"].answer(q).model_dump_json() == engines["durable"].answer(q).model_dump_json() for q in queries[:20])
    stats = {k: summarise(v) for k, v in per_query.items()}
    ratios = {
        kind: summarise([d / p for d, p in zip(per_query[f"{kind}_durable"], per_query[f"{kind}_python"], strict=True)])
        for kind in ("fire", "answer")
    }
    labels = {"fire": "rule evaluation alone (fire, every instrument)", "answer": "whole answer (reference path)"}
    print(f"\nbackends, {len(queries)} sampled queries on {args.on}; answers identical: {same}\n")
    print_table(
        ["", "python: median", "durable: median", "durable ÷ python (median of per-query ratios)"],
        [[labels[k], fmt_ns(stats[f"{k}_python"]["median"]), fmt_ns(stats[f"{k}_durable"]["median"]), f"{ratios[k]['median']:.2f}"] for k in labels],
    )
    write_json(
        "backends",
        args,
        {
            "method": {"queries": len(queries), "repeat_per_query": args.repeat, "seed": args.seed, "on": args.on},
            "labels": labels,
            "results_ns": stats,
            "ratio_durable_over_python": ratios,
            "answers_identical": same,
        },
    )


if __name__ == "__main__":
    sys.exit(main())
