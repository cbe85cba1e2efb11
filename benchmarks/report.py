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

from _common import fmt_bytes, fmt_ns  # the scripts' own formatting, so the page reads like their output

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
BEFORE = RESULTS / "before"  # results of the code before answers were shared (commit e8f9e94 and earlier)
DOC = REPO / "docs" / "performance.md"


def ns(x: float | None) -> str:
    return "–" if x is None else fmt_ns(x)


def rng(s: dict[str, float], lo: str, hi: str) -> str:
    return f"{ns(s[lo])} – {ns(s[hi])}"


def ratio(a: float, b: float) -> str:
    r = a / b
    return f"{r:,.0f}×" if r >= 10 else f"{r:.1f}×"


def load(folder: Path = RESULTS) -> dict[str, dict[str, dict[str, Any]]]:
    """results[benchmark][python tag] = the JSON document."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.json")):
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
        ["CPU", f"{m['cpu_model']}, {m['logical_cpus']} logical CPUs (nproc {m.get('nproc', m['usable_cpus'])})"],
        ["Memory", f"{m['memory_gib']} GiB"],
        ["OS", f"{m['os']}, Linux kernel {m['kernel']}"],
        ["Python", "; ".join(f"CPython {v} ({c})" for v, c in pythons)],
        ["Libraries", f"pydantic {pk['pydantic']} (pydantic-core {pk['pydantic_core']}), networkx {pk['networkx']}, PyYAML {pk['PyYAML']}"
         + (f"; durable-rules {v}" if (v := next((d['machine']['packages'].get('durable-rules') for d in docs if d['machine']['packages'].get('durable-rules', '?') != '?'), None)) else "")],
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
    one = next(iter(res.get("matrix-one", {}).values()), None)
    mem = next(iter(res.get("memory", {}).values()), None)
    parts = ["## Method\n"]
    parts.append(
        "All durations come from `time.perf_counter_ns()`. Each script repeats its measurement and reports "
        "the median with the spread (minimum–maximum, interquartile range or 10th–90th percentile, as "
        "labelled). Every ratio compares figures taken in the same run (a dict lookup of the same answers, or "
        "the reference path on the same queries); nothing in the test suite times anything. The cyclic garbage "
        "collector is disabled inside the latency loops (a full collection runs just before) and left on "
        "where a figure says so: the matrix passes, the memory run, and import and load, which are measured in "
        "fresh interpreters as users run them. The package is run from the source checkout "
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
            f"all-pairs matrix, all on {ml['on']}. Before each timed call, outside the clock, caches are emptied "
            "as the row says. *Cold, from scratch*: every cache emptied (answers, classes, every memo of dated "
            "facts, the package's `functools` caches). *Cold, first query of its class*: the answer caches "
            "emptied (exact answers, normalised queries, the classes' templates and fills, the pairs' facts); "
            "each State's facts on the date stay memoised, as in any process that has answered something on "
            "that date; the query's class is computed in full and becomes its template. *Reference path*: "
            "`Engine(memo=False).answer(query)`, every answer computed from scratch with nothing shared (what "
            "each query cost before answers were shared, measured in the same run). *Equivalence-class hit*: "
            f"another pair of States whose query falls in the same class (found for {ml.get('partners_found', '?')} "
            "of the sampled queries), asked for the first time: its exact answer, normalised query, fill and pair "
            "facts not cached, its States' facts memoised; the class's first such query also makes its template "
            "(the row *class met once before*). *Same pair, other date*: the same query on "
            f"{ml['class_hit_on']}, in the same status interval, with the exact-query cache emptied. "
            f"{ml['repeat_per_query']} calls per query and row, the per-query median kept; the table gives the "
            "distribution of those medians over the sample. *Warm*: exact-cache hits, timed over the whole sample "
            f"in {ml['batches']} batches (figure = batch time / sample size): through `which_treaty_applies`, "
            "through `engine.ask` (the same arguments as one raw key, no language switch) and through "
            "`engine.answer` on a prebuilt `Query`. *Dict lookup*: a `dict` from the argument tuple to the very "
            f"`Answer` objects the engine returned, in the same batches. One `perf_counter_ns()` call costs about "
            f"{ml['timer_overhead_ns']:.0f} ns here, which is included in each single-call figure."
        )
    if one:
        mo = one["method"]
        parts.append(
            f"\n**One-measure matrix** (`bench_matrix_one.py`): every ordered pair of the {mo['states']} States "
            f"in `fixtures/parties.csv` ({mo['pairs']:,} pairs) for `{mo['measure']}`, `{mo['offence']}`, on "
            f"{mo['on']}, its rows read as `treatyrules matrix` reads them (`engine.query` then "
            "`engine.compute_view(query, book, view)`: the cells a class shares read once per class, each pair's "
            "missing facts filled in), every cache emptied before each pass: on the "
            "reference path, on the shared path with the collector on (the interpreter's defaults), off, and as "
            "the command runs it (the loaded engine frozen out of the collector's scans with `gc.freeze()`, "
            f"thresholds {', '.join(f'{x:,}' for x in mo.get('bulk_thresholds') or [])}; "
            "`docs/decisions/0004-collector-in-bulk-runs.md`), then as whole answers "
            "(`which_treaty_applies`), asked twice, beside a dict lookup of the same answers; and the command "
            "itself in a fresh process (wall clock, output discarded), with one process and with `--jobs 2`, each "
            "run in several fresh processes, one after another, the median kept with the range; and "
            "the full matrix, every measure, with `treatyrules matrix --jobs 2` (two worker processes, forked with "
            "the command's loaded engine; `docs/decisions/0007-matrix-workers-forked.md`)."
        )
    if mem:
        mm = mem["method"]
        parts.append(
            f"\n**Memory** (`bench_memory.py`): {mm['queries']:,} `which_treaty_applies` calls drawn (seeded) "
            f"from {mm['distinct_queries_possible']:,} possible queries (every ordered pair, measure and offence, "
            f"{len(mm['dates'])} dates, the urgent, emergency and mla_treaty flags, both languages), with the "
            "collector on. Resident memory (`VmRSS`) after a full collection at each checkpoint, the peak "
            "(`ru_maxrss`), and every cache's entries against its limit."
        )
    return "\n".join(parts) + "\n"


def sharing_section(res: dict[str, dict[str, dict[str, Any]]]) -> str:
    caps: dict[str, Any] | None = None
    for name in ("memory", "latency"):
        for doc in res.get(name, {}).values():
            if name == "memory" and doc.get("checkpoints"):
                caps = {k: v["limit"] for k, v in doc["checkpoints"][-1]["caches"].items()}
            elif name == "latency" and caps is None:
                caps = doc["method"].get("cache_capacity")
    text = (
        "## How answers are shared\n\n"
        "Most of the cost of an answer is building it (the bases, their reasons, channels and grounds, "
        "the routes, the comparison), and the same answer is built for every pair of States whose facts "
        "lead the rules to the same conclusions. The engine computes an answer once per *equivalence "
        "class* of queries and fills in each pair's own facts:\n\n"
        "* **The class key** is everything that reaches an answer apart from which States ask and are "
        "asked: the measure, the offence, the urgent/emergency/mla_treaty/extradition flags, the data "
        "types, the penalty, the language, the book (real data or a scenario) and the status period of the "
        "date, and, for each of the two States, the *shape* of its facts on that date: for every party "
        "status and every reservation or declaration that the measure's rules can ask about, whether it "
        "holds (true, false or unknown), and its facts' confidence, citations, data gaps and hypothetical "
        "flag, and which of its facts coincide. The pair adds the shape of what concerns both (another MLA "
        "treaty as given or recorded in a scenario, an extradition treaty, when the co-operation act began). "
        "Shapes are built once per State, measure and status period, and each distinct shape gets a number "
        "that the key holds in its place, so a key costs a few look-ups and hashes in one step.\n"
        "* **The first query of a class** is computed in full by the reference computation; when the class "
        "is met again, that answer becomes the class's template (a class met once costs nothing more). Its "
        "parts that name no State (most reasons, the time limits, contents, conditions, "
        "relationships, comparison texts) are kept and shared by every answer of the class; the parts that do "
        "(each State's facts and missing facts, the State codes on grounds, the authorities at each end of a "
        "route's hops, the caveats from data gaps) become places to fill.\n"
        "* **Inside the first query of a class** each instrument's basis is itself shared: a basis depends "
        "only on what that instrument's rules read, so its key is the class key with, for each State, the "
        "shape of those facts alone. A query whose answer class is new (the UN Convention binds one of its "
        "States, say) can still have its Budapest basis filled in from a basis met before, in the same way "
        "as an answer from its template. The paths of its routes through the graph of roles are found once "
        "per measure and set of channels opened, and each hop's ends are named from a memo per State, role, "
        "instrument, status period and language.\n"
        "* **Every later query of the class** is the template with its pair's own facts filled in: only the "
        "path from the answer down to each filled place is rebuilt. The same pair asked on another date of "
        "the same status interval gets the very same parts back.\n"
        "* **The matrix** reads from each class only its rows' cells (whether each instrument applies, its "
        "channels, the fastest route's channel, the dual-criminality rule, the grounds, the time limits), "
        "once per class (`Engine.compute_view`), and fills in each pair's own missing facts; `--jobs N` "
        "workers write their rows as CSV text, the cells a class shares formatted once. "
        "`tests/test_equivalence.py` checks on 4,000 generated queries that what it reads is what the "
        "reference path computes for each pair.\n"
        "* **Texts that name a date** are filled in like facts, so that the co-operation text of the "
        "Ibero-American Convention (`began on 2030-06-02`) names the date asked about; before, the "
        "per-interval cache served the first date asked in the interval for every other.\n"
        "* **The age of the data** (the caveats naming each row the answer rests on that is older than the "
        "threshold, or undated) is read off each finished answer, shared or computed from scratch: the "
        "facts its reasons show and the authorities at the ends of its routes' hops, so it differs per pair "
        "exactly as the filled facts do. Each row's caveat is memoised per book and language.\n"
        "* **The reference path**, `Engine(memo=False)`, computes every answer from scratch with nothing "
        "shared. `tests/test_equivalence.py` asks both paths more than 20,000 generated queries (every "
        "State, measure and offence, dates from 1999 to 2035, the flags, every shipped scenario, both "
        "languages) and requires the JSON of every answer to be byte-identical. A rule file that uses a "
        "predicate the class key does not cover turns sharing off (answers are then computed per query).\n\n"
        "Every cache is bounded, thread-safe (lock-free reads, locked inserts; `tests/test_threads.py`), "
        "and evicts the least recently used entry first:\n"
    )
    if caps:
        text += "\n" + table(["Cache", "Most entries"], [[k, f"{v:,}"] for k, v in caps.items()], "lr") + "\n"
    return text


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


def _warm_first(method: dict[str, Any], r: dict[str, Any]) -> str:
    """The first query of a class in a warm process, and how many of its bases were shared."""
    if "class_new_warm" not in r:
        return ""
    b = method["class_new_warm_bases"]
    total = b["filled_from_their_class"] + b["computed"]
    return (
        f", or {ns(r['class_new_warm']['median'])} in a process that has answered {method['warm_queries']:,} other queries "
        f"({r['class_new_warm']['n']} sample queries whose class was still new; {b['filled_from_their_class']} of their {total} "
        "instruments' bases filled in from their own class)"
    )


def latency_section(group: dict[str, dict[str, Any]]) -> str:
    tags = tags_of(group)
    first = group[tags[0]]
    labels = first["labels"]
    tags = [t for t in tags if set(group[t]["results_ns"]) >= set(labels)]
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
        kinds = {"scratch": "from scratch", "cold": "first query of its class", "reference": "reference path"}
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
    text += (
        f"\nOn {pyname(tags[0], group)}: a query whose class another pair has already met costs "
        f"{ns(r['class_hit']['median'])} ({ratio(r['class_hit']['median'], r['dict']['median'])} a dict lookup), against "
        f"{ns(r['reference']['median'])} on the reference path; the first query of a class costs "
        f"{ns(r['cold']['median'])} (the full computation){_warm_first(m, r)}, the class's second query "
        f"{ns(r['class_first_reuse']['median']) if 'class_first_reuse' in r else '–'} (its template is made then), and one computed with "
        f"every cache empty {ns(r['scratch']['median'])}. A warm call costs {ns(r['warm']['median'])} through "
        f"`which_treaty_applies`, of which about {100 * (1 - r['warm_ask']['median'] / r['warm']['median']):.0f}% is the "
        "public function's own work (setting the language with `using`, normalising the arguments into a `Query`, "
        f"hashing it); the same hit through `engine.ask` costs {ns(r['warm_ask']['median'])}, "
        f"{ratio(r['warm_ask']['median'], r['dict']['median'])} a dict lookup ({ns(r['dict']['median'])}).\n"
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
        f"the default caches ({m['cache_capacity'].get('exact answers') or m['cache_capacity'].get('_exact') or '?':,} entries each, least recently used "
        "first out), so a second sweep of the full matrix in one pass, without the blocks used here, "
        "would find none of its answers still cached and cost as much as the first. The dict figures here "
        "differ from the latency table's: each block's dict holds about ten thousand answers, the latency "
        "sample a few hundred; compare each pass with the dict row of the same table.\n"
    )


def matrix_one_section(group: dict[str, dict[str, Any]]) -> str:
    tags = tags_of(group)
    doc = group[tags[0]]
    m, r = doc["method"], doc["results"]
    base = r.get("reference", {}).get("total_ns")
    rows = [
        [x["label"] + (f" (median of {x['rounds']}, {ns(x['min_ns'])}–{ns(x['max_ns'])})" if "rounds" in x else ""),
         f"**{ns(x['total_ns'])}**", ns(x["per_pair_ns"]), f"{m['pairs'] / (x['total_ns'] / 1e9):,.0f}",
         ratio(x["total_ns"], base) if base else "–", ratio(x["total_ns"], r["dict"]["total_ns"])]
        for x in r.values()
    ]
    return (
        f"### All-pairs matrix, one measure\n\nEvery ordered pair of {m['states']} States ({m['pairs']:,}) for "
        f"`{m['measure']}`, `{m['offence']}`, on {m['on']}, on {pyname(tags[0], group)}; every cache emptied before "
        "each pass.\n\n"
        + table(["Pass", "total", "per pair", "pairs/s", "÷ reference", "× dict"], rows)
        + f"\n\nAfter the whole-answer pass the engine held {m.get('classes_after_answers') or '?':,} classes for the "
        f"{m['pairs']:,} pairs. Asked again, whole answers that no longer fit the exact-answer cache are filled in "
        "from their class again. The collector's full collections (which scan every cached object) are the "
        "difference between the GC-on and GC-off rows."
        + (f" The full matrix, every measure ({doc['full_matrix']['queries']:,} queries), with `treatyrules matrix --jobs 2` in a "
           f"fresh process took **{ns(doc['full_matrix']['total_ns'])}** (wall)." if doc.get("full_matrix") else "")
        + "\n"
    )


def memory_section(group: dict[str, dict[str, Any]]) -> str:
    tags = tags_of(group)
    doc = group[tags[0]]
    cps, m = doc["checkpoints"], doc["method"]
    loaded = doc["rss_loaded_bytes"]
    rows = [
        [f"{c['queries']:,}", f"**{fmt_bytes(c['rss_bytes'])}**", fmt_bytes(c["rss_bytes"] - loaded), f"{c['gc_objects']:,}",
         f"{c['queries_per_s_since_last']:,.0f}" if c.get("queries_per_s_since_last") else "–"]
        for c in cps
    ]
    last = cps[-1]
    caches = [[k, f"{v['entries']:,}", f"{v['limit']:,}"] for k, v in last["caches"].items()]
    return (
        f"### Memory\n\n{m['queries']:,} varied queries on {pyname(tags[0], group)}, collector on; the engine "
        f"loaded takes {fmt_bytes(loaded)} of resident memory (the interpreter alone {fmt_bytes(doc['rss_start_bytes'])}).\n\n"
        + table(["Queries", "RSS", "above the loaded engine", "GC-tracked objects", "queries/s"], rows)
        + f"\n\nPeak resident memory {fmt_bytes(doc['peak_rss_bytes'])}; at the end, the caches held "
        f"(class hits {last['classes']['hits']:,}, misses {last['classes']['misses']:,}):\n\n"
        + table(["Cache", "entries", "limit"], caches)
        + "\n\nOnce every cache is full, resident memory stops growing: what it reaches is set by the limits "
        "above (the exact answers and the class templates hold most of it).\n"
    )


def backends_section(group: dict[str, dict[str, Any]]) -> str:
    tags = tags_of(group)
    doc = group[tags[0]]
    if doc.get("skipped"):
        return f"### Rule backends\n\nNot measured: {doc['skipped']}.\n"
    r, q = doc["results_ns"], doc["ratio_durable_over_python"]
    rows = [
        [label, f"**{ns(r[f'{k}_python']['median'])}**", f"**{ns(r[f'{k}_durable']['median'])}**", f"{q[k]['median']:.1f}×"]
        for k, label in doc["labels"].items()
    ]
    fire_is = "rule evaluation with explanations" if "match" in q else "rule evaluation alone"
    side = [f"**{q[k]['median']:.1f}×** on {what}" for k, what in (("match", "rule evaluation alone"), ("fire", fire_is)) if k in q]
    beside = f"Durable ÷ python: {', '.join(side)}, against **{q['answer']['median']:.1f}×** on the whole answer.\n\n" if side and "answer" in q else ""
    decisions = "" if "decisions_identical" not in doc else f"; decisions over the same prepared facts identical: {'yes' if doc['decisions_identical'] else 'NO'}"
    match_note = (
        "Rule evaluation alone is the matching over facts prepared beforehand, the same values for both "
        "backends (durable-rules asserting one fact into its compiled ruleset; the default backend's "
        "three-valued decision of each rule); with explanations it is `backend.fire` for every instrument, "
        "with the dated facts memoised, as the engine calls it. The"
        if "match" in q
        else "Rule evaluation alone is `backend.fire` for every instrument with the dated facts memoised; the"
    )
    return (
        f"### Rule backends\n\n{doc['method']['queries']} sampled queries on {pyname(tags[0], group)}, the "
        "durable-rules backend against the default one (answers identical: "
        f"{'yes' if doc.get('answers_identical') else 'NO'}{decisions}).\n\n"
        + beside
        + table(["", "python: median", "durable: median", "durable ÷ python"], rows)
        + "\n\n" + match_note + " "
        "whole answer is the reference path (`Engine(memo=False, backend=...)`), which computes everything "
        "else the same way whatever the backend.\n"
    )


def http_section(group: dict[str, dict[str, Any]]) -> str:
    tags = tags_of(group)
    doc = group[tags[0]]
    p, goal = doc["params"], doc["goal"]
    rows = [
        [str(r["workers"]), r["view"], "on" if r.get("response_cache", True) else "off", f"**{r['rps']:,.0f}**", f"{r['p50_ms']} ms", f"{r['p90_ms']} ms",
         f"**{r['p99_ms']} ms**", f"{r['max_ms']} ms", str(r["5xx"]), str(r["other_non_200"]), f"{r['mean_bytes']:,}"]
        for r in doc["runs"]
    ]
    aim = (f"≥ {goal['min_rps']:,} req/s on the {goal['view']} view with `--workers {goal['workers']}`, "
           f"p99 ≤ {goal['max_p99_ms']:g} ms, {goal['max_5xx']} 5xx")
    met = {True: "**met**", False: "**not met**", None: "not measured"}[doc.get("goal_met")]
    return (
        f"### HTTP load\n\n`treatyrules serve` on loopback on {pyname(tags[0], group)}, {p['clients']} concurrent "
        f"keep-alive clients on the same machine ({p['cpus']} CPUs: clients and workers share them), `GET /which` "
        f"over {p['distinct']} distinct questions asked round-robin, {p['seconds']:g} s per run after {p['warmup']:g} s "
        "of warm-up, no `If-None-Match` (every request answered in full). Response cache: each worker's cache of "
        "rendered answers by `ETag` (on by default; off: `TREATYRULES_RESPONSE_CACHE_BYTES=0`).\n\n"
        + table(["workers", "view", "response cache", "req/s", "p50", "p90", "p99", "max", "5xx", "other non-200", "bytes"], rows, "lllrrrrrrrr")
        + f"\n\nGoal: {aim}: {met}. `python benchmarks/bench_http.py` measures it.\n"
    )


def _latency(res: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any] | None:
    group = res.get("latency", {})
    return group[tags_of(group)[0]] if group else None


def goals_section(res: dict[str, dict[str, dict[str, Any]]], before: dict[str, dict[str, dict[str, Any]]]) -> str:
    lat, old = _latency(res), _latency(before)
    one = next(iter(res.get("matrix-one", {}).values()), None)
    mem = next(iter(res.get("memory", {}).values()), None)
    rows: list[list[str]] = []
    if lat:
        r = lat["results_ns"]
        d = r["dict"]["median"]
        o = old["results_ns"] if old else None
        was = f"{ns(o['scratch']['median'])} ({ratio(o['scratch']['median'], o['dict']['median'])} dict)" if o else "–"
        hit, first = r["class_hit"]["median"], r["cold"]["median"]
        rows.append([
            "cold query ≤ 250 µs and ≤ 4,000× a dict lookup", was,
            f"first query of its class {ns(first)} ({ratio(first, d)})"
            + (f", in a process that has answered {lat['method']['warm_queries']:,} other queries {ns(r['class_new_warm']['median'])}" if "class_new_warm" in r else "")
            + f"; a class met before {ns(hit)} ({ratio(hit, d)}); every cache empty {ns(r['scratch']['median'])}",
            _cold_met(first, hit, d),
        ])
        w = r["warm"]["median"]
        wa = r["warm_ask"]["median"]
        rows.append([
            "warm repeat ≤ 20× a dict lookup",
            f"{ns(o['warm']['median'])} ({ratio(o['warm']['median'], o['dict']['median'])})" if o else "–",
            f"`engine.ask` {ns(wa)} ({ratio(wa, d)}); `which_treaty_applies` {ns(w)} ({ratio(w, d)})",
            "met through `engine.ask`; not through `which_treaty_applies`" if wa <= 20 * d and w > 20 * d else ("met" if w <= 20 * d else "no"),
        ])
    if one:
        r1 = one["results"]
        cmd, cmd2 = r1.get("command"), r1.get("command_jobs2")
        bulk = r1.get("shared_bulk")
        if bulk:
            rows.append([
                "all-pairs matrix, one measure, one date ≤ 3 s",
                f"reference path in the same run: {ns(r1['reference']['total_ns'])}; shared path with the default collector: "
                f"{ns(r1['shared']['total_ns'])}" if "reference" in r1 else f"shared path with the default collector: {ns(r1['shared']['total_ns'])}",
                f"in-process, collector as the command runs it: {ns(bulk['total_ns'])} (collector off: {ns(r1['shared_gc_off']['total_ns'])})"
                + (f"; the command, fresh process, start-up and loading included: {_wall(cmd)}" if cmd else "")
                + (f", with `--jobs 2`: {_wall(cmd2)}" if cmd2 else ""),
                _matrix_one_met(bulk, cmd, cmd2),
            ])
        else:
            rows.append([
                "all-pairs matrix, one measure, one date ≤ 3 s",
                f"reference path in the same run: {ns(r1['reference']['total_ns'])}" if "reference" in r1 else "27 s",
                f"in-process {ns(r1['shared']['total_ns'])} (collector off: {ns(r1['shared_gc_off']['total_ns'])})"
                + (f"; the command, fresh process: {ns(cmd['total_ns'])}" if cmd else ""),
                "met with the collector off; not with it on" if r1["shared_gc_off"]["total_ns"] <= 3e9 < r1["shared"]["total_ns"] else ("met" if r1["shared"]["total_ns"] <= 3e9 else "no"),
            ])
        full = one.get("full_matrix")
        if full:
            rows.append([
                "full matrix (every measure) ≤ 30 s with `treatyrules matrix --jobs 2`",
                "1,640 s cold, every measure, one process (an earlier code state)",
                f"{ns(full['total_ns'])} for {full['queries']:,} queries (fresh processes, wall)",
                "met" if full["total_ns"] <= 30e9 else "no",
            ])
    if mem:
        last = mem["checkpoints"][-1]
        rows.append([
            "memory after 1,000,000 varied queries: bounded caches, stated limits", "not measured; caches of 65,536 answers (about 5 GiB)",
            f"{fmt_bytes(last['rss_bytes'])} resident after {last['queries']:,} queries (peak {fmt_bytes(mem['peak_rss_bytes'])}); limits below",
            "met" if last["queries"] >= 1_000_000 else f"measured on {last['queries']:,} queries",
        ])
    if not rows:
        return ""
    return "## Goals\n\n" + table(["Goal", "before", "now", "met?"], rows, "llll") + "\n"


def _cold_met(first: float, hit: float, d: float) -> str:
    """Whether the cold goal (≤ 250 µs and ≤ 4,000× dict) is met, and by which figures."""
    if first <= 250e3 and first <= 4000 * d:
        return "met"
    parts = []
    if hit <= 250e3 and hit <= 4000 * d:
        parts.append("met for a class met before")
    if first <= 4000 * d:
        parts.append("the first query of a class meets the ratio, not 250 µs on this machine")
    elif first <= 250e3:
        parts.append("the first query of a class meets 250 µs, not the ratio")
    else:
        parts.append("not for the first query of a class")
    return "; ".join(parts)


def _wall(r: dict[str, Any]) -> str:
    """A command's wall time: the median of its fresh processes, with their range."""
    if "rounds" not in r:
        return ns(r["total_ns"])
    return f"{ns(r['total_ns'])} (median of {r['rounds']} fresh processes, {ns(r['min_ns'])}–{ns(r['max_ns'])})"


def _matrix_one_met(bulk: dict[str, Any], cmd: dict[str, Any] | None, cmd2: dict[str, Any] | None) -> str:
    """Whether the one-measure matrix meets 3 s: in-process, and for the command's wall time."""
    if bulk["total_ns"] > 3e9:
        return "no"
    walls = [(label, r["total_ns"]) for label, r in (("", cmd), (" `--jobs 2`", cmd2)) if r]
    if not walls:
        return "met in-process"
    met = [label for label, wall in walls if wall <= 3e9]
    if not met:
        return "met in-process; not for the command's wall time, start-up and loading included"
    if met == [label for label, _ in walls]:
        return "met, in-process and for the command's wall time"
    return f"met in-process, and for the command's wall time with{met[0]}; not with one process"


def summary_section(res: dict[str, dict[str, dict[str, Any]]]) -> str:
    rows = []
    imp, lat = res.get("import", {}), res.get("latency", {})
    one = res.get("matrix-one", {})
    tags = sorted(set(imp) | set(lat) | set(one), key=lambda t: int(t[2:]) if t[2:].isdigit() else 0)
    headers = ["Figure (single calls: median)"] + [pyname(t, imp or lat or one) for t in tags]

    def cell(group: dict[str, dict[str, Any]], t: str, f: Any) -> str:
        return f(group[t]) if t in group else "–"

    rows.append(["`python -c \"import treatyrules\"` (wall)"] + [cell(imp, t, lambda d: ns(d["results_ns"]["import_wall"]["median"])) for t in tags])
    rows.append(["first `Engine()`: load and validate"] + [cell(imp, t, lambda d: ns(d["results_ns"]["engine_ns"]["median"])) for t in tags])
    for k in ("scratch", "cold", "class_new_warm", "reference", "class_first_reuse", "class_hit", "period_hit", "warm", "warm_ask", "dict"):
        label = next((d["labels"].get(k) for d in lat.values() if k in d["labels"]), k)
        rows.append([label] + [cell(lat, t, lambda d, k=k: ns(d["results_ns"][k]["median"]) if k in d["results_ns"] else "–") for t in tags])
    for k in ("reference", "shared", "shared_gc_off", "shared_bulk", "command", "command_jobs2"):
        label = next((f"one-measure matrix: {d['results'][k]['label']}" for d in one.values() if k in d["results"]), None)
        if label:
            rows.append([label] + [cell(one, t, lambda d, k=k: ns(d["results"][k]["total_ns"]) if k in d["results"] else "–") for t in tags])
    return "## Summary\n\n" + table(headers, rows, "l" + "r" * len(tags)) + "\n"


def before_section(before: dict[str, dict[str, dict[str, Any]]]) -> str:
    old = _latency(before)
    if not old:
        return ""
    r = old["results_ns"]
    m = old["machine"]
    rows = [[old["labels"][k], ns(v["median"])] for k, v in r.items() if k in old["labels"]]
    mat = next(iter(before.get("matrix", {}).values()), None)
    if mat:
        for k in ("cold", "warm", "dict"):
            rows.append([f"full matrix (1,215,486 queries), {k}", ns(mat["results"][k]["total_ns"])])
    return (
        "## Before answers were shared\n\n"
        f"The same scripts on the code before this change (commit {m['git_commit']}, {m['when_utc'][:10]}, Python "
        f"{m['python']}, the same kind of machine; `benchmarks/results/before/`). Its cold query built every part of "
        "every answer; its equivalence-class cache shared answers only between dates of one status interval for "
        "the same pair, with 65,536 entries per cache and no limit on their memory.\n\n"
        + table(["Figure (median)", "before"], rows)
        + "\n"
    )


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


def other_section(res: dict[str, dict[str, dict[str, Any]]]) -> str:
    known = {"import", "latency", "matrix", "matrix-sample", "matrix-one", "memory", "backends", "profile-cold", "http"}
    others = sorted(set(res) - known)
    if not others:
        return ""
    return "### Other results\n\n" + "".join(f"* `{name}`: `benchmarks/results/{name}-*.json`\n" for name in others)


def render() -> str:
    res = load()
    before = load(BEFORE) if BEFORE.is_dir() else {}
    if not res:
        raise SystemExit(f"no results in {RESULTS}; run benchmarks/run_all.py first")
    out = [
        "# Performance\n",
        "How long `treatyrules` takes to import and load, to answer one query cold, from a class met before and "
        "warm, to answer every pair of States for one measure, and how much memory it holds after a long run, "
        "each beside the cost of looking the same answers up in a plain `dict` or of computing them on the "
        "reference path, in the same run. The scripts live in `benchmarks/`; this page is generated from their "
        "results by `benchmarks/report.py`.\n",
        goals_section(res, before),
        summary_section(res),
        sharing_section(res),
        machine_section(res),
        method_section(res),
        "## Results\n",
    ]
    if "import" in res:
        out.append(import_section(res["import"]))
    if "latency" in res:
        out.append(latency_section(res["latency"]))
    if "matrix-one" in res:
        out.append(matrix_one_section(res["matrix-one"]))
    if "memory" in res:
        out.append(memory_section(res["memory"]))
    if "backends" in res:
        out.append(backends_section(res["backends"]))
    out.append(matrix_section(res))
    if "http" in res:
        out.append(http_section(res["http"]))
    out.append(other_section(res))
    out.append(before_section(before))
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
