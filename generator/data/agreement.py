"""Second, blind coding runs and the agreement between coders.

A run file (``coding/runs/<run>.yml``) holds, for every jurisdiction and
dimension coded, the level of the first coding at the data commit coded, the
blind second coder's level and, after reconciliation, the level both settled
on. Agreement is computed *before* reconciliation (first against blind), as
OxCGRT and LawAtlas report it; reconciliation is counted separately.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from generator.data.diagnostics import Diagnostic
from generator.data.model import DIMENSIONS, MANDATE_LEVELS, FullDate, ShortText, Strict, Text, coded
from generator.data.side_file import load_model

# every dimension's scale has the same values (0 to 3 and unknown); their meanings are the codebook's
Level = coded({value: str(value) for value in MANDATE_LEVELS}, title="Level", noun="a level")
DimensionName = coded({d: d for d in DIMENSIONS}, title="Dimension", noun="a dimension")


class Code(Strict):
    """One dimension of one jurisdiction, as each coder saw it."""

    first: Level = Field(description="The level in the data at the commit coded.")
    blind: Level = Field(description="The second coder's level, assigned without seeing the first.")
    reconciled: Level | None = Field(None, description="The level settled on after re-reading the sources.")
    note: ShortText | None = Field(None, description="Why the reconciled level was chosen, where they differed.")


class Run(Strict):
    """One blind coding run."""

    run: ShortText = Field(description="The run's name, e.g. `2026-12-03-blind`.")
    date: FullDate = Field(description="When the blind codes were assigned.")
    guide_version: ShortText = Field(description="The interpretation guide version applied, e.g. `1.0`.")
    data_commit: ShortText = Field(description="The git commit of the data that was coded.")
    method: Text = Field(description="What the blind coder saw and did.")
    codes: dict[str, dict[DimensionName, Code]] = Field(description="Codes by jurisdiction id, then by dimension.")


@dataclass(frozen=True)
class Agreement:
    dimension: str
    n: int
    agreed: int
    kappa: float | None  # None when chance agreement is total (one category only)
    reconciled_changed: int  # levels that reconciliation changed from the first coding

    @property
    def percent(self) -> float | None:
        # a dimension the run did not code has no agreement, not 0 % of it
        return 100.0 * self.agreed / self.n if self.n else None


def cohen_kappa(pairs: list[tuple[object, object]]) -> float | None:
    """Cohen's kappa for two coders' nominal codes (unknown is a category of its own)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(str(a) for a, _ in pairs), Counter(str(b) for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def _agreement(label: str, codes: list[Code]) -> Agreement:
    pairs = [(c.first, c.blind) for c in codes]
    changed = sum(c.reconciled is not None and c.reconciled != c.first for c in codes)
    return Agreement(label, len(pairs), sum(a == b for a, b in pairs), cohen_kappa(pairs), changed)


def agreements(run: Run) -> list[Agreement]:
    """One row per dimension, then the pooled row (`all`)."""
    by_dimension = [
        _agreement(d, [by_dim[d] for by_dim in run.codes.values() if d in by_dim]) for d in DIMENSIONS
    ]
    pooled = _agreement("all", [c for by_dim in run.codes.values() for c in by_dim.values()])
    return [*by_dimension, pooled]


def load_runs(folder: Path) -> tuple[list[Run], list[Diagnostic]]:
    """Every run file in ``folder`` (none if it does not exist), with positioned errors."""
    runs: list[Run] = []
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return runs, problems
    for path in sorted(folder.glob("*.yml")):
        run, found = load_model(path, Run)
        problems.extend(found)
        if run is not None:
            runs.append(run)
    return runs, problems

