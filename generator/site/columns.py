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

SOURCE_COLUMNS = [
    ("jurisdiction_id", "string", "The jurisdiction whose file lists the source."),
    ("key", "string", "The source's key in that file."),
    *[(f, "string", "") for f in ("title", "authors", "publisher")],
    ("year", "integer", ""),
    *[(f, "string", "") for f in ("url", "doi", "kind", "accessed", "cited_via", "note")],
    ("data_version", "string", "The atlas data version."),
]


def describe(model: str, columns: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Fill empty column descriptions from the schema, so each is written once."""
    known = {name: text for name, text, _ in codebook.fields(model)}
    return [(name, kind, text or known.get(name, "")) for name, kind, text in columns]
