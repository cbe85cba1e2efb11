"""Choose the basis of the draft and read everything else off the answer."""

from __future__ import annotations

from treatyrules._answer.summary import Summarizer
from treatyrules._i18n import t, using
from treatyrules._explain.draft.model import DraftGround, DraftRequest, DraftSection
from treatyrules.errors import NoLegalBasisError
from treatyrules.models import Answer, Basis, Deadline, Route
from treatyrules.vocabulary import Confidence, Ground, Instrument

#: grounds for which the catalogue says what to supply (draft.supply.<ground>); others get the general advice
_SUPPLY = {
    Ground.DUAL_CRIMINALITY_AT_DISCLOSURE_UNLIKELY, Ground.DUAL_CRIMINALITY_ABSENT, Ground.POLITICAL_OFFENCE,
    Ground.ESSENTIAL_INTERESTS, Ground.FORMAL_DEFECT_INCURABLE, Ground.FORMAL_DEFECT_CURABLE, Ground.REQUEST_NOT_CONFORMING,
    Ground.CONDITIONS_NOT_ACCEPTED, Ground.NE_BIS_IN_IDEM, Ground.PREJUDICE_ONGOING_INVESTIGATION, Ground.FISCAL_OFFENCE_ONLY,
}


def _query_text(answer: Answer) -> str:
    q = answer.query
    return f"{q.requesting} -> {q.requested}, {q.measure.value}, {q.on.isoformat()}"


def _why_not(basis: Basis) -> str:
    decisive = next((r for r in basis.reasons if r.holds is False), None)
    if decisive is None:
        return basis.instrument.value
    return f"{basis.instrument.value}: {decisive.text.split('. ')[0].rstrip('.')} [{', '.join(decisive.articles)}]"


def _choose(answer: Answer, wanted: Instrument | None) -> Basis:
    open_bases = [b for b in answer.bases if b.applicable is not False]
    if wanted is not None:
        basis = answer.basis(wanted)
        if basis.applicable is False:
            raise NoLegalBasisError(_query_text(answer), [_why_not(basis)], wanted.value)
        return basis
    if not open_bases:
        raise NoLegalBasisError(_query_text(answer), [_why_not(b) for b in answer.bases])
    ranked = [r.instrument for r in answer.routes]
    for applicable in (True, None):
        for instrument in ranked:
            basis = answer.basis(instrument)
            if basis.applicable is applicable:
                return basis
        for basis in open_bases:
            if basis.applicable is applicable:
                return basis
    return open_bases[0]


def _route(answer: Answer, basis: Basis) -> Route | None:
    routes = [r for r in answer.routes if r.instrument is basis.instrument and r.hops]
    return next((r for r in routes if r.available is True), routes[0] if routes else None)


def build_draft(answer: Answer, summarizer: Summarizer, basis: Instrument | str | None = None) -> DraftRequest:
    """The draft request for ``answer`` under ``basis`` (default: the best-ranked open basis)."""
    with using(answer.lang):
        return _build(answer, summarizer, Instrument(basis) if basis is not None else None)


def _build(answer: Answer, summarizer: Summarizer, wanted: Instrument | None) -> DraftRequest:
    lang = answer.lang
    q = answer.query
    chosen = _choose(answer, wanted)
    label = summarizer.label
    route = _route(answer, chosen)
    hop = next((h for h in route.hops if h.channel is not None), None) if route else None
    measure = label("measure", q.measure.value, lang)
    instrument = label("instrument", chosen.instrument.value, lang)
    sections = tuple(
        DraftSection.model_construct(
            item=item.item, heading=item.text, articles=item.articles,
            field=t("draft.field"), applies=item.applies, confidence=item.confidence,
        )
        for item in chosen.required_contents
    )
    grounds = tuple(
        DraftGround.model_construct(
            ground=g.ground, text=g.text, articles=g.articles, source=g.source, state=g.state,
            supply=t(f"draft.supply.{g.ground.value}" if g.ground in _SUPPLY else "draft.supply.other", state=q.requested),
            applies=g.applies, confidence=g.confidence,
        )
        for g in chosen.refusal_grounds
    )
    limits = tuple(
        Deadline.model_construct(
            instrument=chosen.instrument, id=d.id, bound=d.bound, days=d.days, hours=d.hours, text=d.text,
            articles=d.articles, applies=d.applies, confidence=d.confidence,
        )
        for d in chosen.time_limits
    )
    notice = None
    if chosen.applicable is None:
        notice = t("draft.undetermined", instrument=instrument, facts="; ".join(f"{m.fact}: {m.text}" for m in chosen.missing_facts) or "?")
    dual = chosen.dual_criminality
    held = [r for r in chosen.reasons if r.holds is not False]
    legal_articles = tuple(dict.fromkeys(c for r in held for c in r.articles))
    flags = [chosen.confidence] + [s.confidence for s in sections] + [g.confidence for g in grounds] + [d.confidence for d in limits]
    if route is not None:
        flags.append(route.confidence)
    return DraftRequest.model_construct(
        query=q,
        lang=lang,
        basis=chosen.instrument,
        basis_name=chosen.name,
        applicable=chosen.applicable,
        title=t("draft.title", measure=chosen.measure_in_instrument or measure),
        notice=notice,
        missing_facts=chosen.missing_facts,
        sender=hop.sender if hop else None,
        addressee=hop.receiver if hop else None,
        channel=route.channel if route else None,
        route_articles=route.articles if route else (),
        legal_basis=t("draft.legal_basis", instrument=chosen.name, measure=chosen.measure_in_instrument or measure),
        legal_basis_articles=legal_articles,
        sections=sections,
        grounds=grounds,
        dual_criminality=dual.value if dual else None,
        dual_criminality_text=label("dual_criminality", dual.value.value, lang) if dual else None,
        dual_criminality_articles=dual.articles if dual else (),
        time_limits=limits,
        conditions=chosen.conditions,
        caveats=answer.caveats,
        confidence=Confidence.VERIFY if Confidence.VERIFY in flags else Confidence.HIGH,
    )
