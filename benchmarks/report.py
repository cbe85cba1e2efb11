"""Regenerate ``docs/performance.md`` from the JSON results in ``benchmarks/results/``.

    python benchmarks/report.py            # write docs/performance.md
    python benchmarks/report.py --stdout   # print it instead

Needs no third-party package and does not import ``treatyrules``: every figure comes
from the JSON files, so the document always matches the last recorded run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from _common import fmt_ns  # the scripts' own formatting, so the page reads like their output

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
DOC = REPO / "docs" / "performance.md"


def ns(x: float | None) -> str:
    return "–" if x is None else fmt_ns(x)


def rng(s: dict[str, float], lo: str, hi: str) -> str:
    return f"{ns(s[lo])} – {ns(s[hi])}"


def ratio(a: float, b: float) -> str:
    r = a / b
    return f"{r:,.0f}×" if r >= 10 else f"{r:.1f}×"


def load() -> dict[str, dict[str, dict[str, Any]]]:
    """results[benchmark][python tag] = the JSON document."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(RESULTS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        tag = path.stem.rsplit("-", 1)[-1]
        out.setdefault(doc["benchmark"], {})[tag] = doc
    return out


def pyname(tag: str, docs: dict[str, dict[str, Any]]) -> str:
    return f"Python {docs[tag]['machine']['python']}"


def table(headers: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(headers) - 1)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def tags_of(group: dict[str, dict[str, Any]]) -> list[str]:
    return sorted(group, key=lambda t: int(t[2:]) if t[2:].isdigit() else 0)


# -- sections --------------------------------------------------------------------------


def machine_section(res: dict[str, dict[str, dict[str, Any]]]) -> str:
    docs = [d for group in res.values() for d in group.values()]
    m = docs[0]["machine"]
    pythons = sorted({(d["machine"]["python"], d["machine"]["python_compiler"]) for d in docs})
    dates = sorted({d["machine"]["when_utc"][:10] for d in docs})
    commits = sorted({d["machine"]["git_commit"] + (" (with uncommitted changes)" if d["machine"]["git_dirty_core"] else "") for d in docs})
    pk = m["packages"]
    rows = [
        ["Date of the runs", ", ".join(dates)],
        ["CPU", f"{m['cpu_model']}, {m['logical_cpus']} logical CPUs ({m['usable_cpus']} usable)"],
        ["Memory", f"{m['memory_gib']} GiB"],
        ["OS", f"{m['os']}, Linux kernel {m['kernel']}"],
        ["Python", "; ".join(f"CPython {v} ({c})" for v, c in pythons)],
        ["Libraries", f"pydantic {pk['pydantic']} (pydantic-core {pk['pydantic_core']}), networkx {pk['networkx']}, PyYAML {pk['PyYAML']}"],
        ["Code measured", "commit " + ", ".join(commits)],
    ]
    fps = sorted({d["machine"].get("code_fingerprint", "?") for d in docs})
    moved = any(d["machine"].get("code_fingerprint_at_end", d["machine"].get("code_fingerprint")) != d["machine"].get("code_fingerprint") for d in docs)
    if len(fps) > 1:
        # Name which results come from which code state, so none is read as current by mistake.
        by_fp: dict[str, set[str]] = {}
        for group_name, group in res.items():
            for d in group.values():
                mm = d["machine"]
                by_fp.setdefault(mm.get("code_fingerprint", "?"), set()).add(f"{group_name} ({mm['when_utc'][:10]}, commit {mm['git_commit']})")
        text = "; ".join(f"{fp}: {', '.join(sorted(by_fp[fp]))}" for fp in fps) + " (results from different code states)"
    else:
        text = ", ".join(fps)
    text += " (the code changed on disk during a run)" if moved else ""
    rows.append(["Code fingerprint", text])
    loads = [x for d in docs for x in (d["machine"].get("loadavg_1_5_15_at_start"), d["machine"].get("loadavg_1_5_15_at_end")) if x]
    if loads:
        one = [x[0] for x in loads]
        rows.append(["Load average (1 min) at start and end of each script", f"{min(one):.1f} – {max(one):.1f}"])
    return (
        "## Machine\n\n"
        + table(["", ""], rows, "ll")
        + "\n\nThe machine is a shared virtual machine with two cores, and other work ran on it "
        "while these figures were taken. Single runs can be off by a factor of two or more; read every "
        "figure below as an order of magnitude, and compare figures from the same run rather than across "
        "runs or machines.\n"
    )


def method_section(res: dict[str, dict[str, dict[str, Any]]]) -> str:
    imp = next(iter(res.get("import", {}).values()), None)
    lat = next(iter(res.get("latency", {}).values()), None)
    mat = next(iter(res.get("matrix", res.get("matrix-sample", {})).values()), None)
    parts = ["## Method\n"]
    parts.append(
        "All durations come from `time.perf_counter_ns()`. Each script repeats its measurement and reports "
        "the median with the spread (minimum–maximum, interquartile range or 10th–90th percentile, as "
        "labelled). The cyclic garbage collector is disabled inside timing loops (a full collection runs "
        "just before) except for import and load, which are measured in fresh interpreters with the "
        "collector enabled, as users run them. The package is run from the source checkout "
        "(`PYTHONPATH` = repository root) against the rule files in `rules/` and the data in `fixtures/`. "
        "Every result file records the machine, the interpreter, the load average and a fingerprint of the "
        "code and data measured (a hash of `treatyrules/`, `rules/` and `fixtures/`)."
    )
    if imp:
        mi = imp["method"]
        parts.append(
            f"\n**Import and load** (`bench_import.py`): {mi['repeat']} rounds after {mi['warmup_rounds']} discarded "
            "warm-up round; each round starts fresh subprocesses for `python -c \"pass\"` (interpreter "
            "start-up alone), `python -c \"import treatyrules\"` (timed from outside, wall clock) and a child "
            "that times in-process `import treatyrules`, the first `Engine()` (reading and validating every "
            "rule and data file) and the first query on that engine. The disk cache is warm."
        )
    if lat:
        ml = lat["method"]
        parts.append(
            f"\n**Latency** (`bench_latency.py`): a seeded random sample of {ml['queries']} queries from the "
            f"all-pairs matrix, all on {ml['on']}. *Cold, from scratch*: every cache emptied outside the clock "
            "(the two answer caches, the engine's memos of routes and explanation entries, the package's "
            "`functools` caches), then one `which_treaty_applies(...)` call. *Cold, answer caches emptied*: "
            "the same with only the exact-query and equivalence-class caches emptied. Both: "
            f"{ml['repeat_per_query']} calls per query, the per-query "
            "median kept, and the table gives the distribution of those medians over the sample. *Compute "
            "only*: `engine.compute(query, book, branches=True)` on a normalised query, which bypasses both "
            f"caches. *Equivalence-class hit*: the same query on {ml['class_hit_on']}, which falls in the same "
            "status interval, with the exact-query cache emptied outside the clock. *Warm*: the same call "
            f"again, an exact-cache hit, timed over the whole sample in {ml['batches']} batches (figure = "
            "batch time / sample size; spread over batches). *Warm, prebuilt `Query`*: `engine.answer(query)` "
            "without argument normalisation. *Dict lookup*: a `dict` from the argument tuple `(requesting, "
            "requested, measure, offence, on)` to the very `Answer` objects the engine returned, looked up "
            f"in the same batches. One `perf_counter_ns()` call costs about {ml['timer_overhead_ns']:.0f} ns "
            "here, which is included in each single-call figure."
        )
    if mat:
        mm = mat["method"]
        parts.append(
            f"\n**All-pairs matrix** (`bench_matrix.py`): see below for its size. Queries go through "
            "`which_treaty_applies` and the default engine. The matrix is larger than the answer caches "
            f"({mm['cache_capacity'].get('_exact') or '?':,} entries each), so it runs in blocks of one "
            "requesting State each: answer caches emptied, the block asked once (*cold*; the engine's "
            "memos of intermediate results are kept from block to block), asked again "
            f"{mm['warm_repeat']} times (*warm*, fastest pass kept), and its answers put in a dict and looked "
            f"up {mm['warm_repeat']} times (*dict*, fastest pass kept). Totals are sums over the blocks."
        )
    return "\n".join(parts) + "\n"


def import_section(group: dict[str, dict[str, Any]]) -> str:
    tags = tags_of(group)
    labels = group[tags[0]]["labels"]
    headers = ["Measurement"] + [f"{pyname(t, group)}: median (IQR; min–max)" for t in tags]
    rows = []
    for k, label in labels.items():
        row = [label]
        for t in tags:
            s = group[t]["results_ns"][k]
            row.append(f"**{ns(s['median'])}** ({rng(s, 'q1', 'q3')}; {rng(s, 'min', 'max')})")
        rows.append(row)
    first = group[tags[0]]
    r = first["results_ns"]
    text = (
        f"### Import and load\n\n{first['method']['repeat']} fresh processes per measurement.\n\n"
        + table(headers, rows, "l" + "r" * len(tags))
        + f"\n\nA process that imports the package and builds the engine spends about "
        f"{ns(r['import_ns']['median'] + r['engine_ns']['median'])} before its first answer "
        f"({ns(r['import_ns']['median'])} import, {ns(r['engine_ns']['median'])} load and validation, "
        f"on {pyname(tags[0], group)}); interpreter start-up alone is {ns(r['startup_wall']['median'])}."
    )
    slow = first.get("slowest_imports")
    if isinstance(slow, dict) and slow.get("packages_by_self_total"):
        text += (
            " In one `python -X importtime` run, import time summed per top-level package (every submodule) "
            "is largest for "
            + ", ".join(f"`{x['package']}` ({x['self_us'] / 1000:.0f} ms)" for x in slow["packages_by_self_total"][:5])
            + "; within `treatyrules`, the modules that take longest to import themselves are "
            + ", ".join(f"`{x['module']}` ({x['self_us'] / 1000:.0f} ms)" for x in slow["own_modules_by_self"][:3])
            + "."
        )
    return text + "\n"


def latency_section(group: dict[str, dict[str, Any]]) -> str:
    tags = tags_of(group)
    first = group[tags[0]]
    labels = first["labels"]
    headers = ["Call"]
    for t in tags:
        headers += [f"{pyname(t, group)}: median", "p10 – p90", "min", "× dict"]
    rows = []
    for k, label in labels.items():
        row = [label]
        for t in tags:
            s = group[t]["results_ns"][k]
            d = group[t]["results_ns"]["dict"]["median"]
            row += [f"**{ns(s['median'])}**", rng(s, "p10", "p90"), ns(s["min"]), ratio(s["median"], d)]
        rows.append(row)
    r = first["results_ns"]
    m = first["method"]
    text = (
        f"### Latency of one query\n\n{m['queries']} sampled queries on {m['on']}; spread: cold, compute and "
        "class-hit rows over queries (each the median of its repeated calls), warm and dict rows over "
        f"{m['batches']} batches. Instruments with rule files: {', '.join(m['instruments_loaded'])}. "
        "On a noisy machine the minimum is the better estimate of what the code itself costs; the median "
        "includes interference.\n\n"
        + table(headers, rows, "l" + "rrrr" * len(tags))
        + "\n"
    )
    outcome = first.get("cold_by_outcome_ns")
    if outcome and "cold" in outcome:
        names = {"some_instrument_may_apply": "some instrument applies or may apply", "no_instrument_applies": "no instrument applies"}
        kinds = {"scratch": "from scratch", "cold": "answer caches emptied"}
        orow = []
        for k, label in names.items():
            for which, wlabel in kinds.items():
                row = [f"{label}, {wlabel}"]
                for t in tags:
                    o = group[t].get("cold_by_outcome_ns", {}).get(which, {}).get(k, {"n": 0})
                    row += [str(o["n"]), f"**{ns(o['median'])}**" if o["n"] else "–", rng(o, "p10", "p90") if o["n"] else "–"]
                orow.append(row)
        oh = ["Cold query, by answer"]
        for t in tags:
            oh += [f"{pyname(t, group)}: queries", "median", "p10 – p90"]
        text += (
            "\nThe cold cost depends mostly on the answer. Where no instrument can apply (a State is not a "
            "party, or no instrument provides the measure), little of the answer is built out; where some "
            "instrument applies or may apply, its channels, grounds of refusal and routes are built and, when it is "
            "unknown whether another MLA treaty is in force, the answer is computed for both branches:\n\n"
            + table(oh, orow, "l" + "rrr" * len(tags))
            + "\n"
        )
    if "scratch" in r:
        text += (
            "\nThe two cold rows bound the cost of a query asked for the first time. *From scratch* empties "
            "every cache, including the engine's memos of intermediate results (routes, explanation entries) "
            "that other queries share; *answer caches emptied* keeps those memos, here filled by the same "
            "query a moment before. The matrix below measures the case between the two: a long run of "
            "different queries, each asked for the first time.\n"
        )
    normalise = 1 - r["warm_prebuilt"]["median"] / r["warm"]["median"]
    text += (
        f"\nOn {pyname(tags[0], group)}, a warm call costs {ns(r['warm']['median'])}; about "
        f"{100 * normalise:.0f}% of it is turning the arguments into a `Query` (with a prebuilt `Query`, "
        f"`engine.answer` takes {ns(r['warm_prebuilt']['median'])}). An "
        f"equivalence-class hit, {ns(r['class_hit']['median'])}, adds the exact-cache miss, the status-interval "
        "look-up and a new `Answer` built around the shared result. A dict lookup of the same answers costs "
        f"{ns(r['dict']['median'])}: {ratio(r['cold']['median'], r['dict']['median'])} less than the median "
        f"cold query and {ratio(r['warm']['median'], r['dict']['median'])} less than a warm one.\n"
    )
    return text


def matrix_section(res: dict[str, dict[str, dict[str, Any]]]) -> str:
    full = res.get("matrix", {})
    group = full or res.get("matrix-sample", {})
    if not group:
        return ""
    tags = tags_of(group)
    first = group[tags[0]]
    m = first["method"]
    states, meas, offs = m["states"], m["measures"], m["offence_classes"]
    n_full = m["full_matrix_queries"]
    head = (
        "### All-pairs matrix\n\n"
        f"Every State that appears in `fixtures/parties.csv` ({states}) asking every other such State "
        f"({states - 1}), for every measure in `Measure` ({meas}) and one offence per offence class "
        f"({len(offs)}: " + ", ".join(f"`{o}`" for o in offs.values()) + f"), on {m['on']}: "
        f"{states} × {states - 1} × {meas} × {len(offs)} = **{n_full:,} queries**."
    )
    if not full:
        head += f" The figures below are from a seeded sample of {m['queries_run']:,} of them (`--sample`)."
    headers = ["Pass"]
    for t in tags:
        headers += [f"{pyname(t, group)}: total", "per query", "queries/s", "× dict"]
    rows = []
    names = {"cold": "cold (answer caches empty)", "warm": "warm (exact-cache hits)", "dict": "dict lookup, same answers"}
    for k, label in names.items():
        row = [label]
        for t in tags:
            r = group[t]["results"]
            row += [f"**{ns(r[k]['total_ns'])}**", ns(r[k]["per_query_ns"]), f"{r[k]['queries_per_s']:,.0f}",
                    ratio(r[k]["total_ns"], r["dict"]["total_ns"])]
        rows.append(row)
    spread = []
    for t in tags:
        b = group[t]["results"]["cold"]["per_block_per_query_ns"]
        spread.append(
            f"{pyname(t, group)}: cold cost per query by requesting State from {ns(b['min'])} to {ns(b['max'])} "
            f"(median {ns(b['median'])}); the whole run took {group[t]['method']['wall_s'] / 60:.0f} min"
        )
    r0 = first["results"]
    extra = ""
    if "cold_by_outcome" in first:
        names = {"some_instrument_may_apply": "some instrument applies or may apply", "no_instrument_applies": "no instrument applies"}
        oh = ["Cold, by answer"]
        for t in tags:
            oh += [f"{pyname(t, group)}: queries", "per query"]
        orow = []
        for k, label in names.items():
            row = [label]
            for t in tags:
                o = group[t].get("cold_by_outcome", {}).get(k)
                row += [f"{o['queries']:,}", ns(o["per_query_ns"])] if o else ["–", "–"]
            orow.append(row)
        extra += "\n" + table(oh, orow, "l" + "rr" * len(tags)) + "\n"
        bym = first.get("cold_by_measure", {})
        if bym:
            items = list(bym.items())
            extra += (
                f"\nBy measure, on {pyname(tags[0], group)}, the dearest cold queries are "
                + ", ".join(f"`{k}` ({ns(v['per_query_ns'])})" for k, v in items[:4])
                + "; the cheapest "
                + ", ".join(f"`{k}` ({ns(v['per_query_ns'])})" for k, v in items[-3:])
                + ". (Split figures come from timing each cold call on its own, which adds one clock read per call.)\n"
            )
    return (
        head
        + "\n\n"
        + table(headers, rows, "l" + "rrrr" * len(tags))
        + "\n\n"
        + "; ".join(spread)
        + ".\n"
        + extra
        + "\n"
        + f"Answering the whole matrix with empty answer caches takes {ns(r0['cold']['total_ns'])} on "
        f"{pyname(tags[0], group)}; answering it again from the caches takes {ns(r0['warm']['total_ns'])}, "
        f"and looking the same answers up in a dict {ns(r0['dict']['total_ns'])}. The matrix does not fit "
        f"the default caches ({m['cache_capacity'].get('_exact') or '?':,} entries each, least recently used "
        "first out), so a second sweep of the full matrix in one pass, without the blocks used here, "
        "would find none of its answers still cached and cost as much as the first. The dict figures here "
        "differ from the latency table's: each block's dict holds about ten thousand answers, the latency "
        "sample a few hundred; compare each pass with the dict row of the same table.\n"
    )


def summary_section(res: dict[str, dict[str, dict[str, Any]]]) -> str:
    rows = []
    imp, lat = res.get("import", {}), res.get("latency", {})
    mat = res.get("matrix") or res.get("matrix-sample") or {}
    tags = sorted(set(imp) | set(lat) | set(mat), key=lambda t: int(t[2:]) if t[2:].isdigit() else 0)
    headers = ["Figure (single calls: median; matrix: total and rate)"] + [pyname(t, imp or lat or mat) for t in tags]

    def cell(group: dict[str, dict[str, Any]], t: str, f: Any) -> str:
        return f(group[t]) if t in group else "–"

    rows.append(["`python -c \"import treatyrules\"` (wall)"] + [cell(imp, t, lambda d: ns(d["results_ns"]["import_wall"]["median"])) for t in tags])
    rows.append(["first `Engine()`: load and validate"] + [cell(imp, t, lambda d: ns(d["results_ns"]["engine_ns"]["median"])) for t in tags])
    for k, label in (("scratch", "cold query, from scratch"), ("cold", "cold query, answer caches emptied"), ("class_hit", "equivalence-class hit"), ("warm", "warm query (exact-cache hit)"), ("dict", "dict lookup, same answer")):
        rows.append([label] + [cell(lat, t, lambda d, k=k: ns(d["results_ns"][k]["median"]) if k in d["results_ns"] else "–") for t in tags])
    if mat:
        n = next(iter(mat.values()))["method"]["queries_run"]
        what = "full matrix" if "matrix" in res else f"sample of {n:,}"
        rows.append([f"all-pairs matrix ({what}), cold"] + [cell(mat, t, lambda d: f"{ns(d['results']['cold']['total_ns'])} ({d['results']['cold']['queries_per_s']:,.0f} q/s)") for t in tags])
        rows.append([f"all-pairs matrix ({what}), warm"] + [cell(mat, t, lambda d: f"{ns(d['results']['warm']['total_ns'])} ({d['results']['warm']['queries_per_s']:,.0f} q/s)") for t in tags])
        rows.append([f"all-pairs matrix ({what}), dict"] + [cell(mat, t, lambda d: f"{ns(d['results']['dict']['total_ns'])} ({d['results']['dict']['queries_per_s']:,.0f} q/s)") for t in tags])
    return "## Summary\n\n" + table(headers, rows, "l" + "r" * len(tags)) + "\n"


def reproduce_section() -> str:
    return (
        "## Reproducing\n\n"
        "Each script prints its table and writes `benchmarks/results/<name>-<pyXY>.json`; "
        "`benchmarks/README.md` lists the options. This page is generated from those files:\n\n"
        "```sh\n"
        "python benchmarks/run_all.py --python /path/to/python3.11 --python /path/to/python3.13\n"
        "python benchmarks/report.py   # only regenerate this page from benchmarks/results/*.json\n"
        "```\n\n"
        "The full matrix takes about an hour per interpreter on this machine; `--sample N` gives a quick estimate. "
        "Edit `benchmarks/report.py`, not this page: the next run overwrites it.\n"
    )


def render() -> str:
    res = load()
    if not res:
        raise SystemExit(f"no results in {RESULTS}; run benchmarks/run_all.py first")
    out = [
        "# Performance\n",
        "How long `treatyrules` takes to import and load, to answer one query cold and warm, and to "
        "answer every pair of States for every measure, each beside the cost of looking the same answers "
        "up in a plain `dict`. The scripts live in `benchmarks/`; this page is generated from their results "
        "by `benchmarks/report.py`.\n",
        summary_section(res),
        machine_section(res),
        method_section(res),
        "## Results\n",
    ]
    if "import" in res:
        out.append(import_section(res["import"]))
    if "latency" in res:
        out.append(latency_section(res["latency"]))
    out.append(matrix_section(res))
    out.append(reproduce_section())
    return "\n".join(s for s in out if s).rstrip() + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stdout", action="store_true")
    p.add_argument("--out", type=Path, default=DOC)
    args = p.parse_args()
    text = render()
    if args.stdout:
        print(text, end="")
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
