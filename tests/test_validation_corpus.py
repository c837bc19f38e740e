"""Every malformed file in tests/fixtures/invalid/ fails at the right place with the right words."""

import json
import subprocess
import sys
from datetime import date

import pytest

from generator.dataset import validate
from generator.diagnostics import render

from .conftest import INVALID, ROOT, VALID

CASES = sorted(p for p in INVALID.iterdir() if p.is_dir())
TODAY = date(2026, 11, 27)


def test_corpus_has_at_least_30_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_file_is_reported_at_its_line_with_its_message(case):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    dataset, problems = validate([case, VALID], today=TODAY)
    got = render(problems, "text").replace(f"{case}/", "").splitlines()
    assert got == expected
    # the valid neighbours are still loaded: one bad file loses nothing else
    assert {"ca", "ca-on"} <= set(dataset.jurisdictions)


def test_cli_reports_every_error_of_every_file_in_one_run_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", *map(str, CASES), str(VALID)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    for case in CASES:
        for line in (case / "expected.txt").read_text().splitlines():
            assert f"tests/fixtures/invalid/{case.name}/{line}" in lines
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2])))


def test_github_format_prints_annotations():
    case = INVALID / "wrong-enum-value"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--format", "github", str(case), str(VALID)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=tests/fixtures/invalid/wrong-enum-value/ca-bc.yml,line=16,col=18::'required' is not allowed"
    )


def test_json_format_is_a_machine_readable_list():
    case = INVALID / "negative-fte"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--format", "json", str(case), str(VALID)],
        cwd=ROOT, capture_output=True, text=True,
    )
    [item] = json.loads(result.stdout)
    assert item["line"] == 20 and item["column"] == 20
    assert item["field"] == "dimensions.mandates.instruments.0.quantities.0.value"


def test_valid_fixtures_pass_with_exit_zero():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(VALID)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_bundled_data_validates():
    result = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_every_bundled_file_starts_with_the_schema_line():
    for path in (ROOT / "jurisdictions").glob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/jurisdiction.schema.json", path
