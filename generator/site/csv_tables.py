"""The CSV downloads: which tables there are, the rows of each, and the fields none carries.

The CSV files, the workbook's sheets, the data package and the downloads page all read
``CSV_TABLES``. ``tests/test_registry.py`` fails when a model field is in no column and not
listed in ``NOT_IN_CSV`` with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from generator.data import agreement, history
from generator.data.model import DIMENSIONS
from generator.site.columns import (AGREEMENT_COLUMNS, CHANGE_COLUMNS, HISTORY_COLUMNS, INSTRUMENT_COLUMNS,
                                    JURISDICTION_COLUMNS,
                                    OBSERVED_COLUMNS, SEARCH_COLUMNS, SOURCE_COLUMNS, Column, Row)
from generator.site.context import SiteContext


def jurisdiction_rows(ctx: SiteContext) -> Iterator[Row]:
    for j in ctx.dataset.jurisdictions.values():
        yield Row(ctx, j)


def _per_dimension(ctx: SiteContext, items: Callable[[Any], list]) -> Iterator[Row]:
    for j in ctx.dataset.jurisdictions.values():
        for d in DIMENSIONS:
            for n, item in enumerate(items(j.dimension(d)), start=1):
                yield Row(ctx, j, d, item, n)


def instrument_rows(ctx: SiteContext) -> Iterator[Row]:
    return _per_dimension(ctx, lambda dim: dim.instruments)


def search_rows(ctx: SiteContext) -> Iterator[Row]:
    return _per_dimension(ctx, lambda dim: dim.searched)


def history_rows(ctx: SiteContext) -> Iterator[Row]:
    return _per_dimension(ctx, history.steps)


def observed_rows(ctx: SiteContext) -> Iterator[Row]:
    return _per_dimension(ctx, lambda dim: getattr(dim, "observed", []))


def source_rows(ctx: SiteContext) -> Iterator[Row]:
    for j in ctx.dataset.jurisdictions.values():
        for key, source in j.sources.items():
            yield Row(ctx, j, key, source)


def change_rows(ctx: SiteContext) -> Iterator[Row]:
    for j in ctx.dataset.jurisdictions.values():
        for n, change in enumerate(j.changes, start=1):
            yield Row(ctx, j, "", change, n)


def agreement_rows(ctx: SiteContext) -> Iterator[Row]:
    for run in ctx.runs:
        for a in agreement.agreements(run):
            yield Row(ctx, run, a.dimension, a)


@dataclass(frozen=True)
class CsvTable:
    path: str  # under data/
    name: str  # the data package's resource name
    title: str  # what a row is
    columns: list[Column]
    rows: Callable[[SiteContext], Iterator[Row]]
    sheet: str | None = None  # the workbook's sheet, if it has one
    sheet_per_dimension: bool = False  # or one sheet per dimension


# The CSV downloads, declared once for the files, the workbook, the data package and the downloads page.
CSV_TABLES = [
    CsvTable("atlas-jurisdictions.csv", "jurisdictions", "One row per jurisdiction: levels and key figures",
             JURISDICTION_COLUMNS, jurisdiction_rows, "Overview"),
    CsvTable("atlas-instruments.csv", "instruments", "One row per instrument, with its source keys",
             INSTRUMENT_COLUMNS, instrument_rows, sheet_per_dimension=True),
    CsvTable("atlas-searches.csv", "searches",
             "One row per evidence-of-absence record: documents read and found silent",
             SEARCH_COLUMNS, search_rows, "Searches"),
    CsvTable("atlas-history.csv", "history",
             "One row per dated change of a level, recorded or derived from its instruments",
             HISTORY_COLUMNS, history_rows, "Level history"),
    CsvTable("atlas-observed.csv", "observed", "One row per observed (measured) figure; these are not requirements",
             OBSERVED_COLUMNS, observed_rows, "Observed figures"),
    CsvTable("atlas-sources.csv", "sources", "One row per source of each file", SOURCE_COLUMNS, source_rows, "Sources"),
    CsvTable("atlas-changes.csv", "changes", "One row per dated entry of each file's changelog",
             CHANGE_COLUMNS, change_rows, "Changes"),
    CsvTable("atlas-agreement.csv", "agreement",
             "One row per blind coding run and dimension: agreement between coders before reconciliation",
             AGREEMENT_COLUMNS, agreement_rows),
]

# Model fields no CSV carries, and why; everything is in atlas.json and the API.
NOT_IN_CSV = {
    "Jurisdiction.aliases": "search terms; in the JSON",
    "Jurisdiction.role_titles": "in the JSON and on each page",
    "Jurisdiction.summary": "prose; on each page and in the JSON",
    "Jurisdiction.dimensions": "spread over the level columns and the per-dimension tables",
    "Jurisdiction.changes": "its own table (atlas-changes.csv)",
    "Instrument.credential": "spread over the credential columns",
    "Dimension.rationale": "prose; on each page and in the JSON",
    "Dimension.sources": "keys only; on each page and in the JSON",
    "Dimension.instruments": "its own table (atlas-instruments.csv)",
    "Dimension.searched": "its own table (atlas-searches.csv)",
    "Dimension.history": "its own table (atlas-history.csv), with the derived changes",
    "Staffing.observed": "its own table (atlas-observed.csv)",
    "BillingCode.code": "joined into billing_codes as written: code modifier (unit, note)",
    "BillingCode.modifier": "joined into billing_codes",
    "BillingCode.unit": "joined into billing_codes",
    "BillingCode.note": "joined into billing_codes",
}


def table(name: str) -> CsvTable:
    """A download by its data-package resource name, e.g. ``table("searches")``."""
    return next(t for t in CSV_TABLES if t.name == name)
