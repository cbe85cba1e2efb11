"""``treatyrules draft ES PE --measure ... --offence ...``: the request letter to complete and sign."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from treatyrules._answer.engine import default_engine
from treatyrules._answer.summary import Summarizer
from treatyrules._explain.draft import build_draft, to_docx, to_html, to_markdown
from treatyrules.cli._options import add_lang_argument, add_query_arguments, query_from
from treatyrules.errors import InvalidQueryError, Message, UnknownTagError
from treatyrules.vocabulary import Instrument


def register(sub: Any) -> None:
    parser = sub.add_parser("draft", help="the draft request letter: addressee, legal basis and required contents, each with its article")
    add_query_arguments(parser)
    parser.add_argument("--basis", help="instrument id (budapest, second_protocol, comjib, un_cybercrime); default: the best open basis")
    parser.add_argument("--format", choices=("md", "html", "docx"), default=None, help="md (default), html or docx (needs the draft extra); inferred from -o's extension")
    parser.add_argument("-o", "--output", type=Path, help="write to this file (required for docx on a terminal)")
    add_lang_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    engine = default_engine()
    basis = None
    if args.basis is not None:
        try:
            basis = Instrument(args.basis)
        except ValueError:
            raise UnknownTagError("instrument", args.basis, [i.value for i in Instrument]) from None
    fmt = args.format or {".docx": "docx", ".html": "html", ".htm": "html"}.get(args.output.suffix.lower() if args.output else "", "md")
    if fmt == "docx" and args.output is None and sys.stdout.isatty():
        raise InvalidQueryError(Message("cli.draft_binary"))
    answer = engine.answer_under(query_from(args, engine), args.scenario)
    draft = build_draft(answer, Summarizer(engine.labels, engine.channel_map), basis)
    data: bytes = to_docx(draft) if fmt == "docx" else (to_html(draft) if fmt == "html" else to_markdown(draft)).encode("utf-8")
    if args.output is not None:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
