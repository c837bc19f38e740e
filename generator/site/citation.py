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


_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_BIBTEX_WORDS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_escape(text: str) -> str:
    """In one pass (atlas.js and compare.js escape the same way), so an escape's own braces stay."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WORDS.get(m.group(), "\\" + m.group()), text)


def _published(iso: str) -> str:
    """APA's date of a dated data set: "2026, November 27"."""
    day = date.fromisoformat(iso)
    return f"{day.year}, {day:%B} {day.day}"


def key_part(ids: list[str]) -> str:
    """The middle of a BibTeX key: each id's letters and digits, joined by '_'."""
    return "_".join(re.sub(r"[^A-Za-z0-9]", "", i) for i in ids)


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
    # a release's frozen files: the address that keeps meaning the same thing
    archived = f"; release files {version.archive}" if version.archive else ""
    if version.archive:
        apa += f" (release files: {version.archive})"
    key = f"psatlas_{key_part(ids)}_{year}"
    bibtex = (
        f"@misc{{{key},\n"
        f"  author = {{{{{ATLAS_AUTHOR}}}}},\n"
        f"  title = {{{_bibtex_escape(title)}}},\n"
        f"  howpublished = {{{ATLAS_TITLE}}},\n"
        f"  year = {{{year}}},\n"
        f"  date = {{{version.date}}},\n"
        f"  version = {{{_bibtex_escape(version.label)}}},\n"
        f"  url = {{{url}}},\n"
        f"  note = {{Data set, version {_bibtex_escape(version.label)}, published {version.date}{archived}}}\n"
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
            **({"archive_location": version.archive} if version.archive else {}),
        },
        indent=1,
        ensure_ascii=False,
    )
    return Citation(apa, bibtex, csl)


@dataclass(frozen=True)
class ValueCitation:
    """What the page's citation templates (``value_templates``) need to be filled in for one
    value in the browser: its title, the middle of its key and its anchor."""

    title: str
    key: str
    anchor: str


# placeholders in the value templates; atlas.js fills them in, escaped for each format
TITLE_MARK, KEY_MARK, ANCHOR_MARK = "ATLASVALUETITLE", "ATLASVALUEKEY", "ATLASVALUEANCHOR"


def value_templates(url: str, version: DataVersion) -> Citation:
    """The page's APA, BibTeX and CSL-JSON for any of its values, with placeholders.

    Made by ``cite`` like every other citation; written once per page rather than once per
    value, which had made the citations 40 % of a page's bytes."""
    return cite([], [KEY_MARK], f"{url}#{ANCHOR_MARK}", version, title=TITLE_MARK)


def _value(j, anchor: str, title: str) -> ValueCitation:
    return ValueCitation(f"{j.name}: {title}", key_part([j.id, anchor]), anchor)


def cite_values(j) -> dict[str, ValueCitation]:
    """A citation for each value on a jurisdiction's page, by the value's anchor: every
    dimension's level, every instrument and every observed figure. Each names the value,
    the jurisdiction and the data version, and points at the value's own anchor."""
    out = {}
    for d in DIMENSIONS:
        dim = j.dimension(d)
        title = DIMENSION_TITLES[d].lower()
        out[d] = _value(j, d, f"{title} level {dim.level} ({codebook.level_label(d, dim.level)})")
        for inst in dim.instruments:
            out[f"{d}-{inst.id}"] = _value(j, f"{d}-{inst.id}", f"{inst.title} ({title})")
        for f in (dim.observed if d in WITH_OBSERVED else []):
            year = f" ({f.year})" if f.year else ""
            out[f"{d}-{f.id}"] = _value(j, f"{d}-{f.id}", f"{quantity_text(f.quantity)}{year}, observed {title} figure")
    return out
