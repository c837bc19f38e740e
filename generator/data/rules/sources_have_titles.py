"""A source has a title, unless it is only known through another source."""

from .base import Context


def check(ctx: Context):
    for checked in ctx.files:
        for key, source in checked.jurisdiction.sources.items():
            if source.title is None and source.cited_via is None:
                yield checked.at(("sources", key), f"source '{key}' needs a title (only a cited_via source may omit it)", key=True)
