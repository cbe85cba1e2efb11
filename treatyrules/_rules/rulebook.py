"""Rule files compiled for evaluation: conditions parsed, citations resolved,
rules indexed by the measure they can apply to.

Compilation happens once per file. ``for_measure`` folds every ``measure_is``
test for one measure, so a query only walks the rules that can concern it.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from treatyrules._i18n import Text
from treatyrules._load.paths import display
from treatyrules._load.yaml_source import Location, YamlDocument, YamlSyntaxError, read_yaml
from treatyrules._rules.conditions import Atom, ConditionError, Const, Evaluator, Node, atoms, compiled, conjoin, parse, specialize
from treatyrules._rules.predicates import ParseScope, fold_measure
from treatyrules._validate.rulefile import RuleFile, Then, article_of, split_cite
from treatyrules.errors import Message, RuleFileError
from treatyrules.vocabulary import Confidence, Instrument, Measure


@dataclass(frozen=True, eq=False)
class CompiledRule:
    """A rule ready to evaluate. Compared and hashed by identity: each is built once per rulebook."""

    id: str
    article: str
    cites: tuple[str, ...]
    summary: Text
    guard: Node
    require: Node | None
    then: Then | None
    confidence: Confidence
    interpretation: Text | None
    location: Location

    @functools.cached_property
    def run_guard(self) -> Evaluator:
        return compiled(self.guard)

    @functools.cached_property
    def run_require(self) -> Evaluator | None:
        return compiled(self.require) if self.require is not None else None

    @functools.cached_property
    def kind(self) -> str | None:
        """What the rule concludes (``then.kind``), None for a requirement."""
        return self.then.kind if self.then is not None else None

    @functools.cached_property
    def text(self) -> Text:
        """The summary on one line, in both languages, as answers show it."""
        return Text(en=" ".join(self.summary.en.split()), es=" ".join(self.summary.es.split()))


class Rulebook:
    """One instrument's rules, compiled."""

    def __init__(self, spec: RuleFile, doc: YamlDocument) -> None:
        self.spec = spec
        self.path = doc.path
        self.instrument: Instrument = spec.instrument.id
        self._doc = doc
        self._cited: dict[str, str] = {}
        self.rules = self._compile()
        self._by_measure: dict[Measure, tuple[CompiledRule, ...]] = {}
        self._runners: dict[Measure, tuple[tuple[CompiledRule, Evaluator | None, Evaluator | None], ...]] = {}
        self._lock = threading.Lock()

    def cite(self, ref: str) -> str:
        """``ref`` as answers cite it (``"29.4"`` -> ``"budapest 29.4"``); a bounded set, kept."""
        found = self._cited.get(ref)
        if found is None:
            instrument, article = split_cite(ref)
            found = self._cited.setdefault(ref, f"{instrument or self.instrument.value} {article}")
        return found

    def error(self, loc: Location, message: str | Message) -> RuleFileError:
        line, column = self._doc.position(loc)
        return RuleFileError(self.path, message, line=line, column=column, location=_render(loc))

    def _compile(self) -> tuple[CompiledRule, ...]:
        spec = self.spec
        scope = ParseScope(self.instrument, spec.offence_sets, spec.measure_sets, spec.definitions)
        for name in spec.definitions:
            self._parse({"is": name}, scope, ("definitions", name))
        for source_loc, ref in self._all_cites():
            self._check_cite(ref, source_loc)
        compiled: list[CompiledRule] = []
        seen: dict[str, Location] = {}
        default = spec.instrument.confidence
        for article_id, article in spec.articles.items():
            base = ("articles", article_id)
            if article.text_source is not None and article.text_source not in spec.instrument.sources:
                raise self.error(base + ("text_source",), Message("rules.errors.unknown_source", source=article.text_source, known=", ".join(spec.instrument.sources)))
            article_guard = self._parse(article.when, scope, base + ("when",))
            for index, rule in enumerate(article.rules):
                loc = base + ("rules", index)
                full_id = f"{self.instrument.value}.{rule.id}"
                if full_id in seen:
                    raise self.error(loc + ("id",), Message("rules.errors.duplicate_rule_id", id=rule.id, first=_render(seen[full_id])))
                seen[full_id] = loc
                first_instrument, first_ref = split_cite(rule.cites[0])
                if first_instrument is not None or article_of(first_ref) != article_id:
                    raise self.error(loc + ("cite",), Message("rules.errors.first_cite_elsewhere", cite=rule.cites[0], article=article_id))
                guard = conjoin(article_guard, self._parse(rule.when, scope, loc + ("when",)))
                require = self._parse(rule.require, scope, loc + ("require",)) if rule.require is not None else None
                if rule.then is not None:
                    self._check_ground_source(rule.then, guard, loc)
                compiled.append(
                    CompiledRule(
                        id=full_id,
                        article=article_id,
                        cites=tuple(self.cite(c) for c in rule.cites),
                        summary=rule.summary,
                        guard=guard,
                        require=require,
                        then=rule.then,
                        confidence=rule.confidence or article.confidence or default,
                        interpretation=rule.interpretation,
                        location=loc,
                    )
                )
        self._check_every_measure(compiled)
        return tuple(compiled)

    def _check_every_measure(self, compiled: list[CompiledRule]) -> None:
        """Each measure of the vocabulary is provided by some rule or listed under not_provided."""
        provided = {r.then.provides.measure for r in compiled if r.then is not None and r.then.provides is not None}
        listed = set(self.spec.not_provided)
        for measure in Measure:
            if measure in provided and measure in listed:
                raise self.error(("not_provided", measure.value), Message("rules.errors.provided_and_not_provided", measure=measure.value))
            if measure not in provided and measure not in listed:
                raise self.error(("not_provided",), Message("rules.errors.measure_not_covered", measure=measure.value))

    def _parse(self, raw: Any, scope: ParseScope, loc: Location) -> Node:
        try:
            return parse(raw, scope, loc)
        except ConditionError as exc:
            raise self.error(exc.loc, exc.message) from None

    def _all_cites(self) -> list[tuple[Location, str]]:
        spec = self.spec
        out: list[tuple[Location, str]] = []
        eif = spec.entry_into_force
        out.append((("entry_into_force", "treaty", "cite"), eif.treaty.cite))
        out.extend((("entry_into_force", "later_parties", i, "cite"), lp.cite) for i, lp in enumerate(eif.later_parties))
        out.append((("entry_into_force", "denunciation", "cite"), eif.denunciation.cite))
        if eif.only_parties_to_cite:
            out.append((("entry_into_force", "only_parties_to_cite"), eif.only_parties_to_cite))
        out.append((("reservations", "cite"), spec.reservations.cite))
        out.append((("declarations", "cite"), spec.declarations.cite))
        out.extend((("not_provided", m.value, "cite"), n.cite) for m, n in spec.not_provided.items())
        out.extend((("relationship", i, "cite"), r.cite) for i, r in enumerate(spec.relationship))
        for article_id, article in spec.articles.items():
            for index, rule in enumerate(article.rules):
                if rule.then is not None and rule.then.required_contents:
                    for j, item in enumerate(rule.then.required_contents):
                        if item.cite:
                            out.append((("articles", article_id, "rules", index, "then", "required_contents", j, "cite"), item.cite))
        return out

    def _check_cite(self, ref: str, loc: Location) -> None:
        try:
            instrument, article = split_cite(ref)
        except ValueError as exc:
            raise self.error(loc, str(exc)) from None
        if instrument is None and article_of(article) not in self.spec.articles:
            raise self.error(loc, Message("rules.errors.cites_unencoded_article", article=article_of(article)))

    def _check_ground_source(self, then: Then, guard: Node, loc: Location) -> None:
        spec = then.refusal_ground or then.postponement_ground
        if spec is None or spec.source == "instrument":
            return
        wanted = [a for a in atoms(guard) if isinstance(a, Atom) and a.predicate == spec.source and a.args[0] == spec.of]
        if not wanted:
            raise self.error(
                loc + ("then",),
                Message("rules.errors.ground_needs_test", source=spec.source, of=spec.of),
            )

    def runners(self, measure: Measure) -> tuple[tuple[CompiledRule, Evaluator | None, Evaluator | None], ...]:
        """``for_measure`` with each rule's compiled guard (None where it is always true) and
        requirement beside it: the triples the Python backend loops over for every query."""
        cached = self._runners.get(measure)
        if cached is None:
            cached = tuple(
                (rule, None if rule.guard == Const(True) else rule.run_guard, rule.run_require) for rule in self.for_measure(measure)
            )
            with self._lock:
                cached = self._runners.setdefault(measure, cached)
        return cached

    def for_measure(self, measure: Measure) -> tuple[CompiledRule, ...]:
        cached = self._by_measure.get(measure)
        if cached is not None:
            return cached
        fold = fold_measure(measure)
        kept: list[CompiledRule] = []
        for rule in self.rules:
            guard = specialize(rule.guard, fold)
            if isinstance(guard, Const) and not guard.value:
                continue
            require = specialize(rule.require, fold) if rule.require is not None else None
            kept.append(_replace_guard(rule, guard, require))
        result = tuple(kept)
        with self._lock:
            self._by_measure.setdefault(measure, result)
        return self._by_measure[measure]


def _replace_guard(rule: CompiledRule, guard: Node, require: Node | None) -> CompiledRule:
    from dataclasses import replace

    return replace(rule, guard=guard, require=require)


def _render(loc: Location) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_rulebook(path: Path) -> Rulebook:
    shown = display(path)
    try:
        doc = read_yaml(path)
    except YamlSyntaxError as exc:
        raise RuleFileError(shown, Message("rules.errors.invalid_yaml", error=str(exc)), line=exc.line, column=exc.column) from None
    except OSError as exc:
        raise RuleFileError(shown, Message("rules.errors.unreadable", error=exc.strerror)) from None
    doc = YamlDocument(shown, doc.data, doc.positions)
    if not isinstance(doc.data, dict):
        raise RuleFileError(shown, Message("rules.errors.not_a_mapping"), line=1)
    try:
        spec = RuleFile.model_validate(doc.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(p for p in first["loc"])
        line, column = doc.position(loc)
        got = first.get("input")
        shown_input = "" if isinstance(got, dict | list) else f" (got {got!r})"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise RuleFileError(shown, f"{first['msg']}{shown_input}{more}", line=line, column=column, location=_render(loc)) from None
    if path.stem != spec.instrument.id.value:
        message = Message("rules.errors.id_does_not_match_file", id=spec.instrument.id.value, file=path.name)
        raise RuleFileError(shown, message, line=doc.position(("instrument", "id"))[0], location="instrument.id")
    return Rulebook(spec, doc)
