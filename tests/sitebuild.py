"""Build the site for a data folder in an isolated copy of the project (used by several tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_ENV = {"ATLAS_DATA_VERSION": "test-version", "SOURCE_DATE_EPOCH": "1764201600"}


def make_project(workdir: Path) -> Path:
    """A copy of docs/ and mkdocs.yml whose hook and theme point back at this checkout."""
    project = workdir / "project"
    if not project.exists():
        shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("atlas"))
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        for rel in ("generator/site/theme",):
            config = config.replace(rel, str(ROOT / rel))
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def run_build(data_dir: Path, workdir: Path, out: Path | None = None, **popen) -> subprocess.CompletedProcess:
    project = make_project(workdir)
    out = out or workdir / "site"
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--data", str(data_dir), "--out", str(out),
         "--config", str(project / "mkdocs.yml")],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, **TEST_ENV, "PYTHONPATH": str(ROOT)}, **popen,
    )


def build_site(data_dir: Path, workdir: Path) -> Path:
    result = run_build(data_dir, workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    return workdir / "site"
