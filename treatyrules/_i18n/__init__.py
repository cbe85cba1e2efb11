"""Languages: which one an answer is rendered in, bilingual texts of the data files, and
the message catalogue of every string the code itself shows a user.

Language is presentation, never law: the language in use (``using``) changes the text
fields of an answer, never its legal fields.
"""

from treatyrules._i18n.catalogue import Catalogue, catalogue, t, t_text
from treatyrules._i18n.lang import LANGS, Lang, current, lang_from_env, lang_from_header, parse_lang, using
from treatyrules._i18n.text import Text, first_sentence
from treatyrules.errors import _set_renderer

_set_renderer(lambda key, params: t(key, **params))  # errors render their messages through the catalogue

__all__ = [
    "LANGS",
    "Catalogue",
    "Lang",
    "Text",
    "catalogue",
    "current",
    "first_sentence",
    "lang_from_env",
    "lang_from_header",
    "parse_lang",
    "t",
    "t_text",
    "using",
]
