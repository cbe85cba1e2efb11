"""``treatyrules schema``: the JSON schema of the answer, its summary, the draft request or the query."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pydantic import BaseModel

from treatyrules import models
from treatyrules._explain.draft import DraftRequest


MODELS = {"answer": "Answer", "summary": "Summary", "draft": "DraftRequest", "query": "Query"}


def register(sub: Any) -> None:
    parser = sub.add_parser("schema", help="print the JSON schema of the answer or the query")
    parser.add_argument("model", nargs="?", choices=tuple(MODELS), default="answer")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    model: type[BaseModel] = DraftRequest if args.model == "draft" else getattr(models, MODELS[args.model])
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2) + "\n")
    return 0
