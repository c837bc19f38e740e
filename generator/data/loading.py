"""Strict YAML loading that remembers where every value came from.

PyYAML's C parser builds the node tree (fast); this module turns nodes into
plain Python values itself, so that it can refuse what YAML 1.1 would quietly
coerce, reject duplicate keys and aliases, and keep each value's line and
column for error messages.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.data.diagnostics import Diagnostic
from generator.data.model import UNSAFE_CHARACTERS, UnsafeCharacter

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


def _text_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of a character offset into ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


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
        return _text_position(self.text, offset)


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
            if key_node.__class__ is not yaml.ScalarNode:
                # a list or mapping used as a key has no field name; report its mapping
                if key_node is target:
                    return loc
                continue
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
            if key_node.__class__ is not yaml.ScalarNode:
                raise self.fail(key_node, "keys must be plain words, not a list or mapping; write key: value")
            if key_node.value == "<<":
                raise self.fail(key_node, "keys must be plain words; merge keys (<<) are not allowed; "
                                "write the fields out in full")
            key = key_node.value
            if key in result:
                first = next(k for k, _ in node.value if k.value == key).start_mark.line + 1
                raise self.fail(key_node, f"duplicate key '{key}' (first set on line {first}); keep only one of them")
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


# --- reading: only regular files, read once and within bounds ------------------

# Symbolic links are refused, every one of them, rather than followed when
# they lead somewhere harmless: the data folder is what is reviewed and
# committed, and a link shows neither its content in a diff nor where it
# leads (outside the repository, /dev/zero, a FIFO); git on Windows checks
# it out as a small text file. O_NOFOLLOW closes the gap between the
# lstat() that looks and the open() that reads. O_NONBLOCK makes a FIFO
# swapped in at that moment open at once instead of waiting for a writer.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))

_NOT_A_FILE = "not a file: only regular .yml files are data"


def _refusal(path: Path, message: str) -> LoadError:
    return LoadError(Diagnostic(path, 1, 1, message, ()))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    return "is a special file"


def _not_regular(path: Path, mode: int) -> LoadError:
    return _refusal(path, f"{_kind(mode)}, {_NOT_A_FILE}; rename or remove it")


def _symlink(path: Path) -> LoadError:
    try:
        target = os.readlink(path)
    except OSError:
        target = "somewhere else"
    missing = "" if os.path.exists(path) else ", which does not exist"
    return _refusal(path, f"is a symbolic link to {target}{missing}, {_NOT_A_FILE}; "
                          "replace the link with the file itself, or remove it")


def _unreadable(path: Path, exc: OSError) -> LoadError:
    if exc.errno == errno.ELOOP:  # became a symbolic link after lstat()
        return _symlink(path)
    if isinstance(exc, PermissionError):
        return _refusal(path, f"cannot be read (permission denied); make it readable, e.g. chmod a+r {path.name}")
    return _refusal(path, f"cannot be read ({exc.strerror or exc}); check the file, or restore it from git")


def _too_big(path: Path, size: str) -> LoadError:
    return _refusal(path, f"file is {size}; the limit is {MAX_BYTES:,} (1 MiB); shorten it")


def _check_entry(path: Path) -> None:
    """Refuse, without opening it, anything but a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise _refusal(path, "no such file; check the name and the folder") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if stat.S_ISLNK(info.st_mode):
        raise _symlink(path)
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, info.st_mode)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read_open(path: Path, fd: int) -> bytes:
    info = os.fstat(fd)  # what was opened, which may not be what lstat() saw
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, info.st_mode)
    if info.st_size > MAX_BYTES:
        raise _too_big(path, f"{info.st_size:,} bytes")
    # the size on disk can change, or lie (/proc); the limit holds for what is read
    raw = _read_at_most(fd, MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _too_big(path, f"more than {MAX_BYTES:,} bytes")
    return raw


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES, or LoadError saying why not."""
    _check_entry(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        return _read_open(path, fd)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(fd)


# --- decoding ------------------------------------------------------------------


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, as editors count) of a byte offset."""
    start = raw.rfind(b"\n", 0, offset) + 1
    if start == 0 and raw.startswith(b"\xef\xbb\xbf"):
        start = 3  # the byte order mark is not a column
    column = len(raw[start:offset].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def _looks_utf16(raw: bytes) -> bool:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    # without a byte order mark: mostly-ASCII UTF-16 has a NUL in every other byte
    sample = raw[:64]
    return len(sample) >= 8 and max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) // 4


def _decode(path: Path, raw: bytes) -> str:
    if _looks_utf16(raw):
        raise _refusal(path, "file is UTF-16; save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        raise LoadError(Diagnostic(path, line, column, "contains a NUL byte; the file may be binary or "
                                   "corrupted: delete the byte, or restore the file from git", ()))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        raise LoadError(Diagnostic(path, line, column, "file is not valid UTF-8; save it as UTF-8", ())) from None


def _refuse_unsafe_characters(text: str, path: Path) -> None:
    # Anywhere in the file, comments included: a bidi override in a comment
    # can make the lines after it read differently from what they are.
    # CRLF line ends are fine; only a CR on its own is a stray control.
    flat = text.replace("\r\n", "\n")  # same lines and columns, minus the CRs
    match = UNSAFE_CHARACTERS.search(flat)
    if match:
        line, column = _text_position(flat, match.start())
        raise LoadError(Diagnostic(path, line, column, str(UnsafeCharacter(match.group(), match.start())), ()))


def _read_text(path: Path) -> str:
    text = _decode(path, read_bytes(path))
    _refuse_unsafe_characters(text, path)
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
    except yaml.reader.ReaderError as exc:
        # a character YAML refuses (e.g. U+FFFE); the message would name "<unicode string>"
        line, column = _text_position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)  # C or Python parser
        raise LoadError(Diagnostic(path, line, column, f"contains the character U+{code:04X}, "
                                   "which YAML does not allow; delete it", ())) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line: diagnostics are one line each
        raise LoadError(Diagnostic(path, 1, 1, f"YAML error: {message}", ())) from None
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        mark = node.start_mark
        raise LoadError(
            Diagnostic(path, mark.line + 1, mark.column + 1,
                       f"the file must be a mapping of fields (id: …, name: …), not {kind}", ())
        )
    return Document(path=path, data=_Builder(path, node).build(node), text=text)
