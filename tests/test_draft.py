"""The draft request: the letter's addressee, legal basis and contents come from the rules, each with its article."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest

from treatyrules import draft_request
from treatyrules._i18n import catalogue
from treatyrules.cli import main
from treatyrules.errors import MissingExtraError, NoLegalBasisError, UnknownTagError
from treatyrules.models import DraftRequest
from treatyrules.vocabulary import Ground, Measure

PRESERVATION = dict(measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2025-03-01")
OCJIE = "Oficina de Cooperación Judicial Internacional y Extradiciones (OCJIE), Ministerio Público"
ARTICLE = {"en": "Art.", "es": "art."}
DRAFT_ARGV = ["draft", "ES", "PE", "--measure", "expedited_preservation", "--offence", "electronic_evidence_any_offence", "--on", "2025-03-01"]


def _document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in _document(data).paragraphs)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_spain_to_peru_preservation_goes_to_ocjie_under_budapest_29(lang: str) -> None:
    draft = draft_request("ES", "PE", lang=lang, **PRESERVATION)

    assert draft.lang == lang
    assert draft.basis.value == "budapest" and draft.applicable is True
    assert draft.channel is not None and draft.channel.value == "point_of_contact_24_7"
    assert draft.route_articles == ("budapest 35.1.b", "budapest 35.2.a")
    assert draft.addressee is not None and (draft.addressee.state, draft.addressee.role, draft.addressee.name) == ("PE", "point_of_contact_24_7", OCJIE)
    assert draft.sender is not None and (draft.sender.state, draft.sender.role) == ("ES", "point_of_contact_24_7")
    assert OCJIE in draft.addressee_text
    assert "budapest 29.1" in draft.legal_basis_articles and "29.1" in draft.legal_basis


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_article_29_2_item_has_a_section_headed_with_its_article(lang: str) -> None:
    draft = draft_request("ES", "PE", lang=lang, **PRESERVATION)

    assert [s.articles for s in draft.sections] == [(f"budapest 29.2.{x}",) for x in "abcdef"]
    for section, letter in zip(draft.sections, "abcdef"):
        assert f"{ARTICLE[lang]} 29.2.{letter}" in section.heading
        assert section.field.startswith("[TO COMPLETE: " if lang == "en" else "[A COMPLETAR: ")
    headings = [p.text for p in _document(draft.to_docx()).paragraphs if p.style is not None and p.style.name == "Heading 2"]
    for letter in "abcdef":
        assert any(f"{ARTICLE[lang]} 29.2.{letter}" in h for h in headings), letter


@pytest.mark.parametrize("lang", ["en", "es"])
def test_peru_s_29_4_reservation_is_cited_with_what_to_supply(lang: str) -> None:
    draft = draft_request("ES", "PE", lang=lang, **PRESERVATION)

    [reservation] = [g for g in draft.grounds if g.ground is Ground.DUAL_CRIMINALITY_AT_DISCLOSURE_UNLIKELY]
    assert (reservation.kind, reservation.source, reservation.state, reservation.articles) == ("refusal", "reservation", "PE", ("budapest 29.4",))
    assert ("reservation of PE" if lang == "en" else "reserva formulada por PE") in reservation.created_by
    assert "29.4" in reservation.created_by
    if lang == "en":
        assert "Describe the conduct" in reservation.supply and "dual criminality" in reservation.supply
    else:
        assert "Describa la conducta" in reservation.supply and "doble tipificación" in reservation.supply
    assert {g.ground.value for g in draft.grounds} == {"political_offence", "essential_interests", "dual_criminality_at_disclosure_unlikely"}
    assert draft.grounds_closed_list.closed and draft.grounds_closed_list.articles == ("budapest 29.5",)
    assert draft.dual_criminality is not None and draft.dual_criminality.value.value == "never"
    assert draft.dual_criminality.articles == ("budapest 29.3",)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_60_days_of_29_7_are_in_every_format(lang: str) -> None:
    draft = draft_request("ES", "PE", lang=lang, **PRESERVATION)

    assert any(x.days == 60 and x.bound == "min" and x.articles == ("budapest 29.7",) for x in draft.time_limits)
    for text in (draft.to_markdown(), draft.to_html(), _docx_text(draft.to_docx())):
        assert "OCJIE" in text
        assert f"{ARTICLE[lang]} 29.7" in text and "60" in text
        assert f"{ARTICLE[lang]} 29.4" in text
        for letter in "abcdef":
            assert f"{ARTICLE[lang]} 29.2.{letter}" in text


def test_the_spanish_letter_is_written_in_the_treaty_s_vocabulary() -> None:
    draft = draft_request("ES", "PE", lang="es", **PRESERVATION)
    text = _docx_text(draft.to_docx())

    assert draft.title == "Solicitud de conservación rápida de datos informáticos almacenados"
    for words in (
        "BORRADOR", "Lugar y fecha", "Referencia", "Autoridad requirente", "Autoridad requerida", "Fundamento jurídico",
        "Contenido de la solicitud", "Motivos de denegación que la Parte requerida puede invocar", "Plazos", "Condiciones",
        "Firma", "[A COMPLETAR: lugar y fecha]", "Doble tipificación: nunca exigible", "Convenio de Budapest, art. 29.2.a",
    ):
        assert words in text, words
    for english in ("TO COMPLETE", "Requesting authority", "Legal basis", "Time limits", "Signature"):
        assert english not in text, english


def test_the_docx_is_a_letter_with_marked_fields() -> None:
    document = _document(draft_request("ES", "PE", lang="en", **PRESERVATION).to_docx())
    styles = [p.style.name if p.style is not None else "" for p in document.paragraphs]

    assert "Title" in styles and "Heading 1" in styles and "Heading 2" in styles
    assert document.core_properties.title == "Request for the expedited preservation of stored computer data"
    highlighted = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert "[TO COMPLETE: place and date]" in highlighted
    assert "[TO COMPLETE: name, post and signature of the requesting authority]" in highlighted
    assert any(h.startswith("[TO COMPLETE: the authority seeking the preservation") for h in highlighted)
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Signature") > texts.index("Time limits") > texts.index("Contents of the request") > texts.index("Legal basis")


def test_the_legal_fields_of_the_draft_do_not_depend_on_the_language() -> None:
    en = draft_request("ES", "PE", lang="en", **PRESERVATION)
    es = draft_request("ES", "PE", lang="es", **PRESERVATION)

    assert (en.basis, en.applicable, en.addressee, en.sender, en.channel, en.route_articles, en.confidence) == (
        es.basis, es.applicable, es.addressee, es.sender, es.channel, es.route_articles, es.confidence
    )
    assert en.legal_basis_articles == es.legal_basis_articles
    assert [(s.item, s.articles) for s in en.sections] == [(s.item, s.articles) for s in es.sections]
    assert [(g.ground, g.source, g.state, g.articles) for g in en.grounds] == [(g.ground, g.source, g.state, g.articles) for g in es.grounds]
    assert [(x.id, x.days, x.articles) for x in en.time_limits] == [(x.id, x.days, x.articles) for x in es.time_limits]
    assert [n.kind for n in en.notices] == [n.kind for n in es.notices]


def test_a_protocol_only_measure_before_the_protocol_is_in_force_gives_no_draft() -> None:
    with pytest.raises(NoLegalBasisError) as err:
        draft_request("ES", "PE", measure="subscriber_info_direct_order", offence="electronic_evidence_any_offence", on="2025-03-01")

    assert err.value.basis is None
    assert err.value.query_text == "ES -> PE, subscriber_info_direct_order, 2025-03-01"
    assert [r.split(":")[0] for r in err.value.reasons] == ["budapest", "second_protocol", "comjib", "un_cybercrime"]
    assert "[second_protocol 16.3]" in str(err.value) and "\n" not in str(err.value)


def test_asking_for_a_basis_that_does_not_apply_is_refused_and_an_unknown_one_is_a_tag_error() -> None:
    with pytest.raises(NoLegalBasisError) as err:
        draft_request("ES", "PE", basis="second_protocol", **PRESERVATION)
    assert err.value.basis == "second_protocol" and err.value.reasons[0].startswith("second_protocol: ")
    with pytest.raises(UnknownTagError):
        draft_request("ES", "PE", basis="budapestt", **PRESERVATION)


def test_an_undetermined_basis_says_so_on_the_first_page_and_names_the_missing_facts() -> None:
    draft = draft_request("ES", "PE", basis="comjib", lang="en", **PRESERVATION)

    assert draft.basis.value == "comjib" and draft.applicable is None
    first = draft.notices[0]
    assert first.kind == "undetermined_basis"
    assert [m.fact for m in first.missing_facts] == ["party:comjib:ES", "party:comjib:PE"]
    assert "party:comjib:ES" in first.text and "party:comjib:PE" in first.text
    assert [s.articles[0] for s in draft.sections] == [f"comjib 9.1.{x}" for x in "abcde"]
    # the office is not named in the data, and the draft says so instead of inventing one
    assert draft.addressee is not None and draft.addressee.name is None and "office not named in the data" in draft.addressee_text
    # never drop a verify flag
    assert draft.confidence.value == "verify" and any(n.kind == "verify" for n in draft.notices)
    paragraphs = [p.text for p in _document(draft.to_docx()).paragraphs]
    assert paragraphs[1].startswith("Request for the expedited preservation")
    assert "UNDETERMINED BASIS" in paragraphs[3] and "party:comjib:PE" in paragraphs[3]
    markdown = draft.to_markdown()
    assert markdown.index("UNDETERMINED BASIS") < markdown.index("## Requesting authority")
    assert "[verify against the official text]" in markdown
    assert "[TO COMPLETE: the office, which the data do not name]" in markdown


def test_the_default_basis_for_comjib_alone_would_be_budapest_s_route_first() -> None:
    draft = draft_request("ES", "PE", lang="en", **PRESERVATION)
    assert draft.basis.value == "budapest" and draft.route_rank == 1
    assert [n.kind for n in draft.notices] == []


def test_mutual_assistance_carries_27_8_confidentiality_and_28_limitation_of_use() -> None:
    draft = draft_request("ES", "PE", measure="general_mla", offence="computer_fraud", on="2025-03-01", mla_treaty=False)

    kinds = {c.id: c.kind for c in draft.conditions}
    assert kinds["confidentiality_of_request"] == "confidentiality" and kinds["conditions_of_use"] == "use_limitation"
    confidentiality = next(c for c in draft.conditions if c.id == "confidentiality_of_request")
    assert "budapest 27.8" in confidentiality.articles and confidentiality.field is not None
    use = next(c for c in draft.conditions if c.id == "conditions_of_use")
    assert "budapest 28.2.b" in use.articles
    assert draft.addressee is not None and (draft.addressee.state, draft.addressee.role) == ("PE", "central_authority")
    # Budapest prescribes no contents for general assistance: one open section, and the notice says why
    assert [s.articles for s in draft.sections] == [()]
    assert [n.kind for n in draft.notices] == ["no_contents"]
    markdown = draft.to_markdown()
    assert "### Confidentiality" in markdown and "### Limitation of use" in markdown
    assert [g.ground.value for g in draft.postponement_grounds] == ["postpone_ongoing_investigation"]


def test_an_open_question_about_the_channel_is_named_on_the_first_page() -> None:
    draft = draft_request("ES", "PE", measure="general_mla", offence="computer_fraud", on="2025-03-01", lang="es")

    assert draft.route_available is None
    [channel] = [n for n in draft.notices if n.kind == "undetermined_channel"]
    assert [m.fact for m in channel.missing_facts] == ["mla_treaty"] and "autoridad central" in channel.text
    assert "mla_treaty" in [m.fact for m in draft.missing_facts]
    assert "(si la vía está abierta)" in draft.to_markdown()


def test_html_escapes_every_text() -> None:
    draft = draft_request("ES", "PE", lang="en", **PRESERVATION)
    hostile = draft.model_copy(update={"addressee_text": '<script>alert("x")</script> & co', "title": "<b>T</b>"})
    page = hostile.to_html()

    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "<title>&lt;b&gt;T&lt;/b&gt;</title>" in page
    assert page.startswith("<!doctype html>") and '<html lang="en">' in page
    assert '<mark class="fill">[TO COMPLETE: place and date]</mark>' in page


def test_the_model_is_public_frozen_and_strict() -> None:
    draft = draft_request("ES", "PE", lang="en", **PRESERVATION)
    assert isinstance(draft, DraftRequest)
    assert DraftRequest.model_validate(draft.model_dump(mode="json")) == draft
    with pytest.raises(Exception):
        draft.basis = "comjib"  # type: ignore[misc]
    with pytest.raises(Exception):
        DraftRequest.model_validate({**draft.model_dump(mode="json"), "extra": 1})


def test_every_ground_has_advice_and_every_measure_a_title_in_both_languages() -> None:
    cat = catalogue()
    for lang in ("en", "es"):
        for ground in Ground:
            assert f"draft.supply.{ground.value}" in cat.messages[lang], ground
        for measure in Measure:
            assert f"draft.title.{measure.value}" in cat.messages[lang], measure


def test_docx_without_the_extra_is_a_one_line_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    draft = draft_request("ES", "PE", lang="es", **PRESERVATION)
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError) as err:
        draft.to_docx()
    assert 'pip install "treatyrules[draft]"' in str(err.value) and "\n" not in str(err.value)
    assert err.value.extra == "draft"
    assert draft.to_markdown().startswith("> **BORRADOR")


def test_cli_writes_docx_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(DRAFT_ARGV + ["--lang", "es", "-o", str(tmp_path / "solicitud.docx")]) == 0
    text = _docx_text((tmp_path / "solicitud.docx").read_bytes())
    assert OCJIE in text and "Convenio de Budapest, art. 29.2.f" in text
    assert main(DRAFT_ARGV + ["--format", "md", "-o", str(tmp_path / "request.md")]) == 0
    markdown = (tmp_path / "request.md").read_text(encoding="utf-8")
    assert markdown.startswith("> **DRAFT") and "Budapest Convention, Art. 29.2.f" in markdown
    assert main(DRAFT_ARGV + ["--format", "html", "-o", str(tmp_path / "request.html")]) == 0
    assert "<h1>Request for the expedited preservation of stored computer data</h1>" in (tmp_path / "request.html").read_text(encoding="utf-8")
    assert capsys.readouterr().out == ""


def test_cli_prints_markdown_by_default_and_refuses_binary_on_a_terminal(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(DRAFT_ARGV + ["--basis", "comjib"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("> **DRAFT") and "UNDETERMINED BASIS" in out and "party:comjib:ES" in out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(DRAFT_ARGV + ["--format", "docx"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "-o" in err


def test_cli_without_a_basis_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["draft", "ES", "PE", "--measure", "subscriber_info_direct_order", "--offence", "electronic_evidence_any_offence", "--on", "2025-03-01"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("treatyrules: error: no draft request can be written")
    assert main(argv + ["--lang", "es"]) == 2
    assert capsys.readouterr().err.startswith("treatyrules: error: no puede redactarse ningún borrador")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_addressee_carries_the_postal_address_as_designated(lang: str) -> None:
    # Switzerland's Art 35 point of contact: the Federal Office of Justice, 3003 Berne
    draft = draft_request("PE", "CH", lang=lang, **PRESERVATION)

    assert draft.addressee is not None and draft.addressee.address == "3003 Berne"
    assert "Federal Office of Justice" in draft.addressee_text and "3003 Berne" in draft.addressee_text


def test_an_office_read_from_a_press_report_is_marked_verify_in_the_letter() -> None:
    # the Philippines' 24/7 point of contact rests on a newspaper report (fixtures/authorities.csv)
    draft = draft_request("PE", "PH", lang="es", **PRESERVATION)

    assert draft.addressee is not None and draft.addressee.confidence.value == "verify"
    assert "Office of Cybercrime" in draft.addressee_text
    assert draft.addressee_text.endswith(catalogue().get("draft.verify", "es"))
    assert draft.route_text is not None and f"(Department of Justice, Office of Cybercrime) {catalogue().get('draft.verify', 'es')}" in draft.route_text
    spain = draft_request("PE", "ES", lang="es", **PRESERVATION)
    assert spain.addressee is not None and spain.addressee.confidence.value == "high"
    assert catalogue().get("draft.verify", "es") not in spain.addressee_text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_extradition_request_to_the_united_states_quotes_its_art_24_7_notification(lang: str) -> None:
    # Art 24.7.a: the United States names no extradition authority, bilateral treaties governing
    draft = draft_request("PE", "US", measure="extradition", offence="illegal_access", on="2026-06-01", lang=lang)
    assert draft.addressee is not None and draft.addressee.name is None
    said = "no office named; the State's notification on record: US makes no designation" if lang == "en" else (
        "no se indica oficina; comunicación del Estado que consta: Los Estados Unidos no hacen designación"
    )
    assert said in draft.addressee_text
    markdown = draft.to_markdown()
    assert said in markdown and "https://wipo.int/wipolex/fr/treaties/parties/remarks/US/952" in markdown
    # the office is still to be completed: the notification names none
    cat = catalogue()
    assert cat.get("draft.field", lang).format(what=cat.get("draft.what.office", lang)) in markdown
