"""The ``treatyrules`` command line: one module per command.

Every error is one line on stderr and exit status 2 (bad input or usage) or 1
(a defect found by ``lint``); nothing prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from treatyrules._i18n import lang_from_env, t, using
from treatyrules.cli import _batch, _checklist, _data, _diff, _draft, _lint, _matrix, _schema, _serve, _timeline, _which
from treatyrules.cli._options import add_lang_argument
from treatyrules.errors import TreatyRulesError

COMMANDS = (_which, _draft, _checklist, _matrix, _batch, _diff, _timeline, _lint, _data, _schema, _serve)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"treatyrules: error: {message} (see 'treatyrules {self.prog.split()[-1]} --help')\n" if " " in self.prog else f"treatyrules: error: {message} (see 'treatyrules --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="treatyrules", description="Which treaty governs a cross-border request for electronic evidence.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    for command_parser in sub.choices.values():
        if not any("--lang" in action.option_strings for action in command_parser._actions):
            add_lang_argument(command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", None) or lang_from_env()
    args.lang = lang
    try:
        with using(lang):
            return int(args.run(args))
    except TreatyRulesError as exc:
        with using(lang):
            print(t("cli.error", message=exc), file=sys.stderr)
        return 2 if args.command != "lint" else 1
    except BrokenPipeError:  # pragma: no cover - e.g. piping into head
        return 0
