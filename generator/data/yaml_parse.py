"""Parsing a file's text into a YAML node tree under the YAML 1.2 core schema, strictly.

PyYAML's C parser builds the node tree (fast); the resolver below keeps it from
reading `no` as false or `1:30` as a number, and every syntax problem becomes a
one-line, positioned diagnostic instead of PyYAML's multi-line message.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.data.diagnostics import Diagnostic
from generator.data.load_error import LoadError, text_position

try:  # the C parser is much faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


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


_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)


def _tab_indent(text: str, path: Path) -> None:
    # PyYAML's own message for a tab ("found character '\t' that cannot start any
    # token") does not say what to do; this one does.
    match = _TAB_INDENT.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise LoadError(Diagnostic(path, line, len(match.group(1)) + 1, "tab used for indentation; indent with spaces", ()))


def _yaml_error(exc: yaml.YAMLError, text: str, path: Path) -> LoadError:
    """PyYAML's error as one positioned line."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        context = f" {exc.context}" if exc.context and exc.problem else ""
        return LoadError(Diagnostic(path, line, column, f"YAML syntax error: {problem}{context}", ()))
    if isinstance(exc, yaml.reader.ReaderError):
        # a character YAML refuses (e.g. U+FFFE); the message would name "<unicode string>"
        line, column = text_position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)  # C or Python parser
        return LoadError(Diagnostic(path, line, column, f"contains the character U+{code:04X}, "
                                    "which YAML does not allow; delete it", ()))
    message = " ".join(str(exc).split())  # one line: diagnostics are one line each
    return LoadError(Diagnostic(path, 1, 1, f"YAML error: {message}", ()))


def _must_be_mapping(node: yaml.Node, path: Path) -> None:
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        mark = node.start_mark
        raise LoadError(
            Diagnostic(path, mark.line + 1, mark.column + 1,
                       f"the file must be a mapping of fields (id: …, name: …), not {kind}", ())
        )


def compose_mapping(text: str, path: Path) -> yaml.MappingNode:
    """The node tree of a file's text, which must be a mapping, or LoadError with a position."""
    _tab_indent(text, path)
    try:
        _reject_anchors(text, path)
        node = yaml.compose(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, path) from None
    _must_be_mapping(node, path)
    return node
