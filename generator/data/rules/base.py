"""What every lint rule receives: the files that passed the schema."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator

from ..diagnostics import Diagnostic
from ..loading import Document
from ..model import Jurisdiction


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
    for name in ("mandates", "funding", "certification", "staffing"):
        for i, instrument in enumerate(checked.jurisdiction.dimension(name).instruments):
            yield ("dimensions", name, "instruments", i), instrument


def cited(checked: Checked) -> Iterator[tuple[tuple, Any]]:
    """Every record that cites sources (instruments and observed figures)."""
    yield from instruments(checked)
    for name in ("mandates", "funding", "certification", "staffing"):
        yield ("dimensions", name), checked.jurisdiction.dimension(name)
    for i, figure in enumerate(checked.jurisdiction.dimensions.staffing.observed):
        yield ("dimensions", "staffing", "observed", i), figure

