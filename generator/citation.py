"""Citations of the atlas: APA 7, BibTeX and CSL-JSON, pinned to the data version."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .version import DataVersion

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


def cite(names: list[str], ids: list[str], url: str, version: DataVersion) -> Citation:
    """A citation for a page about one or more jurisdictions."""
    subject = ", ".join(names)
    year = version.date[:4]
    title = f"{subject}: peer support worker policy" if names else ATLAS_TITLE
    apa = (
        f"{ATLAS_AUTHOR}. ({year}). {title} [Data set, version {version.label}]. "
        f"In {ATLAS_TITLE}. Retrieved {version.date}, from {url}"
    )
    key = "psatlas_" + "_".join(i.replace("-", "") for i in ids) + f"_{year}"
    bibtex = (
        f"@misc{{{key},\n"
        f"  author = {{{{{ATLAS_AUTHOR}}}}},\n"
        f"  title = {{{_bibtex_escape(title)}}},\n"
        f"  howpublished = {{{ATLAS_TITLE}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{_bibtex_escape(version.label)}}},\n"
        f"  url = {{{url}}},\n"
        f"  urldate = {{{version.date}}},\n"
        f"  note = {{Data version {_bibtex_escape(version.text)}}}\n"
        f"}}"
    )
    csl = json.dumps(
        {
            "id": key,
            "type": "dataset",
            "title": title,
            "author": [{"literal": ATLAS_AUTHOR}],
            "container-title": ATLAS_TITLE,
            "issued": {"date-parts": [[int(year)]]},
            "version": version.label,
            "URL": url,
            "accessed": {"date-parts": [[int(p) for p in version.date.split("-")]]},
        },
        indent=1,
        ensure_ascii=False,
    )
    return Citation(apa, bibtex, csl)
