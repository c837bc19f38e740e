"""The questions people bring, answered in Chromium by following visible links and controls;
table filters and sort kept in the address; a citation for a single value."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

OVERVIEW = "#overview tbody tr"


def _visible(page, rows):
    return page.locator(f"{rows}:not([hidden])")


def _query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_who_requires_peers_on_act_teams_at_what_fte_is_two_clicks_from_home(site_page):
    page = site_page.goto("/")
    page.get_by_role("link", name="Who requires peer workers on assertive community treatment (ACT) teams").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Peer workers on ACT teams")
    ontario = page.locator("#topic-act tbody tr", has=page.locator("th", has_text="Ontario"))
    assert ontario.count() >= 1
    assert "FTE per ACT team" in " ".join(ontario.all_inner_texts())
    site_page.screenshot("topic-act")


def test_which_us_states_reimburse_peer_support_through_medicaid(site_page):
    page = site_page.goto("/")
    page.get_by_role("link", name="reimburse peer support through Medicaid").click()
    page.wait_for_load_state()
    page.select_option("form[data-atlas-filter-for=topic-health-insurance-reimbursement] select[name=country]",
                       label="United States")
    rows = _visible(page, "#topic-health-insurance-reimbursement tbody tr")
    assert rows.count() >= 20
    assert {r.get_attribute("data-country") for r in rows.all()} == {"us"}
    count = page.locator("#topic-health-insurance-reimbursement").evaluate(
        "t => t.closest('article').querySelector('output').textContent")
    assert count.startswith(f"{rows.count()} of ")
    assert _query(page)["country"] == "us"


def test_a_filtered_sorted_table_is_a_link_that_opens_the_same_table(site_page):
    page = site_page.goto("/atlas/tables/overview/")
    page.locator("details.atlas-filters__more summary").click()
    page.select_option("form[data-atlas-filter-for=overview] select[name=settings]", "act")
    page.select_option("form[data-atlas-filter-for=overview] select[name=kind]", "subnational")
    page.locator("#overview thead th", has_text="Staffing").click()
    page.locator("#overview thead th", has_text="Staffing").click()
    names = _visible(page, OVERVIEW).locator("th").all_inner_texts()
    caption = page.locator("#overview caption").inner_text()
    link = page.url
    assert _query(page) == {"settings": "act", "kind": "subnational", "sort": "staffing", "dir": "desc"}
    assert f"{len(names)} of " in caption and "States, provinces, nations" in caption

    again = site_page.context.new_page()
    again.goto(link)
    assert again.locator("form[data-atlas-filter-for=overview] select[name=settings]").input_value() == "act"
    assert _visible(again, OVERVIEW).locator("th").all_inner_texts() == names
    assert again.locator("#overview thead th", has_text="Staffing").get_attribute("aria-sort") == "descending"
    assert again.locator("details.atlas-filters__more").get_attribute("open") is not None
    again.close()


def test_unknown_sorts_last_in_both_directions_and_ties_go_by_name(site_page):
    page = site_page.goto("/atlas/tables/overview/?sort=staffing&dir=asc")
    cells = page.locator(OVERVIEW).locator("td:nth-child(7)")
    values = [c.get_attribute("data-sort") for c in cells.all()]
    known = [v for v in values if v != "unknown"]
    assert known == sorted(known) and values[len(known):] == ["unknown"] * (len(values) - len(known))
    names = page.locator(OVERVIEW).locator("th").all_inner_texts()
    first = [n for n, v in zip(names, values) if v == known[0]]
    assert first == sorted(first, key=str.lower)
    page.locator("#overview thead th", has_text="Staffing").click()
    values = [c.get_attribute("data-sort") for c in cells.all()]
    assert values[-1] == "unknown" and values[0] == max(known)


def test_hiding_a_column_is_kept_in_the_link(site_page):
    page = site_page.goto("/atlas/tables/overview/")
    page.locator("details.atlas-columns summary").click()
    page.locator("details.atlas-columns label", has_text="Region").locator("input").uncheck()
    assert page.locator("#overview thead th", has_text="Region").is_hidden()
    assert _query(page)["hide"] == "region"
    page.reload()
    assert page.locator("#overview thead th", has_text="Region").is_hidden()


def test_a_single_value_has_a_permalink_and_a_citation_naming_it(site_page):
    page = site_page.goto("/atlas/ca-on/")
    instrument = page.locator("section.atlas-instrument").first
    anchor = instrument.get_attribute("id")
    title = instrument.locator("h3").evaluate("h => h.firstChild.textContent").strip()
    instrument.locator("summary", has_text="Cite this instrument").click()
    apa = instrument.locator("pre[data-cite-format=apa]")
    apa.wait_for()
    text = apa.inner_text()
    assert f"Ontario: {title}" in text and text.endswith(f"atlas/ca-on/#{anchor}") and "(Version " in text
    bibtex = instrument.locator("pre[data-cite-format=bibtex]").inner_text()
    assert bibtex.startswith(f"@misc{{psatlas_caon_{anchor.replace('-', '')}_") and f"#{anchor}}}" in bibtex
    assert f'"title": "Ontario: {title}' in instrument.locator("pre[data-cite-format=csl]").inner_text()
    instrument.locator("a.atlas-permalink").click()
    assert page.evaluate("location.hash") == f"#{anchor}"
    site_page.screenshot("cite-value", full_page=False)


def test_on_a_phone_the_four_levels_fit_on_screen(browser, bundled_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(bundled_site.url + "atlas/tables/overview/")
    for title in ("Mandates", "Funding", "Certification", "Staffing"):
        box = page.locator("#overview thead th").filter(has_text=re.compile(f"^{title}$")).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (title, box)
    assert page.locator("#overview thead th", has_text="Region").is_hidden()  # one tap away in Columns
    context.close()


def test_compare_aligns_instruments_by_kind_and_setting(site_page):
    page = site_page.goto("/atlas/compare/?j=ca-on,us-wa&d=mandates")
    page.locator(".atlas-compare__table").wait_for()
    labels = page.locator(".atlas-compare__table tbody th").all_inner_texts()
    assert not any(lbl.startswith(("Funding", "Certification", "Staffing")) for lbl in labels)  # one dimension
    act = page.locator(".atlas-compare__table tbody tr", has_text="Mandates: service standard, ACT teams")
    assert act.count() == 1
    cells = act.locator("td").all_inner_texts()
    assert "Ontario" in cells[0] or "ACT" in cells[0]
    assert "PACT" in cells[1]  # Washington's ACT standard beside Ontario's, in one row


def test_compare_shows_only_differences_when_asked_and_keeps_it_in_the_link(site_page):
    page = site_page.goto("/atlas/compare/?j=ca-on,ca-bc")
    page.locator(".atlas-compare__table").wait_for()
    every = page.locator(".atlas-compare__table tbody tr").count()
    page.check("form.atlas-compare__view input[name=only]")
    page.wait_for_function("location.search.includes('only=diff')")
    # the address changes at once, the table after the records are fetched again
    page.locator(".atlas-compare__status", has_text="rows differ").wait_for()
    rows = page.locator(".atlas-compare__table tbody tr")
    assert 0 < rows.count() < every
    assert rows.count() == page.locator(".atlas-compare__table tbody tr.atlas-diff").count()
    assert f"of {every} rows differ" in page.locator(".atlas-compare__status").inner_text()


def test_coming_from_a_page_the_jurisdiction_is_shown_as_chosen(site_page):
    page = site_page.goto("/atlas/ca-on/")
    page.get_by_role("link", name="Compare with…").click()
    page.wait_for_load_state()
    chosen = page.locator(".atlas-compare__chosen")
    chosen.wait_for()
    assert "Ontario" in chosen.inner_text()
    page.select_option("#atlas-compare-add", "au")
    page.locator("button[data-action=add]").click()
    page.locator(".atlas-compare__table thead th", has_text="Australia").wait_for()


@pytest.mark.parametrize("path,table", [("/atlas/tables/overview/", "overview"), ("/atlas/tables/funding/", "detail-funding"),
                                        ("/atlas/topics/youth/", "topic-youth")])
def test_every_filter_shows_only_the_rows_that_hold_its_value(site_page, path, table):
    page = site_page.goto(path)
    page.locator("details.atlas-filters__more summary").click()
    form = f"form[data-atlas-filter-for={table}]"
    total = page.locator(f"#{table} tbody tr").count()
    # every filter; the "Levels as of" year is tested on its own below
    names = page.locator(f"{form} select:not([data-atlas-year])").evaluate_all("ss => ss.map(s => s.name)")
    assert {"region", "country"} <= set(names) and "settings" in names
    for name in names:
        select = page.locator(f"{form} select[name={name}]")
        value = select.locator("option").nth(1).get_attribute("value")
        multi = select.get_attribute("data-multi") is not None
        select.select_option(value)
        rows = _visible(page, f"#{table} tbody tr")
        held = [r.get_attribute(f"data-{name}") for r in rows.all()]
        assert 0 < len(held) <= total, name
        assert all((value in h.split(" ")) if multi else h == value for h in held), (name, value)
        assert _query(page)[name] == value
        select.select_option("")
    assert _visible(page, f"#{table} tbody tr").count() == total


@pytest.mark.parametrize("path", ["/atlas/tables/overview/", "/atlas/tables/certification/", "/atlas/tables/funding/",
                                  "/atlas/gaps/", "/atlas/topics/act/"])
def test_no_table_is_cut_off_at_1366_pixels(browser, bundled_site, path):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(bundled_site.url + path.lstrip("/"))
    widths = page.evaluate("() => [...document.querySelectorAll('.atlas-table-wrap')].map(w => [w.scrollWidth, w.clientWidth])")
    assert widths and all(scroll <= client for scroll, client in widths), widths
    context.close()


@pytest.mark.parametrize("query,first", [("certified peer specialist", "atlas/us-"), ("ACT team", "atlas/topics/act/"),
                                         ("Medicaid", "atlas/topics/health-insurance-reimbursement/")])
def test_multi_word_searches_rank_the_pages_that_answer_them_first(site_page, query, first):
    from .conftest import search_for

    site_page.search = True
    page = site_page.goto("/")
    search_for(page, query, first)
    top = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert first in top, top


def test_levels_as_of_an_earlier_year_follow_the_dated_history_and_round_trip(site_page):
    from generator.data import history
    from generator.data.dataset import validate

    from tests.conftest import DATA

    dataset, _ = validate([DATA])
    tl = history.timeline(dataset.jurisdictions, 2026)
    want = sorted(j.name for j in dataset.jurisdictions.values() if tl.level(j, "funding", 2010) == 3)
    assert want  # Georgia's 1999 Medicaid rehabilitation option at least
    page = site_page.goto("/atlas/tables/overview/?year=2010&funding=3")
    names = sorted(_visible(page, OVERVIEW).locator("th").all_inner_texts())
    assert names == want
    assert "levels as of the end of 2010" in page.locator("#overview caption").inner_text()
    georgia = page.locator('#overview tbody tr:has(th a[href$="/us-ga/"])')
    assert georgia.locator("td[data-level-of=mandates] .atlas-level").inner_text() == \
        str(tl.level(dataset.jurisdictions["us-ga"], "mandates", 2010))
    page.select_option("form[data-atlas-filter-for=overview] select[name=year]", "")
    assert "year" not in _query(page)
    assert _visible(page, OVERVIEW).count() == sum(1 for j in dataset.jurisdictions.values()
                                                    if j.dimensions.funding.level == 3)


def test_the_charts_render_with_their_data_and_answer_when_us_states_began_billing_medicaid(site_page):
    from generator.data import history
    from generator.data.dataset import validate
    from generator.site import charts

    from tests.conftest import DATA

    dataset, _ = validate([DATA])
    tl = history.timeline(dataset.jurisdictions, 2026)
    [us] = [c for c in charts.charts(tl, dataset.jurisdictions) if c.slug == "us-level-3"]
    page = site_page.goto("/atlas/charts/")
    boxes = page.locator("svg.atlas-chart").evaluate_all("ss => ss.map(s => s.getBoundingClientRect().width)")
    assert len(boxes) == page.locator("h2[id^=chart-]").count() and min(boxes) > 300
    assert page.locator("#chart-us-level-3 + figure svg path.atlas-chart__line").count() == 4
    first = next(y for y, c in zip(us.years, us.series[1].counts) if c)  # funding at 3
    assert first == min(s.year for j in dataset.jurisdictions.values() if j.parent == "us"
                        for s in tl.steps[j.id]["funding"] if s.level == 3)
    table = page.locator("#chart-us-level-3-data")
    page.locator("#chart-us-level-3 ~ details.atlas-chart-data summary").first.click()
    row = table.locator("tbody tr", has=page.locator("th", has_text=str(first)))
    assert row.locator("td").nth(1).inner_text() == str(us.series[1].counts[us.years.index(first)])
