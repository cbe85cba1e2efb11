"""What each ``Then`` step checks in the answer, and what it says when the answer differs.

Every check names the instrument it read, what the step expected and what the
answer says, in the feature's language, and records for the coverage report
which conclusions (and so which rules) it asserted. The answer is in the feature's
language too (``TreatyCase.answer``), so a text the step quotes ("because ...", a
condition, an item the request must state) is looked for in that language's answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from treatyrules.bdd.case import CheckFailed, TreatyCase
from treatyrules.bdd.messages import say
from treatyrules.bdd.names import fold, key, names
from treatyrules.bdd.vocabulary import Cite, Limit, Source
from treatyrules.models import Basis, ChannelEntry, GroundEntry, Reason, TimeLimit
from treatyrules.vocabulary import DualCriminality, Ground

# -- helpers -------------------------------------------------------------------------------


def _label(kind: str, tag: str, lang: str) -> str:
    return names().label(kind, tag, lang)


def _norm(text: str) -> str:
    return " ".join(fold(text).split())


def cites(citations: Iterable[str], cite: Cite | None) -> bool:
    """Whether ``citations`` include the cited article (or a paragraph of it)."""
    wanted = cite.citation() if cite else None
    if wanted is None:
        return True
    return any(c == wanted or c.startswith(wanted + ".") for c in citations)


def _cite_failure(case: TreatyCase, what: str, cite: Cite, citations: Sequence[str]) -> CheckFailed:
    shown = ", ".join(citations) or "-"
    return CheckFailed(say(case.lang, "checks.cite", what=what, article=cite.article, instrument=case.instrument_label(cite.instrument), shown=shown))


def _basis(case: TreatyCase, cite: Cite | None) -> Basis:
    """The instrument a conclusion step is about.

    "under the Budapest Convention" names it. "under Article 27.4.a of the Budapest Convention"
    names the article's instrument: the conclusion is read in the instrument the scenario is
    about (the last one an 'applies' step named), which may cite another instrument's article
    (the Second Protocol cites Budapest Art 27.4), or in the cited instrument if none was named.
    """
    if cite is None:
        return case.basis(None)
    if cite.article is None or case.focus is None:
        return case.basis(cite.instrument)
    return case.basis(case.focus)


def _reason_lines(reasons: Iterable[Reason], lang: str) -> str:
    marks = {True: say(lang, "marks.holds"), False: say(lang, "marks.fails"), None: say(lang, "marks.unknown")}
    lines = []
    for r in reasons:
        lines.append(f"  [{marks[r.holds]}] {r.text}  [{', '.join(r.articles)}]  ({r.rule})")
        lines.extend(f"        - {f.text}" for f in r.facts)
    return "\n".join(lines)


def _applicable_word(value: bool | None, lang: str) -> str:
    return say(lang, {True: "applicable.applies", False: "applicable.does_not_apply", None: "applicable.undetermined"}[value])


def _under(case: TreatyCase, basis: Basis) -> str:
    """The name of the instrument a basis is for, in the feature's language."""
    return case.instrument_label(basis.instrument.value)


def _need_applicable(case: TreatyCase, basis: Basis) -> None:
    if basis.applicable is False:
        raise CheckFailed(
            say(case.lang, "checks.not_applicable", instrument=_under(case, basis)),
            _reason_lines((r for r in basis.reasons if r.holds is not True), case.lang),
        )


def _record(case: TreatyCase, basis: Basis, kind: str, *keys: Any, citations: Iterable[str] = (), reasons: Iterable[Reason] = ()) -> None:
    if case.recorder is not None:
        case.recorder.asserted(case, basis.instrument.value, kind, keys, tuple(citations), tuple(reasons))


# -- applicability --------------------------------------------------------------------------


def _because_matches(text: str, reason: Reason, basis: Basis) -> bool:
    wanted = _norm(text)
    pool = [reason.text, reason.rule, *(f.text for f in reason.facts), *(m.text for m in basis.missing_facts), *(m.fact for m in basis.missing_facts)]
    return any(wanted in _norm(p) for p in pool)


def check_applies(case: TreatyCase, p: dict[str, Any]) -> None:
    instrument = p["instrument"]
    case.focus = instrument
    basis = case.basis(instrument)
    expected = p["expected"]
    lang = case.lang
    name = case.instrument_label(instrument)
    if basis.applicable is not expected:
        raise CheckFailed(
            say(lang, "checks.applies", name=name, expected=_applicable_word(expected, lang), actual=_applicable_word(basis.applicable, lang)),
            _reason_lines(basis.reasons, lang),
        )
    reasons = [r for r in basis.reasons if r.holds is expected]
    if p["because"]:
        matched = [r for r in reasons if _because_matches(p["because"], r, basis)]
        if not matched:
            raise CheckFailed(
                say(lang, "checks.because", name=name, expected=_applicable_word(expected, lang), because=p["because"]),
                _reason_lines(reasons, lang),
            )
        reasons = matched
    citations = sorted({c for r in reasons for c in r.articles})
    if p["cite"] and not cites(citations, p["cite"]):
        raise _cite_failure(case, f"'{name} {_applicable_word(expected, lang)}'", p["cite"], citations)
    _record(case, basis, "applicability", citations=citations, reasons=reasons)


# -- channels ---------------------------------------------------------------------------------


def _channel_word(value: bool | None, lang: str) -> str:
    return say(lang, {True: "channel_status.open", False: "channel_status.closed", None: "channel_status.undetermined"}[value])


def _channels_text(basis: Basis, lang: str) -> str:
    if not basis.channels:
        return "  " + say(lang, "checks.no_channel")
    lines = []
    for c in basis.channels:
        lines.append(f"  {_label('channel', c.channel.value, lang)}: {_channel_word(c.available, lang)}  [{', '.join(c.articles)}]")
        for r in c.closed_by:
            if r.holds is not False:
                lines.append(f"      {say(lang, 'words.closed_by')}: {r.text}")
        if c.missing_facts:
            lines.append(f"      {say(lang, 'words.depends_on')}: {'; '.join(m.text for m in c.missing_facts)}")
    return "\n".join(lines)


def _not_applying(lang: str) -> str:
    return "  " + say(lang, "checks.instrument_does_not_apply")


def check_channel(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    if p["expected"] is not False or p["cite"] is not None and p["cite"].article:
        _need_applicable(case, basis)
    lang = case.lang
    channels = basis.channels if basis.applicable is not False else ()
    entry: ChannelEntry | None = next((c for c in channels if c.channel.value == p["channel"]), None)
    actual = entry.available if entry is not None else False
    expected = p["expected"]
    label = _label("channel", p["channel"], lang)
    if actual is not expected:
        raise CheckFailed(
            say(lang, "checks.channel", label=label, expected=_channel_word(expected, lang), instrument=_under(case, basis)),
            _channels_text(basis, lang),
        )
    citations: list[str] = list(entry.articles) if entry else []
    if entry:
        citations += [c for r in entry.closed_by for c in r.articles]
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, f"'{label}: {_channel_word(expected, lang)}'", p["cite"], sorted(set(citations)))
    _record(case, basis, "channel", p["channel"], citations=citations)


def check_open_channels(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    lang = case.lang
    if basis.applicable is False:
        actual: set[str] = set()
    else:
        actual = {c.channel.value for c in basis.channels if c.available is True}
    expected = set(p["channels"])
    if actual != expected:
        shown = ", ".join(_label("channel", c, lang) for c in sorted(expected)) or say(lang, "words.none")
        raise CheckFailed(
            say(lang, "checks.open_channels", shown=shown, instrument=_under(case, basis)),
            _channels_text(basis, lang) if basis.applicable is not False else _not_applying(lang),
        )
    citations = [a for c in basis.channels if c.channel.value in expected for a in c.articles]
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, say(lang, "checks.the_open_channels"), p["cite"], sorted(set(citations)))
    for channel in expected:
        _record(case, basis, "channel", channel)


# -- grounds ----------------------------------------------------------------------------------

_KIND_FIELD = {"refusal": "refusal_grounds", "postponement": "postponement_grounds", "prohibited": "prohibited_grounds"}


def _kind_words(kind: str, lang: str) -> str:
    return say(lang, f"ground_kinds.{kind}")


def _source_words(entry: GroundEntry, lang: str) -> str:
    if entry.source == "instrument":
        return say(lang, "checks.source_instrument")
    state = names().state_label(entry.state or "", lang) if entry.state else "?"
    if entry.source == "reservation":
        return say(lang, "checks.source_reservation", state=state)
    return say(lang, "checks.source_declaration", state=state)


def _grounds_text(entries: Sequence[GroundEntry], lang: str) -> str:
    if not entries:
        return f"  ({say(lang, 'words.none')})"
    lines = []
    for g in entries:
        extra = "" if g.applies is True else f"  ({say(lang, 'words.depends_on')}: {'; '.join(m.text for m in g.missing_facts)})"
        lines.append(f"  {_label('ground', g.ground.value, lang)} — {_source_words(g, lang)}  [{', '.join(g.articles)}]{extra}")
    return "\n".join(lines)


def check_grounds_exactly(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    lang = case.lang
    kind = p["kind"]
    entries: Sequence[GroundEntry] = () if basis.applicable is False else getattr(basis, _KIND_FIELD[kind])
    expected = {g.value for g in p["grounds"]}
    actual = {g.ground.value for g in entries}
    undetermined = [g for g in entries if g.applies is not True]
    if actual != expected or undetermined:
        shown = ", ".join(_label("ground", g, lang) for g in sorted(expected)) or say(lang, "words.none")
        head = say(lang, "checks.grounds_exactly", kind=_kind_words(kind, lang), shown=shown, instrument=_under(case, basis))
        if basis.applicable is False:
            raise CheckFailed(head, _not_applying(lang))
        tail = ""
        if undetermined and actual == expected:
            tail = "\n" + say(lang, "checks.grounds_undetermined")
        raise CheckFailed(head, _grounds_text(entries, lang) + tail)
    citations = [a for g in entries for a in g.articles]
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, _kind_words(kind, lang), p["cite"], sorted(set(citations)))
    if kind == "refusal" and basis.applicable is not False:
        for g in entries:
            _record(case, basis, "ground", kind, g.ground.value, g.source, citations=g.articles)
    else:
        for g in entries:
            _record(case, basis, "ground", kind, g.ground.value, g.source, citations=g.articles)


def check_ground(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    lang = case.lang
    kind = p["kind"]
    ground: Ground = p["ground"]
    source: Source | None = p["source"]
    entries: Sequence[GroundEntry] = () if basis.applicable is False else getattr(basis, _KIND_FIELD[kind])

    def fits(g: GroundEntry) -> bool:
        if g.ground is not ground:
            return False
        if source is None:
            return True
        return g.source == source.source and (source.state is None or g.state == source.state)

    found = [g for g in entries if fits(g)]
    label = _label("ground", ground.value, lang)
    where = ""
    if source is not None:
        if source.source == "instrument":
            where = " " + say(lang, "checks.where_instrument")
        else:
            st = names().state_label(source.state, lang) if source.state else say(lang, "words.a_state")
            where = " " + say(lang, "checks.where_reservation" if source.source == "reservation" else "checks.where_declaration", state=st)
    if p["present"]:
        if basis.applicable is False:
            _need_applicable(case, basis)
        definite = [g for g in found if g.applies is True]
        if not definite:
            raise CheckFailed(
                say(lang, "checks.ground_present", label=label, kind=_kind_words(kind, lang), where=where, instrument=_under(case, basis)),
                _grounds_text(entries, lang),
            )
        citations = [a for g in definite for a in g.articles]
        if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
            raise _cite_failure(case, f"'{label}'", p["cite"], sorted(set(citations)))
        for g in definite:
            _record(case, basis, "ground", kind, g.ground.value, g.source, citations=g.articles)
    else:
        if found:
            raise CheckFailed(
                say(lang, "checks.ground_absent", label=label, kind=_kind_words(kind, lang), where=where, instrument=_under(case, basis)),
                _grounds_text(entries, lang),
            )
        _record(case, basis, "absent_ground", kind, ground.value)


def check_closed_list(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    _need_applicable(case, basis)
    lang = case.lang
    closed = basis.grounds_closed_list.closed
    if closed is not p["closed"]:
        word = say(lang, "checks.a_closed_list" if closed else "checks.not_a_closed_list")
        raise CheckFailed(
            say(lang, "checks.closed_list", instrument=_under(case, basis), word=word),
            _grounds_text(basis.refusal_grounds, lang),
        )
    citations = basis.grounds_closed_list.articles
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, say(lang, "checks.closed_list_what"), p["cite"], list(citations))
    _record(case, basis, "closed_list", citations=citations)


# -- dual criminality, time limits, contents, conditions ----------------------------------------


def check_dual_criminality(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    _need_applicable(case, basis)
    lang = case.lang
    entry = basis.dual_criminality
    expected = DualCriminality(p["value"])
    if entry is None or entry.value is not expected:
        actual = _label("dual_criminality", entry.value.value, lang) if entry else say(lang, "words.not_stated")
        raise CheckFailed(
            say(lang, "checks.dual_criminality", expected=_label("dual_criminality", expected.value, lang), instrument=_under(case, basis), actual=actual)
            + (f"  [{', '.join(entry.articles)}]" if entry else "")
        )
    if p["cite"] and p["cite"].article and not cites(entry.articles, p["cite"]):
        raise _cite_failure(case, f"'{_label('dual_criminality', expected.value, lang)}'", p["cite"], list(entry.articles))
    _record(case, basis, "dual_criminality", citations=entry.articles)


def _limit_fits(limit: Limit, t: TimeLimit) -> bool:
    if limit.bound == "until":
        return t.bound == "until" and (_norm(limit.until or "") in _norm(t.runs_from or "") or _norm(limit.until or "") in _norm(t.text))
    if limit.days is not None or limit.hours is not None:
        bound = {"min": "min", "max": "max", "within": "max"}.get(t.bound, "exactly")
        return bound == limit.bound and t.days == limit.days and t.hours == limit.hours
    return t.bound == limit.bound


def _limits_text(basis: Basis, lang: str) -> str:
    if not basis.time_limits:
        return "  " + say(lang, "checks.no_time_limit")
    out = []
    for t in basis.time_limits:
        amount = f"{t.days} d" if t.days else f"{t.hours} h" if t.hours else ""
        out.append(f"  {t.bound} {amount}".rstrip() + f": {t.text}  [{', '.join(t.articles)}]")
    return "\n".join(out)


def check_time_limit(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    _need_applicable(case, basis)
    lang = case.lang
    limit: Limit | None = p["limit"]
    if limit is None:
        if basis.time_limits:
            raise CheckFailed(say(lang, "checks.no_time_limit_expected", instrument=_under(case, basis)), _limits_text(basis, lang))
        _record(case, basis, "no_time_limit")
        return
    found = [t for t in basis.time_limits if _limit_fits(limit, t) and t.applies is not False]
    if not found:
        raise CheckFailed(say(lang, "checks.time_limit", limit=limit.describe(lang), instrument=_under(case, basis)), _limits_text(basis, lang))
    citations = [a for t in found for a in t.articles]
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, f"'{limit.describe(lang)}'", p["cite"], sorted(set(citations)))
    for t in found:
        _record(case, basis, "time_limit", t.id, citations=t.articles)


# Spanish names of the items a request must state, from the Spanish text of the Budapest Convention
# (seed 003), which a Spanish feature may also use. The answer's own Spanish text of an item comes
# from the rule file; this table can go once rules/budapest.yaml gives these items in Spanish.
CONTENT_ITEMS_ES: dict[str, str] = {
    "requesting_authority": "la autoridad que solicita la conservación",
    "offence_and_facts": "el delito objeto de la investigación o de procedimientos penales y una breve exposición de los hechos relacionados con el mismo",
    "data_and_link_to_offence": "los datos informáticos almacenados que deben conservarse y su relación con el delito",
    "custodian_or_location": "toda información disponible que permita identificar al responsable de la custodia de los datos informáticos almacenados o el emplazamiento del sistema informático",
    "necessity_of_preservation": "la necesidad de la medida de conservación",
    "intent_to_request_mla": "que la Parte tiene intención de presentar una solicitud de asistencia mutua con vistas al registro o al acceso por un medio similar, la confiscación o la obtención por un medio similar, o a la revelación de los datos",
}


def _item_fits(wanted: str, item: Any, lang: str) -> bool:
    """Whether the step names ``item`` by its id or by part of its text in the feature's language."""
    w = _norm(key(wanted))
    pool = [key(item.item), item.text, CONTENT_ITEMS_ES.get(item.item, "") if lang == "es" else ""]
    return bool(w) and any(w == _norm(key(x)) or (len(w) >= 6 and w in _norm(key(x))) for x in pool if x)


def check_contents(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    _need_applicable(case, basis)
    lang = case.lang
    for wanted in p["items"]:
        found = [c for c in basis.required_contents if _item_fits(wanted, c, lang)]
        if not found:
            shown = "\n".join(f"  {c.item}: {c.text}  [{', '.join(c.articles)}]" for c in basis.required_contents)
            raise CheckFailed(
                say(lang, "checks.contents", wanted=wanted, instrument=_under(case, basis)),
                shown or f"  ({say(lang, 'words.nothing')})",
            )
        citations = [a for c in found for a in c.articles]
        if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
            raise _cite_failure(case, f"'{wanted}'", p["cite"], sorted(set(citations)))
        for c in found:
            _record(case, basis, "content", c.item, citations=c.articles)


def check_condition(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    _need_applicable(case, basis)
    lang = case.lang
    wanted = _norm(key(p["condition"]))
    found = [c for c in basis.conditions if c.applies is not False and (wanted == _norm(key(c.id)) or (len(wanted) >= 6 and wanted in _norm(c.text)))]
    if not found:
        shown = "\n".join(f"  {c.id}: {c.text}  [{', '.join(c.articles)}]" for c in basis.conditions) or f"  ({say(lang, 'words.none_feminine')})"
        raise CheckFailed(say(lang, "checks.condition", condition=p["condition"], instrument=_under(case, basis)), shown)
    citations = [a for c in found for a in c.articles]
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, f"'{p['condition']}'", p["cite"], sorted(set(citations)))
    for c in found:
        _record(case, basis, "condition", c.id, citations=c.articles)


# -- citations, missing facts, confidence --------------------------------------------------------


def check_comparison(case: TreatyCase, p: dict[str, Any]) -> None:
    lang = case.lang
    comparison = case.answer().comparison
    wanted = set(p["instruments"])
    labels = ", ".join(case.instrument_label(i) for i in sorted(wanted))
    if comparison is None:
        raise CheckFailed(say(lang, "checks.no_comparison", labels=labels))
    fastest = p["aspect"] == "fastest"
    got = {i.value for i in (comparison.fastest if fastest else comparison.fewest_grounds)}
    if got != wanted:
        text = comparison.fastest_text if fastest else comparison.fewest_grounds_text
        raise CheckFailed(say(lang, "checks.comparison", labels=labels, text=text))
    for instrument in sorted(wanted):
        _record(case, case.answer().basis(instrument), "comparison", p["aspect"])


def _all_citations(basis: Basis) -> list[str]:
    out = list(basis.articles)
    for r in basis.reasons:
        out.extend(r.articles)
    return out


def check_cites(case: TreatyCase, p: dict[str, Any]) -> None:
    cite: Cite = p["cite"]
    basis = case.basis(cite.instrument)
    lang = case.lang
    citations = _all_citations(basis)
    comparison = case.answer().comparison
    if comparison is not None:  # the relationship clauses the comparison quotes for this instrument
        citations += [str(a) for r in comparison.relationships if r.instrument is basis.instrument for a in r.articles]
    if not cites(citations, cite):
        raise CheckFailed(say(lang, "checks.cites", article=cite.article, instrument=_under(case, basis), cites=", ".join(sorted(set(citations)))))
    _record(case, basis, "article", cite.citation(), citations=[c for c in citations if cites([c], cite)])


def _missing_all(case: TreatyCase) -> list[tuple[str, str]]:
    """The facts the answer lacks: for the instrument in focus, or for every instrument if none is."""
    answer = case.answer()
    seen: dict[str, str] = {}
    for basis in answer.bases:
        if case.focus is not None and basis.instrument.value != case.focus:
            continue
        pools = [basis.missing_facts, *(c.missing_facts for c in basis.channels), *(g.missing_facts for g in basis.refusal_grounds + basis.postponement_grounds)]
        for pool in pools:
            for m in pool:
                seen.setdefault(m.fact, m.text)
    return list(seen.items())


def _fact_descriptions(fact: str, text: str, lang: str) -> list[str]:
    """The key of a missing fact, the answer's description of it, and further ones, in ``lang``."""
    out = [fact, text]
    if fact == "mla_treaty":
        out.append(say(lang, "facts.mla_treaty"))
    parts = fact.split(":")
    if len(parts) == 3 and parts[0] == "party":
        _, instrument, iso = parts
        state, label = names().state_label(iso, lang), names().label("instrument", instrument, lang)
        out += [say(lang, "facts.party_in_force", instrument=label, state=state), say(lang, "facts.party_bound", instrument=label, state=state)]
    return out


def check_missing(case: TreatyCase, p: dict[str, Any]) -> None:
    lang = case.lang
    missing = _missing_all(case)
    shown = "\n".join(f"  {k}: {t}" for k, t in missing) or f"  ({say(lang, 'words.none')})"
    if not p["facts"]:
        if missing:
            raise CheckFailed(say(lang, "checks.no_missing_expected"), shown)
        return
    for wanted in p["facts"]:
        w = _norm(key(wanted))
        if not any(w and any(w in _norm(key(d)) for d in _fact_descriptions(k, t, lang)) for k, t in missing):
            raise CheckFailed(say(lang, "checks.missing", wanted=wanted), shown)


def check_verify(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = case.basis(None)
    lang = case.lang
    marked = case.is_verify(basis)
    if marked is not p["verify"]:
        if marked:
            raise CheckFailed(say(lang, "checks.verify_marked", instrument=_under(case, basis)), "\n".join(f"  - {c.text}" for c in case.answer().caveats))
        raise CheckFailed(say(lang, "checks.verify_not_marked", instrument=_under(case, basis)))
    _record(case, basis, "confidence")


CHECKS = {
    "applies": check_applies,
    "channel": check_channel,
    "open_channels": check_open_channels,
    "grounds_exactly": check_grounds_exactly,
    "ground": check_ground,
    "closed_list": check_closed_list,
    "dual_criminality": check_dual_criminality,
    "time_limit": check_time_limit,
    "required_contents": check_contents,
    "condition": check_condition,
    "comparison": check_comparison,
    "cites": check_cites,
    "missing_facts": check_missing,
    "verify": check_verify,
}
