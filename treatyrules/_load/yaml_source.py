"""YAML documents with the position of every node, and without YAML's traps.

Rule and scenario files are read node by node so that a validation error can
name the line and column it comes from. Two YAML behaviours are refused or
neutralised because they silently change legal content:

* a duplicated key (plain YAML keeps the last one, so a second ``"29"`` article
  would replace the first) is an error;
* a number with a fraction is kept as the text written, so article ``29.10``
  is not read as the float ``29.1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Location = tuple[str | int, ...]

_FLOAT_TAG = "tag:yaml.org,2002:float"


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


class YamlSyntaxError(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: Node, loc: Location, positions: dict[Location, tuple[int, int]], constructor: yaml.constructor.SafeConstructor) -> Any:
    positions[loc] = _mark(node)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, loc + ("<key>",), {}, constructor)
            if isinstance(key, (dict, list)):
                raise YamlSyntaxError("a mapping key must be a plain value", *_mark(key_node))
            key = str(key) if not isinstance(key, str) else key
            if key in out:
                line, column = _mark(key_node)
                first = positions.get(loc + (key,), (None, None))[0]
                raise YamlSyntaxError(f"duplicate key {key!r} (first defined on line {first})", line, column)
            positions[loc + (key,)] = _mark(key_node)
            out[key] = _convert(value_node, loc + (key,), positions, constructor)
        return out
    if isinstance(node, SequenceNode):
        return [_convert(item, loc + (i,), positions, constructor) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    if node.tag == _FLOAT_TAG:
        return node.value
    return constructor.construct_object(node, deep=True)


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Parse one YAML document, keeping positions; raise ``YamlSyntaxError``."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise YamlSyntaxError(str(exc.problem or exc), line, column) from None
    positions: dict[Location, tuple[int, int]] = {}
    if root is None:
        return YamlDocument(path, None, positions)
    constructor = yaml.constructor.SafeConstructor()
    data = _convert(root, (), positions, constructor)
    return YamlDocument(path, data, positions)


def read_yaml(path: Path) -> YamlDocument:
    return parse_yaml(path.read_text(encoding="utf-8"), str(path))
