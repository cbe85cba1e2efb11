"""The draft request: an answer turned into the letter a prosecutor completes, signs and sends.

``build`` chooses the basis and the two ends of its route from the answer; ``formats``
renders the typed ``DraftRequest`` as Markdown, HTML or DOCX (python-docx, the ``[draft]``
extra). Nothing legal is computed here: every item comes from the answer, with its article.
"""

from treatyrules._explain.draft.build import build_draft
from treatyrules._explain.draft.formats import to_docx, to_html, to_markdown
from treatyrules._explain.draft.model import DraftGround, DraftRequest, DraftSection

__all__ = ["DraftGround", "DraftRequest", "DraftSection", "build_draft", "to_docx", "to_html", "to_markdown"]
