"""MkDocs hook: regenerate the atlas pages before every build.

Listed under `hooks:` in mkdocs.yml, so plain `mkdocs build` and
`mkdocs serve` work too, and `serve` reloads when a YAML file changes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.html_squeeze import squeeze
from generator.site_build import BuildFailed, ensure_generated, start_static_files
from generator.version import data_version

log = logging.getLogger("mkdocs.hooks.atlas")
_command = "build"
_static_job = None


def _data_dir(config) -> Path:
    root = Path(config.config_file_path).parent
    return Path(os.environ.get("ATLAS_DATA") or root / "jurisdictions")


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    version = data_version(Path(config.config_file_path).parent)
    base = config.copyright or ""
    config.copyright = f"{base} · Data version {version.text}".strip(" ·")
    return config


def on_pre_build(config):
    global _static_job
    try:
        changed = ensure_generated(_data_dir(config), Path(config.docs_dir), config.repo_url, config.site_url)
    except BuildFailed as err:
        for d in err.diagnostics:
            log.error(d.text())
        if _command != "serve":
            raise PluginError(f"{len(err.diagnostics)} validation error(s) in the data") from None
        # keep serving the last good pages; the errors are in the log
        log.error("Data has %d error(s); showing the last valid version.", len(err.diagnostics))
        changed = []
    if changed:
        log.info("atlas: %d generated file(s) updated", len(changed))
    _static_job = start_static_files()


def on_post_build(config):
    global _static_job
    if _static_job is not None:
        if _command == "serve":
            _static_job.write_into_when_done(Path(config.site_dir))
        else:
            _static_job.write_into(Path(config.site_dir))
        _static_job = None


def on_post_page(output, page, config):
    return squeeze(output)


def on_serve(server, config, builder):
    server.watch(str(_data_dir(config)))
    return server
