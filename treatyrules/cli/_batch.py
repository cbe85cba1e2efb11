"""``treatyrules batch [FILE]``: many questions at once, one query per line, answers in order.

Reads queries as CSV (a header row naming the fields, one record per row) or NDJSON (one
JSON object per line) from FILE, or from standard input when FILE is omitted or ``-``. The
fields are those of ``which_treaty_applies``: requesting, requested, measure, offence, on,
urgent, emergency, mla_treaty, extradition_treaty, data_types, max_penalty_years,
act_began, scenario (the first four required). ``--input-format`` defaults to the file's
extension (``.csv``; ``.ndjson``, ``.jsonl``, ``.json``), and to NDJSON on standard input.

Writes one record per query line, in input order, as NDJSON (default) or CSV
(``--output-format csv``)::

    {"line": 2, "answer": {...}}                       the summary (--view summary, default)
                                                        or the full answer (--view full)
    {"line": 3, "error": {"type": "UnknownStateError", "message": "...", "field": ..., ...}}

A bad line gives its error record and the other lines are still answered. Exit status: 0
when every line was answered; 1 when some lines could not be answered (their records say
why, and one line on standard error counts them); 2 when the input cannot be read at all
(no such file, a CSV header naming an unknown field) or the options are wrong. Never a
traceback. The records' texts and error messages are in ``--lang``.

The work is done by ``treatyrules._answer.batch.answer_lines`` (shared with other front ends).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from treatyrules._answer.batch import INPUT_FORMATS, OUTPUT_FORMATS, VIEWS, BatchResult, answer_lines, csv_chunks, format_from_name, ndjson_lines
from treatyrules._i18n import t
from treatyrules.errors import InvalidQueryError, Message


def register(sub: Any) -> None:
    parser = sub.add_parser("batch", help="answer many queries at once: CSV or NDJSON in, one answer per line out")
    parser.add_argument("file", nargs="?", default="-", help="the queries, CSV or NDJSON (default: standard input)")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default=None, help="csv or ndjson (default: from the file's extension; ndjson on standard input)")
    parser.add_argument("--output-format", choices=OUTPUT_FORMATS, default="ndjson", help="ndjson (default) or csv")
    parser.add_argument("--view", choices=VIEWS, default="summary", help="summary (default: treatyrules.summarize of each answer) or full (the whole answer)")
    parser.set_defaults(run=run)


def _open(name: str) -> tuple[IO[str], Callable[[], object]]:
    """The input as text, and how to let go of it (standard input is never closed).

    Bytes that are not UTF-8 become U+FFFD: that line then fails on its own, the rest is answered.
    """
    if name == "-":
        raw = getattr(sys.stdin, "buffer", None)
        if raw is None:  # already text (an embedding program or a test replaced it)
            return sys.stdin, lambda: None
        wrapper = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        return wrapper, wrapper.detach
    try:
        stream = open(name, encoding="utf-8-sig", errors="replace", newline="")  # noqa: SIM115 - closed in run()
        return stream, stream.close
    except OSError as exc:
        raise InvalidQueryError(Message("batch.unreadable", path=name, error=exc.strerror or type(exc).__name__)) from None


def _counted(results: Iterator[BatchResult], counts: list[int]) -> Iterator[BatchResult]:
    for result in results:
        counts[0] += 1
        if not result.ok:
            counts[1] += 1
        yield result


def run(args: argparse.Namespace) -> int:
    fmt = args.input_format
    if fmt is None:
        fmt = "ndjson" if args.file == "-" else format_from_name(args.file)
        if fmt is None:
            raise InvalidQueryError(Message("batch.no_format", name=Path(args.file).name))
    source, release = _open(args.file)
    counts = [0, 0]
    try:
        results = _counted(answer_lines(source, fmt, args.view, args.lang), counts)
        chunks = csv_chunks(results) if args.output_format == "csv" else _batched(ndjson_lines(results))
        out = sys.stdout
        for chunk in chunks:
            out.write(chunk)
        out.flush()
    finally:
        release()
    total, failed = counts
    if failed:
        print(t("batch.failed", failed=failed, total=total), file=sys.stderr)
        return 1
    return 0


def _batched(lines: Iterator[str], size: int = 256) -> Iterator[str]:
    """Lines joined ``size`` at a time, so that a large batch is not one write per line."""
    pending: list[str] = []
    for line in lines:
        pending.append(line)
        if len(pending) >= size:
            yield "".join(pending)
            pending.clear()
    if pending:
        yield "".join(pending)
