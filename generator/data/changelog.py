"""Every file's changelog as one list, newest first: for the "Recent changes" page and the feeds.

A change's place in its file's list (from 1) is its stable name: entries are only ever added,
so ``<id>/<n>`` keeps meaning the same entry, which the feeds use as the entry's id.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.dataset import Dataset
from generator.data.model import Change, Jurisdiction

POLICY = "policy"  # a change in the policy itself; "correction" and "review" are changes to the data


@dataclass(frozen=True)
class Entry:
    j: Jurisdiction
    change: Change
    number: int  # its place in the file's `changes`, from 1

    @property
    def is_policy(self) -> bool:
        return self.change.kind == POLICY


def entries(ds: Dataset, jurisdiction: str | None = None) -> list[Entry]:
    """Every change (or one jurisdiction's), newest first, then by jurisdiction name and place."""
    found = [
        Entry(j, c, n)
        for j in ds.jurisdictions.values() if jurisdiction in (None, j.id)
        for n, c in enumerate(j.changes, start=1)
    ]
    return sorted(found, key=lambda e: (-_day(e.change.date), e.j.name, e.number))


def _day(iso: str) -> int:
    return int(iso.replace("-", ""))
