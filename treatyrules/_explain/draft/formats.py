"""The draft request as Markdown, HTML (standard library) and DOCX (python-docx, ``[draft]``).

All three render the same outline, built once by ``outline``: a list of blocks (heading,
paragraph, bullet list), so the formats cannot drift apart.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from treatyrules._answer.engine import default_engine
from treatyrules._i18n import t, t_text, using
from treatyrules.errors import MissingExtraError
from treatyrules.models import Actor

if TYPE_CHECKING:
    from treatyrules._explain.draft.model import DraftRequest


@dataclass(frozen=True)
class Block:
    kind: str  # "title" | "heading" | "para" | "field" | "bullets" | "notice"
    text: str = ""
    items: tuple[str, ...] = ()


def _cites(articles: Iterable[str]) -> str:
    items = list(articles)
    return f" [{', '.join(items)}]" if items else ""


def _verify(confidence: str) -> str:
    return " " + t("draft.verify") if confidence == "verify" else ""


def _actor(actor: Actor | None, role_label: str) -> str:
    if actor is None:
        return t("draft.office_not_named")
    office = actor.name or t("draft.office_not_named")
    return f"{office} — {role_label} ({actor.state})"


def outline(d: DraftRequest, roles: dict[str, str]) -> list[Block]:
    with using(d.lang):
        return _outline(d, roles)


def _outline(d: DraftRequest, roles: dict[str, str]) -> list[Block]:
    blocks = [Block("notice", t("draft.heading.draft")), Block("title", d.title + _verify(d.confidence.value))]
    if d.notice:
        blocks.append(Block("notice", d.notice))
    blocks += [
        Block("field", f"{t('draft.heading.reference')}: {t('draft.reference_field')}"),
        Block("field", f"{t('draft.heading.date_place')}: {t('draft.date_place_field')}"),
        Block("heading", t("draft.heading.from")),
        Block("para", _actor(d.sender, roles.get(d.sender.role, d.sender.role) if d.sender else "")),
        Block("heading", t("draft.heading.to")),
        Block("para", _actor(d.addressee, roles.get(d.addressee.role, d.addressee.role) if d.addressee else "")),
    ]
    if d.channel is not None:
        blocks += [Block("heading", t("draft.heading.via")), Block("para", roles.get("channel:" + d.channel.value, d.channel.value) + _cites(d.route_articles))]
    blocks += [Block("heading", t("draft.heading.basis")), Block("para", d.legal_basis + _cites(d.legal_basis_articles))]
    blocks.append(Block("heading", t("draft.heading.contents")))
    for number, section in enumerate(d.sections, 1):
        maybe = " " + t("draft.if_it_applies") if section.applies is None else ""
        blocks.append(Block("heading", f"{number}. {section.heading}{_cites(section.articles)}{maybe}{_verify(section.confidence.value)}"))
        blocks.append(Block("field", section.field))
    if d.grounds:
        items = []
        for g in d.grounds:
            who = f" ({t('draft.created_by', source=t('draft.source.' + g.source), state=g.state)})" if g.state else ""
            maybe = " " + t("draft.if_it_applies") if g.applies is None else ""
            items.append(f"{g.text}{who}{maybe}{_cites(g.articles)}{_verify(g.confidence.value)} — {g.supply}")
        blocks += [Block("heading", t("draft.heading.grounds")), Block("bullets", items=tuple(items))]
    if d.dual_criminality_text:
        blocks += [Block("heading", t("draft.heading.dual_criminality")), Block("para", d.dual_criminality_text + _cites(d.dual_criminality_articles))]
    if d.time_limits:
        items = tuple(f"{x.text}{_cites(x.articles)}{_verify(x.confidence.value)}" for x in d.time_limits)
        blocks += [Block("heading", t("draft.heading.limits")), Block("bullets", items=items)]
    if d.conditions:
        items = tuple(
            f"{c.text}{' ' + t('draft.if_it_applies') if c.applies is None else ''}{_cites(c.articles)}{_verify(c.confidence.value)}"
            for c in d.conditions
        )
        blocks += [Block("heading", t("draft.heading.conditions")), Block("bullets", items=items)]
    if d.caveats:
        blocks += [Block("heading", t("draft.heading.caveats")), Block("bullets", items=tuple(c.text for c in d.caveats))]
    blocks += [Block("heading", t("draft.heading.signature")), Block("field", t("draft.heading.signed") + ": ____________________")]
    return blocks


def _roles(d: DraftRequest) -> dict[str, str]:
    # role and channel labels in the draft's language, from the same data the answer used
    engine = default_engine()
    out = {role: (name.es if d.lang == "es" else name.en) for role, name in engine.channel_map.roles.items()}
    for channel, label in engine.labels.names["channel"].items():
        out["channel:" + channel] = label.es if d.lang == "es" else label.en
    return out


def to_markdown(d: DraftRequest) -> str:
    lines: list[str] = []
    for block in outline(d, _roles(d)):
        if block.kind == "title":
            lines += [f"# {block.text}", ""]
        elif block.kind == "heading":
            lines += [f"## {block.text}", ""]
        elif block.kind == "notice":
            lines += [f"> **{block.text}**", ""]
        elif block.kind == "field":
            lines += [f"**{block.text}**", ""]
        elif block.kind == "bullets":
            lines += [f"- {item}" for item in block.items] + [""]
        else:
            lines += [block.text, ""]
    return "\n".join(lines).rstrip() + "\n"


def to_html(d: DraftRequest) -> str:
    e = html.escape
    body: list[str] = []
    title = d.title
    for block in outline(d, _roles(d)):
        if block.kind == "title":
            body.append(f"<h1>{e(block.text)}</h1>")
        elif block.kind == "heading":
            body.append(f"<h2>{e(block.text)}</h2>")
        elif block.kind == "notice":
            body.append(f'<p class="notice"><strong>{e(block.text)}</strong></p>')
        elif block.kind == "field":
            body.append(f'<p class="field"><mark>{e(block.text)}</mark></p>')
        elif block.kind == "bullets":
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
        else:
            body.append(f"<p>{e(block.text)}</p>")
    return (
        f'<!doctype html>\n<html lang="{d.lang}"><head><meta charset="utf-8"><title>{e(title)}</title>'
        "<style>body{font-family:serif;max-width:48em;margin:2em auto;line-height:1.4}"
        "mark{background:#fff3b0}.notice{border-left:4px solid #b00;padding-left:.6em}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def to_docx(d: DraftRequest) -> bytes:
    try:
        import docx
        from docx.enum.text import WD_COLOR_INDEX
    except ImportError:
        with using(d.lang):
            raise MissingExtraError(str(t_text("draft.docx_feature")), "draft") from None
    document = docx.Document()
    for block in outline(d, _roles(d)):
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "notice":
            document.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "field":
            run = document.add_paragraph().add_run(block.text)
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            document.add_paragraph(block.text)
    document.core_properties.title = d.title
    document.core_properties.language = d.lang
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
