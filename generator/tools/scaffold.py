"""`new ID`: start a jurisdiction file that validates as it stands.

This module is the command's logic: which codes are accepted, where the file goes,
and what is refused so that the data folder keeps validating. The file's text is
made in ``template`` (from the model's descriptions and the ``examples``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.data.iso import iso_name
from generator.tools.examples import EXAMPLES
from generator.tools.places import COUNTRY_REGION, english_name, region_for
from generator.tools.template import DATA_DIR, render

# tests/test_scaffold.py reads the examples and regions through this module
__all__ = ["COUNTRY_REGION", "EXAMPLES", "ScaffoldError", "check_code", "create", "create_with_parent",
           "english_name", "parent_of", "region_for", "render"]


class ScaffoldError(Exception):
    pass


def check_code(raw: str) -> str:
    code = raw.strip().lower()
    if not re.fullmatch(r"[a-z]{2}(-[a-z0-9]{1,3})?", code) or iso_name(code) is None:
        raise ScaffoldError(
            f"'{raw}' is not an ISO 3166 code; use a country code such as 'au' or a "
            "subdivision code such as 'ca-on'"
        )
    return code


def parent_of(code: str) -> str | None:
    """A subdivision's parent is its country, as rules/parent_exists.py requires."""
    return code.split("-")[0] if "-" in code else None


def _new_command(code: str, data_dir: Path) -> str:
    data = "" if data_dir == DATA_DIR else f" --data {data_dir}"
    return f"python -m generator new {code}{data}"


def _target(code: str, data_dir: Path) -> Path:
    """Where ``code``'s file goes; refuse a missing folder or an existing file."""
    if not data_dir.is_dir():
        raise ScaffoldError(f"data folder {data_dir} does not exist")
    path = data_dir / f"{code}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; edit it instead (new never overwrites a file)")
    return path


def create(code: str, data_dir: Path, today: date | None = None) -> Path:
    """Write ``<data_dir>/<code>.yml``; refuse to overwrite. Returns the path.

    A subdivision whose country has no file is refused: the file would name a
    parent that does not exist, and then the whole data folder fails validation.
    """
    code = check_code(code)
    path = _target(code, data_dir)
    parent = parent_of(code)
    if parent and not (data_dir / f"{parent}.yml").exists():
        raise ScaffoldError(
            f"{code} is a subdivision of {parent}, which has no file yet: run "
            f"`{_new_command(parent, data_dir)}` first, or pass --with-parent to create both"
        )
    path.write_text(render(code, today or date.today()), encoding="utf-8")
    return path


def create_with_parent(code: str, data_dir: Path, today: date | None = None) -> list[Path]:
    """Write the country's file first when it is missing, then ``code``'s; return what was written."""
    code = check_code(code)
    _target(code, data_dir)  # refuse before writing anything, so a failure leaves no half-pair
    parent = parent_of(code)
    written = []
    if parent and not (data_dir / f"{parent}.yml").exists():
        written.append(create(parent, data_dir, today))
    written.append(create(code, data_dir, today))
    return written
