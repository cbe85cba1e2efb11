"""Write ``treatyrules/_data/articles.yaml``: the paragraphs and letters of each article.

Derived from the full treaty texts among the source documents (``/work/shared/seeds``):
the Budapest Convention (seed 003) and the COMJIB convention (seed 004). The texts are
OCR output, so a paragraph number or letter is taken only when it continues the article's
sequence (a gap of up to two is tolerated, for a number the OCR lost); a stray "3." inside
a sentence does not start a paragraph. The Second Protocol and the UN Convention have no
stored text (``/work/shared/reference/instruments/README.md``), so their structure is not
recorded and citations to them cannot be checked.

Run: ``python scripts/derive_article_structure.py [SEEDS_DIR]``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "treatyrules" / "_data" / "articles.yaml"

SOURCES = {
    "budapest": ("003_b016a747fc7b841a.txt", re.compile(r"^\s*Art[ií]culo\s+(\d+)\s*[—-]"), re.compile(r"^\s*([a-z])\.\s")),
    "comjib": ("004_e3341af896e82d21.txt", re.compile(r"^\s*Art[ií]culo\s+(\d+)\s*$"), re.compile(r"^\s*([a-z])\)\s")),
}
_END = re.compile(r"^\s*(Declaraciones y Reservas|En fe de lo cual)")
_PARAGRAPH = re.compile(r"^\s*(\d{1,2})\.\s")
_UNKNOWN = ("second_protocol", "un_cybercrime")
# Letters the OCR lost, read from the same page of the seed: article -> {paragraph: last letter}.
_CORRECTIONS = {"budapest": {12: {1: "c"}}}  # 12.1.c starts with ". una autorizacion" (the "c" is lost)


def derive(text: str, heading: re.Pattern[str], letter_re: re.Pattern[str]) -> dict[int, tuple[int, dict[int, str]]]:
    """Article -> (number of paragraphs, {paragraph (0 = the article itself): last letter})."""
    out: dict[int, tuple[int, dict[int, str]]] = {}
    article = 0
    paragraph = 0
    letters: dict[int, str] = {}
    for line in text.splitlines():
        if _END.match(line) and article:
            break
        head = heading.match(line)
        if head and int(head.group(1)) == article + 1:
            if article:
                out[article] = (paragraph, letters)
            article, paragraph, letters = int(head.group(1)), 0, {}
            continue
        if not article:
            continue
        par = _PARAGRAPH.match(line)
        if par and paragraph < int(par.group(1)) <= paragraph + 3:
            paragraph = int(par.group(1))
            continue
        let = letter_re.match(line)
        if let:
            last = letters.get(paragraph, "")
            wanted = ord(let.group(1))
            if (not last and wanted <= ord("c")) or (last and ord(last) < wanted <= ord(last) + 3):
                letters[paragraph] = let.group(1)
    if article:
        out[article] = (paragraph, letters)
    return out


def main() -> None:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/seeds")
    lines = [
        "# The paragraphs and letters of each article, so that lint can check that a citation",
        "# names a provision the instrument has (a rule citing 29.9 fails: Budapest Art 29 has 7",
        "# paragraphs). Written by scripts/derive_article_structure.py from the source named for",
        "# each instrument; do not edit by hand. paragraphs: 0 = the article is not divided into",
        "# numbered paragraphs; letters: paragraph -> its last letter (0 = letters of the article",
        "# itself). An instrument or article not listed has an unknown structure: not checked.",
    ]
    for instrument, (name, heading, letter_re) in SOURCES.items():
        structure = derive((seeds / name).read_text(encoding="utf-8"), heading, letter_re)
        for article, fixed in _CORRECTIONS.get(instrument, {}).items():
            structure[article] = (structure[article][0], {**structure[article][1], **fixed})
        lines += [f"{instrument}:", f"  source: seed {name}", "  articles:"]
        for article, (paragraphs, letters) in sorted(structure.items()):
            shown = ", ".join(f"{p}: {letter}" for p, letter in sorted(letters.items()))
            lines.append(f'    "{article}": {{paragraphs: {paragraphs}, letters: {{{shown}}}}}')
    for instrument in _UNKNOWN:
        lines += [
            f"{instrument}:",
            "  source: none (no stored text of the articles; /work/shared/reference/instruments/README.md)",
            "  articles: {}",
        ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
