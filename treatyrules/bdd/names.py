"""Human names in Gherkin steps -> vocabulary tags and ISO codes.

A step may name a State, a measure, a ground, a channel, an instrument, an
offence, a data type or a dual-criminality value by its tag
(``expedited_preservation``), its English or Spanish name, or an alias from
``treatyrules/_data/labels.yaml`` (States: the ISO code, the English and Spanish
names of ``_data/states.csv`` and the aliases below). Matching ignores case,
accents, hyphens, underscores, a leading article ("the", "el", "la", ...) and
surrounding quotes, so "Perú", "el Perú", "peru" and "PE" are the same State.

A name that matches nothing raises ``UnknownName``, whose message lists the
closest known names (and, for short lists, every name).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from treatyrules.bdd.messages import has, say, say_text

# Further names of States that analysts use and CLDR does not give.
STATE_ALIASES: Mapping[str, tuple[str, ...]] = {
    "CZ": ("Czech Republic", "República Checa"),
    "US": ("United States of America", "USA", "EE. UU.", "EEUU", "Estados Unidos de América"),
    "GB": ("Great Britain", "UK", "United Kingdom of Great Britain and Northern Ireland", "Gran Bretaña"),
    "KR": ("Republic of Korea", "República de Corea"),
    "CD": ("Democratic Republic of the Congo", "DR Congo"),
    "CG": ("Republic of the Congo",),
    "NL": ("Holland", "the Netherlands", "Holanda"),
    "RU": ("Russian Federation", "Federación de Rusia"),
    "MK": ("North Macedonia", "Macedonia del Norte"),
    "MD": ("Republic of Moldova", "República de Moldavia"),
    "BO": ("Bolivia (Plurinational State of)", "Estado Plurinacional de Bolivia"),
    "VE": ("Venezuela (Bolivarian Republic of)", "República Bolivariana de Venezuela"),
}

_ARTICLES = ("the ", "el ", "la ", "los ", "las ", "lo ")
_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold_char(char: str) -> str:
    """One character without accents, lower case, always one character long."""
    base = unicodedata.normalize("NFD", char)[0]
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold(text: str) -> str:
    """``text`` without accents and in lower case, character for character (same length)."""
    return "".join(fold_char(c) for c in text)


def key(text: str) -> str:
    """The comparison key of a name: folded, punctuation-light, no leading article."""
    out = fold(text).strip().strip("\"'“”«»").strip()
    out = out.replace("&", " and ").replace("_", " ").replace("-", " ").replace("’", "'")
    out = re.sub(r"\s+", " ", out).strip().rstrip(".").strip()
    changed = True
    while changed:
        changed = False
        for article in _ARTICLES:
            if out.startswith(article) and len(out) > len(article):
                out = out[len(article):]
                changed = True
    return out


def kind_word(kind: str, lang: str) -> str:
    """The word for a kind of name ("State", "dual-criminality value") in ``lang``."""
    entry = "kinds." + re.sub(r"[^A-Za-z]+", "_", kind)
    return say(lang, entry) if has(entry) else kind


class UnknownName(ValueError):
    """A name in a step that names nothing of the expected kind.

    ``suggestions`` are ``(tag, english name, spanish name)`` of the closest known names;
    ``every`` lists every name when there are few. ``render(lang)`` gives the message in
    English or Spanish; ``str()`` is the English one.
    """

    def __init__(self, kind: str, given: str, suggestions: Iterable[tuple[str, str, str]], every: Iterable[tuple[str, str, str]] = ()) -> None:
        self.kind = kind
        self.given = given
        self.suggestions = tuple(suggestions)
        self.every = tuple(every)
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        def show(item: tuple[str, str, str]) -> str:
            tag, en, es = item
            name = es if lang == "es" else en
            return f"{name} ({tag})" if tag and key(name) != key(tag) else name

        parts = [say(lang, "names.unknown", kind=kind_word(self.kind, lang), given=self.given)]
        if self.suggestions:
            parts.append(say(lang, "names.did_you_mean", names=" · ".join(show(s) for s in self.suggestions)))
        if self.every:
            parts.append(say(lang, "names.the_names", names=" · ".join(show(s) for s in self.every)))
        else:
            parts.append(say(lang, "names.every_name", kind=self.kind.split()[0]))
        return "; ".join(parts)


@dataclass
class Catalogue:
    """Names of one kind: every spelling -> tag, and the names to show in messages."""

    kind: str
    by_key: dict[str, str] = field(default_factory=dict)
    shown: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # tag -> (tag, en, es) for messages
    spellings: dict[str, str] = field(default_factory=dict)  # key -> a spelling to suggest

    def add(self, tag: str, *names: str) -> None:
        for name in names:
            if not name:
                continue
            k = key(name)
            owner = self.by_key.get(k)
            if owner is not None and owner != tag:
                # The same spelling names two things: neither may use it.
                self.by_key[k] = ""
                continue
            self.by_key[k] = tag
            self.spellings.setdefault(k, name)

    def resolve(self, name: str) -> str:
        tag = self.by_key.get(key(name))
        if tag:
            return tag
        raise UnknownName(self.kind, name, self.suggest(name), self.shown.values() if len(self.shown) <= 12 else ())

    def suggest(self, name: str, n: int = 3) -> list[tuple[str, str, str]]:
        """The closest known names, one per tag, best first."""
        wanted = key(name)
        scored = sorted(((difflib.SequenceMatcher(None, wanted, k).ratio(), k) for k in self.spellings), reverse=True)
        out: list[tuple[str, str, str]] = []
        for ratio, k in scored:
            if ratio < 0.5 and out:
                break
            if ratio < 0.4 and not (wanted and (wanted in k or k in wanted)):
                continue
            tag = self.by_key.get(k) or ""
            if tag and tag in self.shown and self.shown[tag] not in out:
                out.append(self.shown[tag])
            if len(out) == n:
                break
        return out

    def names(self) -> list[tuple[str, str, str]]:
        return list(self.shown.values())


@dataclass(frozen=True)
class Names:
    """Every catalogue: ``states`` and one per vocabulary kind (see ``TAG_KINDS``)."""

    catalogues: Mapping[str, Catalogue]
    state_names: Mapping[str, tuple[str, str]]

    def resolve(self, kind: str, name: str) -> str:
        return self.catalogues[kind].resolve(name)

    def state(self, name: str) -> str:
        return self.catalogues["State"].resolve(name)

    def state_label(self, iso: str, lang: str = "en") -> str:
        en, es = self.state_names.get(iso, (iso, iso))
        return es if lang == "es" else en

    def label(self, kind: str, tag: str, lang: str = "en") -> str:
        from treatyrules._answer.engine import default_engine

        names = default_engine().labels.names.get(kind, {})
        label = names.get(tag)
        if label is None:
            return tag
        return label.es if lang == "es" else label.en


KIND_NAMES = {
    "instrument": "instrument",
    "measure": "measure",
    "channel": "channel",
    "ground": "ground",
    "dual_criminality": "dual-criminality value",
    "offence": "offence",
    "data_type": "data type",
}


@cache
def names() -> Names:
    """The catalogues, built once from the engine's labels and State list."""
    from treatyrules._answer.engine import default_engine

    engine = default_engine()
    catalogues: dict[str, Catalogue] = {}
    states = Catalogue("State")
    for iso, (en, es) in engine.states.items():
        states.add(iso, iso, en, es, *STATE_ALIASES.get(iso, ()))
        states.shown[iso] = (iso, en, es)
    catalogues["State"] = states
    for kind, tags in engine.labels.names.items():
        cat = Catalogue(KIND_NAMES.get(kind, kind))
        for tag, label in tags.items():
            cat.add(tag, tag, label.en, label.es, *label.aliases)
            cat.shown[tag] = (tag, label.en, label.es)
        catalogues[kind] = cat
    return Names(catalogues, dict(engine.states))


_LIST_SEPARATORS = re.compile(r"\s*(?:;|,|\band\b|\by\b|\be\b|\bor\b|\bo\b|\bni\b)\s*")
NONE_WORDS = {"", "none", "no grounds", "nothing", "ninguno", "ninguna", "ningun", "nada", "no hay", "-", "—", "–", "n/a"}


def split_names(text: str, resolve: Callable[[str], str]) -> list[str]:
    """Split ``"political offence, essential interests and X"`` into resolved tags.

    Names may themselves contain commas or "and"/"y" (the essential-interests
    ground), so the text is cut at separators only where every piece resolves;
    the longest resolvable pieces win. ``resolve`` raises ``UnknownName``.
    """
    stripped = text.strip().strip(":").strip()
    if key(stripped) in NONE_WORDS:
        return []
    cuts = [(m.start(), m.end()) for m in _LIST_SEPARATORS.finditer(stripped)]
    starts = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(stripped)]
    n = len(starts)
    # best[i] = tags for the text from piece i to the end, or None.
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    first_error: UnknownName | None = None
    for i in range(n - 1, -1, -1):
        for j in range(n - 1, i - 1, -1):  # longest piece first
            rest = best[j + 1]
            if rest is None:
                continue
            piece = stripped[starts[i]:ends[j]]
            try:
                tag = resolve(piece)
            except UnknownName as exc:
                if first_error is None or i == 0:
                    first_error = exc
                continue
            best[i] = [tag, *rest]
            break
    if best[0] is None:
        # Report the first piece that cannot be read.
        for i in range(n):
            piece = stripped[starts[i]:ends[i]]
            try:
                resolve(piece)
            except UnknownName as exc:
                raise exc from None
        assert first_error is not None
        raise first_error
    return best[0]


def split_pair(text: str, separators: tuple[str, ...], resolve: Callable[[str], str]) -> tuple[str, str]:
    """Split ``"Trinidad y Tobago y Perú"`` into two resolved names at a separator word."""
    folded = fold(text)
    candidates: list[tuple[int, int]] = []
    for sep in separators:
        for m in re.finditer(rf"\s{re.escape(sep)}\s", folded):
            candidates.append((m.start(), m.end()))
    errors: list[UnknownName] = []
    for start, end in sorted(candidates):
        left, right = text[:start], text[end:]
        try:
            return resolve(left), resolve(right)
        except UnknownName as exc:
            errors.append(exc)
    if errors:
        # Prefer the split whose left side resolves, to name the right side's problem.
        for start, end in sorted(candidates):
            try:
                resolve(text[:start])
            except UnknownName:
                continue
            resolve(text[end:])
        raise errors[0]
    hint = say_text("names.pair_hint", sep=separators[0])
    raise UnknownName("pair of States", text, [], [("", hint.en, hint.es)])


def fold_pattern(pattern: str) -> str:
    """A regex with accented letters replaced by their base letters (escapes are ASCII)."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", pattern))
