"""The pytest plugin: ``.feature`` files anywhere under the test paths become tests.

Installed with the package as the ``pytest11`` entry point ``treatyrules``, so a
folder holding only ``.feature`` files runs with a plain ``pytest``. In a source
checkout (package not installed) load it with ``-p treatyrules.bdd.plugin``;
the repository's ``pyproject.toml`` does so.

What it adds:

* collection of ``*.feature`` files (``treatyrules.bdd.collect``), unless the ini
  option ``treatyrules_collect_features = false`` (for projects that bind their
  features with pytest-bdd's ``scenarios()`` themselves);
* the step vocabulary (``treatyrules.bdd.steps``) and the ``treaty_case`` fixture;
* every Gherkin tag is registered as a marker, so ``--strict-markers`` accepts
  any tag and ``-m`` can select by tag;
* failures of ``Then`` steps reported as the step, what it expected and what
  the answer says, without a Python traceback;
* ``--treatyrules-coverage`` (``treatyrules.bdd.coverage``).

The module imports nothing heavy: pytest-bdd and the engine load only when a
``.feature`` file is collected, so the plugin costs nothing in other test runs.

It is the top of the package: it imports the modules below it (``steps``, ``collect``,
``coverage``) and none of them imports it; the coverage recorder reaches the steps
through the ``ScenarioStart`` this plugin stashes on each scenario's test item.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from treatyrules._i18n import current
from treatyrules.bdd.messages import say

ENTRY_POINT = "treatyrules"
RECORDER_KEY = pytest.StashKey[Any]()


def _bdd_missing() -> str:
    """The message for a .feature file when pytest-bdd is missing, in both languages (the file's is not known)."""
    return f"{say('en', 'plugin.no_pytest_bdd')} ({say('es', 'plugin.no_pytest_bdd')})"


def _bdd_available() -> bool:
    try:
        import pytest_bdd  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.hookimpl
def pytest_plugin_registered(plugin: Any, plugin_name: str, manager: Any) -> None:
    """Loaded with ``-p treatyrules.bdd.plugin``, keep the entry point from loading it a second time."""
    if plugin is sys.modules[__name__] and plugin_name != ENTRY_POINT and manager.get_plugin(ENTRY_POINT) is None:
        if not manager.is_blocked(ENTRY_POINT):
            manager.set_blocked(ENTRY_POINT)


def pytest_addoption(parser: pytest.Parser) -> None:
    lang = current()
    group = parser.getgroup("treatyrules", say(lang, "plugin.group"))
    group.addoption(
        "--treatyrules-coverage",
        action="store_true",
        default=False,
        help=say(lang, "plugin.help_coverage"),
    )
    group.addoption(
        "--treatyrules-coverage-json",
        metavar="PATH",
        default=None,
        help=say(lang, "plugin.help_coverage_json"),
    )
    group.addoption(
        "--treatyrules-coverage-fail-under",
        metavar="[INSTRUMENT=]PCT",
        default=None,
        help=say(lang, "plugin.help_fail_under"),
    )
    parser.addini(
        "treatyrules_collect_features",
        type="bool",
        default=True,
        help=say(lang, "plugin.help_collect"),
    )


def _coverage_wanted(config: pytest.Config) -> bool:
    return bool(
        config.getoption("treatyrules_coverage")
        or config.getoption("treatyrules_coverage_json")
        or config.getoption("treatyrules_coverage_fail_under") is not None
    )


def pytest_configure(config: pytest.Config) -> None:
    lang = current()
    config.addinivalue_line("markers", f"known_disagreement: {say(lang, 'plugin.marker_known_disagreement')}")
    config.addinivalue_line("markers", f"requires_second_protocol: {say(lang, 'plugin.marker_requires_second_protocol')}")
    if _bdd_available():
        from treatyrules.bdd import steps

        if not config.pluginmanager.is_registered(steps):
            config.pluginmanager.register(steps, "treatyrules.bdd.steps")
    if _coverage_wanted(config):
        from treatyrules.bdd.coverage import Recorder

        config.stash[RECORDER_KEY] = Recorder()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix != ".feature" or not parent.config.getini("treatyrules_collect_features"):
        return None
    if not _bdd_available():
        return _NoBdd.from_parent(parent, path=file_path)
    from treatyrules.bdd.collect import FeatureFile

    return FeatureFile.from_parent(parent, path=file_path)


class _NoBdd(pytest.File):
    def collect(self) -> Any:
        raise self.CollectError(f"{self.path}: {_bdd_missing()}")


# -- while scenarios run -------------------------------------------------------------------

CURRENT_STEP = pytest.StashKey[Any]()


@pytest.hookimpl(optionalhook=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    from treatyrules.bdd.steps import STEP_KEY, ScenarioStart

    lang = "es" if getattr(feature, "language", "en") == "es" else "en"
    recorder = request.config.stash.get(RECORDER_KEY, None)
    request.node.stash[STEP_KEY] = ScenarioStart(lang, Path(feature.filename).parent, scenario.name, recorder)


@pytest.hookimpl(optionalhook=True)
def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any) -> None:
    request.node.stash[CURRENT_STEP] = (feature, scenario, step)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if call.excinfo is None or not report.failed:
        return report
    from treatyrules.bdd.case import CheckFailed

    if isinstance(call.excinfo.value, CheckFailed):
        where = item.stash.get(CURRENT_STEP, None)
        report.longrepr = _failure_text(where, call.excinfo.value, item.config.rootpath)
    return report


def _failure_text(where: Any, exc: Any, rootpath: Path) -> str:
    """The failing step first (pytest's summary line shows it), then where it is, then why."""
    if where is None:
        return str(exc.message)
    feature, scenario, step = where
    lang = "es" if getattr(feature, "language", "en") == "es" else "en"
    try:
        shown = str(Path(feature.filename).resolve().relative_to(rootpath.resolve()))
    except ValueError:
        shown = str(feature.filename)
    scenario_word = say(lang, "keywords.scenario")
    return "\n".join([
        f"{step.keyword.strip()} {step.name}",
        f"  {shown}:{step.line_number} · {scenario_word}: {scenario.name}",
        "",
        exc.message,
    ])


# -- the coverage report ---------------------------------------------------------------------


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    recorder = config.stash.get(RECORDER_KEY, None)
    if recorder is None:
        return
    lang = current()
    terminalreporter.section(say(lang, "coverage.section"))
    terminalreporter.write_line(recorder.report())
    path = config.getoption("treatyrules_coverage_json")
    if path:
        recorder.write_json(Path(path))
        terminalreporter.write_line(say(lang, "plugin.written_to", path=path))
    floor = config.getoption("treatyrules_coverage_fail_under")
    if floor is not None:
        for problem in _shortfalls(recorder, floor):
            terminalreporter.write_line(say(lang, "plugin.fail_under", floor=floor, problem=problem), red=True)


def _shortfalls(recorder: Any, floor: str) -> list[str]:
    try:
        return list(recorder.shortfalls(floor))
    except ValueError:
        return [say(current(), "plugin.bad_floor", floor=floor)]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    recorder = session.config.stash.get(RECORDER_KEY, None)
    floor = session.config.getoption("treatyrules_coverage_fail_under")
    if recorder is None or floor is None:
        return
    if _shortfalls(recorder, floor) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
