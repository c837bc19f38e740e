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

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel

from generator.data.dataset import Dataset, validate
from generator.data.diagnostics import Diagnostic, relative
from generator.site.generated import GeneratedFile, GeneratedPage
from generator.site.html_squeeze import squeeze
from generator.site.search_text import strip_excluded
from generator.site.serve_errors import ERRORS_FILE, error_overlay
from generator.site.theme_env import MemoryBytecodeCache, escaped_striptags
from generator.data.agreement import load_runs
from generator.data.coverage_notes import load_notes
from generator.site.context import make_context
from generator.site.static_files import StaticFilesJob, write_files
from generator.data.releases import load_releases
from generator.data.version import site_version
from generator.site.nav import nav_titles, with_dimension_tables

log = logging.getLogger("mkdocs.plugins.atlas")

GENERATED = "atlas"
# a hand-written page names a generated fragment with this marker on a line of its own
SNIPPET_MARK = "<!-- atlas:snippet {name} -->"
NOT_SEARCHED = (f"{GENERATED}/tables/",)
# Markdown pages the navigation lists; every other generated page is reached by links
IN_NAV = {"index.md", "topics/index.md", "changes.md", "charts.md", "map.md", "compare.md", "codebook.md", "agreement.md", "gaps.md", "downloads.md", "api.md", "releases.md"}


class AtlasConfig(base.Config):
    data_dir = c.Type(str, default="jurisdictions")
    # blind second-coding runs, for the coding agreement page (see scripts/agreement.py)
    coding_dir = c.Type(str, default="coding/runs")
    # countries searched without a citable source, for the data-gaps page
    coverage_notes = c.Type(str, default="coding/searched-without-result.yml")
    # data releases (python -m generator release), rebuilt under atlas/data/v<version>/
    releases = c.Type(str, default="releases.yml")


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
        self.bytecode_cache = MemoryBytecodeCache()
        self._full_content: str | None = None
        self.ctx = None
        self.runs: list = []  # blind coding runs, loaded with the data
        self.notes: list = []  # countries searched without result, loaded with the data
        self.releases: list = []  # data releases, oldest first
        self.release_problems: list = []
        self.version = None  # the data version, found with the configuration
        self.page_cache: dict = {}  # jurisdiction pages by id with their inputs, reused under serve
        self.static_job = None
        self.static_for = None  # what the static files were last made from
        self.static_written: dict = {}

    # --- configuration -------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if command != "serve":
            # MkDocs keeps this instance for every build in the process: a build starts afresh
            self.rendered, self.pages, self.snippets = {}, {}, {}
            self.static_for, self.static_written, self.file_cache = None, {}, {}
            self.page_cache = {}

    def data_dir(self, config) -> Path:
        if self.data_override is not None:
            return self.data_override
        root = Path(config.config_file_path or ".").parent
        return (root / self.config.data_dir).resolve()

    def coding_dir(self, config) -> Path:
        return self._in_project(config, self.config.coding_dir)

    def notes_file(self, config) -> Path:
        return self._in_project(config, self.config.coverage_notes)

    def releases_file(self, config) -> Path:
        return self._in_project(config, self.config.releases)

    @staticmethod
    def _in_project(config, path: str) -> Path:
        return (Path(config.config_file_path or ".").parent / path).resolve()

    def on_config(self, config):
        # once per build (serve reloads the configuration for each): the releases and the version
        # they give, for the footer here and for the pages' context
        self.releases, self.release_problems = load_releases(self.releases_file(config))
        self.version = site_version(Path(config.config_file_path or ".").parent, self.data_dir(config), self.releases)
        config.copyright = f"{config.copyright or ''} · Data version {self.version.text}".strip(" ·")
        config.nav = with_dimension_tables(config.nav)
        return config

    # --- the pages --------------------------------------------------------------

    def _load(self, config) -> tuple[Dataset, list[Diagnostic]]:
        self.runs, run_problems = load_runs(self.coding_dir(config))
        self.notes, note_problems = load_notes(self.notes_file(config))
        note_problems = note_problems + self.release_problems  # loaded with the configuration
        if self.dataset is not None:
            return self.dataset, run_problems + note_problems
        dataset, problems = validate([self.data_dir(config)], cache=self.file_cache)
        return dataset, [d for d in problems if d.severity == "error"] + run_problems + note_problems

    def _generate(self, config, dataset: Dataset) -> None:
        from generator.site.generate import outputs  # the page builders import pandas: only when building

        self.ctx = make_context(dataset, config, self.data_dir(config), runs=self.runs, page_cache=self.page_cache,
                                searched_without=self.notes, releases=self.releases, version=self.version)
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
        titles = nav_titles(config.nav)
        for path, content in self.pages.items():
            f = self._file(config, path, content)
            files.append(f)
            GeneratedPage(titles.get(path), f, config)  # sets f.page, which MkDocs then uses
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
        if page.file.src_uri.startswith(NOT_SEARCHED):
            # the tables repeat the jurisdiction pages row by row; parsing them for the index is costly
            page.meta.setdefault("search", {})["exclude"] = True
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

    @event_priority(100)  # before the search plugin reads the page
    def _before_search(self, context, *, page, config, nav):
        # the theme prints these raw in <title> and <meta content="…">
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        if isinstance(page, GeneratedPage):
            # the search plugin would parse the marked elements only to skip them
            self._full_content = page.content
            try:
                page.content = strip_excluded(page.content)
            except ValueError:
                pass  # not balanced: the search plugin gets the whole page, as for any page
        return context

    @event_priority(-100)  # after the search plugin: the theme renders the whole page
    def _after_search(self, context, *, page, config, nav):
        if isinstance(page, GeneratedPage) and self._full_content is not None:
            page.content, self._full_content = self._full_content, None
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.command == "serve":
            output = output.replace("</body>", error_overlay(config) + "</body>", 1)
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
            self.static_for, self.static_job = key, StaticFilesJob(self.ctx, fork=self.command != "serve")

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
        # a run file or the coverage notes edited under serve rebuild the agreement or gaps page
        for path in (self.coding_dir(config), self.notes_file(config), self.releases_file(config)):
            if path.exists():
                server.watch(str(path))
        return server


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
