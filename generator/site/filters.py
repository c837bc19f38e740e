"""The table filters: each declared once, with how a row's values are read.

A table row stands for a jurisdiction and the instruments it shows (all of them on the
overview, one on a dimension's table or a topic view). Each filter reads its values from
that, the page writes them on the row as ``data-<name>`` (space-separated where a row may
hold several), and ``tables.js`` matches the form's choices against them and keeps the
choices in the page's address. The options are the values present in the table, in the
model's order, labelled by the field registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, get_args

from generator.data import codebook
from generator.data.fields import DIMENSION_TITLES, value_label
from generator.data.model import DIMENSIONS, Instrument, Jurisdiction, Region


@dataclass(frozen=True)
class FilterRow:
    j: Jurisdiction
    country: str  # the id of the jurisdiction's country (itself, for a country)
    instruments: tuple[Instrument, ...] = ()
    dimension: str | None = None  # the table's dimension, if it has one
    text: str = ""  # what the text search looks in


@dataclass(frozen=True)
class Filter:
    name: str  # the form field, the URL key and the row's data attribute
    label: str
    values: Callable[[FilterRow], Iterable[str]]
    order: tuple[str, ...] = ()  # the vocabulary's order, where there is one
    labels: Callable[[str], str] = value_label
    multi: bool = False  # a row may hold several values


def _vocab(model: str, name: str) -> tuple[str, ...]:
    return tuple(str(v) for v, _ in codebook.vocabulary(model, name))


def _instrument(name: str, label: str) -> Filter:
    """A filter on an instrument field: a row matches when any of its instruments has the value."""
    def values(r: FilterRow) -> list[str]:
        out = []
        for inst in r.instruments:
            v = getattr(inst, name)
            out += [str(x) for x in v] if isinstance(v, list) else ([] if v is None else [str(v)])
        return out
    return Filter(name, label, values, _vocab("Instrument", name), multi=True)


def _level(dimension: str, name: str, label: str) -> Filter:
    def level_text(v: str) -> str:
        return v if v == "unknown" else f"{v}: {codebook.level_label(dimension, int(v))}"
    return Filter(name, label, lambda r: [str(r.j.dimension(dimension).level)],
                  tuple(str(v) for v, _, _ in codebook.levels(dimension)), labels=level_text)


REGION = Filter("region", "Region", lambda r: [r.j.region], tuple(get_args(get_args(Region)[0])), labels=str)
KIND = Filter("kind", "Level of government", lambda r: ["subnational" if r.j.is_subnational else "country"],
              ("country", "subnational"), labels={"country": "Countries", "subnational": "States, provinces, nations"}.get)
INSTRUMENT_FILTERS = (
    _instrument("settings", "Setting"),
    _instrument("populations", "Population"),
    _instrument("mechanism", "Funding mechanism"),
    _instrument("binding", "Binding"),
    _instrument("status", "Status"),
    _instrument("verification", "Verification"),
)


def country_filter(names: dict[str, str]) -> Filter:
    """A country with its states, provinces and nations; ``names`` gives each country's name."""
    return Filter("country", "Country", lambda r: [r.country], labels=lambda v: names.get(v, v))


def for_table(names: dict[str, str], dimension: str | None) -> list[Filter]:
    """The filters of a table: one level filter for a dimension's table, one per dimension on the overview."""
    if dimension:
        levels = [_level(dimension, "level", f"{DIMENSION_TITLES[dimension]} level")]
    else:
        levels = [_level(d, d, DIMENSION_TITLES[d]) for d in DIMENSIONS]
    return [REGION, KIND, country_filter(names), *levels, *INSTRUMENT_FILTERS]


@dataclass
class Controls:
    """What the filter form shows: each filter with the options present in the table's rows."""

    table_id: str
    filters: list[tuple[Filter, list[tuple[str, str]]]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # earlier years the levels can be shown as of, newest first


def form(table_id: str, filters: list[Filter], rows: list[FilterRow]) -> tuple[list[dict[str, str]], Controls]:
    """Each row's data attributes (one per filter, plus the text the search box looks in) and the
    form, from one reading of each row's values. A filter appears only when the table holds two
    or more of its values."""
    values = [{f.name: list(dict.fromkeys(f.values(r))) for f in filters} for r in rows]
    attrs = [{**{name: " ".join(vs) for name, vs in v.items()}, "text": r.text} for v, r in zip(values, rows)]
    out = Controls(table_id)
    for f in filters:
        present = {x for v in values for x in v[f.name]}
        ordered = [x for x in f.order if x in present] + sorted(present - set(f.order), key=f.labels)
        if len(ordered) >= 2:
            out.filters.append((f, [(x, f.labels(x)) for x in ordered]))
    return attrs, out


def search_text(j: Jurisdiction, instruments: Iterable[Instrument], summaries: bool = True) -> str:
    """Names, aliases and role titles, and each instrument's title (and summary), in lower case."""
    parts = [j.name, *j.aliases, *j.role_titles]
    for inst in instruments:
        parts += [inst.title, inst.summary] if summaries else [inst.title]
    return " ".join(parts).lower()


def row(j: Jurisdiction, instruments: Iterable[Instrument] = (), dimension: str | None = None,
        summaries: bool = True) -> FilterRow:
    """A row's filter values. The overview, whose rows hold every instrument of a jurisdiction,
    searches titles only: with the summaries its page was three times the size at 1,000 rows."""
    instruments = tuple(instruments)
    return FilterRow(j, j.parent or j.id, instruments, dimension, search_text(j, instruments, summaries))
