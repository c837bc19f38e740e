"""The field registry: every field and dimension is declared once and reaches every output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.data import codebook, facts, fields, model
from generator.tools import examples
from generator.data.model import DIMENSIONS, Jurisdiction
from generator.site import csv_tables, exports
from generator.site.nav import with_dimension_tables

ROOT = Path(__file__).resolve().parents[1]

# The modules that may name a dimension: the model declares them, the registry and the key
# figures and table columns attach a meaning to one dimension each.
MAY_NAME_DIMENSIONS = {
    "generator/data/model.py", "generator/data/fields.py", "generator/data/figures.py",
    "generator/data/facts.py",
}
# a dimension name as code: a quoted string, an attribute, or a URL fragment or path
LITERAL = re.compile(r"""["'#./](%s)\b""" % "|".join(DIMENSIONS))
CODE_FILES = [*ROOT.glob("generator/**/*.py"), *ROOT.glob("generator/**/*.j2"), *ROOT.glob("generator/**/*.js"),
              *ROOT.glob("generator/**/*.html"), *ROOT.glob("docs/assets/js/*.js"), *ROOT.glob("docs/assets/css/*.css"),
              ROOT / "mkdocs.yml"]

# every model whose fields reach the CSV downloads, as the schema names them
EXPORTED_MODELS = ["Jurisdiction", "Instrument", "Credential", "BillingCode", "Quantity", "ObservedFigure",
                   "Search", "LevelChange", "Source", "Change", "Dimension", *[fields.dimension_model(d).__name__ for d in DIMENSIONS]]


def _model_fields() -> set[str]:
    found = set()
    for name in EXPORTED_MODELS:
        cls = getattr(model, name)
        parent = set(model.Dimension.model_fields) if issubclass(cls, model.Dimension) and cls is not model.Dimension else set()
        found |= {f"{name}.{f}" for f in cls.model_fields if f not in parent}
    return found


def _exported() -> set[str]:
    return {f for t in csv_tables.CSV_TABLES for c in t.columns for f in c.fields}


def test_the_dimensions_are_the_fields_of_the_model_in_order():
    assert DIMENSIONS == tuple(model.Dimensions.model_fields)
    assert list(fields.DIMENSION_TITLES) == list(DIMENSIONS)
    assert codebook.DIMENSION_MODELS == {d: fields.dimension_model(d).__name__ for d in DIMENSIONS}


@pytest.mark.parametrize("name", sorted(_model_fields()))
def test_every_model_field_is_in_a_csv_column_or_excluded_with_a_reason(name):
    assert name in _exported() or name in csv_tables.NOT_IN_CSV, (
        f"{name} is in no CSV column: add it to a table in generator/site/columns.py, "
        "or to NOT_IN_CSV with the reason")


def test_exclusions_name_real_fields_that_are_not_also_exported():
    stale = set(csv_tables.NOT_IN_CSV) - _model_fields()
    assert not stale, f"NOT_IN_CSV names fields the model does not have: {sorted(stale)}"
    assert not set(csv_tables.NOT_IN_CSV) & _exported()


def test_every_column_field_names_a_real_field():
    assert _exported() <= _model_fields() | {"Jurisdiction.sources"}


def test_every_unit_of_the_model_has_its_wording():
    assert set(fields.UNIT_LABELS) == {value for value, _ in codebook.vocabulary("Quantity", "unit")}


def test_a_figure_reads_the_same_everywhere():
    fte = model.Quantity(value=0.5, unit="fte", per="ACT team")
    rate = model.Quantity(value=26.49, unit="currency_per_unit", per="USD per 15 minutes")
    assert fields.quantity_text(fte) == "0.5 FTE per ACT team"
    assert fields.quantity_text(rate) == "26.49 USD per 15 minutes"
    assert fields.quantity_text(model.Quantity(value=3, unit="currency_per_unit")) == "3 payment per billing unit"


@pytest.mark.parametrize("path", CODE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_dimension_is_named_outside_the_registry(path):
    rel = path.relative_to(ROOT).as_posix()
    if rel in MAY_NAME_DIMENSIONS or "boundaries" in rel:
        return
    hits = [f"{rel}:{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if LITERAL.search(line)]
    assert not hits, "a dimension is named as a literal; read it from generator/data/fields.py:\n" + "\n".join(hits)


def test_the_nav_gets_one_table_per_dimension_after_the_overview():
    nav = [{"Home": "index.md"}, {"Tables": [{"Overview": "atlas/tables/overview.md"}]}]
    tables = with_dimension_tables(nav)[1]["Tables"]
    assert tables[0] == {"Overview": "atlas/tables/overview.md"}
    assert tables[1:] == [{fields.DIMENSION_TITLES[d]: f"atlas/tables/{d}.md"} for d in DIMENSIONS]
    assert with_dimension_tables(with_dimension_tables(nav)) == with_dimension_tables(nav)


def test_the_api_record_is_the_whole_model(ctx):
    files = exports.api_files(ctx)
    import json

    for j in ctx.dataset.jurisdictions.values():
        record = json.loads(files[f"api/v1/jurisdictions/{j.id}.json"])["jurisdiction"]
        assert Jurisdiction.model_validate_json(json.dumps(record)) == j


def test_the_codebook_api_carries_the_registry(ctx):
    import json

    body = json.loads(exports.api_files(ctx)["api/v1/codebook.json"])
    assert list(body["dimensions"]) == list(DIMENSIONS)
    assert body["dimension_titles"] == fields.DIMENSION_TITLES
    assert body["units"] == fields.UNIT_LABELS
    assert body["with_observed"] == list(fields.WITH_OBSERVED)


def test_each_csv_has_its_declared_columns_in_order(ctx):
    for t in csv_tables.CSV_TABLES:
        frame = exports.frame(t, ctx)
        assert list(frame.columns) == [c.name for c in t.columns]
        assert all(c.describe() for c in t.columns), f"{t.path}: a column has no description"


def test_a_figure_of_one_reads_in_the_singular():
    from generator.data.model import Quantity

    assert fields.quantity_text(Quantity(value=1, unit="workers", per="ACT team")) == "1 worker per ACT team"
    assert fields.quantity_text(Quantity(value=2, unit="workers", per="ACT team")) == "2 workers per ACT team"
    assert fields.quantity_text(Quantity(value=1, unit="fte", per="ACT team")) == "1 FTE per ACT team"
    assert set(fields.UNIT_LABELS_ONE) <= set(fields.UNIT_LABELS)


def _instrument_fields() -> set[str]:
    return {f"{m.__name__}.{f}" for m in (model.Instrument, model.Credential) for f in m.model_fields}


@pytest.mark.parametrize("name", sorted(_instrument_fields()))
def test_every_instrument_field_is_a_fact_or_shown_in_its_own_place(name):
    assert name in {f.model_field for f in facts.INSTRUMENT_FACTS} or name in facts.SHOWN_APART, (
        f"{name} reaches no page: add a Fact for it to INSTRUMENT_FACTS in generator/data/facts.py, "
        "or to SHOWN_APART with where it is shown")


def test_the_scaffold_example_instrument_shows_every_fact_in_registry_order():
    inst = model.Instrument.model_validate({**examples.EXAMPLE_INSTRUMENT, "ended": "2024-06"})
    shown = [fact.field for fact, _ in facts.facts_of(inst)]
    assert shown == [f.field for f in facts.INSTRUMENT_FACTS]


def test_facts_read_as_words_the_same_way_for_pages_and_tables():
    inst = model.Instrument.model_validate(examples.EXAMPLE_INSTRUMENT)
    words = {fact.field: texts for fact, texts in facts.facts_of(inst)}
    assert words["credential.training_hours"] == ["40 hours"]
    assert words["credential.exam"] == ["required"]
    assert words["credential.renewal_years"] == ["2 years"]
    assert words["settings"] == [", ".join(map(fields.value_label, ["community_mental_health", "crisis"]))]
    assert words["billing_codes"] == ["H0038 HQ (15 minutes, group peer support)"]
    assert words["authority"] == ["Medicaid state plan, rehabilitative services option"]


def test_compare_view_formats_every_fact_format_and_reads_the_facts_from_the_codebook():
    js = (ROOT / "docs/assets/js/compare.js").read_text()
    block = js[js.index("var FORMAT = {"):js.index("};", js.index("var FORMAT = {"))]
    assert set(re.findall(r"^\s+(\w+):", block, re.M)) == set(facts.FORMATS)
    assert "codebook.instrument_facts" in js


def test_every_fact_has_a_known_format_and_tables_that_are_dimensions():
    for fact in facts.INSTRUMENT_FACTS:
        assert fact.format in facts.FORMATS, fact
        assert set(fact.tables) <= set(DIMENSIONS), fact
