"""The Jinja environment: autoescaped HTML everywhere, plus a Markdown escape.

Pages are Markdown files whose data-bearing parts are raw HTML blocks, so
Markdown never parses data text; where data must sit in Markdown (the page
title), the ``md`` filter escapes it for both Markdown and HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape as markupsafe_escape

from generator.data import codebook, facts, fields
from generator.data.model import DIMENSIONS

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md(text: object) -> Markup:
    """Escape text for a Markdown context (heading, list item): no markup survives."""
    escaped = html.escape(str(text), quote=False)
    # backslash-escape Markdown punctuation, but not inside the entities just made
    parts = re.split(r"(&(?:amp|lt|gt);)", escaped)
    out = "".join(p if p.startswith("&") and p.endswith(";") else _MD_SPECIAL.sub(r"\\\1", p) for p in parts)
    return Markup(out.replace("\n", " "))


def level_class(level: object) -> str:
    return "unknown" if level == "unknown" else f"l{level}"


def level_text(level: object) -> str:
    return "unknown" if level == "unknown" else str(level)


def words(value: object) -> str:
    return str(value).replace("_", " ")


def quantity(q) -> str:
    """A figure as pages show it: the registry's wording, with its note."""
    return fields.quantity_text(q, with_note=True)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def prose(text: object) -> Markup:
    """Our own descriptions (model, columns) with their `code` spans as <code>; everything else escaped."""
    escaped = str(markupsafe_escape(text))
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", escaped))


def breakable(name: object) -> Markup:
    """A column or field name that may wrap after an underscore, never inside a word."""
    return Markup(str(markupsafe_escape(name)).replace("_", "_<wbr>"))


LONG_WORD = re.compile(r"\w{20,}")


def long_words(text: object) -> Markup:
    """Text whose words of 20 letters or more (compounds such as "kokemusasiantuntijuudelle") may
    wrap every 10 letters: a table column can be no narrower than its longest word, and one such
    word pushed a twelve-column table past a 1366 px screen. Shorter words never break."""
    escaped = str(markupsafe_escape(text))  # entities are short and hold & and ;, so no match inside one
    return Markup(LONG_WORD.sub(lambda m: "<wbr>".join(m[0][i:i + 10] for i in range(0, len(m[0]), 10)), escaped))


def url_path(text: str) -> str:
    return quote(text, safe="")


def page_url(src: str) -> str:
    """The address MkDocs gives a page (directory URLs), from its path under docs/: ``atlas/ke.md`` -> ``atlas/ke/``."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target: str, page: str) -> str:
    """``target`` (an address from the site root, e.g. ``atlas/ke/#sources``) as seen from the page at ``page``.

    Links inside HTML blocks are not rewritten by MkDocs, so every template
    link goes through here instead of counting ``../`` by hand.
    """
    cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
    return _relative_path(target[:cut], page) + target[cut:]


@lru_cache(maxsize=65536)
def _relative_path(path: str, page: str) -> str:
    # cached: a table page asks for the same few addresses thousands of times (a third of its time)
    here = page_url(page)
    rel = posixpath.relpath(path or ".", here or ".")
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel


@jinja2.pass_context
def _url(context, target: str) -> str:
    return relative_url(target, context["page"])


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(prose=prose, breakable=breakable, long_words=long_words, md=md, level_class=level_class, level_text=level_text, words=words, quantity=quantity, urlq=url_path,
                       value_label=fields.value_label)
    env.globals.update(url=_url, facts_of=facts.facts_of, level_label=codebook.level_label, levels=codebook.levels,
                       DIMENSIONS=DIMENSIONS, TITLES=fields.DIMENSION_TITLES, WITH_OBSERVED=fields.WITH_OBSERVED)
    return env


def html_block(template: str, **context: object) -> Markup:
    """A template (an SVG, say) rendered as one raw HTML block: with no blank line inside, Markdown
    passes it through whole instead of ending the block early."""
    text = environment().get_template(template).render(**context)
    return Markup("\n".join(line for line in text.splitlines() if line.strip()))


def render(template: str, page: str, **context: object) -> str:
    """Render ``template`` for the page whose source is ``page`` (its path under docs/, for relative links)."""
    return environment().get_template(template).render(page=page, **context)
