"""A text that data files hold in both languages: ``summary: {en: ..., es: ...}``."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from treatyrules._i18n.lang import Lang, current


class Text(BaseModel):
    """A human-readable text in English and Spanish; neither may be empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(min_length=1, pattern=r"\S")
    es: str = Field(min_length=1, pattern=r"\S")

    def pick(self, lang: Lang | None = None) -> str:
        """The text in ``lang``, or in the language in use."""
        return self.es if (lang or current()) == "es" else self.en

    def __str__(self) -> str:
        return self.pick()


#: the end of a sentence: a full stop and a capital, not the abbreviation of "article"
#: ("Art. 5", "arts. 5 y 6") or of a document number ("Doc. A/79/460", "No. 185")
_SENTENCE_END = re.compile(r"(?<![Aa]rt)(?<![Aa]rts)(?<!Doc)(?<!No)\.\s+(?=[A-ZÁÉÍÓÚÑ¿¡«])")


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, with its full stop (the whole text when it is one sentence)."""
    head = _SENTENCE_END.split(text, maxsplit=1)
    return head[0] + "." if len(head) > 1 else text
