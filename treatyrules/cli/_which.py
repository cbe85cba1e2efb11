"""``treatyrules which ES PE --measure ... --offence ...``: answer one question."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from treatyrules._answer.engine import default_engine
from treatyrules._explain.text import TextExplainer
from treatyrules.cli._options import add_query_arguments, query_from


def register(sub: Any) -> None:
    parser = sub.add_parser("which", help="which instruments govern a request, through which channels, on which grounds")
    add_query_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.add_argument("--lang", choices=("en", "es"), default="en", help="language of tag names in the table")
    parser.add_argument("--brief", action="store_true", help="leave out the explanation trail")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    answer = engine.answer_under(query_from(args, engine), args.scenario)
    if args.json:
        sys.stdout.write(answer.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(TextExplainer(engine.labels, args.lang, engine.channel_map).render(answer, reasons=not args.brief))
    return 0
