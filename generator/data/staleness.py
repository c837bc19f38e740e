"""How long ago a file was last reviewed, and which files are due for review.

A file is stale when at least ``months`` whole months (24 by default) have
passed since its ``last_reviewed`` date. ``validate --warn-stale`` reports
stale files as warnings; the site shows a notice on their pages and lists
them on the data-gaps page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.data.diagnostics import Diagnostic
from generator.data.load_error import LoadError
from generator.data.loading import load
from generator.data.model import Jurisdiction

DEFAULT_MONTHS = 24


def months_since(date_str: str, today: date | None = None) -> int:
    """Whole months from ``date_str`` (YYYY-MM-DD, YYYY-MM or YYYY) to ``today``.

    A month counts once its day of the month is reached: 2024-01-31 to
    2024-02-29 is 0 months, to 2024-03-01 is 1. Never negative.
    """
    today = today or date.today()
    parts = [int(p) for p in date_str.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    months = (today.year - year) * 12 + (today.month - month)
    if today.day < day:
        months -= 1
    return max(months, 0)


def is_stale(j: Jurisdiction, months: int = DEFAULT_MONTHS, today: date | None = None) -> bool:
    """True when ``j`` was last reviewed ``months`` or more whole months before ``today``."""
    return months_since(j.last_reviewed, today) >= months


def _position(path: Path) -> tuple[int, int]:
    try:
        return load(path).position(("last_reviewed",))
    except (LoadError, OSError):  # pragma: no cover - the file validated a moment ago
        return 1, 1


def stale_warnings(dataset, months: int = DEFAULT_MONTHS, today: date | None = None) -> list[Diagnostic]:
    """One warning per stale file, at its ``last_reviewed`` line."""
    today = today or date.today()
    found: list[Diagnostic] = []
    for jid, j in dataset.jurisdictions.items():
        age = months_since(j.last_reviewed, today)
        if age < months:
            continue
        path = dataset.paths[jid]
        line, column = _position(path)
        found.append(
            Diagnostic(
                path, line, column,
                f"last reviewed {j.last_reviewed}, {age} months ago (review is due after {months}); "
                "re-check the file against its sources, then update last_reviewed and add a "
                "`review` entry under changes",
                ("last_reviewed",),
                severity="warning",
            )
        )
    return found
