"""``treatyrules lint``: validate every rule and data file; exit 1 on any defect.

Loading checks each file against its schema (with file, line and location) and
each data row against the treaty (with file and row). Lint then asks every
measure for a few pairs of States, urgent or not, with and without an MLA
treaty, so that rules which contradict each other at run time are found too.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from datetime import date
from pathlib import Path
from typing import Any

from treatyrules._answer.engine import Engine
from treatyrules._i18n import t
from treatyrules.vocabulary import Measure

SAMPLE_PAIRS = (("ES", "PE"), ("PE", "ES"), ("JP", "RS"), ("CZ", "AR"), ("MX", "PE"))
SAMPLE_OFFENCES = ("illegal_access", "grooming", "electronic_evidence_any_offence")


def register(sub: Any) -> None:
    parser = sub.add_parser("lint", help="validate all rule and data files; exit 1 on any defect")
    parser.add_argument("--rules", type=Path, help="folder of rule files (default: the embedded rules/)")
    parser.add_argument("--fixtures", type=Path, help="folder of data files (default: the embedded fixtures/)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    engine = Engine(args.rules, args.fixtures)
    asked = 0
    for (req, rqd), measure, offence, mla, urgent in itertools.product(
        SAMPLE_PAIRS, Measure, SAMPLE_OFFENCES, (True, False, None), (False, True)
    ):
        query = engine.query(req, rqd, measure=measure, offence=offence, on=date.today(), mla_treaty=mla, urgent=urgent)
        engine.compute(query, engine.book, branches=False)
        asked += 1
    for instrument, book in engine.rulebooks.items():
        print(t("cli.lint.rules", path=book.path, rules=len(book.rules), articles=len(book.spec.articles)))
    print(t("cli.lint.channels", channels=len(engine.channel_map.channels), roles=len(engine.channel_map.roles)))
    print(t(
        "cli.lint.data", parties=len(engine.book.party_rows), statements=len(engine.book.statement_rows),
        designations=len(engine.book.authority_rows), coverage=len(engine.book.coverage_rows),
    ))
    print(t("cli.lint.questions", count=asked))
    sys.stdout.flush()
    return 0
