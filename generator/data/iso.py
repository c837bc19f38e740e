"""ISO 3166 look-ups (pycountry), in one place."""

from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=None)
def iso_name(code: str) -> str | None:
    """The ISO name for a lower-case alpha-2 or ISO 3166-2 code, or None if not a code."""
    if "-" in code:
        found = pycountry.subdivisions.get(code=code.upper())
    else:
        found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return None
    return getattr(found, "common_name", None) or found.name


@lru_cache(maxsize=None)
def subdivision_type(code: str) -> str | None:
    found = pycountry.subdivisions.get(code=code.upper()) if "-" in code else None
    return found.type if found else None
