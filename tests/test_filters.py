"""Table filters: each row carries its values, the form offers what the table holds."""

import re

from generator.site import filters
from generator.site.pages import tables


def _rows(ctx):
    return {j.id: filters.row(j, [i for d in ("mandates", "funding", "certification", "staffing")
                                  for i in j.dimension(d).instruments]) for j in ctx.dataset.jurisdictions.values()}


def test_a_row_holds_each_filters_values_once_and_its_search_text(ctx):
    fs = filters.for_table({"ca": "Canada"}, None)
    attrs = filters.form("t", fs, [_rows(ctx)["ca-on"]])[0][0]
    assert attrs["country"] == "ca" and attrs["kind"] == "subnational" and attrs["region"] == "North America"
    assert attrs["settings"] == "act"
    assert attrs["binding"].split() == ["mandatory", "condition_of_funding", "voluntary"]  # once each
    assert attrs["mandates"] == "2" and attrs["funding"] == "2"
    assert "fixture act standard" in attrs["text"] and "ontario" in attrs["text"]


def test_the_form_offers_only_filters_with_two_or_more_values_in_the_models_order(ctx):
    fs = filters.for_table({"ca": "Canada"}, None)
    shown = {f.name: options for f, options in filters.form("t", fs, list(_rows(ctx).values()))[1].filters}
    assert "region" not in shown  # both fixture files are in North America
    assert [v for v, _ in shown["kind"]] == ["country", "subnational"]
    assert [v for v, _ in shown["mandates"]] == ["1", "2"]
    assert shown["mandates"][0][1] == "1: Recommended by a government body, without obligation"


def test_a_dimension_table_has_one_level_filter_and_the_overview_one_per_dimension():
    one = [f.name for f in filters.for_table({}, "staffing")]
    every = [f.name for f in filters.for_table({}, None)]
    assert "level" in one and "staffing" not in one
    assert {"mandates", "funding", "certification", "staffing"} <= set(every) and "level" not in every


def test_overview_rows_carry_the_filter_attributes_the_form_names(ctx):
    page = tables.overview(ctx)
    names = set(re.findall(r'<select name="([a-z_]+)"(?! data-atlas-year)', page))  # the year is no filter
    row = re.search(r'<tr data-name="Ontario"([^>]*)>', page).group(1)
    for name in names:
        assert f' data-{name}="' in row, name
    assert 'data-settings="act"' in row
    assert 'data-history="mandates=1998:1,2004:2"' in row  # the dated steps "Levels as of" reads
    assert '<select name="year" data-atlas-year><option value="">Today</option><option value="2025">' in page
    assert '<option value="health_insurance_reimbursement">' not in page  # no fixture instrument has it


def test_medicaid_is_named_where_health_insurance_reimbursement_is_offered():
    assert "Medicaid" in filters.value_label("health_insurance_reimbursement")
