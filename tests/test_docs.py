"""The reference docs stay in step with the code: every predicate and conclusion is documented."""

from __future__ import annotations

import re
from pathlib import Path

from treatyrules._rules.predicates import PREDICATES
from treatyrules._validate.rulefile import Then

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_predicate_is_documented() -> None:
    text = (DOCS / "rules.md").read_text(encoding="utf-8")

    assert [name for name in PREDICATES if f"| `{name}` |" not in text] == []


def test_every_conclusion_is_documented() -> None:
    text = (DOCS / "rules.md").read_text(encoding="utf-8")

    assert [name for name in Then.model_fields if f"| `{name}` |" not in text] == []


def test_readme_opens_with_the_two_setup_commands_and_ci_runs_them() -> None:
    """The README starts with exactly two commands (install and answer; install and test),
    and CI runs both verbatim, so a fresh machine gets what the README promises."""
    root = DOCS.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    head = readme.split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", head, re.S)
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")

    assert len(blocks) == 2 and all("\n" not in b for b in blocks)
    assert "pip install -q . &&" in blocks[0] and ".venv/bin/treatyrules which" in blocks[0]
    assert blocks[1].endswith(".venv/bin/python -m pytest")
    assert [b for b in blocks if b not in ci.splitlines()] == []
