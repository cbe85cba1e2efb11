"""``treatyrules lint``: validate every rule, data and scenario file.

Exit 0 when clean, 1 when defects were found (one per line on stderr: ``file:row or
line: what, expected``), 2 on bad usage. Loading checks each file against its schema; lint then reads
every data row again and collects every defect (``_validate.lint``), checks that each
citation in the rule files names a provision the instrument has, loads every scenario in
``FIXTURES/scenarios/``, and asks every measure for a few pairs of States, urgent or not,
with and without an MLA treaty, so that rules which contradict each other at run time are
found too.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from datetime import date
from pathlib import Path
from typing import Any

from treatyrules._answer.engine import Engine
from treatyrules._facts.status import own_entry_into_force
from treatyrules._i18n import t
from treatyrules._load.paths import fixtures_dir, package_data_dir, rules_dir
from treatyrules._rules.rulebook import Rulebook, load_rulebook
from treatyrules._validate.datafile import read_states
from treatyrules._validate.lint import Location, lint_citations, lint_data, load_structure
from treatyrules.errors import DefinitionError, Message, RuleFileError, TreatyRulesError
from treatyrules.scenario import load_scenario
from treatyrules.vocabulary import Instrument, Measure

SAMPLE_PAIRS = (("ES", "PE"), ("PE", "ES"), ("JP", "RS"), ("CZ", "AR"), ("MX", "PE"))
SAMPLE_OFFENCES = ("illegal_access", "grooming", "electronic_evidence_any_offence")


def register(sub: Any) -> None:
    parser = sub.add_parser("lint", help="validate all rule, data and scenario files; exit 1 on any defect")
    parser.add_argument("--rules", type=Path, help="folder of rule files (default: the embedded rules/)")
    parser.add_argument("--fixtures", type=Path, help="folder of data files and scenarios/ (default: the embedded fixtures/)")
    parser.add_argument("--verbose", "-v", action="store_true", help="also list the citations that cannot be checked")
    parser.set_defaults(run=run)


def _cites(book: Rulebook) -> list[tuple[Location, str]]:
    """Every citation of the rule file, with where it is written."""
    out = list(book._all_cites())
    for article_id, article in book.spec.articles.items():
        for index, rule in enumerate(article.rules):
            loc: Location = ("articles", article_id, "rules", index, "cite")
            if isinstance(rule.cite, str):
                out.append((loc, rule.cite))
            else:
                out.extend((loc + (j,), cite) for j, cite in enumerate(rule.cite))
    return out


def collect(rules: Path, fixtures: Path, *, verbose: bool = False) -> tuple[list[DefinitionError], list[str]]:
    """(defects, lines to print for what is fine or could not be checked)."""
    defects: list[DefinitionError] = []
    notes: list[str] = []
    books: dict[Instrument, Rulebook] = {}
    for instrument in Instrument:
        path = rules / f"{instrument.value}.yaml"
        if not path.exists():
            continue
        try:
            books[instrument] = load_rulebook(path)
        except DefinitionError as exc:
            defects.append(exc)
    structure = load_structure()
    unchecked: list[RuleFileError] = []
    for instrument, book in books.items():
        def error(loc: Location, message: Message, book: Rulebook = book) -> RuleFileError:
            return book.error(loc, message)

        found, cannot = lint_citations(_cites(book), instrument, structure, error)
        defects.extend(found)
        unchecked.extend(cannot)
    states = read_states(package_data_dir() / "states.csv")
    specs = {i: b.spec for i, b in books.items()}

    def own(instrument: Instrument, consent: date, kind: str | None) -> tuple[date, str] | None:
        return own_entry_into_force(specs[instrument], consent, kind) if instrument in specs else None

    defects.extend(lint_data(fixtures, states, specs, own))
    scenarios = sorted((fixtures / "scenarios").glob("*.yaml")) if (fixtures / "scenarios").is_dir() else []
    bad_scenarios = 0
    for path in scenarios:
        try:
            load_scenario(path)
        except TreatyRulesError as exc:
            defects.append(exc if isinstance(exc, DefinitionError) else DefinitionError(str(exc)))
            bad_scenarios += 1
    if scenarios and not bad_scenarios:
        notes.append(t("cli.lint.scenarios", count=len(scenarios), path=fixtures / "scenarios"))
    if unchecked:
        notes.append(t("cli.lint.unchecked", count=len(unchecked)))
        if verbose:
            notes.extend(t("cli.lint.unchecked_one", error=str(u)) for u in unchecked)
    if not defects:
        notes = _sample(rules, fixtures, defects) + notes
    else:
        notes.append(t("cli.lint.sample_skipped"))
    return defects, notes


def _sample(rules: Path, fixtures: Path, defects: list[DefinitionError]) -> list[str]:
    try:
        engine = Engine(rules, fixtures)
    except DefinitionError as exc:
        defects.append(exc)
        return []
    asked = 0
    for (req, rqd), measure, offence, mla, urgent in itertools.product(
        SAMPLE_PAIRS, Measure, SAMPLE_OFFENCES, (True, False, None), (False, True)
    ):
        query = engine.query(req, rqd, measure=measure, offence=offence, on=date.today(), mla_treaty=mla, urgent=urgent)
        engine.compute(query, engine.book, branches=False)
        asked += 1
    lines = [t("cli.lint.rules", path=book.path, rules=len(book.rules), articles=len(book.spec.articles)) for book in engine.rulebooks.values()]
    lines.append(t("cli.lint.channels", channels=len(engine.channel_map.channels), roles=len(engine.channel_map.roles)))
    lines.append(t(
        "cli.lint.data", parties=len(engine.book.party_rows), statements=len(engine.book.statement_rows),
        designations=len(engine.book.authority_rows), coverage=len(engine.book.coverage_rows),
    ))
    lines.append(t("cli.lint.questions", count=asked))
    return lines


def run(args: argparse.Namespace) -> int:
    for option, value in (("--rules", args.rules), ("--fixtures", args.fixtures)):
        if value is not None and not value.is_dir():
            print(t("cli.error", message=t("cli.lint.not_a_folder", option=option, path=value)), file=sys.stderr)
            return 2
    defects, notes = collect(args.rules or rules_dir(), args.fixtures or fixtures_dir(), verbose=args.verbose)
    for line in notes:
        print(line)
    for defect in defects:
        print(str(defect), file=sys.stderr)
    if defects:
        print(t("cli.lint.defects", count=len(defects)), file=sys.stderr)
    sys.stdout.flush()
    return 1 if defects else 0
