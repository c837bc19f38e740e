"""Read the codebook (levels and vocabularies) out of the JSON Schema.

The descriptions are written once, in model.py; this module only looks them
up, for pages, tables and downloads.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from generator.data.fields import DIMENSION_TITLES, dimension_model
from generator.data.model import DIMENSIONS, Jurisdiction

# the schema's $defs are named after the model classes
DIMENSION_MODELS = {d: dimension_model(d).__name__ for d in DIMENSIONS}


@lru_cache(maxsize=1)
def schema() -> dict:
    return Jurisdiction.model_json_schema()


def definition(name: str) -> dict:
    return schema()["$defs"][name]


def dimension_description(dimension: str) -> str:
    return definition(DIMENSION_MODELS[dimension]).get("description", "")


def short_label(text: str) -> str:
    """The words before the first ':' or '.', e.g. 'Required in specific services'."""
    return re.split(r"[:.]", text, maxsplit=1)[0].strip()


@lru_cache(maxsize=None)
def levels(dimension: str) -> tuple[tuple[Any, str, str], ...]:
    """(value, short label, full description) for each level of a dimension."""
    options = definition(DIMENSION_MODELS[dimension])["properties"]["level"]["oneOf"]
    return tuple((o["const"], short_label(o["description"]), o["description"]) for o in options)


def level_label(dimension: str, value: Any) -> str:
    for const, label, _ in levels(dimension):
        if const == value:
            return label
    return str(value)


def _find_options(node: dict) -> list[dict]:
    if "oneOf" in node:
        return node["oneOf"]
    for key in ("anyOf", "items"):
        inner = node.get(key)
        if isinstance(inner, dict):
            found = _find_options(inner)
            if found:
                return found
        if isinstance(inner, list):
            for item in inner:
                found = _find_options(item)
                if found:
                    return found
    return []


def vocabulary(model: str, field: str) -> list[tuple[str, str]]:
    """(value, description) of a coded field, e.g. ('Instrument', 'binding')."""
    return [(o["const"], o["description"]) for o in _find_options(definition(model)["properties"][field])]


def fields(model: str) -> list[tuple[str, str, bool]]:
    """(field, description, required) for every field of a model."""
    node = definition(model) if model != "Jurisdiction" else schema()
    required = set(node.get("required", []))
    return [(name, prop.get("description", ""), name in required) for name, prop in node["properties"].items()]


__all__ = ["DIMENSIONS", "DIMENSION_TITLES", "levels", "level_label", "vocabulary", "fields", "dimension_description"]
