"""A file not reviewed for 24 months or more is stale: warned about by `validate --warn-stale`."""

import subprocess
import sys
from datetime import date

import pytest

from generator.data.dataset import load_dataset
from generator.data.staleness import is_stale, months_since, stale_warnings

from .conftest import ROOT, VALID

# both fixture files in tests/fixtures/valid were last reviewed on 2025-01-15


def last_reviewed_line(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith("last_reviewed:"))


@pytest.mark.parametrize(
    "reviewed, today, months",
    [
        ("2025-01-15", date(2025, 1, 15), 0),
        ("2025-01-15", date(2025, 2, 14), 0),  # a month counts once its day is reached
        ("2025-01-15", date(2025, 2, 15), 1),
        ("2025-01-15", date(2027, 1, 14), 23),
        ("2025-01-15", date(2027, 1, 15), 24),
        ("2024-01-31", date(2024, 2, 29), 0),  # short months do not round up
        ("2024-01-31", date(2024, 3, 1), 1),
        ("2026-12-01", date(2026, 11, 27), 0),  # a future date is never negative
    ],
)
def test_months_since_counts_whole_months(reviewed, today, months):
    assert months_since(reviewed, today) == months


def test_file_is_stale_from_exactly_24_months():
    j = load_dataset(VALID, today=date(2025, 6, 1)).jurisdictions["ca"]
    assert not is_stale(j, 24, date(2027, 1, 14))
    assert is_stale(j, 24, date(2027, 1, 15))
    assert is_stale(j, 6, date(2025, 7, 15))


def test_stale_files_get_a_warning_at_their_last_reviewed_line():
    dataset = load_dataset(VALID, today=date(2025, 6, 1))
    warnings = stale_warnings(dataset, months=24, today=date(2027, 3, 1))
    assert [w.path.name for w in warnings] == ["ca.yml", "ca-on.yml"]
    for w in warnings:
        assert w.severity == "warning"
        assert w.loc == ("last_reviewed",)
        assert (w.line, w.column) == (last_reviewed_line(w.path), 16)
        assert w.message.startswith("last reviewed 2025-01-15, 25 months ago (review is due after 24)")


def test_recently_reviewed_files_get_no_warning():
    dataset = load_dataset(VALID, today=date(2025, 6, 1))
    assert stale_warnings(dataset, months=24, today=date(2026, 1, 1)) == []


def test_validate_warn_stale_reports_warnings_but_still_passes():
    months = months_since("2025-01-15", date.today())
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--warn-stale", "--max-age-months", "1",
         "--format", "github", str(VALID)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(
        f"::warning file=tests/fixtures/valid/ca.yml,line={last_reviewed_line(VALID / 'ca.yml')},col=16::"
        f"last reviewed 2025-01-15, {months} months ago"
    )
