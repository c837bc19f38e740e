"""Data releases: the versions of the data that citations point to, read from ``releases.yml``.

``python -m generator release`` appends one entry per release (version, date, the commit whose
data it freezes, and what changed since the release before); a past entry is never edited. The
build writes each release's downloads and API under ``atlas/data/v<version>/`` from the data as
it was at that commit, so those files keep meaning the same thing.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from generator.data.diagnostics import Diagnostic
from generator.data.model import FullDate, JurisdictionId, ShortText, Strict
from generator.data.side_file import load_model

VERSION_PATTERN = r"^\d{4}\.\d{2}(\.\d+)?$"


class LevelMove(Strict):
    """One level that differs from the release before."""

    id: JurisdictionId
    dimension: ShortText
    old: ShortText = Field(description="The level in the release before (`unknown` if not coded).")
    new: ShortText


class Release(Strict):
    """One data release."""

    version: str = Field(pattern=VERSION_PATTERN, description="YYYY.MM, with .N for a second release in a month.")
    date: FullDate = Field(description="The day it was released (YYYY-MM-DD).")
    commit: str = Field(pattern=r"^[0-9a-f]{40}$", description="The commit whose data the release freezes.")
    previous: str | None = Field(None, description="The version it is compared with.")
    jurisdictions: int = Field(ge=0, description="How many jurisdiction files it holds.")
    countries: int = Field(ge=0, description="How many of them are countries.")
    added: list[JurisdictionId] = Field(default_factory=list, description="Files new since the release before.")
    removed: list[JurisdictionId] = Field(default_factory=list, description="Files gone since the release before.")
    levels_changed: list[LevelMove] = Field(default_factory=list, description="Levels that differ from it.")
    policy_changes: int = Field(0, ge=0, description="`policy` entries of the files' changelogs since it.")
    corrections: int = Field(0, ge=0, description="`correction` and `review` entries since it.")

    @property
    def path(self) -> str:
        """Where the release's files are, under atlas/ in the built site."""
        return f"data/v{self.version}/"


class Releases(Strict):
    releases: list[Release] = Field(default_factory=list, description="Oldest first.")


def load_releases(path: Path) -> tuple[list[Release], list[Diagnostic]]:
    """The releases, oldest first (none if the file does not exist), with positioned errors."""
    if not path.is_file():
        return [], []
    releases, problems = load_model(path, Releases)
    return (releases.releases if releases else []), problems
