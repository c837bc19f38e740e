"""The error every loading step raises: one positioned diagnostic, and how to position it.

Its own module because the reading, parsing and document steps all raise it, and
the callers (dataset, agreement, staleness) catch it without caring which step failed.
"""

from __future__ import annotations

from pathlib import Path

from generator.data.diagnostics import Diagnostic


class LoadError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def refusal(path: Path, message: str) -> LoadError:
    """An error about the file as a whole, which has no better position than its start."""
    return LoadError(Diagnostic(path, 1, 1, message, ()))


def text_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of a character offset into ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
