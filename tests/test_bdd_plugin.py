"""The Gherkin plugin for analysts: collection of .feature files, the shared step vocabulary,
the errors an analyst sees, the coverage report, and a run from an installed package."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from treatyrules.bdd.language import TreatyStep
from treatyrules.bdd.steps import PARSERS
from treatyrules.bdd.vocabulary import BY_ID, VOCABULARY

if TYPE_CHECKING:
    from treatyrules.models import Answer

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"
PLUGIN = ("-p", "treatyrules.bdd.plugin")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider", *args)


def feature(pytester: pytest.Pytester, name: str, text: str) -> Path:
    path = pytester.path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


SPANISH = """
    # language: es
    @budapest
    Característica: Conservación rápida
      Antecedentes:
        Dada la fecha es 2025-03-01
        Y la medida es conservación rápida

      Regla: Artículo 29.5

        @art_29
        Esquema del escenario: <requirente> pide a <requerido>
          Dada una solicitud de <requirente> a <requerido>
          Y el delito es <delito>
          Entonces el Convenio de Budapest aplica
          Y los motivos de denegación son exactamente: <motivos>

          Ejemplos:
            | requirente | requerido | delito         | motivos                               |
            | España     | Perú      | acceso ilícito | delito político, intereses esenciales |
            | PE         | ES        | acceso ilícito | delito político, intereses esenciales |

        Escenario: La red 24/7
          Dada una solicitud de España al Perú
          Y el delito es fraude informático
          Entonces el Convenio de Budapest aplica
          Y la red 24/7 está abierta según el artículo 35.1.b del Convenio de Budapest
    """

ENGLISH = """
    @budapest @some_tag_nobody_declared
    Feature: Preservation
      Background:
        Given the date is 2025-03-01
        And the measure is expedited preservation

      Scenario: Spain asks Peru
        Given a request from spain to PERU
        And the offence is Computer-Related Fraud
        Then the Budapest Convention applies
        And dual criminality is never required under Article 29.3 of the Budapest Convention
    """


class TestCollection:
    def test_a_folder_of_feature_files_runs_with_outlines_background_rules_and_tags(self, pytester: pytest.Pytester) -> None:
        """No Python file: the plugin collects both languages, every Examples row is a test."""
        feature(pytester, "es/conservacion.feature", SPANISH)
        feature(pytester, "en/preservation.feature", ENGLISH)

        result = run(pytester, "-v", "--strict-markers", "-W", "error")

        result.assert_outcomes(passed=4)
        result.stdout.fnmatch_lines(["*conservacion.feature::test_requirente_pide_a_requerido*PASSED*"])

    def test_tags_become_markers_that_select_scenarios(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "es/conservacion.feature", SPANISH)
        feature(pytester, "en/preservation.feature", ENGLISH)

        result = run(pytester, "--strict-markers", "-m", "art_29")

        result.assert_outcomes(passed=2, deselected=2)

    def test_requires_tag_skips_when_the_rule_file_is_missing(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            @requires_eu_e_evidence
            Feature: An instrument this installation has no rules for
              Scenario: Anything
                Given the date is 2025-03-01
            """)

        result = run(pytester, "-rs")

        result.assert_outcomes(skipped=1)
        result.stdout.fnmatch_lines(["*rules/eu_e_evidence.yaml is not in this installation*"])

    def test_known_disagreement_runs_as_a_strict_xfail(self, pytester: pytest.Pytester) -> None:
        """The tagged scenario must fail; once the engine agrees with it, the run fails."""
        feature(pytester, "x.feature", """
            Feature: Disagreements
              Background:
                Given the date is 2025-03-01
                And a request from Spain to Peru
                And the measure is expedited preservation
                And the offence is computer-related fraud

              @known_disagreement
              Scenario: Still disagrees
                The engine says otherwise.
                Then the Budapest Convention does not apply

              @known_disagreement
              Scenario: Fixed by now
                Then the Budapest Convention applies
            """)

        result = run(pytester, "-rxX")

        result.assert_outcomes(xfailed=1, failed=1)
        result.stdout.fnmatch_lines(["*known disagreement between the treaty and the engine: The engine says otherwise.*"])

    def test_features_can_be_left_to_pytest_bdd(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", ENGLISH)
        pytester.makeini("[pytest]\ntreatyrules_collect_features = false\n")

        result = run(pytester)

        assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


class TestErrorsAnalystsUnderstand:
    def test_a_step_that_matches_nothing_fails_at_collection_with_the_closest_steps(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            # language: es
            Característica: Un paso mal escrito
              Escenario: Nada corre
                Dada la fecha es 2025-03-01
                Y una solicitud de España al Perú
                Entonces el Convenio de Budapest se aplica hoy
            """)

        result = run(pytester)

        assert result.ret == pytest.ExitCode.INTERRUPTED
        result.stdout.fnmatch_lines([
            "*ERROR collecting x.feature*",
            "*x.feature:6: ningún paso coincide con: Entonces el Convenio de Budapest se aplica hoy",
            "*pasos conocidos más parecidos:",
            "*Entonces <instrumento> aplica | no aplica*",
        ])
        result.assert_outcomes(errors=1)

    def test_a_context_step_after_then_says_which_keyword_it_needs(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            Feature: Wrong keyword
              Scenario: A fact after Then
                Then the date is 2025-03-01
            """)

        result = run(pytester)

        result.stdout.fnmatch_lines(["*no step matches: Then the date is 2025-03-01", "*this is a context step: write it after 'Given'*"])

    def test_unknown_state_and_measure_names_say_which_names_exist(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            Feature: Misspelled names
              Scenario: Two typos
                Given the date is 2025-03-01
                And a request from Spain to Peruu
                And the measure is expedited preservaton
                And the offence is computer-related fraud
            """)

        result = run(pytester)

        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines([
            "*x.feature:4: And a request from Spain to Peruu",
            "*unknown State 'Peruu'; did you mean Peru (PE)*",
            "*x.feature:5: And the measure is expedited preservaton",
            "*unknown measure 'expedited preservaton'; did you mean expedited preservation · *",
        ])

    def test_unknown_names_in_examples_are_caught_row_by_row(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            # language: es
            Característica: Tabla
              Esquema del escenario: <Estado>
                Dada la fecha es 2025-03-01
                Y una solicitud de España a <Estado>
                Y la medida es conservación rápida
                Y el delito es fraude informático
                Entonces el Convenio de Budapest aplica

                Ejemplos:
                  | Estado    |
                  | Perú      |
                  | Atlantida |
            """)

        result = run(pytester)

        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines(["*Y una solicitud de España a Atlantida", "*nombre no reconocido (Estado): 'Atlantida'*"])

    def test_an_empty_examples_cell_means_none(self, pytester: pytest.Pytester) -> None:
        """Extradition for an offence outside Arts 2-11: no grounds at all, written as an empty cell."""
        feature(pytester, "x.feature", """
            Feature: Empty cells
              Scenario Outline: <offence>
                Given the date is 2025-03-01
                And a request from Spain to Peru
                And the measure is expedited preservation
                And the offence is <offence>
                Then the Budapest Convention applies
                And the prohibited grounds are exactly: <prohibited>
                And the open channels are exactly: <nothing>

                Examples:
                  | offence                | prohibited | nothing |
                  | computer-related fraud |            |         |
            """)

        result = run(pytester)

        # Preservation has no prohibited grounds; the 24/7 channel is open, so the second check fails.
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*And the open channels are exactly:*", "expected open channels: none", "*24/7 point of contact: open*"])
        assert "prohibited grounds" not in result.stdout.str()

    def test_a_spanish_file_without_the_language_line_is_explained(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            Característica: Sin cabecera
              Escenario: Algo
                Dada la fecha es 2025-03-01
            """)

        result = run(pytester)

        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines([
            "*x.feature:1: this file is written in Spanish but does not say so. Add this line at the very top of the file:",
            "*# language: es",
            "*x.feature:1: este archivo está en español pero no lo indica*",
        ])

    def test_a_failed_check_shows_the_step_what_was_expected_and_the_answer(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            # language: es
            Característica: Un error del analista
              Escenario: El Perú antes de quedar vinculado
                Dada la fecha es 2019-11-30
                Y una solicitud de España al Perú
                Y la medida es conservación rápida
                Y el delito es fraude informático
                Entonces el Convenio de Budapest aplica
            """)

        result = run(pytester)

        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines([
            "Entonces el Convenio de Budapest aplica",
            "  x.feature:8 · Escenario: El Perú antes de quedar vinculado",
            "se esperaba: el Convenio de Budapest aplica",
            "la respuesta: no aplica, porque:",
            f"*{bound_fact('es', 'PE', '2019-11-30')}*",
        ])
        assert "Traceback" not in result.stdout.str()
        result.stdout.fnmatch_lines(["FAILED x.feature::test_el_per*_antes_de_quedar_vinculado - Entonces el Conven*"])

    def test_a_comparison_check_says_what_the_comparison_found(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            Feature: Two instruments for one request
              Background:
                Given the scenario "comjib_ratified_pe_es_pt"
                And the date is 2027-06-01
                And a request from Spain to Peru
                And the measure is expedited preservation
                And the offence is computer-related fraud
                And there is no MLA treaty between them

              Scenario: COMJIB lists more grounds than Budapest
                Then the fewest refusal grounds are under the COMJIB Convention

              Scenario: Only one instrument before the ratifications
                Given the date is 2026-06-01
                Then the fastest route is under the Budapest Convention
            """)

        result = run(pytester)

        result.assert_outcomes(failed=2)
        result.stdout.fnmatch_lines([
            "expected COMJIB Convention; the comparison says: Fewest refusal grounds: budapest lists 2 (closed list, budapest 29.5). Against: comjib lists 9*",
            "expected a comparison naming Budapest Convention; fewer than two instruments may carry this request",
        ], consecutive=False)

    def test_a_question_missing_its_date_says_which_step_to_add(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            Feature: No date
              Scenario: Forgot the date
                Given a request from Spain to Peru
                And the measure is expedited preservation
                And the offence is computer-related fraud
                Then the Budapest Convention applies
            """)

        result = run(pytester)

        result.stdout.fnmatch_lines(["*the scenario does not say enough to ask the question; add steps such as:", "*Given the date is 2025-03-01"])

    def test_a_what_if_the_treaty_forbids_names_the_step(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", """
            Feature: Impossible hypothesis
              Scenario: A reservation Article 42 does not allow
                Given that Spain makes a reservation under Article 27.1 of the Budapest Convention
                And the date is 2025-03-01
                And a request from Peru to Spain
                And the measure is expedited preservation
                And the offence is computer-related fraud
                Then the Budapest Convention applies
            """)

        result = run(pytester)

        result.stdout.fnmatch_lines(["*the what-if step 'that Spain makes a reservation under Article 27.1 of the Budapest Convention' cannot hold*budapest 42*"])


def _answer(lang: str, requested: str, on: str) -> "Answer":
    from treatyrules._answer.engine import default_engine
    from treatyrules._i18n import using
    from treatyrules.bdd.messages import lang_of

    engine = default_engine()
    with using(lang_of(lang)):
        return engine.answer(engine.query("ES", requested, measure="expedited_preservation", offence="computer_fraud", on=on))


def bound_fact(lang: str, requested: str, on: str) -> str:
    """The engine's own text, in ``lang``, of the fact that keeps Budapest from applying ES -> ``requested``."""
    basis = _answer(lang, requested, on).basis("budapest")
    return next(f.text for r in basis.reasons if r.holds is False for f in r.facts)


PERU_2019 = {
    "en": """
        Feature: An analyst's mistake
          Scenario: Peru before it was bound
            Given the date is 2019-11-30
            And a request from Spain to Peru
            And the measure is expedited preservation
            And the offence is computer-related fraud
            Then the Budapest Convention {verdict}
        """,
    "es": """
        # language: es
        Característica: Un error del analista
          Escenario: El Perú antes de quedar vinculado
            Dada la fecha es 2019-11-30
            Y una solicitud de España al Perú
            Y la medida es conservación rápida
            Y el delito es fraude informático
            Entonces el Convenio de Budapest {verdict}
        """,
}


class TestTheFeaturesLanguage:
    """The answer an analyst reads, and every message about it, is in the language of the feature."""

    @pytest.mark.parametrize(("lang", "head", "answer"), [
        ("es", "se esperaba: el Convenio de Budapest aplica", "la respuesta: no aplica, porque:"),
        ("en", "expected: the Budapest Convention applies", "the answer: it does not apply, because:"),
    ])
    def test_a_failed_check_reports_in_the_features_language(self, pytester: pytest.Pytester, lang: str, head: str, answer: str) -> None:
        feature(pytester, "x.feature", PERU_2019[lang].replace("{verdict}", "aplica" if lang == "es" else "applies"))
        other = "en" if lang == "es" else "es"

        result = run(pytester)

        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines([head, answer, f"  [[]{'sí' if lang == 'es' else 'yes'}] *", f"*- {bound_fact(lang, 'PE', '2019-11-30')}*"])
        assert bound_fact(other, "PE", "2019-11-30") not in result.stdout.str()

    @pytest.mark.parametrize("lang", ["es", "en"])
    def test_check_failed_carries_the_answer_excerpt_in_the_cases_language(self, lang: str) -> None:
        from datetime import date

        from treatyrules.bdd.case import CheckFailed, TreatyCase
        from treatyrules.bdd.checks import check_applies

        case = TreatyCase(lang=lang, on=date(2019, 11, 30), requesting="ES", requested="PE", measure="expedited_preservation", offence="computer_fraud")
        with pytest.raises(CheckFailed) as failed:
            check_applies(case, {"instrument": "budapest", "expected": True, "because": None, "cite": None})

        exc = failed.value
        assert case.answer().lang == lang
        assert exc.message.startswith("se esperaba: el Convenio de Budapest aplica\n" if lang == "es" else "expected: the Budapest Convention applies\n")
        assert exc.message.endswith(exc.answer_text)
        assert bound_fact(lang, "PE", "2019-11-30") in exc.answer_text
        reasons = _answer(lang, "PE", "2019-11-30").basis("budapest").reasons
        assert all(r.text in exc.answer_text for r in reasons)

    def test_because_is_read_in_the_features_language(self, pytester: pytest.Pytester) -> None:
        """A Spanish file quotes the Spanish answer, an English file the English one; a Spanish file
        quoting the English text fails (rule ids and fact keys are the same in both)."""
        spanish = bound_fact("es", "PE", "2019-11-30").split(": ", 1)[1].split(";")[0]  # "aún no está obligado ..."
        english = bound_fact("en", "PE", "2019-11-30").split(": ", 1)[1].split(";")[0]  # "not yet bound ..."
        assert spanish != english
        feature(pytester, "es_ok.feature", PERU_2019["es"].replace("{verdict}", f"no aplica porque {spanish}"))
        feature(pytester, "es_key.feature", PERU_2019["es"].replace("{verdict}", "no aplica porque budapest.parties.both_bound"))
        feature(pytester, "en_ok.feature", PERU_2019["en"].replace("{verdict}", f"does not apply because {english}"))
        feature(pytester, "es_english.feature", PERU_2019["es"].replace("{verdict}", f"no aplica porque {english}"))
        feature(pytester, "en_spanish.feature", PERU_2019["en"].replace("{verdict}", f"does not apply because {spanish}"))

        result = run(pytester, "-rf")

        result.assert_outcomes(passed=3, failed=2)
        result.stdout.fnmatch_lines([f"el Convenio de Budapest no aplica, pero ningún motivo menciona {english!r}; sus motivos:"])
        result.stdout.fnmatch_lines([f"the Budapest Convention does not apply, but no reason for it mentions {spanish!r}; its reasons:"])
        result.stdout.fnmatch_lines(["FAILED en_spanish.feature*", "FAILED es_english.feature*"], consecutive=False)

    def test_an_unreadable_step_and_a_missing_date_are_explained_in_the_features_language(self, pytester: pytest.Pytester) -> None:
        no_date = feature(pytester, "es/x.feature", """
            # language: es
            Característica: Sin fecha
              Escenario: Falta la fecha
                Dada una solicitud de España al Perú
                Y la medida es conservación rápida
                Y el delito es fraude informático
                Entonces el Convenio de Budapest aplica
            """)
        bad_date = feature(pytester, "es/y.feature", """
            # language: es
            Característica: Fecha mal escrita
              Escenario: Una fecha que no es AAAA-MM-DD
                Dada la fecha es 1/3/2025
            """)

        unreadable = run(pytester, str(bad_date))
        unanswerable = run(pytester, str(no_date))

        unreadable.assert_outcomes(errors=1)
        unreadable.stdout.fnmatch_lines(["*'1/3/2025' no es una fecha: escríbala como AAAA-MM-DD (por ejemplo 2025-03-01)"])
        unanswerable.assert_outcomes(failed=1)
        unanswerable.stdout.fnmatch_lines([
            "el escenario no dice lo suficiente para hacer la pregunta; añada pasos como:",
            "    Dado la fecha es 2025-03-01",
        ])


class TestCatalogue:
    """Every text of the Gherkin layer comes from the catalogue domain ``bdd``, in both languages."""

    def test_the_bdd_domain_has_every_key_in_both_languages_with_the_same_placeholders(self) -> None:
        from treatyrules._i18n import catalogue
        from treatyrules._i18n.catalogue import _placeholders

        cat = catalogue()
        en = {k: v for k, v in cat.messages["en"].items() if k.startswith("bdd.")}
        es = {k: v for k, v in cat.messages["es"].items() if k.startswith("bdd.")}
        assert en and set(en) == set(es)
        assert all(_placeholders(en[k]) == _placeholders(es[k]) for k in en)

    def test_real_keys_render_in_both_languages(self) -> None:
        from treatyrules.bdd.messages import say

        params = {"name": "Convenio de Budapest", "expected": "aplica", "actual": "no aplica"}
        assert say("es", "checks.applies", **params) == "se esperaba: el Convenio de Budapest aplica\nla respuesta: no aplica, porque:"
        params = {"name": "Budapest Convention", "expected": "applies", "actual": "does not apply"}
        assert say("en", "checks.applies", **params) == "expected: the Budapest Convention applies\nthe answer: it does not apply, because:"
        assert say("en", "collect.no_match", where="x.feature:3", step="Then x") == "x.feature:3: no step matches: Then x"
        assert say("es", "collect.no_match", where="x.feature:3", step="Entonces x") == "x.feature:3: ningún paso coincide con: Entonces x"
        assert say("es_PE.UTF-8", "keywords.then") == "Entonces"
        assert say("fr", "keywords.then") == "Then"  # any other language: English

    def test_every_key_the_modules_use_is_in_the_catalogue(self) -> None:
        """Keys are looked up when a message is shown: a misspelt one would fail only then."""
        from treatyrules._i18n import catalogue

        package = ROOT / "treatyrules" / "bdd"
        used = set()
        for path in package.glob("*.py"):
            text = path.read_text(encoding="utf-8")
            used |= set(re.findall(r"\bsay(?:_text)?\((?:[^,()]+, )?[\"']([a-z_]+\.[A-Za-z_.]+)[\"']", text))
            used |= set(re.findall(r"\bhas\([\"']([a-z_]+\.[A-Za-z_.]+)[\"']", text))
        assert len(used) > 80
        missing = sorted(k for k in used if f"bdd.{k}" not in catalogue().keys())
        assert missing == []

    def test_no_message_is_written_in_the_modules(self) -> None:
        """The old form ``say(lang, "english", "spanish")`` is gone."""
        for path in (ROOT / "treatyrules" / "bdd").glob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"\bsay_?\([^()\n]*,\s*f?[\"'][^\"']*\s[^\"']*[\"'],\s*f?[\"']", text), path.name


def test_the_gherkin_layer_has_no_import_cycle() -> None:
    """Imports run one way: messages -> names -> vocabulary -> language -> case -> checks -> steps -> collect -> coverage -> plugin."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("treatyrules")
    cycles = [
        (m, n)
        for m in graph.modules if m.startswith("treatyrules.bdd")
        for n in graph.find_modules_directly_imported_by(m)
        if graph.find_shortest_chain(importer=n, imported=m)
    ]
    assert cycles == []


class TestCoverage:
    def test_the_report_lists_unasserted_articles_and_rules(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", ENGLISH)

        result = run(pytester, "--treatyrules-coverage", f"--treatyrules-coverage-json={pytester.path / 'coverage.json'}")

        result.assert_outcomes(passed=1)
        text = result.stdout.str()
        assert "treatyrules coverage" in text
        assert re.search(r"budapest \(.*budapest\.yaml\): rules \d+/\d+ asserted", text)
        assert "budapest.preservation.closed_list [29.5]" in text  # fired for the question, never checked
        assert "budapest.extradition.provided [24.1.a]" in text  # never fired
        data = __import__("json").loads((pytester.path / "coverage.json").read_text(encoding="utf-8"))
        states = {r["id"]: r["state"] for f in data["files"] for r in f["rules"]}
        assert states["budapest.preservation.no_dual_criminality"] == "asserted"
        assert states["budapest.preservation.provided"] == "asserted"
        assert states["budapest.preservation.closed_list"] == "fired"
        assert states["budapest.extradition.provided"] == "never"

    def test_fail_under_fails_the_run(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", ENGLISH)

        result = run(pytester, "--treatyrules-coverage-fail-under=budapest=90")

        assert result.ret == pytest.ExitCode.TESTS_FAILED
        result.stdout.fnmatch_lines(["*FAIL (--treatyrules-coverage-fail-under=budapest=90): *% of the rules of budapest are asserted, below 90.0%"])

    def test_a_floor_that_is_met_keeps_the_run_green(self, pytester: pytest.Pytester) -> None:
        feature(pytester, "x.feature", ENGLISH)

        result = run(pytester, "--treatyrules-coverage-fail-under=1")

        assert result.ret == pytest.ExitCode.OK


class TestVocabulary:
    def test_every_example_matches_its_own_step_and_no_other(self) -> None:
        for spec in VOCABULARY:
            for lang in ("en", "es"):
                example = spec.example(lang)
                matching = {p.spec_id for p in PARSERS if p.is_matching(example)}

                assert matching == {spec.id}, f"{spec.id} [{lang}]: {example!r} matches {matching}"

                parser = TreatyStep(spec.pattern(lang), spec.id, lang)
                groups = parser.groups(example)
                assert groups is not None
                spec.parse(groups, lang)

    def test_each_language_form_serves_the_same_function(self) -> None:
        from pytest_bdd.steps import step_function_context_registry

        from treatyrules.bdd import steps

        functions: dict[str, set[object]] = {}
        for name, value in vars(steps).items():
            if name.startswith("pytestbdd_stepdef_"):
                context = step_function_context_registry[value._get_wrapped_function() if hasattr(value, "_get_wrapped_function") else value]
                parser = context.parser
                assert isinstance(parser, TreatyStep)
                functions.setdefault(parser.spec_id, set()).add(context.step_func)

        assert set(functions) == set(BY_ID)
        assert all(len(funcs) == 1 for funcs in functions.values())

    def test_every_step_is_used_in_both_languages_by_a_shipped_scenario(self) -> None:
        from pytest_bdd.parser import FeatureParser

        used: set[tuple[str, str]] = set()
        for path in sorted(FEATURES.rglob("*.feature")):
            parsed = FeatureParser(str(path.parent), path.name).parse()
            for template in parsed.scenarios.values():
                contexts = [c for examples in template.examples for c in examples.as_contexts()] or [{}]
                for context in contexts:
                    for step in template.render(context).steps:
                        hits = {(p.spec_id, p.lang) for p in PARSERS if p.is_matching(step.name)}

                        assert len({spec for spec, _ in hits}) <= 1, f"{path.name}:{step.line_number} is ambiguous: {hits}"

                        used |= hits

        unused = [(spec.id, lang) for spec in VOCABULARY for lang in ("en", "es") if (spec.id, lang) not in used]
        assert unused == []

    def test_the_entry_point_is_declared(self) -> None:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

        assert project["project"]["entry-points"]["pytest11"]["treatyrules"] == "treatyrules.bdd.plugin"

    def test_the_docs_show_every_step_in_both_languages(self) -> None:
        english = (ROOT / "docs" / "analysts.md").read_text(encoding="utf-8")
        spanish = (ROOT / "docs" / "analistas.md").read_text(encoding="utf-8")
        for spec in VOCABULARY:
            assert spec.example("en") in english, spec.id
            assert spec.example("es") in spanish, spec.id

    def test_names_ignore_case_accents_and_articles(self) -> None:
        from treatyrules.bdd.names import names

        catalogue = names()
        assert {catalogue.state(n) for n in ("Perú", "el Perú", "peru", "PE", "pe")} == {"PE"}
        assert {catalogue.resolve("measure", n) for n in ("conservación rápida", "Expedited Preservation", "expedited_preservation", "CONSERVACION RAPIDA")} == {"expedited_preservation"}
        assert catalogue.resolve("instrument", "el Convenio de Budapest") == "budapest"
        assert catalogue.resolve("channel", "la red 24/7") == "point_of_contact_24_7"


@pytest.mark.install
def test_an_analyst_folder_runs_with_the_installed_package(tmp_path: Path) -> None:
    """pip install the package into a new venv, copy features/ into an empty folder, run pytest there."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT), "pytest", "pytest-bdd"],
        capture_output=True, text=True, timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    folder = tmp_path / "analyst"
    shutil.copytree(FEATURES, folder / "features")
    # The new venv has only the default backend, whatever backend this run uses.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH", "TREATYRULES_BACKEND"))}

    plain = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=folder, capture_output=True, text=True, env=env, timeout=600)
    doubled = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "treatyrules.bdd.plugin", "--strict-markers", "-W", "error", "--treatyrules-coverage"],
        cwd=folder, capture_output=True, text=True, env=env, timeout=600,
    )

    assert plain.returncode == 0, plain.stdout[-4000:] + plain.stderr[-2000:]
    assert re.search(r"\d+ passed", plain.stdout)
    assert " failed" not in plain.stdout and "error" not in plain.stdout.lower()
    assert doubled.returncode == 0, doubled.stdout[-4000:] + doubled.stderr[-2000:]
    assert "treatyrules coverage" in doubled.stdout
