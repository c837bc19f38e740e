"""Each dimension's level over time: the steps it went through, oldest first.

A file records a level's `history` where dating it is a judgement. Otherwise the history is
derived where the codebook makes it mechanical, and marked as derived:

- a level above 0 whose in-force instruments all carry an effective date has held at least
  since the latest of those dates: by then everything it rests on was in force (it may have
  held earlier, through an instrument since ended, which only a recorded history can say);
- a 0 holds from the first search that established it.

A level resting on an undated instrument, or on none, has no dated start: it is known for
today only. Before a history's first step the level is unknown, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import DIMENSIONS, Dimension, Instrument, Jurisdiction


@dataclass(frozen=True)
class Step:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    level: int
    derived: bool
    instrument: Instrument | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        return int(self.date[:4])


def date_key(date: str) -> tuple[int, ...]:
    """A partial date as a sortable key: "2019" sorts before "2019-01"."""
    return tuple(int(part) for part in date.split("-"))


def _in_force(dim: Dimension) -> list[Instrument]:
    return [i for i in dim.instruments if i.status == "in_force"]


def _derived(dim: Dimension) -> list[Step]:
    if dim.level == 0:
        dates = sorted(s.date for s in dim.searched)
        return [Step(dates[0], 0, True, note="the search that found none")] if dates else []
    standing = _in_force(dim)
    if not isinstance(dim.level, int) or not standing or any(i.effective is None for i in standing):
        return []
    last = max(standing, key=lambda i: date_key(i.effective))
    return [Step(last.effective, dim.level, True, instrument=last)]


def steps(dim: Dimension) -> list[Step]:
    """The dimension's history: recorded if the file has one, else derived (possibly empty)."""
    if not dim.history:
        return _derived(dim)
    by_id = {i.id: i for i in dim.instruments}
    return [Step(c.date, c.level, False, instrument=by_id.get(c.instrument) if c.instrument else None,
                 note=c.note, sources=tuple(c.sources)) for c in dim.history]


def level_at_end_of(history: list[Step], year: int) -> int | str:
    """The level in force at the end of `year`, or "unknown" before the first step."""
    level: int | str = "unknown"
    for step in history:
        if step.year > year:
            break
        level = step.level
    return level


@dataclass(frozen=True)
class Timeline:
    """Every jurisdiction's steps per dimension, and the years they span."""

    steps: dict[str, dict[str, list[Step]]]  # jurisdiction id -> dimension -> steps
    first_year: int | None
    this_year: int

    def level(self, j: Jurisdiction, dimension: str, year: int) -> int | str:
        """The level as of the end of `year`; this year's is today's coded level."""
        if year >= self.this_year:
            return j.dimension(dimension).level
        return level_at_end_of(self.steps[j.id][dimension], year)

    @property
    def years(self) -> range:
        return range(self.first_year or self.this_year, self.this_year + 1)


def timeline(jurisdictions: dict[str, Jurisdiction], this_year: int) -> Timeline:
    table = {jid: {d: steps(j.dimension(d)) for d in DIMENSIONS} for jid, j in jurisdictions.items()}
    years = [s.year for per in table.values() for hist in per.values() for s in hist]
    return Timeline(table, min(years) if years else None, this_year)

