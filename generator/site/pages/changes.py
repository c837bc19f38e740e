"""What changed: the "Recent changes" page, and Atom feeds for the atlas, its policy changes
and each jurisdiction (files under atlas/feeds/, built with the downloads)."""

from __future__ import annotations

from generator.data import changelog
from generator.site.context import SiteContext
from generator.site.render import render


def changes_page(ctx: SiteContext) -> str:
    every = changelog.entries(ctx.dataset)
    sections = [("Policy changes", "policy", [e for e in every if e.is_policy]),
                ("Changes to the data: corrections and reviews", "data", [e for e in every if not e.is_policy])]
    return render("changes.md.j2", "atlas/changes.md", sections=sections)


def _feed(ctx: SiteContext, name: str, title: str, subtitle: str, entries: list, page: str) -> str:
    host = ctx.site_url.split("//", 1)[-1].split("/", 1)[0] or "localhost"

    def entry_id(e) -> str:
        # a tag URI (RFC 4151): stable whatever the site's address becomes later
        return f"tag:{host},2026:{e.j.id}/changes/{e.number}"

    updated = max((e.change.date for e in entries), default=ctx.version.date)
    return render("feeds/atom.xml.j2", f"atlas/feeds/{name}", title=title, subtitle=subtitle,
                  entries=entries, entry_id=entry_id, updated=updated, site_url=ctx.site_url,
                  feed_url=f"{ctx.site_url}atlas/feeds/{name}", page_url=f"{ctx.site_url}{page}")


def feeds(ctx: SiteContext) -> dict[str, str]:
    """The feeds, by path under atlas/: every change, policy changes, and one per jurisdiction."""
    every = changelog.entries(ctx.dataset)
    out = {
        "feeds/atlas.xml": _feed(ctx, "atlas.xml", "Peer Support Policy Atlas: all changes",
                                 "Every change to the atlas's data, newest first.", every, "atlas/changes/"),
        "feeds/policy.xml": _feed(ctx, "policy.xml", "Peer Support Policy Atlas: policy changes",
                                  "New, changed or ended peer support policies.",
                                  [e for e in every if e.is_policy], "atlas/changes/#policy"),
    }
    by_id: dict[str, list] = {}
    for e in every:  # in one pass, newest first as in the whole list
        by_id.setdefault(e.j.id, []).append(e)
    for j in ctx.dataset.jurisdictions.values():
        mine = by_id.get(j.id, [])
        out[f"feeds/{j.id}.xml"] = _feed(ctx, f"{j.id}.xml", f"Peer Support Policy Atlas: {j.name}",
                                         f"Changes to the record of {j.name}.", mine, f"atlas/{j.id}/")
    return out


def outputs(ctx: SiteContext) -> dict[str, str]:
    return {"changes.md": changes_page(ctx)}
