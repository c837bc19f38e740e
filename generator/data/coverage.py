"""Coverage of the data: what is coded, what is verified, where the gaps are."""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.dataset import Dataset
from generator.data.model import DIMENSIONS, Jurisdiction


@dataclass(frozen=True)
class Cell:
    level: object
    instruments: int
    searches: int  # evidence-of-absence records
    primary_share: float | None  # None when nothing is recorded


@dataclass(frozen=True)
class Row:
    jurisdiction: Jurisdiction
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Totals:
    jurisdictions: int
    instruments: int
    slots: int
    unknown_slots: int
    records: int  # instruments + observed figures
    verification: dict[str, int]
    by_dimension: dict[str, "DimensionTotals"]

    def share(self, count: int, of: int) -> float:
        return 100.0 * count / of if of else 0.0

    @property
    def unknown_percent(self) -> float:
        return self.share(self.unknown_slots, self.slots)

    def verification_percent(self, value: str) -> float:
        return self.share(self.verification.get(value, 0), self.records)


@dataclass(frozen=True)
class DimensionTotals:
    unknown: int
    zero: int  # each with its evidence of absence (the validator refuses one without)
    coded: int  # levels 1 to 3
    searched: int  # jurisdictions with at least one search record on this dimension


def dimension_totals(dataset: Dataset, dimension: str) -> DimensionTotals:
    dims = [j.dimension(dimension) for j in dataset.jurisdictions.values()]
    return DimensionTotals(
        unknown=sum(d.level == "unknown" for d in dims),
        zero=sum(d.level == 0 for d in dims),
        coded=sum(d.level not in ("unknown", 0) for d in dims),
        searched=sum(bool(d.searched) for d in dims),
    )


def _records(j: Jurisdiction, dimension: str) -> list:
    dim = j.dimension(dimension)
    extra = list(getattr(dim, "observed", []))
    return [*dim.instruments, *extra]


def rows(dataset: Dataset) -> list[Row]:
    result = []
    for j in dataset.jurisdictions.values():
        cells = {}
        for d in DIMENSIONS:
            records = _records(j, d)
            primary = sum(r.verification == "primary" for r in records)
            dim = j.dimension(d)
            cells[d] = Cell(dim.level, len(dim.instruments), len(dim.searched),
                            primary / len(records) if records else None)
        result.append(Row(j, cells))
    return result


def totals(dataset: Dataset) -> Totals:
    verification: dict[str, int] = {}
    records = instruments = unknown = 0
    for j in dataset.jurisdictions.values():
        for d in DIMENSIONS:
            unknown += j.dimension(d).level == "unknown"
            instruments += len(j.dimension(d).instruments)
            for r in _records(j, d):
                records += 1
                verification[r.verification] = verification.get(r.verification, 0) + 1
    n = len(dataset)
    by_dimension = {d: dimension_totals(dataset, d) for d in DIMENSIONS}
    return Totals(n, instruments, n * len(DIMENSIONS), unknown, records, verification, by_dimension)


def text_report(dataset: Dataset) -> str:
    header = f"{'id':<8} {'reviewed':<10} " + " ".join(f"{d[:13]:<13}" for d in DIMENSIONS)
    lines = [header, "-" * len(header)]
    for row in rows(dataset):
        cells = []
        for d in DIMENSIONS:
            c = row.cells[d]
            share = "" if c.primary_share is None else f" {c.primary_share:.0%}p"
            searched = "s" if c.searches else ""
            cells.append(f"{str(c.level):<2} {c.instruments:>2}i{searched}{share}".ljust(13))
        lines.append(f"{row.jurisdiction.id:<8} {row.jurisdiction.last_reviewed:<10} " + " ".join(cells))
    t = totals(dataset)
    lines += [
        "",
        "level, instruments (i), searched (s), share of records verified against primary texts (p)",
        f"jurisdictions: {t.jurisdictions}   instruments: {t.instruments}   records: {t.records}",
        f"unknown slots: {t.unknown_slots}/{t.slots} ({t.unknown_percent:.1f}%)",
        *(f"{d}: unknown {b.unknown}, 0 {b.zero}, coded 1-3 {b.coded}, searched {b.searched}"
          for d, b in t.by_dimension.items()),
        "verification: " + ", ".join(
            f"{v} {t.verification.get(v, 0)} ({t.verification_percent(v):.1f}%)"
            for v in ("primary", "secondary", "unverified")
        ),
    ]
    return "\n".join(lines)
