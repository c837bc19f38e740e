"""The map page: one choropleth per dimension, a small Leaflet page of our own, fully offline.

``map_outputs(dataset)`` returns the map's files, relative to ``docs/atlas/``:

``map.md``
    The page at ``/atlas/map/`` (``templates/map/page.md.j2``): the map in an
    iframe, a link to the overview table (the accessible equivalent) and a
    compact table of every jurisdiction's levels below the map.
``map/atlas-map.html``
    The map document (``templates/map/atlas-map.html.j2``, with ``map.css``
    and ``map.js`` beside it): the vendored Leaflet and topojson-client under
    ``docs/assets/vendor/``, the site's colours from
    ``docs/assets/css/palette.css``, and the data as JSON in a
    ``<script type="application/json" id="atlas-data">`` element, which the
    script reads with ``JSON.parse``. No request leaves the site.
``map/shapes.js``
    The boundaries (``generator/site/boundaries/boundaries.topo.json``) as one
    TopoJSON object, sent once. The script decodes it into two GeoJSON layers
    (countries, then subdivisions in a pane above them) and restyles the same
    shapes when another dimension is chosen.

Both templates are rendered by the project's autoescaped Jinja environment;
the script builds its tooltips, popups, legend and dimension chooser with
``textContent``, never as HTML, so names go into the data as they are. The
only thing that escapes here is ``script_json``, which keeps the JSON from
closing the element it sits in.

The colours are defined once, as custom properties in ``palette.css`` (which
the site's stylesheet uses too); the script reads them with
``getComputedStyle``, and the "unknown" hatch is an SVG pattern whose two
colours are the same properties as the site's striped "unknown" chip.

The map document reads its query parameters from its own URL or else from
the page that holds the iframe: ``focus=<id>`` centres the map on that
jurisdiction (jurisdiction pages link to ``../map/?focus=<id>``),
``dimension=<a dimension's key>`` chooses the view, and ``zoom`` with
``center=<lat>,<lng>`` set the view; it writes the dimension, zoom and centre
back into the address of the page that holds it, so a view is a link.
Every jurisdiction's shape is a focusable, labelled control (Enter opens its
popup), and the legend is a disclosure, folded on a phone.

Adding a tile layer
-------------------
There is none by default so that the site makes no third-party request. To
add one, pass ``tiles=`` to ``map_outputs`` (or change ``TILES``), e.g.::

    map_outputs(dataset, tiles={
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "&copy; OpenStreetMap contributors",
    })

which puts the url and attribution into the map's data, from which the script
adds a Leaflet ``TileLayer`` below the shapes (Leaflet shows the attribution
as HTML). That makes the readers' browsers contact that tile server; say so on
the about page, lower ``FILL_OPACITY`` so the tiles show through, and expect
the no-external-URL tests to need updating. A self-hosted tile folder under
``docs/`` with a relative URL keeps the site self-contained.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.data import codebook, history
from generator.data.model import DIMENSIONS
from generator.site.render import render

BOUNDARIES = Path(__file__).resolve().parent / "boundaries" / "boundaries.topo.json"

# URLs as seen from /atlas/map/atlas-map.html
VENDOR = "../../assets/vendor"
LEAFLET_JS = f"{VENDOR}/leaflet/leaflet.js"
LEAFLET_CSS = f"{VENDOR}/leaflet/leaflet.css"
TOPOJSON_JS = f"{VENDOR}/topojson-client/topojson-client.min.js"
PALETTE_CSS = "../../assets/css/palette.css"
SHAPES_JS = "shapes.js"
MAP_HTML = "atlas-map.html"
PAGE = "atlas/map.md"  # the map page's path under docs/, for the links its template makes

FILL_OPACITY = 1.0
TILES: dict[str, str] | None = None

DIMENSION_TITLES = codebook.DIMENSION_TITLES

# ISO 3166-2 subdivisions that Natural Earth draws as countries (ISO 3166-1): a data file
# with the subdivision's id is drawn with the country's shape unless that country has a file too.
SHAPE_ALIASES = {
    "us-pr": "pr", "us-gu": "gu", "us-vi": "vi", "us-as": "as", "us-mp": "mp",
    "cn-hk": "hk", "cn-mo": "mo", "nl-aw": "aw", "nl-cw": "cw", "nl-sx": "sx",
}


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survives, nor the two line
    separators that older JavaScript engines refuse inside string literals."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@lru_cache(maxsize=1)
def boundaries() -> dict:
    return json.loads(BOUNDARIES.read_text(encoding="utf-8"))


def shape_ids(topology: dict | None = None) -> dict[str, set[str]]:
    topology = topology or boundaries()
    return {name: {g["id"] for g in obj["geometries"]} for name, obj in topology["objects"].items()}


def level_key(level: Any) -> str:
    return "unknown" if level == "unknown" else str(level)


def dimension_info() -> list[dict]:
    """Each dimension's key, title and level words, in the codebook's order (legend, chooser, key)."""
    return [
        {"key": d, "title": DIMENSION_TITLES[d],
         "levels": {level_key(value): label for value, label, _ in codebook.levels(d)}}
        for d in DIMENSIONS
    ]


def shape_for(jid: str, dataset, drawn: set[str]) -> str:
    """The id of the shape that draws a jurisdiction: its own, or an alias (us-pr -> pr)."""
    alias = SHAPE_ALIASES.get(jid)
    if jid not in drawn and alias in drawn and alias not in dataset.jurisdictions:
        return alias
    return jid


def _timeline(dataset, timeline):
    # a build passes the context's; without one (a test), the levels are dated as of this year
    return timeline if timeline is not None else history.timeline(dataset.jurisdictions, date.today().year)


def _history(timeline, jid: str) -> dict[str, list]:
    """Each dimension's dated steps as [year, level] pairs, for the map's year slider."""
    return {d: [[s.year, level_key(s.level)] for s in steps] for d, steps in timeline.steps[jid].items() if steps}


def atlas_data(dataset, tiles: dict[str, str] | None = None, timeline=None) -> dict:
    """What the map document's script reads: dimensions, jurisdictions (raw text, levels today and
    dated steps), the years the slider spans, fill, tiles."""
    drawn = set().union(*shape_ids().values())
    timeline = _timeline(dataset, timeline)
    jurisdictions = {
        jid: {
            "shape": shape_for(jid, dataset, drawn),
            "name": j.name,
            "parent": j.parent or None,
            "href": f"../{jid}/",  # from atlas/map/atlas-map.html to the jurisdiction's page
            "levels": {d: level_key(j.dimension(d).level) for d in DIMENSIONS},
            "history": _history(timeline, jid),
        }
        for jid, j in dataset.jurisdictions.items()
    }
    tiles = tiles if tiles is not None else TILES
    return {
        "dimensions": dimension_info(),
        "years": {"first": timeline.years[0], "last": timeline.years[-1]},
        "jurisdictions": jurisdictions,
        "fillOpacity": FILL_OPACITY,
        "tiles": {"url": tiles["url"], "attribution": tiles.get("attribution", "")} if tiles else None,
    }


def map_document(dataset, tiles: dict[str, str] | None = None, timeline=None) -> str:
    """The map's HTML document: vendored Leaflet, the palette, the data as JSON, our script."""
    return render(
        "map/atlas-map.html.j2", page=f"atlas/map/{MAP_HTML}",
        leaflet_css=LEAFLET_CSS, palette_css=PALETTE_CSS,
        scripts=[LEAFLET_JS, TOPOJSON_JS, SHAPES_JS],
        # script_json leaves no '<', '>' or '&': the text cannot end the element or start markup
        data=Markup(script_json(atlas_data(dataset, tiles=tiles, timeline=timeline))),
    )


def shapes_script() -> str:
    return "window.ATLAS_SHAPES = " + script_json(boundaries()) + ";\n"


def map_page(dataset) -> str:
    drawn = set().union(*shape_ids().values())
    rows = [
        {"id": jid, "name": j.name, "drawn": shape_for(jid, dataset, drawn) in drawn,
         "levels": [(d, j.dimension(d).level) for d in DIMENSIONS]}
        for jid, j in dataset.jurisdictions.items()
    ]
    return render("map/page.md.j2", page=PAGE, dimensions=dimension_info(), rows=rows,
                  map_document=f"atlas/map/{MAP_HTML}")


def map_page_files(dataset) -> dict[str, str]:
    """The map page (Markdown under docs/atlas/)."""
    return {"map.md": map_page(dataset)}


def map_static_files(dataset, tiles: dict[str, str] | None = None, timeline=None) -> dict[str, str]:
    """What the map page loads, placed under atlas/ in the built site."""
    return {f"map/{MAP_HTML}": map_document(dataset, tiles=tiles, timeline=timeline),
            f"map/{SHAPES_JS}": shapes_script()}


def map_outputs(dataset, tiles: dict[str, str] | None = None) -> dict[str, str]:
    """All of the map's files, relative to atlas/."""
    return {**map_page_files(dataset), **map_static_files(dataset, tiles=tiles)}
