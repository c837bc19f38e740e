"""Comparison tables: an overview and one detailed table per dimension."""

from __future__ import annotations

from generator.data.fields import WITH_OBSERVED
from generator.data.figures import KEY_FIGURES
from generator.data.model import DIMENSIONS
from generator.site import table_columns
from generator.site.render import render
from generator.site.context import SiteContext


def _kind(j) -> str:
    return "subnational" if j.is_subnational else "country"


def overview(ctx: SiteContext) -> str:
    rows = []
    for j in ctx.dataset.jurisdictions.values():
        rows.append({
            "j": j,
            "kind": _kind(j),
            "levels": [(d, j.dimension(d).level) for d in DIMENSIONS],
            # requirements only: an observed figure is never shown as a requirement
            "figures": [(k, k.of(j)) for k in KEY_FIGURES],
        })
    return render("tables/overview.md.j2", "atlas/tables/overview.md", rows=rows, key_figures=KEY_FIGURES, regions=_regions(ctx))


def _regions(ctx: SiteContext) -> list[str]:
    return sorted({j.region for j in ctx.dataset.jurisdictions.values()})


def detail(ctx: SiteContext, dimension: str) -> str:
    rows = []
    for j in ctx.dataset.jurisdictions.values():
        dim = j.dimension(dimension)
        if not dim.instruments:
            rows.append({"j": j, "kind": _kind(j), "level": dim.level, "inst": None})
        for inst in dim.instruments:
            rows.append({"j": j, "kind": _kind(j), "level": dim.level, "inst": inst})
    observed = []
    if dimension in WITH_OBSERVED:
        observed = [(j, f) for j in ctx.dataset.jurisdictions.values() for f in j.dimension(dimension).observed]
    return render("tables/detail.md.j2", f"atlas/tables/{dimension}.md", dimension=dimension,
                  columns=table_columns.detail_columns(dimension), span=table_columns.span(dimension),
                  common_headings=table_columns.COMMON_HEADINGS, trailing_headings=table_columns.TRAILING_HEADINGS, rows=rows, observed=observed, regions=_regions(ctx))


def outputs(ctx: SiteContext) -> dict[str, str]:
    pages = {"tables/overview.md": overview(ctx)}
    for d in DIMENSIONS:
        pages[f"tables/{d}.md"] = detail(ctx, d)
    return pages
