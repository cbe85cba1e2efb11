"""Options shared by the commands that ask a question."""

from __future__ import annotations

import argparse

from treatyrules._answer.engine import Engine, default_engine
from treatyrules._i18n import LANGS, lang_from_env
from treatyrules.models import Query


def add_query_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("requesting", help="ISO 3166-1 alpha-2 code of the requesting State, e.g. ES")
    parser.add_argument("requested", help="ISO code of the requested State, e.g. PE")
    parser.add_argument("--measure", required=True, help="measure tag, e.g. expedited_preservation")
    parser.add_argument("--offence", required=True, help="offence tag, e.g. electronic_evidence_any_offence")
    parser.add_argument("--on", help="date of the answer, YYYY-MM-DD (default: today)")
    parser.add_argument("--urgent", action="store_true", help="the request is urgent")
    parser.add_argument("--emergency", action="store_true", help="significant and imminent risk to the life or safety of a person")
    parser.add_argument("--mla-treaty", choices=("yes", "no", "unknown"), default="unknown", help="is another MLA treaty in force between the two States?")
    parser.add_argument("--extradition-treaty", choices=("yes", "no", "unknown"), default="unknown", help="is an extradition treaty in force between the two States? (extradition only)")
    parser.add_argument("--data-type", action="append", dest="data_types", help="data sought (repeatable): subscriber_information, traffic_data, content_data, ...")
    parser.add_argument("--max-penalty", type=float, dest="max_penalty_years", help="maximum penalty for the offence, in years")
    parser.add_argument("--act-began", help="date the co-operation act began, YYYY-MM-DD")
    parser.add_argument("--scenario", help="a what-if scenario: a YAML file, or the name of a shipped one")


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=LANGS, default=None,
        help="language of the output and of errors (default: the locale's, from LC_ALL/LC_MESSAGES/LANG, else en)",
    )


def chosen_lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or lang_from_env()


def query_from(args: argparse.Namespace, engine: Engine | None = None, scenario: str | None = None) -> Query:
    engine = engine or default_engine()
    mla = {"yes": True, "no": False, "unknown": None}[args.mla_treaty]
    return engine.query(
        args.requesting,
        args.requested,
        measure=args.measure,
        offence=args.offence,
        on=args.on,
        urgent=args.urgent,
        emergency=args.emergency,
        mla_treaty=mla,
        extradition_treaty={"yes": True, "no": False, "unknown": None}[args.extradition_treaty],
        data_types=args.data_types,
        max_penalty_years=args.max_penalty_years,
        act_began=args.act_began,
        scenario=scenario,
    )
