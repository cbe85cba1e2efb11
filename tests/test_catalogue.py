"""The message catalogue: both languages complete, and a broken catalogue named precisely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from treatyrules._i18n import catalogue, t, using
from treatyrules._i18n.catalogue import _placeholders, load_catalogue
from treatyrules._load.paths import package_data_dir
from treatyrules.errors import RuleFileError

MESSAGES = package_data_dir() / "messages"


def test_every_key_exists_in_both_languages_with_the_same_placeholders() -> None:
    cat = catalogue()
    assert set(cat.messages["en"]) == set(cat.messages["es"])
    for key, text in cat.messages["en"].items():
        assert _placeholders(text) == _placeholders(cat.messages["es"][key]), key


#: messages whose words are the same in both languages
SAME_IN_BOTH = {"cli.error"}


def test_spanish_messages_are_not_copies_of_the_english() -> None:
    cat = catalogue()
    same = [k for k, v in cat.messages["en"].items() if v == cat.messages["es"][k] and any(c.isalpha() for c in v) and len(v) > 12]
    assert sorted(set(same) - SAME_IN_BOTH) == []


def test_the_language_in_use_picks_the_text() -> None:
    with using("es"):
        assert t("explain.full.time_limits") == "Plazos:"
    with using("en"):
        assert t("explain.full.time_limits") == "Time limits:"


@pytest.fixture
def messages_copy(tmp_path: Path) -> Path:
    shutil.copytree(MESSAGES, tmp_path / "messages")
    return tmp_path / "messages"


def test_a_key_missing_in_one_language_names_file_line_and_key(messages_copy: Path) -> None:
    path = messages_copy / "en" / "explain.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "only_in_english: hello\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_catalogue(messages_copy)
    assert err.value.location == "explain.only_in_english"
    assert err.value.line is not None
    assert "'es'" in str(err.value)


def test_different_placeholders_are_refused(messages_copy: Path) -> None:
    path = messages_copy / "es" / "summary.yaml"
    text = path.read_text(encoding="utf-8").replace("{addressee} [{articles}].\"", "{destinatario} [{articles}].\"", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_catalogue(messages_copy)
    assert err.value.location == "summary.bottom.route"
    assert "placeholders" in str(err.value)


def test_an_empty_message_is_refused(messages_copy: Path) -> None:
    path = messages_copy / "es" / "explain.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "vacio: ''\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="non-empty"):
        load_catalogue(messages_copy)
