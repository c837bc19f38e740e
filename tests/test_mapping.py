"""The map: boundaries keyed by the data's ids, data as JSON shown as text, one palette, size budget, no third party."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from generator.site import mapping
from generator.data.dataset import Dataset, validate
from generator.data.model import DIMENSIONS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "jurisdictions"
DOCS = ROOT / "docs"
PALETTE_CSS = DOCS / "assets" / "css" / "palette.css"
MAP_TEMPLATES = ROOT / "generator" / "site" / "templates" / "map"
BUDGET_RAW = 300 * 1024
BUDGET_GZIP = 100 * 1024
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ds, _ = validate([DATA])
    assert len(ds) > 0
    return ds


@pytest.fixture(scope="module")
def outputs(dataset) -> dict[str, str]:
    return mapping.map_outputs(dataset)


@pytest.fixture(scope="module")
def topology() -> dict:
    return json.loads(mapping.BOUNDARIES.read_text(encoding="utf-8"))


DATA_OPEN = '<script type="application/json" id="atlas-data">'


def data_text(html_doc: str) -> str:
    """The text of the map document's JSON data element."""
    assert html_doc.count(DATA_OPEN) == 1
    start = html_doc.index(DATA_OPEN) + len(DATA_OPEN)
    return html_doc[start:html_doc.index("</script>", start)]


def inline_scripts(html_doc: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html_doc, re.DOTALL)


def shapes_of(outputs) -> dict:
    text = outputs["map/shapes.js"]
    prefix = "window.ATLAS_SHAPES = "
    assert text.startswith(prefix)
    return json.loads(text[len(prefix):].rstrip().rstrip(";"))


def data_of(outputs) -> dict:
    return json.loads(data_text(outputs["map/atlas-map.html"]))


def decoded_polygons(topo: dict, geometry: dict) -> list[list[list[tuple[float, float]]]]:
    """Decode a TopoJSON (quantized, delta-encoded) Polygon/MultiPolygon into rings of lon/lat."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]

    def arc(i):
        points, x, y = [], 0, 0
        for dx, dy in topo["arcs"][i if i >= 0 else ~i]:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        return points if i >= 0 else points[::-1]

    def ring(indexes):
        out = []
        for i in indexes:
            pts = arc(i)
            out.extend(pts if not out else pts[1:])
        return out

    polys = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return [[ring(r) for r in poly] for poly in polys]


# --- the boundaries file -----------------------------------------------------------------


def test_boundaries_keyed_by_lower_case_iso_ids(topology):
    for name, obj in topology["objects"].items():
        ids = [g["id"] for g in obj["geometries"]]
        assert len(ids) == len(set(ids)), name
        for gid in ids:
            assert re.fullmatch(r"[a-z]{2}(-[a-z0-9]{1,3})?|_[a-z]{3}", gid), gid
    subs = {g["id"]: g["properties"]["parent"] for g in topology["objects"]["subdivisions"]["geometries"]}
    assert all(sid.startswith(parent + "-") for sid, parent in subs.items())


def test_boundaries_have_the_required_subdivisions(topology):
    ids = mapping.shape_ids(topology)
    subs = ids["subdivisions"]
    assert {"us-ga", "us-ca", "us-dc", "us-ak", "us-hi", "ca-on", "ca-qc", "ca-nu", "au-sa",
            "au-nsw", "au-act", "gb-eng", "gb-sct", "gb-wls", "gb-nir"} <= subs
    by_country = {c: sum(1 for s in subs if s.startswith(c + "-")) for c in ("us", "ca", "au", "gb")}
    assert by_country == {"us": 51, "ca": 13, "au": 8, "gb": 4}
    assert {"us", "ca", "au", "gb", "ru", "fj", "nz", "jp", "ke", "ch", "hk", "tl", "fr", "no"} <= ids["countries"]
    assert len(ids["countries"]) >= 200


def test_antimeridian_countries_draw_in_one_piece(topology):
    geoms = {g["id"]: g for obj in topology["objects"].values() for g in obj["geometries"]}
    for gid in ("ru", "fj", "nz", "us", "us-ak"):
        rings = [r for poly in decoded_polygons(topology, geoms[gid]) for r in poly]
        xs = [x for r in rings for x, _ in r]
        assert max(xs) - min(xs) < 180, (gid, min(xs), max(xs))
        for r in rings:  # no edge jumps across the map
            assert all(abs(b[0] - a[0]) < 180 for a, b in zip(r, r[1:])), gid
    # Chukotka sits east of 180°, next to the rest of Russia
    ru = [x for poly in decoded_polygons(topology, geoms["ru"]) for r in poly for x, _ in r]
    assert max(ru) > 180 and min(ru) > 0


def test_provenance_records_the_committed_file():
    text = (mapping.BOUNDARIES.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(mapping.BOUNDARIES.read_bytes()).hexdigest()
    assert digest in text, "update the output sha256 in generator/site/boundaries/PROVENANCE.md"
    for needed in ("r-cran-rnaturalearthdata", "public domain", "CC0", "mapshaper", "build_boundaries.py",
                   "Adding another country"):
        assert needed in text
    assert (ROOT / "scripts" / "build_boundaries.py").exists()


# --- the outputs ------------------------------------------------------------------------------


def test_outputs_are_the_page_the_map_and_the_shapes(outputs):
    assert set(outputs) == {"map.md", "map/atlas-map.html", "map/shapes.js"}
    assert 'src="atlas-map.html"' in outputs["map.md"]
    assert 'href="../tables/overview/"' in outputs["map.md"]


def test_every_jurisdiction_with_a_shape_is_on_the_map(dataset, outputs):
    shapes = shapes_of(outputs)
    drawn = set().union(*mapping.shape_ids(shapes).values())
    data = data_of(outputs)["jurisdictions"]
    with_shape = [jid for jid in dataset.jurisdictions if data[jid]["shape"] in drawn]
    assert with_shape, "no jurisdiction of the data has a shape"
    shapes_used = [data[jid]["shape"] for jid in with_shape]
    assert len(shapes_used) == len(set(shapes_used)), "two jurisdictions drawn with one shape"
    for jid in with_shape:
        j = dataset.jurisdictions[jid]
        assert data[jid]["shape"] in (jid, mapping.SHAPE_ALIASES.get(jid))
        assert data[jid]["href"] == f"../{jid}/"
        for d in DIMENSIONS:
            level = j.dimension(d).level
            assert data[jid]["levels"][d] == ("unknown" if level == "unknown" else str(level))
    # a jurisdiction without a shape (e.g. a subdivision of a country whose subdivisions are not
    # in generator/site/boundaries yet) is still in the table, marked as not drawn
    page = outputs["map.md"]
    for jid in sorted(set(dataset.jurisdictions) - set(with_shape)):
        row = next(r for r in page.splitlines() if f'href="../{jid}/"' in r)
        assert "not drawn on the map" in row


def test_table_lists_every_jurisdiction_with_four_levels(dataset, outputs):
    page = outputs["map.md"]
    table = page[page.index('<table class="atlas-table atlas-map-table"'):]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table)
    assert len(rows) == len(dataset)
    for jid in dataset.jurisdictions:
        row = next(r for r in rows if f'href="../{jid}/"' in r)
        assert row.count('class="atlas-level ') == 4


def test_geometry_is_sent_once(outputs):
    html_doc = outputs["map/atlas-map.html"]
    assert '"arcs"' not in html_doc and '"arcs"' not in outputs["map.md"]
    assert outputs["map/shapes.js"].count('"type":"Topology"') == 1
    # one script restyles the same layers; no GeoJSON layer (nor copy of the geometry) per dimension
    assert html_doc.count("L.geoJSON(") == 1
    assert "setStyle(style)" in html_doc


def test_leaflet_page_with_vendored_scripts_the_palette_and_no_tiles(outputs):
    html_doc = outputs["map/atlas-map.html"]
    assert "folium" not in html_doc and 'id="map_atlas"' in html_doc and "L.map('map_atlas'" in html_doc
    assert data_of(outputs)["tiles"] is None
    scripts = re.findall(r'<script src="([^"]+)"', html_doc)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html_doc)
    assert scripts == [mapping.LEAFLET_JS, mapping.TOPOJSON_JS, mapping.SHAPES_JS]
    assert styles == [mapping.LEAFLET_CSS, mapping.PALETTE_CSS]
    # the data comes before the scripts that read it, and is read as JSON, not run
    assert html_doc.index(DATA_OPEN) < html_doc.index(f'<script src="{mapping.LEAFLET_JS}"')
    assert "JSON.parse(document.getElementById('atlas-data').textContent)" in html_doc
    # each vendored file exists where the map page (docs/atlas/map/) finds it, licence beside it
    for ref in (mapping.LEAFLET_JS, mapping.LEAFLET_CSS, mapping.TOPOJSON_JS):
        path = (DOCS / "atlas" / "map" / ref).resolve()
        assert path.is_file(), path
        assert (path.parent / "LICENSE").is_file()
    assert (DOCS / "atlas" / "map" / mapping.PALETTE_CSS).resolve() == PALETTE_CSS


def test_the_script_builds_text_not_html(outputs):
    html_doc = outputs["map/atlas-map.html"]
    scripts = inline_scripts(html_doc)
    assert len(scripts) == 1 and "textContent" in scripts[0] and "createElement" in scripts[0]
    for code in scripts + [outputs["map/shapes.js"]]:
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser", "eval("):
            assert sink not in code, sink
    # and nothing is escaped for HTML in Python any more
    source = Path(mapping.__file__).read_text(encoding="utf-8")
    assert "html.escape" not in source and "import html" not in source
    assert "folium" not in source.split('"""', 2)[2] and "branca" not in source


def test_data_element_is_json_of_atlas_data(dataset, outputs):
    text = data_text(outputs["map/atlas-map.html"])
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == mapping.atlas_data(dataset)
    assert text == mapping.script_json(mapping.atlas_data(dataset))


def test_no_external_urls(outputs):
    for name, text in outputs.items():
        urls = re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.IGNORECASE)
        assert urls == [], (name, urls)
        for attr in re.findall(r'\b(?:src|href)="([^"]*)"', text):
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", attr, re.IGNORECASE), (name, attr)


def test_tile_layer_option(dataset):
    tiles = {"url": "tiles/{z}/{x}/{y}.png", "attribution": "test"}
    with_tiles = mapping.map_document(dataset, tiles=tiles)
    assert "L.tileLayer(DATA.tiles.url" in with_tiles
    assert json.loads(data_text(with_tiles))["tiles"] == tiles


def test_size_budget(outputs):
    vendored_extra = (DOCS / "atlas" / "map" / mapping.TOPOJSON_JS).resolve().read_bytes()  # Leaflet aside
    blobs = [text.encode("utf-8") for text in outputs.values()] + [vendored_extra]
    raw = sum(len(b) for b in blobs)
    gz = sum(len(gzip.compress(b, 9)) for b in blobs)
    print(f"map page and data: {raw} bytes, {gz} gzipped")
    assert raw <= BUDGET_RAW, raw
    assert gz <= BUDGET_GZIP, gz


def test_outputs_are_deterministic(dataset, outputs):
    assert mapping.map_outputs(dataset) == outputs


# --- names are data, shown as text -----------------------------------------------------------

BREAKOUT = "</script><b>bold</b> --> <!-- " + XSS


def with_name(dataset, name: str) -> tuple[str, Dataset]:
    jid = next(iter(dataset.jurisdictions))
    hostile = Dataset()
    for key, j in dataset.jurisdictions.items():
        hostile.jurisdictions[key] = j.model_copy(update={"name": name}) if key == jid else j
    return jid, hostile


def test_markup_in_a_name_round_trips_as_text(dataset, outputs):
    jid, hostile = with_name(dataset, BREAKOUT)
    files = mapping.map_outputs(hostile)
    html_doc = files["map/atlas-map.html"]
    for name, text in files.items():
        assert "<img" not in text and "<b>" not in text and "-->" not in text, name
    # the document has the same elements as with a plain name: nothing closed or opened
    for tag in ("<script", "</script>", "<!--"):
        assert html_doc.count(tag) == outputs["map/atlas-map.html"].count(tag), tag
    # the data carries the name as it is; the script shows it with textContent
    assert data_of(files)["jurisdictions"][jid]["name"] == BREAKOUT
    # the page's table has it escaped by the template
    assert "&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; --&gt; &lt;!-- &lt;img src=x onerror=alert(1)&gt;" in files["map.md"]


def test_shape_names_go_into_the_shapes_as_text(dataset, monkeypatch, topology):
    hostile = json.loads(json.dumps(topology))
    hostile["objects"]["countries"]["geometries"][0]["properties"]["name"] = BREAKOUT + '"&'
    monkeypatch.setattr(mapping, "boundaries", lambda: hostile)
    shapes = mapping.map_outputs(dataset)["map/shapes.js"]
    assert "<" not in shapes and "&" not in shapes
    first = shapes_of({"map/shapes.js": shapes})["objects"]["countries"]["geometries"][0]
    assert first["properties"]["name"] == BREAKOUT + '"&'


def test_script_json_cannot_close_the_script():
    text = mapping.script_json({"a": "</script><script>alert(1)</script>"})
    assert "</script" not in text and "<" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>"}


def test_jurisdiction_without_a_shape_is_in_the_table_but_not_drawn(dataset):
    some = Dataset()
    j = next(iter(dataset.jurisdictions.values()))
    some.jurisdictions["br-sp"] = j.model_copy(update={"id": "br-sp", "name": "São Paulo", "parent": "br"})
    files = mapping.map_outputs(some)
    row = next(r for r in files["map.md"].splitlines() if 'href="../br-sp/"' in r)
    assert "not drawn on the map" in row and "São Paulo" in row
    assert "br-sp" in data_of(files)["jurisdictions"]


def test_a_subdivision_drawn_as_a_country_uses_the_country_shape(dataset):
    some = Dataset()
    j = next(iter(dataset.jurisdictions.values()))
    some.jurisdictions["us-pr"] = j.model_copy(update={"id": "us-pr", "name": "Puerto Rico", "parent": "us"})
    data = data_of(mapping.map_outputs(some))["jurisdictions"]
    assert data["us-pr"]["shape"] == "pr" and data["us-pr"]["href"] == "../us-pr/"
    # a file for the country itself keeps its own shape
    some.jurisdictions["pr"] = j.model_copy(update={"id": "pr", "name": "Puerto Rico (country)", "parent": None})
    data = data_of(mapping.map_outputs(some))["jurisdictions"]
    assert data["pr"]["shape"] == "pr" and data["us-pr"]["shape"] == "us-pr"


def test_json_in_the_map_script_cannot_close_it_or_break_a_string():
    from generator.site.mapping import script_json

    text = script_json({"name": "</script><!--&\u2028\u2029"})
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == {"name": "</script><!--&\u2028\u2029"}


# --- one palette -----------------------------------------------------------------------------


def palette() -> dict[str, str]:
    return dict(re.findall(r"--atlas-([a-z0-9-]+):\s*(#[0-9a-fA-F]{3,8})\s*;", PALETTE_CSS.read_text(encoding="utf-8")))


def test_palette_css_is_the_only_place_the_colours_are_defined():
    colours = {k: v.lower() for k, v in palette().items() if not k.endswith("-fg")}
    levels = {f"l{key}" for key in mapping.dimension_info()[0]["levels"] if key != "unknown"}
    assert levels | {"unknown-bg", "unknown-stripe", "not-in-atlas", "ocean"} == set(colours)
    atlas_css = (DOCS / "assets" / "css" / "atlas.css").read_text(encoding="utf-8")
    sources = {"atlas.css": atlas_css, "mapping.py": Path(mapping.__file__).read_text(encoding="utf-8")}
    sources.update({f"templates/map/{p.name}": p.read_text(encoding="utf-8") for p in MAP_TEMPLATES.iterdir()})
    for name, text in sources.items():
        for key, value in colours.items():
            assert value not in text.lower(), (name, key, value)
        assert not re.search(r"--atlas-[a-z0-9-]+\s*:", text), name  # uses the properties, declares none
    for key in sorted(levels):
        assert f"var(--atlas-{key})" in atlas_css
    # the site loads the palette before its stylesheet; the map reads the same properties
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extra_css = re.search(r"(?m)^extra_css:\n((?:  - .*\n)+)", config).group(1).split()
    assert extra_css[1::2] == ["assets/css/palette.css", "assets/css/atlas.css"]
    script = (MAP_TEMPLATES / "map.js").read_text(encoding="utf-8")
    assert "getComputedStyle(document.documentElement)" in script and "getPropertyValue('--atlas-' +" in script
    # one "unknown" hatch: the map's pattern and the site's chips take the same two properties
    css = PALETTE_CSS.read_text(encoding="utf-8")
    assert re.search(r"--atlas-unknown:.*var\(--atlas-unknown-bg\).*var\(--atlas-unknown-stripe\)", css)
    map_css = (MAP_TEMPLATES / "map.css").read_text(encoding="utf-8")
    assert "fill: var(--atlas-unknown-bg)" in map_css and "fill: var(--atlas-unknown-stripe)" in map_css
    assert "background: var(--atlas-unknown)" in map_css


def test_no_dimension_is_named_in_the_map_code():
    files = [Path(mapping.__file__), *MAP_TEMPLATES.iterdir()]
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for d in DIMENSIONS:
            assert not re.search(rf"\b{d}\b", text), (path.name, d)
