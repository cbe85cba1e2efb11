"""``treatyrules schema``: the JSON schema of the answer (or of the query)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from treatyrules.models import Answer, Query


def register(sub: Any) -> None:
    parser = sub.add_parser("schema", help="print the JSON schema of the answer or the query")
    parser.add_argument("model", nargs="?", choices=("answer", "query"), default="answer")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    model = Answer if args.model == "answer" else Query
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2) + "\n")
    return 0
