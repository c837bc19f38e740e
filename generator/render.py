"""The Jinja environment: autoescaped HTML everywhere, plus a Markdown escape.

Pages are Markdown files whose data-bearing parts are raw HTML blocks, so
Markdown never parses data text; where data must sit in Markdown (the page
title), the ``md`` filter escapes it for both Markdown and HTML.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from . import codebook

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


UNIT_LABELS = {
    "fte": "FTE", "percent_fte": "% FTE", "hours_per_week": "hours a week", "training_hours": "training hours",
    "supervised_hours": "supervised hours", "continuing_education_hours": "continuing-education hours",
    "years": "years", "currency_per_unit": "per billing unit", "workers": "workers", "percent": "%",
}


def unit(value: str) -> str:
    return UNIT_LABELS.get(value, words(value))


def url_path(text: str) -> str:
    return quote(text, safe="")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md, level_class=level_class, level_text=level_text, words=words, unit=unit, urlq=url_path)
    env.globals.update(level_label=codebook.level_label, levels=codebook.levels,
                       DIMENSIONS=("mandates", "funding", "certification", "staffing"),
                       TITLES=codebook.DIMENSION_TITLES)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
