"""The columns that differ between the per-dimension tables, declared once per dimension.

Every table has the jurisdiction, its level, the instrument's title, kind, binding, status
and effective date, and its verification; between them come the columns that fit the
dimension (a credential's hours, a funding rule's mechanism and billing codes). The template
loops over these, so an empty row spans the right number of cells without counting by hand.
This module and ``generator/data/figures.py`` are the only places outside the model and the
field registry that name a dimension.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from generator.data.fields import quantity_text, value_label
from generator.data.model import Instrument

COMMON_HEADINGS = ("Instrument", "Kind", "Binding", "Status", "Effective")  # before the dimension's own
TRAILING_HEADINGS = ("Verification",)


@dataclass(frozen=True)
class PageColumn:
    heading: str
    cell: Callable[[Instrument], str]
    sort: Callable[[Instrument], Any] | None = None  # a number to sort by, when the cell is one


def _words(values) -> str:
    return ", ".join(str(v).replace("_", " ") for v in values)


def _credential(get: Callable[[Any], Any]) -> Callable[[Instrument], Any]:
    return lambda i: get(i.credential) if i.credential else None


def _hours(i: Instrument) -> str:
    hours = _credential(lambda c: c.training_hours)(i)
    return "" if hours is None else f"{hours:g}"


def _exam(i: Instrument) -> str:
    exam = _credential(lambda c: c.exam)(i)
    return "" if exam is None else ("yes" if exam else "no")


SETTINGS = PageColumn("Settings", lambda i: ", ".join(map(value_label, i.settings)))
FIGURES = PageColumn("Figures", lambda i: "; ".join(quantity_text(q, with_note=True) for q in i.quantities))
CREDENTIAL = PageColumn("Credential", lambda i: _credential(lambda c: c.name)(i) or "")
TRAINING = PageColumn("Training h", _hours, sort=lambda i: _hours(i))  # empty: missing, sorted last
EXAM = PageColumn("Exam", _exam)
REQUIRED_FOR = PageColumn("Required for", lambda i: _words(_credential(lambda c: c.required_for)(i) or []))
MECHANISM = PageColumn("Mechanism", lambda i: value_label(i.mechanism) if i.mechanism else "")
BILLING = PageColumn("Billing codes", lambda i: "; ".join(map(str, i.billing_codes)))

DETAIL_COLUMNS: dict[str, tuple[PageColumn, ...]] = {
    "certification": (CREDENTIAL, TRAINING, EXAM, REQUIRED_FOR),
    "funding": (MECHANISM, BILLING, FIGURES),
}
DEFAULT_COLUMNS = (SETTINGS, FIGURES)


def detail_columns(dimension: str) -> tuple[PageColumn, ...]:
    return DETAIL_COLUMNS.get(dimension, DEFAULT_COLUMNS)


def span(dimension: str) -> int:
    """Cells an instrument fills after the level: what a row without one must span."""
    return len(COMMON_HEADINGS) + len(detail_columns(dimension)) + len(TRAILING_HEADINGS)
