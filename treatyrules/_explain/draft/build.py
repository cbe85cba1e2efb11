"""Choose the basis of the draft and read everything else off the answer.

Nothing legal is computed here. The basis, its articles, the route and the offices at its
ends, the content items, the grounds (and who creates them), the time limits, the conditions,
the caveats and the confidence flags are the answer's own; this module only chooses among
them (the basis asked for, else the best-ranked route's) and words them as a letter, with the
catalogue's texts (domain ``draft``) in the answer's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from treatyrules._answer.summary import Summarizer, notified_text
from treatyrules._i18n import first_sentence, t, using
from treatyrules._validate.labels import Labels
from treatyrules.errors import NoLegalBasisError, UnknownTagError
from treatyrules.models import (
    Actor,
    Answer,
    Basis,
    Citation,
    ConditionEntry,
    DraftCondition,
    DraftGround,
    DraftNotice,
    DraftRequest,
    DraftSection,
    GroundEntry,
    Hop,
    MissingFact,
    Route,
)
from treatyrules.vocabulary import Confidence, Instrument

#: condition ids worded under their own heading (the rest go under "other conditions")
CONFIDENTIALITY = frozenset({"confidentiality_of_request", "confidentiality_condition"})
USE_LIMITATION = frozenset({"conditions_of_use", "use_of_evidence", "conditions_of_provision", "personal_data_conditions"})


def query_text(answer: Answer) -> str:
    """``"ES -> PE, expedited_preservation, 2025-03-01"``: the request, as errors name it."""
    q = answer.query
    return f"{q.requesting} -> {q.requested}, {q.measure.value}, {q.on.isoformat()}"


def format_cites(articles: Sequence[Citation], lang: str, labels: Labels) -> str:
    """``("budapest 29.5.a", "budapest 29.5.b")`` -> "Budapest Convention, Arts 29.5.a, 29.5.b" (in the language in use)."""
    groups: dict[str, list[str]] = {}
    for citation in articles:
        instrument, _, article = citation.partition(" ")
        groups.setdefault(instrument, []).append(article)
    parts: list[str] = []
    for instrument, items in groups.items():
        label = labels.names["instrument"].get(instrument)
        name = (label.es if lang == "es" else label.en) if label is not None else instrument
        numbered = [a for a in items if a[:1].isdigit()]
        others = [a for a in items if not a[:1].isdigit()]
        if numbered:
            key = "draft.cite.one" if len(numbered) == 1 else "draft.cite.many"
            parts.append(t(key, instrument=name, article=numbered[0], articles=", ".join(numbered)))
        for other in others:
            parts.append(t("draft.cite.preamble", instrument=name) if other == "preamble" else f"{name}, {other}")
    return "; ".join(parts)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _unique_missing(groups: Iterable[Iterable[MissingFact]]) -> tuple[MissingFact, ...]:
    seen: dict[str, MissingFact] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item.fact, item)
    return tuple(seen.values())


def _verify_mark(actor: Actor) -> str:
    """The draft's verify mark after an office whose source does not confirm the designation."""
    return " " + t("draft.verify") if actor.confidence is Confidence.VERIFY else ""


def _why_not(basis: Basis) -> str:
    """One line: why ``basis`` gives no basis for the request, with the article of the rule that says so."""
    decisive = next((r for r in basis.reasons if r.holds is False), None)
    if decisive is None:
        return f"{basis.instrument.value} [{', '.join(basis.articles)}]" if basis.articles else basis.instrument.value
    return f"{basis.instrument.value}: {first_sentence(decisive.text).rstrip('.')} [{', '.join(decisive.articles)}]"


def _instrument(value: Instrument | str | None) -> Instrument | None:
    if value is None or isinstance(value, Instrument):
        return value
    try:
        return Instrument(str(value).strip())
    except ValueError:
        raise UnknownTagError("instrument", str(value), [i.value for i in Instrument]) from None


def choose_basis(answer: Answer, wanted: Instrument | None = None) -> tuple[Basis, Route | None]:
    """The basis of the draft and the route it travels by.

    ``wanted`` if given (it must apply or be undetermined); else the instrument of the
    best-ranked route (``answer.routes``, fastest first) whose basis applies, else that of
    one whose basis is undetermined; a basis that applies but has no route in the data comes
    before an undetermined one. Raises ``NoLegalBasisError`` saying why when there is none.
    """
    bases = {b.instrument: b for b in answer.bases}
    if wanted is not None:
        chosen = bases.get(wanted)
        if chosen is None or chosen.applicable is False:
            reasons = [_why_not(chosen)] if chosen is not None else [wanted.value]
            raise NoLegalBasisError(query_text(answer), reasons, wanted.value)
        return chosen, best_route(answer, chosen)
    for applicable in (True, None):
        for route in answer.routes:
            basis = bases.get(route.instrument)
            if basis is not None and basis.applicable is applicable and route.available is not False and route.hops:
                return basis, best_route(answer, basis)
        for basis in answer.bases:
            if basis.applicable is applicable:
                return basis, best_route(answer, basis)
    raise NoLegalBasisError(query_text(answer), [_why_not(b) for b in answer.bases])


def best_route(answer: Answer, basis: Basis) -> Route | None:
    """The basis's best-ranked route that has a hop between the States: an open one first."""
    routes = [r for r in answer.routes if r.instrument is basis.instrument and r.available is not False and r.hops]
    return next((r for r in routes if r.available is True), routes[0] if routes else None)


def _international(route: Route | None) -> Hop | None:
    if route is None:
        return None
    return next((h for h in route.hops if h.channel is not None), None)


class DraftBuilder:
    """Words the answer's contents as a letter; labels and role names from the summary's sources."""

    def __init__(self, summarizer: Summarizer) -> None:
        self.summarizer = summarizer

    def label(self, kind: str, tag: str, lang: str) -> str:
        return self.summarizer.label(kind, tag, lang)

    def cites(self, articles: Sequence[Citation], lang: str) -> str:
        return format_cites(articles, lang, self.summarizer.labels)

    # -- actors ---------------------------------------------------------------------

    def actor_text(self, actor: Actor | None, lang: str) -> str:
        if actor is None:
            return t("draft.no_route")
        if not actor.name:
            office = t("draft.office_notified", notified=notified_text(actor)) if actor.notified else t("draft.office_not_named")
            return f"{actor.state}, {self.summarizer.role(actor.role, lang)}: {office}"
        office = f"{actor.name}, {actor.address}" if actor.address else actor.name
        return f"{actor.state}, {self.summarizer.role(actor.role, lang)}: {office}{_verify_mark(actor)}"

    def route_text(self, hops: Sequence[Hop], lang: str) -> str | None:
        if not hops:
            return None

        def end(actor: Actor) -> str:
            named = f" ({actor.name}){_verify_mark(actor)}" if actor.name else ""
            return f"{actor.state} {self.summarizer.role(actor.role, lang)}{named}"

        return end(hops[0].sender) + "".join(f" → {end(h.receiver)}" for h in hops)

    # -- the draft ------------------------------------------------------------------

    def build(self, answer: Answer, basis: Instrument | str | None = None) -> DraftRequest:
        with using(answer.lang):
            return self._build(answer, _instrument(basis))

    def _build(self, answer: Answer, wanted: Instrument | None) -> DraftRequest:
        lang = answer.lang
        q = answer.query
        chosen, route = choose_basis(answer, wanted)
        hop = _international(route)
        name = chosen.name
        cites = self.cites

        held = [r for r in chosen.reasons if r.holds is not False]
        legal_articles = _unique(c for r in held for c in r.articles) or chosen.articles
        key = "draft.legal_basis.applies" if chosen.applicable is True else "draft.legal_basis.undetermined"
        legal_basis = t(key, name=name, cites=cites(legal_articles, lang))
        if chosen.measure_in_instrument:
            legal_basis += " " + t("draft.legal_basis.measure", measure=chosen.measure_in_instrument)

        sections = self._sections(chosen, lang)
        grounds = tuple(self._ground(g, "refusal", q.requested, lang) for g in chosen.refusal_grounds)
        postponement = tuple(self._ground(g, "postponement", q.requested, lang) for g in chosen.postponement_grounds)
        conditions = self._conditions(chosen.conditions + (route.conditions if route is not None else ()), lang)

        dual = chosen.dual_criminality
        dual_text = None
        if dual is not None:
            dual_text = t("draft.dual_criminality", value=self.label("dual_criminality", dual.value.value, lang), cites=cites(dual.articles, lang))

        missing = _unique_missing(
            [chosen.missing_facts]
            + [route.missing_facts if route is not None else ()]
            + [g.missing_facts for g in grounds + postponement]
        )
        flags: list[Confidence] = [chosen.confidence]
        flags += [r.confidence for r in held]
        flags += [s.confidence for s in sections] + [g.confidence for g in grounds + postponement]
        flags += [x.confidence for x in chosen.time_limits] + [c.confidence for c in conditions]
        flags += [dual.confidence] if dual is not None else []
        flags += [route.confidence] if route is not None else []
        confidence = Confidence.VERIFY if Confidence.VERIFY in flags else Confidence.HIGH

        notices = self._notices(answer, chosen, route, sections, confidence, lang)
        return DraftRequest.model_construct(
            query=q,
            lang=lang,
            title=t(f"draft.title.{q.measure.value}"),
            basis=chosen.instrument,
            basis_name=name,
            applicable=chosen.applicable,
            measure_in_instrument=chosen.measure_in_instrument,
            notices=notices,
            sender=hop.sender if hop is not None else None,
            addressee=hop.receiver if hop is not None else None,
            sender_text=self.actor_text(hop.sender if hop is not None else None, lang),
            addressee_text=self.actor_text(hop.receiver if hop is not None else None, lang),
            channel=route.channel if route is not None else None,
            channel_name=self.label("channel", route.channel.value, lang) if route is not None else None,
            route_rank=route.rank if route is not None else None,
            route_available=route.available if route is not None else None,
            route=route.hops if route is not None else (),
            route_text=self.route_text(route.hops, lang) if route is not None else None,
            route_articles=route.articles if route is not None else (),
            route_confidence=route.confidence if route is not None else Confidence.HIGH,
            legal_basis=legal_basis,
            legal_basis_articles=legal_articles,
            legal_basis_reasons=tuple(held),
            dual_criminality=dual,
            dual_criminality_text=dual_text,
            sections=sections,
            grounds=grounds,
            grounds_closed_list=chosen.grounds_closed_list,
            postponement_grounds=postponement,
            time_limits=chosen.time_limits,
            conditions=conditions,
            caveats=answer.caveats,
            hypotheses=answer.hypotheses,
            missing_facts=missing,
            confidence=confidence,
        )

    def _sections(self, basis: Basis, lang: str) -> tuple[DraftSection, ...]:
        sections = []
        for item in basis.required_contents:
            text = item.text
            heading = f"{text[:1].upper()}{text[1:]} ({self.cites(item.articles, lang)})" if item.articles else text
            sections.append(DraftSection.model_construct(
                item=item.item, heading=heading, text=text, articles=item.articles,
                field=t("draft.field", what=text), applies=item.applies, confidence=item.confidence,
            ))
        if not sections:
            # the basis prescribes no contents: one open section, citing no article (none requires it)
            heading = t("draft.section.statement")
            sections.append(DraftSection.model_construct(
                item="statement_of_request", heading=heading, text=heading, articles=(),
                field=t("draft.field", what=t("draft.what.statement")), applies=True, confidence=Confidence.HIGH,
            ))
        return tuple(sections)

    def _ground(self, g: GroundEntry, kind: str, requested: str, lang: str) -> DraftGround:
        cited = self.cites(g.articles, lang)
        if g.source == "instrument" or g.state is None:
            created_by = t("draft.created_by.instrument", cites=cited)
        else:
            created_by = t(f"draft.created_by.{g.source}", state=g.state, cites=cited)
        return DraftGround.model_construct(
            ground=g.ground, kind=kind, text=g.text, articles=g.articles, source=g.source, state=g.state,
            created_by=created_by, supply=t(f"draft.supply.{g.ground.value}", state=requested),
            applies=g.applies, confidence=g.confidence, missing_facts=g.missing_facts,
        )

    def _conditions(self, entries: Iterable[ConditionEntry], lang: str) -> tuple[DraftCondition, ...]:
        seen: dict[str, DraftCondition] = {}
        for c in entries:
            if c.id in seen:
                continue
            kind = "confidentiality" if c.id in CONFIDENTIALITY else "use_limitation" if c.id in USE_LIMITATION else "other"
            field = t("draft.field", what=t(f"draft.what.{kind}")) if kind != "other" else None
            seen[c.id] = DraftCondition.model_construct(
                id=c.id, kind=kind, heading=t(f"draft.condition.{kind}"), text=c.text, articles=c.articles,
                field=field, applies=c.applies, confidence=c.confidence,
            )
        order = {"confidentiality": 0, "use_limitation": 1, "other": 2}
        return tuple(sorted(seen.values(), key=lambda c: order[c.kind]))

    def _notices(
        self, answer: Answer, basis: Basis, route: Route | None, sections: Sequence[DraftSection], confidence: Confidence, lang: str,
    ) -> tuple[DraftNotice, ...]:
        notices: list[DraftNotice] = []
        if basis.applicable is None:
            open_articles = _unique(c for r in basis.reasons if r.holds is None for c in r.articles)
            facts = "; ".join(f"{m.text} ({m.fact})" for m in basis.missing_facts) or "?"
            notices.append(DraftNotice.model_construct(
                kind="undetermined_basis", text=t("draft.notice.undetermined_basis", name=basis.name, facts=facts),
                articles=open_articles, missing_facts=basis.missing_facts,
            ))
        if route is None:
            notices.append(DraftNotice.model_construct(kind="no_route", text=t("draft.notice.no_route", name=basis.name), articles=(), missing_facts=()))
        elif route.available is None and {m.fact for m in route.missing_facts} - {m.fact for m in basis.missing_facts}:
            facts = "; ".join(f"{m.text} ({m.fact})" for m in route.missing_facts) or "?"
            notices.append(DraftNotice.model_construct(
                kind="undetermined_channel", text=t("draft.notice.undetermined_channel", channel=self.label("channel", route.channel.value, lang), facts=facts),
                articles=route.articles, missing_facts=route.missing_facts,
            ))
        if not basis.required_contents:
            notices.append(DraftNotice.model_construct(kind="no_contents", text=t("draft.notice.no_contents", name=basis.name), articles=(), missing_facts=()))
        if answer.query.scenario:
            notices.append(DraftNotice.model_construct(kind="scenario", text=t("draft.notice.scenario", name=answer.query.scenario), articles=(), missing_facts=()))
        if confidence is Confidence.VERIFY:
            notices.append(DraftNotice.model_construct(kind="verify", text=t("draft.notice.verify"), articles=(), missing_facts=()))
        return tuple(notices)


def build_draft(answer: Answer, summarizer: Summarizer, basis: Instrument | str | None = None) -> DraftRequest:
    """The draft request for ``answer`` under ``basis`` (default: the best-ranked basis that applies,
    else one that is undetermined), in the answer's language.

    Raises ``NoLegalBasisError`` when no instrument (or not ``basis``) applies or may apply, and
    ``UnknownTagError`` for a ``basis`` that is not an instrument id.
    """
    return DraftBuilder(summarizer).build(answer, basis)
