"""Instrument and figure ids are unique in their file: they are anchors and diff keys."""

from .base import Context, cited


def check(ctx: Context):
    for checked in ctx.files:
        seen: set[str] = set()
        for loc, record in cited(checked):
            if not hasattr(record, "id"):
                continue
            if record.id in seen:
                yield checked.at(loc + ("id",), f"id '{record.id}' is used twice in this file; make it unique")
            seen.add(record.id)
