"""``treatyrules which ES PE --measure ... --offence ...``: answer one question.

The summary comes first (the bottom line, one line per instrument, the route with the
authority at each end); ``--full`` prints every reason; ``--json`` the full answer as JSON,
``--json --view summary`` the summary.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from treatyrules._answer.engine import Engine, default_engine, stale_after
from treatyrules._answer.summary import Summarizer
from treatyrules._explain.summary_text import SummaryText
from treatyrules._explain.text import TextExplainer
from treatyrules.cli._options import add_lang_argument, add_query_arguments, query_from


def register(sub: Any) -> None:
    parser = sub.add_parser("which", help="which instruments govern a request, through which channels, on which grounds")
    add_query_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the answer as JSON (the full answer unless --view summary)")
    parser.add_argument("--view", choices=("summary", "full"), default=None, help="summary (default for text) or full (default for --json)")
    parser.add_argument("--full", action="store_true", help="print the full answer, every reason with its articles")
    parser.add_argument("--brief", action="store_true", help="with --full: leave out the explanation trail")
    parser.add_argument(
        "--stale-after", metavar="YEARS", dest="stale_after",
        help="flag data rows as of more than YEARS years before today, or undated (default: TREATYRULES_STALE_AFTER_YEARS, else 3)",
    )
    add_lang_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    if args.stale_after is not None:
        text = args.stale_after.strip()
        years = stale_after(int(text) if text.isdigit() else text)
        if years != engine.stale_after_years:
            engine = Engine(stale_after_years=years)
    answer = engine.answer_under(query_from(args, engine), args.scenario)
    view = args.view or ("full" if args.json or args.full or args.brief else "summary")
    if args.full:
        view = "full"
    if view == "summary":
        summary = Summarizer(engine.labels, engine.channel_map).summarize(answer)
        if args.json:
            sys.stdout.write(summary.model_dump_json() + "\n")  # one line: the summary is meant for other systems
        else:
            sys.stdout.write(SummaryText(Summarizer(engine.labels, engine.channel_map)).render(summary))
    elif args.json:
        sys.stdout.write(answer.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(TextExplainer(engine.labels, answer.lang, engine.channel_map).render(answer, reasons=not args.brief))
    return 0
