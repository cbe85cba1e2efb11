"""The step parser: regular expressions matched without regard to case or accents.

``TreatyStep`` is a pytest-bdd ``StepParser``. Its pattern is written with
accents ("según", "está"); both the pattern and the step text are folded
(accents removed, lower case) before matching, and each space in the pattern
matches any run of white space. Arguments are cut from the original step text,
so "Perú" reaches the step function as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pytest_bdd.parsers import StepParser

from treatyrules.bdd.names import fold, fold_pattern


@dataclass(frozen=True)
class StepArgs:
    """What a step gives its function: the vocabulary entry, the language, the raw groups."""

    spec_id: str
    lang: str
    groups: dict[str, str | None]
    text: str = ""


def compile_pattern(pattern: str) -> re.Pattern[str]:
    folded = fold_pattern(pattern).replace(" ", r"\s+")
    return re.compile(folded, re.IGNORECASE)


class TreatyStep(StepParser):
    """A vocabulary pattern in one language (see the module docstring)."""

    def __init__(self, pattern: str, spec_id: str, lang: str) -> None:
        super().__init__(f"{spec_id}[{lang}]: {pattern}")
        self.pattern = pattern
        self.spec_id = spec_id
        self.lang = lang
        self.regex = compile_pattern(pattern)

    def match(self, name: str) -> re.Match[str] | None:
        return self.regex.fullmatch(fold(name.strip()))

    def is_matching(self, name: str) -> bool:
        return self.match(name) is not None

    def groups(self, name: str) -> dict[str, str | None] | None:
        text = name.strip()
        m = self.regex.fullmatch(fold(text))
        if m is None:
            return None
        return {k: (text[m.start(k):m.end(k)] if m.start(k) >= 0 else None) for k in self.regex.groupindex}

    def parse_arguments(self, name: str) -> dict[str, Any] | None:
        groups = self.groups(name)
        if groups is None:
            return None
        return {"step_args": StepArgs(self.spec_id, self.lang, groups, name.strip())}
