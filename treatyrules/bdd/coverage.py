"""Article coverage: which articles and rules of the rule files the scenarios exercise.

Definitions (per rule file, i.e. per instrument):

* A rule **fired** in a scenario when the engine evaluated it for the
  scenario's question and its ``when`` was true or unknown: it is among the
  rules behind that answer. Requirement rules (``require``) fire whenever their
  ``when`` holds, whether or not the requirement is met. The ``not_provided``
  entries count as rules (``budapest.not_provided.<measure>``) and fire when the
  answer says the instrument does not provide the measure.
* A rule is **asserted** when a ``Then`` step checked a conclusion that the rule
  produced in that answer: the applicability reasons a step matched, a channel,
  a refusal/postponement/prohibited ground, the dual-criminality value, a time
  limit, a required content item, a condition or the closed list of grounds. A
  step that checks an article ("the answer cites Article 36.4 ...") asserts
  every rule that fired and cites that article (or a paragraph of it). Checks
  of absence ("... is not a refusal ground", "there is no time limit") assert
  no rule.
* An **article** (a key of ``articles:`` in the rule file) is asserted when an
  asserted conclusion cites it or one of its paragraphs, or an asserted rule
  sits in it; it is fired when a fired rule sits in it or cites it.

The report lists, per rule file, the articles and rules that no scenario
asserts, split into "fired, not asserted" and "never fired". Run it with
``pytest --treatyrules-coverage`` (add ``--treatyrules-coverage-json=FILE`` to
keep it, ``--treatyrules-coverage-fail-under=PCT`` to fail the run when fewer
than PCT percent of all rules are asserted, or ``=budapest=90`` (several separated by commas)
for a floor per rule file).

The report is written in the language in use (``treatyrules._i18n.using``), English by default;
the JSON is the same in every language.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatyrules._i18n import current
from treatyrules.bdd.messages import say

if TYPE_CHECKING:
    from treatyrules.bdd.case import TreatyCase
    from treatyrules.models import Reason


@dataclass(frozen=True)
class RuleInfo:
    id: str
    article: str
    cites: tuple[str, ...]


@dataclass(frozen=True)
class FileInfo:
    instrument: str
    path: str
    articles: tuple[str, ...]
    rules: tuple[RuleInfo, ...]


def catalogue() -> list[FileInfo]:
    """Every article and rule of every loaded rule file."""
    from treatyrules._answer.engine import default_engine
    from treatyrules._validate.rulefile import article_of

    out = []
    for instrument, book in default_engine().rulebooks.items():
        rules = [RuleInfo(r.id, r.article, r.cites) for r in book.rules]
        for measure, note in book.spec.not_provided.items():
            cite = book.cite(note.cite)
            rules.append(RuleInfo(f"{instrument.value}.not_provided.{measure.value}", article_of(cite.split(" ", 1)[1]), (cite,)))
        out.append(FileInfo(instrument.value, str(book.path), tuple(book.spec.articles), tuple(rules)))
    return out


def _article(citation: str) -> tuple[str, str]:
    instrument, _, ref = citation.partition(" ")
    return instrument, ref.split(".", 1)[0]


def _cited(citation: str, wanted: str) -> bool:
    return citation == wanted or citation.startswith(wanted + ".")


@dataclass
class Recorder:
    """Collects, while the scenarios run, the rules that fired and those a step asserted."""

    fired_rules: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    asserted_rules: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    fired_citations: set[str] = field(default_factory=set)
    asserted_citations: set[str] = field(default_factory=set)

    def fired(self, case: TreatyCase) -> None:
        for firings in case.firings_all().values():
            for f in firings:
                self.fired_rules[f.rule.id].add(case.nodeid)
                self.fired_citations.update(f.rule.cites)
        answer = case.answer()
        for basis in answer.bases:
            for r in basis.reasons:
                if ".not_provided." in r.rule:
                    self.fired_rules[r.rule].add(case.nodeid)
                    self.fired_citations.update(r.articles)

    def asserted(
        self,
        case: TreatyCase,
        instrument: str,
        kind: str,
        keys: Sequence[Any],
        citations: Sequence[str],
        reasons: Sequence[Reason],
    ) -> None:
        firings = case.firings(instrument)
        ids = rules_for(kind, keys, firings, citations, reasons)
        for rule_id in ids:
            self.asserted_rules[rule_id].add(case.nodeid)
        self.asserted_citations.update(citations)
        by_id = {f.rule.id: f.rule for f in firings}
        for rule_id in ids:
            if rule_id in by_id:
                self.asserted_citations.update(by_id[rule_id].cites)

    # -- the report ------------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        files: list[dict[str, Any]] = []
        for info in catalogue():
            prefix = info.instrument + " "
            rules = []
            for r in info.rules:
                state = "asserted" if r.id in self.asserted_rules else "fired" if r.id in self.fired_rules else "never"
                rules.append({"id": r.id, "article": r.article, "cites": list(r.cites), "state": state,
                              "scenarios": sorted(self.asserted_rules.get(r.id) or self.fired_rules.get(r.id) or ())[:3]})
            articles: list[dict[str, Any]] = []
            for a in info.articles:
                wanted = prefix + a
                in_rules = [r for r in info.rules if r.article == a]
                was_asserted = any(r.id in self.asserted_rules for r in in_rules) or any(_cited(c, wanted) for c in self.asserted_citations)
                was_fired = any(r.id in self.fired_rules for r in in_rules) or any(_cited(c, wanted) for c in self.fired_citations)
                state = "asserted" if was_asserted else "fired" if was_fired else "never"
                articles.append({"article": a, "state": state, "rules": len(in_rules)})
            asserted_here = sum(1 for r in rules if r["state"] == "asserted")
            files.append({"instrument": info.instrument, "path": info.path, "articles": articles, "rules": rules,
                          "percent_asserted": round(100.0 * asserted_here / len(rules), 1) if rules else 100.0})
        total = sum(len(f["rules"]) for f in files)
        count = sum(1 for f in files for r in f["rules"] if r["state"] == "asserted")
        return {"files": files, "rules_total": total, "rules_asserted": count,
                "percent_asserted": round(100.0 * count / total, 1) if total else 100.0}

    def report(self) -> str:
        data = self.summary()
        lang = current()
        lines = [
            say(lang, "coverage.head"),
            "  " + say(lang, "coverage.legend_asserted"),
            "  " + say(lang, "coverage.legend_fired"),
            "",
        ]
        for f in data["files"]:
            rules = f["rules"]
            counts = {s: sum(1 for r in rules if r["state"] == s) for s in ("asserted", "fired", "never")}
            acounts = {s: sum(1 for a in f["articles"] if a["state"] == s) for s in ("asserted", "fired", "never")}
            lines.append(say(
                lang, "coverage.file", instrument=f["instrument"], path=f["path"], asserted=counts["asserted"], total=len(rules),
                percent=f["percent_asserted"], fired=counts["fired"], never=counts["never"],
                articles_asserted=acounts["asserted"], articles_total=len(f["articles"]),
            ))
            no_rule = " " + say(lang, "coverage.no_rule")
            for state, title in (("fired", say(lang, "coverage.articles_fired")), ("never", say(lang, "coverage.articles_never"))):
                shown = [a["article"] + ("" if a["rules"] else no_rule) for a in f["articles"] if a["state"] == state]
                if shown:
                    lines.append(f"  {title}: {', '.join(shown)}")
            for state, title in (("fired", say(lang, "coverage.rules_fired")), ("never", say(lang, "coverage.rules_never"))):
                shown = [f"{r['id']} [{', '.join(c.split(' ', 1)[1] for c in r['cites'])}]" for r in rules if r["state"] == state]
                if shown:
                    lines.append(f"  {title}:")
                    lines.extend(f"    {s}" for s in shown)
            lines.append("")
        lines.append(say(lang, "coverage.total", asserted=data["rules_asserted"], total=data["rules_total"], percent=data["percent_asserted"]))
        return "\n".join(lines)

    def shortfalls(self, spec: str) -> list[str]:
        """The floors of ``--treatyrules-coverage-fail-under`` that are not met, as sentences."""
        data = self.summary()
        lang = current()
        out = []
        for part in (p.strip() for p in spec.split(",") if p.strip()):
            name, _, pct = part.rpartition("=")
            floor = float(pct)
            if not name:
                if data["percent_asserted"] < floor:
                    out.append(say(lang, "coverage.below_floor", percent=data["percent_asserted"], floor=floor))
                continue
            found = [f for f in data["files"] if f["instrument"] == name]
            if not found:
                out.append(say(lang, "coverage.not_loaded", name=name))
            elif found[0]["percent_asserted"] < floor:
                out.append(say(lang, "coverage.file_below_floor", percent=found[0]["percent_asserted"], name=name, floor=floor))
        return out

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.summary(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def rules_for(kind: str, keys: Sequence[Any], firings: Iterable[Any], citations: Sequence[str], reasons: Sequence[Reason]) -> set[str]:
    """The ids of the fired rules that produced the conclusion a step checked."""
    firings = list(firings)
    if kind == "applicability":
        return {r.rule for r in reasons}
    out = set()
    for f in firings:
        then = f.rule.then
        if kind == "article":
            if any(_cited(c, keys[0]) for c in f.rule.cites):
                out.add(f.rule.id)
            continue
        if then is None:
            continue
        if kind == "channel":
            closes = [c.value for c in (then.closes_channels or ())]
            if (then.channel is not None and then.channel.value == keys[0]) or keys[0] in closes:
                out.add(f.rule.id)
        elif kind == "ground":
            ground_kind, ground, source = keys
            if ground_kind == "prohibited":
                if then.prohibited_ground is not None and then.prohibited_ground.value == ground:
                    out.add(f.rule.id)
            else:
                spec = then.refusal_ground if ground_kind == "refusal" else then.postponement_ground
                if spec is not None and spec.ground.value == ground and spec.source == source:
                    out.add(f.rule.id)
        elif kind == "dual_criminality":
            if then.dual_criminality is not None:
                out.add(f.rule.id)
        elif kind == "time_limit":
            if then.time_limit is not None and then.time_limit.id == keys[0]:
                out.add(f.rule.id)
        elif kind == "content":
            if then.required_contents and any(i.item == keys[0] for i in then.required_contents):
                out.add(f.rule.id)
        elif kind == "condition":
            if then.condition is not None and then.condition.id == keys[0] and set(f.rule.cites) <= set(citations):
                out.add(f.rule.id)
        elif kind == "closed_list":
            if then.closed_list:
                out.add(f.rule.id)
    return out
