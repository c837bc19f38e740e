"""The page layer in process: links computed per page, requirements never mixed with observed figures, prose markup."""

from datetime import date
from pathlib import Path

import pytest

from generator.data.dataset import load_dataset
from generator.site.pages import data_pages, reference, tables
from generator.site.render import prose, relative_url
from generator.site.context import SiteContext
from generator.data.version import DataVersion

from .conftest import DATA


@pytest.fixture(scope="module")
def ctx() -> SiteContext:
    dataset = load_dataset(DATA)
    return SiteContext(dataset=dataset, repo_url="https://github.com/o/r", site_url="https://o.example/atlas-site/",
                       data_path="jurisdictions", version=DataVersion("v1", "2026-11-27"), today=date(2026, 11, 27))


@pytest.mark.parametrize("page, target, expected", [
    ("atlas/index.md", "atlas/ke/", "ke/"),  # the index is served at atlas/, not atlas/index/
    ("atlas/ke.md", "atlas/ca/#funding", "../ca/#funding"),
    ("atlas/tables/overview.md", "atlas/ke/#staffing", "../../ke/#staffing"),
    ("atlas/downloads.md", "about/#how-to-cite", "../../about/#how-to-cite"),
    ("atlas/compare.md", "assets/js/compare.js", "../../assets/js/compare.js"),
    ("index.md", "atlas/map/?focus=ke", "atlas/map/?focus=ke"),
    ("atlas/ke.md", "atlas/ke/", "./"),
])
def test_links_are_made_relative_to_the_page_that_holds_them(page, target, expected):
    assert relative_url(target, page) == expected


def test_the_jurisdictions_index_links_to_pages_beside_it(ctx):
    text = reference.index_page(ctx)
    assert '<a href="ke/">Kenya</a>' in text and 'href="../ke/"' not in text


def test_the_codebook_links_the_schema_the_site_publishes(ctx):
    assert 'href="../api/v1/schema.json"' in reference.codebook_page(ctx)


def test_an_observed_figure_is_never_shown_as_a_required_fte(ctx):
    ch = ctx.dataset.jurisdictions["ch"]
    assert ch.dimensions.staffing.observed and not any(
        q for i in ch.dimensions.staffing.instruments for q in i.quantities if q.unit in ("fte", "percent_fte"))
    html = tables.overview(ctx)
    row = html[html.index('data-name="Switzerland"'):]
    row = row[: row.index("</tr>")]
    assert "35" not in row and "observed" not in row


def test_descriptions_show_code_as_code_and_column_names_break_only_at_underscores(ctx):
    assert prose("`country` or <b>") == "<code>country</code> or &lt;b&gt;"
    text = data_pages.outputs(ctx)["downloads.md"]
    assert "`" not in text
    assert "<code>minimum_<wbr>peer_<wbr>fte</code>" in text


def test_only_very_long_words_may_wrap_inside_and_the_text_stays_escaped():
    from generator.site.render import long_words

    out = str(long_words("Grant for kokemusasiantuntijuudelle <b>& peers</b>"))
    assert out == "Grant for kokemusasi<wbr>antuntijuu<wbr>delle &lt;b&gt;&amp; peers&lt;/b&gt;"
    assert str(long_words("Medicaid-reimbursable recommendation")) == "Medicaid-reimbursable recommendation"
