"""One page per jurisdiction."""

from __future__ import annotations

from markupsafe import Markup
from pydantic import BaseModel

from generator.site import charts

from generator.site.citation import cite, cite_values, value_templates
from generator.data.model import DIMENSIONS, Jurisdiction
from generator.site.render import html_block, render
from generator.site.context import SiteContext
from generator.data.staleness import months_since


def _timeline(j: Jurisdiction) -> list[tuple[str, str, object]]:
    items = [
        (inst.effective, name, inst)
        for name in DIMENSIONS for inst in j.dimension(name).instruments if inst.effective
    ]
    return sorted(items, key=lambda item: (item[0], item[1], item[2].id))


def _numbers(j: Jurisdiction) -> dict[str, int]:
    return {key: n for n, key in enumerate(j.sources, start=1)}


def _strip_svg(ctx: SiteContext, j: Jurisdiction) -> Markup | None:
    strip = charts.level_strip(ctx.timeline, j)
    if strip is None:
        return None
    return html_block("charts/strip.svg.j2", strip=strip, g=charts, j=j)


def page(ctx: SiteContext, j: Jurisdiction, children: list[Jurisdiction]) -> str:
    ds = ctx.dataset
    months = months_since(j.last_reviewed, ctx.today)
    return render(
        "jurisdiction.md.j2", f"atlas/{j.id}.md",
        j=j,
        parent=ds.jurisdictions.get(j.parent) if j.parent else None,
        children=children,
        numbers=_numbers(j),
        timeline=_timeline(j),
        steps_of=ctx.timeline.steps[j.id],
        strip_svg=_strip_svg(ctx, j),
        edit_url=ctx.edit_url(j.id),
        issue_url=ctx.issue_url(j.id, j.name),
        stale=months if months >= ctx.stale_months else None,
        citation=cite([j.name], [j.id], ctx.page_url(j.id), ctx.version),
        value_citations=cite_values(j),
        value_templates=value_templates(ctx.page_url(j.id), ctx.version),
    )


# ctx.page_cache holds id -> (inputs, text): under `serve`, files that did not
# change keep the same model objects (see dataset.validate's cache), so their
# pages need not be rendered again. Inputs are compared by identity and kept
# alive by the cache, which lives on the plugin instance.


def _inputs(ctx: SiteContext, j: Jurisdiction, children: list[Jurisdiction]) -> tuple:
    parent = ctx.dataset.jurisdictions.get(j.parent) if j.parent else None
    return (j, parent, *children, ctx.version, ctx.site_url, ctx.repo_url, ctx.today, ctx.stale_months)


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y or (not isinstance(x, BaseModel) and x == y) for x, y in zip(a, b))


def outputs(ctx: SiteContext) -> dict[str, str]:
    pages = {}
    kids = ctx.dataset.children_by_parent()
    for jid, j in ctx.dataset.jurisdictions.items():
        children = kids.get(jid, [])
        inputs = _inputs(ctx, j, children)
        hit = ctx.page_cache.get(jid)
        if hit is None or not _same(hit[0], inputs):
            hit = ctx.page_cache[jid] = (inputs, page(ctx, j, children))
        pages[f"{jid}.md"] = hit[1]
    return pages
