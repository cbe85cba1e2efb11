"""The optional durable-rules backend against the default (plain Python) one: rule evaluation
alone, beside the whole answer, on the same seeded sample of queries, in one run.

* matching alone: which rules fire, and with which truth value, over facts prepared
  beforehand (every atom of the instrument's rules for that measure evaluated once, untimed,
  and handed to both backends as the same values): durable-rules asserts them as one fact
  into its compiled ruleset (``DurableBackend._run``); the default backend decides each rule
  by three-valued logic over the same values. Nothing else is timed: no fact is built, no
  firing explained. The two decisions are checked equal on every query;
* rule evaluation, as the engine calls it: ``backend.fire(rulebook, ctx)`` for every
  instrument of a query, the dated facts already memoised; it includes building the fact for
  durable-rules and explaining each firing (its facts and missing facts), which both
  backends do in Python;
* whole answer: ``Engine(memo=False, backend=...).answer(query)``, the reference path, which
  computes every answer from scratch (rules, bases, routes, comparison, branches).

Each figure is given per query for each backend and as the ratio durable ÷ python (the median
of the per-query ratios). Without durable-rules installed (``pip install "treatyrules[durable]"``)
the script says so, writes a result marked skipped, and exits 0.

    python benchmarks/bench_backends.py [--queries 200] [--repeat 5]
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any

from _common import DEFAULT_DATE, Key, ask, fmt_ns, gc_disabled, matrix_keys, parser, print_table, summarise, write_json


def _kleene(node: Any, values: dict[str, bool | None]) -> bool | None:
    """A rule condition's three-valued truth over prepared atom values (as durable-rules reads them)."""
    from treatyrules._rules.conditions import All, AnyOf, Atom, Const, Not

    if isinstance(node, Atom):
        return values[node.key]
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Not):
        inner = _kleene(node.part, values)
        return None if inner is None else not inner
    parts = [_kleene(part, values) for part in node.parts]
    if isinstance(node, All):
        return False if False in parts else (None if None in parts else True)
    assert isinstance(node, AnyOf)
    return True if True in parts else (None if None in parts else False)


def _decide(rules: tuple[Any, ...], values: dict[str, bool | None]) -> dict[int, bool | None]:
    """Which rules fire, with which value: the default backend's decision without explanations
    (``rule_truth`` and ``requirement_truth`` reduced to truth values)."""
    fired: dict[int, bool | None] = {}
    for index, rule in enumerate(rules):
        guard = _kleene(rule.guard, values)
        if guard is False:
            continue
        if rule.require is None:
            fired[index] = guard
            continue
        req = _kleene(rule.require, values)
        fired[index] = req if guard is True else (True if req is True else None)
    return fired


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

    per_query: dict[str, list[float]] = {f"{kind}_{name}": [] for kind in ("match", "fire", "answer") for name in engines}
    durable_backend: Any = engines["durable"].backend
    decisions_identical = True
    with gc_disabled(args.gc):
        for q in queries:
            contexts = [(book, Context(q, fact_engine.book, instrument)) for instrument, book in fact_engine.rulebooks.items()]
            for name, engine in engines.items():
                backend = engine.backend
                for rulebook, ctx in contexts:  # once untimed: facts memoised, durable rulesets compiled
                    backend.fire(rulebook, ctx)
            # the same prepared facts for both: every atom of the measure's rules, evaluated once
            prepared = []
            for rulebook, ctx in contexts:
                ruleset, registered = durable_backend._books[rulebook][f"{rulebook.instrument.value}.{q.measure.value}"]
                values = {atom.key: atom.evaluate(ctx).value for _, atom in ruleset.fields}
                prepared.append((ruleset.rules, values, registered, ruleset.fact(ctx)))
            decided = [_decide(rules, values) for rules, values, _, _ in prepared]
            if decided != [durable_backend._run(registered, fact) for _, _, registered, fact in prepared]:
                decisions_identical = False
            samples = []
            for _ in range(args.repeat):
                t0 = pc()
                for rules, values, _, _ in prepared:
                    _decide(rules, values)
                samples.append(pc() - t0)
            per_query["match_python"].append(median(samples))
            samples = []
            for _ in range(args.repeat):
                t0 = pc()
                for _, _, registered, fact in prepared:
                    durable_backend._run(registered, fact)
                samples.append(pc() - t0)
            per_query["match_durable"].append(median(samples))
            for name, engine in engines.items():
                backend = engine.backend
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
        for kind in ("match", "fire", "answer")
    }
    labels = {
        "match": "rule evaluation alone (matching over prepared facts, every instrument)",
        "fire": "rule evaluation with explanations (fire, every instrument)",
        "answer": "whole answer (reference path)",
    }
    print(f"\nbackends, {len(queries)} sampled queries on {args.on}; answers identical: {same}; decisions identical: {decisions_identical}\n")
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
            "decisions_identical": decisions_identical,
        },
    )


if __name__ == "__main__":
    sys.exit(main())
