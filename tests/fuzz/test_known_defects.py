"""Inputs the fuzzers found that raise something other than a ``TreatyRulesError``.

Each is pinned as a strict xfail: when the owner fixes it, the test passes, pytest reports
XPASS as a failure, and the line is deleted here (and the strategy in strategies.py may then
draw that input too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import treatyrules
from treatyrules import TreatyRulesError
from treatyrules.scenario import load_scenario

BASE: dict[str, Any] = {"measure": "expedited_preservation", "offence": "electronic_evidence_any_offence", "on": "2025-03-01"}


@pytest.mark.parametrize(
    ("call", "kwargs"),
    [
        pytest.param(treatyrules.which_treaty_applies, {"data_types": 5}, id="data_types-int-TypeError-engine._normalise"),
        pytest.param(treatyrules.which_treaty_applies, {"max_penalty_years": 10**400}, id="penalty-huge-int-OverflowError-engine._normalise"),
        pytest.param(treatyrules.which_treaty_applies, {"data_types": True}, id="data_types-bool-TypeError-engine._normalise"),
        pytest.param(treatyrules.which_treaty_applies, {"scenario": 5}, id="scenario-int-TypeError-scenario.load_scenario"),
        pytest.param(treatyrules.which_treaty_applies, {"scenario": b"ES"}, id="scenario-bytes-TypeError-scenario.load_scenario"),
        pytest.param(treatyrules.diff, {"scenario": None}, id="diff-scenario-None-TypeError-scenario.load_scenario"),
        pytest.param(treatyrules.timeline, {"scenario": 5}, id="timeline-scenario-int-TypeError-scenario.load_scenario"),
    ],
)
@pytest.mark.xfail(strict=True, reason="known defect found by the fuzzers: raises a non-TreatyRulesError")
def test_known_defect(call: Any, kwargs: dict[str, Any]) -> None:
    args = {} if call is treatyrules.timeline else dict(BASE)
    args.update(kwargs)
    try:
        call("ES", "PE", **args)
    except TreatyRulesError:
        pass


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\x1f", id="unprintable-ReaderError"),
        pytest.param("\ufffe", id="U+FFFE-ReaderError"),
        pytest.param("!0", id="unknown-tag-ConstructorError"),
        pytest.param("!!python/object:os.system ls", id="python-tag-ConstructorError"),
        pytest.param("a: !!binary xyz", id="bad-base64-ConstructorError"),
        pytest.param("a: 2025-02-30", id="impossible-date-ValueError"),
        pytest.param("a: 2025-13-01", id="impossible-month-ValueError"),
        pytest.param("a: !!int x", id="int-tag-ValueError"),
        pytest.param("a: !!bool maybe", id="bool-tag-KeyError"),
        pytest.param("a: !!timestamp x", id="timestamp-tag-AttributeError"),
        pytest.param("&a [*a]", id="recursive-alias-RecursionError"),
        pytest.param("a: &x {b: *x}", id="recursive-mapping-RecursionError"),
    ],
)
@pytest.mark.xfail(strict=True, reason="known defect: _load.yaml_source.parse_yaml lets a PyYAML error escape (only MarkedYAMLError from compose is caught)")
def test_known_defect_unprintable_yaml(tmp_path: Path, text: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_scenario(path)
    except TreatyRulesError:
        pass


@pytest.mark.xfail(strict=True, reason="known defect: a blank reservation summary escapes pydantic's ValidationError from _facts.overlay._summary (Text)")
def test_known_defect_blank_statement_summary(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "schema: treatyrules.scenario/1\nname: fuzz_blank\ntitle: fuzz\nevents:\n"
        "- reservation: {state: CI, instrument: un_cybercrime, provision: '29.4', summary: \"\\t\", effective: 2028-09-04}\n",
        encoding="utf-8",
    )
    try:
        treatyrules.which_treaty_applies("CR", "PW", **BASE, scenario=path)
    except TreatyRulesError:
        pass
