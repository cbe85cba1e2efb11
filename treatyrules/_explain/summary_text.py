"""Render a ``Summary`` as the few lines a prosecutor reads first, every line with its articles."""

from __future__ import annotations

from collections.abc import Iterable

from treatyrules._answer.summary import Summarizer
from treatyrules._i18n import t, using
from treatyrules.models import RouteLine, Summary

_MARK = {True: "yes", False: "no", None: "?"}


def cites(articles: Iterable[str]) -> str:
    items = list(articles)
    return f"  [{', '.join(items)}]" if items else ""


def verify(confidence: str) -> str:
    return "  " + t("explain.verify_flag") if confidence == "verify" else ""


class SummaryText:
    def __init__(self, summarizer: Summarizer) -> None:
        self.summarizer = summarizer

    def render(self, summary: Summary) -> str:
        with using(summary.lang):
            return self._render(summary)

    def _render(self, s: Summary) -> str:
        lang = s.lang
        q = s.query
        label = self.summarizer.label
        head = t(
            "explain.summary.head",
            requesting=q.requesting, requested=q.requested, measure=label("measure", q.measure.value, lang),
            offence=label("offence", q.offence.value, lang), day=q.on.isoformat(),
        )
        flags = [t("explain.flag.urgent")] if q.urgent else []
        flags += [t("explain.flag.emergency")] if q.emergency else []
        flags += [t("explain.flag.scenario", name=q.scenario)] if q.scenario else []
        lines = [head + ("; " + "; ".join(flags) if flags else ""), ""]
        lines.append(t("explain.summary.bottom_line"))
        lines.append(f"  {s.bottom_line}{verify(self._bottom_confidence(s))}")
        lines.append(t("explain.summary.instruments"))
        for v in s.verdicts:
            verdict = t(f"explain.verdict.{_MARK[v.applicable]}")
            lines.append(f"  [{t('explain.mark.' + _MARK[v.applicable])}] {v.name}: {verdict} — {v.why}{cites(v.articles)}{verify(v.confidence.value)}")
        if s.route is not None:
            lines.append(t("explain.summary.route"))
            lines.extend(self._route(s.route, lang))
            for other in s.other_routes:
                lines.append("  " + t("explain.summary.other_route", line=self._route_short(other, lang)))
        if s.grounds or s.dual_criminality:
            closed = t("explain.summary.closed_list") if s.grounds_closed_list else ""
            lines.append(t("explain.summary.grounds", state=q.requested) + closed)
            for g in s.grounds:
                who = t(f"explain.ground_source.{g.source}", state=g.state) if g.state else ""
                maybe = t("explain.may_apply") if g.applies is None else ""
                lines.append(f"  - {g.text}{who}{maybe}{cites(g.articles)}{verify(g.confidence.value)}")
            if s.dual_criminality is not None:
                dual = label("dual_criminality", s.dual_criminality.value, lang)
                lines.append(f"  {t('explain.summary.dual_criminality', value=dual)}{cites(s.dual_criminality_articles)}")
        if s.deadlines:
            lines.append(t("explain.summary.deadlines"))
            for d in s.deadlines:
                maybe = t("explain.if_it_applies") if d.applies is None else ""
                lines.append(f"  - {d.text}{maybe}{cites(d.articles)}{verify(d.confidence.value)}")
        if s.missing_facts:
            lines.append(t("explain.summary.missing", facts="; ".join(f"{m.fact} ({m.text})" for m in s.missing_facts)))
        if s.caveats:
            lines.append(t("explain.summary.caveats"))
            lines.extend(f"  - {c.text}" for c in s.caveats)
        lines.append(t("explain.summary.more"))
        return "\n".join(lines).rstrip() + "\n"

    @staticmethod
    def _bottom_confidence(s: Summary) -> str:
        """'verify' when the bottom line rests on an unconfirmed point: its route or its basis."""
        if s.route is None:
            return s.confidence.value
        basis = next((v for v in s.verdicts if v.instrument is s.route.instrument), None)
        flags = {s.route.confidence.value, basis.confidence.value if basis else "high"}
        return "verify" if "verify" in flags else "high"

    def _route(self, r: RouteLine, lang: str) -> list[str]:
        channel = self.summarizer.label("channel", r.channel.value, lang)
        instrument = self.summarizer.label("instrument", r.instrument.value, lang)
        state = "" if r.available is True else t("explain.if_available")
        return [
            f"  {r.rank}. {instrument} / {channel}{state}{cites(r.articles)}{verify(r.confidence.value)}",
            "     " + t("explain.summary.from", actor=self.summarizer.actor(r.sender, lang)),
            "     " + t("explain.summary.to", actor=self.summarizer.actor(r.addressee, lang)),
        ]

    def _route_short(self, r: RouteLine, lang: str) -> str:
        channel = self.summarizer.label("channel", r.channel.value, lang)
        instrument = self.summarizer.label("instrument", r.instrument.value, lang)
        state = "" if r.available is True else t("explain.if_available")
        return f"{r.rank}. {instrument} / {channel}{state} -> {r.addressee.state} ({self.summarizer.office(r.addressee)}){cites(r.articles)}"
