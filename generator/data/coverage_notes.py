"""Coverage notes: countries searched for the atlas without a source that bears out a level.

A country enters the atlas only with a sourced, coded level; what was searched without one is
kept in ``coding/searched-without-result.yml`` (one entry per country: what was looked for, when,
and the best leads), shown on the data-gaps page so the next contributor starts from there.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from generator.data.diagnostics import Diagnostic
from generator.data.model import FullDate, JurisdictionId, ShortText, Strict, Text
from generator.data.side_file import load_model


class SearchedCountry(Strict):
    """A country searched without a citable source for any level."""

    id: JurisdictionId = Field(description="Its ISO 3166-1 alpha-2 code, lower case.")
    name: ShortText = Field(description="Its usual English name.")
    date: FullDate = Field(description="When it was searched (YYYY-MM-DD).")
    looked_for: Text = Field(description="What was looked for, in your own words.")
    leads: list[Text] = Field(default_factory=list, description="The best leads found, with an address if known.")


class CoverageNotes(Strict):
    """The file: the countries searched without result."""

    countries: list[SearchedCountry] = Field(default_factory=list, description="One entry per country.")


def load_notes(path: Path) -> tuple[list[SearchedCountry], list[Diagnostic]]:
    """The notes (none if the file does not exist), sorted by name, with positioned errors."""
    if not path.is_file():
        return [], []
    notes, problems = load_model(path, CoverageNotes)
    return (sorted(notes.countries, key=lambda n: n.name) if notes else []), problems
