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

log = logging.getLogger("mkdocs.plugins.atlas")

# (fingerprint of the data, docs dir) of the last generation in this process,
# so the MkDocs hook does not redo what the `build` command just did
_last_generated: tuple | None = None


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
    global _last_generated
    key = (_fingerprint(data_dir), docs_dir.resolve())
    if key == _last_generated:
        return []
    dataset, problems = validate([data_dir])
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise BuildFailed(errors)
    from .generate import generate  # pandas and friends: only when building

    changed = generate(context(dataset, repo_url, site_url, data_dir), docs_dir)
    _last_generated = key
    return changed


def _load_config(config_file: Path, **overrides):
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), **overrides)


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_atlas", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._atlas = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def _mkdocs_build(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build

    _show_mkdocs_warnings()
    cfg = _load_config(config_file, site_dir=str(site_dir), strict=True)
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
    cfg = _load_config(config_file)
    try:
        changed = ensure_generated(data_dir, Path(cfg.docs_dir), cfg.repo_url, cfg.site_url)
    except BuildFailed as err:
        print(render([_relative(d) for d in err.diagnostics], "text"))
        print(f"Build stopped: {len(err.diagnostics)} validation error(s); the site was not changed.", file=sys.stderr)
        return 1
    print(f"generated pages: {len(changed)} changed", file=sys.stderr)
    for leftover in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from a build that was killed
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    try:
        _mkdocs_build(config_file, tmp)
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


def serve(data_dir: Path, config_file: Path, host: str, port: int) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ["ATLAS_DATA"] = str(data_dir)
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(Path(".")))
    # the hook in mkdocs.yml regenerates the pages and watches the data folder
    mkdocs_serve(config_file=str(config_file), dev_addr=f"{host}:{port}", livereload=True)
    return 0


def run_build(args: argparse.Namespace) -> int:
    return build(args.data, args.out, args.config)


def run_serve(args: argparse.Namespace) -> int:
    return serve(args.data, args.config, args.host, args.port)


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
    p.set_defaults(func=run_serve)
