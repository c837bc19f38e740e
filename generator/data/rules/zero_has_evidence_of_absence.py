"""Level 0 is a finding: it needs a record of what was searched, or a source stating the absence.

Without this rule "0" and "nobody looked" would be the same code, which is
exactly what the codebook's `unknown` exists to keep apart.
"""

from ..model import DIMENSIONS
from .base import Context


def check(ctx: Context):
    for checked in ctx.files:
        for name in DIMENSIONS:
            dim = checked.jurisdiction.dimension(name)
            if dim.level == 0 and not dim.searched and not dim.sources:
                yield checked.at(
                    ("dimensions", name, "level"),
                    "level 0 needs evidence of absence; add `searched:` with `looked_for`, "
                    "`sources` (the documents you read) and `date`, or cite under `sources:` a "
                    "document that states the absence, or set level: unknown",
                )
