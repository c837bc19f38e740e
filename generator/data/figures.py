"""Key figures derived from a jurisdiction's instruments, for tables and exports."""

from __future__ import annotations

from generator.data.model import Jurisdiction


def _fmt(value: float) -> str:
    return f"{value:g}"


def minimum_fte(j: Jurisdiction) -> str:
    """The smallest required FTE figure, e.g. '0.5 FTE per ACT team'; '' if none."""
    found = [
        q for inst in j.dimensions.staffing.instruments for q in inst.quantities
        if q.unit in ("fte", "percent_fte")
    ]
    if not found:
        return ""
    q = min(found, key=lambda q: q.value / (100 if q.unit == "percent_fte" else 1))
    unit = "FTE" if q.unit == "fte" else "% FTE"
    return f"{_fmt(q.value)} {unit}" + (f" per {q.per}" if q.per else "")


def training_hours(j: Jurisdiction) -> str:
    hours = [
        inst.credential.training_hours for inst in j.dimensions.certification.instruments
        if inst.credential and inst.credential.training_hours is not None
    ]
    hours += [
        q.value for inst in j.dimensions.certification.instruments
        for q in inst.quantities if q.unit == "training_hours"
    ]
    if not hours:
        return ""
    low, high = min(hours), max(hours)
    return f"{_fmt(low)} h" if low == high else f"{_fmt(low)}–{_fmt(high)} h"


def funding_mechanisms(j: Jurisdiction) -> str:
    seen: list[str] = []
    for inst in j.dimensions.funding.instruments:
        if inst.mechanism and inst.mechanism not in seen:
            seen.append(inst.mechanism)
    return ", ".join(m.replace("_", " ") for m in seen)


def instrument_count(j: Jurisdiction) -> int:
    return sum(len(j.dimension(d).instruments) for d in ("mandates", "funding", "certification", "staffing"))
