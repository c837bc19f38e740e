"""Comparison tables: an overview and one detailed table per dimension."""

from __future__ import annotations

from generator.data.fields import WITH_OBSERVED
from generator.data.figures import KEY_FIGURES
from generator.data.model import DIMENSIONS
from generator.site import filters, table_columns
from generator.site.context import SiteContext
from generator.site.render import render


def _kind(j) -> str:
    return "subnational" if j.is_subnational else "country"


def country_names(ctx: SiteContext) -> dict[str, str]:
    return {j.id: j.name for j in ctx.dataset.jurisdictions.values() if not j.is_subnational}


def history_attr(ctx: SiteContext, jid: str, names: dict[str, str]) -> str:
    """A row's dated levels for the "As of" year: ``<filter name>=<year>:<level>,...;...`` for each
    level filter (by its dimension) that has dated steps; tables.js reads it."""
    parts = []
    for name, d in names.items():
        steps = ctx.timeline.steps[jid][d]
        if steps:
            parts.append(f"{name}=" + ",".join(f"{s.year}:{s.level}" for s in steps))
    return ";".join(parts)


def filtered(ctx: SiteContext, rows: list[dict], table_id: str, fs: list[filters.Filter],
             levels: dict[str, str] | None = None) -> filters.Controls:
    """Writes each row's filter attributes (from its ``filter_row``) and dated levels (``levels``:
    level filter name -> dimension); returns the form's controls, with the years to look back to."""
    attrs, controls = filters.form(table_id, fs, [r["filter_row"] for r in rows])
    for r, a in zip(rows, attrs):
        dated = history_attr(ctx, r["j"].id, levels) if levels else ""
        r["attrs"] = {**a, "history": dated} if dated else a
    if levels:
        controls.years = list(reversed(ctx.timeline.years))[1:]  # this year is "today", the default
    return controls


def overview(ctx: SiteContext) -> str:
    rows = []
    for j in ctx.dataset.jurisdictions.values():
        rows.append({
            "j": j,
            "kind": _kind(j),
            "filter_row": filters.row(j, [i for d in DIMENSIONS for i in j.dimension(d).instruments], summaries=False),
            "levels": [(d, j.dimension(d).level) for d in DIMENSIONS],
            # requirements only: an observed figure is never shown as a requirement
            "figures": [(k, k.of(j)) for k in KEY_FIGURES],
        })
    controls = filtered(ctx, rows, "overview", filters.for_table(country_names(ctx), None), {d: d for d in DIMENSIONS})
    return render("tables/overview.md.j2", "atlas/tables/overview.md", rows=rows, key_figures=KEY_FIGURES,
                  controls=controls, noun="jurisdictions", find_hint="Name, alias or instrument title")


def detail(ctx: SiteContext, dimension: str) -> str:
    rows = []
    for j in ctx.dataset.jurisdictions.values():
        dim = j.dimension(dimension)
        for inst in dim.instruments or [None]:
            rows.append({"j": j, "kind": _kind(j), "level": dim.level, "inst": inst,
                         "filter_row": filters.row(j, [inst] if inst else [], dimension)})
    observed = []
    if dimension in WITH_OBSERVED:
        observed = [(j, f) for j in ctx.dataset.jurisdictions.values() for f in j.dimension(dimension).observed]
    controls = filtered(ctx, rows, f"detail-{dimension}", filters.for_table(country_names(ctx), dimension),
                        {"level": dimension})
    return render("tables/detail.md.j2", f"atlas/tables/{dimension}.md", dimension=dimension,
                  columns=table_columns.detail_columns(dimension), span=table_columns.span(dimension),
                  common_headings=table_columns.COMMON_HEADINGS, trailing_headings=table_columns.TRAILING_HEADINGS,
                  rows=rows, observed=observed, controls=controls, noun="rows",
                  find_hint="Name, instrument title or summary")


def outputs(ctx: SiteContext) -> dict[str, str]:
    pages = {"tables/overview.md": overview(ctx)}
    for d in DIMENSIONS:
        pages[f"tables/{d}.md"] = detail(ctx, d)
    return pages
