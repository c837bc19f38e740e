"""The map: boundaries keyed by the data's ids, escaping, size budget, no third party."""

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


def embedded(text: str, prefix: str) -> dict:
    """The JSON assigned to a window variable in a script."""
    start = text.index(prefix) + len(prefix)
    end = text.index(";</script>", start) if "</script>" in text[start:] else text.rindex(";")
    return json.loads(text[start:end])


def shapes_of(outputs) -> dict:
    text = outputs["map/shapes.js"]
    prefix = "window.ATLAS_SHAPES = "
    assert text.startswith(prefix)
    return json.loads(text[len(prefix):].rstrip().rstrip(";"))


def data_of(outputs) -> dict:
    return embedded(outputs["map/atlas-map.html"], "window.ATLAS_DATA = ")


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
    # one script restyles the same layers; no folium GeoJson layer per dimension
    assert html_doc.count("L.geoJSON(") == 1
    assert "setStyle(style)" in html_doc


def test_folium_scaffold_with_vendored_leaflet_and_no_tiles(outputs):
    html_doc = outputs["map/atlas-map.html"]
    assert "L.map(" in html_doc and 'id="map_atlas"' in html_doc
    assert "tileLayer" not in html_doc
    scripts = re.findall(r'<script src="([^"]+)"', html_doc)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html_doc)
    assert scripts == [mapping.LEAFLET_JS, mapping.TOPOJSON_JS, mapping.SHAPES_JS]
    assert styles == [mapping.LEAFLET_CSS]
    # each vendored file exists where the map page (docs/atlas/map/) finds it, licence beside it
    for ref in (mapping.LEAFLET_JS, mapping.LEAFLET_CSS, mapping.TOPOJSON_JS):
        path = (DOCS / "atlas" / "map" / ref).resolve()
        assert path.is_file(), path
        assert (path.parent / "LICENSE").is_file()


def test_no_external_urls(outputs):
    for name, text in outputs.items():
        urls = re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.IGNORECASE)
        assert urls == [], (name, urls)
        for attr in re.findall(r'\b(?:src|href)="([^"]*)"', text):
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", attr, re.IGNORECASE), (name, attr)


def test_tile_layer_option(dataset):
    with_tiles = mapping.map_document(dataset, tiles={"url": "tiles/{z}/{x}/{y}.png", "attribution": "test"})
    assert "L.tileLayer(" in with_tiles and '"tiles/{z}/{x}/{y}.png"' in with_tiles


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


# --- escaping ---------------------------------------------------------------------------


def test_names_are_html_escaped(dataset):
    jid = next(iter(dataset.jurisdictions))
    hostile = Dataset()
    for key, j in dataset.jurisdictions.items():
        hostile.jurisdictions[key] = j.model_copy(update={"name": XSS}) if key == jid else j
    files = mapping.map_outputs(hostile)
    for name, text in files.items():
        assert "<img" not in text, name
        assert "onerror=alert(1)>" not in text, name
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert escaped in files["map.md"]
    assert data_of(files)["jurisdictions"][jid]["name"] == escaped


def test_shape_names_are_html_escaped(dataset, monkeypatch, topology):
    hostile = json.loads(json.dumps(topology))
    hostile["objects"]["countries"]["geometries"][0]["properties"]["name"] = XSS + '"&'
    monkeypatch.setattr(mapping, "boundaries", lambda: hostile)
    shapes = mapping.map_outputs(dataset)["map/shapes.js"]
    assert "<img" not in shapes
    first = shapes_of({"map/shapes.js": shapes})["objects"]["countries"]["geometries"][0]
    assert first["properties"]["name"] == "&lt;img src=x onerror=alert(1)&gt;&quot;&amp;"


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
