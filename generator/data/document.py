"""A loaded file: its plain data, with the way back from any field to where it is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.data.load_error import text_position
from generator.data.yaml_parse import StrictLoader

Path_ = tuple[Any, ...]


@dataclass
class Document:
    """A loaded file: its plain data, and the node tree to find any value's position."""

    path: Path
    data: dict
    text: str = field(default="", repr=False)
    _root: yaml.Node | None = field(default=None, repr=False)

    @property
    def root(self) -> yaml.Node:
        # Positions are needed only for errors, so the node tree is rebuilt
        # on demand instead of being kept for every file (keeping them all
        # alive costs more than parsing the rare failing file twice).
        if self._root is None:
            self._root = yaml.compose(self.text, Loader=StrictLoader)
        return self._root

    def _node_at(self, loc: Path_, key: bool) -> yaml.Node | None:
        """The node of the deepest part of ``loc`` that exists (its key node if ``key``)."""
        node, key_node = self.root, None
        for part in loc:
            found = None
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                found = (None, node.value[part])
            if found is None:
                return node
            key_node, node = found
        return key_node if key and key_node is not None else node

    def position(self, loc: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest part of ``loc`` that exists."""
        node = self._node_at(loc, key)
        if node is None:
            return (1, 1)
        return node.start_mark.line + 1, node.start_mark.column + 1

    def span(self, loc: Path_) -> tuple[int, int] | None:
        """Where the value at ``loc`` is written, as character offsets into ``text``."""
        node = self._node_at(loc, key=False)
        return (node.start_mark.index, node.end_mark.index) if node is not None else None

    def line_column(self, offset: int) -> tuple[int, int]:
        """Line and column (1-based) of a character offset into ``text``."""
        return text_position(self.text, offset)
