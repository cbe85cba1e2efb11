"""The verdict first: an ``Answer`` reduced to what a prosecutor acts on.

Everything here is read off the answer (its bases, routes and caveats); nothing legal is
computed again, so the summary and the full answer cannot disagree. Texts come from the
answer (already in its language) and from the catalogue domain ``summary``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from treatyrules._graph.routes import ChannelMap
from treatyrules._i18n import first_sentence, t, using
from treatyrules._validate.labels import Labels
from treatyrules.models import (
    Actor,
    Answer,
    Basis,
    Caveat,
    Deadline,
    MissingFact,
    Route,
    RouteLine,
    Summary,
    SummaryGround,
    Verdict,
)
from treatyrules.vocabulary import Confidence, Instrument

_OTHER_ROUTES = 2


def _unique_missing(groups: Iterable[Iterable[MissingFact]]) -> tuple[MissingFact, ...]:
    seen: dict[str, MissingFact] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item.fact, item)
    return tuple(seen.values())


def _subject(text: str) -> str | None:
    """The subject a caveat opens with ("comjib: ...", "PE: ..."), or None."""
    head, colon, _ = text.partition(": ")
    return head if colon and head and " " not in head else None


def _fold_subjects(caveats: tuple[Caveat, ...]) -> tuple[Caveat, ...]:
    """Caveats on the same subject (an instrument, a State) as one line, so that the summary
    stays short; every sentence is kept."""
    out: list[Caveat] = []
    for caveat in caveats:
        subject = _subject(caveat.text) if caveat.row is None else None
        last = out[-1] if out else None
        if subject is not None and last is not None and last.row is None and _subject(last.text) == subject:
            rest = caveat.text[len(subject) + 2:]
            joined = last.text if last.text.endswith(".") else last.text + "."
            out[-1] = Caveat.model_construct(
                text=f"{joined} {rest[:1].upper()}{rest[1:]}", source=last.source, row=None, as_of=None, older_than=None,
            )
        else:
            out.append(caveat)
    return tuple(out)


def _summary_caveats(caveats: tuple[Caveat, ...]) -> tuple[Caveat, ...]:
    """The answer's caveats, with those on one subject folded into one line, and those on the
    age of single data rows into one line: how many, and the oldest date (the full answer
    names every row)."""
    caveats = _fold_subjects(caveats)
    aged = [c for c in caveats if c.row is not None]
    if not aged:
        return caveats
    dated = [c.as_of for c in aged if c.as_of is not None]
    cutoff = aged[0].older_than
    oldest = min(dated) if dated else None
    if oldest is not None:
        text = t("summary.stale.dated", count=len(aged), cutoff=cutoff, undated=len(aged) - len(dated), oldest=oldest)
    else:
        text = t("summary.stale.undated", count=len(aged), cutoff=cutoff)
    line = Caveat.model_construct(text=text, source="", row=None, as_of=oldest, older_than=cutoff)
    out: list[Caveat] = []
    for caveat in caveats:
        if caveat.row is None:
            out.append(caveat)
        elif caveat is aged[0]:
            out.append(line)
    return tuple(out)


def notified_text(actor: Actor) -> str:
    """What a State notified under the role's article where it named no office, each
    notification marked where its source does not confirm it."""
    return "; ".join(f"{n.text} {t('explain.verify_flag')}" if n.confidence is Confidence.VERIFY else n.text for n in actor.notified)


class Summarizer:
    def __init__(self, labels: Labels, channel_map: ChannelMap) -> None:
        self.labels = labels
        self.roles = channel_map.roles

    def label(self, kind: str, tag: str, lang: str) -> str:
        name = self.labels.names[kind][tag]
        return name.es if lang == "es" else name.en

    def role(self, role: str, lang: str) -> str:
        name = self.roles.get(role)
        if name is None:
            return role.replace("_", " ")
        return str(name.es if lang == "es" else name.en)

    def summarize(self, answer: Answer) -> Summary:
        with using(answer.lang):
            return self._summarize(answer)

    def _summarize(self, answer: Answer) -> Summary:
        lang = answer.lang
        bases = {b.instrument: b for b in answer.bases}
        verdicts = tuple(self._verdict(b, lang) for b in answer.bases)
        lines = [line for line in (_route_line(r) for r in answer.routes) if line is not None]
        chosen = _recommended(lines, bases)
        basis = bases[chosen.instrument] if chosen is not None else _first_open(answer.bases)
        others = tuple(line for line in lines if chosen is None or line.rank != chosen.rank)[:_OTHER_ROUTES]
        grounds: tuple[SummaryGround, ...] = ()
        deadlines: tuple[Deadline, ...] = ()
        if basis is not None and basis.applicable is not False:
            grounds = tuple(
                SummaryGround.model_construct(
                    instrument=basis.instrument, ground=g.ground, text=g.text, articles=g.articles, source=g.source,
                    state=g.state, applies=g.applies, confidence=g.confidence,
                )
                for g in basis.refusal_grounds
            )
            deadlines = tuple(
                Deadline.model_construct(
                    instrument=basis.instrument, id=d.id, bound=d.bound, days=d.days, hours=d.hours, text=d.text,
                    articles=d.articles, applies=d.applies, confidence=d.confidence,
                )
                for d in basis.time_limits
            )
        open_bases = [b for b in answer.bases if b.applicable is not False]
        missing = _unique_missing(
            [b.missing_facts for b in open_bases]
            + [c.missing_facts for b in open_bases for c in b.channels]
            + [r.missing_facts for r in answer.routes]
        )
        touched: list[Confidence] = [v.confidence for v in verdicts if v.applicable is not False]
        touched += [g.confidence for g in grounds] + [d.confidence for d in deadlines]
        if chosen is not None:
            touched.append(chosen.confidence)
        dual = basis.dual_criminality if basis is not None and basis.applicable is not False else None
        return Summary.model_construct(
            query=answer.query,
            lang=lang,
            bottom_line=self._bottom_line(answer, chosen, basis, lang),
            verdicts=verdicts,
            route=chosen,
            other_routes=others,
            dual_criminality=dual.value if dual else None,
            dual_criminality_articles=dual.articles if dual else (),
            grounds=grounds,
            grounds_closed_list=bool(basis and basis.applicable is not False and basis.grounds_closed_list.closed),
            deadlines=deadlines,
            missing_facts=missing,
            caveats=_summary_caveats(answer.caveats),
            confidence=Confidence.VERIFY if Confidence.VERIFY in touched else Confidence.HIGH,
        )

    def _verdict(self, basis: Basis, lang: str) -> Verdict:
        name = self.label("instrument", basis.instrument.value, lang)
        if basis.applicable is True:
            held = [r for r in basis.reasons if r.holds is True]
            articles = _sorted_unique(c for r in held for c in r.articles)
            measure = basis.measure_in_instrument
            why = t("summary.verdict.applies", measure=measure) if measure else t("summary.verdict.applies_plain")
        elif basis.applicable is False:
            decisive = next((r for r in basis.reasons if r.holds is False), None)
            articles = decisive.articles if decisive is not None else basis.articles
            if decisive is not None and decisive.facts:
                why = "; ".join(f.text for f in decisive.facts)
            elif decisive is not None:
                why = first_sentence(decisive.text)
            else:
                why = t("summary.verdict.no_reason")
        else:
            open_reasons = [r for r in basis.reasons if r.holds is None]
            articles = _sorted_unique(c for r in open_reasons for c in r.articles)
            why = t("summary.verdict.missing", facts="; ".join(m.text for m in basis.missing_facts) or "?")
        return Verdict.model_construct(
            instrument=basis.instrument, name=name, applicable=basis.applicable, why=why, articles=articles,
            confidence=basis.confidence, missing=tuple(m.fact for m in basis.missing_facts),
        )

    def actor(self, actor: Actor, lang: str) -> str:
        return t("summary.actor", state=actor.state, role=self.role(actor.role, lang), office=self.office(actor))

    def office(self, actor: Actor) -> str:
        """The office designated at one end, marked when its source does not confirm it."""
        if not actor.name:
            if actor.notified:
                return t("summary.office_notified", notified=notified_text(actor))
            return t("summary.office_not_named")
        return f"{actor.name} {t('explain.verify_flag')}" if actor.confidence is Confidence.VERIFY else actor.name

    def _bottom_line(self, answer: Answer, chosen: RouteLine | None, basis: Basis | None, lang: str) -> str:
        day = answer.query.on.isoformat()
        if chosen is not None:
            key = "summary.bottom.route" if chosen.available is True else "summary.bottom.route_if_available"
            text = t(
                key,
                instrument=self.label("instrument", chosen.instrument.value, lang),
                channel=self.label("channel", chosen.channel.value, lang),
                sender=self.actor(chosen.sender, lang),
                addressee=self.actor(chosen.addressee, lang),
                articles=", ".join(chosen.articles),
                missing=", ".join(chosen.missing) or "?",
            )
            if basis is not None and basis.applicable is None:
                text += " " + t("summary.bottom.basis_undetermined", facts=", ".join(m.fact for m in basis.missing_facts) or "?")
            return text
        if basis is not None and basis.applicable is True:
            return t("summary.bottom.no_request_needed" if _no_request(answer, basis) else "summary.bottom.no_route", instrument=self.label("instrument", basis.instrument.value, lang))
        if basis is not None:
            return t("summary.bottom.undetermined", instrument=self.label("instrument", basis.instrument.value, lang), facts=", ".join(m.fact for m in basis.missing_facts) or "?")
        return t("summary.bottom.none", day=day)


def _sorted_unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _no_request(answer: Answer, basis: Basis) -> bool:
    return any(r.instrument is basis.instrument and not r.hops for r in answer.routes)


def _route_line(route: Route) -> RouteLine | None:
    hop = next((h for h in route.hops if h.channel is not None), None)
    if hop is None:
        return None
    return RouteLine.model_construct(
        rank=route.rank, instrument=route.instrument, channel=route.channel, available=route.available,
        sender=hop.sender, addressee=hop.receiver, articles=route.articles, confidence=route.confidence,
        missing=tuple(m.fact for m in route.missing_facts),
    )


def _recommended(lines: list[RouteLine], bases: Mapping[Instrument, Basis]) -> RouteLine | None:
    for line in lines:
        if line.available is True and bases[line.instrument].applicable is True:
            return line
    for line in lines:
        if line.available is not False and bases[line.instrument].applicable is not False:
            return line
    return None


def _first_open(bases: Iterable[Basis]) -> Basis | None:
    ordered = sorted((b for b in bases if b.applicable is not False), key=lambda b: b.applicable is not True)
    return ordered[0] if ordered else None
