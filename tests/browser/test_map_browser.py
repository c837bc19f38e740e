"""The map page, as a reader uses it in Chromium: shapes, layers, tooltips, popups, escaping."""

from __future__ import annotations

import json
import os
import re
from urllib.parse import parse_qsl
import shutil
import urllib.error
import urllib.request

import pytest

from generator.site import mapping
from generator.data.dataset import validate
from generator.data.model import DIMENSIONS

from .conftest import ARTIFACTS, ROOT, Page, Server, build_site

pytestmark = pytest.mark.browser

FRAME = "iframe.atlas-map-frame"
XSS = "<img src=x onerror=alert(1)>"
# the colours are palette.css's; the map's script reads them from the document's style
PALETTE_CSS = ROOT / "docs" / "assets" / "css" / "palette.css"
PALETTE = dict(re.findall(r"--atlas-([a-z0-9-]+):\s*(#[0-9a-fA-F]{3,8})\s*;", PALETTE_CSS.read_text(encoding="utf-8")))
LEVEL_FILLS = {key[1:]: value for key, value in PALETTE.items() if re.fullmatch(r"l\d", key)}


def _require_map(server: Server) -> None:
    try:
        urllib.request.urlopen(server.url + "atlas/map/atlas-map.html", timeout=10).close()
    except urllib.error.HTTPError:
        message = "the built site has no map: add generator.site.mapping.map_outputs to generate.BUILDERS"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def expected():
    dataset, _ = validate([ROOT / "jurisdictions"])
    return mapping.atlas_data(dataset)


@pytest.fixture
def map_page(site_page, bundled_site):
    _require_map(bundled_site)
    return site_page


def open_map(page: Page, query: str = ""):
    p = page.goto("/atlas/map/" + query)
    frame = p.frame_locator(FRAME)
    frame.locator("html[data-atlas-ready=true]").wait_for(timeout=15000)
    return p, p.frame(url=re.compile(r"atlas-map\.html"))


def fills(frame) -> dict[str, str]:
    return frame.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('path[data-atlas-id]')]"
        ".map(p => [p.getAttribute('data-atlas-id'), p.getAttribute('fill')]))"
    )


def expected_fill(expected: dict, jid: str, dimension: str) -> str:
    level = expected["jurisdictions"][jid]["levels"][dimension]
    return "url(#atlas-unknown)" if level == "unknown" else LEVEL_FILLS[level]


def shoot_map(page, name: str) -> None:
    """A screenshot of the map alone, as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(FRAME).screenshot(path=str(ARTIFACTS / f"{name}.png"))


def hover_centre(page, frame, jid: str) -> None:
    box = frame.locator(f'path[data-atlas-id="{jid}"]').bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_map_draws_every_shape_once(map_page, expected):
    page, frame = open_map(map_page)
    topo = mapping.boundaries()
    total = sum(len(o["geometries"]) for o in topo["objects"].values())
    assert frame.locator("path[data-atlas-id]").count() == total
    ids = frame.evaluate("() => [...document.querySelectorAll('path[data-atlas-id]')].map(p => p.getAttribute('data-atlas-id'))")
    assert len(ids) == len(set(ids))
    # subdivisions sit in a pane above the countries
    z = frame.evaluate("() => [getComputedStyle(document.querySelector('.leaflet-atlasCountries-pane')).zIndex,"
                       " getComputedStyle(document.querySelector('.leaflet-atlasSubdivisions-pane')).zIndex]")
    assert int(z[1]) > int(z[0])
    assert frame.locator('.leaflet-atlasSubdivisions-pane path[data-atlas-id="us-ga"]').count() == 1
    assert map_page.errors == []


def test_antimeridian_countries_are_not_bands(map_page):
    page, frame = open_map(map_page)
    width = frame.locator("#map_atlas").bounding_box()["width"]
    russia = frame.locator('path[data-atlas-id="ru"]').bounding_box()
    fiji = frame.locator('path[data-atlas-id="fj"]').bounding_box()
    assert russia["width"] < 0.6 * width, russia
    assert fiji["width"] < 0.05 * width, fiji


def test_each_layer_fills_by_its_dimension(map_page, expected):
    page, frame = open_map(map_page)
    drawn = set(fills(frame))
    members = {info["shape"]: jid for jid, info in expected["jurisdictions"].items() if info["shape"] in drawn}
    in_file = set().union(*mapping.shape_ids().values())
    assert set(members.values()) == {j for j, info in expected["jurisdictions"].items() if info["shape"] in in_file}
    assert members
    seen = []
    for dim in DIMENSIONS:
        frame.locator(f'input[name=atlas-dimension][value="{dim}"]').check()
        assert frame.evaluate("() => document.documentElement.dataset.atlasDimension") == dim
        current = fills(frame)
        for shape, jid in members.items():
            assert current[shape] == expected_fill(expected, jid, dim), (dim, jid)
        legend = frame.locator(".atlas-legend").inner_text()
        assert f"{expected['dimensions'][DIMENSIONS.index(dim)]['title']} level" in legend
        assert "Unknown" in legend and "Not in the atlas" in legend
        seen.append(tuple(current[j] for j in members))
        shoot_map(page, f"map-{dim}")
    assert len(set(seen)) > 1, "switching layers changed no fill"
    # not in the atlas: a plain light fill, different from level 0 and from unknown
    absent = sorted(set(fills(frame)) - {info["shape"] for info in expected["jurisdictions"].values()})
    assert absent, "every shape is in the atlas: nothing to check"
    not_in = fills(frame)[absent[0]]
    assert not_in == PALETTE["not-in-atlas"]
    assert not_in not in LEVEL_FILLS.values() and "url(" not in not_in


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


def test_unknown_is_one_hatch_from_the_palette(map_page):
    page, frame = open_map(map_page)
    # the map's pattern and its legend swatch take the two stripe colours of palette.css
    pattern = frame.evaluate("() => [...document.querySelectorAll('#atlas-unknown rect')].map(r => getComputedStyle(r).fill)")
    assert pattern == [rgb(PALETTE["unknown-bg"]), rgb(PALETTE["unknown-stripe"])]
    swatch = frame.evaluate("() => getComputedStyle(document.querySelector('.atlas-swatch--unknown')).backgroundImage")
    assert rgb(PALETTE["unknown-bg"]) in swatch and rgb(PALETTE["unknown-stripe"]) in swatch
    assert frame.evaluate("() => getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor") == rgb(PALETTE["ocean"])
    # the legend's level swatches are the fills of the shapes
    swatches = frame.evaluate("() => [...document.querySelectorAll('.atlas-legend .atlas-swatch:not([class*=\"--\"])')]"
                              ".map(s => s.style.backgroundColor)")
    assert swatches == [rgb(LEVEL_FILLS[k]) for k in sorted(LEVEL_FILLS, reverse=True)]
    # and the site's "unknown" chip is the same hatch
    page.goto(map_page.server.url + "atlas/tables/overview/")
    chip = page.evaluate("() => getComputedStyle(document.querySelector('.atlas-level--unknown')).backgroundImage")
    assert rgb(PALETTE["unknown-bg"]) in chip and rgb(PALETTE["unknown-stripe"]) in chip
    assert map_page.errors == []


def test_hover_shows_name_and_level_in_words(map_page, expected):
    page, frame = open_map(map_page, "?focus=us-ga")
    hover_centre(page, frame, "us-ga")
    tip = frame.locator(".leaflet-tooltip")
    tip.wait_for(timeout=5000)
    text = tip.inner_text()
    info = expected["jurisdictions"]["us-ga"]
    level = info["levels"]["mandates"]
    words = expected["dimensions"][0]["levels"][level]
    assert info["name"] in text
    assert f"Mandates: {level} ({words})" in text


def test_focus_centres_the_map_on_the_jurisdiction(map_page):
    page, frame = open_map(map_page, "?focus=ca-on")
    inside = frame.evaluate("() => atlasMap.byId['ca-on'].getBounds().contains(atlasMap.map.getCenter())")
    assert inside
    assert frame.evaluate("() => atlasMap.map.getZoom()") >= 3


def test_popup_link_opens_the_jurisdiction_page(map_page, expected):
    page, frame = open_map(map_page, "?focus=us-ga")
    box = frame.locator('path[data-atlas-id="us-ga"]').bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    link = frame.locator('.leaflet-popup a[data-atlas-id="us-ga"]')
    link.wait_for(timeout=5000)
    assert link.get_attribute("target") == "_top"
    page.wait_for_timeout(400)  # the popup fades in
    shoot_map(page, "map-popup")
    link.click()
    page.wait_for_url(re.compile(r"/atlas/us-ga/$"))
    heading = page.locator("h1").inner_text().replace("\u00b6", "").strip()  # without the permalink sign
    assert heading == expected["jurisdictions"]["us-ga"]["name"]


def test_map_page_links_to_the_table_equivalent(map_page, expected):
    page, _ = open_map(map_page)
    map_page.screenshot("map-page")
    assert page.locator('a[href="../tables/overview/"]').count() >= 1
    rows = page.locator("#map-levels tbody tr")
    assert rows.count() == len(expected["jurisdictions"])
    assert rows.first.locator(".atlas-level").count() == 4


def test_jurisdiction_page_links_to_the_map_centred_on_it(map_page):
    page = map_page.goto("/atlas/ca-on/")
    link = page.locator('a[href="../map/?focus=ca-on"]')
    assert link.count() >= 1
    link.first.click()
    page.wait_for_url(re.compile(r"/atlas/map/\?focus=ca-on$"))
    frame = page.frame_locator(FRAME)
    frame.locator("html[data-atlas-ready=true]").wait_for(timeout=15000)
    f = page.frame(url=re.compile(r"atlas-map\.html"))
    assert f.evaluate("() => atlasMap.byId['ca-on'].getBounds().contains(atlasMap.map.getCenter())")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The bundled data with Georgia's name replaced by markup."""
    work = tmp_path_factory.mktemp("hostile")
    data = work / "data"
    shutil.copytree(ROOT / "jurisdictions", data)
    path = data / "us-ga.yml"
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^name: .*$", "name: " + json.dumps(XSS), text, count=1)
    assert n == 1
    path.write_text(text, encoding="utf-8")
    server = Server(build_site(data, work))
    yield server
    server.close()


def test_markup_in_a_name_is_shown_as_text_not_run(browser, hostile_site):
    _require_map(hostile_site)
    page = Page(browser, hostile_site)
    try:
        p, frame = open_map(page, "?focus=us-ga")
        hover_centre(p, frame, "us-ga")
        tip = frame.locator(".leaflet-tooltip")
        tip.wait_for(timeout=5000)
        assert XSS in tip.inner_text()
        assert tip.locator("img").count() == 0
        box = frame.locator('path[data-atlas-id="us-ga"]').bounding_box()
        p.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        assert XSS in popup.inner_text() and popup.locator("img").count() == 0
        assert XSS in p.locator("#map-levels").inner_text()
        assert p.locator("#map-levels img").count() == 0
        p.wait_for_timeout(300)
        shoot_map(p, "map-escaped-name")
        assert page.dialogs == [] and page.errors == []
        assert page.outside == []
    finally:
        page.close()


def test_the_view_is_kept_in_the_address_of_the_page(map_page):
    page, frame = open_map(map_page, "?dimension=staffing&zoom=4&center=45.00,-80.00")
    assert frame.evaluate("() => [atlasMap.map.getZoom(), atlasMap.current()]") == [4, "staffing"]
    centre = frame.evaluate("() => atlasMap.map.getCenter()")
    assert abs(centre["lat"] - 45) < 0.01 and abs(centre["lng"] + 80) < 0.01
    # setView without animation moves at once, but Leaflet ignores it while a zoom animation is still
    # running (under load the page's own opening zoom can be), so it is asked again until it holds
    frame.wait_for_function("""() => { const m = atlasMap.map;
        if (m.getZoom() !== 5) m.setView(m.getCenter(), 5, {animate: false});
        return m.getZoom() === 5; }""", polling=100)
    frame.locator('input[name=atlas-dimension][value="funding"]').check()
    page.wait_for_function("new URLSearchParams(location.search).get('zoom') === '5'")
    query = dict(parse_qsl(page.url.split("?", 1)[1]))
    assert query["dimension"] == "funding" and query["zoom"] == "5" and "center" in query
    link = page.url
    page.goto(link)
    frame = page.frame_locator(FRAME)
    frame.locator("html[data-atlas-ready=true]").wait_for(timeout=15000)
    frame = page.frame(url=re.compile(r"atlas-map\.html"))
    assert frame.evaluate("() => [atlasMap.map.getZoom(), atlasMap.current()]") == [5, "funding"]


def test_every_jurisdiction_shape_is_a_named_keyboard_control(map_page, expected):
    page, frame = open_map(map_page, "?focus=ca-on")
    drawn = frame.evaluate("() => [...document.querySelectorAll('path[tabindex=\"0\"]')].map(p => p.getAttribute('data-atlas-id'))")
    shapes = {info["shape"] for info in expected["jurisdictions"].values()}
    assert set(drawn) <= shapes and len(drawn) >= 100
    shape = frame.locator('path[data-atlas-id="ca-on"]')
    assert shape.get_attribute("aria-label").startswith("Ontario, Mandates: ")
    shape.focus()
    frame.locator(".leaflet-tooltip").wait_for(timeout=5000)
    page.keyboard.press("Enter")
    link = frame.locator('.leaflet-popup a[data-atlas-id="ca-on"]')
    link.wait_for(timeout=5000)
    assert frame.evaluate("() => document.activeElement.getAttribute('data-atlas-id')") == "ca-on"
    frame.locator('input[name=atlas-dimension][value="staffing"]').check()
    assert shape.get_attribute("aria-label").startswith("Ontario, Staffing: ")


def test_on_a_phone_the_legend_starts_folded(browser, bundled_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(bundled_site.url + "atlas/map/?focus=ca-on")
    frame = page.frame_locator(FRAME)
    frame.locator("html[data-atlas-ready=true]").wait_for(timeout=15000)
    legend = frame.locator("details.atlas-legend")
    assert legend.get_attribute("open") is None
    legend.locator("summary").click()
    assert "Unknown" in legend.inner_text()
    context.close()


def test_on_a_phone_a_popup_fits_the_width_of_the_map(browser, bundled_site):
    # the pan that then moves it clear of the layer switcher is Leaflet's animated autoPan: seen in
    # screenshots, not asserted here (under the full suite's load it had not always run)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(bundled_site.url + "atlas/map/?focus=us-ga")
    page.frame_locator(FRAME).locator("html[data-atlas-ready=true]").wait_for(timeout=15000)
    frame = page.frame(url=re.compile(r"atlas-map\.html"))
    frame.evaluate("() => atlasMap.byId['us-ga'].openPopup(atlasMap.byId['us-ga'].getBounds().getCenter())")
    popup = frame.locator(".leaflet-popup-content-wrapper")
    popup.wait_for(timeout=5000)
    box, area = popup.bounding_box(), page.locator(FRAME).bounding_box()
    assert box["x"] >= area["x"] and box["x"] + box["width"] <= area["x"] + area["width"], (box, area)
    assert frame.locator(".leaflet-tooltip").count() == 0 or not frame.locator(".leaflet-tooltip").is_visible()
    context.close()


def _first_dated_step(expected: dict) -> tuple[str, str, int, str]:
    """A jurisdiction, dimension, year and level where a dated step begins, after the slider's first year."""
    first = expected["years"]["first"]
    steps = sorted((s[0], jid, d, s[1]) for jid, info in expected["jurisdictions"].items()
                   if info["shape"] == jid for d, hist in info["history"].items() for s in hist[:1] if s[0] > first)
    year, jid, d, level = steps[0]
    return jid, d, year, level


def test_the_year_slider_recolours_the_map_and_is_kept_in_the_address(map_page, expected):
    jid, d, year, level = _first_dated_step(expected)
    page, frame = open_map(map_page, f"?dimension={d}&year={year - 1}")
    assert frame.evaluate("() => atlasMap.year()") == year - 1
    assert fills(frame)[jid] == "url(#atlas-unknown)"  # before its first dated step: unknown, never 0
    assert "As of the end of" in frame.locator(".atlas-legend").inner_text()
    move = "(y) => { const i = document.querySelector('input[name=atlas-year]'); i.value = String(y); i.dispatchEvent(new Event('input')); }"
    frame.evaluate(move, year)
    assert fills(frame)[jid] == LEVEL_FILLS[level]
    page.wait_for_function(f"new URLSearchParams(location.search).get('year') === '{year}'")
    frame.evaluate(move, expected["years"]["last"])  # this year: today's levels, and no year in the address
    assert fills(frame)[jid] == expected_fill(expected, jid, d)
    page.wait_for_function("!new URLSearchParams(location.search).has('year')")
