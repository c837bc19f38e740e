"""The pages about the data: downloads (with their columns), the JSON API, and compare."""

from __future__ import annotations

from generator.site.citation import cite
from generator.site.columns import API_VERSION, DATA
from generator.site.csv_tables import CSV_TABLES
from generator.site.render import render
from generator.site.context import SiteContext


def outputs(ctx: SiteContext) -> dict[str, str]:
    """The pages about the downloads and the API (Markdown, under docs/atlas/)."""
    tables = [(t.path, t.title, [(c.name, c.type, c.describe()) for c in t.columns]) for t in CSV_TABLES]
    return {
        "downloads.md": render("downloads.md.j2", "atlas/downloads.md", version=ctx.version, tables=tables, data=DATA),
        "api.md": render("api.md.j2", "atlas/api.md", version=ctx.version, api_version=API_VERSION,
                         example=next(iter(ctx.dataset.jurisdictions), "ca")),
        "compare.md": render("compare.md.j2", "atlas/compare.md", version=ctx.version, citation=compare_citation(ctx)),
    }


def compare_citation(ctx: SiteContext):
    """The comparison's citation with placeholders that the compare script fills in.

    The formats are made here, by the same function as every other citation;
    the script only substitutes the names and ids of the chosen jurisdictions.
    """
    return cite(["Comparison of ATLASNAMES"], ["compare", "ATLASKEYIDS"],
                f"{ctx.site_url}atlas/compare/?j=ATLASURLIDS", ctx.version)
