"""The Gherkin layer's messages, in a feature's language: the catalogue domain ``bdd``.

Every text this package shows an analyst (a failed check, a step that cannot be read, a
collection error, the coverage report) lives in ``_data/messages/<lang>/bdd.yaml``;
``say(lang, "checks.applies", name=...)`` renders ``bdd.checks.applies`` in ``lang``. This
module is the lowest of the package: it imports nothing of ``treatyrules.bdd``.
"""

from __future__ import annotations

from treatyrules._i18n import Lang, Text, catalogue, parse_lang, t, t_text, using

DOMAIN = "bdd"


def lang_of(value: object) -> Lang:
    """``"es"`` (or ``"es_PE"``) -> ``"es"``; anything else -> ``"en"``."""
    return parse_lang(value) or "en"


def say(lang: str, key: str, /, **params: object) -> str:
    """The catalogue message ``bdd.<key>`` in ``lang``, with ``params`` filled in.

    Parameters whose text depends on the language in use (a ``Text``, an error) are
    rendered in ``lang`` too.
    """
    with using(lang_of(lang)):
        return t(f"{DOMAIN}.{key}", **params)


def say_text(key: str, /, **params: object) -> Text:
    """The catalogue message ``bdd.<key>`` in both languages."""
    return t_text(f"{DOMAIN}.{key}", **params)


def has(key: str) -> bool:
    """Whether the catalogue has the message ``bdd.<key>``."""
    return f"{DOMAIN}.{key}" in catalogue().keys()


__all__ = ["has", "lang_of", "say", "say_text"]
