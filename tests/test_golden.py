"""Golden outputs: every page, table, export, feed, API file and codebook made from the fixture
folder, compared with the copies under tests/fixtures/golden/.

A change to a template, a column or a wording shows here as a diff of the files it changes,
which a reviewer reads in the pull request. After an intended change, write the new copies:

    ATLAS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

Left out: the Excel workbook (a zip with timestamps; its sheets are the CSV tables, checked
here), the vendored boundaries (shapes.js, not made from the data) and the JSON Schema (checked
against schema/ by test_schema.py).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from generator.site.generate import outputs
from generator.site.static_files import static_files

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
LEFT_OUT = {"static/data/atlas.xlsx", "static/map/shapes.js", "static/api/v1/schema.json"}


@pytest.fixture(scope="module")
def made(ctx) -> dict[str, str]:
    files = {f"pages/{k}": v for k, v in outputs(ctx).items()}
    files.update({f"static/{k}": v for k, v in static_files(ctx).items()})
    return {k: v for k, v in files.items() if k not in LEFT_OUT}


def _update(made: dict[str, str]) -> None:
    for old in GOLDEN.rglob("*"):
        if old.is_file() and old.relative_to(GOLDEN).as_posix() not in made:
            old.unlink()
    for name, text in made.items():
        path = GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def test_the_fixture_folder_makes_the_golden_files(made):
    if os.environ.get("ATLAS_UPDATE_GOLDEN"):
        _update(made)
    kept = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert set(made) == kept, f"files made but not kept: {sorted(set(made) - kept)}; kept but not made: " \
        f"{sorted(kept - set(made))}. After an intended change run: ATLAS_UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    changed = []
    for name in sorted(made):
        with open(GOLDEN / name, encoding="utf-8", newline="") as kept_file:  # CRLF kept (iCalendar)
            want = kept_file.read()
        if made[name] != want:
            diff = difflib.unified_diff(want.splitlines(), made[name].splitlines(), f"golden/{name}", f"made/{name}",
                                        lineterm="", n=1)
            changed.append("\n".join(list(diff)[:40]))
    assert not changed, "\n\n".join(changed) + "\n\nAfter an intended change run: " \
        "ATLAS_UPDATE_GOLDEN=1 pytest tests/test_golden.py"
