"""Charts drawn at build time as accessible SVG, each with the data it shows as a table and a CSV.

Adoption curves count, per year, the jurisdictions whose level is known to have reached a
threshold by the end of that year: only dated steps count (a recorded history, or a level
whose instruments are all dated, counted from the latest of them), so a curve never shows
a level earlier than the evidence dates it. Region bars count today's coded levels.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from generator.data.fields import DIMENSION_TITLES
from generator.data.history import Timeline, level_at_end_of
from generator.data.model import DIMENSIONS, Jurisdiction

LEVELS = (0, 1, 2, 3, "unknown")
# subdivisions a country needs in the atlas before it gets adoption charts of its own
OWN_CHART_AT = 8
# the plotting area inside the SVG's viewBox; the legend goes below it, one line per series,
# so that it keeps its width on a phone
W, LEFT, RIGHT, TOP, PLOT_H, LEGEND_LINE = 640, 44, 16, 12, 240, 24
AXIS = TOP + PLOT_H


@dataclass(frozen=True)
class Series:
    label: str
    counts: tuple[int, ...]  # one per year of the chart


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    kind: str  # "lines" or "bars"
    columns: list[str]  # the data table's header
    rows: list[list]  # the data table's rows, as in the CSV
    series: list[Series] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    bars: list[tuple[str, dict]] = field(default_factory=list)  # (region, {level: count})
    undated: int = 0  # levels known today whose start no evidence dates

    @property
    def bar_max(self) -> int:
        """The longest bar's total, which spans the bars' full width."""
        return max((sum(counts.values()) for _, counts in self.bars), default=1) or 1

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()


def _undated(tl: Timeline, members: list[Jurisdiction], d: str, at_least: int) -> int:
    return sum(1 for j in members if isinstance(j.dimension(d).level, int)
               and j.dimension(d).level >= at_least and not tl.steps[j.id][d])


def _curve(tl: Timeline, members: list[Jurisdiction], d: str, at_least: int, years: list[int]) -> tuple[int, ...]:
    def reached(j, y):
        level = level_at_end_of(tl.steps[j.id][d], y)
        return isinstance(level, int) and level >= at_least
    return tuple(sum(1 for j in members if reached(j, y)) for y in years)


def _lines(slug: str, title: str, who: str, series: list[Series], years: list[int], undated: int) -> Chart:
    chart = Chart(slug, f"{title}, {years[0]}–{years[-1]}", "", "lines", ["year", *[s.label for s in series]],
                  [[y, *[s.counts[i] for s in series]] for i, y in enumerate(years)], series, years, undated=undated)
    chart.description = _describe_lines(chart, who)
    return chart


def adoption(tl: Timeline, members: list[Jurisdiction], d: str, slug: str, who: str) -> Chart:
    """One line per threshold (level 1 or more, 2 or more, 3) of one dimension."""
    years = list(tl.years)
    series = [Series(f"level {k}" + (" or more" if k < 3 else ""), _curve(tl, members, d, k, years))
              for k in (1, 2, 3)]
    return _lines(slug, f"{DIMENSION_TITLES[d]}: {who} by level reached", who, series, years,
                  _undated(tl, members, d, 1))


def top_level(tl: Timeline, members: list[Jurisdiction], slug: str, who: str) -> Chart:
    """One line per dimension: how many reached its highest level (3), e.g. Medicaid billing."""
    years = list(tl.years)
    series = [Series(f"{DIMENSION_TITLES[d]} at 3", _curve(tl, members, d, 3, years)) for d in DIMENSIONS]
    return _lines(slug, f"{who[0].upper()}{who[1:]}: level 3 reached, by dimension", who, series, years,
                  sum(_undated(tl, members, d, 3) for d in DIMENSIONS))


def _describe_lines(chart: Chart, who: str) -> str:
    last = ", ".join(f"{s.label}: {s.counts[-1]}" for s in chart.series)
    firsts = []
    for s in chart.series:
        start = next((y for y, c in zip(chart.years, s.counts) if c), None)
        if start is not None:
            firsts.append(f"{s.label} first reached in {start}")
    text = f"Number of {who} per year. At the end of {chart.years[-1]}: {last}."
    if firsts:
        joined = "; ".join(firsts)
        text += f" {joined[0].upper()}{joined[1:]}."
    if chart.undated:
        many = chart.undated != 1
        text += (f" {chart.undated} further coded level{'s' if many else ''} with no dated start "
                 f"{'are' if many else 'is'} not counted.")
    return text


def by_region(jurisdictions: list[Jurisdiction], d: str) -> Chart:
    regions = sorted({j.region for j in jurisdictions})
    bars = [(r, {lv: sum(1 for j in jurisdictions if j.region == r and j.dimension(d).level == lv) for lv in LEVELS})
            for r in regions]
    rows = [[r, *[counts[lv] for lv in LEVELS]] for r, counts in bars]
    title = f"{DIMENSION_TITLES[d]}: today's levels by region"
    parts = "; ".join(f"{r}: " + ", ".join(f"{counts[lv]} at {lv}" for lv in LEVELS if counts[lv]) for r, counts in bars)
    return Chart(f"{d}-by-region", title, f"Jurisdictions per region at each level. {parts}.", "bars",
                 ["region", *[f"level {lv}" for lv in LEVELS]], rows, bars=bars)


def charts(tl: Timeline, jurisdictions: dict[str, Jurisdiction]) -> list[Chart]:
    every = list(jurisdictions.values())
    out = [adoption(tl, every, d, f"{d}-adoption", "jurisdictions") for d in DIMENSIONS]
    by_parent: dict[str, list[Jurisdiction]] = {}
    for j in every:  # in one pass: a scan of every file per country grew with the square of the data
        if j.parent:
            by_parent.setdefault(j.parent, []).append(j)
    for country in sorted((jurisdictions[p] for p in by_parent if p in jurisdictions), key=lambda j: j.name):
        subs = by_parent[country.id]
        if len(subs) >= OWN_CHART_AT:
            chart = top_level(tl, subs, f"{country.id}-level-3", f"subdivisions of {country.name}")
            if any(any(s.counts) for s in chart.series):  # a chart of zeros says nothing
                out.append(chart)
    return out + [by_region(every, d) for d in DIMENSIONS]


# --- geometry for the templates ------------------------------------------------

def x_of(chart: Chart, year: int) -> float:
    span = max(chart.years[-1] - chart.years[0], 1)
    return LEFT + (W - LEFT - RIGHT) * (year - chart.years[0]) / span


def y_max(chart: Chart) -> int:
    """The top of the count axis: the largest count rounded up to the next tick."""
    top = max((max(s.counts) for s in chart.series), default=0)
    step = ticks(0, max(top, 1), 6)[1] if top > 1 else 1
    return max(-(-top // step) * step, 1)


def y_of(chart: Chart, value: float) -> float:
    return TOP + PLOT_H * (1 - value / y_max(chart))


def legend_y(index: int) -> int:
    return AXIS + 44 + LEGEND_LINE * index


def height(chart: Chart) -> int:
    return legend_y(len(chart.series)) - 8


def step_path(chart: Chart, s: Series) -> str:
    """A step line: a count holds until the next year's, as a level holds until it changes."""
    parts = []
    for i, (year, count) in enumerate(zip(chart.years, s.counts)):
        x, y = x_of(chart, year), y_of(chart, count)
        parts.append(f"M{x:.1f},{y:.1f}" if i == 0 else f"H{x:.1f}V{y:.1f}")
    return "".join(parts)


def ticks(lo: int, hi: int, most: int = 8) -> list[int]:
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100):
        step = candidate
        if (hi - lo) / candidate <= most:
            break
    first = -(-lo // step) * step
    return list(range(first, hi + 1, step))


# --- a jurisdiction's own levels over time (its page) ---------------------------

STRIP_ROW, STRIP_LABEL = 26, 110
UNDATED_START = "this year (its start is not dated)"


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    level: int | str
    start: str  # the step's date, or "" for the unknown stretch before the first


def level_strip(tl: Timeline, j: Jurisdiction) -> tuple[list[tuple[int, float]], dict[str, list[Segment]]] | None:
    """The year ticks (year, x) and, per dimension, the stretches of each level from the
    jurisdiction's first dated step to the end of this year; None when no level has a dated start."""
    per = tl.steps[j.id]
    dated = [s.year for d in DIMENSIONS for s in per[d]]
    if not dated:
        return None
    first, last = min(dated) - 1, tl.this_year + 1  # a year of unknown before, up to the end of this year
    scale = (W - STRIP_LABEL - RIGHT) / (last - first)

    def x(date: str) -> float:
        year, rest = int(date[:4]), date[5:7]
        return STRIP_LABEL + scale * (year - first + (int(rest) - 1) / 12 if rest else year - first)

    rows = {}
    for d in DIMENSIONS:
        edges = [("", STRIP_LABEL, "unknown")] + [(s.date, x(s.date), s.level) for s in per[d]]
        today = j.dimension(d).level
        if not per[d] and today != "unknown":  # known today, start not dated: this year only, as on the map
            edges.append((UNDATED_START, x(str(tl.this_year)), today))
        ends = [e[1] for e in edges[1:]] + [STRIP_LABEL + scale * (last - first)]
        rows[d] = [Segment(x0, x1 - x0, level, start) for (start, x0, level), x1 in zip(edges, ends) if x1 > x0]
    return [(y, x(str(y))) for y in ticks(first + 1, last - 1, 6)], rows
