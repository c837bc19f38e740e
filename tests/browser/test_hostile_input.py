"""An XSS payload in every text field (tests/fixtures/xss/fj.yml) stays text on every page.

For each page where data appears: no dialog opens, no element or attribute
from a payload exists in the DOM, and the payload is shown literally.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import ROOT, Page, Server, build_site, search_for
from .test_map_browser import FRAME

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "xss"
PAYLOADS = json.loads((FIXTURE / "payloads.json").read_text(encoding="utf-8"))
# breakouts: a payload closing each raw-text or RCDATA context (tests/fixtures/xss/tv.yml)
BREAKOUTS = json.loads((FIXTURE / "breakouts.json").read_text(encoding="utf-8"))
TV_NAME = "Tuvalu" + BREAKOUTS["title"]
RAN = "() => document.documentElement.dataset.x || null"

# elements and attributes that only a payload could have put there
INJECTED = """() => {
  const found = [];
  const add = (e) => found.push(e.outerHTML.slice(0, 120));
  document.querySelectorAll('[onerror],[onload],[ontoggle],[onclick],[onmouseover],[onfocus]').forEach(add);
  document.querySelectorAll('img[src="x"], svg[onload], details[ontoggle], object, math, iframe:not(.atlas-map-frame)').forEach(add);
  document.querySelectorAll('a[href^="javascript:" i], a[href^="data:" i], [src^="javascript:" i]').forEach(add);
  // a payload's own code (data inside JSON has its quotes escaped, so it never matches)
  document.querySelectorAll('script').forEach((e) => { if (/alert\\("xss/.test(e.textContent)) add(e); });
  document.querySelectorAll('style').forEach((e) => { if (/xss|body\\{display:\\s*none/.test(e.textContent)) add(e); });
  if (window.__xss) found.push('window.__xss');
  return found;
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    server = Server(build_site(FIXTURE, tmp_path_factory.mktemp("xss")))
    yield server
    server.close()


@pytest.fixture
def visit(browser, hostile):
    pages = []

    def open_(path: str, search: bool = False) -> Page:
        page = Page(browser, hostile, search=search)
        pages.append(page)
        page.goto(path)
        if "compare" in path or "map" in path:  # views that fetch their data after the load event
            page.page.wait_for_load_state("networkidle")
        return page

    yield open_
    for page in pages:
        assert page.dialogs == [], page.dialogs
        assert page.outside == [], page.outside
        page.close()


def assert_inert(page: Page) -> None:
    assert page.page.evaluate(INJECTED) == []
    assert page.dialogs == []


def test_corpus_has_at_least_20_payloads():
    assert len(PAYLOADS) >= 20


def test_every_payload_is_shown_literally_on_the_jurisdiction_page(visit):
    page = visit("/atlas/fj/")
    assert_inert(page)
    text = page.page.locator("article").inner_text()
    for payload in PAYLOADS:
        assert payload in text, payload
    assert page.page.locator("h1").evaluate("h => h.firstChild.textContent").strip() == "Fiji " + PAYLOADS[1]


# every page that shows data from the fixtures, each visited once for both corpora: the payloads
# (fj.yml) must be there as text, and no breakout (tv.yml) may have run
DATA_PAGES = ["/", "/atlas/", "/atlas/fj/", "/atlas/tv/", "/atlas/gaps/", "/atlas/tables/overview/",
              "/atlas/tables/mandates/", "/atlas/tables/funding/", "/atlas/tables/certification/",
              "/atlas/tables/staffing/", "/atlas/downloads/", "/atlas/api/", "/atlas/codebook/",
              "/atlas/topics/", "/atlas/topics/grant/", "/atlas/topics/act/", "/atlas/charts/",
              "/atlas/changes/", "/atlas/releases/"]


@pytest.mark.parametrize("path", DATA_PAGES)
def test_pages_that_show_data_show_payloads_as_text_and_run_no_breakout(visit, path):
    page = visit(path)
    assert page.page.evaluate(RAN) is None
    assert_inert(page)
    if "tables" in path or "topics/grant" in path:
        assert PAYLOADS[1] in page.page.locator("table").first.inner_text()


def test_filtering_and_sorting_by_a_payload_keep_it_text(visit):
    page = visit("/atlas/tables/overview/?find=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&sort=jurisdiction")
    assert "<img src=x onerror=alert(1)>" in page.page.locator("#overview caption").inner_text()
    page.page.locator("form.atlas-filters input[name=find]").fill(PAYLOADS[1].lower())
    page.page.locator("#overview thead th").first.click()
    assert_inert(page)
    assert PAYLOADS[1].lower() in page.page.locator("#overview caption").inner_text()
    assert page.page.locator("#overview tbody tr:not([hidden]) th").all_inner_texts() == ["Fiji " + PAYLOADS[1]]


def test_value_citations_show_payloads_as_text(visit):
    page = visit("/atlas/fj/")
    for summary in page.page.locator("details.atlas-cite-value summary").all():
        summary.click()
    assert_inert(page)
    text = " ".join(page.page.locator("details.atlas-cite-value pre").all_inner_texts())
    assert PAYLOADS[1] in text and PAYLOADS[0] in text


def test_compare_view_shows_payloads_as_text(visit):
    page = visit("/atlas/compare/?j=fj,nr")
    page.page.locator(".atlas-compare__table").wait_for()
    assert_inert(page)
    text = page.page.locator(".atlas-compare__table").inner_text()
    assert PAYLOADS[0] in text and PAYLOADS[4] in text
    assert PAYLOADS[1] in page.page.locator("#cite-apa").inner_text()


def test_search_results_show_payloads_as_text(visit):
    page = visit("/", search=True)
    search_for(page.page, "Fiji", "atlas/fj")
    page.page.wait_for_timeout(500)
    assert_inert(page)
    assert PAYLOADS[1] in page.page.locator(".md-search-result").inner_text()


def test_map_tooltip_and_popup_show_payload_as_text(visit):
    page = visit("/atlas/map/?focus=fj")
    frame_el = page.page.frame_locator(FRAME)
    frame_el.locator("html[data-atlas-ready=true]").wait_for(timeout=15000)
    frame = page.page.frame(url=re.compile(r"atlas-map\.html"))
    shape = frame.locator('path[data-atlas-id="fj"]').first
    shape.dispatch_event("mouseover")
    tip = frame.locator(".leaflet-tooltip")
    tip.wait_for(timeout=5000)
    assert PAYLOADS[1] in tip.inner_text()
    shape.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert PAYLOADS[1] in popup.inner_text()
    assert frame.evaluate(INJECTED) == []
    assert_inert(page)


def test_downloads_carry_payloads_as_data_not_formulas(hostile):
    import io
    import urllib.request

    import openpyxl
    import pandas as pd

    csv = urllib.request.urlopen(hostile.url + "atlas/data/atlas-instruments.csv").read()
    frame = pd.read_csv(io.BytesIO(csv), keep_default_na=False)
    assert PAYLOADS[0] in set(frame["title"])
    book = openpyxl.load_workbook(io.BytesIO(urllib.request.urlopen(hostile.url + "atlas/data/atlas.xlsx").read()))
    values = [c.value for row in book["Mandates"].iter_rows() for c in row]
    assert PAYLOADS[0] in values
    assert all(not (isinstance(v, str) and v.startswith("=")) or v in PAYLOADS for v in values)




def test_a_name_that_closes_the_title_stays_text_in_the_title_the_theme_renders(visit):
    page = visit("/atlas/tv/")
    assert page.page.evaluate(RAN) is None
    assert page.page.title() == f"{TV_NAME} - Peer Support Policy Atlas"
    assert page.page.locator("h1").first.inner_text().strip().startswith(TV_NAME)
    # every context's payload is on the page as text
    text = page.page.locator("article").inner_text()
    for payload in BREAKOUTS.values():
        assert payload in text, payload
    # the table of contents and the header title are the theme's too
    assert page.page.locator("header .md-header__topic").last.inner_text().strip() == TV_NAME


def test_no_breakout_payload_runs_in_compare_search_or_map(visit):
    page = visit("/atlas/compare/?j=tv,nr")
    page.page.locator(".atlas-compare__table").wait_for()
    assert page.page.evaluate(RAN) is None
    assert TV_NAME in page.page.locator(".atlas-compare__table").inner_text()
    assert TV_NAME in page.page.locator("#cite-bibtex").inner_text() or "Tuvalu" in page.page.locator("#cite-bibtex").inner_text()
    page = visit("/", search=True)
    search_for(page.page, "Tuvalu", "atlas/tv")
    page.page.wait_for_timeout(300)
    assert page.page.evaluate(RAN) is None
    assert "Tuvalu</title>" in page.page.locator(".md-search-result").inner_text()
    page = visit("/atlas/map/?focus=tv")
    page.page.frame_locator(FRAME).locator("html[data-atlas-ready=true]").wait_for(timeout=15000)
    frame = page.page.frame(url=re.compile(r"atlas-map\.html"))
    assert frame.evaluate(RAN) is None and page.page.evaluate(RAN) is None
