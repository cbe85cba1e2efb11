"""YAML documents with the position of every node, and without YAML's traps.

Rule and scenario files are read node by node so that a validation error can
name the line and column it comes from. Two YAML behaviours are refused or
neutralised because they silently change legal content:

* a duplicated key (plain YAML keeps the last one, so a second ``"29"`` article
  would replace the first) is an error;
* a number with a fraction is kept as the text written, so article ``29.10``
  is not read as the float ``29.1``.

Tags (``!!python/object``, ``!foo``, even ``!!str``) and anchors with their aliases are
refused: none of the files needs them, a tag can make PyYAML build something other than
plain data, and an alias makes one place in the file stand for another (or for itself, which
never ends). Every other failure of PyYAML (a character YAML does not allow, an impossible
date such as ``2027-02-30``) is a ``YamlSyntaxError`` with its line and column, never a
PyYAML or Python exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from treatyrules.errors import Message

Location = tuple[str | int, ...]

_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class YamlDocument:
    path: str
    data: Any
    positions: dict[Location, tuple[int, int]] = field(repr=False)

    def position(self, loc: Location) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``loc``, or of its nearest parent that has one."""
        key = tuple(loc)
        while key:
            if key in self.positions:
                return self.positions[key]
            key = key[:-1]
        return self.positions.get((), (None, None))


_ENGLISH: dict[str, str] = {
    "load.tag": "YAML tag {tag} is not allowed: write the value plainly (quote it to keep it as text)",
    "load.anchor": "YAML anchor &{name} is not allowed: write the value out in full where it is needed",
    "load.alias": "YAML alias *{name} is not allowed: write the value out in full where it is needed",
    "load.bad_value": "{value!r} is not a valid value: {reason}",
    "load.character": "character {code} is not allowed in a YAML file",
    "load.not_utf8": "not UTF-8 text (byte {byte})",
    "load.too_deep": "nested too deeply to be read",
    "load.not_a_date": "{value} is not a date on the calendar (YYYY-MM-DD, a day that exists)",
    "load.surrogate": "an escape \\ud800 to \\udfff that is not half of a pair is no character",
    "load.key_not_plain": "a mapping key must be a plain value",
    "load.duplicate_key": "duplicate key {key!r} (first defined on line {first})",
}
"""The ``load`` messages in English, for ``str()`` of a ``YamlSyntaxError``. The message catalogue
is itself read with this module, so ``str()`` cannot go through the catalogue (it would wait
for the catalogue to finish loading); ``message`` renders through it, in either language.
tests/test_scenario_errors.py holds these equal to ``_data/messages/en/load.yaml``."""


class YamlSyntaxError(Exception):
    """What is wrong (free text from PyYAML, or a catalogue ``Message`` of the ``load``
    domain, rendered when read) and where."""

    def __init__(self, message: str | Message, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if isinstance(self.message, Message):
            return _ENGLISH[self.message.key].format(**self.message.params)
        return self.message


_STANDARD_TAG = "tag:yaml.org,2002:"


def _written_tag(tag: str) -> str:
    """A tag as the file writes it (``!!int``, not ``tag:yaml.org,2002:int``)."""
    return "!!" + tag[len(_STANDARD_TAG):] if tag.startswith(_STANDARD_TAG) else tag


if TYPE_CHECKING:
    _Composing = yaml.SafeLoader
else:
    _Composing = object


class _Plain(_Composing):
    """Composition that refuses tags, anchors and aliases where they are written."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, NodeEvent):
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
            if isinstance(event, AliasEvent):
                raise YamlSyntaxError(Message("load.alias", name=event.anchor), line, column)
            if event.anchor is not None:
                raise YamlSyntaxError(Message("load.anchor", name=event.anchor), line, column)
            if isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag is not None:
                raise YamlSyntaxError(Message("load.tag", tag=_written_tag(event.tag)), line, column)
        return super().compose_node(parent, index)


class _PlainLoader(_Plain, yaml.SafeLoader):
    """PyYAML's safe loader, refusing tags, anchors and aliases while composing."""


_LOADERS: tuple[type, ...] = (_PlainLoader,)
try:
    from yaml._yaml import CParser

    class _FastLoader(_Plain, yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver, CParser):
        """The same composition over libyaml's events, whose scanner is several times faster
        than PyYAML's own (docs/decisions/0006-libyaml-events.md). A text libyaml refuses is
        read again by ``_PlainLoader``, so that what is accepted and each error's wording are
        PyYAML's."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _LOADERS = (_FastLoader, _PlainLoader)
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    pass


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: Node, loc: Location, positions: dict[Location, tuple[int, int]], constructor: yaml.constructor.SafeConstructor) -> Any:
    positions[loc] = _mark(node)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, loc + ("<key>",), {}, constructor)
            if isinstance(key, (dict, list)):
                raise YamlSyntaxError(Message("load.key_not_plain"), *_mark(key_node))
            key = str(key) if not isinstance(key, str) else key
            if key in out:
                line, column = _mark(key_node)
                first = positions.get(loc + (key,), (None, None))[0]
                raise YamlSyntaxError(Message("load.duplicate_key", key=key, first=first), line, column)
            positions[loc + (key,)] = _mark(key_node)
            out[key] = _convert(value_node, loc + (key,), positions, constructor)
        return out
    if isinstance(node, SequenceNode):
        return [_convert(item, loc + (i,), positions, constructor) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    if node.tag == _FLOAT_TAG:
        return node.value
    try:
        value = constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        # without tags, only an implicit type can fail here: a timestamp that is no date
        if node.tag == _TIMESTAMP_TAG:
            raise YamlSyntaxError(Message("load.not_a_date", value=node.value), *_mark(node)) from None
        raise YamlSyntaxError(Message("load.bad_value", value=node.value, reason=str(exc)), *_mark(node)) from None
    if isinstance(value, str) and _SURROGATE.search(value):
        value = _without_surrogates(value, node)
    return value


def _without_surrogates(value: str, node: Node) -> str:
    """A ``"\\ud83d\\ude00"`` escape (JSON's way of writing one character past U+FFFF) as that
    character; a surrogate left alone is no character at all, and no text can hold it."""
    try:
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        raise YamlSyntaxError(Message("load.surrogate"), *_mark(node)) from None


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Parse one YAML document, keeping positions; raise ``YamlSyntaxError``."""
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise YamlSyntaxError(str(exc.problem or exc), line, column) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        raise YamlSyntaxError(Message("load.character", code=f"U+{exc.character:04X}"), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None, None) from None
    except RecursionError:
        raise YamlSyntaxError(Message("load.too_deep"), None, None) from None
    positions: dict[Location, tuple[int, int]] = {}
    if root is None:
        return YamlDocument(path, None, positions)
    constructor = yaml.constructor.SafeConstructor()
    try:
        data = _convert(root, (), positions, constructor)
    except RecursionError:
        raise YamlSyntaxError(Message("load.too_deep"), *_mark(root)) from None
    return YamlDocument(path, data, positions)


def _compose(text: str) -> Node | None:
    """The root node of ``text``: composed from libyaml's events where PyYAML has libyaml;
    if libyaml refuses the text, PyYAML's own reader decides (and words the error)."""
    *fast, last = _LOADERS
    for loader in fast:
        try:
            return yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=last)


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def decode(raw: bytes) -> str:
    """A file's bytes as UTF-8 text; ``YamlSyntaxError`` at the first byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw[: exc.start].decode("utf-8", "replace"), exc.start)
        raise YamlSyntaxError(Message("load.not_utf8", byte=f"0x{raw[exc.start]:02X}"), line, None) from None


def read_yaml(path: Path) -> YamlDocument:
    """``path`` parsed (``OSError`` if it cannot be read, ``YamlSyntaxError`` if not YAML)."""
    return parse_yaml(decode(path.read_bytes()), str(path))
