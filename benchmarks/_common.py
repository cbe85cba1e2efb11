"""Shared helpers for the benchmark scripts: paths, machine description, statistics,
the query matrix and JSON output. Not a benchmark itself.

Every script runs against the source checkout (the repository root is put first on
``sys.path``), so what is measured is the code in this working tree.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LOADAVG_AT_START = os.getloadavg() if hasattr(os, "getloadavg") else None
RESULTS = REPO / "benchmarks" / "results"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

#: the date every matrix and latency query is asked for
DEFAULT_DATE = "2026-06-01"

#: one offence per offence class: an offence defined in Arts 2-11 of the Budapest
#: Convention, any other offence committed by means of a computer system, and the
#: collection of electronic evidence of any offence
OFFENCE_CLASSES: dict[str, str] = {
    "arts_2_11": "illegal_access",
    "by_computer_system": "other_offence_by_computer_system",
    "any_offence": "electronic_evidence_any_offence",
}


# -- machine ------------------------------------------------------------------------


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", "--no-optional-locks", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=False
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = next((ln.split(":", 1)[1].strip() for ln in _read("/proc/cpuinfo").splitlines() if ln.startswith("model name")), "")
    mem_kb = next((int(ln.split()[1]) for ln in _read("/proc/meminfo").splitlines() if ln.startswith("MemTotal:")), 0)
    os_name = next(
        (ln.split("=", 1)[1].strip().strip('"') for ln in _read("/etc/os-release").splitlines() if ln.startswith("PRETTY_NAME=")),
        platform.system(),
    )
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count() or 0
    versions: dict[str, str] = {}
    for dist in ("pydantic", "pydantic_core", "networkx", "PyYAML", "durable-rules"):
        try:
            from importlib.metadata import version

            versions[dist] = version(dist)
        except Exception:  # noqa: BLE001 - a missing distribution is just not reported
            versions[dist] = "?"
    dirty = _git("status", "--porcelain", "--", "treatyrules", "rules", "fixtures")
    return {
        "cpu_model": cpu,
        "nproc": affinity,
        "logical_cpus": os.cpu_count(),
        "usable_cpus": affinity,
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "os": os_name,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "python_build": " ".join(platform.python_build()),
        "python_compiler": platform.python_compiler(),
        "executable": sys.executable,
        "packages": versions,
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty_core": bool(dirty),
        "code_fingerprint": CODE_AT_START,
        "code_fingerprint_at_end": code_fingerprint(),
        "when_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "loadavg_1_5_15_at_start": LOADAVG_AT_START,
        "loadavg_1_5_15_at_end": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


CODE_AT_START = ""  # set below, once code_fingerprint is defined: the code the script loaded


def py_tag() -> str:
    return f"py{sys.version_info.major}{sys.version_info.minor}"


# -- statistics ---------------------------------------------------------------------


def summarise(samples: Sequence[float]) -> dict[str, float]:
    """Median, min, max, quartiles and count of a list of numbers (same unit in, same out)."""
    xs = sorted(samples)
    n = len(xs)
    if n == 0:
        return {"n": 0}
    if n >= 4:
        q1, _, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    else:
        q1, q3 = xs[0], xs[-1]

    def pct(p: float) -> float:
        return xs[min(n - 1, max(0, round(p * (n - 1))))]

    return {
        "n": n,
        "median": statistics.median(xs),
        "min": xs[0],
        "max": xs[-1],
        "q1": q1,
        "q3": q3,
        "p10": pct(0.10),
        "p90": pct(0.90),
        "mean": statistics.fmean(xs),
    }


@contextmanager
def gc_disabled(enabled: bool = False) -> Iterator[None]:
    """Run the block with the cyclic GC off (unless ``enabled``), collecting first."""
    was = gc.isenabled()
    gc.collect()
    if not enabled:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def timer_overhead_ns(reps: int = 200_000) -> float:
    """Median cost of one ``perf_counter_ns()`` pair, in ns, to read small figures against."""
    pc = time.perf_counter_ns
    samples = []
    for _ in range(5):
        t0 = pc()
        for _ in range(reps):
            pc()
        samples.append((pc() - t0) / reps)
    return statistics.median(samples)


def fmt_ns(ns: float | None) -> str:
    """A duration in ns, in a readable unit with three significant figures."""
    if ns is None:
        return "-"
    if abs(ns) >= 1e11:
        return f"{ns / 1e9:,.0f} s"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if abs(ns) >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for j, row in enumerate(cells):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if j == 0:
            print("  ".join("-" * w for w in widths))


# -- the query matrix ---------------------------------------------------------------


def party_states() -> list[str]:
    """Every State (ISO code) that appears in ``fixtures/parties.csv``, sorted."""
    with open(REPO / "fixtures" / "parties.csv", newline="", encoding="utf-8") as fh:
        return sorted({row["iso2"].strip().upper() for row in csv.DictReader(fh) if row.get("iso2", "").strip()})


def measures() -> list[str]:
    from treatyrules.vocabulary import Measure

    return [m.value for m in Measure]


Key = tuple[str, str, str, str, str]


def matrix_keys(on: str = DEFAULT_DATE) -> list[Key]:
    """All (requesting, requested, measure, offence, on) of the all-pairs matrix, in order."""
    states = party_states()
    ms = measures()
    offences = list(OFFENCE_CLASSES.values())
    return [(a, b, m, o, on) for a in states for b in states if a != b for m in ms for o in offences]


def ask(fn: Callable[..., Any], key: Key) -> Any:
    a, b, m, o, on = key
    return fn(a, b, measure=m, offence=o, on=on)


ANSWER_CACHES = ("_exact", "_queries", "_classes", "_bases", "_filled", "_pair_sides")


def clear_caches(engine: Any) -> None:
    """Empty the engine's answer caches: exact repeats, normalised queries, the classes'
    templates and fills, the pairs' facts. Each State's dated facts stay memoised."""
    engine.clear_caches()


def clear_all_caches(engine: Any) -> None:
    """Empty every cache: the answer caches, every memo of dated facts and the package's
    ``functools`` caches; the next query is computed entirely from scratch."""
    engine.clear_caches(facts=True)
    for fn in package_lru_caches():
        fn.cache_clear()


def clear_exact(engine: Any) -> None:
    """Empty the exact-query cache only, keeping everything else (the classes and their fills)."""
    _empty(engine._exact)


def clear_for_class_hit(engine: Any) -> None:
    """Empty what a pair asked for the first time would not find: its exact answer, its
    normalised query, its fill and its pair facts; keep the classes and the States' facts."""
    for name in ("_exact", "_queries", "_filled", "_pair_sides"):
        _empty(getattr(engine, name))


def package_lru_caches() -> list[Any]:
    """Every ``functools.lru_cache``-wrapped function defined in a loaded ``treatyrules`` module."""
    out: dict[int, Any] = {}
    for name, module in list(sys.modules.items()):
        if not (name == "treatyrules" or name.startswith("treatyrules.")) or module is None:
            continue
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                out[id(value)] = value
    return list(out.values())


def _empty(memo: Any) -> None:
    """Empty one memo map, whatever its interface."""
    if hasattr(memo, "clear"):
        memo.clear()
    else:
        raise RuntimeError(f"cannot empty {memo!r}; update benchmarks/_common.py")


def cache_capacity(engine: Any) -> dict[str, int | None]:
    """Entries each cache holds before it evicts, by name."""
    return {name: v["limit"] for name, v in engine.cache_sizes().items()}


def caches_described(engine: Any) -> dict[str, Any]:
    """What ``clear_caches`` and ``clear_all_caches`` empty, for the record."""
    return {
        "answer_caches": list(ANSWER_CACHES),
        "all": sorted(engine.cache_sizes()),
        "package_lru_caches": sorted(f"{f.__module__}.{f.__qualname__}" for f in package_lru_caches()),
    }


def rss_bytes() -> int:
    """The process's resident set size now (Linux: /proc/self/status)."""
    for line in _read("/proc/self/status").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def peak_rss_bytes() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def fmt_bytes(n: float) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if abs(n) >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n:.0f} B"


# -- command line and output ----------------------------------------------------------


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--json", metavar="PATH", help="write results here (default: benchmarks/results/<name>-<pyXY>.json)")
    p.add_argument("--no-json", action="store_true", help="print the table only")
    p.add_argument("--gc", action="store_true", help="leave the cyclic GC enabled while timing (default: disabled)")
    return p


def write_json(name: str, args: argparse.Namespace, payload: dict[str, Any]) -> Path | None:
    if args.no_json:
        return None
    path = Path(args.json) if args.json else RESULTS / f"{name}-{py_tag()}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"benchmark": name, "machine": machine(), **payload}
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(doc, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)
    print(f"\nwrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return path


def code_fingerprint() -> str:
    """A short hash of the code and data measured: treatyrules/**/*.py, *.yaml, *.csv, rules/, fixtures/."""
    import hashlib

    h = hashlib.sha256()
    files = [p for p in (REPO / "treatyrules").rglob("*") if p.suffix in (".py", ".yaml", ".csv")]
    files += list((REPO / "rules").glob("*.yaml")) + list((REPO / "fixtures").glob("*.csv"))
    for p in sorted(files):
        h.update(str(p.relative_to(REPO)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


CODE_AT_START = code_fingerprint()
