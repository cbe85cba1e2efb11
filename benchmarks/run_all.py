"""Run every benchmark, one after the other, with one or more interpreters, then
regenerate ``docs/performance.md`` from the JSON results.

    python benchmarks/run_all.py                                  # this interpreter, full matrix
    python benchmarks/run_all.py --python /path/to/python3.13 --python /path/to/python3.11
    python benchmarks/run_all.py --sample 20000                    # quick: sampled matrix
    python benchmarks/run_all.py --skip-matrix --skip-memory
    python benchmarks/run_all.py --backends-python /path/to/venv-with-durable-rules/bin/python

Each interpreter needs the dependencies of ``treatyrules`` installed (pydantic,
networkx, PyYAML); the package itself is taken from this checkout. The full matrix
takes about an hour per interpreter; run it under ``nohup``.
Benchmarks run sequentially, never side by side, so that they do not compete for
the CPU.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(argv: list[str]) -> None:
    print(f"\n$ {' '.join(argv)}", flush=True)
    t0 = time.monotonic()
    subprocess.run(argv, cwd=HERE.parent, check=True)
    print(f"({time.monotonic() - t0:.0f} s)", flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--python", action="append", help="interpreter to benchmark (repeatable; default: this one)")
    p.add_argument("--sample", type=int, metavar="N", help="run the matrix on a sample of N queries instead of in full")
    p.add_argument("--skip-matrix", action="store_true", help="leave out the full all-pairs matrix (every measure)")
    p.add_argument("--skip-memory", action="store_true", help="leave out the 1,000,000-query memory run")
    p.add_argument("--backends-python", help="interpreter with durable-rules installed, for bench_backends.py (default: each --python)")
    p.add_argument("--skip-profile", action="store_true", help="leave out the cProfile run")
    p.add_argument("--no-report", action="store_true", help="do not regenerate docs/performance.md")
    args = p.parse_args()

    for py in args.python or [sys.executable]:
        run([py, str(HERE / "bench_import.py")])
        run([py, str(HERE / "bench_latency.py")])
        run([py, str(HERE / "bench_matrix_one.py")])
        run([args.backends_python or py, str(HERE / "bench_backends.py")])
        if not args.skip_profile:
            run([py, str(HERE / "profile_cold.py")])
        if not args.skip_memory:
            run([py, str(HERE / "bench_memory.py")])
        if not args.skip_matrix:
            run([py, str(HERE / "bench_matrix.py")] + (["--sample", str(args.sample)] if args.sample else []))
    if not args.no_report:
        run([sys.executable, str(HERE / "report.py")])


if __name__ == "__main__":
    main()
