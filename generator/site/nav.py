"""The navigation: titles the nav gives generated pages, and the per-dimension tables in it.

mkdocs.yml lists the overview table under "Tables"; the plugin adds one entry per dimension
after it, titled by the field registry, so the nav follows the model instead of retyping
its dimensions. (A tool reading mkdocs.yml without the plugin, such as Zensical, shows the
overview only; the dimension tables are linked from it.)
"""

from __future__ import annotations

from generator.data.fields import DIMENSION_TITLES
from generator.data.model import DIMENSIONS

OVERVIEW = "atlas/tables/overview.md"


def nav_titles(nav: list | None, found: dict[str, str] | None = None) -> dict[str, str]:
    """Page path -> its title in mkdocs.yml's nav (a page made early keeps the nav's title)."""
    found = {} if found is None else found
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    found[value] = title
                else:
                    nav_titles(value, found)
    return found


def with_dimension_tables(nav: list | None) -> list | None:
    """The nav with a page per dimension after the overview table, wherever that is listed."""
    if not nav:
        return nav
    listed = _listed(nav)
    out = []
    for item in nav:
        if isinstance(item, dict):
            item = {title: with_dimension_tables(value) if isinstance(value, list) else value
                    for title, value in item.items()}
        out.append(item)
        if isinstance(item, dict) and OVERVIEW in item.values() and not listed:
            out += [{DIMENSION_TITLES[d]: f"atlas/tables/{d}.md"} for d in DIMENSIONS]
    return out


def _listed(nav: list) -> bool:
    """Whether the section already names a dimension table (an older mkdocs.yml)."""
    return any(f"atlas/tables/{d}.md" in nav_titles([i]) for i in nav for d in DIMENSIONS)
