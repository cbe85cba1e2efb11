"""A text that data files hold in both languages: ``summary: {en: ..., es: ...}``."""

from __future__ import annotations

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
