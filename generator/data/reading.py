"""Reading a data file safely: only regular files, one bounded read, UTF-8 text only.

Everything here happens before YAML sees the text, so that a FIFO, a device, a
huge or binary file, or a hidden control character is refused with a message
saying what to do, instead of hanging the build or being parsed as data.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.data.diagnostics import Diagnostic
from generator.data.load_error import LoadError, refusal, text_position
from generator.data.model import UNSAFE_CHARACTERS, UnsafeCharacter

MAX_BYTES = 1024 * 1024

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
    return refusal(path, f"{_kind(mode)}, {_NOT_A_FILE}; rename or remove it")


def _symlink(path: Path) -> LoadError:
    try:
        target = os.readlink(path)
    except OSError:
        target = "somewhere else"
    missing = "" if os.path.exists(path) else ", which does not exist"
    return refusal(path, f"is a symbolic link to {target}{missing}, {_NOT_A_FILE}; "
                         "replace the link with the file itself, or remove it")


def _unreadable(path: Path, exc: OSError) -> LoadError:
    if exc.errno == errno.ELOOP:  # became a symbolic link after lstat()
        return _symlink(path)
    if isinstance(exc, PermissionError):
        return refusal(path, f"cannot be read (permission denied); make it readable, e.g. chmod a+r {path.name}")
    return refusal(path, f"cannot be read ({exc.strerror or exc}); check the file, or restore it from git")


def _too_big(path: Path, size: str) -> LoadError:
    return refusal(path, f"file is {size}; the limit is {MAX_BYTES:,} (1 MiB); shorten it")


def _check_entry(path: Path) -> None:
    """Refuse, without opening it, anything but a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise refusal(path, "no such file; check the name and the folder") from None
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
    # UTF-16 is tested first: its NUL bytes would otherwise be reported as binary content
    if _looks_utf16(raw):
        raise refusal(path, "file is UTF-16; save it as UTF-8")
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
        line, column = text_position(flat, match.start())
        raise LoadError(Diagnostic(path, line, column, str(UnsafeCharacter(match.group(), match.start())), ()))


def _is_blank(text: str) -> bool:
    """Nothing but whitespace and comments: YAML would read it as null, not as a mapping."""
    return not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    )


def read_text(path: Path) -> str:
    """The text of a data file, refused unless it is safe to hand to the YAML parser."""
    text = _decode(path, read_bytes(path))
    _refuse_unsafe_characters(text, path)
    if _is_blank(text):
        raise refusal(path, "file is empty; start from `python -m generator new ID`")
    return text
