"""Strict YAML loading that remembers where every value came from.

PyYAML's C parser builds the node tree (fast); this module turns nodes into
plain Python values itself, so that it can refuse what YAML 1.1 would quietly
coerce, reject duplicate keys and aliases, and keep each value's line and
column for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic

try:  # the C parser is much faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024

Path_ = tuple[Any, ...]


class _CoreResolver(yaml.resolver.Resolver):
    """Only YAML 1.2 core-schema scalars: no yes/no/on/off booleans,
    no timestamps, no sexagesimal or octal-looking numbers."""

    yaml_implicit_resolvers: dict = {}


_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)


class StrictLoader(_BaseLoader, _CoreResolver):  # type: ignore[misc, valid-type]
    pass


# The C loader looks resolvers up on the class; make sure ours win.
StrictLoader.yaml_implicit_resolvers = _CoreResolver.yaml_implicit_resolvers


class LoadError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class Document:
    """A loaded file: its plain data and the position of every value and key."""

    path: Path
    data: dict
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest known part of ``loc``."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))


_SCALARS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:null": lambda v: None,
}


class _Builder:
    def __init__(self, path: Path):
        self.doc = Document(path=path, data={})

    def fail(self, node: yaml.Node, message: str, loc: Path_) -> LoadError:
        mark = node.start_mark
        return LoadError(Diagnostic(self.doc.path, mark.line + 1, mark.column + 1, message, loc))

    def build(self, node: yaml.Node, loc: Path_) -> Any:
        mark = node.start_mark
        self.doc.values[loc] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Path_) -> dict:
        if node.tag != "tag:yaml.org,2002:map":
            raise self.fail(node, f"tags are not allowed here ({node.tag})", loc)
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                raise self.fail(key_node, "keys must be plain words; merge keys (<<) are not allowed", loc)
            key = key_node.value
            if key in result:
                first = self.doc.keys[loc + (key,)][0]
                raise self.fail(key_node, f"duplicate key '{key}' (first set on line {first})", loc + (key,))
            mark = key_node.start_mark
            self.doc.keys[loc + (key,)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: Path_) -> Any:
        convert = _SCALARS.get(node.tag)
        if convert is None:
            raise self.fail(node, f"tags are not allowed here ({node.tag}); write a plain value", loc)
        if node.style and node.tag != "tag:yaml.org,2002:str":
            return node.value  # quoted: always a string
        return convert(node.value)


def _reject_anchors(text: str, path: Path) -> None:
    # Anchors and aliases make a file hard to review and allow "billion laughs"
    # expansion. Scanning events costs time, so only files that contain the
    # characters at all are scanned.
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=StrictLoader):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor:
            mark = event.start_mark
            what = "aliases (*name)" if isinstance(event, yaml.AliasEvent) else "anchors (&name)"
            raise LoadError(
                Diagnostic(path, mark.line + 1, mark.column + 1,
                           f"{what} are not allowed; write the value out in full", ())
            )


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LoadError(Diagnostic(path, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,} (1 MiB)", ()))
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        raise LoadError(Diagnostic(path, 1, 1, "file is UTF-16 or binary; save it as UTF-8", ()))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(Diagnostic(path, line, column, "file is not valid UTF-8; save it as UTF-8", ())) from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise LoadError(Diagnostic(path, 1, 1, "file is empty; start from `python -m generator new ID`", ()))
    return text


def _tab_indent(text: str, path: Path) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            column = len(line) - len(stripped) + 1
            raise LoadError(Diagnostic(path, number, column, "tab used for indentation; indent with spaces", ()))


def load(path: Path) -> Document:
    """Load one jurisdiction file strictly, or raise LoadError with a position."""
    path = Path(path)
    text = _read_text(path)
    _tab_indent(text, path)
    try:
        _reject_anchors(text, path)
        node = yaml.compose(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        context = f" {exc.context}" if exc.context and exc.problem else ""
        raise LoadError(Diagnostic(path, line, column, f"YAML syntax error: {problem}{context}", ())) from None
    except yaml.YAMLError as exc:
        raise LoadError(Diagnostic(path, 1, 1, f"YAML error: {exc}", ())) from None
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        mark = node.start_mark
        raise LoadError(
            Diagnostic(path, mark.line + 1, mark.column + 1,
                       f"the file must be a mapping of fields (id: …, name: …), not {kind}", ())
        )
    builder = _Builder(path)
    builder.doc.data = builder.build(node, ())
    return builder.doc
