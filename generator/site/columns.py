"""The CSV downloads: every column declared once, with how its value is read.

A ``Column`` holds its name, type, description and getter, and names the model fields it
exports; the CSV files, the data package, the workbook and the downloads page all read
``CSV_TABLES``. An empty description is taken from the schema's description of the column's
first field, so each is written once. Which tables there are, and which rows each has, is
in ``csv_tables``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, get_origin

from generator.data import codebook
from generator.data.facts import INSTRUMENT_FACTS, Fact, fact_texts
from generator.data.fields import DIMENSION_TITLES, quantity_text
from generator.data.figures import KEY_FIGURES, instrument_count
from generator.data.model import DIMENSIONS, Credential, Instrument
from generator.site.context import SiteContext

API_VERSION = "1.0"
DATA = "data"


@dataclass(frozen=True)
class Row:
    """What a getter sees: the jurisdiction and, below it, the dimension and the record."""

    ctx: SiteContext
    j: Any
    d: str = ""
    item: Any = None
    n: int = 0


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    get: Callable[[Row], Any]
    description: str = ""
    fields: tuple[str, ...] = ()  # "Model.field" of each model field the column carries

    def describe(self) -> str:
        if self.description or not self.fields:
            return self.description
        model, field = self.fields[0].split(".")
        return {name: text for name, text, _ in codebook.fields(model)}.get(field, "")


def joined(values) -> str:
    return "; ".join(map(str, values))


def _field(model: str, name: str, kind: str = "string", of: Callable[[Row], Any] = lambda r: r.item,
           column: str | None = None, description: str = "") -> Column:
    """A column that is one model field, read as it is (lists joined with '; ', None empty).

    ``of`` picks the record the field belongs to; a record that is absent (an instrument
    without a credential) gives an empty cell.
    """
    def get(r: Row) -> Any:
        record = of(r)
        value = None if record is None else getattr(record, name)
        if isinstance(value, (list, tuple)):
            return joined(value)
        return "" if value is None and kind == "string" else value
    return Column(column or name, kind, get, description, (f"{model}.{name}",))


def _csv_value(fact: Fact, value: Any) -> Any:
    """Codes stay codes, figures and billing codes read as on the page; lists joined with '; '."""
    if value is None:
        return "" if fact.type == "string" else None
    if fact.format == "quantities":
        return joined(quantity_text(q) for q in value)
    if fact.format == "billing_codes":
        return joined(fact_texts(fact, value))
    return joined(value) if isinstance(value, list) else value


def _fact_column(fact: Fact) -> Column:
    """An instrument fact (generator/data/facts.py) as its CSV column, described by the model."""
    model, name = fact.model_field.split(".")
    described = {n: text for n, text, _ in codebook.fields(model)}.get(name, "")
    many = get_origin(getattr(model_classes[model], "model_fields")[name].annotation) is list
    return Column(fact.csv_column, fact.type, lambda r: _csv_value(fact, fact.value(r.item)),
                  described + (" Separated by `; `." if many else ""), (fact.model_field,))


model_classes = {"Instrument": Instrument, "Credential": Credential}


def _quantity(name: str, kind: str = "string", description: str = "") -> Column:
    """A part of an observed figure's quantity, for filtering by unit or value."""
    return _field("Quantity", name, kind, of=lambda r: r.item.quantity, description=description)


def _source_keys(model: str, description: str) -> Column:
    return _field(model, "sources", column="source_keys",
                  description=f"{description}, separated by `; `; see the sources file.")


def _level(r: Row) -> str:
    return str(r.j.dimension(r.d).level)


VERSION = Column("data_version", "string", lambda r: r.ctx.version.text, "The atlas data version.")
J_ID = Column("jurisdiction_id", "string", lambda r: r.j.id, "The jurisdiction's id.")
J_NAME = Column("jurisdiction_name", "string", lambda r: r.j.name, "The jurisdiction's name.")
DIMENSION = Column("dimension", "string", lambda r: r.d, f"One of: {', '.join(DIMENSIONS)}.")
LEVEL = Column("level", "string", _level, "The jurisdiction's level on this dimension (0–3 or unknown).")

def _key_figure(k) -> Column:
    return Column(k.column, "string", lambda r: k.of(r.j), k.description)


def _level_column(d: str) -> Column:
    def get(r: Row) -> Any:
        level = r.j.dimension(d).level
        return None if level == "unknown" else level
    return Column(f"{d}_level", "integer", get, f"{DIMENSION_TITLES[d]} level, 0 to 3; EMPTY when unknown (never 0).",
                  (f"{DIMENSION_TITLES[d]}.level",))


def _of_j(r: Row) -> Any:
    return r.j


JURISDICTION_COLUMNS = [
    Column("id", "string", lambda r: r.j.id,
           "ISO 3166 code of the jurisdiction, lower case; its file name and permalink.", ("Jurisdiction.id",)),
    _field("Jurisdiction", "name", of=_of_j),
    _field("Jurisdiction", "parent", of=_of_j, description="For a subdivision, its country's id; empty for a country."),
    Column("type", "string", lambda r: "subnational" if r.j.is_subnational else "country", "`country` or `subnational`."),
    _field("Jurisdiction", "region", of=_of_j),
    *[_level_column(d) for d in DIMENSIONS],
    *[Column(f"{d}_coded", "boolean", lambda r, d=d: r.j.dimension(d).level != "unknown",
             f"true when the {d} level is established, false when it is unknown.") for d in DIMENSIONS],
    *[_key_figure(k) for k in KEY_FIGURES],
    Column("instruments", "integer", lambda r: instrument_count(r.j),
           "Number of instruments recorded across the dimensions."),
    _field("Jurisdiction", "last_reviewed", kind="date", of=_of_j),
    VERSION,
]

INSTRUMENT_COLUMNS = [
    J_ID, J_NAME, DIMENSION, LEVEL,
    _field("Instrument", "id", column="instrument_id", description="Slug of the instrument, unique within its jurisdiction."),
    _field("Instrument", "title"),
    *[_fact_column(f) for f in INSTRUMENT_FACTS],
    _field("Instrument", "summary"),
    _field("Instrument", "verification"),
    _source_keys("Instrument", "Keys of the sources"),
    Column("page_url", "string", lambda r: f"{r.ctx.page_url(r.j.id)}#{r.d}-{r.item.id}",
           "Address of the instrument on the atlas site."),
    VERSION,
]

SEARCH_COLUMNS = [
    J_ID, J_NAME, DIMENSION, LEVEL,
    _field("Search", "looked_for"),
    _field("Search", "found"),
    _field("Search", "settings", description="Settings the documents read cover, separated by `; `."),
    _field("Search", "populations", description="Populations the documents read cover, separated by `; `."),
    _field("Search", "date", kind="date", description="When the documents were read."),
    _source_keys("Search", "Keys of the documents read"),
    Column("page_url", "string", lambda r: f"{r.ctx.page_url(r.j.id)}#{r.d}-searched-{r.n}",
           "Address of the search record on the atlas site."),
    VERSION,
]

HISTORY_COLUMNS = [
    J_ID, J_NAME, DIMENSION,
    _field("LevelChange", "date", description="When the level changed (YYYY, YYYY-MM or YYYY-MM-DD)."),
    _field("LevelChange", "level", kind="integer", column="level_from",
           description="The level from that date on (0–3)."),
    Column("instrument", "string", lambda r: r.item.instrument.id if r.item.instrument else "",
           "The id of the instrument that brought the change, if one did.", ("LevelChange.instrument",)),
    _field("LevelChange", "note"),
    Column("derived", "boolean", lambda r: r.item.derived,
           "true: dated from the level's instruments (it held at least since then); false: recorded in the file."),
    _source_keys("LevelChange", "Keys of the sources for a change resting on no instrument"),
    Column("page_url", "string", lambda r: f"{r.ctx.page_url(r.j.id)}#{r.d}-history",
           "Address of the level's history on the atlas site."),
    VERSION,
]

OBSERVED_COLUMNS = [
    J_ID, J_NAME, DIMENSION,
    _field("ObservedFigure", "id", column="figure_id", description="Slug of the figure, unique within its jurisdiction."),
    Column("figure", "string", lambda r: quantity_text(r.item.quantity), "The figure with its unit.",
           ("ObservedFigure.quantity",)),
    _quantity("value", "number", "The number alone."),
    _quantity("unit"),
    _quantity("per"),
    _quantity("note"),
    _field("ObservedFigure", "year"),
    _field("ObservedFigure", "summary"),
    _field("ObservedFigure", "verification"),
    _source_keys("ObservedFigure", "Keys of the sources"),
    Column("page_url", "string", lambda r: f"{r.ctx.page_url(r.j.id)}#{r.d}-{r.item.id}",
           "Address of the figure on the atlas site."),
    VERSION,
]

SOURCE_COLUMNS = [
    Column("jurisdiction_id", "string", lambda r: r.j.id, "The jurisdiction whose file lists the source."),
    Column("key", "string", lambda r: r.d, "The source's key in that file.", ("Jurisdiction.sources",)),
    *[_field("Source", f) for f in ("title", "authors", "publisher")],
    _field("Source", "year", kind="integer"),
    *[_field("Source", f) for f in ("url", "doi", "kind", "accessed", "cited_via", "note")],
    VERSION,
]

CHANGE_COLUMNS = [
    J_ID, J_NAME,
    _field("Change", "date", kind="date"),
    _field("Change", "kind"),
    _field("Change", "summary"),
    Column("page_url", "string", lambda r: f"{r.ctx.page_url(r.j.id)}#changes",
           "Address of the file's changelog on the atlas site."),
    VERSION,
]


def _agreement(name: str, kind: str, description: str, get: Callable[[Row], Any] | None = None) -> Column:
    return Column(name, kind, get or (lambda r: getattr(r.item, name)), description)


AGREEMENT_COLUMNS = [
    Column("run", "string", lambda r: r.j.run, "The blind coding run (a file in coding/runs/ of the repository)."),
    Column("guide_version", "string", lambda r: r.j.guide_version, "The interpretation guide version the run applied."),
    _agreement("dimension", "string", f"One of: {', '.join(DIMENSIONS)}, or `all` for the pooled figures."),
    _agreement("n", "integer", "Levels coded by both coders."),
    _agreement("agreed", "integer", "Levels on which the first and the blind coding agreed, before reconciliation."),
    _agreement("percent", "number", "Percent agreement before reconciliation.", lambda r: None if r.item.percent is None else round(r.item.percent, 1)),
    _agreement("kappa", "number", "Cohen's kappa before reconciliation (unknown counted as a category); empty when undefined.",
               lambda r: None if r.item.kappa is None else round(r.item.kappa, 3)),
    _agreement("reconciled_changed", "integer", "Levels that reconciliation changed from the first coding."),
    VERSION,
]
