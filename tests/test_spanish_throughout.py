"""The Spanish answer is Spanish throughout: no English sentence in the summary or the full answer.

Office names are data (an office is named as it was designated, often in English on the
Council of Europe's pages) and are set aside; so are citations and tags. Everything else a
user reads must be Spanish.
"""

from __future__ import annotations

import re

import pytest

from treatyrules.cli import main

#: words that occur in English sentences and never in Spanish ones
ENGLISH = re.compile(r"\b(the|of the|must|is|are|not|and|may|which|under|shall|whether|only|request|requested|requesting)\b", re.I)
QUESTIONS = [
    ["ES", "PE", "--measure", "expedited_preservation", "--offence", "electronic_evidence_any_offence", "--on", "2025-03-01"],
    ["PE", "ES", "--measure", "general_mla", "--offence", "computer_fraud", "--on", "2025-03-01", "--mla-treaty", "no"],
    ["ES", "PE", "--measure", "urgent_mla", "--offence", "computer_fraud", "--on", "2025-03-01", "--urgent", "--mla-treaty", "no"],
    ["PE", "ES", "--measure", "subscriber_info_direct_order", "--offence", "computer_fraud", "--on", "2027-06-01", "--scenario", "peru_and_spain_ratify_second_protocol"],
]


def _spanish_lines(out: str) -> list[str]:
    bad = []
    for line in out.splitlines():
        text = re.sub(r"\[[^\]]*\]", "", line)  # citations, marks
        text = re.sub(r"\((?:[^()]|\([^()]*\))*\)", "", text)  # office names and notes in parentheses
        text = re.sub(r"\b[a-z_]+:[A-Za-z0-9_:]+\b|\b[a-z]+_[a-z_]+\b", "", text)  # tags and fact keys
        if ENGLISH.search(text):
            bad.append(line)
    return bad


@pytest.mark.parametrize("argv", QUESTIONS, ids=lambda a: "-".join(a[:4]))
@pytest.mark.parametrize("view", [[], ["--full"]], ids=["summary", "full"])
def test_no_english_sentence_in_the_spanish_answer(argv: list[str], view: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["which", *argv, "--lang", "es", *view]) == 0
    assert _spanish_lines(capsys.readouterr().out) == []


def test_the_check_finds_english(capsys: pytest.CaptureFixture[str]) -> None:
    """The same check on the English answer must find English, or it proves nothing."""
    assert main(["which", *QUESTIONS[0], "--lang", "en", "--full"]) == 0
    assert len(_spanish_lines(capsys.readouterr().out)) > 10
