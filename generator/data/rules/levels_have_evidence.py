"""A coded level (anything but `unknown`) rests on an instrument or a cited rationale."""

from ..model import DIMENSIONS
from .base import Context


def check(ctx: Context):
    for checked in ctx.files:
        for name in DIMENSIONS:
            dim = checked.jurisdiction.dimension(name)
            if dim.level in ("unknown", 0):
                continue  # 0 is checked by zero_has_evidence_of_absence
            if not dim.instruments and not dim.sources:
                yield checked.at(
                    ("dimensions", name, "level"),
                    f"level {dim.level} rests on nothing; add an instrument, or a rationale with "
                    f"sources, or set level: unknown",
                )
