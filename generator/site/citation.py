"""Citations of the atlas: APA 7, BibTeX and CSL-JSON, pinned to the data version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

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


def cite(names: list[str], ids: list[str], url: str, version: DataVersion) -> Citation:
    """A citation for a page about one or more jurisdictions.

    It names the data version and the date that version was published (the
    date of its commit): the version pins what was cited, so no "retrieved"
    date is given, which a reader would take for the day they looked.
    """
    subject = ", ".join(names)
    year = version.date[:4]
    title = f"{subject}: peer support worker policy" if names else ATLAS_TITLE
    apa = (
        f"{ATLAS_AUTHOR}. ({_published(version.date)}). {title} (Version {version.label}) [Data set]. "
        f"{ATLAS_TITLE}. {url}"
    )
    key = "psatlas_" + "_".join(i.replace("-", "") for i in ids) + f"_{year}"
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
