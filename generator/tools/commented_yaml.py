"""Writing YAML records with each field under its description from the model.

The descriptions come from ``generator/data/model.py`` (the single definition of the
format), so a new file explains itself without anything being described twice.
The YAML is written by hand rather than dumped, because a dumper cannot put a
comment above each key or leave an example commented out.
"""

from __future__ import annotations

import re
import textwrap
import typing
from typing import Any, Literal

import yaml
from pydantic import BaseModel

WIDTH = 92


def _literal_values(annotation: Any) -> list | None:
    """The allowed values of a coded field (also inside Optional[...] or list[...])."""
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = _literal_values(arg)
        if found:
            return found
    return None


def describe(model: type[BaseModel], name: str) -> str:
    """One field's description from the model, with its allowed values if coded."""
    info = model.model_fields[name]
    text = (info.description or "").rstrip()
    allowed = _literal_values(info.annotation)
    if allowed and len(allowed) <= 15:  # a longer list would bury the description
        text += " One of: " + ", ".join(str(v) for v in allowed) + "."
    if not info.is_required():
        text += " Optional."
    return text


def comment(text: str, indent: str) -> list[str]:
    """``text`` as wrapped comment lines, never breaking a word, not even at a hyphen (codes, URLs)."""
    return textwrap.wrap(text, WIDTH, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# ",
                         break_on_hyphens=False, break_long_words=False)


def scalar(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        return value  # dates stay plain text under the atlas's YAML 1.2 loader
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n...\n").strip()


def _is_model(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _field(model: type[BaseModel], name: str, value: Any, indent: str) -> list[str]:
    """The lines of one field: nested records in block style, long text folded."""
    sub = _is_model(model.model_fields[name].annotation)
    if sub and isinstance(value, dict):
        return [f"{indent}{name}:", *emit(sub, value, indent + "  ")]
    if sub and isinstance(value, list):
        lines = [f"{indent}{name}:"]
        for item in value:
            lines += list_item(sub, item, indent + "  ")
        return lines
    if isinstance(value, str) and len(value) > 60:
        return [f"{indent}{name}: >-",
                *textwrap.wrap(value, WIDTH, initial_indent=indent + "  ", subsequent_indent=indent + "  ")]
    return [f"{indent}{name}: {scalar(value)}"]


def emit(model: type[BaseModel], data: dict, indent: str, off: frozenset = frozenset(),
         described: bool = True) -> list[str]:
    """YAML for one example record, each field under its description.

    ``off`` names fields written as commented-out lines.
    """
    lines: list[str] = []
    for name in model.model_fields:  # the model's order, not the example's
        if name not in data:
            continue
        if described:
            lines += comment(describe(model, name), indent)
        field = _field(model, name, data[name], indent)
        lines += commented(field, indent) if name in off else field
    return lines


def list_item(model: type[BaseModel], data: dict, indent: str, off: frozenset = frozenset(),
              described: bool = True) -> list[str]:
    """A block-sequence item: the first key shares the line with its dash."""
    body = emit(model, data, indent + "  ", off, described)
    for i, line in enumerate(body):
        if not line.lstrip().startswith("#"):
            body[i] = f"{indent}- {line[len(indent) + 2:]}"
            break
        body[i] = indent + line[len(indent) + 2:]  # the first key's description, at the dash
    return body


def commented(lines: list[str], indent: str) -> list[str]:
    """Comment out an example so that deleting one `# ` per line restores it."""
    return [f"{indent}# {line[len(indent):]}" if line.strip() else f"{indent}#" for line in lines]


def example_block(key: str, body: list[str], indent: str) -> list[str]:
    """A commented-out ``key:`` with its example under it, to follow the empty ``key: []``."""
    return commented([f"{indent}{key}:", *body], indent)
