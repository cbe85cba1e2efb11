"""The draft request: the letter's addressee, legal basis and contents come from the rules, each with its article."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from treatyrules import draft_request
from treatyrules.cli import main
from treatyrules.errors import NoLegalBasisError

PRESERVATION = dict(measure="expedited_preservation", offence="electronic_evidence_any_offence", on="2025-03-01")
OCJIE = "Oficina de Cooperación Judicial Internacional y Extradiciones (OCJIE), Ministerio Público"


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_spain_to_peru_preservation_goes_to_ocjie_with_every_article_29_2_item(lang: str) -> None:
    draft = draft_request("ES", "PE", lang=lang, **PRESERVATION)

    assert draft.basis.value == "budapest" and draft.applicable is True
    assert draft.addressee is not None and draft.addressee.state == "PE" and draft.addressee.name == OCJIE
    assert draft.addressee.role == "point_of_contact_24_7"
    assert [s.articles for s in draft.sections] == [(f"budapest 29.2.{x}",) for x in "abcdef"]
    reservation = [g for g in draft.grounds if g.ground.value == "dual_criminality_at_disclosure_unlikely"]
    assert [(g.source, g.state, g.articles) for g in reservation] == [("reservation", "PE", ("budapest 29.4",))]
    assert any(d.days == 60 and d.articles == ("budapest 29.7",) for d in draft.time_limits)
    for text in (draft.to_markdown(), draft.to_html(), _docx_text(draft.to_docx())):
        assert "OCJIE" in text
        for letter in "abcdef":
            assert f"[budapest 29.2.{letter}]" in text
        assert "[budapest 29.4]" in text and "[budapest 29.7]" in text


def test_the_spanish_draft_says_what_to_supply_for_peru_s_reservation() -> None:
    draft = draft_request("ES", "PE", lang="es", **PRESERVATION)
    text = _docx_text(draft.to_docx())

    assert "Destinatario (autoridad requerida)" in text
    assert "reserva de PE" in text
    assert "doble tipificación" in text and "Describa la conducta" in text
    assert "[A COMPLETAR]" in text


def test_the_legal_fields_of_the_draft_do_not_depend_on_the_language() -> None:
    en = draft_request("ES", "PE", lang="en", **PRESERVATION)
    es = draft_request("ES", "PE", lang="es", **PRESERVATION)

    assert (en.basis, en.applicable, en.addressee, en.channel, en.route_articles) == (es.basis, es.applicable, es.addressee, es.channel, es.route_articles)
    assert [(s.item, s.articles) for s in en.sections] == [(s.item, s.articles) for s in es.sections]
    assert [(g.ground, g.state, g.articles) for g in en.grounds] == [(g.ground, g.state, g.articles) for g in es.grounds]


def test_a_protocol_only_measure_before_the_protocol_is_in_force_gives_no_draft() -> None:
    with pytest.raises(NoLegalBasisError) as err:
        draft_request("ES", "PE", measure="subscriber_info_direct_order", offence="computer_fraud", on="2025-03-01")
    assert "second_protocol" in " ".join(err.value.reasons) and "[second_protocol 16.3]" in str(err.value)


def test_an_undetermined_basis_says_so_on_the_first_page_and_names_the_missing_facts() -> None:
    draft = draft_request("ES", "PE", basis="comjib", lang="en", **PRESERVATION)

    assert draft.applicable is None
    assert draft.notice is not None and "party:comjib:ES" in draft.notice and "party:comjib:PE" in draft.notice
    first = _docx_text(draft.to_docx()).splitlines()[:3]
    assert any("UNDETERMINED" in line for line in first)
    assert [s.articles[0] for s in draft.sections] == [f"comjib 9.1.{x}" for x in "abcde"]


def test_asking_for_a_basis_that_does_not_apply_is_refused() -> None:
    with pytest.raises(NoLegalBasisError) as err:
        draft_request("ES", "PE", basis="second_protocol", **PRESERVATION)
    assert err.value.basis == "second_protocol"


def test_cli_writes_docx_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["draft", "ES", "PE", "--measure", "expedited_preservation", "--offence", "electronic_evidence_any_offence", "--on", "2025-03-01"]
    assert main(argv + ["--lang", "es", "-o", str(tmp_path / "solicitud.docx")]) == 0
    assert "OCJIE" in _docx_text((tmp_path / "solicitud.docx").read_bytes())
    assert main(argv + ["--format", "md", "-o", str(tmp_path / "request.md")]) == 0
    assert "[budapest 29.2.f]" in (tmp_path / "request.md").read_text(encoding="utf-8")


def test_cli_without_a_basis_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["draft", "ES", "PE", "--measure", "subscriber_info_direct_order", "--offence", "computer_fraud", "--on", "2025-03-01"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("treatyrules: error: no draft request can be written")
