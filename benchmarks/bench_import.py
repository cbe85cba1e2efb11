"""Import and load time, each in a fresh interpreter.

Per repetition, in this order, each in its own subprocess:

* ``python -c "pass"``: interpreter start-up alone (the floor);
* ``python -c "import treatyrules"``: wall time as a user sees it (start-up + import);
* a child that times, in-process with ``perf_counter_ns``, ``import treatyrules``, then
  the first ``Engine()`` (reading and validating every rule file and data file), then
  the first query answered by that engine.

One discarded warm-up round first fills the bytecode cache and the OS page cache, so
the figures are for a warm disk cache, as on a second run after installation.

    python benchmarks/bench_import.py [-n 20]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from _common import REPO, fmt_ns, parser, print_table, summarise, write_json

CHILD = r"""
import json, time
pc = time.perf_counter_ns
t0 = pc()
import treatyrules
t1 = pc()
from treatyrules._answer.engine import Engine
t2 = pc()
engine = Engine()
t3 = pc()
answer = engine.answer(engine.query("ES", "PE", measure="expedited_preservation",
                                    offence="illegal_access", on="2026-06-01"))
t4 = pc()
print(json.dumps({"import_ns": t1 - t0, "engine_ns": t3 - t2, "first_query_ns": t4 - t3}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _wall(argv: list[str]) -> tuple[int, str]:
    t0 = time.perf_counter_ns()
    out = subprocess.run(argv, cwd=REPO, env=_env(), capture_output=True, text=True, check=True)
    return time.perf_counter_ns() - t0, out.stdout


def _importtime(python: str) -> dict[str, list[dict[str, object]]]:
    """From one ``-X importtime`` run: own import time summed per top-level package (all
    its submodules, wherever imported), and the package's own modules with the most own time."""
    out = subprocess.run(
        [python, "-X", "importtime", "-c", "import treatyrules"], cwd=REPO, env=_env(), capture_output=True, text=True, check=True
    )
    rows: list[dict[str, object]] = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cum_us, name = (x.strip() for x in line.replace("import time:", "").split("|", 2))
        rows.append({"module": name, "self_us": int(self_us), "cumulative_us": int(cum_us)})
    per_package: dict[str, int] = {}
    for r in rows:
        top = str(r["module"]).split(".")[0]
        per_package[top] = per_package.get(top, 0) + int(r["self_us"])  # type: ignore[call-overload]
    own = [r for r in rows if str(r["module"]).startswith("treatyrules")]
    return {
        "packages_by_self_total": [
            {"package": k, "self_us": v} for k, v in sorted(per_package.items(), key=lambda kv: -kv[1])[:8]
        ],
        "own_modules_by_self": sorted(own, key=lambda r: -int(r["self_us"]))[:8],  # type: ignore[call-overload]
        "total_us": [r for r in rows if r["module"] == "treatyrules"],
    }


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("-n", "--repeat", type=int, default=20, help="fresh processes per measurement (default 20)")
    p.add_argument("--python", default=sys.executable, help="interpreter to measure (default: this one)")
    args = p.parse_args()
    py = args.python

    samples: dict[str, list[int]] = {k: [] for k in ("startup_wall", "import_wall", "import_ns", "engine_ns", "first_query_ns")}
    for i in range(args.repeat + 1):
        start, _ = _wall([py, "-c", "pass"])
        imp, _ = _wall([py, "-c", "import treatyrules"])
        _, out = _wall([py, "-c", CHILD])
        if i == 0:
            continue  # warm-up round
        child = json.loads(out)
        samples["startup_wall"].append(start)
        samples["import_wall"].append(imp)
        for k in ("import_ns", "engine_ns", "first_query_ns"):
            samples[k].append(child[k])
        if sys.stderr.isatty():
            print(f"  round {i}/{args.repeat}", file=sys.stderr, end="\r")

    labels = {
        "startup_wall": 'python -c "pass" (wall, start-up only)',
        "import_wall": 'python -c "import treatyrules" (wall)',
        "import_ns": "import treatyrules (in-process)",
        "engine_ns": "first Engine() (load + validate)",
        "first_query_ns": "first query on that engine",
    }
    stats = {k: summarise(v) for k, v in samples.items()}
    print(f"\nimport and load, {args.repeat} fresh processes each ({py})\n")
    print_table(
        ["measurement", "median", "min", "max", "IQR"],
        [
            [labels[k], fmt_ns(s["median"]), fmt_ns(s["min"]), fmt_ns(s["max"]), f"{fmt_ns(s['q1'])} – {fmt_ns(s['q3'])}"]
            for k, s in stats.items()
        ],
    )
    slow = _importtime(py)
    print("\n-X importtime, one run: own time per top-level package, then treatyrules modules")
    for row in slow["packages_by_self_total"][:5]:
        print(f"  {row['package']:40s} {int(row['self_us']) / 1000:8.1f} ms")  # type: ignore[call-overload]
    for row in slow["own_modules_by_self"][:5]:
        print(f"  {row['module']:40s} {int(row['self_us']) / 1000:8.1f} ms own")  # type: ignore[call-overload]

    write_json(
        "import",
        args,
        {
            "method": {
                "repeat": args.repeat,
                "warmup_rounds": 1,
                "clock": "time.perf_counter_ns",
                "gc": "enabled (normal interpreter start-up)",
                "subprocess_python": py,
                "cwd": "repository root, PYTHONPATH=repository root",
            },
            "labels": labels,
            "results_ns": stats,
            "samples_ns": samples,
            "slowest_imports": slow,
        },
    )


if __name__ == "__main__":
    main()
