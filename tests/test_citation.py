"""Citations: the repository's CITATION.cff is valid; generated citations pin the data version."""

import json
from pathlib import Path

import jsonschema
import yaml

from generator.site.citation import cite
from generator.data.version import DataVersion

ROOT = Path(__file__).resolve().parent.parent


def test_citation_cff_is_valid_cff_1_2_0():
    schema = json.loads((ROOT / "tests/fixtures/cff/schema-1.2.0.json").read_text())
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    jsonschema.validate(data, schema)


def test_citation_names_the_jurisdictions_version_and_url():
    c = cite(["Ontario", "Australia"], ["ca-on", "au"], "https://x.example/atlas/compare/?j=ca-on,au",
             DataVersion("v1.2.0", "2026-05-01"))
    assert c.apa == (
        "Peer Support Policy Atlas contributors. (2026, May 1). Ontario, Australia: peer support worker policy "
        "(Version v1.2.0) [Data set]. Peer Support Policy Atlas. https://x.example/atlas/compare/?j=ca-on,au"
    )
    assert "@misc{psatlas_caon_au_2026," in c.bibtex and "version = {v1.2.0}" in c.bibtex
    assert "date = {2026-05-01}" in c.bibtex
    csl = json.loads(c.csl)
    assert csl["version"] == "v1.2.0" and csl["type"] == "dataset"
    assert csl["issued"] == {"date-parts": [[2026, 5, 1]]}


def test_citation_gives_no_retrieval_date_that_a_reader_would_take_for_their_own():
    # the data date is the version's publication date, not the day anyone looked
    c = cite(["Kenya"], ["ke"], "https://x.example/atlas/ke/", DataVersion("v1", "2026-11-27"))
    assert "Retrieved" not in c.apa and "urldate" not in c.bibtex and "accessed" not in c.csl


def test_bibtex_special_characters_are_escaped():
    c = cite(["A & B_{x}"], ["ca"], "https://x.example/", DataVersion("v1", "2026-01-01"))
    assert r"A \& B\_\{x\}" in c.bibtex


def test_every_level_instrument_and_observed_figure_has_its_own_citation(ctx):
    from generator.site.citation import _bibtex_escape, cite_values, value_templates
    from generator.site.pages import jurisdiction

    j = ctx.dataset.jurisdictions["ca-on"]
    url = ctx.page_url(j.id)
    values = cite_values(j)
    assert {"mandates", "mandates-act-standard", "staffing-average-fte", "certification-credential"} <= set(values)
    assert values["mandates-act-standard"].title == "Ontario: Fixture ACT standard (mandates)"
    assert values["mandates"].title == "Ontario: mandates level 2 (Required in specific services)"
    assert values["staffing-average-fte"].title == "Ontario: 35 % FTE (2019), observed staffing figure"
    # the page's templates, filled in for a value as atlas.js does, give what cite() gives for it
    t = value_templates(url, ctx.version)
    for v in values.values():
        whole = cite([j.name], [j.id, v.anchor], f"{url}#{v.anchor}", ctx.version, title=v.title)
        for template, expected, title in ((t.apa, whole.apa, v.title), (t.bibtex, whole.bibtex, _bibtex_escape(v.title))):
            filled = (template.replace("ATLASVALUETITLE", title).replace("ATLASVALUEKEY", v.key)
                      .replace("ATLASVALUEANCHOR", v.anchor))
            assert filled == expected
    assert "@misc{psatlas_caon_mandatesactstandard_2026," in t.bibtex.replace("ATLASVALUEKEY", "caon_mandatesactstandard")
    page = jurisdiction.outputs(ctx)["ca-on.md"]
    for anchor in values:  # each citation points at an anchor the page has
        assert f'id="{anchor}"' in page or f"{{: #{anchor} }}" in page, anchor
    assert page.count('class="atlas-cite-templates"') == 1
