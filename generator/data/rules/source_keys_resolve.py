"""Every cited source key is listed under `sources:`."""

import difflib

from .base import Context, cited


def check(ctx: Context):
    for checked in ctx.files:
        known = list(checked.jurisdiction.sources)
        for loc, record in cited(checked):
            for i, key in enumerate(record.sources):
                if key not in known:
                    guess = difflib.get_close_matches(key, known, n=1)
                    hint = f"; did you mean '{guess[0]}'?" if guess else "; add it under sources:"
                    yield checked.at(loc + ("sources", i), f"source '{key}' is not listed under sources{hint}")
        for key, source in checked.jurisdiction.sources.items():
            if source.cited_via and source.cited_via not in known:
                yield checked.at(("sources", key, "cited_via"), f"cited_via names '{source.cited_via}', "
                                 "which is not listed under sources; add it there or correct the key")
