"""The committed JSON Schema, derived from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from generator.data import codebook
from generator.data.model import SCHEMA_VERSION

SCHEMA_PATH = Path("schema/jurisdiction.schema.json")


def json_schema() -> dict:
    schema = dict(codebook.schema())  # a copy: the cached schema is shared
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://peer-support-atlas.example/schema/{SCHEMA_VERSION}/jurisdiction.schema.json"
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> bool:
    """Write the schema; return True when the file changed."""
    text = schema_text()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
