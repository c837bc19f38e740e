"""Builds are reproducible and atomic: same input, same bytes; a failed or killed build changes nothing."""

from __future__ import annotations

import hashlib
import shutil
import signal
import time
from pathlib import Path

from .sitebuild import ROOT, run_build

DATA = ROOT / "tests" / "fixtures" / "valid"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path):
    first = run_build(DATA, tmp_path / "a")
    second = run_build(DATA, tmp_path / "b")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    a, b = tree_digest(tmp_path / "a" / "site"), tree_digest(tmp_path / "b" / "site")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


def test_build_that_fails_validation_leaves_the_previous_site_intact(tmp_path):
    assert run_build(DATA, tmp_path).returncode == 0
    before = tree_digest(tmp_path / "site")
    broken = tmp_path / "broken"
    shutil.copytree(DATA, broken)
    (broken / "ca-on.yml").write_text((DATA / "ca-on.yml").read_text().replace("level: 2", "level: 9", 1))
    result = run_build(broken, tmp_path)
    assert result.returncode == 1
    assert "ca-on.yml:13:12: 9 is not allowed" in result.stdout
    assert "the site was not changed" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(tmp_path / "site") == before
    # the pages live in memory: the build writes nothing into docs/
    assert not (tmp_path / "project" / "docs" / "atlas").exists()


def test_build_killed_midway_leaves_the_previous_site_intact(tmp_path):
    import os
    import subprocess
    import sys

    from .sitebuild import TEST_ENV, make_project

    assert run_build(DATA, tmp_path).returncode == 0
    before = tree_digest(tmp_path / "site")
    project = make_project(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--data", str(ROOT / "jurisdictions"),
         "--out", str(tmp_path / "site"), "--config", str(project / "mkdocs.yml")],
        cwd=project, env={**os.environ, **TEST_ENV, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # wait until MkDocs is writing the new site into its temporary folder, then kill
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(tmp_path.glob(".site.tmp-*/atlas")):
        time.sleep(0.02)
    assert any(tmp_path.glob(".site.tmp-*")), "the build never started writing"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert tree_digest(tmp_path / "site") == before
    # the next build clears the leftover temporary folder and succeeds
    assert run_build(DATA, tmp_path).returncode == 0
    assert not any(tmp_path.glob(".site.tmp-*"))
