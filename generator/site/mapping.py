"""The map page: one choropleth per dimension, built with folium, fully offline.

``map_outputs(dataset)`` returns the map's files, relative to ``docs/atlas/``:

``map.md``
    The page at ``/atlas/map/``: the map in an iframe, a link to the overview
    table (the accessible equivalent) and a compact table of every
    jurisdiction's four levels below the map.
``map/atlas-map.html``
    The map document. folium builds its scaffold (``folium.Map``) with its
    CDN scripts and styles replaced on the instance (``default_js`` /
    ``default_css``) by the vendored Leaflet and topojson-client under
    ``docs/assets/vendor/``, and ``tiles=None``: no request leaves the site.
``map/shapes.js``
    The boundaries (``generator/site/boundaries/boundaries.topo.json``) as one
    TopoJSON object, sent once. The script in the map document decodes it
    into two GeoJSON layers (countries, then subdivisions in a pane above
    them) and restyles the same shapes when another dimension is chosen,
    instead of folium's one GeoJson layer (and one copy of the geometry) per
    view.

Everything that reaches the browser as text (names, level words, links) is
HTML-escaped here with ``html.escape`` before it is put into the data, since
tooltips and popups are inserted as HTML.

The map document reads two query parameters, from its own URL or else from
the page that holds the iframe: ``focus=<id>`` centres the map on that
jurisdiction (jurisdiction pages link to ``../map/?focus=<id>``) and
``dimension=<mandates|funding|certification|staffing>`` chooses the view.

Adding a tile layer
-------------------
There is none by default so that the site makes no third-party request. To
add one, pass ``tiles=`` to ``map_outputs`` (or change ``TILES``), e.g.::

    map_outputs(dataset, tiles={
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "&copy; OpenStreetMap contributors",
    })

which adds a ``folium.TileLayer`` below the shapes (and then makes the
readers' browsers contact that tile server; say so on the about page, lower
``FILL_OPACITY`` so the tiles show through, and expect the no-external-URL
tests to need updating). A self-hosted tile folder under ``docs/`` with a
relative URL keeps the site self-contained.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from branca.element import Element, MacroElement
from jinja2 import Template

from generator.data import codebook
from generator.data.model import DIMENSIONS

BOUNDARIES = Path(__file__).resolve().parent / "boundaries" / "boundaries.topo.json"

# URLs as seen from /atlas/map/atlas-map.html
VENDOR = "../../assets/vendor"
LEAFLET_JS = f"{VENDOR}/leaflet/leaflet.js"
LEAFLET_CSS = f"{VENDOR}/leaflet/leaflet.css"
TOPOJSON_JS = f"{VENDOR}/topojson-client/topojson-client.min.js"
SHAPES_JS = "shapes.js"
MAP_HTML = "atlas-map.html"

# ColorBrewer YlGnBu, 4 classes (colour-blind safe, print friendly), as in atlas.css
PALETTE = {0: "#ffffcc", 1: "#a1dab4", 2: "#41b6c4", 3: "#225ea8"}
UNKNOWN_BG = "#e6e6e6"
UNKNOWN_STRIPE = "#8c8c8c"
NOT_IN_ATLAS = "#f4f4f4"
OCEAN = "#dde5ec"
FILL_OPACITY = 1.0
TILES: dict[str, str] | None = None

DIMENSION_TITLES = codebook.DIMENSION_TITLES

# ISO 3166-2 subdivisions that Natural Earth draws as countries (ISO 3166-1): a data file
# with the subdivision's id is drawn with the country's shape unless that country has a file too.
SHAPE_ALIASES = {
    "us-pr": "pr", "us-gu": "gu", "us-vi": "vi", "us-as": "as", "us-mp": "mp",
    "cn-hk": "hk", "cn-mo": "mo", "nl-aw": "aw", "nl-cw": "cw", "nl-sx": "sx",
}


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


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


def escaped_topology(topology: dict) -> dict:
    """A copy of the TopoJSON whose text properties are HTML-escaped."""
    out = dict(topology)
    out["objects"] = {}
    for name, obj in topology["objects"].items():
        geoms = []
        for g in obj["geometries"]:
            g = dict(g)
            g["id"] = esc(g["id"])
            g["properties"] = {k: esc(v) for k, v in (g.get("properties") or {}).items()}
            geoms.append(g)
        out["objects"][name] = {**obj, "geometries": geoms}
    return out


def level_key(level: Any) -> str:
    return "unknown" if level == "unknown" else str(level)


def dimension_info() -> list[dict]:
    dims = []
    for d in DIMENSIONS:
        levels = {level_key(value): esc(label) for value, label, _ in codebook.levels(d)}
        dims.append({"key": d, "title": esc(DIMENSION_TITLES[d]), "levels": levels})
    return dims


def shape_for(jid: str, dataset, drawn: set[str]) -> str:
    """The id of the shape that draws a jurisdiction: its own, or an alias (us-pr -> pr)."""
    alias = SHAPE_ALIASES.get(jid)
    if jid not in drawn and alias in drawn and alias not in dataset.jurisdictions:
        return alias
    return jid


def atlas_data(dataset) -> dict:
    drawn = set().union(*shape_ids().values())
    jurisdictions = {}
    for jid, j in dataset.jurisdictions.items():
        jurisdictions[esc(jid)] = {
            "shape": esc(shape_for(jid, dataset, drawn)),
            "name": esc(j.name),
            "parent": esc(j.parent) if j.parent else None,
            "href": esc(f"../{jid}/"),
            "levels": {d: level_key(j.dimension(d).level) for d in DIMENSIONS},
        }
    return {
        "dimensions": dimension_info(),
        "jurisdictions": jurisdictions,
        "palette": {str(k): v for k, v in PALETTE.items()},
        "fillOpacity": FILL_OPACITY,
        "notInAtlas": NOT_IN_ATLAS,
    }


def _template(name: str) -> str:
    # the map's stylesheet, markup and script, kept as files of their own;
    # they are %-format templates (colours, the folium map's variable name)
    return (Path(__file__).parent / "templates" / "map" / name).read_text(encoding="utf-8")


MAP_CSS = _template("map.css")

MAP_BODY = _template("map-body.html")

# Runs after folium has created the map; `map` is the Leaflet map.
MAP_JS = _template("map.js")


class _AtlasLayers(MacroElement):
    """The data, the shapes loader and the restyling script, attached to a folium Map."""

    _template = Template(
        "{% macro header(this, kwargs) %}{{ this.css }}{% endmacro %}"
        "{% macro html(this, kwargs) %}{{ this.body }}{% endmacro %}"
        "{% macro script(this, kwargs) %}{{ this.js }}{% endmacro %}"
    )

    def __init__(self, css: str, body: str, js: str):
        super().__init__()
        self._name = "AtlasLayers"
        self._id = "atlas"
        self.css, self.body, self.js = css, body, js


def map_document(dataset, tiles: dict[str, str] | None = None) -> str:
    """The map's HTML document (folium scaffold, vendored Leaflet, no tiles)."""
    import folium  # only where the map document is built (in the static-files worker)

    m = folium.Map(tiles=None, location=[20, 10], zoom_start=2, min_zoom=1, max_zoom=9,
                   world_copy_jump=False, control_scale=False, prefer_canvas=False)
    m._id = "atlas"  # a stable element id, so that rebuilds are byte-identical
    m.default_js = [("leaflet", LEAFLET_JS), ("topojson-client", TOPOJSON_JS), ("atlas-shapes", SHAPES_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    tiles = tiles if tiles is not None else TILES
    if tiles:
        layer = folium.TileLayer(tiles=tiles["url"], attr=tiles.get("attribution", ""), name="tiles")
        layer._id = "tiles"
        layer.add_to(m)
    colours = {"ocean": OCEAN, "unknown_bg": UNKNOWN_BG, "unknown_stripe": UNKNOWN_STRIPE, "none": NOT_IN_ATLAS}
    root = m.get_root()
    data = Element("<script>window.ATLAS_DATA = " + script_json(atlas_data(dataset)) + ";</script>")
    data._id = "atlas_data"
    root.header.add_child(data, name="atlas_data")
    m.add_child(_AtlasLayers(MAP_CSS % colours, MAP_BODY % colours, MAP_JS % {"map": m.get_name()}))
    page = root.render()
    # folium forbids zooming the page on phones; let readers zoom
    page = page.replace("initial-scale=1.0, maximum-scale=1.0, user-scalable=no", "initial-scale=1.0")
    page = page.replace("<html>", '<html lang="en">', 1)
    page = page.replace("<head>", "<head>\n    <title>Peer Support Policy Atlas map</title>", 1)
    return page


def shapes_script() -> str:
    return "window.ATLAS_SHAPES = " + script_json(escaped_topology(boundaries())) + ";\n"


def _level_cell(dimension: str, level: Any) -> str:
    # the level's words are in the legend and the codebook; one title per cell
    # would make this table the heaviest part of the page as the atlas grows
    cls, shown = ("unknown", "unknown") if level == "unknown" else (f"l{level}", str(level))
    return f'<td><span class="atlas-level atlas-level--{cls}">{shown}</span></td>'


def map_page(dataset) -> str:
    ids = set().union(*shape_ids().values())
    rows = []
    for jid, j in dataset.jurisdictions.items():
        cells = "".join(_level_cell(d, j.dimension(d).level) for d in DIMENSIONS)
        off_map = "" if shape_for(jid, dataset, ids) in ids else " <small>(not drawn on the map)</small>"
        rows.append(f'<tr><th scope="row"><a href="../{esc(jid)}/">{esc(j.name)}</a>{off_map}</th>{cells}</tr>')
    heads = "".join(f'<th scope="col">{esc(DIMENSION_TITLES[d])}</th>' for d in DIMENSIONS)
    key = "".join(
        f"<li><strong>{esc(DIMENSION_TITLES[d])}</strong>: "
        + "; ".join(f"{'unknown' if v == 'unknown' else v} {esc(label)}" for v, label, _ in codebook.levels(d))
        + "</li>"
        for d in DIMENSIONS
    )
    return f"""---
hide:
  - navigation
  - toc
---

# Map

<p>Each jurisdiction coloured by its coded level in one dimension; choose the dimension with the
control on the map. Hover over a shape for its name and level, click it for a link to its page.
Levels run from 0 (none identified) to 3; <em>unknown</em> (hatched) means not yet established,
which is not the same as 0. The same levels are in the <a href="../tables/overview/">overview table</a>
and in the table below the map.</p>

<iframe class="atlas-map-frame" src="{MAP_HTML}" title="Map of peer support policy levels by jurisdiction"
  style="width:100%;height:600px;border:1px solid rgba(0,0,0,.2);border-radius:4px"></iframe>

<p><small>Boundaries: Natural Earth (public domain), simplified; drawn for display, they imply no
position on disputed borders. States and provinces not in the atlas show their country's level.</small></p>

<h2 id="levels-table">The levels as a table</h2>

<details><summary>What the levels mean</summary><ul>{key}</ul>
<p>The <a href="../codebook/">codebook</a> describes each level in full.</p></details>

<div class="atlas-table-wrap" data-search-exclude>
<table class="atlas-table atlas-map-table" id="map-levels">
<caption>Coded levels by jurisdiction ({len(rows)} jurisdictions); the map shows the same values</caption>
<thead><tr><th scope="col">Jurisdiction</th>{heads}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
"""


def map_page_files(dataset) -> dict[str, str]:
    """The map page (Markdown under docs/atlas/)."""
    return {"map.md": map_page(dataset)}


def map_static_files(dataset, tiles: dict[str, str] | None = None) -> dict[str, str]:
    """What the map page loads, placed under atlas/ in the built site."""
    return {f"map/{MAP_HTML}": map_document(dataset, tiles=tiles), f"map/{SHAPES_JS}": shapes_script()}


def map_outputs(dataset, tiles: dict[str, str] | None = None) -> dict[str, str]:
    """All of the map's files, relative to atlas/."""
    return {**map_page_files(dataset), **map_static_files(dataset, tiles=tiles)}
