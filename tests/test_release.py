"""Data releases: `release` freezes committed data, says what changed since the release before,
and the site rebuilds each release's files from its commit and cites the release by its version."""

import json
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator.data.releases import load_releases
from generator.data.version import site_version
from generator.site.pages import releases as releases_page
from generator.tools.release import ReleaseError, append, make_release, stamp_citation_file

from .conftest import VALID

TODAY = date(2026, 12, 3)


def _git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path):
    """A repository whose data folder holds the valid fixtures, committed."""
    shutil.copytree(VALID, tmp_path / "jurisdictions")
    (tmp_path / "CITATION.cff").write_text('cff-version: 1.2.0\ntitle: "Atlas"\nversion: "0.1.0"\n', encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "data")
    return tmp_path


def _release(repo: Path, version: str | None = None, today: date = TODAY):
    release = make_release(repo, repo / "jurisdictions", repo / "releases.yml", version, today)
    append(repo / "releases.yml", release)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", f"release {release.version}")
    return release


def test_a_release_freezes_the_committed_data_and_is_written_back_as_it_reads(repo):
    release = _release(repo)
    assert release.version == "2026.12" and release.commit == _git(repo, "rev-parse", "HEAD~1").strip()
    assert (release.jurisdictions, release.countries, release.previous) == (2, 1, None)
    read, problems = load_releases(repo / "releases.yml")
    assert problems == [] and read == [release]


def test_the_next_release_lists_what_changed_since_the_one_before(repo):
    _release(repo)
    path = repo / "jurisdictions" / "ca.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("staffing:\n    level: 0", "staffing:\n    level: unknown"),
                    encoding="utf-8")
    shutil.copy(VALID / "ca-on.yml", repo / "jurisdictions" / "ca-qc.yml")
    qc = repo / "jurisdictions" / "ca-qc.yml"
    qc.write_text(qc.read_text(encoding="utf-8").replace("id: ca-on", "id: ca-qc").replace("name: Ontario", "name: Quebec").replace("aliases: [ON]", "aliases: [QC]"),
                  encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "more data")
    second = _release(repo, "2026.12.1")
    assert second.previous == "2026.12" and second.added == ["ca-qc"]
    moved = {(m.id, m.dimension, m.old, m.new) for m in second.levels_changed}
    assert ("ca", "staffing", "0", "unknown") in moved and ("ca-qc", "mandates", "unknown", "2") in moved


def test_uncommitted_data_a_used_version_or_a_malformed_one_make_no_release(repo):
    _release(repo)
    with pytest.raises(ReleaseError, match="exists already; a release never changes: use --version 2026.12.1"):
        make_release(repo, repo / "jurisdictions", repo / "releases.yml", "2026.12", TODAY)
    with pytest.raises(ReleaseError, match="is not YYYY.MM"):
        make_release(repo, repo / "jurisdictions", repo / "releases.yml", "december", TODAY)
    (repo / "jurisdictions" / "ca.yml").write_text("id: ca\n", encoding="utf-8")
    with pytest.raises(ReleaseError, match="uncommitted changes: commit them first"):
        make_release(repo, repo / "jurisdictions", repo / "releases.yml", "2027.01", TODAY)
    assert [r.version for r in load_releases(repo / "releases.yml")[0]] == ["2026.12"]


def test_citation_file_names_the_release(repo):
    release = _release(repo)
    stamp_citation_file(repo / "CITATION.cff", release)
    text = (repo / "CITATION.cff").read_text(encoding="utf-8")
    assert 'version: "2026.12"\ndate-released: "2026-12-03"\n' in text


def test_the_site_names_the_release_only_while_its_data_is_unchanged(repo):
    release = _release(repo)
    version = site_version(repo, repo / "jurisdictions", [release])
    assert (version.label, version.date, version.archive) == ("2026.12", "2026-12-03", "data/v2026.12/")
    (repo / "jurisdictions" / "ca.yml").write_text("edited\n", encoding="utf-8")
    assert site_version(repo, repo / "jurisdictions", [release]).label.startswith("commit ")


def test_a_releases_files_are_rebuilt_from_its_commit_even_after_the_data_moved_on(repo, ctx):
    release = _release(repo)
    (repo / "jurisdictions" / "ca-on.yml").unlink()
    _git(repo, "commit", "-qam", "Ontario removed")
    here = replace(ctx, releases=(release,), project_root=str(repo), data_path="jurisdictions")
    files = releases_page.release_files(here)
    frozen = json.loads(files["data/v2026.12/atlas.json"])
    assert frozen["data_version"] == "2026.12" and {j["id"] for j in frozen["jurisdictions"]} == {"ca", "ca-on"}
    assert "data/v2026.12/api/jurisdictions/ca-on.json" in files
    page = releases_page.releases_page(here)
    assert 'id="v2026.12"' in page and 'href="../data/v2026.12/atlas.json"' in page


def test_a_release_whose_commit_is_missing_is_skipped_with_a_warning_not_a_traceback(repo, ctx, capsys):
    release = _release(repo)
    gone = release.model_copy(update={"commit": "0" * 40})
    here = replace(ctx, releases=(gone,), project_root=str(repo), data_path="jurisdictions")
    assert releases_page.release_files(here) == {}
    assert "warning: release 2026.12 not rebuilt" in capsys.readouterr().err
    assert "lacks the release's commit" in releases_page.releases_page(here)
