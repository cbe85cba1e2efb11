"""What each ``Then`` step checks in the answer, and what it says when the answer differs.

Every check names the instrument it read, what the step expected and what the
answer says, in the feature's language, and records for the coverage report
which conclusions (and so which rules) it asserted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from treatyrules.bdd.case import CheckFailed, TreatyCase, say
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
    return CheckFailed(
        say(
            case.lang,
            f"{what} holds, but not under Article {cite.article} of the {case.instrument_label(cite.instrument)}: the answer cites {shown}",
            f"{what} se cumple, pero no según el artículo {cite.article} del {case.instrument_label(cite.instrument)}: la respuesta cita {shown}",
        )
    )


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


def _reason_lines(reasons: Iterable[Reason]) -> str:
    lines = []
    for r in reasons:
        mark = {True: "yes", False: "no", None: "?"}[r.holds]
        lines.append(f"  [{mark}] {r.text}  [{', '.join(r.articles)}]  ({r.rule})")
        lines.extend(f"        - {f.text}" for f in r.facts)
    return "\n".join(lines)


def _applicable_word(value: bool | None, lang: str) -> str:
    if lang == "es":
        return {True: "aplica", False: "no aplica", None: "no se puede determinar (faltan datos)"}[value]
    return {True: "applies", False: "does not apply", None: "is undetermined (facts are missing)"}[value]


def _need_applicable(case: TreatyCase, basis: Basis) -> None:
    if basis.applicable is False:
        raise CheckFailed(
            say(
                case.lang,
                f"the {case.instrument_label(basis.instrument.value)} does not apply to this request, so it has no channels, grounds or time limits to check. Why:\n",
                f"el {case.instrument_label(basis.instrument.value)} no aplica a esta solicitud, así que no tiene canales, motivos ni plazos que comprobar. Por qué:\n",
            )
            + _reason_lines(r for r in basis.reasons if r.holds is not True)
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
            say(lang, f"expected: the {name} {_applicable_word(expected, lang)}\nthe answer: it {_applicable_word(basis.applicable, lang)}, because:\n",
                f"se esperaba: el {name} {_applicable_word(expected, lang)}\nla respuesta: {_applicable_word(basis.applicable, lang)}, porque:\n")
            + _reason_lines(basis.reasons)
        )
    reasons = [r for r in basis.reasons if r.holds is expected]
    if p["because"]:
        matched = [r for r in reasons if _because_matches(p["because"], r, basis)]
        if not matched:
            raise CheckFailed(
                say(lang, f"the {name} {_applicable_word(expected, lang)}, but no reason for it mentions {p['because']!r}; its reasons:\n",
                    f"el {name} {_applicable_word(expected, lang)}, pero ningún motivo menciona {p['because']!r}; sus motivos:\n")
                + _reason_lines(reasons)
            )
        reasons = matched
    citations = sorted({c for r in reasons for c in r.articles})
    if p["cite"] and not cites(citations, p["cite"]):
        raise _cite_failure(case, say(lang, f"'{name} {_applicable_word(expected, lang)}'", f"'{name} {_applicable_word(expected, lang)}'"), p["cite"], citations)
    _record(case, basis, "applicability", citations=citations, reasons=reasons)


# -- channels ---------------------------------------------------------------------------------


def _channel_word(value: bool | None, lang: str) -> str:
    if lang == "es":
        return {True: "abierto", False: "cerrado", None: "sin determinar (faltan datos)"}[value]
    return {True: "open", False: "closed", None: "undetermined (facts are missing)"}[value]


def _channels_text(basis: Basis, lang: str) -> str:
    if not basis.channels:
        return say(lang, "  (no channel)", "  (ningún canal)")
    lines = []
    for c in basis.channels:
        lines.append(f"  {_label('channel', c.channel.value, lang)}: {_channel_word(c.available, lang)}  [{', '.join(c.articles)}]")
        for r in c.closed_by:
            if r.holds is not False:
                lines.append(f"      {say(lang, 'closed by', 'cerrado por')}: {r.text}")
        if c.missing_facts:
            lines.append(f"      {say(lang, 'depends on', 'depende de')}: {'; '.join(m.text for m in c.missing_facts)}")
    return "\n".join(lines)


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
            say(lang, f"expected: {label} is {_channel_word(expected, lang)} under the {case.instrument_label(basis.instrument.value)}\nthe answer's channels:\n",
                f"se esperaba: {label} {_channel_word(expected, lang)} según el {case.instrument_label(basis.instrument.value)}\nlos canales de la respuesta:\n")
            + _channels_text(basis, lang)
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
        shown = ", ".join(_label("channel", c, lang) for c in sorted(expected)) or say(lang, "none", "ninguno")
        raise CheckFailed(
            say(lang, f"expected open channels: {shown}\nthe answer's channels under the {case.instrument_label(basis.instrument.value)}:\n",
                f"canales abiertos esperados: {shown}\nlos canales de la respuesta según el {case.instrument_label(basis.instrument.value)}:\n")
            + (_channels_text(basis, lang) if basis.applicable is not False else say(lang, "  (the instrument does not apply)", "  (el instrumento no aplica)"))
        )
    citations = [a for c in basis.channels if c.channel.value in expected for a in c.articles]
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, say(lang, "the open channels", "los canales abiertos"), p["cite"], sorted(set(citations)))
    for channel in expected:
        _record(case, basis, "channel", channel)


# -- grounds ----------------------------------------------------------------------------------

_KIND_FIELD = {"refusal": "refusal_grounds", "postponement": "postponement_grounds", "prohibited": "prohibited_grounds"}


def _kind_words(kind: str, lang: str) -> str:
    if lang == "es":
        return {"refusal": "motivos de denegación", "postponement": "motivos de aplazamiento", "prohibited": "motivos de denegación prohibidos"}[kind]
    return {"refusal": "refusal grounds", "postponement": "grounds for postponement", "prohibited": "prohibited grounds"}[kind]


def _source_words(entry: GroundEntry, lang: str) -> str:
    if entry.source == "instrument":
        return say(lang, "the treaty itself", "el propio tratado")
    state = names().state_label(entry.state or "", lang) if entry.state else "?"
    if entry.source == "reservation":
        return say(lang, f"{state}'s reservation", f"reserva de {state}")
    return say(lang, f"{state}'s declaration", f"declaración de {state}")


def _grounds_text(entries: Sequence[GroundEntry], lang: str) -> str:
    if not entries:
        return say(lang, "  (none)", "  (ninguno)")
    lines = []
    for g in entries:
        extra = "" if g.applies is True else say(lang, f"  (depends on: {'; '.join(m.text for m in g.missing_facts)})", f"  (depende de: {'; '.join(m.text for m in g.missing_facts)})")
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
        shown = ", ".join(_label("ground", g, lang) for g in sorted(expected)) or say(lang, "none", "ninguno")
        head = say(lang, f"expected {_kind_words(kind, lang)}: {shown}\nthe answer under the {case.instrument_label(basis.instrument.value)}:\n",
                   f"{_kind_words(kind, lang)} esperados: {shown}\nla respuesta según el {case.instrument_label(basis.instrument.value)}:\n")
        if basis.applicable is False:
            raise CheckFailed(head + say(lang, "  (the instrument does not apply)", "  (el instrumento no aplica)"))
        tail = ""
        if undetermined and actual == expected:
            tail = say(lang, "\nsome grounds depend on facts the scenario does not state; state them (e.g. whether there is an MLA treaty)",
                       "\nalgunos motivos dependen de datos que el escenario no indica; indíquelos (p. ej. si hay tratado de asistencia mutua)")
        raise CheckFailed(head + _grounds_text(entries, lang) + tail)
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
            where = say(lang, " from the treaty itself", " por el propio tratado")
        else:
            st = names().state_label(source.state, lang) if source.state else say(lang, "a State", "un Estado")
            where = say(lang, f" from {st}'s {source.source}", f" por {'reserva' if source.source == 'reservation' else 'declaración'} de {st}")
    if p["present"]:
        if basis.applicable is False:
            _need_applicable(case, basis)
        definite = [g for g in found if g.applies is True]
        if not definite:
            raise CheckFailed(
                say(lang, f"expected: {label} is one of the {_kind_words(kind, lang)}{where} under the {case.instrument_label(basis.instrument.value)}\nthe answer's {_kind_words(kind, lang)}:\n",
                    f"se esperaba: {label} entre los {_kind_words(kind, lang)}{where} según el {case.instrument_label(basis.instrument.value)}\n{_kind_words(kind, lang)} de la respuesta:\n")
                + _grounds_text(entries, lang)
            )
        citations = [a for g in definite for a in g.articles]
        if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
            raise _cite_failure(case, f"'{label}'", p["cite"], sorted(set(citations)))
        for g in definite:
            _record(case, basis, "ground", kind, g.ground.value, g.source, citations=g.articles)
    else:
        if found:
            raise CheckFailed(
                say(lang, f"expected: {label} is not one of the {_kind_words(kind, lang)}{where} under the {case.instrument_label(basis.instrument.value)}\nthe answer's {_kind_words(kind, lang)}:\n",
                    f"se esperaba: {label} no está entre los {_kind_words(kind, lang)}{where} según el {case.instrument_label(basis.instrument.value)}\n{_kind_words(kind, lang)} de la respuesta:\n")
                + _grounds_text(entries, lang)
            )
        _record(case, basis, "absent_ground", kind, ground.value)


def check_closed_list(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    _need_applicable(case, basis)
    lang = case.lang
    closed = basis.grounds_closed_list.closed
    if closed is not p["closed"]:
        word = say(lang, "a closed list" if closed else "not a closed list", "una lista cerrada" if closed else "no una lista cerrada")
        raise CheckFailed(
            say(lang, f"under the {case.instrument_label(basis.instrument.value)} the refusal grounds are {word}:\n", f"según el {case.instrument_label(basis.instrument.value)} los motivos de denegación son {word}:\n")
            + _grounds_text(basis.refusal_grounds, lang)
        )
    citations = basis.grounds_closed_list.articles
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, say(lang, "'closed list'", "'lista cerrada'"), p["cite"], list(citations))
    _record(case, basis, "closed_list", citations=citations)


# -- dual criminality, time limits, contents, conditions ----------------------------------------


def check_dual_criminality(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    _need_applicable(case, basis)
    lang = case.lang
    entry = basis.dual_criminality
    expected = DualCriminality(p["value"])
    if entry is None or entry.value is not expected:
        actual = _label("dual_criminality", entry.value.value, lang) if entry else say(lang, "not stated", "no indicada")
        raise CheckFailed(
            say(lang, f"expected dual criminality: {_label('dual_criminality', expected.value, lang)}\nthe answer under the {case.instrument_label(basis.instrument.value)}: {actual}",
                f"doble incriminación esperada: {_label('dual_criminality', expected.value, lang)}\nla respuesta según el {case.instrument_label(basis.instrument.value)}: {actual}")
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
        return say(lang, "  (no time limit)", "  (ningún plazo)")
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
            raise CheckFailed(say(lang, f"expected no time limit under the {case.instrument_label(basis.instrument.value)}; the answer has:\n", f"se esperaba que no hubiera plazo según el {case.instrument_label(basis.instrument.value)}; la respuesta tiene:\n") + _limits_text(basis, lang))
        _record(case, basis, "no_time_limit")
        return
    found = [t for t in basis.time_limits if _limit_fits(limit, t) and t.applies is not False]
    if not found:
        raise CheckFailed(say(lang, f"expected a time limit '{limit.describe()}' under the {case.instrument_label(basis.instrument.value)}; the answer's time limits:\n",
                              f"se esperaba un plazo '{limit.describe()}' según el {case.instrument_label(basis.instrument.value)}; los plazos de la respuesta:\n") + _limits_text(basis, lang))
    citations = [a for t in found for a in t.articles]
    if p["cite"] and p["cite"].article and not cites(citations, p["cite"]):
        raise _cite_failure(case, f"'{limit.describe()}'", p["cite"], sorted(set(citations)))
    for t in found:
        _record(case, basis, "time_limit", t.id, citations=t.articles)


# Spanish names of the items a request must state, from the Spanish text of the instruments.
CONTENT_ITEMS_ES: dict[str, str] = {
    "requesting_authority": "la autoridad que solicita la conservación",
    "offence_and_facts": "el delito objeto de la investigación o de procedimientos penales y una breve exposición de los hechos relacionados con el mismo",
    "data_and_link_to_offence": "los datos informáticos almacenados que deben conservarse y su relación con el delito",
    "custodian_or_location": "toda información disponible que permita identificar al responsable de la custodia de los datos informáticos almacenados o el emplazamiento del sistema informático",
    "necessity_of_preservation": "la necesidad de la medida de conservación",
    "intent_to_request_mla": "que la Parte tiene intención de presentar una solicitud de asistencia mutua con vistas al registro o al acceso por un medio similar, la confiscación o la obtención por un medio similar, o a la revelación de los datos",
}


def _item_fits(wanted: str, item: Any) -> bool:
    w = _norm(key(wanted))
    pool = [key(item.item), item.text, CONTENT_ITEMS_ES.get(item.item, "")]
    return bool(w) and any(w == _norm(key(x)) or (len(w) >= 6 and w in _norm(key(x))) for x in pool if x)


def check_contents(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = _basis(case, p["cite"])
    _need_applicable(case, basis)
    lang = case.lang
    for wanted in p["items"]:
        found = [c for c in basis.required_contents if _item_fits(wanted, c)]
        if not found:
            shown = "\n".join(f"  {c.item}: {CONTENT_ITEMS_ES.get(c.item, c.text) if lang == 'es' else c.text}  [{', '.join(c.articles)}]" for c in basis.required_contents)
            raise CheckFailed(say(lang, f"expected the request to have to state {wanted!r} under the {case.instrument_label(basis.instrument.value)}; it must state:\n",
                                  f"se esperaba que la solicitud tuviera que indicar {wanted!r} según el {case.instrument_label(basis.instrument.value)}; debe indicar:\n")
                              + (shown or say(lang, "  (nothing)", "  (nada)")))
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
        shown = "\n".join(f"  {c.id}: {c.text}  [{', '.join(c.articles)}]" for c in basis.conditions) or say(lang, "  (none)", "  (ninguna)")
        raise CheckFailed(say(lang, f"expected the condition {p['condition']!r} under the {case.instrument_label(basis.instrument.value)}; the answer's conditions:\n",
                              f"se esperaba la condición {p['condition']!r} según el {case.instrument_label(basis.instrument.value)}; las condiciones de la respuesta:\n") + shown)
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
        raise CheckFailed(say(lang, f"expected a comparison naming {labels}; fewer than two instruments may carry this request",
                              f"se esperaba una comparación que nombrara {labels}; menos de dos instrumentos pueden servir para esta solicitud"))
    fastest = p["aspect"] == "fastest"
    got = {i.value for i in (comparison.fastest if fastest else comparison.fewest_grounds)}
    if got != wanted:
        text = comparison.fastest_text if fastest else comparison.fewest_grounds_text
        raise CheckFailed(say(lang, f"expected {labels}; the comparison says: {text}", f"se esperaba {labels}; la comparación dice: {text}"))
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
        raise CheckFailed(say(lang, f"the answer does not cite Article {cite.article} of the {case.instrument_label(basis.instrument.value)}; it cites {', '.join(sorted(set(citations)))}",
                              f"la respuesta no cita el artículo {cite.article} del {case.instrument_label(basis.instrument.value)}; cita {', '.join(sorted(set(citations)))}"))
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


def _fact_descriptions(fact: str, text: str) -> list[str]:
    out = [fact, text]
    if fact == "mla_treaty":
        out += ["whether an MLA treaty is in force between the two States", "si hay un tratado de asistencia mutua en vigor entre los dos Estados"]
    parts = fact.split(":")
    if len(parts) == 3 and parts[0] == "party":
        _, instrument, iso = parts
        en, es = names().state_names.get(iso, (iso, iso))
        i_en, i_es = names().label("instrument", instrument, "en"), names().label("instrument", instrument, "es")
        out += [f"the entry into force of the {i_en} for {en}", f"the date {en} became bound by the {i_en}",
                f"la entrada en vigor del {i_es} para {es}", f"la fecha en que {es} quedó vinculado por el {i_es}"]
    return out


def check_missing(case: TreatyCase, p: dict[str, Any]) -> None:
    lang = case.lang
    missing = _missing_all(case)
    shown = "\n".join(f"  {k}: {t}" for k, t in missing) or say(lang, "  (none)", "  (ninguno)")
    if not p["facts"]:
        if missing:
            raise CheckFailed(say(lang, "expected no missing fact; the answer lacks:\n", "se esperaba que no faltara ningún dato; a la respuesta le faltan:\n") + shown)
        return
    for wanted in p["facts"]:
        w = _norm(key(wanted))
        if not any(w and any(w in _norm(key(d)) for d in _fact_descriptions(k, t)) for k, t in missing):
            raise CheckFailed(say(lang, f"expected the missing fact {wanted!r}; the answer lacks:\n", f"se esperaba que faltara el dato {wanted!r}; a la respuesta le faltan:\n") + shown)


def check_verify(case: TreatyCase, p: dict[str, Any]) -> None:
    basis = case.basis(None)
    lang = case.lang
    marked = case.is_verify(basis)
    if marked is not p["verify"]:
        if marked:
            raise CheckFailed(say(lang, f"the answer under the {case.instrument_label(basis.instrument.value)} is marked confidence verify; caveats:\n", f"la respuesta según el {case.instrument_label(basis.instrument.value)} está marcada con confianza verify; advertencias:\n")
                              + "\n".join(f"  - {c.text}" for c in case.answer().caveats))
        raise CheckFailed(say(lang, f"the answer under the {case.instrument_label(basis.instrument.value)} is not marked confidence verify", f"la respuesta según el {case.instrument_label(basis.instrument.value)} no está marcada con confianza verify"))
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
