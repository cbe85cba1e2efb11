"""The step definitions: one function per vocabulary entry, both languages stacked on it.

This module is registered as a pytest plugin by ``treatyrules.bdd.plugin``, so
its step fixtures are visible to every ``.feature`` file. It also defines the
``treaty_case`` fixture, the question one Gherkin scenario builds.

The plugin tells the fixture about the running scenario by putting a ``ScenarioStart``
(its language, folder, title and the coverage recorder, if any) in the test item's stash
under ``STEP_KEY`` before the first step: this module imports nothing above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import step

from treatyrules.bdd.case import CaseRecorder, CheckFailed, TreatyCase
from treatyrules.bdd.checks import CHECKS
from treatyrules.bdd.language import StepArgs, TreatyStep
from treatyrules.bdd.messages import say
from treatyrules.bdd.names import UnknownName
from treatyrules.bdd.vocabulary import BY_ID, VOCABULARY, StepError, StepSpec


@dataclass(frozen=True)
class ScenarioStart:
    """What the plugin knows of a scenario when it starts."""

    lang: str
    feature_dir: Path | None
    title: str
    recorder: CaseRecorder | None = None


CASE_KEY = pytest.StashKey[TreatyCase]()
STEP_KEY = pytest.StashKey[ScenarioStart]()


@pytest.fixture
def treaty_case(request: pytest.FixtureRequest) -> TreatyCase:
    """The question of the running scenario (see ``treatyrules.bdd.case``)."""
    node = request.node
    case: TreatyCase | None = node.stash.get(CASE_KEY, None)
    if case is None:
        start = node.stash.get(STEP_KEY, None)
        case = TreatyCase(nodeid=node.nodeid)
        if start is not None:
            case.lang, case.feature_dir, case.title, case.recorder = start.lang, start.feature_dir, start.title, start.recorder
        node.stash[CASE_KEY] = case
    return case


def _parse(spec: StepSpec, args: StepArgs) -> dict[str, Any]:
    try:
        return spec.parse(args.groups, args.lang)
    except (UnknownName, StepError) as exc:
        raise CheckFailed(exc.render(args.lang) if isinstance(exc, UnknownName) else str(exc)) from None


# -- what the context and what-if steps do --------------------------------------------------


def _give(case: TreatyCase, spec_id: str, p: dict[str, Any], text: str) -> None:
    if spec_id == "date":
        case.set(on=p["on"])
    elif spec_id == "request":
        case.set(requesting=p["requesting"], requested=p["requested"])
    elif spec_id in ("measure", "offence", "urgency", "mla_treaty", "extradition_treaty", "data_types", "penalty", "act_began"):
        case.set(**p)
    elif spec_id == "consent":
        case.add_event({"consent": {"state": p["state"], "instrument": p["instrument"], "date": p["date"], "kind": p["kind"]}}, text)
    elif spec_id == "denunciation":
        case.add_event({"denunciation": {"state": p["state"], "instrument": p["instrument"], "date": p["date"]}}, text)
    elif spec_id == "statement":
        body = {"state": p["state"], "instrument": p["instrument"], "provision": p["provision"], "summary": say(case.lang, "steps.hypothetical", step=text)}
        if p["date"] is not None:
            body["effective"] = p["date"]
        case.add_event({p["kind"]: body}, text)
    elif spec_id == "withdrawal":
        case.add_event({"withdrawal": {"state": p["state"], "instrument": p["instrument"], "kind": p["kind"], "provision": p["provision"], "date": p["date"]}}, text)
    elif spec_id == "mla_treaty_hypothetical":
        case.add_event({"mla_treaty": {"states": list(p["states"]), "from": p["date"]}}, text)
    elif spec_id == "scenario":
        case.add_scenario(p["name"])
    else:  # pragma: no cover - the vocabulary and this table are kept together
        raise AssertionError(f"no action for step {spec_id}")


def _make(spec: StepSpec) -> Any:
    if spec.keyword == "given":

        def run_given(treaty_case: TreatyCase, step_args: StepArgs) -> None:
            __tracebackhide__ = True
            parsed = _parse(spec, step_args)
            _give(treaty_case, spec.id, parsed, step_args.text)

        run_given.__name__ = f"step_{spec.id}"
        run_given.__doc__ = spec.template_en
        return run_given

    check = CHECKS[spec.id]

    def run_then(treaty_case: TreatyCase, step_args: StepArgs) -> None:
        __tracebackhide__ = True
        check(treaty_case, _parse(spec, step_args))

    run_then.__name__ = f"step_{spec.id}"
    run_then.__doc__ = spec.template_en
    return run_then


FUNCTIONS: dict[str, Any] = {}
PARSERS: list[TreatyStep] = []

# Register each entry for both languages on one function. Context and what-if steps
# may follow Given or When; assertions follow Then.
for _spec in VOCABULARY:
    _func = _make(_spec)
    _types = ("given", "when") if _spec.keyword == "given" else ("then",)
    for _lang in ("en", "es"):
        _parser = TreatyStep(_spec.pattern(_lang), _spec.id, _lang)
        PARSERS.append(_parser)
        for _type in _types:
            _func = step(_parser, _type)(_func)  # type: ignore[arg-type]
    _func.treaty_spec = _spec
    FUNCTIONS[_spec.id] = _func

del _spec, _func, _types, _lang, _parser, _type

__all__ = ["BY_ID", "FUNCTIONS", "PARSERS", "VOCABULARY", "treaty_case"]
