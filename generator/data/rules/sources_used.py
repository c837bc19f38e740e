"""Every listed source is cited at least once (directly or as another's `cited_via`)."""

from .base import Context, cited


def check(ctx: Context):
    for checked in ctx.files:
        used = {key for _, record in cited(checked) for key in record.sources}
        used |= {s.cited_via for s in checked.jurisdiction.sources.values() if s.cited_via}
        for key in checked.jurisdiction.sources:
            if key not in used:
                yield checked.at(("sources", key), f"source '{key}' is never cited; cite it or remove it", key=True)
