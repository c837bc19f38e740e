"""Build the site for a data folder in an isolated copy of the project (used by several tests)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
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


@contextlib.contextmanager
def _inside(project: Path):
    """The build's working folder and environment, for the length of one in-process build."""
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    os.environ.update(TEST_ENV)
    os.chdir(project)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def run_cli(*argv: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m generator ARGV...` through cli.main in this process, with its output captured.

    Shaped like subprocess.run's result so a test reads the same either way; an
    argparse error (SystemExit) becomes its exit code, as the shell would see it.
    """
    from generator import cli

    stdout, stderr = io.StringIO(), io.StringIO()
    saved_cwd, saved_env = Path.cwd(), dict(os.environ)
    os.chdir(cwd)
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = cli.main([str(a) for a in argv])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(list(argv), code, stdout.getvalue(), stderr.getvalue())


def run_build(data_dir: Path, workdir: Path, out: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m generator build`, run in this process through cli.main, with its output captured."""
    from generator import cli

    project = make_project(workdir)
    out = out or workdir / "site"
    stdout, stderr = io.StringIO(), io.StringIO()
    with _inside(project), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["build", "--data", str(data_dir), "--out", str(out), "--config", str(project / "mkdocs.yml")])
    return subprocess.CompletedProcess([], code, stdout.getvalue(), stderr.getvalue())


def build_site(data_dir: Path, workdir: Path) -> Path:
    result = run_build(data_dir, workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    return workdir / "site"
