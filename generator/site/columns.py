"""The columns of the CSV downloads, with their descriptions.

Descriptions left empty here are filled from the schema (``describe``), so
each is written once; both the downloads and the page that documents them
read this module.
"""

from __future__ import annotations

from generator.data import codebook
from generator.data.model import DIMENSIONS

API_VERSION = "1.0"
DATA = "data"

JURISDICTION_COLUMNS = [
    ("id", "string", "ISO 3166 code of the jurisdiction, lower case; its file name and permalink."),
    ("name", "string", "The jurisdiction's usual English name."),
    ("parent", "string", "For a subdivision, its country's id; empty for a country."),
    ("type", "string", "`country` or `subnational`."),
    ("region", "string", "World region, for filtering."),
    *[(f"{d}_level", "integer", f"{codebook.DIMENSION_TITLES[d]} level, 0 to 3; EMPTY when unknown (never 0).") for d in DIMENSIONS],
    *[(f"{d}_coded", "boolean", f"true when the {d} level is established, false when it is unknown.") for d in DIMENSIONS],
    ("minimum_peer_fte", "string", "Smallest required peer FTE figure, with what it applies to."),
    ("training_hours", "string", "Initial training hours of the credentials recorded (a range when several)."),
    ("funding_mechanisms", "string", "How peer support is paid for, from the funding instruments."),
    ("instruments", "integer", "Number of instruments recorded across the four dimensions."),
    ("last_reviewed", "date", "When the whole file was last checked."),
    ("data_version", "string", "The atlas data version this row comes from."),
]

INSTRUMENT_COLUMNS = [
    ("jurisdiction_id", "string", "The jurisdiction's id."),
    ("jurisdiction_name", "string", "The jurisdiction's name."),
    ("dimension", "string", "mandates, funding, certification or staffing."),
    ("level", "string", "The jurisdiction's level on this dimension (0–3 or unknown)."),
    ("instrument_id", "string", "Slug of the instrument, unique within its jurisdiction."),
    *[(f, "string", "") for f in ("title", "kind", "binding", "status", "effective", "ended")],
    ("settings", "string", "Settings, separated by `; `."),
    ("populations", "string", "Populations, separated by `; `."),
    ("mechanism", "string", ""),
    ("billing_codes", "string", "Billing codes with modifier, unit and what they cover, separated by `; `."),
    ("quantities", "string", "Figures set by the instrument, separated by `; `."),
    ("credential_name", "string", "For credentials: its name."),
    ("credential_body", "string", "For credentials: who awards it."),
    ("training_hours", "number", "For credentials: hours of initial training."),
    ("exam", "boolean", "For credentials: whether an exam is required."),
    ("supervised_hours", "number", "For credentials: supervised practice hours."),
    ("continuing_education_hours", "number", "For credentials: CE hours per renewal period."),
    ("required_for", "string", "For credentials: what it is required for."),
    ("summary", "string", ""),
    ("verification", "string", ""),
    ("source_keys", "string", "Keys of the sources, separated by `; `; see the sources file."),
    ("page_url", "string", "Address of the instrument on the atlas site."),
    ("data_version", "string", "The atlas data version."),
]

SEARCH_COLUMNS = [
    ("jurisdiction_id", "string", "The jurisdiction's id."),
    ("jurisdiction_name", "string", "The jurisdiction's name."),
    ("dimension", "string", "mandates, funding, certification or staffing."),
    ("level", "string", "The jurisdiction's level on this dimension (0–3 or unknown)."),
    ("looked_for", "string", ""),
    ("found", "string", ""),
    ("date", "date", "When the documents were read."),
    ("source_keys", "string", "Keys of the documents read, separated by `; `; see the sources file."),
    ("page_url", "string", "Address of the search record on the atlas site."),
    ("data_version", "string", "The atlas data version."),
]

SOURCE_COLUMNS = [
    ("jurisdiction_id", "string", "The jurisdiction whose file lists the source."),
    ("key", "string", "The source's key in that file."),
    *[(f, "string", "") for f in ("title", "authors", "publisher")],
    ("year", "integer", ""),
    *[(f, "string", "") for f in ("url", "doi", "kind", "accessed", "cited_via", "note")],
    ("data_version", "string", "The atlas data version."),
]


AGREEMENT_COLUMNS = [
    ("run", "string", "The blind coding run (a file in coding/runs/ of the repository)."),
    ("guide_version", "string", "The interpretation guide version the run applied."),
    ("dimension", "string", "mandates, funding, certification, staffing, or `all` for the pooled figures."),
    ("n", "integer", "Levels coded by both coders."),
    ("agreed", "integer", "Levels on which the first and the blind coding agreed, before reconciliation."),
    ("percent", "number", "Percent agreement before reconciliation."),
    ("kappa", "number", "Cohen's kappa before reconciliation (unknown counted as a category); empty when undefined."),
    ("reconciled_changed", "integer", "Levels that reconciliation changed from the first coding."),
    ("data_version", "string", "The atlas data version."),
]

# The CSV downloads, declared once for the files, the data package and the downloads page:
# (file, resource name, model its descriptions come from, columns, what a row is).
CSV_TABLES = [
    ("atlas-jurisdictions.csv", "jurisdictions", "Jurisdiction", JURISDICTION_COLUMNS,
     "One row per jurisdiction: levels and key figures"),
    ("atlas-instruments.csv", "instruments", "Instrument", INSTRUMENT_COLUMNS,
     "One row per instrument, with its source keys"),
    ("atlas-searches.csv", "searches", "Search", SEARCH_COLUMNS,
     "One row per evidence-of-absence record: documents read and found silent"),
    ("atlas-sources.csv", "sources", "Source", SOURCE_COLUMNS, "One row per source of each file"),
    ("atlas-agreement.csv", "agreement", None, AGREEMENT_COLUMNS,
     "One row per blind coding run and dimension: agreement between coders before reconciliation"),
]


def describe(model: str | None, columns: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Fill empty column descriptions from the schema, so each is written once."""
    known = {name: text for name, text, _ in codebook.fields(model)} if model else {}
    return [(name, kind, text or known.get(name, "")) for name, kind, text in columns]
