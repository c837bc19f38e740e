"""What the plugin changes in the theme's Jinja environment: a safe `striptags`, and compiled templates kept."""

from __future__ import annotations

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape


def escaped_striptags(value: object) -> Markup:
    """The theme's ``striptags`` filter, made safe.

    Jinja's own filter strips tags and then *unescapes* entities, so a title
    that reached the theme as ``&lt;/title&gt;`` came out as a raw
    ``</title>`` (Material prints ``page.title | striptags`` inside
    ``<title>``). Escaping again after stripping keeps it text.
    """
    return escape(Markup(str(value)).striptags())


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept for the life of the plugin (one `serve` session)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
