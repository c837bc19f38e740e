"""`python -m generator diff OLD NEW` describes data changes in words a policy reader can follow."""

import os
import shutil
import subprocess

import pytest

from .conftest import FIXTURES, ROOT
from .sitebuild import run_cli

DIFF = FIXTURES / "diff"
OLD, NEW = DIFF / "old", DIFF / "new"
EXPECTED = (DIFF / "expected.md").read_text(encoding="utf-8")


def run_diff(*args, cwd=ROOT):
    return run_cli("diff", *args, cwd=cwd)


def test_two_folders_give_the_expected_markdown():
    result = run_diff(OLD, NEW)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED


def test_changed_fte_figure_is_reported_inside_its_instrument():
    lines = run_diff(OLD, NEW).stdout.splitlines()
    at = lines.index("- staffing: instrument “Minimum peer FTE on ACT teams” (`act-fte`):")
    assert "  - FTE per ACT team changes from 0.5 to 1.0" in lines[at + 1:at + 8]


def test_added_source_and_level_change_are_reported():
    out = run_diff(OLD, NEW).stdout
    assert ("- source added: `standard-2026` — “Fixture ACT standard, 2026 edition” "
            "(Fixture Ministry, 2026)") in out
    assert "- Ontario — mandates: level 1 → 2" in out
    assert "- Nova Scotia (`ca-ns`)" in out.split("### Removed")[1]
    assert "British Columbia (`ca-bc`)" in out.split("### Added")[1].split("###")[0]


def test_unchanged_jurisdiction_is_not_mentioned():
    assert "(`ca`)" not in run_diff(OLD, NEW).stdout


def test_equal_sides_say_there_are_no_changes():
    result = run_diff(OLD, OLD)
    assert result.returncode == 0
    assert result.stdout == "No changes to the data.\n"


def test_invalid_side_is_named_and_its_file_left_out(tmp_path):
    broken = tmp_path / "new"
    shutil.copytree(NEW, broken)
    path = broken / "ca-bc.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("level: 1", "level: 5"), encoding="utf-8")
    result = run_diff(OLD, broken)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "has 1 invalid file(s)" in result.stderr
    assert "ca-bc.yml:13:12: 5 is not allowed" in result.stderr
    assert "**Not compared:**" in result.stdout
    assert f"- `{broken}/ca-bc.yml`: line 13: 5 is not allowed" in result.stdout
    assert "### Added" not in result.stdout  # not reported as added when it could not be read
    assert "FTE per ACT team changes from 0.5 to 1.0" in result.stdout  # the rest is still compared


def test_side_that_is_neither_folder_nor_revision_fails_cleanly():
    result = run_diff("no-such-folder-or-revision", NEW)
    assert result.returncode == 1
    assert result.stderr == "error: 'no-such-folder-or-revision' is neither a folder nor a git revision\n"


# --- git revisions ------------------------------------------------------------------------------


def git(repo, *args):
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A throwaway repository: a commit without data, then old/, then new/ as jurisdictions/."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    (tmp_path / "README.md").write_text("test repository\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "no data yet")
    for folder, message in ((OLD, "old data"), (NEW, "new data")):
        shutil.rmtree(tmp_path / "jurisdictions", ignore_errors=True)
        shutil.copytree(folder, tmp_path / "jurisdictions")
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-q", "-m", message)
    return tmp_path


def test_two_git_revisions_diff_like_the_folders(repo):
    result = run_diff("HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED


def test_a_revision_compares_with_a_folder(repo):
    result = run_diff("HEAD~1", "jurisdictions", cwd=repo)
    assert result.stdout == EXPECTED


def test_revision_before_the_data_folder_existed_counts_everything_as_added(repo):
    out = run_diff("HEAD~2", "HEAD", cwd=repo).stdout
    assert out.splitlines()[2] == "3 jurisdiction(s) added, 0 removed, 0 changed; 0 level(s) changed."


def test_data_option_names_the_folder_inside_the_repository(repo):
    (repo / "jurisdictions").rename(repo / "data")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "move the data")
    result = run_diff("HEAD", "HEAD~2", "--data", "data", cwd=repo)
    # HEAD~2 had no `data/` folder: everything was removed going that way
    assert "### Removed" in result.stdout


# --- the working tree -----------------------------------------------------------------------


def run_git_diff(repo, *args):
    """`diff` inside the repository, with a git that ignores the user's configuration."""
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return run_cli("diff", *args, cwd=repo, env=env)


def break_file(path):
    """ca-bc.yml's funding level (line 13, column 12) becomes a level that does not exist."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("level: 1", "level: 5", 1), encoding="utf-8")


def test_one_revision_compares_with_the_working_tree_as_it_is(repo):
    clean = run_git_diff(repo, "HEAD~1")
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout == EXPECTED  # nothing uncommitted: the working tree is HEAD
    data = repo / "jurisdictions"
    (data / "ca-bc.yml").unlink()  # deleted, not committed
    shutil.copy(OLD / "ca-ns.yml", data / "ca-ns.yml")  # untracked
    on = data / "ca-on.yml"
    on.write_text(on.read_text(encoding="utf-8").replace("level: 2", "level: 3", 1), encoding="utf-8")
    result = run_git_diff(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    assert "- Ontario — mandates: level 2 → 3" in result.stdout
    assert "Nova Scotia (`ca-ns`)" in result.stdout.split("### Added")[1].split("###")[0]
    assert "British Columbia (`ca-bc`)" in result.stdout.split("### Removed")[1].split("###")[0]
    assert result.stderr == ""


def test_two_revisions_say_that_uncommitted_data_is_left_out(repo):
    assert run_git_diff(repo, "HEAD~1", "HEAD").stderr == ""  # clean: nothing to point out
    (repo / "jurisdictions" / "ca-bc.yml").unlink()
    shutil.copy(OLD / "ca-ns.yml", repo / "jurisdictions" / "ca-ns.yml")
    (repo / "notes.txt").write_text("outside the data folder: not counted\n")
    result = run_git_diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 0
    assert result.stdout == EXPECTED  # still the two revisions, as asked
    assert result.stderr == (
        "note: jurisdictions/ has 2 uncommitted change(s) that this comparison of two revisions "
        "does not include; run `python -m generator diff HEAD~1` to compare HEAD~1 with the files "
        "as they are now\n")


def test_missing_data_folder_without_new_fails_cleanly(repo):
    result = run_git_diff(repo, "HEAD", "--data", "nowhere")
    assert result.returncode == 1
    assert result.stderr == "error: the data folder nowhere does not exist; give NEW or --data\n"


# --- invalid data: positioned errors, exit 1, never "No changes" ---------------------------------


def test_invalid_file_on_both_revisions_is_positioned_and_never_called_no_change(repo):
    break_file(repo / "jurisdictions" / "ca-bc.yml")
    git(repo, "commit", "-q", "-am", "break ca-bc")
    git(repo, "commit", "-q", "--allow-empty", "-m", "nothing")
    result = run_git_diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1
    assert "No changes" not in result.stdout
    assert "Traceback" not in result.stderr
    assert ("HEAD:jurisdictions/ca-bc.yml:13:12: 5 is not allowed; expected one of: 0, 1, 2, 3, "
            "'unknown' (dimensions.funding.level)") in result.stderr.splitlines()
    assert "**Not compared:**" in result.stdout


def test_same_revision_twice_names_each_error_once(repo):
    break_file(repo / "jurisdictions" / "ca-bc.yml")
    git(repo, "commit", "-q", "-am", "break ca-bc")
    result = run_git_diff(repo, "HEAD", "HEAD")
    assert result.returncode == 1
    assert result.stderr.count("ca-bc.yml:13:12:") == 1
    assert result.stdout.count("ca-bc.yml`") == 1
    assert "No changes" not in result.stdout


def test_invalid_uncommitted_edit_is_positioned_against_the_working_tree(repo):
    break_file(repo / "jurisdictions" / "ca-bc.yml")
    result = run_git_diff(repo, "HEAD")
    assert result.returncode == 1
    assert "jurisdictions/ca-bc.yml:13:12: 5 is not allowed" in result.stderr
    assert "(dimensions.funding.level)" in result.stderr
    assert "No changes" not in result.stdout


def test_invalid_parent_deletion_is_an_error_not_a_quiet_removal(repo):
    (repo / "jurisdictions" / "ca.yml").unlink()
    result = run_git_diff(repo, "HEAD")
    assert result.returncode == 1
    assert "jurisdictions/ca-on.yml:5:9: parent 'ca' has no file" in result.stderr


def test_a_new_search_record_is_reported_under_its_dimension():
    from generator.data.dataset import load_dataset
    from generator.data.model import Jurisdiction
    from generator.tools.datadiff import compare_jurisdiction

    ca = load_dataset(FIXTURES / "valid").jurisdictions["ca"]
    data = ca.model_dump(mode="json", exclude_none=True)
    data["dimensions"]["funding"]["searched"] = [
        {"looked_for": "a fee item for peer support", "sources": ["fixture-source"], "date": "2025-01-15"}]
    _, lines = compare_jurisdiction(ca, Jurisdiction.model_validate(data))
    assert any(line.startswith("- funding: search recorded: ") and "`fixture-source` on 2025-01-15" in line
               for line in lines), lines
    _, back = compare_jurisdiction(Jurisdiction.model_validate(data), ca)
    assert any("funding: search removed:" in line for line in back), back
