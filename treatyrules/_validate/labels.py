"""Human names of the vocabulary (``_data/labels.yaml``) and of States (``_data/states.csv``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from treatyrules._load.paths import display
from treatyrules._load.yaml_source import YamlSyntaxError, read_yaml
from treatyrules.errors import Message, RuleFileError
from treatyrules.vocabulary import TAG_KINDS


class _Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str
    es: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Labels:
    """``names[kind][tag]`` -> label, e.g. ``names["ground"]["political_offence"].es``."""

    names: dict[str, dict[str, _Label]]

    def en(self) -> dict[str, dict[str, str]]:
        return {kind: {tag: label.en for tag, label in tags.items()} for kind, tags in self.names.items()}


def load_labels(path: Path) -> Labels:
    shown = display(path)
    try:
        doc = read_yaml(path)
    except YamlSyntaxError as exc:
        raise RuleFileError(shown, Message("data.invalid_yaml", error=str(exc)), line=exc.line, column=exc.column) from None
    names: dict[str, dict[str, _Label]] = {}
    for kind, enum in TAG_KINDS.items():
        section = (doc.data or {}).get(kind)
        if not isinstance(section, dict):
            raise RuleFileError(shown, Message("data.labels.missing_section", kind=kind), location=kind)
        expected = {e.value for e in enum}
        unknown = set(section) - expected
        missing = expected - set(section)
        if unknown or missing:
            line, column = doc.position((kind,))
            raise RuleFileError(
                shown, Message("data.labels.tags_mismatch", kind=kind, unknown=sorted(unknown), missing=sorted(missing)), line=line, column=column, location=kind
            )
        parsed: dict[str, _Label] = {}
        for tag, value in section.items():
            try:
                parsed[tag] = _Label.model_validate(value)
            except ValidationError as exc:
                line, column = doc.position((kind, tag))
                raise RuleFileError(shown, exc.errors()[0]["msg"], line=line, column=column, location=f"{kind}.{tag}") from None
        names[kind] = parsed
    return Labels(names)
