"""Quantities make sense for their unit: FTE and percentages within 0–100."""

from .base import Context, cited

LIMITS = {"fte": 100, "percent_fte": 100, "percent": 100, "hours_per_week": 168}


def _quantities(checked):
    for loc, record in cited(checked):
        if hasattr(record, "quantity"):
            yield loc + ("quantity",), record.quantity
        for i, quantity in enumerate(getattr(record, "quantities", [])):
            yield loc + ("quantities", i), quantity


def check(ctx: Context):
    for checked in ctx.files:
        for loc, quantity in _quantities(checked):
            limit = LIMITS.get(quantity.unit)
            if limit is not None and quantity.value > limit:
                yield checked.at(loc + ("value",), f"{quantity.value:g} {quantity.unit} is out of range; expected 0 to {limit}")
