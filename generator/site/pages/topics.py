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


def _shown(ctx: SiteContext, found: list, absent: list, names: dict) -> tuple:
    """Everything a topic page shows, compared by value (the files' models are frozen)."""
    rows = tuple((m.j.id, m.j.name, m.j.region, m.j.parent, tuple(m.j.aliases), tuple(m.j.role_titles), m.dimension,
                  m.j.dimension(m.dimension).level, m.instrument,
                  tuple((k, m.j.sources[k].title, m.j.sources[k].year) for k in m.instrument.sources)) for m in found)
    return (len(ctx.dataset), ctx.site_url, tuple(sorted(names.items())), rows,
            tuple((a.j.id, a.j.name, a.dimension, a.number, a.search) for a in absent))


def topic_page(ctx: SiteContext, topic: topics.Topic, found: list[topics.Match]) -> str:
    """A topic's page (``found``: its matches); under serve, one that an edit left unchanged is not
    rendered again (ctx.page_cache, owned by the plugin: a topic's rows come from many files)."""
    absent = topics.absences(ctx.dataset, topic, found)
    names = country_names(ctx)
    shown = _shown(ctx, found, absent, names)
    cached = ctx.page_cache.get(("topic", topic.slug))
    if cached and cached[0] == shown:
        return cached[1]
    text = _render(ctx, topic, found, absent, names)
    ctx.page_cache[("topic", topic.slug)] = (shown, text)
    return text


def _render(ctx: SiteContext, topic: topics.Topic, found: list, absent: list, names: dict) -> str:
    covered = {m.j.id for m in found} | {a.j.id for a in absent}
    rows = [{"j": m.j, "dimension": m.dimension, "instrument": m.instrument,
             "filter_row": filters.row(m.j, [m.instrument], m.dimension)} for m in found]
    # a topic's rows come from every dimension: filter by instrument fields, not by one level
    fs = [f for f in filters.for_table(names, None) if f.name not in DIMENSIONS]
    return render(
        "topics/topic.md.j2", f"atlas/{TOPICS_DIR}/{topic.slug}.md",
        topic=topic, matches=rows, absences=absent, noun="instruments", find_hint="Name, instrument title or summary",
        controls=filtered(ctx, rows, f"topic-{topic.slug}", fs),
        jurisdictions=len({m.j.id for m in found}),
        binding=sum(map(_binding_in_force, found)),
        not_covered=len(ctx.dataset) - len(covered),
    )


def summary(found: dict[topics.Topic, list[topics.Match]]) -> list[tuple[topics.Facet, list[tuple[topics.Topic, int]]]]:
    """Each facet's topics with how many jurisdictions each view lists."""
    by_facet: dict = {}
    for topic, matches in found.items():
        by_facet.setdefault(topic.facet, []).append((topic, len({m.j.id for m in matches})))
    return list(by_facet.items())


def outputs(ctx: SiteContext) -> dict[str, str]:
    found = {t: topics.matches(ctx.dataset, t) for t in topics.topics()}  # once per topic, for its page and the lists
    facets = summary(found)
    pages = {f"{TOPICS_DIR}/{t.slug}.md": topic_page(ctx, t, m) for t, m in found.items()}
    pages[f"{TOPICS_DIR}/index.md"] = render("topics/index.md.j2", f"atlas/{TOPICS_DIR}/index.md", facets=facets)
    pages["_snippets/home_questions.md"] = render("topics/home.md.j2", "index.md", facets=facets)
    return pages
