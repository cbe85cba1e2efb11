"""Fuzzing scenario files: YAML text (well-formed, cut short, garbled, or noise) written to a
file and used as a scenario. Loading it, answering under it, diffing and a timeline under it
give a result or a ``TreatyRulesError`` (a ``ScenarioFileError`` naming the place), never
another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from treatyrules import TreatyRulesError
from treatyrules.models import Answer, Diff, Timeline
from treatyrules.scenario import load_scenario

from .strategies import FUZZ, MEASURES, good_days, good_states, scenario_texts
from .test_fuzz_api import _outcome


def _written(text: str, folder: str) -> Path:
    path = Path(folder) / "fuzz_scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@FUZZ
@given(scenario_texts())
def test_loading_a_scenario_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result = _outcome(load_scenario, _written(text, folder))
    assert not isinstance(result, BaseException) or isinstance(result, TreatyRulesError)


@FUZZ
@given(scenario_texts(), good_states, good_states, st.sampled_from(MEASURES), good_days, st.sampled_from(["en", "es"]))
def test_answering_under_a_scenario_file(text: str, requesting: str, requested: str, measure: str, on: Any, lang: str) -> None:
    query = {"measure": measure, "offence": "electronic_evidence_any_offence", "on": on, "lang": lang}
    with tempfile.TemporaryDirectory() as folder:
        path = _written(text, folder)
        answer = _outcome(treatyrules.which_treaty_applies, requesting, requested, scenario=path, **query)
        diff = _outcome(treatyrules.diff, requesting, requested, scenario=str(path), **query)
        timeline = _outcome(treatyrules.timeline, requesting, requested, scenario=path, lang=lang)
    assert isinstance(answer, Answer | TreatyRulesError)
    assert isinstance(diff, Diff | TreatyRulesError)
    assert isinstance(timeline, Timeline | TreatyRulesError)
