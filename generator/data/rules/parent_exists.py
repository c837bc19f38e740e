"""A subdivision names its country as parent, and that file exists."""

from .base import Context


def check(ctx: Context):
    for checked in ctx.files:
        j = checked.jurisdiction
        country = j.id.split("-")[0]
        if j.is_subnational and j.parent is None:
            yield checked.at(("id",), f"a subdivision needs a parent; add parent: {country}")
        elif j.parent is None:
            continue
        elif not j.is_subnational:
            yield checked.at(("parent",), "a country has no parent; remove the parent line")
        elif j.parent != country:
            yield checked.at(("parent",), f"parent of '{j.id}' must be its country '{country}', not '{j.parent}'")
        elif j.parent not in ctx.all_ids:
            yield checked.at(
                ("parent",),
                f"parent '{j.parent}' has no file; create it with `python -m generator new {j.parent}`",
            )
