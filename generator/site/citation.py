"""Citations of the atlas: APA 7, BibTeX and CSL-JSON, pinned to the data version."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from generator.data import codebook
from generator.data.fields import DIMENSION_TITLES, WITH_OBSERVED, quantity_text
from generator.data.model import DIMENSIONS
from generator.data.version import DataVersion

ATLAS_TITLE = "Peer Support Policy Atlas"
ATLAS_AUTHOR = "Peer Support Policy Atlas contributors"


@dataclass(frozen=True)
class Citation:
    apa: str
    bibtex: str
    csl: str


def _bibtex_escape(text: str) -> str:
    for char in "\\{}%&$#_^~":
        text = text.replace(char, "\\" + char if char not in "\\^~" else {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}[char])
    return text


def _published(iso: str) -> str:
    """APA's date of a dated data set: "2026, November 27"."""
    day = date.fromisoformat(iso)
    return f"{day.year}, {day:%B} {day.day}"


def cite(names: list[str], ids: list[str], url: str, version: DataVersion, title: str | None = None) -> Citation:
    """A citation for a page about one or more jurisdictions.

    It names the data version and the date that version was published (the
    date of its commit): the version pins what was cited, so no "retrieved"
    date is given, which a reader would take for the day they looked.
    """
    subject = ", ".join(names)
    year = version.date[:4]
    title = title or (f"{subject}: peer support worker policy" if names else ATLAS_TITLE)
    apa = (
        f"{ATLAS_AUTHOR}. ({_published(version.date)}). {title} (Version {version.label}) [Data set]. "
        f"{ATLAS_TITLE}. {url}"
    )
    key = "psatlas_" + "_".join(re.sub(r"[^A-Za-z0-9]", "", i) for i in ids) + f"_{year}"
    bibtex = (
        f"@misc{{{key},\n"
        f"  author = {{{{{ATLAS_AUTHOR}}}}},\n"
        f"  title = {{{_bibtex_escape(title)}}},\n"
        f"  howpublished = {{{ATLAS_TITLE}}},\n"
        f"  year = {{{year}}},\n"
        f"  date = {{{version.date}}},\n"
        f"  version = {{{_bibtex_escape(version.label)}}},\n"
        f"  url = {{{url}}},\n"
        f"  note = {{Data set, version {_bibtex_escape(version.label)}, published {version.date}}}\n"
        f"}}"
    )
    csl = json.dumps(
        {
            "id": key,
            "type": "dataset",
            "title": title,
            "author": [{"literal": ATLAS_AUTHOR}],
            "container-title": ATLAS_TITLE,
            "issued": {"date-parts": [[int(p) for p in version.date.split("-")]]},
            "version": version.label,
            "URL": url,
        },
        indent=1,
        ensure_ascii=False,
    )
    return Citation(apa, bibtex, csl)


def cite_values(j, url: str, version: DataVersion) -> dict[str, Citation]:
    """A citation for each value on a jurisdiction's page, by the value's anchor: every
    dimension's level, every instrument and every observed figure. Each names the value,
    the jurisdiction and the data version, and points at the value's own anchor."""
    out = {}
    for d in DIMENSIONS:
        dim = j.dimension(d)
        label = codebook.level_label(d, dim.level)
        out[d] = cite([j.name], [j.id, d], f"{url}#{d}", version,
                      title=f"{j.name}: {DIMENSION_TITLES[d].lower()} level {dim.level} ({label})")
        for inst in dim.instruments:
            anchor = f"{d}-{inst.id}"
            out[anchor] = cite([j.name], [j.id, anchor], f"{url}#{anchor}", version,
                               title=f"{j.name}: {inst.title} ({DIMENSION_TITLES[d].lower()})")
        for f in (dim.observed if d in WITH_OBSERVED else []):
            anchor = f"{d}-{f.id}"
            year = f" ({f.year})" if f.year else ""
            out[anchor] = cite([j.name], [j.id, anchor], f"{url}#{anchor}", version,
                               title=f"{j.name}: {quantity_text(f.quantity)}{year}, observed {DIMENSION_TITLES[d].lower()} figure")
    return out
