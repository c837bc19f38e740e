"""Strict YAML loading that remembers where every value came from.

Loading is three steps, each in its own module: ``reading`` refuses anything but
a small regular UTF-8 file; ``yaml_parse`` builds the node tree under YAML 1.2
core rules (PyYAML's C parser, no anchors, no tabs); ``yaml_values`` turns the
nodes into plain values itself, so that it can refuse what YAML 1.1 would quietly
coerce and reject duplicate keys. The ``Document`` keeps the text, so each
value's line and column can be found again for error messages.
"""

from __future__ import annotations

from pathlib import Path

from generator.data.document import Document
from generator.data.load_error import LoadError
from generator.data.reading import read_text
from generator.data.yaml_parse import compose_mapping
from generator.data.yaml_values import build_values

# what callers and tests import from here: one entry point for "load a file"
__all__ = ["Document", "LoadError", "load"]


def load(path: Path) -> Document:
    """Load one jurisdiction file strictly, or raise LoadError with a position."""
    path = Path(path)
    text = read_text(path)
    node = compose_mapping(text, path)
    return Document(path=path, data=build_values(path, node), text=text)
