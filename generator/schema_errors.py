"""Turn pydantic's validation errors into positioned, helpful diagnostics."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from .diagnostics import Diagnostic
from .loading import Document
from . import codebook

YAML11_WORDS = {"yes", "no", "on", "off", "y", "n"}


def _schema() -> dict:
    return codebook.schema()


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = _schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _object_in(node: dict) -> dict | None:
    node = _resolve(node)
    if "properties" in node:
        return node
    for option in node.get("anyOf", []):
        found = _object_in(option)
        if found:
            return found
    return None


def schema_at(loc: tuple[Any, ...]) -> dict | None:
    """The JSON Schema node describing the value at ``loc``."""
    node: dict | None = _schema()
    for part in loc:
        if node is None:
            return None
        node = _resolve(node)
        if isinstance(part, int):
            node = node.get("items") or next(
                (o.get("items") for o in node.get("anyOf", []) if "items" in o), None
            )
            continue
        obj = _object_in(node)
        if obj and part in obj["properties"]:
            node = obj["properties"][part]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            return None
    return _resolve(node) if node else None


def _allowed(loc: tuple[Any, ...]) -> list:
    node = schema_at(loc)
    if not node:
        return []
    options = node.get("oneOf") or next((o.get("oneOf") for o in node.get("anyOf", []) if "oneOf" in o), [])
    return [o["const"] for o in options if "const" in o]


def _unknown_key(loc: tuple[Any, ...]) -> str:
    key = loc[-1]
    parent = _object_in(schema_at(loc[:-1]) or {}) or {}
    known = list(parent.get("properties", {}))
    guess = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    hint = f"; did you mean '{guess[0]}'?" if guess else f"; allowed keys: {', '.join(known)}"
    return f"unknown key '{key}'{hint}"


def _value_hint(value: Any) -> str:
    if isinstance(value, str) and value.lower() in YAML11_WORDS:
        return f" (YAML 1.1 reads {value!r} as a boolean; here it stays the text {value!r})"
    return ""


def _message(error: dict) -> str:
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "missing":
        return f"missing required field '{loc[-1]}'"
    if kind == "literal_error":
        allowed = ", ".join(repr(a) for a in _allowed(loc)) or error["ctx"]["expected"]
        return f"{value!r} is not allowed; expected one of: {allowed}"
    if kind == "bool_type":
        return f"expected true or false, got {value!r}{_value_hint(value)}"
    if kind in {"string_type", "int_type", "float_type", "list_type", "dict_type", "model_type"}:
        expected = {"string_type": "text", "int_type": "a whole number", "float_type": "a number",
                    "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
        return f"expected {expected}, got {type(value).__name__} {value!r}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not match the expected form {error['ctx']['pattern']}"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        sign = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}[kind]
        limit = next(iter(error["ctx"].values()))
        return f"expected a number {sign} {limit:g}, got {value!r}"
    if kind in {"string_too_short", "too_short"}:
        return "must not be empty"
    if kind == "string_too_long":
        return f"text is too long; at most {error['ctx']['max_length']} characters"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return f"{error['msg']}, got {value!r}"


def _trim(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic adds the tag of a Literal/union branch (e.g. 'literal[...]',
    # 'function-after[...]') to the path; the writer never sees those.
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p and "]" in p)))


def _explained_by_typo(loc: tuple, unknown: list[tuple]) -> bool:
    """A missing field next to a misspelt key of nearly the same name is one mistake, not two."""
    return any(
        other[:-1] == loc[:-1] and difflib.get_close_matches(str(other[-1]), [str(loc[-1])], cutoff=0.6)
        for other in unknown
    )


def diagnostics_for(error: ValidationError, doc: Document) -> list[Diagnostic]:
    found: dict[tuple, Diagnostic] = {}
    items = error.errors(include_url=False)
    unknown = [_trim(tuple(i["loc"])) for i in items if i["type"] == "extra_forbidden"]
    for item in items:
        if item["type"] == "missing" and _explained_by_typo(_trim(tuple(item["loc"])), unknown):
            continue
        loc = _trim(tuple(item["loc"]))
        item = {**item, "loc": loc}
        line, column = doc.position(loc, key=item["type"] == "extra_forbidden")
        diagnostic = Diagnostic(doc.path, line, column, _message(item), loc)
        # union branches can report the same location several times; keep one
        found.setdefault(loc, diagnostic)
    return list(found.values())
