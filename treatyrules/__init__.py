"""treatyrules: which international instrument governs a cross-border request for
electronic evidence, through which channel it travels, and on which grounds the
requested State may refuse it.

    >>> from treatyrules import which_treaty_applies
    >>> answer = which_treaty_applies("ES", "PE", measure="expedited_preservation",
    ...                               offence="electronic_evidence_any_offence", on="2025-03-01")
    >>> answer.basis("budapest").applicable
    True

Pipeline (one package each): ``_load`` -> ``_validate`` -> ``_facts`` -> ``_rules``
-> ``_graph`` -> ``_answer`` -> ``_explain``. Only the names below are public.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from treatyrules import errors
from treatyrules._answer import engine as _engine
from treatyrules._answer.engine import _raw_key, default_engine
from treatyrules._answer.summary import Summarizer
from treatyrules._explain.draft import DraftRequest, build_draft
from treatyrules._i18n import LANGS, Lang, using
from treatyrules.errors import TreatyRulesError
from treatyrules.models import Answer, Basis, Diff, MatrixDiff, Query, Summary, Timeline
from treatyrules.scenario import Scenario, load_scenario
from treatyrules.vocabulary import Channel, DataType, DualCriminality, Ground, Instrument, Measure, Offence

__version__ = "0.1.0"


def which_treaty_applies(
    requesting: str,
    requested: str,
    *,
    measure: Measure | str,
    offence: Offence | str,
    on: date | str | None = None,
    urgent: bool = False,
    emergency: bool = False,
    mla_treaty: bool | None = None,
    extradition_treaty: bool | None = None,
    data_types: Iterable[DataType | str] | None = None,
    max_penalty_years: float | None = None,
    act_began: date | str | None = None,
    scenario: str | Path | Scenario | None = None,
    lang: Lang = "en",
) -> Answer:
    """Which instruments govern a request from ``requesting`` to ``requested``, and how.

    Args:
        requesting: ISO 3166-1 alpha-2 code of the requesting State (``"ES"``).
        requested: ISO code of the requested State (``"PE"``).
        measure: a measure tag (``"expedited_preservation"``); see ``Measure``.
        offence: an offence tag (``"electronic_evidence_any_offence"``); see ``Offence``.
        on: the date of the answer, a ``date`` or ``"YYYY-MM-DD"``; today if omitted.
        urgent: the request is urgent.
        emergency: there is a significant and imminent risk to the life or safety of a person.
        mla_treaty: whether another MLA treaty is in force between the two States; ``None`` if
            unknown, in which case the answer gives both branches and names the missing fact.
        extradition_treaty: whether an extradition treaty is in force between them (extradition
            requests only); ``None`` if unknown.
        data_types: the data sought (``"subscriber_information"``, ``"traffic_data"``, ...).
        max_penalty_years: maximum penalty of deprivation of liberty for the offence.
        act_began: the date the co-operation act began, where it differs from ``on``.
        scenario: a what-if scenario (a ``Scenario``, a scenario file, or the name of a
            shipped one, e.g. ``"peru_and_spain_ratify_second_protocol"``); the answer
            then lists the hypothetical facts it relies on in ``hypotheses``.
        lang: ``"en"`` or ``"es"``, the language of the answer's texts. It changes no legal
            field: applicability, channels, grounds, articles and flags are the same in both.

    Returns:
        An ``Answer``: one ``Basis`` per instrument, ranked ``routes`` and ``caveats``.

    Raises:
        errors.UnknownStateError, errors.UnknownTagError, errors.InvalidDateError,
        errors.InvalidQueryError: bad input, with a one-line message naming it.
        errors.DefinitionError: a rule or data file is malformed (path and location).
        errors.ScenarioFileError: the scenario is malformed or asks for what the treaty forbids.
    """
    engine = _engine._ENGINE or default_engine()
    # an exact repeat of earlier arguments is one look-up, before any argument is normalised
    # (the same key and cache as ``Engine.ask``)
    exact = engine._exact
    if exact is not None and scenario is None and (lang == "en" or lang == "es"):
        key: tuple[object, ...] | None
        if (
            urgent is False and emergency is False and mla_treaty is None and extradition_treaty is None and data_types is None
            and max_penalty_years is None and act_began is None and type(requesting) is str and type(requested) is str
            and isinstance(measure, str) and isinstance(offence, str) and (type(on) is str or type(on) is date)
        ):
            key = (requesting, requested, measure, offence, on, lang)  # the short form of ``_raw_key``
        else:
            key = _raw_key(requesting, requested, measure, offence, on, urgent, emergency, mla_treaty, extradition_treaty, data_types, max_penalty_years, act_began, None, lang)
        if key is not None:
            found = exact.get(key)
            if found is not None:
                return found  # type: ignore[no-any-return]
    return engine.ask(
        requesting,
        requested,
        measure=measure,
        offence=offence,
        on=on,
        urgent=urgent,
        emergency=emergency,
        mla_treaty=mla_treaty,
        extradition_treaty=extradition_treaty,
        data_types=data_types,
        max_penalty_years=max_penalty_years,
        act_began=act_began,
        scenario=scenario,
        lang=_lang(lang),
    )


def summarize(answer: Answer) -> Summary:
    """The verdict first: one line per instrument, the recommended route with the authority at
    each end, the grounds the requested State may raise, the deadlines and the caveats.

    Read off ``answer`` (in its language), never computed apart from it.
    """
    return _summarizer().summarize(answer)


_SUMMARIZER: Summarizer | None = None


def _summarizer() -> Summarizer:
    global _SUMMARIZER
    if _SUMMARIZER is None:
        engine = default_engine()
        _SUMMARIZER = Summarizer(engine.labels, engine.channel_map)
    return _SUMMARIZER


def draft_request(
    requesting: str,
    requested: str,
    *,
    measure: Measure | str,
    offence: Offence | str,
    on: date | str | None = None,
    basis: Instrument | str | None = None,
    lang: Lang = "en",
    **query: Any,
) -> DraftRequest:
    """The draft request letter for this question, ready to complete and sign.

    ``basis`` picks the instrument (default: the best-ranked basis that applies, else one that is
    undetermined). Sender and addressee are the two ends of that basis's route; one section per
    content item the basis requires, each with its article; the grounds the requested State may
    raise and what to supply to meet them; time limits, conditions, caveats and confidence flags.
    Render with ``.to_markdown()``, ``.to_html()`` or ``.to_docx()`` (the ``[draft]`` extra).
    The other keywords are those of ``which_treaty_applies``.

    Raises:
        errors.NoLegalBasisError: no instrument (or not ``basis``) applies or may apply.
    """
    chosen = _lang(lang)
    if basis is not None:
        try:
            basis = Instrument(basis)
        except ValueError:
            raise errors.UnknownTagError("instrument", str(basis), [i.value for i in Instrument]) from None
    answer = which_treaty_applies(requesting, requested, measure=measure, offence=offence, on=on, lang=chosen, **query)
    return build_draft(answer, _summarizer(), basis)


def _lang(value: object) -> Lang:
    if value not in LANGS:
        raise errors.InvalidQueryError(errors.Message("query.bad_lang", langs=", ".join(LANGS), value=repr(value)))
    return value


def diff(requesting: str, requested: str, *, scenario: str | Path | Scenario, lang: Lang = "en", **query: Any) -> Diff:
    """What ``scenario`` changes for one query (same keywords as ``which_treaty_applies``)."""
    engine = default_engine()
    with using(_lang(lang)):
        return engine.diff(engine.query(requesting, requested, **query), scenario)


def diff_matrix(
    requesting: str,
    *,
    scenario: str | Path | Scenario,
    offence: Offence | str,
    on: date | str | None = None,
    measures: Iterable[Measure | str] | None = None,
    lang: Lang = "en",
) -> MatrixDiff:
    """What ``scenario`` changes for ``requesting`` against every other State in the data, every measure."""
    engine = default_engine()
    with using(_lang(lang)):
        return engine.diff_matrix(requesting, scenario, offence=offence, on=on, measures=measures)


def timeline(
    a: str,
    b: str,
    *,
    scenario: str | Path | Scenario | None = None,
    offence: Offence | str = Offence.ELECTRONIC_EVIDENCE_ANY_OFFENCE,
    lang: Lang = "en",
) -> Timeline:
    """The dated events that changed what applies between ``a`` and ``b``, each with what it changed."""
    with using(_lang(lang)):
        return default_engine().timeline(a, b, scenario=scenario, offence=offence)


__all__ = [
    "Answer",
    "Basis",
    "Channel",
    "DataType",
    "Diff",
    "DraftRequest",
    "MatrixDiff",
    "Scenario",
    "Summary",
    "Timeline",
    "diff",
    "diff_matrix",
    "draft_request",
    "load_scenario",
    "summarize",
    "timeline",
    "DualCriminality",
    "Ground",
    "Instrument",
    "Measure",
    "Offence",
    "Query",
    "TreatyRulesError",
    "errors",
    "which_treaty_applies",
]
