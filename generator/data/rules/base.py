"""What every lint rule receives: the files that passed the schema."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator

from ..diagnostics import Diagnostic
from ..document import Document
from ..fields import WITH_OBSERVED
from ..model import DIMENSIONS, Jurisdiction


@dataclass(frozen=True)
class Checked:
    doc: Document
    jurisdiction: Jurisdiction

    def at(self, loc: tuple[Any, ...], message: str, key: bool = False) -> Diagnostic:
        line, column = self.doc.position(loc, key=key)
        return Diagnostic(self.doc.path, line, column, message, loc)


@dataclass(frozen=True)
class Context:
    files: list[Checked]
    today: date
    # ids of every jurisdiction, including files that failed the schema, so
    # that one broken parent does not cascade into "parent missing" errors
    all_ids: frozenset[str]


def instruments(checked: Checked) -> Iterator[tuple[tuple, Any]]:
    """Every instrument of a file with its location."""
    for name in DIMENSIONS:
        for i, instrument in enumerate(checked.jurisdiction.dimension(name).instruments):
            yield ("dimensions", name, "instruments", i), instrument


def searches(checked: Checked) -> Iterator[tuple[tuple, Any]]:
    """Every evidence-of-absence record of a file with its location."""
    for name in DIMENSIONS:
        for i, search in enumerate(checked.jurisdiction.dimension(name).searched):
            yield ("dimensions", name, "searched", i), search


def cited(checked: Checked) -> Iterator[tuple[tuple, Any]]:
    """Every record that cites sources (instruments, searches, rationales, observed figures)."""
    yield from instruments(checked)
    yield from searches(checked)
    for name in DIMENSIONS:
        yield ("dimensions", name), checked.jurisdiction.dimension(name)
        for i, change in enumerate(checked.jurisdiction.dimension(name).history):
            yield ("dimensions", name, "history", i), change
    for name in WITH_OBSERVED:
        for i, figure in enumerate(checked.jurisdiction.dimension(name).observed):
            yield ("dimensions", name, "observed", i), figure

