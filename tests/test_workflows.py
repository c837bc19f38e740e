"""The CI workflows are valid GitHub Actions files and run the project's checks."""

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.data.loading import load

from .conftest import FIXTURES, ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PR, DEPLOY = WORKFLOWS / "pr.yml", WORKFLOWS / "deploy.yml"
# the venv's (or CI's) own check-jsonschema, next to the running Python
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def workflow(path):
    # the atlas's YAML 1.2 loader keeps the `on:` key a string (YAML 1.1 reads it as True)
    return load(path).data


def steps(path):
    return [step for job in workflow(path)["jobs"].values() for step in job["steps"]]


def commands(path):
    return "\n".join(step.get("run", "") for step in steps(path))


def uses(path):
    return [step["uses"].split("@")[0] for step in steps(path) if "uses" in step]


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda p: p.name)
def test_workflow_matches_the_github_workflow_schema(path):
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_validate_build_test_and_diff_the_data():
    data = workflow(PR)
    assert "pull_request" in data["on"]
    run = commands(PR)
    assert "python -m generator validate --format github" in run
    assert "python -m generator build --data jurisdictions --out site" in run
    assert "make install" in run
    assert re.search(r"apt-get install .*\bchromium\b", run)
    assert re.search(r'python -m generator diff "\$BASE_SHA" HEAD >> "\$GITHUB_STEP_SUMMARY"', run)
    diff_step = next(s for s in steps(PR) if "generator diff" in s.get("run", ""))
    assert diff_step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    checkout = next(s for s in steps(PR) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit must be there to diff against
    assert data["permissions"] == {"contents": "read"}


def ci_run_commands():
    """The commands .ci/run runs, without its comments and shell boilerplate."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    boiler = re.compile(r"^(#|set |cd )")
    return [line.strip() for line in lines if line.strip() and not boiler.match(line.strip())]


def make_recipe(target):
    """A Makefile target's prerequisites and recipe lines."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{target}:([^\n]*)\n((?:\t[^\n]*\n)*)", text, re.MULTILINE)
    assert match, f"Makefile has no {target} target"
    return match.group(1).split(), [line.strip() for line in match.group(2).splitlines()]


def test_pull_requests_run_the_tests_exactly_as_ci_run_does():
    # GitHub sets CI=true, which makes the browser and accessibility tests
    # mandatory: only .ci/run (make test) installs what they need
    [test_step] = [s for s in steps(PR) if "pytest" in s.get("run", "") or ".ci/run" in s.get("run", "")]
    assert test_step["run"].strip() == "bash .ci/run"
    assert ci_run_commands() == ["export CI=true", "make test"]
    prerequisites, recipe = make_recipe("test")
    assert {"install", "browser", "axe"} <= set(prerequisites)
    assert recipe == ["$(PY) -m pytest -q -n auto --dist loadfile"]


def test_pull_requests_provide_npm_for_axe_core():
    # without npm `make axe` only warns, and the accessibility tests then fail under CI=true
    _, axe = make_recipe("node_modules/.installed")
    assert any(line.startswith("npm ci") for line in axe)
    run = commands(PR)
    has_setup_node = "actions/setup-node" in uses(PR)
    assert has_setup_node or re.search(r"apt-get install .*\bnodejs\b.*\bnpm\b", run)


USES_LINE = re.compile(r"^\s*-?\s*uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+(\.\d+)*\s*$")


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment(path):
    # a tag can be moved to other code; a commit SHA cannot
    lines = [m for m in map(USES_LINE.match, path.read_text(encoding="utf-8").splitlines()) if m]
    assert len(lines) == len(uses(path)) > 0  # every `uses:` of the parsed workflow is seen here
    for match in lines:
        assert PINNED.match(match["ref"]), f"{match['ref']} is not pinned to a 40-hex commit SHA"
        assert VERSION_COMMENT.match(match["rest"]), f"{match['ref']} has no `# vX.Y.Z` comment"


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda p: p.name)
def test_checkouts_do_not_keep_the_token_in_git_config(path):
    checkouts = [s for s in steps(path) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


def test_pull_requests_run_on_python_3_11():
    [job] = workflow(PR)["jobs"].values()
    assert job["container"]["image"].startswith("python:3.11-")


def test_pushes_to_main_deploy_to_github_pages_with_least_privilege():
    data = workflow(DEPLOY)
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read"}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses(DEPLOY))
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"
    build = data["jobs"]["build"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert "python -m generator build --data jurisdictions --out site" in commands(DEPLOY)
    setup = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"


def pre_commit_hook():
    config = load(ROOT / ".pre-commit-config.yaml").data
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] == "system"
    return hook


def test_pre_commit_hook_validates_the_whole_folder_on_any_change():
    hook = pre_commit_hook()
    # the folder, not the changed files: deleting a parent breaks files nobody touched
    assert hook["entry"] == ".venv/bin/python -m generator validate jurisdictions"
    assert hook["pass_filenames"] is False
    # pre-commit never lists deleted files, so a file filter alone would skip deletions
    assert hook["always_run"] is True
    assert re.compile(hook["files"]).search("jurisdictions/us.yml")


def hook_env(repo):
    """git without the user's configuration (a global core.hooksPath would bypass the hook)."""
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
            "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
            "PYTHONPATH": str(ROOT)}  # the hook's `-m generator` is this checkout's


def git(repo, *args, check=True):
    return subprocess.run(["git", *args], cwd=repo, env=hook_env(repo), check=check,
                          capture_output=True, text=True)


@pytest.fixture
def hooked_repo(tmp_path):
    """A repository with the project's pre-commit hook installed and a valid data folder committed."""
    if importlib.util.find_spec("pre_commit") is None:
        if os.environ.get("CI"):
            pytest.fail("pre-commit is missing; it is in the `test` extra: pip install -e '.[test]'")
        pytest.skip("pre-commit is not installed")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    # the same hook, run by this interpreter instead of the repository's .venv
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert ".venv/bin/python " in config
    (repo / ".pre-commit-config.yaml").write_text(
        config.replace(".venv/bin/python ", shlex.quote(sys.executable) + " "), encoding="utf-8")
    shutil.copytree(FIXTURES / "diff" / "old", repo / "jurisdictions")  # ca and two provinces
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True,
                   capture_output=True, env=hook_env(repo))
    git(repo, "add", "-A")
    first = git(repo, "commit", "-q", "-m", "valid data", check=False)
    assert first.returncode == 0, first.stdout + first.stderr
    return repo


def test_pre_commit_refuses_a_commit_that_deletes_a_parent_file(hooked_repo):
    git(hooked_repo, "rm", "-q", "jurisdictions/ca.yml")
    result = git(hooked_repo, "commit", "-q", "-m", "delete Canada", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "(no files to check)" not in output
    assert "parent 'ca' has no file" in output
    assert git(hooked_repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_pre_commit_refuses_moving_a_parent_file_out_of_the_folder(hooked_repo):
    (hooked_repo / "attic").mkdir()
    git(hooked_repo, "mv", "jurisdictions/ca.yml", "attic/ca.yml")
    result = git(hooked_repo, "commit", "-q", "-m", "move Canada away", check=False)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "parent 'ca' has no file" in result.stdout + result.stderr


def test_pull_request_template_has_the_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 4
    joined = " ".join(boxes).lower()
    for words in ("source", "validate", "own words", "unknown"):
        assert words in joined
