"""Validation findings and the three ways of printing them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: Path
    line: int
    column: int
    message: str
    loc: tuple[Any, ...] = ()
    severity: str = "error"

    @property
    def field(self) -> str:
        return ".".join(str(part) for part in self.loc)

    def text(self) -> str:
        suffix = f" ({self.field})" if self.field else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}{suffix}"

    def github(self) -> str:
        # GitHub's workflow-command syntax needs %, CR and LF escaped in the message.
        message = self.message + (f" ({self.field})" if self.field else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        kind = "warning" if self.severity == "warning" else "error"
        return f"::{kind} file={self.path},line={self.line},col={self.column}::{message}"

    def as_dict(self) -> dict:
        return {
            "file": str(self.path),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
        }


def sort_key(d: Diagnostic) -> tuple:
    return (str(d.path), d.line, d.column, d.message)


def render(diagnostics: Iterable[Diagnostic], fmt: str) -> str:
    items = sorted(diagnostics, key=sort_key)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in items], indent=2)
    if fmt == "github":
        return "\n".join(d.github() for d in items)
    return "\n".join(d.text() for d in items)


def relative(path: Path) -> Path:
    # Resolve the folders only: a symbolic link is reported under its own
    # name, not its target's (which may not exist, or be /dev/zero).
    try:
        return (path.parent.resolve() / path.name).relative_to(Path.cwd())
    except (ValueError, OSError):
        return path
