"""Shared fixtures: the engine on the embedded data, and copies of the data to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from treatyrules._answer.engine import Engine, default_engine
from treatyrules.models import Answer, Basis

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def engine() -> Engine:
    return default_engine()


@pytest.fixture
def ask(engine: Engine) -> Callable[..., Answer]:
    """``ask("ES", "PE", measure=..., offence=..., on=...)`` on the embedded data."""

    def _ask(requesting: str, requested: str, **kwargs: object) -> Answer:
        scenario = kwargs.pop("scenario", None)
        return engine.answer_under(engine.query(requesting, requested, **kwargs), scenario)  # type: ignore[arg-type]

    return _ask


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of rules/ and fixtures/, for tests that break a file on purpose."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    return tmp_path


def budapest(answer: Answer) -> Basis:
    return answer.basis("budapest")


def grounds(basis: Basis) -> set[str]:
    return {g.ground.value for g in basis.refusal_grounds}


def channels(basis: Basis) -> dict[str, bool | None]:
    return {c.channel.value: c.available for c in basis.channels}


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI follows the locale; tests that want Spanish ask for it with --lang or using()."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
