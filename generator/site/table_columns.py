"""The columns of the per-dimension instrument tables.

Every table has the jurisdiction, its level, the instrument's title, kind, binding, status
and effective date, and its verification; between them come the instrument facts whose
``tables`` name the dimension (``generator/data/facts.py``: a credential's hours, a funding
rule's mechanism, authority and billing codes). The template loops over these, so an empty
row spans the right number of cells without counting by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from generator.data.facts import Fact, fact_texts, table_facts
from generator.data.model import Instrument

COMMON_HEADINGS = ("Instrument", "Kind", "Binding", "Status", "Effective")  # before the dimension's own
TRAILING_HEADINGS = ("Verification",)


@dataclass(frozen=True)
class PageColumn:
    heading: str
    cell: Callable[[Instrument], str]
    sort: Callable[[Instrument], Any] | None = None  # a number to sort by, when the cell is one


def _column(fact: Fact) -> PageColumn:
    def cell(i: Instrument) -> str:  # bare, where the heading says the rest ("Training h", "Exam")
        value = fact.value(i)
        if value is None:
            return ""
        if fact.type == "number":
            return f"{value:g}"
        if fact.type == "boolean":
            return "yes" if value else "no"
        return "; ".join(fact_texts(fact, value))

    def sort(i: Instrument) -> str:  # the bare number; empty (missing) sorts last
        value = fact.value(i)
        return "" if value is None else f"{value:g}"
    return PageColumn(fact.table_heading, cell, sort if fact.type == "number" else None)


def detail_columns(dimension: str) -> tuple[PageColumn, ...]:
    """The columns between the common ones: the facts that name this dimension's table."""
    return tuple(_column(f) for f in table_facts(dimension))


def span(dimension: str) -> int:
    """Cells an instrument fills after the level: what a row without one must span."""
    return len(COMMON_HEADINGS) + len(detail_columns(dimension)) + len(TRAILING_HEADINGS)
