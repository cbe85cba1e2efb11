"""The message catalogue: every string the code shows a user, one YAML catalogue per language.

``_data/messages/<lang>/<domain>.yaml`` maps keys to texts with ``{name}`` placeholders;
a key is ``<domain>.<key>`` (nested mappings join with dots). Both languages must have the
same keys and, for each key, the same placeholders; the catalogue is validated on load and
a defect names the file, the line and the key. Why YAML and not gettext:
``docs/decisions/0002-message-catalogue.md``.
"""

from __future__ import annotations

import string
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treatyrules._i18n.lang import LANGS, Lang, current
from treatyrules._i18n.text import Text
from treatyrules._load.paths import display, package_data_dir
from treatyrules._load.yaml_source import YamlDocument, YamlSyntaxError, read_yaml
from treatyrules.errors import RuleFileError

_FORMATTER = string.Formatter()


def _placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in _FORMATTER.parse(text) if name is not None)


def _flatten(doc: YamlDocument, prefix: str, node: Any, loc: tuple[str, ...], out: dict[str, tuple[str, YamlDocument, tuple[str, ...]]]) -> None:
    if not isinstance(node, dict):
        line, column = doc.position(loc)
        raise RuleFileError(display(Path(doc.path)), "expected a mapping of message keys to texts", line=line, column=column, location=".".join(loc))
    for key, value in node.items():
        full = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(doc, full, value, loc + (key,), out)
        elif isinstance(value, str) and value.strip():
            out[full] = (value, doc, loc + (key,))
        else:
            line, column = doc.position(loc + (key,))
            raise RuleFileError(display(Path(doc.path)), f"message {full!r}: expected a non-empty text", line=line, column=column, location=full)


@dataclass(frozen=True)
class Catalogue:
    """``messages[lang][key]`` -> text."""

    messages: dict[Lang, dict[str, str]]

    def get(self, key: str, lang: Lang | None = None) -> str:
        return self.messages[lang or current()][key]

    def keys(self) -> frozenset[str]:
        return frozenset(self.messages["en"])


def load_catalogue(root: Path) -> Catalogue:
    found: dict[Lang, dict[str, tuple[str, YamlDocument, tuple[str, ...]]]] = {}
    for lang in LANGS:
        entries: dict[str, tuple[str, YamlDocument, tuple[str, ...]]] = {}
        folder = root / lang
        for path in sorted(folder.glob("*.yaml")):
            try:
                doc = read_yaml(path)
            except YamlSyntaxError as exc:
                raise RuleFileError(display(path), f"not valid YAML: {exc}", line=exc.line, column=exc.column) from None
            _flatten(doc, path.stem, doc.data or {}, (), entries)
        found[lang] = entries
    first, *others = LANGS
    for other in others:
        for a, b in ((first, other), (other, first)):
            for key in sorted(set(found[a]) - set(found[b])):
                _, doc, loc = found[a][key]
                line, column = doc.position(loc)
                missing_in = root / b / f"{key.split('.', 1)[0]}.yaml"
                raise RuleFileError(
                    display(Path(doc.path)), f"message {key!r} has no {b!r} text in {display(missing_in)}", line=line, column=column, location=key
                )
        for key, (text, doc, loc) in found[other].items():
            want = _placeholders(found[first][key][0])
            if _placeholders(text) != want:
                line, column = doc.position(loc)
                raise RuleFileError(
                    display(Path(doc.path)),
                    f"message {key!r}: placeholders {sorted(_placeholders(text))} differ from the {first!r} text's {sorted(want)}",
                    line=line, column=column, location=key,
                )
    return Catalogue({lang: {k: v[0] for k, v in entries.items()} for lang, entries in found.items()})


_CATALOGUE: Catalogue | None = None
_LOCK = threading.Lock()


def catalogue() -> Catalogue:
    global _CATALOGUE
    if _CATALOGUE is None:
        with _LOCK:
            if _CATALOGUE is None:
                _CATALOGUE = load_catalogue(package_data_dir() / "messages")
    return _CATALOGUE


def t(key: str, /, **params: object) -> str:
    """The message ``key`` in the language in use, with ``params`` filled in."""
    return catalogue().get(key).format(**params)


def t_text(key: str, /, **params: object) -> Text:
    """The message ``key`` in both languages (for values stored before rendering)."""
    cat = catalogue()
    return Text(en=cat.get(key, "en").format(**params), es=cat.get(key, "es").format(**params))
