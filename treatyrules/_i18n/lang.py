"""The language in use, per thread and per task (a context variable)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

Lang = Literal["en", "es"]
LANGS: tuple[Lang, ...] = ("en", "es")

_CURRENT: ContextVar[Lang] = ContextVar("treatyrules_lang", default="en")


def current() -> Lang:
    return _CURRENT.get()


@contextmanager
def using(lang: Lang | None) -> Iterator[Lang]:
    """Render in ``lang`` inside the block; ``None`` keeps the language in use."""
    if lang is None:
        yield current()
        return
    token = _CURRENT.set(lang)
    try:
        yield lang
    finally:
        _CURRENT.reset(token)


def parse_lang(value: object) -> Lang | None:
    """``"es"``, ``"es_PE.UTF-8"``, ``"es-PE"`` -> ``"es"``; anything not supported -> None."""
    if not isinstance(value, str):
        return None
    head = value.strip().lower().replace("-", "_").split(".", 1)[0].split("_", 1)[0]
    return head if head in LANGS else None


def lang_from_env(environ: Mapping[str, str] | None = None) -> Lang:
    """The locale's language (LC_ALL, LC_MESSAGES, LANG, in POSIX order), else English."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return parse_lang(value) or "en"
    return "en"


def lang_from_header(header: str | None) -> Lang | None:
    """The preferred supported language of an HTTP ``Accept-Language`` header, or None."""
    if not header:
        return None
    ranked: list[tuple[float, int, Lang]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        lang = parse_lang(tag)
        if lang is None:
            continue
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        if weight > 0:
            ranked.append((-weight, position, lang))
    return min(ranked)[2] if ranked else None
