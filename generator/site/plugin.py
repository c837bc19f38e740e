"""The MkDocs plugin ``atlas``: the data folder becomes pages in memory.

Listed under ``plugins:`` in mkdocs.yml (registered by the entry point in
pyproject.toml), so ``python -m generator build``, plain ``mkdocs build`` and
``mkdocs serve`` take one path. The pages are virtual files (MkDocs'
``File.generated``): nothing is written into ``docs/``, so saving a YAML file
triggers exactly one rebuild under ``serve``.

State lives on the instance. MkDocs keeps a plugin that defines
``on_startup`` across the rebuilds of one ``serve`` session, which is what
lets a rebuild re-read only the files that changed and re-render only the
pages whose text changed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from generator.data.dataset import Dataset, validate
from generator.data.diagnostics import Diagnostic, relative
from generator.site.html_squeeze import squeeze
from generator.site.context import make_context
from generator.site.static_files import StaticFilesJob, write_files
from generator.data.version import data_version

log = logging.getLogger("mkdocs.plugins.atlas")

GENERATED = "atlas"
# a hand-written page names a generated fragment with this marker on a line of its own
SNIPPET_MARK = "<!-- atlas:snippet {name} -->"
ERRORS_FILE = "__atlas/errors.json"
# Markdown pages the navigation lists; every other generated page is reached by links
IN_NAV = {"index.md", "map.md", "compare.md", "codebook.md", "gaps.md", "downloads.md", "api.md"}


class AtlasConfig(base.Config):
    data_dir = c.Type(str, default="jurisdictions")


class GeneratedFile(File):
    """A page made from the data: modified (for dirty rebuilds) only when its text changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def escaped_striptags(value: object) -> Markup:
    """The theme's ``striptags`` filter, made safe.

    Jinja's own filter strips tags and then *unescapes* entities, so a title
    that reached the theme as ``&lt;/title&gt;`` came out as a raw
    ``</title>`` (Material prints ``page.title | striptags`` inside
    ``<title>``). Escaping again after stripping keeps it text.
    """
    return escape(Markup(str(value)).striptags())


class AtlasPlugin(BasePlugin[AtlasConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.data_override: Path | None = None  # `--data` of `generator build` / `serve`
        self.dataset: Dataset | None = None  # set by `generator build`, which has validated already
        self.file_cache: dict = {}  # loaded files by path and stamp, for serve
        self.pages: dict[str, str] = {}  # the last good pages, by path under docs/
        self.snippets: dict[str, str] = {}
        self.rendered: dict[str, str] = {}  # what the previous build was given, to mark changes
        self.removed: set[str] = set()
        self.errors: list[Diagnostic] = []
        self.bytecode_cache = _MemoryBytecodeCache()
        self.ctx = None
        self.static_job = None
        self.static_for = None  # what the static files were last made from
        self.static_written: dict = {}

    # --- configuration -------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def data_dir(self, config) -> Path:
        if self.data_override is not None:
            return self.data_override
        root = Path(config.config_file_path or ".").parent
        return (root / self.config.data_dir).resolve()

    def on_config(self, config):
        version = data_version(Path(config.config_file_path or ".").parent)
        config.copyright = f"{config.copyright or ''} · Data version {version.text}".strip(" ·")
        return config

    # --- the pages --------------------------------------------------------------

    def _load(self, config) -> tuple[Dataset, list[Diagnostic]]:
        if self.dataset is not None:
            return self.dataset, []
        dataset, problems = validate([self.data_dir(config)], cache=self.file_cache)
        return dataset, [d for d in problems if d.severity == "error"]

    def _generate(self, config, dataset: Dataset) -> None:
        from generator.site.generate import outputs  # the page builders import pandas and folium: only when building

        self.ctx = make_context(dataset, config, self.data_dir(config))
        pages, snippets = {}, {}
        for name, content in outputs(self.ctx).items():
            if name.startswith("_snippets/"):
                snippets[Path(name).stem] = content
            else:
                pages[f"{GENERATED}/{name}"] = content
        self.pages, self.snippets = pages, snippets

    def on_files(self, files, *, config):
        dataset, errors = self._load(config)
        self.errors = errors = [replace(d, path=relative(d.path)) for d in errors]
        if errors:
            for d in errors:
                log.error(d.text())
            if self.command != "serve":
                raise PluginError(f"{len(errors)} validation error(s) in the data")
            log.error("The data has %d error(s); the site shows the last valid version.", len(errors))
        if not errors or not self.pages:
            # under serve with no good version yet, show what is valid rather than nothing
            self._generate(config, dataset)
            self._start_static_files()
        # generated output left in docs/ by older versions would shadow the pages
        for stale in [f for f in files if f.src_uri.startswith(f"{GENERATED}/")]:
            files.remove(stale)
        for path, content in self.pages.items():
            files.append(self._file(config, path, content))
        self._mark_snippet_pages(files)
        self.removed = set(self.rendered) - set(self.pages)
        self.rendered = dict(self.pages)
        return files

    def _file(self, config, path: str, content: str) -> GeneratedFile:
        inclusion = InclusionLevel.INCLUDED if path.removeprefix(f"{GENERATED}/") in IN_NAV or "/tables/" in path \
            else InclusionLevel.NOT_IN_NAV
        f = GeneratedFile.generated(config, path, content=content, inclusion=inclusion)
        f.changed = self.rendered.get(path) != content
        return f

    def _mark_snippet_pages(self, files) -> None:
        """Hand-written pages that include a generated fragment are rebuilt when it changes."""
        changed = any(self.snippets.get(k) != v for k, v in getattr(self, "_last_snippets", {}).items()) \
            or not hasattr(self, "_last_snippets")
        self._last_snippets = dict(self.snippets)
        if not changed:
            return
        for f in files.documentation_pages():
            if isinstance(f, GeneratedFile) or not f.abs_src_path:
                continue
            text = Path(f.abs_src_path).read_text(encoding="utf-8")
            if any(SNIPPET_MARK.format(name=name) in text for name in self.snippets):
                f.is_modified = lambda: True  # type: ignore[method-assign]

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        for name, content in self.snippets.items():
            markdown = markdown.replace(SNIPPET_MARK.format(name=name), content)
        return markdown

    # --- what reaches the theme ------------------------------------------------------

    def on_env(self, env, *, config, files):
        env.filters["striptags"] = escaped_striptags
        # MkDocs makes a new theme environment for every rebuild under serve, which
        # compiled the theme's templates again each time (about a third of a rebuild)
        env.bytecode_cache = self.bytecode_cache
        return env

    def on_page_context(self, context, *, page, config, nav):
        # the theme prints these raw in <title> and <meta content="…">
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.command == "serve":
            output = output.replace("</body>", _error_overlay(config) + "</body>", 1)
        return squeeze(output)

    # --- after the pages ------------------------------------------------------------

    def on_post_build(self, *, config) -> None:
        site = Path(config.site_dir)
        self._remove_deleted_pages(site)
        if self.command == "serve":
            _write(site / ERRORS_FILE, json.dumps([d.text() for d in self.errors], ensure_ascii=False))
        self._write_static_files(site)

    def _remove_deleted_pages(self, site: Path) -> None:
        # a dirty rebuild never deletes; a jurisdiction removed from the data must leave the site
        for path in self.removed:
            page_dir = site / Path(path).with_suffix("")
            shutil.rmtree(page_dir, ignore_errors=True)

    def _start_static_files(self) -> None:
        """Start the downloads, API and map document in a second process while MkDocs renders the pages."""

        # the loaded models keep their identity while their files are unchanged (see validate's cache)
        key = (self.ctx.version, self.ctx.site_url, *((jid, id(j)) for jid, j in self.ctx.dataset.jurisdictions.items()))
        if key != self.static_for:
            self.static_for, self.static_job = key, StaticFilesJob(self.ctx)

    def _write_static_files(self, site: Path) -> None:
        job, self.static_job = self.static_job, None
        if job is None:
            # unchanged: serve's site folder still has them, unless a full rebuild cleaned it
            if self.static_written and not (site / GENERATED / "data").exists():
                write_files(self.static_written, site)
            return
        if self.command == "serve":
            threading.Thread(target=self._finish_static_files, args=(job, site), daemon=True).start()
        else:
            self._finish_static_files(job, site)

    def _finish_static_files(self, job, site: Path) -> None:
        files = job.files()
        write_files(files, site)
        self.static_written = files

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.data_dir(config)))
        return server


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept for the life of the plugin (one `serve` session)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _error_overlay(config) -> str:
    """Under serve only: a script that shows the data's errors on every page until they are fixed.

    The errors are a file beside the pages rather than part of them, so a
    rebuild that re-renders nothing still shows them; the live reload that
    follows every rebuild fetches them again.
    """
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return _OVERLAY.replace("ERRORS_URL", json.dumps(base + ERRORS_FILE))


# The messages go in as DOM text (textContent): they contain the contributor's data.
_OVERLAY = """<script>
(function () {
  fetch(ERRORS_URL, {cache: "no-store"}).then(function (r) { return r.ok ? r.json() : []; }).then(function (errors) {
    if (!errors.length) return;
    var box = document.createElement("div");
    box.id = "atlas-serve-errors";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:45vh;overflow:auto;" +
      "background:#5c0011;color:#fff;font:14px/1.45 monospace;padding:12px 16px;box-shadow:0 -2px 8px rgba(0,0,0,.4)";
    var head = document.createElement("strong");
    head.textContent = "The data has " + errors.length + " error(s); this preview shows the last valid version. Fix and save:";
    box.appendChild(head);
    errors.forEach(function (text) {
      var line = document.createElement("div");
      line.textContent = text;
      box.appendChild(line);
    });
    document.body.appendChild(box);
  }).catch(function () {});
})();
</script>"""
