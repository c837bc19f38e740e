"""Accessibility: axe-core finds no serious or critical violation; the keyboard reaches what matters.

axe-core comes from npm (package.json, test-only; `make test` installs it).
"""

from __future__ import annotations

import os

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# one page per template: the four dimension tables share one template and one set of
# cell classes, so funding (the one with the most columns) stands for them all
PAGES = ["/", "/atlas/ca-on/", "/atlas/tables/overview/", "/atlas/tables/funding/", "/atlas/topics/act/",
         "/atlas/map/", "/atlas/compare/?j=ca-on,au,gb-eng", "/atlas/gaps/", "/atlas/codebook/", "/atlas/charts/"]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed: run `npm ci` (make test does)")
        pytest.skip("axe-core is not installed: run `npm ci`")
    return AXE.read_text(encoding="utf-8")


def serious_violations(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_or_critical_axe_violation(site_page, axe_source, path):
    page = site_page.goto(path)
    if "compare" in path:
        page.locator(".atlas-compare__table").wait_for()
    assert serious_violations(page, axe_source) == []


def test_map_document_has_no_serious_or_critical_axe_violation(site_page, axe_source):
    page = site_page.goto("/atlas/map/atlas-map.html")
    page.locator("html[data-atlas-ready=true]").wait_for(timeout=15000)
    assert serious_violations(page, axe_source) == []


def tab_until(page, predicate: str, limit: int = 150) -> bool:
    """Press Tab until the focused element matches the JS predicate (given `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"):
            return True
    return False


def test_keyboard_reaches_search(site_page):
    page = site_page.goto("/")
    assert tab_until(page, "el.matches('input.md-search__input, label.md-search__icon, .md-search__input')")


def test_keyboard_reaches_the_table_and_sorts_it(site_page):
    page = site_page.goto("/atlas/tables/overview/")
    first_row = "() => document.querySelector('#overview tbody tr th').textContent.trim()"
    before = page.evaluate(first_row)
    # the first focusable header is the jurisdiction column; Enter sorts by it, Enter again reverses
    assert tab_until(page, "el.matches('#overview thead th[tabindex]')")
    header = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-sort')") in ("ascending", "descending"), header
    assert page.evaluate(first_row) != before


def test_keyboard_reaches_the_map_table_alternative(site_page):
    page = site_page.goto("/atlas/map/")
    assert tab_until(page, "el.closest('.atlas-map-table, table') || (el.href || '').includes('tables/overview')")
