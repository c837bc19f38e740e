"""`build` and `serve`: validate, generate the pages, run MkDocs.

A build that fails validation writes nothing; the site is built into a
temporary folder and swapped in only when complete, so a failed or killed
build leaves the last good site in place.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from datetime import date
from pathlib import Path

from .dataset import Dataset, validate
from .diagnostics import Diagnostic, relative, render
from .site_context import SiteContext
from .version import data_version, source_date_epoch

# (fingerprint of the data, docs dir) of the last generation in this process,
# so the MkDocs hook does not redo what the `build` command just did, and the
# context it was made with, for the downloads and the API
_last_generated: tuple | None = None
_last_context: SiteContext | None = None
# loaded files by path and stamp, so a rebuild under `serve` re-reads only what changed
_file_cache: dict = {}


class BuildFailed(Exception):
    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} validation error(s)")
        self.diagnostics = diagnostics


def _fingerprint(data_dir: Path) -> tuple:
    return tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.glob("*.y*ml"))
    )


def context(dataset: Dataset, repo_url: str | None, site_url: str | None, data_dir: Path) -> SiteContext:
    version = data_version(Path("."))
    try:
        data_path = data_dir.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        data_path = data_dir.name
    return SiteContext(
        dataset=dataset,
        repo_url=(repo_url or "").rstrip("/"),
        site_url=(site_url or "/").rstrip("/") + "/",
        data_path=data_path,
        version=version,
        today=date.fromisoformat(version.date) if version.date != "1970-01-01" else date.today(),
    )


def ensure_generated(data_dir: Path, docs_dir: Path, repo_url: str | None, site_url: str | None) -> list[str]:
    """Validate and (re)generate the pages when the data changed; raise BuildFailed on errors."""
    global _last_generated, _last_context
    key = (_fingerprint(data_dir), docs_dir.resolve())
    if key == _last_generated:
        return []
    dataset, problems = validate([data_dir], cache=_file_cache)
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise BuildFailed(errors)
    from .generate import generate  # pandas and friends: only when building

    ctx = context(dataset, repo_url, site_url, data_dir)
    changed = generate(ctx, docs_dir)
    _last_generated, _last_context = key, ctx
    return changed


def _static_files(ctx: SiteContext) -> dict[str, str | bytes]:
    from .exports import static_files
    from .mapping import map_static_files

    return {**static_files(ctx), **map_static_files(ctx.dataset)}


class StaticFilesJob:
    """The downloads, the JSON API and the map document, built in a second process while MkDocs renders pages.

    They are plain files MkDocs would only copy, and making them (the Excel
    workbook above all, and importing pandas, openpyxl and folium) costs as
    much as a third of a build; on a machine
    with a free core that time disappears. Where no process can be started,
    they are built in this one.
    """

    def __init__(self, ctx: SiteContext):
        self.ctx = ctx
        self.executor = None
        try:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self.future = self.executor.submit(_static_files, ctx)
        except (OSError, ImportError, RuntimeError):
            self.executor = None

    def files(self) -> dict[str, str | bytes]:
        if self.executor is None:
            return _static_files(self.ctx)
        try:
            return self.future.result()
        finally:
            self.executor.shutdown()

    def write_into(self, site_dir: Path) -> None:
        for name, content in self.files().items():
            path = site_dir / "atlas" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    def write_into_when_done(self, site_dir: Path) -> None:
        """Under `serve`: don't hold the page reload back; the files follow when ready."""
        if self.executor is None:
            self.write_into(site_dir)
            return
        import threading

        threading.Thread(target=self.write_into, args=(site_dir,), daemon=True).start()


def start_static_files() -> StaticFilesJob | None:
    return StaticFilesJob(_last_context) if _last_context is not None else None


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


def build(data_dir: Path, out_dir: Path, config_file: Path) -> int:
    os.environ["ATLAS_DATA"] = str(data_dir)
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(Path(".")))
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    # one configuration for both steps: loading it also loads the plugins and the hook
    cfg = _load_config(config_file, site_dir=str(tmp), strict=True)
    try:
        changed = ensure_generated(data_dir, Path(cfg.docs_dir), cfg.repo_url, cfg.site_url)
    except BuildFailed as err:
        print(render([_relative(d) for d in err.diagnostics], "text"))
        print(f"Build stopped: {len(err.diagnostics)} validation error(s); the site was not changed.", file=sys.stderr)
        return 1
    print(f"generated pages: {len(changed)} changed", file=sys.stderr)
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


def serve(data_dir: Path, config_file: Path, host: str, port: int, full: bool = False) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ["ATLAS_DATA"] = str(data_dir)
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(Path(".")))
    _show_mkdocs_log(logging.INFO)
    # the hook in mkdocs.yml regenerates the pages and watches the data folder
    # dirty rebuilds: the pages are rewritten only when they change, so MkDocs
    # renders just those again (--full rebuilds everything each time)
    mkdocs_serve(config_file=str(config_file), dev_addr=f"{host}:{port}", livereload=True,
                 build_type=None if full else "dirty")
    return 0


def run_build(args: argparse.Namespace) -> int:
    return build(args.data, args.out, args.config)


def run_serve(args: argparse.Namespace) -> int:
    return serve(args.data, args.config, args.host, args.port, full=args.full)


def add_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="validate, generate the pages and build the site")
    p.add_argument("--data", type=Path, default=Path("jurisdictions"), help="data folder (default: jurisdictions/)")
    p.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    p.set_defaults(func=run_build)

    p = sub.add_parser("serve", help="build and serve the site with live reload")
    p.add_argument("--data", type=Path, default=Path("jurisdictions"))
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--full", action="store_true", help="rebuild every page on each change (slower)")
    p.set_defaults(func=run_serve)
