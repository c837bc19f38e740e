"""One page per jurisdiction."""

from __future__ import annotations

from ..citation import cite
from ..model import DIMENSIONS, Jurisdiction
from ..render import render
from ..site_context import SiteContext
from ..staleness import months_since


def _timeline(j: Jurisdiction) -> list[tuple[str, str, object]]:
    items = [
        (inst.effective, name, inst)
        for name in DIMENSIONS for inst in j.dimension(name).instruments if inst.effective
    ]
    return sorted(items, key=lambda item: (item[0], item[1], item[2].id))


def _numbers(j: Jurisdiction) -> dict[str, int]:
    return {key: n for n, key in enumerate(j.sources, start=1)}


def page(ctx: SiteContext, j: Jurisdiction) -> str:
    ds = ctx.dataset
    months = months_since(j.last_reviewed, ctx.today)
    return render(
        "jurisdiction.md.j2",
        j=j,
        parent=ds.jurisdictions.get(j.parent) if j.parent else None,
        children=ds.children(j.id),
        numbers=_numbers(j),
        timeline=_timeline(j),
        edit_url=ctx.edit_url(j.id),
        issue_url=ctx.issue_url(j.id, j.name),
        stale=months if months >= ctx.stale_months else None,
        citation=cite([j.name], [j.id], ctx.page_url(j.id), ctx.version),
    )


def outputs(ctx: SiteContext) -> dict[str, str]:
    return {f"{jid}.md": page(ctx, j) for jid, j in ctx.dataset.jurisdictions.items()}
