"""The web page in Chromium: the README question answered with the verdict first, in English
and in Spanish, the full answer on demand, the draft downloaded as a Word file, and bad
input shown as the typed error, all through the real page and the real server."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from treatyrules._i18n import catalogue

pytestmark = pytest.mark.browser

README = {
    "requesting": "ES",
    "requested": "PE",
    "measure": "expedited_preservation",
    "offence": "electronic_evidence_any_offence",
    "on": "2025-03-01",
}


#: Budapest Art. 29.4 (the reservation of PE) as the draft cites it: "budapest 29.4" or "Convenio de Budapest, art. 29.4"
CITES_29_4 = re.compile(r"budapest 29\.4|Budapest(?: Convention)?, art\. 29\.4", re.IGNORECASE)


def label(lang: str, key: str) -> str:
    return catalogue().messages["es" if lang == "es" else "en"][f"page.{key}"]


def link(lang: str, **changes: str) -> str:
    params = {**README, **changes, "lang": lang}
    return "/?" + "&".join(f"{k}={v}" for k, v in params.items())


#: English labels that are not also Spanish words of the page ("No", "Error", ...)
ENGLISH_ONLY = sorted(
    {text for key, text in catalogue().messages["en"].items() if key.startswith("page.") and text != catalogue().messages["es"][key]}
    - {label("en", "lang_en")},
    key=len,
    reverse=True,
)

#: the elements whose words the page itself writes: headings, labels, badges, buttons, notes
CHROME = (
    "h1, h2, h3, h4, h5, h6, label, legend, summary, button, small, .label, .badge, .note, .query-summary, "
    "optgroup, footer, .error h2, .error h4, [data-i18n]"
)


def chrome_texts(page: Any) -> list[str]:
    texts: list[str] = page.eval_on_selector_all(
        CHROME,
        "els => els.filter(e => e.offsetParent !== null || e.tagName === 'OPTGROUP').map(e => e.tagName === 'OPTGROUP' ? e.label : e.innerText)",
    )
    return [t.strip() for t in texts if t.strip()]


def _words(label_text: str) -> str:
    """The longest stretch of a label without a {placeholder}."""
    return max((part.strip() for part in re.split(r"\{[a-z_]+\}", label_text)), key=len)


def english_labels_in(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for english in ENGLISH_ONLY:
            words = _words(english)
            if len(words) >= 4 and re.search(r"(?<![\w])" + re.escape(words) + r"(?![\w])", text):
                found.append(f"{english!r} in {text!r}")
                break
    return found


def wait_for_form(page: Any) -> None:
    page.wait_for_selector("#requested option[value=PE]", state="attached")
    page.wait_for_selector("#status", state="hidden")


def wait_for_answer(page: Any) -> None:
    page.wait_for_selector("#result .bottom-line, #result .error")


def ask_the_readme_question(page: Any) -> None:
    wait_for_form(page)
    page.select_option("#requesting", "ES")
    page.select_option("#requested", "PE")
    page.select_option("#measure", "expedited_preservation")
    page.select_option("#offence", "electronic_evidence_any_offence")
    page.fill("#on", "2025-03-01")
    page.click("#submit")
    wait_for_answer(page)


def test_the_form_answers_the_readme_question_with_the_summary_first(page_in: Any, shots: Path) -> None:
    page = page_in("en-US")
    page.goto("/")
    ask_the_readme_question(page)

    result = page.locator("#result")
    headings = result.locator("h3").all_inner_texts()
    assert headings[0] == label("en", "in_short")
    assert headings[1:3] == [label("en", "verdicts"), label("en", "recommended_route")]
    assert page.is_hidden("#full-answer")
    assert result.locator(".bottom-line").inner_text().startswith("Budapest")
    assert result.locator(".verdict-line").count() == 4

    route = result.locator(".route.recommended")
    assert "budapest 35.1.b" in route.inner_text()
    receives = route.locator(".end").nth(1).inner_text()
    assert receives.startswith(label("en", "receives")) and "Peru (PE)" in receives
    assert "OCJIE" in receives and "Ministerio Público" in receives
    assert "Spain (ES)" in route.locator(".end").nth(0).inner_text()

    reservation = result.locator(".grounds li", has_text="budapest 29.4")
    assert "reservation of Peru (PE)" in reservation.inner_text()
    assert result.locator(".grounds li").count() == 3
    assert result.locator(".deadlines li").count() >= 1 and result.locator(".caveats li").count() >= 1
    assert result.locator(".badge.verify").first.is_visible()
    assert result.locator(".badge.verify").first.inner_text() == label("en", "verify")

    query = parse_qs(urlparse(page.url).query)
    assert {k: v[0] for k, v in query.items()} == {**README, "lang": "en"}
    page.screenshot(path=str(shots / "page_en.png"), full_page=True)


def test_lang_es_opens_the_page_in_spanish(page_in: Any, shots: Path) -> None:
    page = page_in("en-US")
    page.goto("/?lang=es")
    wait_for_form(page)

    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.title() == label("es", "doc_title")
    for key, text in page.eval_on_selector_all("[data-i18n]", "els => els.map(e => [e.dataset.i18n, e.textContent])"):
        assert text == label("es", key), key
    assert page.get_attribute("#on", "placeholder") == "AAAA-MM-DD"
    assert english_labels_in(chrome_texts(page)) == []

    page.fill("#on", "2025-03-01")
    page.click("#submit")
    wait_for_answer(page)

    result = page.locator("#result")
    assert result.locator("h3").first.inner_text() == "En resumen"
    receives = result.locator(".route.recommended .end").nth(1).inner_text()
    assert receives.startswith("Recibe") and "Perú (PE)" in receives and "OCJIE" in receives
    assert "reserva de Perú (PE)" in result.locator(".grounds li", has_text="budapest 29.4").inner_text()
    assert result.locator(".badge.verify").first.inner_text() == "confianza: verificar"
    assert result.locator("button.download").all_inner_texts() == [label("es", "download_docx"), label("es", "download_md")]
    assert english_labels_in(chrome_texts(page)) == []
    assert "lang=es" in page.url
    page.screenshot(path=str(shots / "page_es.png"), full_page=True)

    page.click("#toggle-full")
    page.wait_for_selector("#full-answer article.basis")
    assert english_labels_in(chrome_texts(page)) == []


def test_a_spanish_browser_gets_the_spanish_page_without_lang(page_in: Any) -> None:
    page = page_in("es-ES")
    page.goto("/")
    wait_for_form(page)

    assert page.inner_text("h1") == label("es", "title")
    assert page.inner_text("#submit") == label("es", "submit")


def test_the_language_toggle_switches_labels_answer_and_address(page_in: Any) -> None:
    page = page_in("en-US")
    page.goto(link("es"))
    wait_for_answer(page)
    assert page.locator("#result h3").first.inner_text() == "En resumen"

    page.click("button[data-lang=en]")
    page.locator("#result h3", has_text="In short").wait_for()
    assert page.inner_text("h1") == label("en", "title")
    assert page.get_attribute("button[data-lang=en]", "aria-pressed") == "true"
    assert parse_qs(urlparse(page.url).query)["lang"] == ["en"]
    assert "Peru (PE)" in page.inner_text(".route.recommended")

    page.click("button[data-lang=es]")
    page.locator("#result h3", has_text="En resumen").wait_for()
    assert parse_qs(urlparse(page.url).query)["lang"] == ["es"]
    page.reload()
    wait_for_answer(page)
    assert page.inner_text("h1") == label("es", "title")


def test_the_full_answer_expands_and_collapses(page_in: Any) -> None:
    page = page_in("en-US")
    page.goto(link("en"))
    wait_for_answer(page)

    toggle = page.locator("#toggle-full")
    assert toggle.get_attribute("aria-expanded") == "false" and toggle.inner_text() == label("en", "show_full")
    toggle.click()
    page.wait_for_selector("#full-answer article.basis")

    full = page.locator("#full-answer")
    assert page.locator("#toggle-full").get_attribute("aria-expanded") == "true"
    assert full.locator("article.basis").count() == 4
    budapest = full.locator("article.basis", has=page.locator("#basis-budapest"))
    assert label("en", "refusal_grounds") in budapest.inner_text()
    assert "budapest 29.5.a" in budapest.inner_text() and "budapest 29.4" in budapest.inner_text()
    assert full.locator(".routes > li").count() >= 1

    page.click("#toggle-full")
    assert page.is_hidden("#full-answer")


def test_the_draft_downloads_as_a_readable_word_file(page_in: Any) -> None:
    docx = pytest.importorskip("docx")
    page = page_in("en-US")
    page.goto(link("es"))
    wait_for_answer(page)

    with page.expect_download() as info:
        page.click("button.download[data-format=docx]")
    download = info.value
    assert download.suggested_filename == "borrador-solicitud-ES-PE-expedited_preservation-2025-03-01.docx"
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "OCJIE" in text and CITES_29_4.search(text)

    with page.expect_download() as info:
        page.click("button.download[data-format=md]")
    markdown = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename.endswith(".md") and markdown.startswith(">") and "OCJIE" in markdown
    assert page.locator(".draft .error").count() == 0


def test_a_draft_without_a_legal_basis_shows_the_typed_error(page_in: Any) -> None:
    page = page_in("en-US")
    page.goto(link("en", measure="subscriber_info_direct_order"))
    wait_for_answer(page)

    page.click("button.download[data-format=docx]")
    error = page.wait_for_selector(".draft .error[role=alert]")
    assert "NoLegalBasisError" in error.inner_text() and "no draft request can be written" in error.inner_text()


def test_an_unknown_state_in_the_address_shows_the_typed_error(page_in: Any) -> None:
    page = page_in("en-US")
    page.goto(link("en", requested="XX"))
    wait_for_answer(page)

    error = page.locator("#result .error[role=alert]")
    assert "UnknownStateError" in error.inner_text()
    assert "unknown State code 'XX' for requested" in error.inner_text()
    assert page.get_attribute("#requested", "aria-invalid") == "true"
    assert page.input_value("#requested") == "XX"


@pytest.mark.parametrize(("lang", "message"), [("en", "malformed date '2025-02-30' for on"), ("es", "fecha mal formada «2025-02-30» en on")])
def test_an_impossible_date_typed_in_the_form_shows_the_typed_error(page_in: Any, lang: str, message: str) -> None:
    page = page_in("en-US")
    page.goto(f"/?lang={lang}")
    wait_for_form(page)
    page.fill("#on", "2025-02-30")
    page.click("#submit")
    wait_for_answer(page)

    error = page.locator("#result .error[role=alert]")
    assert "InvalidDateError" in error.inner_text() and message in error.inner_text()
    assert error.locator("h2").inner_text() == label(lang, "error")
    assert page.get_attribute("#on", "aria-invalid") == "true"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_united_states_end_of_an_extradition_route_quotes_its_art_24_7_notification(page_in: Any, lang: str) -> None:
    # Budapest Art 24.7.a: the United States names no extradition authority, bilateral treaties governing
    page = page_in("en-US")
    page.goto(link(lang, requesting="PE", requested="US", measure="extradition", offence="illegal_access", on="2026-06-01"))
    wait_for_answer(page)

    ends = page.locator("#result .route.recommended .end").all_inner_texts()
    receiver = next(text for text in ends if "(US)" in text)
    assert label(lang, "office_notified") in receiver
    assert ("bilateral treaties" if lang == "en" else "tratados bilaterales") in receiver
    assert label(lang, "office_not_named") not in receiver
