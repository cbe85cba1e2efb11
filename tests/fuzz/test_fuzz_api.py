"""Fuzzing the public API: every input gives an answer or a ``TreatyRulesError``, never another
exception (no TypeError, KeyError, OverflowError, ... escapes a public function).

Short and reproducible in the ordinary run (``strategies.FUZZ``: a few dozen examples per test,
derandomized); ``scripts/fuzz.py`` runs 100,000+ seeded inputs without hypothesis.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from treatyrules import TreatyRulesError
from treatyrules.models import Answer, Diff, Summary, Timeline

from .strategies import FUZZ, SHIPPED, good_states, langs, offences, query_kwargs, scenario_names, states


def _outcome(call: Any, *args: Any, **kwargs: Any) -> object:
    """What the call returned, or the ``TreatyRulesError`` it raised (anything else propagates)."""
    try:
        return call(*args, **kwargs)
    except TreatyRulesError as exc:
        str(exc)  # an error's message renders without raising, in the language in use
        return exc


@FUZZ
@given(states, states, query_kwargs())
def test_which_treaty_applies_answers_or_refuses(requesting: Any, requested: Any, kwargs: dict[str, Any]) -> None:
    result = _outcome(treatyrules.which_treaty_applies, requesting, requested, **kwargs)
    assert isinstance(result, Answer | TreatyRulesError)
    if isinstance(result, Answer):
        assert isinstance(treatyrules.summarize(result), Summary)


@FUZZ
@given(good_states, good_states, query_kwargs(valid=True))
def test_well_formed_queries_are_answered_and_summarized(requesting: str, requested: str, kwargs: dict[str, Any]) -> None:
    result = _outcome(treatyrules.which_treaty_applies, requesting, requested, **kwargs)
    if requesting == requested:
        assert isinstance(result, TreatyRulesError)
        return
    assert isinstance(result, Answer), result
    summary = treatyrules.summarize(result)
    assert summary.lang == result.lang == kwargs["lang"]
    summary.model_dump_json()
    result.model_dump_json()


@FUZZ
@given(states, states, st.one_of(st.sampled_from(SHIPPED), scenario_names), query_kwargs())
def test_diff_answers_or_refuses(requesting: Any, requested: Any, scenario: Any, kwargs: dict[str, Any]) -> None:
    kwargs.pop("scenario", None)
    result = _outcome(treatyrules.diff, requesting, requested, scenario=scenario, **kwargs)
    assert isinstance(result, Diff | TreatyRulesError)


@FUZZ
@given(states, states, scenario_names, st.one_of(st.none(), offences), langs)
def test_timeline_answers_or_refuses(a: Any, b: Any, scenario: Any, offence: Any, lang: Any) -> None:
    kwargs: dict[str, Any] = {"scenario": scenario, "lang": lang}
    if offence is not None:
        kwargs["offence"] = offence
    result = _outcome(treatyrules.timeline, a, b, **kwargs)
    assert isinstance(result, Timeline | TreatyRulesError)
