"""The draft request as Markdown, HTML (standard library only) and DOCX (python-docx, the ``[draft]`` extra).

The three formats render one outline, built once by ``outline``: a list of blocks (the draft
mark, title, first-page notices, headings, paragraphs, fill-in fields, lists), so they cannot
drift apart. Every text comes from the draft (already in its language) or from the
catalogue (domain ``draft``), rendered in the draft's language.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from treatyrules._answer.engine import default_engine
from treatyrules._explain.draft.build import format_cites
from treatyrules._i18n import t, using
from treatyrules.errors import MissingExtraError
from treatyrules.models import Actor, DraftGround, DraftRenderers, DraftRequest, set_draft_renderers
from treatyrules.vocabulary import Confidence

BlockKind = Literal["mark", "title", "notice", "heading", "subheading", "para", "field", "bullets", "tree", "small"]


@dataclass(frozen=True)
class Block:
    """One piece of the letter. ``field``: ``label`` then the fill-in ``text``; ``tree``: ``text`` with sub-items."""

    kind: BlockKind
    text: str = ""
    items: tuple[str, ...] = ()
    label: str = ""


def _verify(confidence: Confidence) -> str:
    return " " + t("draft.verify") if confidence is Confidence.VERIFY else ""


def _maybe(applies: bool | None) -> str:
    return " " + t("draft.if_it_applies") if applies is None else ""


def outline(d: DraftRequest) -> list[Block]:
    """The letter as blocks, in the draft's language."""
    with using(d.lang):
        return _Outline(d).blocks()


class _Outline:
    def __init__(self, d: DraftRequest) -> None:
        self.d = d
        self.labels = default_engine().labels

    def cites(self, articles: Sequence[str]) -> str:
        return f" ({format_cites(articles, self.d.lang, self.labels)})" if articles else ""

    def field(self, what: str, label: str = "") -> Block:
        return Block("field", t("draft.field", what=what), label=label)

    def source(self, actor: Actor | None) -> list[Block]:
        """Where the office was read, or where what the State notified without naming one was."""
        if actor is None:
            return []
        sources = [actor.source] if actor.source else list(dict.fromkeys(n.source for n in actor.notified if n.source))
        return [Block("small", f"{t('draft.label.source')}: {'; '.join(sources)}")] if sources else []

    def blocks(self) -> list[Block]:
        d = self.d
        out: list[Block] = [Block("mark", t("draft.mark")), Block("title", d.title + _verify(d.confidence))]
        if d.notices:
            out.append(Block("heading", t("draft.heading.notices")))
            out += [Block("notice", n.text + self.cites(n.articles)) for n in d.notices]
        out.append(self.field(t("draft.what.place_date"), t("draft.heading.place_date")))
        out.append(self.field(t("draft.what.reference"), t("draft.heading.reference")))
        out += self.parties()
        out += self.legal_basis()
        out += self.contents()
        out += self.grounds(t("draft.heading.grounds"), d.grounds, closed=True)
        out += self.grounds(t("draft.heading.postponement"), d.postponement_grounds, closed=False)
        if d.time_limits:
            items = tuple(f"{x.text}{_maybe(x.applies)}{self.cites(x.articles)}{_verify(x.confidence)}" for x in d.time_limits)
            out += [Block("heading", t("draft.heading.time_limits")), Block("bullets", items=items)]
        out += self.conditions()
        if d.hypotheses:
            items = tuple(f"{h.text} ({h.hypothetical})" if h.hypothetical else h.text for h in d.hypotheses)
            out += [Block("heading", t("draft.heading.hypotheses")), Block("bullets", items=items)]
        if d.caveats:
            out += [Block("heading", t("draft.heading.caveats")), Block("bullets", items=tuple(c.text for c in d.caveats))]
        out += [Block("heading", t("draft.heading.signature")), self.field(t("draft.what.signature"))]
        q = d.query
        out.append(Block("small", t("draft.generated", query=f"{q.requesting} → {q.requested}, {q.measure.value}, {q.offence.value}, {q.on.isoformat()}")))
        return out

    def parties(self) -> list[Block]:
        d = self.d
        out = [Block("heading", t("draft.heading.sender")), Block("para", d.sender_text), *self.source(d.sender)]
        out += [Block("heading", t("draft.heading.addressee")), Block("para", d.addressee_text), *self.source(d.addressee)]
        if d.addressee is None or not d.addressee.name:
            out.append(self.field(t("draft.what.office")))
        out.append(Block("heading", t("draft.heading.channel")))
        if d.channel_name is not None:
            state = "" if d.route_available is True else " " + t("draft.if_open")
            out.append(Block("para", f"{d.channel_name}{state}{self.cites(d.route_articles)}{_verify(d.route_confidence)}"))
        if d.route_text:
            out.append(Block("para", f"{t('draft.label.route')}: {d.route_text}"))
        if d.channel_name is None and not d.route_text:
            out.append(Block("para", t("draft.no_route")))
        return out

    def legal_basis(self) -> list[Block]:
        d = self.d
        out = [Block("heading", t("draft.heading.legal_basis")), Block("para", d.legal_basis)]
        for reason in d.legal_basis_reasons:
            maybe = " " + t("draft.if_it_applies") if reason.holds is None else ""
            out.append(Block("tree", f"{reason.text}{maybe}{self.cites(reason.articles)}{_verify(reason.confidence)}", items=tuple(f.text for f in reason.facts)))
        if d.dual_criminality_text:
            verify = _verify(d.dual_criminality.confidence) if d.dual_criminality is not None else ""
            out.append(Block("para", d.dual_criminality_text + verify))
        return out

    def contents(self) -> list[Block]:
        out = [Block("heading", t("draft.heading.contents"))]
        for number, section in enumerate(self.d.sections, 1):
            out.append(Block("subheading", f"{number}. {section.heading}{_maybe(section.applies)}{_verify(section.confidence)}"))
            out.append(Block("field", section.field))
        return out

    def grounds(self, heading: str, grounds: Sequence[DraftGround], *, closed: bool) -> list[Block]:
        if not grounds:
            return []
        out = [Block("heading", heading)]
        if closed:
            listing = self.d.grounds_closed_list
            if listing.closed:
                out.append(Block("para", t("draft.closed_list", cites=format_cites(listing.articles, self.d.lang, self.labels))))
            else:
                out.append(Block("para", t("draft.open_list")))
        for g in grounds:
            missing = f" — {t('draft.label.missing')}: {', '.join(m.fact for m in g.missing_facts)}" if g.missing_facts else ""
            out.append(Block(
                "tree",
                f"{g.text}{_maybe(g.applies)}{self.cites(g.articles)}{_verify(g.confidence)}{missing}",
                items=(f"{t('draft.label.created_by')}: {g.created_by}", f"{t('draft.label.to_meet')}: {g.supply}"),
            ))
        return out

    def conditions(self) -> list[Block]:
        if not self.d.conditions:
            return []
        out = [Block("heading", t("draft.heading.conditions"))]
        heading = None
        for c in self.d.conditions:
            if c.heading != heading:
                heading = c.heading
                out.append(Block("subheading", heading))
            out.append(Block("para", f"{c.text}{_maybe(c.applies)}{self.cites(c.articles)}{_verify(c.confidence)}"))
            if c.field:
                out.append(Block("field", c.field))
        return out


# -- Markdown -----------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*<>"})


def _md(text: str) -> str:
    """Escape the Markdown markup a text from the data could set off (emphasis, code, HTML).

    Brackets and intraword underscores stay as they are: the fill-in fields read
    ``[TO COMPLETE: ...]`` in the raw text too, and no link follows them.
    """
    return text.translate(_MD_SPECIAL)


def to_markdown(d: DraftRequest) -> str:
    """The letter as Markdown: fill-in fields in bold, first-page notices as quotes."""
    lines: list[str] = []
    for block in outline(d):
        text = _md(block.text)
        if block.kind == "mark":
            lines += [f"> **{text}**", ""]
        elif block.kind == "title":
            lines += [f"# {text}", ""]
        elif block.kind == "notice":
            lines += [f"> ⚠ {text}", ""]
        elif block.kind == "heading":
            lines += [f"## {text}", ""]
        elif block.kind == "subheading":
            lines += [f"### {text}", ""]
        elif block.kind == "field":
            label = f"{_md(block.label)}: " if block.label else ""
            lines += [f"{label}**{text}**", ""]
        elif block.kind == "bullets":
            lines += [f"- {_md(item)}" for item in block.items] + [""]
        elif block.kind == "tree":
            lines.append(f"- {text}")
            lines += [f"  - {_md(item)}" for item in block.items]
            lines.append("")
        elif block.kind == "small":
            lines += [f"*{text}*", ""]
        else:
            lines += [text, ""]
    return "\n".join(lines).rstrip() + "\n"


# -- HTML ---------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}"
    "h1{font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #999;margin-top:1.6em}h3{font-size:1em}"
    ".mark{font-weight:bold;letter-spacing:.05em;color:#8a0000}"
    ".notice{border-left:4px solid #8a0000;background:#fff4f4;padding:.4em .8em}"
    "mark.fill{background:#fff3a8;font-weight:bold;padding:0 .2em}"
    ".small{font-size:.85em;color:#555}"
)


def to_html(d: DraftRequest) -> str:
    """The letter as one standalone HTML page (no script; every text escaped)."""
    e = html.escape
    body: list[str] = []
    for block in outline(d):
        text = e(block.text)
        if block.kind == "mark":
            body.append(f'<p class="mark">{text}</p>')
        elif block.kind == "title":
            body.append(f"<h1>{text}</h1>")
        elif block.kind == "notice":
            body.append(f'<p class="notice" role="note">{text}</p>')
        elif block.kind == "heading":
            body.append(f"<h2>{text}</h2>")
        elif block.kind == "subheading":
            body.append(f"<h3>{text}</h3>")
        elif block.kind == "field":
            label = f"<strong>{e(block.label)}:</strong> " if block.label else ""
            body.append(f'<p>{label}<mark class="fill">{text}</mark></p>')
        elif block.kind == "bullets":
            body.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>")
        elif block.kind == "tree":
            inner = "<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>" if block.items else ""
            body.append(f"<ul><li>{text}{inner}</li></ul>")
        elif block.kind == "small":
            body.append(f'<p class="small">{text}</p>')
        else:
            body.append(f"<p>{text}</p>")
    return (
        f'<!doctype html>\n<html lang="{e(d.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(d.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


# -- DOCX ---------------------------------------------------------------------------------


def to_docx(d: DraftRequest) -> bytes:
    """The letter as a Word document (python-docx); ``MissingExtraError`` if it is not installed."""
    try:
        import docx
        from docx.enum.text import WD_COLOR_INDEX
        from docx.shared import Pt, RGBColor
    except ImportError:
        with using(d.lang):
            raise MissingExtraError(t("draft.docx_feature"), "draft") from None
    red = RGBColor(0x8A, 0x00, 0x00)
    document = docx.Document()
    for block in outline(d):
        if block.kind == "mark":
            run = document.add_paragraph().add_run(block.text)
            run.bold = True
            run.font.color.rgb = red
        elif block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "notice":
            run = document.add_paragraph().add_run("⚠ " + block.text)
            run.bold = True
            run.font.color.rgb = red
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "subheading":
            document.add_heading(block.text, level=2)
        elif block.kind == "field":
            paragraph = document.add_paragraph()
            if block.label:
                paragraph.add_run(block.label + ": ").bold = True
            run = paragraph.add_run(block.text)
            run.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "tree":
            document.add_paragraph(block.text, style="List Bullet")
            for item in block.items:
                document.add_paragraph(item, style="List Bullet 2")
        elif block.kind == "small":
            run = document.add_paragraph().add_run(block.text)
            run.italic = True
            run.font.size = Pt(8)
        else:
            document.add_paragraph(block.text)
    document.core_properties.title = d.title
    document.core_properties.language = d.lang
    document.core_properties.subject = d.basis_name
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


set_draft_renderers(DraftRenderers(markdown=to_markdown, html=to_html, docx=to_docx))
