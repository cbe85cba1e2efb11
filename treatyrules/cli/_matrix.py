"""``treatyrules matrix --offence O --on D``: every ordered pair of States, every measure, every instrument.

One row per (requesting State, requested State, measure, instrument): whether the instrument
applies (true, false or unknown), the channels open for the request, the fastest route's
channel, the dual-criminality rule, how many refusal grounds it lists and whether the list is
closed, the time limits, and the facts an undetermined answer is missing. ``--measure``
narrows the measures to one (default: every measure of the vocabulary). By default the States
are every State in the party data (with ``--scenario``, the scenario's data); ``--states
ES,PE,PT`` narrows them. Rows come in order: requesting State, requested State, measure (in
the vocabulary's order), instrument.

CSV by default, ``--format json`` for typed values, ``--format parquet`` for a typed table
(the ``[parquet]`` extra, pyarrow); ``-o FILE`` writes to a file instead of standard output.
``--jobs N`` answers with N processes (forked from this one, with its loaded engine, where
it runs no other thread; otherwise each loads its own); the output is the same, row for row,
whatever N. A progress bar (rich) is drawn on standard error when it is a
terminal and the rows go to a file (``-o FILE`` or ``> FILE``), never when the output is piped
or printed on the terminal itself; ``--no-progress`` turns it off.

The matrix answers without the mla_treaty branches of ``which`` (a channel that depends on an
MLA treaty shows as possibly available, ``?``); give ``--mla-treaty yes|no`` to settle it.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any

from treatyrules._answer.comparison import describe_time_limit
from treatyrules._answer.engine import Computed, Engine, default_engine
from treatyrules._facts.status import StatusBook
from treatyrules._i18n import Lang, t, using
from treatyrules._memo import bulk_collection, enter_bulk_collection, rebuild
from treatyrules.errors import InvalidQueryError, Message, MissingExtraError, UnknownTagError
from treatyrules.models import MissingFact
from treatyrules.scenario import load_scenario
from treatyrules.vocabulary import Measure

COLUMNS = (
    "requesting",
    "requested",
    "measure",
    "instrument",
    "applicable",
    "confidence",
    "channels",
    "fastest_channel",
    "dual_criminality",
    "grounds_count",
    "closed_list",
    "time_limits",
    "missing_facts",
    "scenario",
)

Row = tuple[Any, ...]
"""One row's values, in ``COLUMNS`` order (what the worker processes send back)."""
Cells = tuple[Any, ...]


def register(sub: Any) -> None:
    parser = sub.add_parser("matrix", help="every ordered pair of States, every measure (or one), one row per instrument")
    parser.add_argument("--measure", help="measure tag, e.g. expedited_preservation (default: every measure)")
    parser.add_argument("--offence", required=True, help="offence tag, e.g. electronic_evidence_any_offence")
    parser.add_argument("--on", required=True, help="date, YYYY-MM-DD")
    parser.add_argument("--scenario", help="a what-if scenario: a YAML file, or the name of a shipped one")
    parser.add_argument("--states", help="comma-separated ISO codes (default: every State in the party data)")
    parser.add_argument("--format", choices=("csv", "json", "parquet"), default="csv", dest="fmt", help="output format (default: csv; parquet needs the [parquet] extra)")
    parser.add_argument("-o", "--output", help="write to this file (default: standard output)")
    parser.add_argument("--urgent", action="store_true", help="the requests are urgent")
    parser.add_argument("--mla-treaty", choices=("yes", "no", "unknown"), default="unknown", help="is another MLA treaty in force between each pair?")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="number of processes (default: 1)")
    parser.add_argument("--no-progress", action="store_true", help="never draw the progress bar")
    parser.set_defaults(run=run)


def _states(engine: Engine, raw: str | None, party_states: Sequence[str]) -> list[str]:
    if raw is None:
        return sorted(party_states)
    chosen: list[str] = []
    for part in raw.split(","):
        if not part.strip():
            continue
        code = engine.state(part, "--states")
        if code not in chosen:
            chosen.append(code)
    if len(chosen) < 2:
        raise InvalidQueryError(Message("query.matrix_states", states=", ".join(chosen) or "-"))
    return chosen


def _measures(raw: str | None) -> list[Measure]:
    if raw is None:
        return list(Measure)
    try:
        return [Measure(raw)]
    except ValueError:
        raise UnknownTagError("measure", raw, [m.value for m in Measure]) from None


def _applicable(value: bool | None) -> str:
    return {True: "true", False: "false", None: "unknown"}[value]


def _cells(computed: Computed) -> tuple[Cells, ...]:
    """Each basis's row values that name no State (the same for a whole equivalence class of
    queries, so the engine keeps them per class): instrument to time limits, in ``COLUMNS`` order."""
    out = []
    for basis in computed.bases:
        open_ = basis.applicable is not False
        best = next((r for r in computed.routes if r.instrument is basis.instrument), None) if open_ else None
        out.append((
            basis.instrument.value,
            basis.applicable,
            basis.confidence.value,
            tuple(c.channel.value + ("" if c.available else "?") for c in basis.channels if c.available is not False) if open_ else (),
            best.channel.value if best else None,
            basis.dual_criminality.value.value if open_ and basis.dual_criminality else None,
            len({g.ground for g in basis.refusal_grounds}) if open_ else None,
            basis.grounds_closed_list.closed if open_ else None,
            tuple(describe_time_limit(t) for t in basis.time_limits) if open_ else (),
        ))
    return tuple(out)


class _Plan:
    """What one process needs to answer its share of the matrix."""

    def __init__(self, engine: Engine, book: StatusBook, name: str | None, states: Sequence[str], measures: Sequence[Measure], offence: str, on: str, urgent: bool, mla_treaty: bool | None) -> None:
        self.engine = engine
        self.book = book
        self.name = name
        self.states = tuple(states)
        self.measures = tuple(measures)
        self.offence = offence
        self.on = on
        self.urgent = urgent
        self.mla_treaty = mla_treaty
        # CSV text of the cells shared by a class, and of single values (codes, tags, facts)
        self._shared: dict[Cells, str] = {}
        self._fields: dict[str, str] = {}

    def _answers(self, req: str) -> Iterator[tuple[str, Measure, tuple[Cells, ...], tuple[tuple[MissingFact, ...], ...]]]:
        """For each requested State and measure, in order: each basis's row values that name no
        State (shared by the query's class) and its missing facts."""
        engine = self.engine
        first = self.measures[0]
        for rqd in self.states:
            if rqd == req:
                continue
            query = engine.query(req, rqd, measure=first.value, offence=self.offence, on=self.on, urgent=self.urgent, mla_treaty=self.mla_treaty, scenario=self.name)
            for measure in self.measures:
                if measure is not first:  # the same valid query, another measure: no need to check it again
                    query = rebuild(query, {"measure": measure})
                cells, missing = engine.compute_view(query, self.book, _cells)
                yield rqd, measure, cells, missing

    def rows_for(self, req: str) -> list[Row]:
        """Every row whose requesting State is ``req``, in order."""
        out: list[Row] = []
        for rqd, measure, cells, missing in self._answers(req):
            for (instrument, applicable, confidence, channels, fastest, dual, grounds, closed, limits), facts in zip(cells, missing, strict=True):
                out.append((
                    req, rqd, measure.value, instrument, applicable, confidence, list(channels), fastest, dual, grounds, closed, list(limits),
                    [m.fact for m in facts], self.name,
                ))
        return out

    def csv_for(self, req: str) -> str:
        """The CSV lines of every row whose requesting State is ``req``, in order: each row as
        ``csv.writer`` writes it, with the cells a class shares formatted once per class."""
        field, shared = self._field, self._shared
        name = field(self.name or "")
        lines: list[str] = []
        for rqd, measure, cells, missing in self._answers(req):
            head = f"{field(req)},{field(rqd)},{field(measure.value)},"
            for cell, facts in zip(cells, missing, strict=True):
                middle = shared.get(cell)
                if middle is None:
                    middle = shared[cell] = _csv_line((_csv_value(cell[0]), _applicable(cell[1]), *(_csv_value(v) for v in cell[2:])))
                lines.append(f"{head}{middle},{field(';'.join(m.fact for m in facts))},{name}\n")
        if len(shared) > _CSV_MEMO or len(self._fields) > _CSV_MEMO:
            shared.clear()
            self._fields.clear()
        return "".join(lines)

    def _field(self, value: str) -> str:
        found = self._fields.get(value)
        if found is None:
            found = self._fields[value] = _csv_line((value,)) if value else ""
        return found


#: the most formatted cells a plan keeps between requesting States
_CSV_MEMO = 65536


def _csv_line(values: Sequence[str]) -> str:
    """``values`` as ``csv.writer`` writes them on one line (quoted where needed), no line end."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()


def _plan(engine: Engine, *, measure: str | None, offence: str, on: str, scenario: str | None, states: str | None, urgent: bool, mla_treaty: bool | None) -> _Plan:
    loaded = load_scenario(scenario) if scenario is not None else None
    book = engine.book_for(loaded)
    chosen = _states(engine, states, sorted({iso for (_, iso) in book.party_rows}))
    plan = _Plan(engine, book, loaded.name if loaded else None, chosen, _measures(measure), offence, on, urgent, mla_treaty)
    if len(chosen) >= 2:  # check the offence and date once, before any work is shared out
        engine.query(chosen[0], chosen[1], measure=plan.measures[0].value, offence=offence, on=on, urgent=urgent, mla_treaty=mla_treaty)
    return plan


def rows(
    engine: Engine,
    *,
    measure: str | None = None,
    offence: str,
    on: str,
    scenario: str | None = None,
    states: str | None = None,
    urgent: bool = False,
    mla_treaty: bool | None = None,
) -> Iterator[dict[str, Any]]:
    """The matrix as plain rows (typed values): requesting State, requested State, measure, instrument."""
    plan = _plan(engine, measure=measure, offence=offence, on=on, scenario=scenario, states=states, urgent=urgent, mla_treaty=mla_treaty)
    for req in plan.states:
        for values in plan.rows_for(req):
            yield dict(zip(COLUMNS, values, strict=True))


# -- worker processes ---------------------------------------------------------------------

_WORKER: _Plan | None = None


def _start_worker(lang: Lang, kwargs: dict[str, Any]) -> None:
    """Each worker process makes its plan once, on the engine it was forked with or on one it
    loads (a spawned worker)."""
    global _WORKER
    with using(lang):
        _WORKER = _plan(default_engine(), **kwargs)
    enter_bulk_collection()  # the worker does nothing else until it exits


def _work(req: str) -> list[Row]:
    assert _WORKER is not None, "worker not started"
    return _WORKER.rows_for(req)


def _work_csv(req: str) -> str:
    assert _WORKER is not None, "worker not started"
    return _WORKER.csv_for(req)


def _ready() -> None:
    """Nothing: submitted once so that the pool starts its workers at once."""


def _single_threaded() -> bool:
    """Whether this process runs one thread only: no Python thread besides this one, and (where
    the system says, as Python 3.12+ checks before it forks) no thread a library started in C."""
    import threading

    if threading.active_count() != 1:
        return False
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1]) == 1
    except (OSError, ValueError):
        pass
    return True


def _pool(plan: _Plan, jobs: int, lang: Lang, kwargs: dict[str, Any]) -> AbstractContextManager[ProcessPoolExecutor | None]:
    """The worker processes, started now, before any thread of this process (the progress
    bar's) exists; ``None`` when this process answers alone (``jobs == 1``).

    Where the process has no other thread, the workers are forked: each starts with the engine
    this process has loaded, so a worker costs no import and no load. Otherwise (a host that
    runs threads, a platform without fork) each is a fresh interpreter that loads its own
    (docs/decisions/0007-matrix-workers-forked.md)."""
    if jobs <= 1 or len(plan.states) < 3:
        return nullcontext(None)
    import multiprocessing

    forked = "fork" in multiprocessing.get_all_start_methods() and _single_threaded()
    context = multiprocessing.get_context("fork" if forked else "spawn")
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(plan.states)), mp_context=context, initializer=_start_worker, initargs=(lang, kwargs))
    try:
        pool.submit(_ready).result()  # a fork pool starts every worker on its first task
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return pool


def _produce(plan: _Plan, pool: ProcessPoolExecutor | None, advance: Callable[[int], None], *, csv_text: bool = False) -> Iterator[Any]:
    """Each requesting State's rows, in order, made in this process (no ``pool``) or shared
    out by requesting State: a list of ``Row`` values, or (``csv_text``) their CSV text."""
    pairs = len(plan.states) - 1
    if pool is None:
        make = plan.csv_for if csv_text else plan.rows_for
        for req in plan.states:
            yield make(req)
            advance(pairs)
        return
    # the workers format the CSV themselves: the text of a State's rows travels back, not the rows
    for chunk in pool.map(_work_csv if csv_text else _work, plan.states):
        yield chunk
        advance(pairs)


# -- progress -------------------------------------------------------------------------------


def _is_pipe(stream: IO[Any]) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


def _is_terminal(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError, AttributeError):
        return False


def show_progress(stdout: IO[Any] | None, stderr: IO[Any]) -> bool:
    """A bar only for a person watching the terminal while the rows go elsewhere: standard error
    is a terminal, and the rows go to a file (``-o FILE``, ``stdout`` None, or standard output
    redirected to a file), not through a pipe nor onto the same terminal."""
    if not _is_terminal(stderr):
        return False
    return stdout is None or not (_is_terminal(stdout) or _is_pipe(stdout))


class _Progress:
    """A rich progress bar on standard error, or nothing."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                console=Console(file=sys.stderr), transient=True, redirect_stdout=False, redirect_stderr=False,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(t("batch.matrix.progress"), total=self.total)
        return self

    def advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


# -- output -----------------------------------------------------------------------------------


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)



def _write_csv(chunks: Iterable[str], out: IO[str]) -> None:
    out.write(_csv_line(COLUMNS) + "\n")
    for chunk in chunks:
        out.write(chunk)


def _write_json(produced: Iterable[Row], out: IO[str], args: argparse.Namespace, plan: _Plan, mla: bool | None) -> None:
    table = [dict(zip(COLUMNS, values, strict=True)) for values in produced]
    payload = {
        "measure": args.measure,
        "measures": [m.value for m in plan.measures],
        "offence": args.offence,
        "on": args.on,
        "scenario": plan.name,
        "urgent": args.urgent,
        "mla_treaty": mla,
        "columns": list(COLUMNS),
        "rows": table,
    }
    out.write(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")


def parquet_module() -> Any:
    """``pyarrow`` and ``pyarrow.parquet``, or ``MissingExtraError`` naming the ``[parquet]`` extra."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingExtraError(t("batch.matrix.parquet"), "parquet") from None
    return pyarrow


def _write_parquet(produced: Iterable[Row], target: IO[bytes], plan: _Plan) -> None:
    pa = parquet_module()
    import pyarrow.parquet as pq

    text, flag, count, texts = pa.string(), pa.bool_(), pa.int64(), pa.list_(pa.string())
    types = {
        "applicable": flag, "closed_list": flag, "grounds_count": count,
        "channels": texts, "time_limits": texts, "missing_facts": texts,
    }
    schema = pa.schema([pa.field(name, types.get(name, text)) for name in COLUMNS])
    writer = pq.ParquetWriter(target, schema)
    try:
        batch: list[Row] = []
        for values in produced:
            batch.append(values)
            if len(batch) >= 65536:
                writer.write_table(_table(pa, schema, batch))
                batch.clear()
        writer.write_table(_table(pa, schema, batch))
    finally:
        writer.close()


def _table(pa: Any, schema: Any, batch: list[Row]) -> Any:
    columns = list(zip(*batch, strict=True)) if batch else [() for _ in COLUMNS]
    return pa.Table.from_arrays([pa.array(list(col), type=field.type) for col, field in zip(columns, schema, strict=True)], schema=schema)


def _sink(output: str | None, *, binary: bool) -> AbstractContextManager[Any]:
    """Where the rows go: standard output (left open), or ``output`` (closed afterwards)."""
    if output is None:
        return nullcontext(sys.stdout.buffer if binary else sys.stdout)
    try:
        return open(output, "wb") if binary else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the with
    except OSError as exc:
        raise InvalidQueryError(Message("batch.unwritable", path=output, error=exc.strerror or type(exc).__name__)) from None


def _jobs(raw: int) -> int:
    if raw < 1:
        raise InvalidQueryError(Message("batch.matrix.bad_jobs", value=raw))
    return raw


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    jobs = _jobs(args.jobs)
    mla = {"yes": True, "no": False, "unknown": None}[args.mla_treaty]
    kwargs: dict[str, Any] = {
        "measure": args.measure, "offence": args.offence, "on": args.on, "scenario": args.scenario,
        "states": args.states, "urgent": args.urgent, "mla_treaty": mla,
    }
    plan = _plan(engine, **kwargs)
    if args.fmt == "parquet":
        parquet_module()  # before any work: a missing extra is one line, at once
        if args.output is None and _is_terminal(sys.stdout):
            raise InvalidQueryError(Message("batch.matrix.parquet_stdout"))
    lang: Lang = args.lang
    opened = _sink(args.output, binary=args.fmt == "parquet")
    enabled = not args.no_progress and show_progress(None if args.output is not None else sys.stdout, sys.stderr)
    with _pool(plan, jobs, lang, kwargs) as pool, opened as out, _Progress(len(plan.states) * (len(plan.states) - 1), enabled) as bar, bulk_collection():
        produced = _produce(plan, pool, bar.advance, csv_text=args.fmt == "csv")
        if args.fmt == "json":
            _write_json(itertools.chain.from_iterable(produced), out, args, plan, mla)
        elif args.fmt == "parquet":
            _write_parquet(itertools.chain.from_iterable(produced), out, plan)
        else:
            _write_csv(produced, out)
        out.flush()
    return 0
