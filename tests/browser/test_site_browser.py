"""The built site, as a reader uses it in Chromium."""

import re

import pytest

from .conftest import search_for

pytestmark = pytest.mark.browser


def heading(page) -> str:
    """The page title as written, without the heading's permalink sign."""
    return page.locator("h1").evaluate("h => h.firstChild.textContent").strip()


def test_home_page_shows_counts_and_links(site_page):
    page = site_page.goto("/")
    assert "Peer Support Policy Atlas" in page.title()
    figures = page.locator(".atlas-figures").inner_text()
    assert re.search(r"\d+\s+jurisdictions", figures)
    assert "most recent review" in figures and "Data version" in figures
    for target in ("atlas/tables/overview/", "atlas/map/", "framework/"):
        assert page.locator(f'a[href$="{target}"]').count() >= 1
    site_page.screenshot("home")


@pytest.mark.parametrize("query,expected", [("Britain", "atlas/gb/"), ("Ontario", "atlas/ca-on/"),
                                            ("certified peer specialist", "atlas/us")])
def test_search_finds_a_jurisdiction_by_alias_name_or_role_title(site_page, query, expected):
    site_page.search = True
    page = site_page.goto("/")
    first = search_for(page, query, expected)
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()[:8]]
    assert any(expected in h for h in hrefs), hrefs
    if query == "Britain":
        site_page.screenshot("search-britain", full_page=False)
        first.click()
        page.wait_for_load_state()
        assert heading(page) == "United Kingdom"


def _column(page, table, index):
    return [c.get_attribute("data-sort") or c.inner_text() for c in
            page.locator(f"#{table} tbody tr:not([hidden])").locator(f"td:nth-child({index}), th:nth-child({index})").all()]


def test_clicking_a_header_sorts_the_overview(site_page):
    page = site_page.goto("/atlas/tables/overview/")
    names_before = page.locator("#overview tbody th[scope=row]").all_inner_texts()
    header = page.locator("#overview thead th", has_text="Mandates")
    header.click()
    header.click()  # descending: highest level first
    values = _column(page, "overview", 4)
    known = [int(v) for v in values if v != "unknown"]
    assert known == sorted(known, reverse=True)
    assert values == [str(v) for v in known] + ["unknown"] * (len(values) - len(known))  # unknown last
    assert page.locator("#overview thead th", has_text="Mandates").get_attribute("aria-sort") == "descending"
    page.locator("#overview thead th", has_text="Jurisdiction").click()
    names = page.locator("#overview tbody th[scope=row]").all_inner_texts()
    assert names == sorted(names, key=str.casefold) and len(names) == len(names_before)
    site_page.screenshot("table-overview")


def test_filters_hide_rows_and_table_is_complete_without_them(site_page):
    page = site_page.goto("/atlas/tables/overview/")
    total = page.locator("#overview tbody tr").count()
    page.select_option("form[data-atlas-filter-for=overview] select[name=region]", "Europe")
    visible = page.locator("#overview tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert set(r.get_attribute("data-region") for r in visible.all()) == {"Europe"}
    page.select_option("form[data-atlas-filter-for=overview] select[name=kind]", "country")
    assert all(r.get_attribute("data-kind") == "country" for r in visible.all())
    page.fill("form[data-atlas-filter-for=overview] input[name=find]", "switz")
    assert visible.all_inner_texts()[0].startswith("Switzerland") and visible.count() == 1


def test_overview_rows_are_all_present_without_javascript(browser, bundled_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled_site.url + "atlas/tables/overview/")
    rows = page.locator("#overview tbody tr")
    assert rows.count() >= 40
    assert page.locator("form.atlas-filters").is_hidden()
    context.close()


def test_jurisdiction_page_shows_levels_citations_and_resolving_links(site_page):
    page = site_page.goto("/atlas/ca-on/")
    assert heading(page) == "Ontario"
    assert page.locator(".atlas-strip__cell").count() == 4
    citations = page.locator(".atlas-cite a")
    assert citations.count() >= 2
    for href in set(citations.evaluate_all("els => els.map(e => e.getAttribute('href'))")):
        assert page.locator(href).count() == 1, href  # every [n] points at an entry of the source list
    citations.first.click()
    assert page.evaluate("location.hash").startswith("#source-")
    assert page.locator('a:has-text("Edit this file")').get_attribute("href").endswith("/edit/main/jurisdictions/ca-on.yml")
    assert "issues/new?title=" in page.locator('a:has-text("Report a problem")').get_attribute("href")
    parent = page.locator(".atlas-meta a", has_text="Canada")
    parent.click()
    page.wait_for_load_state()
    assert heading(page) == "Canada"
    assert page.locator(".atlas-children a", has_text="Ontario").count() == 1
    site_page.screenshot("jurisdiction-canada")


def test_unknown_is_drawn_differently_from_zero(site_page):
    page = site_page.goto("/atlas/codebook/")
    zero = page.locator("#mandates-0 .atlas-level")
    unknown = page.locator("#mandates-unknown .atlas-level")
    style = "el => getComputedStyle(el).backgroundImage + getComputedStyle(el).backgroundColor"
    assert zero.evaluate(style) != unknown.evaluate(style)
    assert unknown.inner_text() == "unknown" and zero.inner_text() == "0"


# one page of each template (and each hand-written page): every page of a template loads the same
# assets, and tests/test_links.py checks statically that no page of the site names a third-party asset
ONE_PER_TEMPLATE = ["index.html", "about/index.html", "framework/index.html", "contributing/index.html",
                    "404.html", "atlas/index.html", "atlas/ca-on/index.html", "atlas/tables/overview/index.html",
                    "atlas/tables/staffing/index.html", "atlas/map/index.html", "atlas/map/atlas-map.html",
                    "atlas/compare/index.html", "atlas/codebook/index.html", "atlas/gaps/index.html",
                    "atlas/downloads/index.html", "atlas/api/index.html"]


def test_no_page_of_any_template_requests_anything_beyond_127_0_0_1(browser, bundled_site):
    from .conftest import Page

    visitor = Page(browser, bundled_site)
    for path in ONE_PER_TEMPLATE:
        assert (bundled_site.directory / path).is_file(), path
        visitor.page.goto(bundled_site.url + path, wait_until="load")
    visitor.page.wait_for_load_state("networkidle")
    assert visitor.outside == []
    assert visitor.errors == [], visitor.errors[:3]
    visitor.close()


def test_a_request_that_leaves_the_test_server_is_caught_and_aborted(site_page):
    """The guard the other tests rely on: it sees (and stops) a load from another host."""
    page = site_page.goto("/")
    page.evaluate("() => fetch('https://fonts.example.org/x.css').catch(() => null)")
    page.wait_for_timeout(200)
    assert site_page.outside == ["https://fonts.example.org/x.css"]
    site_page.outside.clear()  # the fixture's own check after the test would fail otherwise
