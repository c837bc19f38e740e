"""Turning a YAML node tree into plain Python values, refusing what YAML would quietly accept.

Done here rather than by PyYAML's constructor so that duplicate keys, merge keys,
tags and non-scalar keys are errors with a line, a column and a field path, not
silently resolved (PyYAML keeps the last of two duplicate keys without a word).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.data.diagnostics import Diagnostic
from generator.data.load_error import LoadError

FieldPath = tuple[Any, ...]

_SCALARS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:null": lambda v: None,
}
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _path_in_mapping(node: yaml.MappingNode, target: yaml.Node, loc: FieldPath) -> FieldPath | None:
    for key_node, value_node in node.value:
        if key_node.__class__ is not yaml.ScalarNode:
            # a list or mapping used as a key has no field name; report its mapping
            if key_node is target:
                return loc
            continue
        here = loc + (key_node.value,)
        if key_node is target:
            return here
        found = _path_to(value_node, target, here)
        if found is not None:
            return found
    return None


def _path_to(node: yaml.Node, target: yaml.Node, loc: FieldPath = ()) -> FieldPath | None:
    """The field path of ``target`` (a value or a key node) in the tree; only used for errors."""
    if node is target:
        return loc
    if isinstance(node, yaml.MappingNode):
        return _path_in_mapping(node, target, loc)
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found = _path_to(item, target, loc + (i,))
            if found is not None:
                return found
    return None


class _Builder:
    """Nodes to plain values. Kept lean: it runs for every value of every file."""

    def __init__(self, path: Path, root: yaml.Node):
        self.path = path
        self.root = root

    def fail(self, node: yaml.Node, message: str) -> LoadError:
        mark = node.start_mark
        loc = _path_to(self.root, node) or ()
        return LoadError(Diagnostic(self.path, mark.line + 1, mark.column + 1, message, loc))

    def build(self, node: yaml.Node) -> Any:
        cls = node.__class__
        if cls is yaml.ScalarNode:
            return self.scalar(node)
        if cls is yaml.SequenceNode:
            if node.tag != _SEQ:
                raise self.fail(node, f"tags are not allowed here ({node.tag})")
            return [self.build(item) for item in node.value]
        return self.mapping(node)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:  # the most common case first
            return node.value
        convert = _SCALARS.get(tag)
        if convert is None:
            raise self.fail(node, f"tags are not allowed here ({tag}); write a plain value")
        # a quoted value keeps the text it is written as, even under an explicit tag (!!int "5")
        return node.value if node.style else convert(node.value)

    def mapping(self, node: yaml.MappingNode) -> dict:
        if node.tag != _MAP:
            raise self.fail(node, f"tags are not allowed here ({node.tag})")
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key in result:
                first = next(k for k, _ in node.value if k.value == key).start_mark.line + 1
                raise self.fail(key_node, f"duplicate key '{key}' (first set on line {first}); keep only one of them")
            result[key] = self.build(value_node)
        return result

    def key(self, key_node: yaml.Node) -> str:
        if key_node.__class__ is not yaml.ScalarNode:
            raise self.fail(key_node, "keys must be plain words, not a list or mapping; write key: value")
        if key_node.value == "<<":
            raise self.fail(key_node, "keys must be plain words; merge keys (<<) are not allowed; "
                            "write the fields out in full")
        return key_node.value


def build_values(path: Path, root: yaml.MappingNode) -> dict:
    """The plain data of a file's node tree, or LoadError at the first value refused."""
    return _Builder(path, root).build(root)
