"""Render an answer as text a prosecutor can read, every line with its articles."""

from __future__ import annotations

from collections.abc import Iterable

from treatyrules._graph.routes import ChannelMap
from treatyrules._validate.labels import Labels
from treatyrules.models import Actor, Answer, Basis, Comparison, MissingFact, Reason, Route

MARK = {True: "yes", False: "no", None: "?"}
VERDICT = {True: "APPLIES", False: "DOES NOT APPLY", None: "UNDETERMINED"}


def _cites(articles: Iterable[str]) -> str:
    items = list(articles)
    return f"  [{', '.join(items)}]" if items else ""


def _verify(confidence: str) -> str:
    return "  (confidence: verify)" if confidence == "verify" else ""


def _missing(items: Iterable[MissingFact]) -> str:
    facts = [m.fact for m in items]
    return f"  (missing: {', '.join(facts)})" if facts else ""


class TextExplainer:
    def __init__(self, labels: Labels, lang: str = "en", channel_map: ChannelMap | None = None) -> None:
        self.labels = labels
        self.lang = lang
        self.roles = channel_map.roles if channel_map is not None else {}

    def name(self, kind: str, tag: str) -> str:
        label = self.labels.names[kind][tag]
        return label.es if self.lang == "es" else label.en

    def render(self, answer: Answer, *, reasons: bool = True) -> str:
        q = answer.query
        lines = [
            f"{q.requesting} -> {q.requested}: {self.name('measure', q.measure.value)}; "
            f"{self.name('offence', q.offence.value)}; on {q.on}"
            + ("; urgent" if q.urgent else "")
            + ("; emergency" if q.emergency else "")
            + (f"; MLA treaty in force: {'yes' if q.mla_treaty else 'no'}" if q.mla_treaty is not None else "; MLA treaty: unknown")
            + (f"; scenario: {q.scenario}" if q.scenario else ""),
            "",
        ]
        for basis in answer.bases:
            lines.extend(self._basis(basis, reasons))
            lines.append("")
        if answer.routes:
            lines.append("Routes (fastest first):")
            lines.extend(self._route(r) for r in answer.routes)
            lines.append("")
        if answer.comparison is not None:
            lines.extend(self._comparison(answer.comparison))
            lines.append("")
        if answer.hypotheses:
            lines.append("Hypothetical facts relied on:")
            lines.extend(f"  - {h.text}  ({h.hypothetical})" for h in answer.hypotheses)
            lines.append("")
        if answer.branches:
            lines.append("The query leaves open whether an MLA treaty is in force; the answer differs by branch:")
            for branch in answer.branches:
                assumed = ", ".join(f"{k}={'true' if v else 'false'}" for k, v in branch.assuming.items())
                for basis in branch.bases:
                    if basis.applicable is False:
                        continue
                    open_channels = [self.name("channel", c.channel.value) for c in basis.channels if c.available]
                    grounds = [self.name("ground", g.ground.value) for g in basis.refusal_grounds]
                    lines.append(f"  if {assumed}: {basis.instrument.value}: channels {', '.join(open_channels) or 'none'}; grounds {', '.join(grounds) or 'none'}")
            lines.append("")
        if answer.caveats:
            lines.append("Caveats:")
            lines.extend(f"  - {c.text}" for c in answer.caveats)
        return "\n".join(lines).rstrip() + "\n"

    def _basis(self, basis: Basis, reasons: bool) -> list[str]:
        head = f"{basis.name} ({basis.instrument.value}): {VERDICT[basis.applicable]}{_verify(basis.confidence.value)}{_missing(basis.missing_facts)}"
        lines = [head]
        if reasons:
            for reason in basis.reasons:
                lines.extend(self._reason(reason, "  "))
        if basis.applicable is False:
            return lines
        if basis.measure_in_instrument:
            lines.append(f"  Measure in this instrument: {basis.measure_in_instrument}")
        if basis.channels:
            lines.append("  Channels:")
            for c in basis.channels:
                lines.append(f"    [{MARK[c.available]}] {self.name('channel', c.channel.value)}{_cites(c.articles)}{_verify(c.confidence.value)}{_missing(c.missing_facts)}")
                for r in c.closed_by:
                    if r.holds is not False:
                        lines.append(f"        closed{'' if r.holds else ' if it applies'}: {r.text}{_cites(r.articles)}")
        if basis.dual_criminality:
            d = basis.dual_criminality
            lines.append(f"  Dual criminality: {self.name('dual_criminality', d.value.value)}{_cites(d.articles)}{_verify(d.confidence.value)}")
        if basis.refusal_grounds:
            closed = f" (closed list{_cites(basis.grounds_closed_list.articles).rstrip()})" if basis.grounds_closed_list.closed else ""
            lines.append(f"  Refusal grounds{closed}:")
            for g in basis.refusal_grounds:
                who = f" - {g.source} of {g.state}" if g.state else ""
                maybe = " (may apply)" if g.applies is None else ""
                lines.append(f"    - {self.name('ground', g.ground.value)}{who}{maybe}{_cites(g.articles)}{_verify(g.confidence.value)}")
        if basis.postponement_grounds:
            lines.append("  Postponement:")
            for g in basis.postponement_grounds:
                lines.append(f"    - {self.name('ground', g.ground.value)}{_cites(g.articles)}")
        if basis.prohibited_grounds:
            lines.append("  Grounds the requested State may not rely on:")
            for g in basis.prohibited_grounds:
                lines.append(f"    - {self.name('ground', g.ground.value)}{_cites(g.articles)}")
        if basis.time_limits:
            lines.append("  Time limits:")
            for t in basis.time_limits:
                lines.append(f"    - {t.text}{_cites(t.articles)}{_verify(t.confidence.value)}")
        if basis.required_contents:
            lines.append("  The request must state:")
            for item in basis.required_contents:
                lines.append(f"    - {item.text}{_cites(item.articles)}")
        if basis.conditions:
            lines.append("  Conditions and duties:")
            for cond in basis.conditions:
                maybe = " (if it applies)" if cond.applies is None else ""
                lines.append(f"    - {cond.text}{maybe}{_cites(cond.articles)}{_verify(cond.confidence.value)}")
        return lines

    def _comparison(self, comparison: Comparison) -> list[str]:
        lines = [f"Comparison of the open bases ({', '.join(i.value for i in comparison.instruments)}):"]
        lines.append(f"  {comparison.fastest_text}")
        lines.append(f"  {comparison.fewest_grounds_text}")
        if comparison.differences:
            lines.append("  Where they differ:")
            lines.extend(f"    - {d.text}{_cites(d.articles)}" for d in comparison.differences)
        if comparison.relationships:
            lines.append("  What each says of other treaties:")
            lines.extend(f"    - {r.instrument.value}: {r.text}{_cites(r.articles)}{_verify(r.confidence.value)}" for r in comparison.relationships)
        lines.append(f"  {comparison.ranking}")
        return lines

    def _reason(self, reason: Reason, indent: str) -> list[str]:
        out = [f"{indent}[{MARK[reason.holds]}] {reason.text}{_cites(reason.articles)}{_verify(reason.confidence.value)}"]
        out.extend(f"{indent}      - {fact.text}" for fact in reason.facts)
        return out

    def _actor(self, hop_end: Actor) -> str:
        label = self.roles.get(hop_end.role)
        role = (label.es if self.lang == "es" else label.en) if label else hop_end.role.replace("_", " ")
        named = f" ({hop_end.name})" if hop_end.name else ""
        return f"{hop_end.state} {role}{named}"

    def _route(self, route: Route) -> str:
        if not route.hops:
            return f"  {route.rank}. [{route.instrument.value}] no request needed{_cites(route.articles)}"
        path = self._actor(route.hops[0].sender) + "".join(f" -> {self._actor(h.receiver)}" for h in route.hops)
        state = "" if route.available is True else " (if available)"
        return f"  {route.rank}. [{route.instrument.value} / {self.name('channel', route.channel.value)}]{state} {path}{_cites(route.articles)}"
