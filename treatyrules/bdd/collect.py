"""Collecting ``.feature`` files: each file becomes a test module whose tests pytest-bdd's
``scenarios()`` generates (one per scenario, one per Examples row).

Before any test runs, the collector

* parses the file, and explains a Spanish file that lacks ``# language: es``;
* registers the file's tags as pytest markers (so ``--strict-markers`` accepts
  them and ``-m`` can select them);
* checks that every step, with every Examples row filled in, matches a step
  definition, and that the names, dates and citations in it can be read. A
  step that matches nothing, or names an unknown State or measure, fails the
  collection of the file with the closest known steps or names.

Tags with a meaning: ``@requires_<instrument>`` (e.g. ``@requires_second_protocol``)
skips the scenario when that instrument's rule file is not installed;
``@known_disagreement`` marks a scenario that states what the treaty says while
the engine answers otherwise: it runs as a strict xfail (only a failed check
counts), so the run fails as soon as the engine is fixed and the tag should be removed.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import exceptions as bdd_exceptions
from pytest_bdd import feature as bdd_feature
from pytest_bdd.parser import Feature, Step
from pytest_bdd.scenario import find_fixturedefs_for_step, scenario_wrapper_template_registry
from pytest_bdd.steps import step_function_context_registry

from treatyrules.bdd.case import CheckFailed
from treatyrules.bdd.language import TreatyStep
from treatyrules.bdd.messages import say
from treatyrules.bdd.names import UnknownName, fold
from treatyrules.bdd.steps import PARSERS
from treatyrules.bdd.vocabulary import BY_ID, VOCABULARY, StepError

SPANISH_KEYWORDS = re.compile(
    r"^\s*(?:Característica|Caracteristica|Necesidad del negocio|Requisito|Antecedentes|Escenario|Esquema del escenario|"
    r"Ejemplo|Ejemplos|Regla|Dado|Dada|Dados|Dadas|Cuando|Entonces)\b",
    re.MULTILINE,
)
LANGUAGE_HEADER = re.compile(r"^\s*#\s*language\s*:\s*(\S+)", re.MULTILINE)
KNOWN_DISAGREEMENT = "known_disagreement"
REQUIRES = "requires_"


def keyword_word(keyword: str, lang: str) -> str:
    """``"given"`` -> "Given" / "Dado"."""
    return say(lang, f"keywords.{keyword}")


def language_header(text: str) -> str | None:
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            return None
        m = LANGUAGE_HEADER.match(stripped)
        if m:
            return m.group(1)
    return None


def explain_parse_error(path: Path, exc: Exception) -> str:
    """A message an analyst can act on, for a file the Gherkin parser rejects."""
    text = path.read_text(encoding="utf-8", errors="replace")
    header = language_header(text)
    line = getattr(exc, "line", None)
    content = getattr(exc, "line_content", "")
    where = f"{path}:{line}" if line else str(path)
    if header is None and SPANISH_KEYWORDS.search(text):
        # The file's language is in doubt: say it in both, then what the parser said (in English).
        return "\n".join([
            say("en", "collect.undeclared_spanish", where=where),
            say("es", "collect.undeclared_spanish", where=where),
            say("en", "collect.parser_said", detail=getattr(exc, "message", exc), line=line, content=content.strip()),
        ])
    lang = "es" if header == "es" else "en"
    detail = getattr(exc, "message", str(exc))
    return say(lang, "collect.invalid_gherkin", where=where, detail=detail, line=line, content=content.strip())


def feature_tags(feature: Feature) -> set[str]:
    tags = set(feature.tags)
    for template in feature.scenarios.values():
        tags |= template.tags
        if template.rule is not None:
            tags |= template.rule.tags
        for examples in template.examples:
            tags |= examples.tags or set()
    return tags


def register_tags(config: pytest.Config, tags: Iterable[str], origin: str, lang: str = "en") -> None:
    known = {line.split(":")[0].split("(")[0].strip() for line in config.getini("markers")}
    for tag in sorted(tags):
        if tag not in known:
            config.addinivalue_line("markers", f"{tag}: {say(lang, 'collect.tag_marker', origin=origin)}")


def suggest_steps(step: Step, lang: str, node_parsers: Iterable[Any], n: int = 3) -> list[str]:
    """The known steps closest to ``step`` (difflib over the templates and examples), best first."""
    wanted = fold(step.name)
    scored: list[tuple[float, str]] = []
    eg = say(lang, "words.e_g")
    for spec in VOCABULARY:
        word = keyword_word("given" if spec.keyword == "given" else "then", lang)
        ratio = max(difflib.SequenceMatcher(None, wanted, fold(t)).ratio() for t in (spec.example(lang), spec.template(lang)))
        scored.append((ratio, f"{word} {spec.template(lang)}\n        {eg} {word} {spec.example(lang)}"))
    for parser in node_parsers:
        if not isinstance(parser, TreatyStep):
            scored.append((difflib.SequenceMatcher(None, wanted, fold(str(parser.name))).ratio(), str(parser.name)))
    scored.sort(key=lambda s: -s[0])
    out: list[str] = []
    for _, text in scored:
        if text not in out:
            out.append(text)
        if len(out) == n:
            break
    return out


def wrong_keyword(step: Step, lang: str) -> str | None:
    """If the text is a known step written after the wrong keyword, say which keyword it needs."""
    for parser in PARSERS:
        if parser.is_matching(step.name):
            spec = BY_ID[parser.spec_id]
            context = spec.keyword == "given"
            needed = keyword_word("given" if context else "then", lang)
            return say(lang, "collect.wrong_keyword_context" if context else "collect.wrong_keyword_conclusion", needed=needed)
    return None


class FeatureFile(pytest.Module):
    """A ``.feature`` file collected as a test module (see the module docstring)."""

    _lang: str = "en"  # the file's language, once parsed

    def _parse(self) -> Feature:
        full = str(self.path.resolve())
        bdd_feature.features.pop(full, None)  # read the file as it is now
        try:
            return bdd_feature.get_feature(str(self.path.parent), self.path.name)
        except bdd_exceptions.GherkinParseError as exc:
            raise self.CollectError(explain_parse_error(self.path, exc)) from None

    def _getobj(self) -> types.ModuleType:
        feature = self._parse()
        self._feature = feature
        self._lang = "es" if feature.language == "es" else "en"
        register_tags(self.config, feature_tags(feature), self.path.name, self._lang)
        module = types.ModuleType(f"treatyrules_feature_{re.sub(r'[^A-Za-z0-9_]', '_', self.path.stem)}")
        module.__file__ = str(self.path)
        module.__dict__["__feature__"] = str(self.path.resolve())
        module.__dict__["__feature_dir__"] = str(self.path.resolve().parent)
        code = compile("from pytest_bdd import scenarios as _scenarios\n_scenarios(__feature__, features_base_dir=__feature_dir__)\n", str(self.path), "exec")
        try:
            exec(code, module.__dict__)
        except bdd_exceptions.NoScenariosFound:
            raise self.CollectError(say(self._lang, "collect.no_scenarios", path=self.path)) from None
        return module

    def collect(self) -> list[Any]:
        self.obj  # noqa: B018 - parse and generate the tests first
        self._check_steps(self._feature)
        items = list(super().collect())
        for item in items:
            self._mark(item)
        return items

    # -- checks made at collection ---------------------------------------------------------

    def _check_steps(self, feature: Feature) -> None:
        lang = "es" if feature.language == "es" else "en"
        fixturemanager = self.session._fixturemanager
        problems: dict[tuple[int, str], str] = {}
        visible_parsers: list[Any] | None = None
        for template in feature.scenarios.values():
            contexts = [ctx for examples in template.examples for ctx in examples.as_contexts()] or [{}]
            for context in contexts:
                scenario = template.render(context)
                for step in scenario.steps:
                    if (step.line_number, step.name) in problems:
                        continue
                    defs = list(find_fixturedefs_for_step(step, fixturemanager, self))
                    if not defs:
                        if visible_parsers is None:
                            visible_parsers = self._visible_parsers()
                        problems[(step.line_number, step.name)] = self._no_match(step, lang, visible_parsers)
                        continue
                    problem = self._check_names(step, defs, lang)
                    if problem:
                        problems[(step.line_number, step.name)] = problem
        if problems:
            raise self.CollectError("\n\n".join(problems[k] for k in sorted(problems)))

    def _visible_parsers(self) -> list[Any]:
        from pytest_bdd.compat import get_fixture_names, getfixturedefs

        fm = self.session._fixturemanager
        out = []
        for name in get_fixture_names(fixturemanager=fm):
            for fd in getfixturedefs(fm, name, self) or []:
                context = step_function_context_registry.get(fd.func)
                if context is not None:
                    out.append(context.parser)
        return out

    def _where(self, step: Step) -> str:
        return f"{self.path}:{step.line_number}"

    def _no_match(self, step: Step, lang: str, parsers: list[Any]) -> str:
        head = say(lang, "collect.no_match", where=self._where(step), step=f"{step.keyword.strip()} {step.name}")
        hint = wrong_keyword(step, lang)
        lines = [head]
        if hint:
            lines.append("  " + hint)
        lines.append("  " + say(lang, "collect.closest"))
        lines.extend(f"    {s}" for s in suggest_steps(step, lang, parsers))
        lines.append("  " + say(lang, "collect.every_step"))
        return "\n".join(lines)

    def _check_names(self, step: Step, defs: list[Any], lang: str) -> str | None:
        for fd in defs:
            context = step_function_context_registry.get(fd.func)
            parser = getattr(context, "parser", None)
            if not isinstance(parser, TreatyStep):
                continue
            groups = parser.groups(step.name)
            if groups is None:
                continue
            try:
                BY_ID[parser.spec_id].parse(groups, parser.lang)
            except (UnknownName, StepError) as exc:
                detail = exc.render(lang) if isinstance(exc, UnknownName) else str(exc)
                return f"{self._where(step)}: {step.keyword.strip()} {step.name}\n  {detail}"
        return None

    # -- tags with a meaning -------------------------------------------------------------------

    def _mark(self, item: Any) -> None:
        marks = {m.name for m in item.iter_markers()}
        function = getattr(item, "obj", None)
        template = scenario_wrapper_template_registry.get(function) if callable(function) else None
        lang = self._lang
        for mark in sorted(marks):
            if mark.startswith(REQUIRES):
                instrument = mark[len(REQUIRES):]
                if not instrument_loaded(instrument):
                    item.add_marker(pytest.mark.skip(reason=say(lang, "collect.requires_missing", instrument=instrument, mark=mark)))
        if KNOWN_DISAGREEMENT in marks:
            why = " ".join((template.description or "").split()) if template is not None else ""
            why = why or say(lang, "collect.see_scenario")
            # Only a failed check counts as the disagreement; any other error stays an error.
            item.add_marker(pytest.mark.xfail(strict=True, raises=CheckFailed, reason=say(lang, "collect.known_disagreement", why=why)))


def instrument_loaded(instrument: str) -> bool:
    from treatyrules._answer.engine import default_engine

    return any(i.value == instrument for i in default_engine().rulebooks)
