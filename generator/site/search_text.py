"""A page's content without its ``data-search-exclude`` elements, for the search plugin to parse.

Material's search plugin reads every page's HTML with ``html.parser`` and
skips the elements marked ``data-search-exclude`` only after parsing them;
on the generated pages those (fact lists, level strips, citations) are most
of the markup. Our pages are rendered by our own templates, so their tags are
balanced and an attribute value never contains a raw ``<`` or ``>`` (Jinja
escapes them): cutting the marked elements out by counting tags of the same
name is exact for them. A test holds the search index built from the cut
content to the one built from the whole page.
"""

from __future__ import annotations

import re

_MARKED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>")
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "track"}


def _end_of(html: str, tag: str, start: int) -> int:
    """Where the element opened just before ``start`` ends (after its closing tag)."""
    if tag.lower() in _VOID:
        return start
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    depth = 1
    for match in pattern.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    raise ValueError(f"unbalanced <{tag}>")


def strip_excluded(html: str) -> str:
    out, pos = [], 0
    while (match := _MARKED.search(html, pos)) is not None:
        out.append(html[pos:match.start()])
        pos = _end_of(html, match.group(1), match.end())
    out.append(html[pos:])
    return "".join(out)
