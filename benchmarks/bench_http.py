"""HTTP load: ``treatyrules serve`` on loopback, 1 worker then ``--workers 2``, under 20
concurrent clients asking ``GET /which`` (summary view, then full view).

The queries are a varied but repeating set: ``--distinct`` (default 200) questions drawn with a
seed from the party States, the measures and the three offence classes on one date, asked
round-robin so that each is repeated many times (as a server sees popular questions). Each
client keeps one HTTP/1.1 connection open and sends its next request as soon as the answer
has arrived; no ``If-None-Match`` is sent, so every request is answered in full (a 304 costs
almost nothing and would flatter the figures). The client is a minimal asyncio one, so that
it takes little of the CPU the server needs on the same machine.

For each (workers, view): requests per second over ``--seconds`` (after ``--warmup`` seconds
whose requests are not counted), latency p50/p90/p99/max, and the count of 5xx and of other
non-200 answers; each with the server's cache of rendered answers by ETag on (the default)
and off (``TREATYRULES_RESPONSE_CACHE_BYTES=0``: every request routed, answered from the
engine's memos and serialised). The goal, with the defaults: on the summary view with ``--workers 2``, at least 1,000 req/s,
p99 at most 50 ms, and no 5xx.

    python benchmarks/bench_http.py [--seconds 10] [--warmup 3] [--clients 20] [--distinct 200]
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from typing import Any
from urllib.parse import urlencode

from _common import DEFAULT_DATE, OFFENCE_CLASSES, REPO, measures, parser, party_states, print_table, write_json

GOAL = {"view": "summary", "workers": 2, "min_rps": 1000, "max_p99_ms": 50.0, "max_5xx": 0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def queries(distinct: int, seed: int, on: str) -> list[str]:
    rng = random.Random(seed)
    states = party_states()
    offences = list(OFFENCE_CLASSES.values())
    out: list[str] = []
    while len(out) < distinct:
        a, b = rng.sample(states, 2)
        params = {"requesting": a, "requested": b, "measure": rng.choice(measures()), "offence": rng.choice(offences), "on": on}
        if rng.random() < 0.3:
            params["lang"] = "es"
        out.append(urlencode(params))
    return out


def start_server(workers: int, port: int, response_cache: bool) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    if not response_cache:
        env["TREATYRULES_RESPONSE_CACHE_BYTES"] = "0"
    cmd = [sys.executable, "-m", "treatyrules", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"treatyrules serve exited with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("treatyrules serve did not answer /health within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: bytes) -> tuple[int, int]:
    writer.write(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:  # not expected from /which; read it all the same
        size = 0
        while True:
            n = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(n + 2)
            size += n
            if n == 0:
                return status, size
    await reader.readexactly(length)
    return status, length


async def _client(port: int, targets: list[bytes], offset: int, stop_at: float, count_from: float, out: dict[str, Any]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = offset
    try:
        while True:
            t0 = time.perf_counter()
            if t0 >= stop_at:
                return
            try:
                status, size = await _request(reader, writer, targets[i % len(targets)])
            except (asyncio.IncompleteReadError, ConnectionError):
                out["errors"] += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            t1 = time.perf_counter()
            i += 1
            if t0 >= count_from:
                out["latencies"].append(t1 - t0)
                out["bytes"] += size
                if status >= 500:
                    out["5xx"] += 1
                elif status != 200:
                    out["other"] += 1
    finally:
        writer.close()


async def load(port: int, targets: list[bytes], clients: int, seconds: float, warmup: float) -> dict[str, Any]:
    out: dict[str, Any] = {"latencies": [], "bytes": 0, "5xx": 0, "other": 0, "errors": 0}
    start = time.perf_counter()
    count_from = start + warmup
    stop_at = count_from + seconds
    await asyncio.gather(*(_client(port, targets, k * len(targets) // clients, stop_at, count_from, out) for k in range(clients)))
    lat = sorted(out["latencies"])
    n = len(lat)

    def pct(p: float) -> float:
        return round(lat[min(n - 1, int(p * n))] * 1000, 2) if n else 0.0

    return {
        "requests": n,
        "seconds": seconds,
        "rps": round(n / seconds, 1),
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "max_ms": round(lat[-1] * 1000, 2) if n else 0.0,
        "mean_bytes": round(out["bytes"] / n) if n else 0,
        "5xx": out["5xx"],
        "other_non_200": out["other"],
        "connection_errors": out["errors"],
    }


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=10.0, help="measured seconds per run (default 10)")
    p.add_argument("--warmup", type=float, default=3.0, help="seconds of load before measuring (default 3)")
    p.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    p.add_argument("--distinct", type=int, default=200, help="distinct questions, asked round-robin (default 200)")
    p.add_argument("--workers", type=int, action="append", help="worker counts to run (default: 1 and 2)")
    p.add_argument("--no-cache-runs", action="store_true", help="skip the runs with the response cache off")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--on", default=DEFAULT_DATE)
    args = p.parse_args()
    worker_counts = args.workers or [1, 2]
    base = queries(args.distinct, args.seed, args.on)
    runs: list[dict[str, Any]] = []
    for response_cache in (True, False)[: 1 if args.no_cache_runs else 2]:
        for workers in worker_counts:
            port = free_port()
            proc = start_server(workers, port, response_cache)
            try:
                for view in ("summary", "full"):
                    targets = [f"/which?{q}&view={view}".encode() for q in base]
                    result = asyncio.run(load(port, targets, args.clients, args.seconds, args.warmup))
                    runs.append({"workers": workers, "view": view, "response_cache": response_cache, "clients": args.clients, **result})
                    print(f"  workers={workers} view={view} response cache {'on' if response_cache else 'off'}: {result['rps']} req/s, p99 {result['p99_ms']} ms", file=sys.stderr)
            finally:
                stop_server(proc)
    print(f"\nGET /which under {args.clients} concurrent clients, {args.distinct} distinct questions round-robin, {args.seconds:g} s each\n")
    print_table(
        ["workers", "view", "response cache", "req/s", "p50", "p90", "p99", "max", "5xx", "other", "bytes"],
        [[r["workers"], r["view"], "on" if r["response_cache"] else "off", r["rps"], f"{r['p50_ms']} ms", f"{r['p90_ms']} ms", f"{r['p99_ms']} ms", f"{r['max_ms']} ms", r["5xx"], r["other_non_200"], r["mean_bytes"]] for r in runs],
    )
    goal_run = next((r for r in runs if r["view"] == GOAL["view"] and r["workers"] == GOAL["workers"] and r["response_cache"]), None)
    met = None
    if goal_run is not None:
        met = goal_run["rps"] >= GOAL["min_rps"] and goal_run["p99_ms"] <= GOAL["max_p99_ms"] and goal_run["5xx"] <= GOAL["max_5xx"]
        print(f"\ngoal (summary, --workers 2: >= {GOAL['min_rps']} req/s, p99 <= {GOAL['max_p99_ms']:g} ms, 0 5xx): {'met' if met else 'NOT met'}")
    write_json(
        "http",
        args,
        {
            "params": {"seconds": args.seconds, "warmup": args.warmup, "clients": args.clients, "distinct": args.distinct, "seed": args.seed, "on": args.on, "cpus": os.cpu_count()},
            "goal": GOAL,
            "goal_met": met,
            "runs": runs,
        },
    )


if __name__ == "__main__":
    main()
