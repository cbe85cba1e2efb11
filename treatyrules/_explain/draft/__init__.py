"""The draft request: an answer turned into the letter a prosecutor completes, signs and sends.

``build_draft`` chooses the basis and the two ends of its route from the answer; the renderers
(``to_markdown``, ``to_html``, ``to_docx``) write the typed ``DraftRequest``
(``treatyrules.models``) as Markdown, HTML or DOCX (python-docx, the ``[draft]`` extra).
Nothing legal is computed here: every item comes from the answer, with its article.
"""

from treatyrules._explain.draft.build import DraftBuilder, build_draft, choose_basis
from treatyrules._explain.draft.formats import outline, to_docx, to_html, to_markdown
from treatyrules.models import DraftCondition, DraftGround, DraftNotice, DraftRequest, DraftSection

__all__ = [
    "DraftBuilder",
    "DraftCondition",
    "DraftGround",
    "DraftNotice",
    "DraftRequest",
    "DraftSection",
    "build_draft",
    "choose_basis",
    "outline",
    "to_docx",
    "to_html",
    "to_markdown",
]
