"""Three-valued truth (true, false, unknown) that carries its own explanation.

Party data has gaps (an entry into force nobody has dated, an MLA treaty the
caller does not know about), so a condition may be *unknown*. ``all``/``any``/
``not`` follow Kleene's logic: ``all`` is false as soon as one part is false,
unknown if none is false but one is unknown. Every value keeps the facts it
rests on and the facts that are missing, which become the answer's reasons and
``missing_facts``.

It lives with the facts, the lowest layer that produces truths (``_facts.status``
dates a party's status as a ``Truth``); ``_rules`` combines them and re-exports
these names from ``treatyrules._rules.logic``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from treatyrules._i18n import Text
from treatyrules.vocabulary import Confidence


@dataclass(frozen=True, slots=True)
class Fact:
    """One datum a conclusion rests on, with where it comes from.

    ``cites`` are the articles that derive the fact (a date of entry into force
    derived by Budapest 36.4, a denunciation taking effect under 47.2); answers
    add them to the articles of every conclusion resting on it. ``gap`` names a
    known hole in the data that this fact papers over (a
    reservation list not confirmed complete, a date derived rather than read);
    answers list every gap they touched as a caveat. Texts are held in both
    languages; the answer picks one when it is built.
    """

    text: Text
    source: str = ""
    where: str = ""
    as_of: date | None = None
    derived: bool = False
    hypothetical: str | None = None
    confidence: Confidence = Confidence.HIGH
    gap: Text | None = None
    cites: tuple[str, ...] = ()
    #: a fact about a State's reservations or declarations (its gap matters only where the instrument may bind)
    statement: bool = False
    # Facts are keys of every merge of truths; hashing the texts each time was a tenth of a cold query.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(self._values()))

    def _values(self) -> tuple[object, ...]:
        return (
            self.text, self.source, self.where, self.as_of, self.derived, self.hypothetical,
            self.confidence, self.gap, self.cites, self.statement,
        )

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Fact], tuple[object, ...]]:
        # rebuilt, not restored: a string's hash differs from one process to the next
        return (Fact, self._values())


@dataclass(frozen=True, slots=True)
class Missing:
    """A fact the answer needs and does not have: ``key`` is stable, ``text`` is for people."""

    key: str
    text: Text
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.key, self.text)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Missing], tuple[str, Text]]:
        return (Missing, (self.key, self.text))


@dataclass(frozen=True, slots=True)
class Truth:
    value: bool | None
    facts: tuple[Fact, ...] = ()
    missing: tuple[Missing, ...] = ()
    # Truths key the memoised parts of a basis (its reasons, grounds, channels); hashed once, when first asked.
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash((self.value, self.facts, self.missing))
            object.__setattr__(self, "_hash", h)
        return h

    def __reduce__(self) -> tuple[type[Truth], tuple[object, ...]]:
        # rebuilt, not restored: a string's hash differs from one process to the next
        return (Truth, (self.value, self.facts, self.missing))

    @property
    def possible(self) -> bool:
        """True or unknown: the conclusion may hold."""
        return self.value is not False


TRUE = Truth(True)
FALSE = Truth(False)


def _merge_facts(parts: Iterable[Truth]) -> tuple[Fact, ...]:
    seen: dict[Fact, None] = {}
    for part in parts:
        for fact in part.facts:
            seen.setdefault(fact, None)
    return tuple(seen)


def _merge_missing(parts: Iterable[Truth]) -> tuple[Missing, ...]:
    seen: dict[Missing, None] = {}
    for part in parts:
        for item in part.missing:
            seen.setdefault(item, None)
    return tuple(seen)


def _alone(parts: list[Truth]) -> Truth | None:
    """The one part, where combining it alone would give an equal truth (nothing to merge
    twice, no missing fact that a decided value drops): the most common combination."""
    if len(parts) == 1:
        part = parts[0]
        if len(part.facts) <= 1 and len(part.missing) <= (part.value is None):
            return part
    return None


def all_of(parts: list[Truth]) -> Truth:
    alone = _alone(parts)
    if alone is not None:
        return alone
    false = [p for p in parts if p.value is False]
    if false:
        return Truth(False, _merge_facts(false))
    unknown = [p for p in parts if p.value is None]
    if unknown:
        return Truth(None, _merge_facts(parts), _merge_missing(unknown))
    return Truth(True, _merge_facts(parts))


def any_of(parts: list[Truth]) -> Truth:
    alone = _alone(parts)
    if alone is not None:
        return alone
    true = [p for p in parts if p.value is True]
    if true:
        return Truth(True, _merge_facts(true))
    unknown = [p for p in parts if p.value is None]
    if unknown:
        return Truth(None, _merge_facts(parts), _merge_missing(unknown))
    return Truth(False, _merge_facts(parts))


def not_(part: Truth) -> Truth:
    if part.value is None:
        return part
    return Truth(not part.value, part.facts, part.missing)
