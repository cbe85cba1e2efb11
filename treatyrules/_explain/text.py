"""Render an answer as text a prosecutor can read, every line with its articles.

Every heading and template comes from the catalogue (domain ``explain``); the answer's own
texts are already in its language.
"""

from __future__ import annotations

from collections.abc import Iterable

from treatyrules._answer.summary import notified_text
from treatyrules._graph.routes import ChannelMap
from treatyrules._i18n import t, using
from treatyrules._validate.labels import Labels
from treatyrules.models import Actor, Answer, Basis, Comparison, MissingFact, Reason, Route

_MARK = {True: "yes", False: "no", None: "?"}


def _cites(articles: Iterable[str]) -> str:
    items = list(articles)
    return f"  [{', '.join(items)}]" if items else ""


def _verify(confidence: str) -> str:
    return "  " + t("explain.verify_flag") if confidence == "verify" else ""


def _missing(items: Iterable[MissingFact]) -> str:
    facts = [m.fact for m in items]
    return "  " + t("explain.missing", facts=", ".join(facts)) if facts else ""


def _mark(value: bool | None) -> str:
    return t("explain.mark." + _MARK[value])


class TextExplainer:
    def __init__(self, labels: Labels, lang: str = "en", channel_map: ChannelMap | None = None) -> None:
        self.labels = labels
        self.lang = lang
        self.roles = channel_map.roles if channel_map is not None else {}

    def name(self, kind: str, tag: str) -> str:
        label = self.labels.names[kind][tag]
        return label.es if self.lang == "es" else label.en

    def render(self, answer: Answer, *, reasons: bool = True) -> str:
        with using("es" if self.lang == "es" else "en"):
            return self._render(answer, reasons)

    def _render(self, answer: Answer, reasons: bool) -> str:
        q = answer.query
        flags = [t("explain.flag.urgent")] if q.urgent else []
        flags += [t("explain.flag.emergency")] if q.emergency else []
        flags.append(t("explain.flag.mla_treaty_" + {True: "yes", False: "no", None: "unknown"}[q.mla_treaty]))
        flags += [t("explain.flag.scenario", name=q.scenario)] if q.scenario else []
        head = t(
            "explain.full.head", requesting=q.requesting, requested=q.requested, measure=self.name("measure", q.measure.value),
            offence=self.name("offence", q.offence.value), day=q.on,
        )
        lines = [head + "".join(f"; {f}" for f in flags), ""]
        for basis in answer.bases:
            lines.extend(self._basis(basis, reasons))
            lines.append("")
        if answer.routes:
            lines.append(t("explain.full.routes"))
            lines.extend(self._route(r) for r in answer.routes)
            lines.append("")
        if answer.comparison is not None:
            lines.extend(self._comparison(answer.comparison))
            lines.append("")
        if answer.hypotheses:
            lines.append(t("explain.full.hypotheses"))
            lines.extend(f"  - {h.text}  ({h.hypothetical})" for h in answer.hypotheses)
            lines.append("")
        if answer.branches:
            lines.append(t("explain.full.branches"))
            none = t("explain.full.none")
            for branch in answer.branches:
                assumed = ", ".join(f"{k}={'true' if v else 'false'}" for k, v in branch.assuming.items())
                for basis in branch.bases:
                    if basis.applicable is False:
                        continue
                    open_channels = [self.name("channel", c.channel.value) for c in basis.channels if c.available]
                    grounds = [self.name("ground", g.ground.value) for g in basis.refusal_grounds]
                    lines.append("  " + t(
                        "explain.full.branch", assumed=assumed, instrument=basis.instrument.value,
                        channels=", ".join(open_channels) or none, grounds=", ".join(grounds) or none,
                    ))
            lines.append("")
        if answer.caveats:
            lines.append(t("explain.full.caveats"))
            lines.extend(f"  - {c.text}" for c in answer.caveats)
        return "\n".join(lines).rstrip() + "\n"

    def _basis(self, basis: Basis, reasons: bool) -> list[str]:
        verdict = t("explain.verdict." + _MARK[basis.applicable])
        lines = [f"{basis.name} ({basis.instrument.value}): {verdict}{_verify(basis.confidence.value)}{_missing(basis.missing_facts)}"]
        if reasons:
            for reason in basis.reasons:
                lines.extend(self._reason(reason, "  "))
        if basis.applicable is False:
            return lines
        if basis.measure_in_instrument:
            lines.append("  " + t("explain.full.measure_in_instrument", name=basis.measure_in_instrument))
        if basis.channels:
            lines.append("  " + t("explain.full.channels"))
            for c in basis.channels:
                lines.append(f"    [{_mark(c.available)}] {self.name('channel', c.channel.value)}{_cites(c.articles)}{_verify(c.confidence.value)}{_missing(c.missing_facts)}")
                for r in c.closed_by:
                    if r.holds is not False:
                        closed = t("explain.full.closed" if r.holds else "explain.full.closed_if")
                        lines.append(f"        {closed}: {r.text}{_cites(r.articles)}")
        if basis.dual_criminality:
            d = basis.dual_criminality
            value = t("explain.full.dual_criminality", value=self.name("dual_criminality", d.value.value))
            lines.append(f"  {value}{_cites(d.articles)}{_verify(d.confidence.value)}")
        if basis.refusal_grounds:
            closed = t("explain.full.closed_list", articles=_cites(basis.grounds_closed_list.articles).rstrip()) if basis.grounds_closed_list.closed else ""
            lines.append("  " + t("explain.full.refusal_grounds", closed=closed))
            for g in basis.refusal_grounds:
                who = t(f"explain.ground_source.{g.source}", state=g.state) if g.state else ""
                maybe = t("explain.may_apply") if g.applies is None else ""
                lines.append(f"    - {self.name('ground', g.ground.value)}{who}{maybe}{_cites(g.articles)}{_verify(g.confidence.value)}")
        if basis.postponement_grounds:
            lines.append("  " + t("explain.full.postponement"))
            for g in basis.postponement_grounds:
                lines.append(f"    - {self.name('ground', g.ground.value)}{_cites(g.articles)}")
        if basis.prohibited_grounds:
            lines.append("  " + t("explain.full.prohibited"))
            for g in basis.prohibited_grounds:
                lines.append(f"    - {self.name('ground', g.ground.value)}{_cites(g.articles)}")
        if basis.time_limits:
            lines.append("  " + t("explain.full.time_limits"))
            for tl in basis.time_limits:
                lines.append(f"    - {tl.text}{_cites(tl.articles)}{_verify(tl.confidence.value)}")
        if basis.required_contents:
            lines.append("  " + t("explain.full.contents"))
            for item in basis.required_contents:
                lines.append(f"    - {item.text}{_cites(item.articles)}")
        if basis.conditions:
            lines.append("  " + t("explain.full.conditions"))
            for cond in basis.conditions:
                maybe = t("explain.if_it_applies") if cond.applies is None else ""
                lines.append(f"    - {cond.text}{maybe}{_cites(cond.articles)}{_verify(cond.confidence.value)}")
        return lines

    def _comparison(self, comparison: Comparison) -> list[str]:
        lines = [t("explain.full.comparison", instruments=", ".join(i.value for i in comparison.instruments))]
        lines.append(f"  {comparison.fastest_text}")
        lines.append(f"  {comparison.fewest_grounds_text}")
        if comparison.differences:
            lines.append("  " + t("explain.full.differ"))
            lines.extend(f"    - {d.text}{_cites(d.articles)}" for d in comparison.differences)
        if comparison.relationships:
            lines.append("  " + t("explain.full.relationships"))
            lines.extend(f"    - {r.instrument.value}: {r.text}{_cites(r.articles)}{_verify(r.confidence.value)}" for r in comparison.relationships)
        lines.append(f"  {comparison.ranking}")
        return lines

    def _reason(self, reason: Reason, indent: str) -> list[str]:
        out = [f"{indent}[{_mark(reason.holds)}] {reason.text}{_cites(reason.articles)}{_verify(reason.confidence.value)}"]
        out.extend(f"{indent}      - {fact.text}" for fact in reason.facts)
        return out

    def _actor(self, hop_end: Actor) -> str:
        label = self.roles.get(hop_end.role)
        role = (label.es if self.lang == "es" else label.en) if label else hop_end.role.replace("_", " ")
        if hop_end.name:
            named = f" ({hop_end.name}){_verify(hop_end.confidence.value)}"
        else:
            named = f" ({t('explain.full.notified', notified=notified_text(hop_end))})" if hop_end.notified else ""
        return f"{hop_end.state} {role}{named}"

    def _route(self, route: Route) -> str:
        if not route.hops:
            return f"  {route.rank}. [{route.instrument.value}] {t('explain.full.no_request')}{_cites(route.articles)}"
        path = self._actor(route.hops[0].sender) + "".join(f" -> {self._actor(h.receiver)}" for h in route.hops)
        state = "" if route.available is True else t("explain.if_available")
        return f"  {route.rank}. [{route.instrument.value} / {self.name('channel', route.channel.value)}]{state} {path}{_cites(route.articles)}"
