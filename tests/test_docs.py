"""The reference docs stay in step with the code: every predicate and conclusion is documented."""

from __future__ import annotations

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
