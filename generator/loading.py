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

    def position(self, loc: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest part of ``loc`` that exists."""
        node, key_node = self.root, None
        for part in loc:
            found = None
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                found = (None, node.value[part])
            if found is None:
                break
            key_node, node = found
        else:
            if key and key_node is not None:
                node = key_node
        if node is None:
            return (1, 1)
        return node.start_mark.line + 1, node.start_mark.column + 1


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


def _path_to(node: yaml.Node, target: yaml.Node, loc: Path_ = ()) -> Path_ | None:
    """The field path of ``target`` (a value or a key node) in the tree; only used for errors."""
    if node is target:
        return loc
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            here = loc + (key_node.value,)
            if key_node is target:
                return here
            found = _path_to(value_node, target, here)
            if found is not None:
                return found
    elif isinstance(node, yaml.SequenceNode):
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
            tag = node.tag
            if tag == _STR:
                return node.value
            convert = _SCALARS.get(tag)
            if convert is None:
                raise self.fail(node, f"tags are not allowed here ({tag}); write a plain value")
            return node.value if node.style else convert(node.value)
        if cls is yaml.SequenceNode:
            if node.tag != _SEQ:
                raise self.fail(node, f"tags are not allowed here ({node.tag})")
            return [self.build(item) for item in node.value]
        if node.tag != _MAP:
            raise self.fail(node, f"tags are not allowed here ({node.tag})")
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.value == "<<":
                raise self.fail(key_node, "keys must be plain words; merge keys (<<) are not allowed")
            key = key_node.value
            if key in result:
                first = next(k for k, _ in node.value if k.value == key).start_mark.line + 1
                raise self.fail(key_node, f"duplicate key '{key}' (first set on line {first})")
            result[key] = self.build(value_node)
        return result


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


_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)


def _tab_indent(text: str, path: Path) -> None:
    match = _TAB_INDENT.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise LoadError(Diagnostic(path, line, len(match.group(1)) + 1, "tab used for indentation; indent with spaces", ()))


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
    return Document(path=path, data=_Builder(path, node).build(node), text=text)
