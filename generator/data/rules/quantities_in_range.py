"""Quantities make sense for their unit: within 0 and the unit's plausible maximum."""

from ..model import UNIT_MAX
from .base import Context, cited


def _quantities(checked):
    for loc, record in cited(checked):
        if hasattr(record, "quantity"):
            yield loc + ("quantity",), record.quantity
        for i, quantity in enumerate(getattr(record, "quantities", [])):
            yield loc + ("quantities", i), quantity


def check(ctx: Context):
    for checked in ctx.files:
        for loc, quantity in _quantities(checked):
            limit = UNIT_MAX[quantity.unit]
            if quantity.value > limit:
                yield checked.at(loc + ("value",), f"{quantity.value:g} {quantity.unit} is out of range; "
                                 f"write a number from 0 to {limit:,}")
