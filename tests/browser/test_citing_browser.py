"""Citing and reuse: compare permalinks, citations, downloads, the data package, the JSON API."""

from __future__ import annotations

import io
import json
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def open_compare(site_page, ids: str):
    page = site_page.goto(f"/atlas/compare/?j={ids}")
    page.locator(".atlas-compare__table").wait_for()
    return page


def test_compare_permalink_shows_three_columns_with_differences_marked(site_page):
    page = open_compare(site_page, "ca-on,au,gb-eng")
    headers = page.locator(".atlas-compare__table thead th").all_inner_texts()
    assert [h.split("Remove")[0].strip() for h in headers[1:]] == ["Ontario", "Australia", "England"]
    assert page.locator(".atlas-compare__table tr.atlas-diff").count() >= 4
    level_row = page.locator(".atlas-compare__table tbody tr", has_text="Mandates: level")
    assert level_row.locator("td").count() == 3
    assert page.locator(".atlas-compare__table .atlas-compare__sources a").count() > 3
    site_page.screenshot("compare-three")


def test_compare_citation_is_filled_even_when_the_data_arrives_before_the_site_scripts(browser, bundled_site):
    """compare.js sits above atlas.js (which supplies the citation escapes): a slow atlas.js
    must not leave the citation empty (CI saw it once, under load)."""
    import time

    from .conftest import Page

    page = Page(browser, bundled_site)
    page.page.route("**/assets/js/atlas.js", lambda route: (time.sleep(1.5), route.continue_()))
    p = page.goto("/atlas/compare/?j=ca-on,au")
    p.locator(".atlas-compare__table").wait_for()
    assert "Ontario, Australia" in p.locator("#cite-apa").inner_text()
    assert page.errors == []
    page.close()


def test_picker_adds_and_removes_jurisdictions_in_the_url(site_page):
    page = open_compare(site_page, "ca-on,au")
    page.select_option("#atlas-compare-add", "ch")
    page.locator("button[data-action=add]").click()
    page.wait_for_function("location.search.includes('ch')")
    assert page.evaluate("location.search") == "?j=ca-on,au,ch"
    page.locator(".atlas-compare__table thead th", has_text="Switzerland").wait_for()
    page.locator("button[aria-label='Remove Australia']").click()
    page.wait_for_function("!location.search.includes('au')")
    assert page.evaluate("location.search") == "?j=ca-on,ch"


def test_unknown_ids_give_a_clear_message(site_page):
    page = site_page.goto("/atlas/compare/?j=ca-on,zz-nope")
    status = page.locator(".atlas-compare__status")
    status.locator("xpath=.").filter(has_text="Not in the atlas").wait_for()
    assert "zz-nope" in status.inner_text() and "Add at least one more" in status.inner_text()
    assert page.locator(".atlas-compare__table").is_hidden()


def test_copy_button_puts_the_citation_on_the_clipboard(browser, bundled_site):
    from .conftest import Page

    page = Page(browser, bundled_site)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    p = page.goto("/atlas/ca-on/")
    apa = p.locator("#cite-apa").inner_text()
    assert "Ontario: peer support worker policy (Version test-version) [Data set]" in apa
    p.locator("#cite-apa + button.atlas-copy").click()
    p.wait_for_function("document.querySelector('#cite-apa + button').textContent === 'Copied'")
    assert p.evaluate("navigator.clipboard.readText()") == apa
    assert page.outside == []
    page.close()


def fetch(server, path: str) -> bytes:
    return urllib.request.urlopen(server.url + path, timeout=10).read()


def test_downloads_are_served_and_parse(bundled_site):
    import openpyxl
    import pandas as pd

    people = pd.read_csv(io.BytesIO(fetch(bundled_site, "atlas/data/atlas-jurisdictions.csv")))
    assert len(people) >= 40 and {"id", "mandates_level", "mandates_coded"} <= set(people.columns)
    unknown = people[~people["mandates_coded"]]
    assert unknown["mandates_level"].isna().all()  # unknown is empty, never 0
    instruments = pd.read_csv(io.BytesIO(fetch(bundled_site, "atlas/data/atlas-instruments.csv")))
    assert set(instruments["dimension"]) == {"mandates", "funding", "certification", "staffing"}
    book = openpyxl.load_workbook(io.BytesIO(fetch(bundled_site, "atlas/data/atlas.xlsx")))
    assert book.sheetnames == ["About", "Overview", "Mandates", "Funding", "Certification", "Staffing", "Searches",
                               "Level history", "Observed figures", "Sources", "Changes"]
    everything = json.loads(fetch(bundled_site, "atlas/data/atlas.json"))
    assert everything["data_version"] == "test-version" and len(everything["jurisdictions"]) == len(people)


def test_data_package_validates_with_frictionless(bundled_site, tmp_path):
    from frictionless import validate

    from generator.site.csv_tables import CSV_TABLES

    for name in ("datapackage.json", *(t.path for t in CSV_TABLES)):
        (tmp_path / name).write_bytes(fetch(bundled_site, f"atlas/data/{name}"))
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_json_api_index_and_records(bundled_site):
    index = json.loads(fetch(bundled_site, "atlas/api/v1/jurisdictions.json"))
    assert index["api_version"] == "1.0" and index["data_version"] == "test-version"
    entry = next(j for j in index["jurisdictions"] if j["id"] == "ca-on")
    record = json.loads(fetch(bundled_site, "atlas/api/v1/" + entry["record"]))["jurisdiction"]
    assert record["id"] == "ca-on" and record["dimensions"]["staffing"]["level"] == entry["levels"]["staffing"]
    import jsonschema

    schema = json.loads(fetch(bundled_site, "atlas/api/v1/schema.json"))
    jsonschema.validate(record, schema)


def test_every_page_footer_carries_the_data_version(site_page):
    for path in ("/", "/atlas/ca-on/", "/atlas/tables/overview/", "/atlas/downloads/"):
        page = site_page.goto(path)
        assert "Data version test-version" in page.locator("footer").inner_text()


def test_compare_citation_names_the_jurisdictions_version_and_permalink(site_page):
    import json as _json

    page = open_compare(site_page, "ca-on,au")
    apa = page.locator("#cite-apa").inner_text()
    assert apa.startswith("Peer Support Policy Atlas contributors. (2025, November 27). Comparison of Ontario, Australia: peer support")
    assert "(Version test-version) [Data set]" in apa and apa.endswith("atlas/compare/?j=ca-on,au")
    assert "@misc{psatlas_compare_caon_au_2025," in page.locator("#cite-bibtex").inner_text()
    csl = _json.loads(page.locator("#cite-csl").inner_text())
    assert csl["title"] == "Comparison of Ontario, Australia: peer support worker policy"
