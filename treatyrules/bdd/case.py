"""One Gherkin scenario's question: the facts its steps state, and the answer to them.

``Given`` steps fill a ``TreatyCase``; the first ``Then`` step asks the engine
(``which_treaty_applies`` with the scenario's what-if events layered on the
real data) and later steps read the same answer. A ``Given`` step after a
``Then`` step starts a new question with the facts so far.

The engine is asked in the scenario's language (``using(case.lang)``): a Spanish
feature (``# language: es``) reads, and is checked against, the Spanish answer.

What records the answers for the coverage report is any object with the methods of
``CaseRecorder`` (``treatyrules.bdd.coverage.Recorder``): this module does not import it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from collections.abc import Sequence
from typing import Any, Protocol

from treatyrules._i18n import using
from treatyrules.bdd.messages import lang_of, say
from treatyrules.bdd.names import fold, names
from treatyrules.errors import TreatyRulesError
from treatyrules.models import Answer, Basis, Reason
from treatyrules.vocabulary import Confidence, Instrument


class CheckFailed(AssertionError):
    """A ``Then`` step whose expectation the answer does not meet (or a question that cannot be asked).

    ``message`` is what the analyst reads: what the step expected, then ``answer_text``, the part
    of the answer that differs (its reasons, channels, grounds...), both in the scenario's language.
    """

    def __init__(self, message: str, answer_text: str = "") -> None:
        full = f"{message}\n{answer_text}" if answer_text else message
        super().__init__(full)
        self.message = full
        self.answer_text = answer_text


class CaseRecorder(Protocol):
    """What the coverage report needs to hear of a case (``treatyrules.bdd.coverage.Recorder``)."""

    def fired(self, case: TreatyCase) -> None: ...

    def asserted(
        self,
        case: TreatyCase,
        instrument: str,
        kind: str,
        keys: Sequence[Any],
        citations: Sequence[str],
        reasons: Sequence[Reason],
    ) -> None: ...


@dataclass
class WhatIf:
    """One hypothetical event and the step that stated it."""

    event: dict[str, Any]
    step: str


@dataclass
class TreatyCase:
    lang: str = "en"
    feature_dir: Path | None = None
    title: str = "scenario"
    nodeid: str = ""
    recorder: CaseRecorder | None = None
    on: date | None = None
    requesting: str | None = None
    requested: str | None = None
    measure: str | None = None
    offence: str | None = None
    urgent: bool = False
    emergency: bool = False
    mla_treaty: bool | None = None
    extradition_treaty: bool | None = None
    data_types: list[str] | None = None
    max_penalty_years: float | None = None
    act_began: date | None = None
    what_if: list[WhatIf] = field(default_factory=list)
    shipped: list[str] = field(default_factory=list)
    focus: str | None = None
    _answer: Answer | None = None
    _firings: dict[str, Any] | None = None

    # -- facts -----------------------------------------------------------------------------

    def set(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self, name, value)
        self._answer = None
        self._firings = None

    def add_event(self, event: dict[str, Any], step: str) -> None:
        self.what_if.append(WhatIf(event, step))
        self._answer = None
        self._firings = None

    def add_scenario(self, name: str) -> None:
        self.shipped.append(name)
        self._answer = None
        self._firings = None

    # -- the question ---------------------------------------------------------------------

    def _missing_context(self) -> list[str]:
        from treatyrules.bdd.vocabulary import BY_ID

        needed = []
        if self.on is None:
            needed.append(BY_ID["date"].example(self.lang))
        if self.requesting is None or self.requested is None:
            needed.append(BY_ID["request"].example(self.lang))
        if self.measure is None:
            needed.append(BY_ID["measure"].example(self.lang))
        if self.offence is None:
            needed.append(BY_ID["offence"].example(self.lang))
        return needed

    def scenario(self) -> Any:
        """The what-if ``Scenario`` the steps describe, or None for the real data."""
        with using(lang_of(self.lang)):
            return self._scenario()

    def _scenario(self) -> Any:
        from treatyrules.scenario import Event, Scenario, load_scenario, shipped_scenarios

        if not self.what_if and not self.shipped:
            return None
        events: list[Any] = []
        extends: list[str] = []
        files: list[Any] = []
        shipped = shipped_scenarios()
        for name in self.shipped:
            if name in shipped:
                extends.append(name)
                continue
            path = Path(name)
            if not path.is_absolute() and self.feature_dir is not None:
                path = self.feature_dir / path
            if not path.exists():
                known = ", ".join(shipped) or say(self.lang, "words.none")
                raise CheckFailed(say(self.lang, "case.no_such_scenario", name=name, path=str(path), known=known))
            try:
                loaded = load_scenario(path)
            except TreatyRulesError as exc:
                raise CheckFailed(str(exc)) from None
            files.append(loaded)
            extends.extend(loaded.scenario.extends)
            events.extend(loaded.scenario.events)
        self._inherited = len(events)
        if len(files) == 1 and len(self.shipped) == 1 and not self.what_if:
            # the file as loaded, so that an event the treaty refuses is reported at its line
            return files[0]
        for item in self.what_if:
            events.append(Event.model_validate(item.event))
        slug = re.sub(r"[^a-z0-9]+", "_", fold(self.title)).strip("_")[:60] or "scenario"
        return Scenario.model_validate({"name": f"gherkin_{slug}", "title": self.title, "events": tuple(events), "extends": tuple(extends)})

    def answer(self) -> Answer:
        """The answer to the scenario's question, its texts in the scenario's language."""
        if self._answer is not None:
            return self._answer
        needed = self._missing_context()
        if needed:
            given, and_ = say(self.lang, "keywords.given"), say(self.lang, "keywords.and")
            steps = f"{given} " + f"\n    {and_} ".join(needed)
            raise CheckFailed(say(self.lang, "case.not_enough", steps=steps))
        with using(lang_of(self.lang)):
            self._answer = self._ask()
        if self.recorder is not None:
            self.recorder.fired(self)
        return self._answer

    def _ask(self) -> Answer:
        from treatyrules._answer.engine import default_engine

        engine = default_engine()
        try:
            scenario = self._scenario()
            query = engine.query(
                self.requesting, self.requested, measure=self.measure, offence=self.offence, on=self.on,
                urgent=self.urgent, emergency=self.emergency, mla_treaty=self.mla_treaty,
                extradition_treaty=self.extradition_treaty,
                data_types=self.data_types, max_penalty_years=self.max_penalty_years,
                act_began=self.act_began,
            )
            return engine.answer_under(query, scenario)
        except TreatyRulesError as exc:
            raise CheckFailed(self._explain_error(exc)) from None

    def _explain_error(self, exc: TreatyRulesError) -> str:
        text = str(exc)
        m = re.search(r"events\[(\d+)\]", text)
        if m and self.what_if:
            index = int(m.group(1)) - getattr(self, "_inherited", 0)
            if 0 <= index < len(self.what_if):
                rest = text[m.end():]  # ".reservation.provision]: why" or ": why"
                detail = (rest.split("]:", 1)[1] if "]:" in rest else rest.split(":", 1)[-1]).strip()
                return say(self.lang, "case.what_if_impossible", step=self.what_if[index].step, detail=detail)
        return text

    # -- which instrument a step is about --------------------------------------------------------

    def basis(self, instrument: str | None) -> Basis:
        answer = self.answer()
        wanted = instrument or self.focus or self._only_instrument(answer)
        for basis in answer.bases:
            if basis.instrument.value == wanted:
                return basis
        from treatyrules._answer.engine import default_engine

        loaded = ", ".join(i.value for i in default_engine().rulebooks) or say(self.lang, "words.none")
        raise CheckFailed(say(self.lang, "case.no_rule_file", label=self.instrument_label(wanted), instrument=wanted, loaded=loaded))

    def _only_instrument(self, answer: Answer) -> str:
        if len(answer.bases) == 1:
            return answer.bases[0].instrument.value
        live = [b.instrument.value for b in answer.bases if b.applicable is not False]
        if len(live) == 1:
            return live[0]
        shown = ", ".join(names().label("instrument", i, self.lang) for i in (live or [b.instrument.value for b in answer.bases]))
        raise CheckFailed(say(self.lang, "case.which_instrument", shown=shown))

    def instrument_label(self, instrument: str) -> str:
        return names().label("instrument", instrument, self.lang)

    def is_verify(self, basis: Basis) -> bool:
        return bool(basis.confidence is Confidence.VERIFY)

    def firings_all(self) -> dict[str, Any]:
        """The rules the engine fired for this question, per instrument (for the coverage report)."""
        if self._firings is None:
            self._firings = firings_for(self)
        return self._firings

    def firings(self, instrument: str) -> tuple[Any, ...]:
        return tuple(self.firings_all().get(instrument, ()))


def firings_for(case: TreatyCase) -> dict[str, Any]:
    """Every rule whose ``when`` was true or unknown for the case's question, per instrument."""
    from treatyrules._answer.engine import default_engine
    from treatyrules._rules.evaluate import set_aside_reserved
    from treatyrules._rules.predicates import Context

    engine = default_engine()
    answer = case.answer()
    scenario = case.scenario()
    book = engine.book_for(scenario)
    query = answer.query
    out: dict[str, Any] = {}
    for instrument, rulebook in engine.rulebooks.items():
        ctx = Context(query, book, instrument)
        kept, aside = set_aside_reserved(rulebook, ctx, engine.backend.fire(rulebook, ctx))
        out[instrument.value] = kept + aside
    return out


__all__ = ["CaseRecorder", "CheckFailed", "Instrument", "TreatyCase"]
