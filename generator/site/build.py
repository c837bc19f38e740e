"""`build` and `serve`: validate, generate the pages, run MkDocs.

A build that fails validation writes nothing; the site is built into a
temporary folder and swapped in only when complete, so a failed or killed
build leaves the last good site in place.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from generator.data.dataset import validate
from generator.data.diagnostics import Diagnostic, relative, render
from generator.data.version import source_date_epoch


def _load_config(config_file: Path, **overrides):
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), **overrides)


def _show_mkdocs_log(level: int = logging.WARNING) -> None:
    # MkDocs' own command line sets up its logging; called from Python it
    # would be silent, hiding warnings (build) and progress (serve).
    logger = logging.getLogger("mkdocs")
    logger.setLevel(min(logger.level or logging.WARNING, level))
    if not any(getattr(h, "_atlas", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(level)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._atlas = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def _mkdocs_build(cfg) -> None:
    from mkdocs.commands.build import build as mkdocs_build

    _show_mkdocs_log()
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()


def _swap_in(tmp: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _validated(data_dir: Path):
    """The data folder's dataset, or None after printing every error (path:line:col: message)."""
    dataset, problems = validate([data_dir])
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        print(render([_relative(d) for d in errors], "text"))
        print(f"{len(errors)} validation error(s)", file=sys.stderr)
        return None
    return dataset


def atlas_plugin(cfg):
    """The configuration's `atlas` plugin (see generator/site/plugin.py)."""
    from generator.site.plugin import AtlasPlugin

    found = [p for p in cfg.plugins.values() if isinstance(p, AtlasPlugin)]
    if not found:
        raise SystemExit(f"{cfg.config_file_path} does not list the `atlas` plugin under plugins:")
    return found[0]


def build(data_dir: Path, out_dir: Path, config_file: Path) -> int:
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(Path(".")))
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    cfg = _load_config(config_file, site_dir=str(tmp), strict=True)
    dataset = _validated(data_dir)
    if dataset is None:
        print("Build stopped: the data has errors; the site was not changed.", file=sys.stderr)
        return 1
    plugin = atlas_plugin(cfg)
    plugin.data_override = data_dir.resolve()
    plugin.dataset = dataset  # validated just now: the plugin need not load it again
    for leftover in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from a build that was killed
    try:
        _mkdocs_build(cfg)
    except BaseException as exc:  # including KeyboardInterrupt: never leave half a site
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, Exception):
            print(f"Build failed: {exc}; the site was not changed.", file=sys.stderr)
            return 1
        raise
    _swap_in(tmp, out_dir)
    print(f"site built in {out_dir}/", file=sys.stderr)
    return 0


def _relative(d: Diagnostic) -> Diagnostic:
    from dataclasses import replace

    return replace(d, path=relative(d.path))


# MkDocs' own `serve` polls for changes every 0.5 s; a tenth of that is
# still a negligible cost for a few hundred files and makes saves show sooner
POLLING_INTERVAL = 0.1


def serve(data_dir: Path, config_file: Path, host: str, port: int, full: bool = False) -> int:
    """MkDocs' serve loop (mkdocs.commands.serve) with faster polling; the same plugin does the work."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.livereload import LiveReloadServer

    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(Path(".")))
    _show_mkdocs_log(logging.INFO)
    site_dir = tempfile.mkdtemp(prefix="atlas-serve-")
    first = _load_config(config_file, site_dir=site_dir)
    mount_path = urlsplit(first.site_url or "/").path or "/"
    serve_url = f"http://{host}:{port}{mount_path}"
    # MkDocs reloads the configuration on every rebuild but keeps this plugin
    # instance (it defines on_startup): the data folder is set on it once, here.
    atlas_plugin(first).data_override = data_dir.resolve()
    dirty = not full  # dirty: only pages whose text changed are rendered again
    first.plugins.on_startup(command="serve", dirty=dirty)

    def builder(cfg=None):
        cfg = cfg or _load_config(config_file, site_dir=site_dir)
        cfg.site_url = serve_url
        mkdocs_build(cfg, serve_url=serve_url, dirty=dirty)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path,
                              polling_interval=POLLING_INTERVAL)
    server.error_handler = lambda code: _error_page(site_dir, code)
    try:
        builder(first)
        server.watch(first.docs_dir)
        server.watch(first.config_file_path)
        server = first.plugins.on_serve(server, config=first, builder=builder)
        print(f"Serving the atlas on {serve_url} (the site's own base path)", file=sys.stderr)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        first.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _error_page(site_dir: str, code: int) -> bytes | None:
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def write_pages(data_dir: Path, out_dir: Path, config_file: Path) -> int:
    """The generated Markdown as a plain folder, for other MkDocs-compatible builders."""
    from generator.site.generate import outputs, write
    from generator.site.context import make_context

    cfg = _load_config(config_file)
    dataset = _validated(data_dir)
    if dataset is None:
        return 1
    from generator.data.agreement import load_runs
    from generator.data.coverage_notes import load_notes
    from generator.data.releases import load_releases

    plugin = cfg.plugins["atlas"]  # the side files where mkdocs.yml configures them
    runs, problems = load_runs(plugin.coding_dir(cfg))
    notes, note_problems = load_notes(plugin.notes_file(cfg))
    releases, release_problems = load_releases(plugin.releases_file(cfg))
    problems += note_problems + release_problems
    for p in problems:
        print(p.text(), file=sys.stderr)
    if problems:
        return 1
    ctx = make_context(dataset, cfg, data_dir, runs, searched_without=notes, releases=releases)
    changed = write(outputs(ctx), out_dir)
    print(f"{len(changed)} page file(s) written or removed in {out_dir}/", file=sys.stderr)
    return 0
