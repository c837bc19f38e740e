"""The text of a new jurisdiction file, which validates as it stands.

Every level starts as ``unknown``. The comments come from the field descriptions
in the model (see ``commented_yaml``); the example values from ``examples``. Each
example is shown once, under the first dimension that can hold it, so the file
stays short enough to read.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from generator.data.fields import dimension_model
from generator.data.model import (
    DIMENSIONS,
    Certification,
    Change,
    Instrument,
    Jurisdiction,
    ObservedFigure,
    Search,
    Source,
)
from generator.tools.commented_yaml import (
    WIDTH,
    comment,
    commented,
    describe,
    emit,
    example_block,
    list_item,
    scalar,
)
from generator.tools.examples import (
    EXAMPLE_CHANGE,
    EXAMPLE_DIMENSION,
    EXAMPLE_HISTORY,
    EXAMPLE_INSTRUMENT,
    EXAMPLE_INSTRUMENT_OFF,
    EXAMPLE_OBSERVED,
    EXAMPLE_SEARCH,
    EXAMPLE_SOURCES,
)
from generator.tools.places import english_name, region_for

DATA_DIR = Path("jurisdictions")
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/jurisdiction.schema.json"
REGION_PLACEHOLDER = "choose a region (see the comment above)"
# the dimension that codes credentials, under which the example instrument (a credential) is shown
CREDENTIALS = next(d for d in DIMENSIONS if dimension_model(d) is Certification)

_HOW_TO = (
    "Every level starts as `unknown`, which is never the same as 0: code a level only "
    "when a source you have read establishes it (the Codebook page explains each "
    "value). The comment above each field says what it means. Lines such as "
    "`# key: value` are examples: to use one, delete one `# ` from the start of each "
    "of its lines, delete the empty `key: []` (or `key: {}`) line just above it, and replace the "
    "example values with your own."
)


def _header(code: str, name: str, today: date) -> list[str]:
    return [
        SCHEMA_LINE,
        f"# {name}: started with `python -m generator new {code}` on {today.isoformat()}.",
        *comment(_HOW_TO, ""),
        f"# Check your work: python -m generator validate {DATA_DIR.as_posix()}/{code}.yml",
        "",
    ]


def _region(code: str) -> list[str]:
    out = comment(describe(Jurisdiction, "region"), "")
    region = region_for(code)
    if region is not None:
        return [*out, f"region: {region}"]
    # a placeholder that fails validation, rather than a guess that would pass unnoticed
    out += comment(f"The scaffold knows no region for '{code}': replace the placeholder "
                   "with one of the values above. The file does not validate until you do.", "")
    return [*out, f"region: {REGION_PLACEHOLDER}"]


def _identity(code: str, name: str) -> list[str]:
    """id, name, parent (for a subdivision) and region."""
    J = Jurisdiction
    is_subdivision = "-" in code
    out = [*comment(describe(J, "id"), ""), f"id: {code}", *comment(describe(J, "name"), "")]
    if is_subdivision:
        out += comment("ISO 3166-2 often gives the local-language name: change it if English "
                       "usage differs.", "")
    out.append(f"name: {scalar(name)}")
    if is_subdivision:
        out += [*comment(describe(J, "parent"), ""), f"parent: {code.split('-')[0]}"]
    return out + _region(code)


def _overview(name: str, today: date) -> list[str]:
    """The fields between the region and the dimensions, ending with the ``dimensions:`` key."""
    J = Jurisdiction
    summary = (f"{name} has not been researched for the atlas yet; every dimension is coded "
               "unknown until sources are read.")
    return [
        *comment(describe(J, "aliases"), ""), "aliases: []",
        *comment(describe(J, "role_titles"), ""), "role_titles: []",
        *comment(describe(J, "summary"), ""), "summary: >-",
        *textwrap.wrap(summary, WIDTH, initial_indent="  ", subsequent_indent="  "),
        *comment(describe(J, "last_reviewed"), ""), f"last_reviewed: {today.isoformat()}",
        *comment(describe(J, "dimensions"), ""), "dimensions:",
    ]


def _instruments(dimension: str, model: type, first: bool) -> list[str]:
    out = [*comment(describe(model, "instruments"), "    "), "    instruments: []"]
    if dimension == CREDENTIALS:
        item = list_item(Instrument, EXAMPLE_INSTRUMENT, "      ", off=EXAMPLE_INSTRUMENT_OFF)
        out += example_block("instruments", item, "    ")
    elif first:
        out += comment(f"An example instrument with every field is under {CREDENTIALS} "
                       "below; instruments have the same shape in every dimension.", "    ")
    return out


def _searched(model: type, first: bool) -> list[str]:
    out = [*comment(describe(model, "searched"), "    "), "    searched: []"]
    if first:
        out += example_block("searched", list_item(Search, EXAMPLE_SEARCH, "      "), "    ")
    return out


def _history(dimension: str, model: type) -> list[str]:
    """Shown once, beside the example instrument its example names; rarely needed elsewhere."""
    if dimension != CREDENTIALS:
        return []
    # not an example to uncomment: the scaffold's level is unknown, and a history must end at the
    # coded level, so an uncommented history would not validate
    step = ", ".join(f"{k}: {EXAMPLE_HISTORY[k]}" for k in ("date", "level", "instrument"))
    text = (f"{describe(model, 'history')} For example, once the credential above is coded 3 "
            f"from July 2019: `- {{{step}}}`. A change resting on no instrument gives `note` "
            "and `sources` instead of `instrument`.")
    return [*comment(text, "    "), "    history: []"]


def _observed(model: type) -> list[str]:
    """Measured figures, for a dimension whose model keeps them apart from its requirements."""
    if "observed" not in model.model_fields:
        return []
    return [*comment(describe(model, "observed"), "    "), "    observed: []",
            *example_block("observed", list_item(ObservedFigure, EXAMPLE_OBSERVED, "      "), "    ")]


def _dimension(dimension: str) -> list[str]:
    model = dimension_model(dimension)
    first = dimension == DIMENSIONS[0]
    out = [*comment((model.__doc__ or dimension).strip(), "  "), f"  {dimension}:",
           *comment(describe(model, "level"), "    "), "    level: unknown"]
    if first:
        # the fields every dimension shares, shown once
        out += emit(model, EXAMPLE_DIMENSION, "    ", off=frozenset(EXAMPLE_DIMENSION))
    return (out + _instruments(dimension, model, first) + _searched(model, first)
            + _history(dimension, model) + _observed(model))


def _sources() -> list[str]:
    body: list[str] = []
    for key, source in EXAMPLE_SOURCES.items():
        body += [f"  {key}:", *emit(Source, source, "    ")]
    return [*comment(describe(Jurisdiction, "sources"), ""), "sources: {}", *example_block("sources", body, "")]


def _changes(today: date) -> list[str]:
    # the changelog starts with the file's creation, as a correction: the atlas lacked it
    created = {"date": today.isoformat(), "kind": "correction",
               "summary": "File created with every level unknown."}
    later = {**EXAMPLE_CHANGE, "date": today.isoformat()}
    return [*comment(describe(Jurisdiction, "changes"), ""), "changes:", *list_item(Change, created, "  "),
            *comment("Add an entry for each later change, e.g.:", "  "),
            *commented(list_item(Change, later, "  ", described=False), "  ")]


def render(code: str, today: date) -> str:
    """The text of a new file for ``code``; the file validates as it stands."""
    name = english_name(code)
    out = _header(code, name, today) + _identity(code, name) + _overview(name, today)
    for dimension in DIMENSIONS:
        out += _dimension(dimension)
    out += _sources() + _changes(today)
    return "\n".join(out) + "\n"
