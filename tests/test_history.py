"""Levels over time: recorded or derived steps, the level as of a year, the charts drawn from them."""

import xml.etree.ElementTree as ET

from generator.data import history
from generator.data.model import Jurisdiction
from generator.site import charts
from generator.site.pages import charts as charts_page

SVG = "{http://www.w3.org/2000/svg}"


def _with_mandates(ctx, **mandates) -> Jurisdiction:
    """ca-on with its mandates dimension replaced (instruments are copies of its ACT standard)."""
    data = ctx.dataset.jurisdictions["ca-on"].model_dump(exclude_defaults=True)
    act = data["dimensions"]["mandates"]["instruments"][0]
    instruments = [{**act, "id": f"i{n}", **over} for n, over in enumerate(mandates.pop("instruments", []))]
    data["dimensions"]["mandates"] = {"level": 2, "instruments": instruments, **mandates}
    return Jurisdiction.model_validate(data)


def test_a_recorded_history_is_the_levels_steps_and_unknown_comes_before_the_first(ctx):
    steps = history.steps(ctx.dataset.jurisdictions["ca-on"].dimensions.mandates)
    assert [(s.date, s.level, s.derived) for s in steps] == [("1998", 1, False), ("2004-05", 2, False)]
    assert steps[1].instrument.id == "act-standard" and steps[0].sources == ("study",)
    assert [history.level_at_end_of(steps, y) for y in (1997, 1998, 2004, 2020)] == ["unknown", 1, 2, 2]


def test_one_dated_instrument_dates_the_level_and_several_date_it_from_the_latest(ctx):
    one = _with_mandates(ctx, instruments=[{"effective": "2010-03"}]).dimensions.mandates
    assert [(s.date, s.level, s.derived, s.instrument.id) for s in history.steps(one)] == [("2010-03", 2, True, "i0")]
    two = _with_mandates(ctx, instruments=[{"effective": "2010"}, {"effective": "2015-06"}]).dimensions.mandates
    assert [(s.date, s.instrument.id) for s in history.steps(two)] == [("2015-06", "i1")]


def test_an_undated_instrument_in_force_leaves_the_start_undated_but_ended_and_proposed_ones_do_not_count(ctx):
    undated = _with_mandates(ctx, instruments=[{"effective": "2010"}, {"effective": None}])
    assert history.steps(undated.dimensions.mandates) == []
    others = _with_mandates(ctx, instruments=[{"effective": "2010"}, {"effective": "2030", "status": "proposed"},
                                              {"effective": "2016", "status": "expired", "ended": "2019"}])
    assert [s.date for s in history.steps(others.dimensions.mandates)] == ["2010"]


def test_a_zero_holds_from_the_first_search_that_found_nothing(ctx):
    steps = history.steps(ctx.dataset.jurisdictions["ca"].dimensions.staffing)
    assert [(s.level, s.derived) for s in steps] == [(0, True)]
    assert steps[0].date == min(s.date for s in ctx.dataset.jurisdictions["ca"].dimensions.staffing.searched)


def test_this_year_shows_every_coded_level_and_an_earlier_year_only_dated_ones(ctx):
    tl = ctx.timeline
    on = ctx.dataset.jurisdictions["ca-on"]
    assert tl.level(on, "funding", tl.this_year) == on.dimensions.funding.level  # undated, known today
    assert tl.level(on, "funding", tl.this_year - 1) == "unknown"
    assert tl.level(on, "mandates", 2000) == 1
    assert tl.years[0] == 1998


def test_adoption_curves_count_jurisdictions_from_their_dated_steps(ctx):
    [chart] = [c for c in charts.charts(ctx.timeline, ctx.dataset.jurisdictions) if c.slug == "mandates-adoption"]
    by_year = {row[0]: row[1:] for row in chart.rows}
    assert by_year[1998] == [1, 0, 0]  # Ontario's recommendation
    assert by_year[2004] == [1, 1, 0]  # Ontario's ACT standard
    assert by_year[2013] == [2, 1, 0]  # Canada's guideline, dated from its instrument
    assert chart.csv().splitlines()[0] == "year,level 1 or more,level 2 or more,level 3"


def test_every_chart_is_an_svg_with_a_title_a_description_and_its_data(ctx):
    every = charts.charts(ctx.timeline, ctx.dataset.jurisdictions)
    assert {"mandates-adoption", "staffing-by-region"} <= {c.slug for c in every}
    for chart in every:
        root = ET.fromstring(str(charts_page.svg(chart)))
        assert root.get("role") == "img" and root.find(f"{SVG}title").text == chart.title
        assert root.find(f"{SVG}desc").text == chart.description
    files = charts_page.outputs(ctx)
    assert set(files) == {"charts.md", *[f"charts/{c.slug}.csv" for c in every]}
    for chart in every:
        assert f'id="chart-{chart.slug}-data"' in files["charts.md"]


def test_region_bars_count_todays_levels(ctx):
    [bars] = [c for c in charts.charts(ctx.timeline, ctx.dataset.jurisdictions) if c.slug == "funding-by-region"]
    assert dict((r, counts) for r, counts in bars.bars)["North America"][2] == sum(
        1 for j in ctx.dataset.jurisdictions.values() if j.region == "North America" and j.dimensions.funding.level == 2)


def test_a_pages_strip_shows_an_undated_level_for_this_year_only_as_the_map_does(ctx):
    years, rows = charts.level_strip(ctx.timeline, ctx.dataset.jurisdictions["ca-on"])
    funding = rows["funding"]  # 2 today, no dated start
    assert [(s.level, s.start) for s in funding] == [("unknown", ""), (2, charts.UNDATED_START)]
    (y0, x0), (y1, x1) = years[0], years[-1]  # the ticks lie on one line through the years
    assert abs(funding[-1].x - (x0 + (x1 - x0) * (ctx.timeline.this_year - y0) / (y1 - y0))) < 1e-6
    assert [(s.level, s.start) for s in rows["mandates"]] == [("unknown", ""), (1, "1998"), (2, "2004-05")]
