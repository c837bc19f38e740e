"""Print and colour schemes: tables and compare print every column on A4; the dark scheme
follows the system and keeps axe clean."""

import io
import re

import pytest
from pypdf import PdfReader

from .test_accessibility import axe_source, serious_violations  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def _pdf_text(page) -> str:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True)))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def _headers(page, table) -> list[str]:
    return [h.strip() for h in page.locator(f"{table} thead th").all_inner_texts()]


@pytest.mark.parametrize("path,table", [("/atlas/tables/overview/", "#overview"),
                                        ("/atlas/tables/funding/", "#detail-funding"),
                                        ("/atlas/topics/act/", "#topic-act")])
def test_a_table_prints_every_column_on_a4(site_page, path, table):
    page = site_page.goto(path)
    headers = _headers(page, table)
    text = _pdf_text(page)
    for h in headers:  # a column cut off the paper would lose its header
        assert re.sub(r"\s+", " ", h.replace("\u2195", "")).strip() in text, h
    last = page.locator(f"{table} tbody tr").first.locator("td").last.inner_text().strip()
    assert last.split()[0] in text


def test_the_compare_view_prints_all_three_columns(site_page):
    page = site_page.goto("/atlas/compare/?j=ca-on,au,gb-eng")
    page.locator(".atlas-compare__table").wait_for()
    text = _pdf_text(page)
    for name in ("Ontario", "Australia", "England"):
        assert name in text


# the templates whose colours differ: home, a jurisdiction, a table (topics share its
# classes), compare and the codebook's level swatches
@pytest.mark.parametrize("path", ["/", "/atlas/ca-on/", "/atlas/tables/overview/",
                                  "/atlas/compare/?j=ca-on,au,gb-eng", "/atlas/codebook/"])
def test_the_dark_scheme_follows_the_system_and_has_no_serious_axe_violation(browser, bundled_site, axe_source, path):
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(bundled_site.url + path.lstrip("/"))
    if "compare" in path:
        page.locator(".atlas-compare__table").wait_for()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert serious_violations(page, axe_source) == []
    context.close()


def test_level_colours_differ_in_both_schemes(browser, bundled_site):
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(bundled_site.url + "atlas/codebook/")
        fills = page.evaluate("""() => ['0','1','2','3','unknown'].map(l => {
            const e = document.querySelector('#mandates-' + l + ' .atlas-level'); const s = getComputedStyle(e);
            return s.backgroundColor + s.backgroundImage + '|' + s.color; })""")
        assert len(set(fills)) == 5, (scheme, fills)
        context.close()
