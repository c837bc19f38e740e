"""The generated pages straight to HTML, without a Markdown parse.

The page builders write Markdown of a fixed, small shape: ATX headings
(``## Title {: #id }``) between raw HTML blocks that Jinja has already
rendered and escaped. Python-Markdown would spend most of a build re-parsing
that HTML (``md_in_html``, MkDocs' raw-HTML anchor pass) only to pass it
through. ``render`` does what the configured extensions would do to this
shape — heading ids and permalinks as the ``toc`` extension makes them, the
table of contents, the title — and returns None for anything else, so the
page then goes through Python-Markdown as usual. A test holds the two paths
to the same output for every generated page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify, unique

_HEADING = re.compile(r"^(#{1,6}) (.*?)(?: \{: #([A-Za-z][\w-]*) \})?$")
# a raw HTML block must open with a block-level tag, as Python-Markdown requires
_BLOCK_TAG = re.compile(r"^<(?:/?)(div|p|table|ul|ol|section|nav|details|dl|pre|form|figure|h[1-6]|iframe|noscript|script|hr|blockquote)\b", re.I)
# the Markdown escapes the `md` filter writes into headings
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_ID = re.compile(r'\sid="([^"]+)"')
PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'


@dataclass
class Rendered:
    content: str
    toc_tokens: list[dict]
    title: str | None
    anchor_ids: set[str] = field(default_factory=set)


def _heading(level: int, text: str, explicit: str | None, used: set[str]) -> tuple[str, dict]:
    inner = _MD_ESCAPE.sub(r"\1", text)
    plain = html.unescape(re.sub(r"<[^>]+>", "", inner))
    hid = explicit or unique(slugify(plain, "-"), used)
    used.add(hid)
    token = {"level": level, "id": hid, "name": inner, "children": []}
    return f'<h{level} id="{hid}">{inner}{PERMALINK.format(id=hid)}</h{level}>', token


def _nest(tokens: list[dict]) -> list[dict]:
    """Headings as the toc extension nests them: each under the nearest higher level before it."""
    root: list[dict] = []
    stack: list[dict] = []
    for token in tokens:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def _blocks(markdown: str) -> list[list[str]]:
    blocks, current = [], []
    for line in markdown.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def render(markdown: str) -> Rendered | None:
    """HTML, table of contents and title of a generated page; None if it is not of the known shape."""
    out: list[str] = []
    tokens: list[dict] = []
    used: set[str] = set()
    for block in _blocks(markdown):
        match = _HEADING.match(block[0])
        if match and len(block) == 1:
            text, token = _heading(len(match.group(1)), match.group(2), match.group(3), used)
            out.append(text + "\n")
            tokens.append(token)
        elif _BLOCK_TAG.match(block[0]) and not any(_HEADING.match(line) for line in block):
            out.append("\n".join(block) + "\n\n")  # Python-Markdown leaves a blank line after raw HTML
        else:
            return None  # Markdown this renderer does not speak: let Python-Markdown do it
    content = "".join(out).strip()
    title = next((html.unescape(t["name"]) and t["name"] for t in tokens if t["level"] == 1), None)
    return Rendered(content, _nest(tokens), title, used | set(_ID.findall(content)))
