"""Turn pydantic's validation errors into positioned, helpful diagnostics."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import ValidationError

from generator.data.diagnostics import Diagnostic
from generator.data.document import Document
from generator.data.model import PATTERN_HELP, UNIT_MAX, UnsafeCharacter
from generator.data import codebook

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


_NUMBER = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def _unquote_hint(loc: tuple[Any, ...], value: Any) -> str | None:
    """For a number written in quotes ("40"): what to write instead."""
    if not (isinstance(value, str) and _NUMBER.match(value.strip())):
        return None
    field = f"{loc[-1]}: " if loc and isinstance(loc[-1], str) else ""
    return f"write the number without quotes: {field}{value.strip()}"


def _shown(value: Any) -> str:
    """A value as the writer typed it: true, not True; the text '40', not str '40'."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value:g}" if isinstance(value, float) else repr(value)


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number such as 2015",
    "float_type": "a number such as 40 or 0.5",
    "list_type": "a list, e.g. [a, b] or one `- item` per line",
    "dict_type": "a mapping of fields (key: value) on the lines below",
    "model_type": "a mapping of fields (key: value) on the lines below",
}


def _type_message(kind: str, value: Any) -> str:
    message = f"expected {_EXPECTED[kind]}, got {_shown(value)}"
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        return f"{message}; put it in quotes: '{shown}'"
    if kind == "list_type" and isinstance(value, str):
        return f"{message}; write [{value}]"
    return message


def _pattern_message(pattern: str, value: Any) -> str:
    rule, form = PATTERN_HELP.get(pattern, ("this value has the wrong form", "a value of the expected form"))
    fix = _suggest(pattern, value)
    if fix is not None and fix != value:
        return f"{rule}: write {fix}"
    return f"write {form}, not {value!r}"


def _suggest(pattern: str, value: str) -> str | None:
    """The nearest value that fits the pattern: lower case, spaces to -, no doi.org prefix."""
    lower = value.strip().lower()
    candidates = (
        lower,
        re.sub(r"[^a-z0-9_]+", "-", lower).strip("-"),
        re.sub(r"[^a-z0-9]+", "-", lower).strip("-"),
        re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE),
    )
    return next((c for c in candidates if re.match(pattern, c)), None)


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _bounds(loc: tuple[Any, ...], data: dict) -> tuple[float | None, float | None]:
    node = schema_at(loc) or {}
    options = [node, *node.get("anyOf", [])]
    low = next((o["minimum"] for o in options if "minimum" in o), None)
    high = next((o["maximum"] for o in options if "maximum" in o), None)
    unit = _data_at(data, loc[:-1]).get("unit") if loc and loc[-1] == "value" else None
    if isinstance(unit, str) and unit in UNIT_MAX:  # a quantity: its unit sets the maximum
        high = UNIT_MAX[unit]
    return low, high


def _data_at(data: Any, loc: tuple[Any, ...]) -> dict:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


def _range_message(loc: tuple[Any, ...], value: Any, data: dict) -> str:
    low, high = _bounds(loc, data)
    if low is not None and high is not None:
        allowed = f"a number from {_number(low)} to {_number(high)}"
    elif low is not None:
        allowed = f"a number of {_number(low)} or more"
    elif high is not None:
        allowed = f"a number up to {_number(high)}"
    else:
        allowed = "an ordinary number"
    return f"{_shown(value)} is out of range; write {allowed}"


def _literal_message(loc: tuple[Any, ...], value: Any, error: dict) -> str:
    allowed_values = _allowed(loc)
    unquoted = _unquote_hint(loc, value)
    if unquoted and any(str(a) == value.strip() for a in allowed_values if isinstance(a, int)):
        return unquoted
    allowed = ", ".join(repr(a) for a in allowed_values) or error["ctx"]["expected"]
    return f"{value!r} is not allowed; expected one of: {allowed}"


def _message(error: dict, data: dict) -> str:
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "missing":
        return f"missing required field '{loc[-1]}'; add {loc[-1]}: and its value"
    if kind == "literal_error":
        return _literal_message(loc, value, error)
    if kind == "bool_type":
        return f"expected true or false, got {value!r}{_value_hint(value)}"
    if kind in {"int_type", "float_type"} and _unquote_hint(loc, value):
        return _unquote_hint(loc, value)
    if kind in _EXPECTED:
        return _type_message(kind, value)
    if kind == "string_pattern_mismatch":
        return _pattern_message(error["ctx"]["pattern"], value)
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than", "finite_number"}:
        return _range_message(loc, value, data)
    if kind == "string_too_short":
        return "must not be empty; write the text, or remove the line if the field is optional"
    if kind == "too_short":
        return "must not be empty; list at least one"
    if kind == "string_too_long":
        return f"text is too long; at most {error['ctx']['max_length']} characters: shorten it"
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


def _position(item: dict, loc: tuple[Any, ...], doc: Document) -> tuple[int, int]:
    raw_loc = tuple(item["loc"])
    if item["type"] == "extra_forbidden" or (raw_loc and raw_loc[-1] == "[key]"):
        return doc.position(loc, key=True)  # the key itself is what is wrong
    error = (item.get("ctx") or {}).get("error")
    if isinstance(error, UnsafeCharacter):
        return _character_position(doc, loc, error.char)
    return doc.position(loc)


# YAML's named escapes for the characters UnsafeCharacter refuses
_NAMED_ESCAPES = {"\x00": "0", "\x07": "a", "\x08": "b", "\x0b": "v", "\x0c": "f", "\r": "r",
                  "\x1b": "e", "\x85": "N", "\u2028": "L", "\u2029": "P"}


def _character_position(doc: Document, loc: tuple[Any, ...], char: str) -> tuple[int, int]:
    """Where an invisible character was typed: raw, or as an escape in a "quoted" value."""
    span = doc.span(loc)
    if span is None:
        return doc.position(loc)
    code = ord(char)
    # the letter of an escape is case-sensitive (\N is not \n), its hex digits are not
    escapes = [rf"\\u(?i:{code:04x})", rf"\\U(?i:{code:08x})"]
    if code <= 0xFF:
        escapes.append(rf"\\x(?i:{code:02x})")
    if char in _NAMED_ESCAPES:
        escapes.append(rf"\\{_NAMED_ESCAPES[char]}")
    found = re.compile("|".join([re.escape(char), *escapes])).search(doc.text, *span)
    return doc.line_column(found.start()) if found else doc.position(loc)


def diagnostics_for(error: ValidationError, doc: Document) -> list[Diagnostic]:
    found: dict[tuple, Diagnostic] = {}
    items = error.errors(include_url=False)
    unknown = [_trim(tuple(i["loc"])) for i in items if i["type"] == "extra_forbidden"]
    for item in items:
        if item["type"] == "missing" and _explained_by_typo(_trim(tuple(item["loc"])), unknown):
            continue
        loc = _trim(tuple(item["loc"]))
        line, column = _position(item, loc, doc)
        diagnostic = Diagnostic(doc.path, line, column, _message({**item, "loc": loc}, doc.data), loc)
        # union branches can report the same location several times; keep one
        found.setdefault(loc, diagnostic)
    return list(found.values())
