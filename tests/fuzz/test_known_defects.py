"""Inputs the fuzzers found that raise something other than a ``TreatyRulesError``.

Each is pinned as a strict xfail: when the owner fixes it, the test passes, pytest reports
XPASS as a failure, and the line is deleted here (and the strategy in strategies.py may then
draw that input too).
"""

from __future__ import annotations

from typing import Any

import pytest

import treatyrules
from treatyrules import TreatyRulesError

BASE: dict[str, Any] = {"measure": "expedited_preservation", "offence": "electronic_evidence_any_offence", "on": "2025-03-01"}


@pytest.mark.parametrize(
    ("call", "kwargs"),
    [
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
