"""A search lists documents the coder read: not ones known only through another source."""

from .base import Context, searches


def check(ctx: Context):
    for checked in ctx.files:
        known = checked.jurisdiction.sources
        for loc, search in searches(checked):
            for i, key in enumerate(search.sources):
                source = known.get(key)
                if source is not None and source.cited_via:
                    yield checked.at(
                        loc + ("sources", i),
                        f"source '{key}' is known only through '{source.cited_via}', so it cannot "
                        "show that it is silent; read it and remove its cited_via, or list the "
                        "documents you did read",
                    )
