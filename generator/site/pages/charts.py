"""The charts page: adoption curves and today's levels by region, as inline SVG with their data,
and one CSV per chart beside the page (atlas/charts/<slug>.csv)."""

from __future__ import annotations

from markupsafe import Markup

from generator.site import charts as geometry
from generator.site.context import SiteContext
from generator.site.render import html_block, render


def svg(chart: geometry.Chart) -> Markup:
    return html_block(f"charts/{chart.kind}.svg.j2", c=chart, g=geometry)


def outputs(ctx: SiteContext) -> dict[str, str]:
    every = geometry.charts(ctx.timeline, ctx.dataset.jurisdictions)
    out = {"charts.md": render("charts/page.md.j2", "atlas/charts.md", charts=every,
                               svg={c.slug: svg(c) for c in every})}
    out.update({f"charts/{c.slug}.csv": c.csv() for c in every})
    return out
