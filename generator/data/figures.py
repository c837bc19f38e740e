"""Key figures derived from one dimension's instruments, declared once for tables and exports.

Each ``KeyFigure`` names the dimension it is read from (the overview table links there), its
CSV column and its column heading; the overview table and ``atlas-jurisdictions.csv`` both
list ``KEY_FIGURES`` in order, so a new figure is one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.data.fields import quantity_text
from generator.data.model import DIMENSIONS, Dimension, Jurisdiction


def _fmt(value: float) -> str:
    return f"{value:g}"


def minimum_fte(dim: Dimension) -> str:
    """The smallest required FTE figure, e.g. '0.5 FTE per ACT team'; '' if none."""
    found = [q for inst in dim.instruments for q in inst.quantities if q.unit in ("fte", "percent_fte")]
    if not found:
        return ""
    return quantity_text(min(found, key=lambda q: q.value / (100 if q.unit == "percent_fte" else 1)))


def training_hours(dim: Dimension) -> str:
    """Initial training hours of the credentials recorded: '40 h', or a range '40–80 h'."""
    hours = [inst.credential.training_hours for inst in dim.instruments
             if inst.credential and inst.credential.training_hours is not None]
    hours += [q.value for inst in dim.instruments for q in inst.quantities if q.unit == "training_hours"]
    if not hours:
        return ""
    low, high = min(hours), max(hours)
    return f"{_fmt(low)} h" if low == high else f"{_fmt(low)}–{_fmt(high)} h"


def funding_mechanisms(dim: Dimension) -> str:
    seen: list[str] = []
    for inst in dim.instruments:
        if inst.mechanism and inst.mechanism not in seen:
            seen.append(inst.mechanism)
    return ", ".join(m.replace("_", " ") for m in seen)


@dataclass(frozen=True)
class KeyFigure:
    column: str  # its CSV column and table key
    heading: str  # the overview table's column heading
    dimension: str  # the dimension it is computed from
    compute: Callable[[Dimension], str]
    description: str  # for the CSV's data dictionary

    def of(self, j: Jurisdiction) -> str:
        return self.compute(j.dimension(self.dimension))


KEY_FIGURES = (
    KeyFigure("minimum_peer_fte", "Required peer FTE (minimum)", "staffing", minimum_fte,
              "Smallest required peer FTE figure, with what it applies to."),
    KeyFigure("training_hours", "Training hours", "certification", training_hours,
              "Initial training hours of the credentials recorded (a range when several)."),
    KeyFigure("funding_mechanisms", "Funding mechanism", "funding", funding_mechanisms,
              "How peer support is paid for, from the funding instruments."),
)


def instrument_count(j: Jurisdiction) -> int:
    return sum(len(j.dimension(d).instruments) for d in DIMENSIONS)
