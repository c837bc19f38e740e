"""Topic views: one page per setting, population and funding mechanism, and their index.

What a topic gathers is decided in ``generator.data.topics``; this module only lays it out.
"""

from __future__ import annotations

from generator.data import topics
from generator.data.model import DIMENSIONS
from generator.site import filters
from generator.site.context import SiteContext
from generator.site.pages.tables import country_names, filtered
from generator.site.render import render

TOPICS_DIR = "topics"


def _binding_in_force(m: topics.Match) -> bool:
    i = m.instrument
    return i.status == "in_force" and i.binding in ("mandatory", "condition_of_funding")


def topic_page(ctx: SiteContext, topic: topics.Topic) -> str:
    found = topics.matches(ctx.dataset, topic)
    absent = topics.absences(ctx.dataset, topic)
    covered = {m.j.id for m in found} | {a.j.id for a in absent}
    rows = [{"j": m.j, "dimension": m.dimension, "instrument": m.instrument,
             "filter_row": filters.row(m.j, [m.instrument], m.dimension)} for m in found]
    # a topic's rows come from every dimension: filter by instrument fields, not by one level
    fs = [f for f in filters.for_table(country_names(ctx), None) if f.name not in DIMENSIONS]
    return render(
        "topics/topic.md.j2", f"atlas/{TOPICS_DIR}/{topic.slug}.md",
        topic=topic, matches=rows, absences=absent, noun="instruments", find_hint="Name, instrument title or summary",
        controls=filtered(rows, f"topic-{topic.slug}", fs),
        jurisdictions=len({m.j.id for m in found}),
        binding=sum(map(_binding_in_force, found)),
        not_covered=len(ctx.dataset) - len(covered),
    )


def summary(ctx: SiteContext) -> list[tuple[topics.Facet, list[tuple[topics.Topic, int]]]]:
    """Each facet's topics with how many jurisdictions each view lists."""
    by_facet: dict = {}
    for topic in topics.topics():
        count = len({m.j.id for m in topics.matches(ctx.dataset, topic)})
        by_facet.setdefault(topic.facet, []).append((topic, count))
    return list(by_facet.items())


def outputs(ctx: SiteContext) -> dict[str, str]:
    facets = summary(ctx)
    pages = {f"{TOPICS_DIR}/{t.slug}.md": topic_page(ctx, t) for t in topics.topics()}
    pages[f"{TOPICS_DIR}/index.md"] = render("topics/index.md.j2", f"atlas/{TOPICS_DIR}/index.md", facets=facets)
    pages["_snippets/home_questions.md"] = render("topics/home.md.j2", "index.md", facets=facets)
    return pages
