"""Values of the data in words for ``diff``: field names, figures, codes, quotations.

Field and unit wording comes from the registry (``generator.data.fields``), so the diff
names a field as the pages and tables do.
"""

from __future__ import annotations

from typing import Any

from generator.data.fields import label, quantity_name
from generator.data.fields import quantity_text as _quantity_text
from generator.data.model import Quantity, Source

# free text: shown as before/after quotations rather than inline
PROSE = {"summary", "rationale", "title", "note", "looked_for", "found"}


def fmt(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt(v) for v in value)
    if isinstance(value, str) and value.replace("_", "").isalpha() and value.islower() and "_" in value:
        return value.replace("_", " ")  # a code such as in_force
    return str(value)


def numbers(*values: float) -> list[str]:
    """Numbers shown with the same decimals, so 0.5 → 1 reads as 0.5 → 1.0."""
    decimals = max(len(f"{v:g}".partition(".")[2]) if "e" not in f"{v:g}" else 0 for v in values)
    return [f"{v:.{decimals}f}" for v in values]


def quote(text: Any) -> str:
    return f"“{' '.join(str(text).split())}”"


def quantity_text(q: Quantity) -> str:
    return _quantity_text(q, with_note=True)


def source_text(key: str, s: Source) -> str:
    bits = [b for b in (s.publisher, str(s.year) if s.year else None) if b]
    title = quote(s.title) if s.title else f"untitled, cited via `{s.cited_via}`"
    return f"`{key}` — {title}" + (f" ({', '.join(bits)})" if bits else "")
