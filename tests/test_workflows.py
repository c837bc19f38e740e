"""The CI workflows are valid GitHub Actions files and run the project's checks."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.loading import load

from .conftest import ROOT

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
    assert "python -m pytest" in run
    assert "pip install -e '.[test]'" in run
    assert re.search(r"apt-get install .*\bchromium\b", run)
    assert re.search(r'python -m generator diff "\$BASE_SHA" HEAD >> "\$GITHUB_STEP_SUMMARY"', run)
    diff_step = next(s for s in steps(PR) if "generator diff" in s.get("run", ""))
    assert diff_step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    checkout = next(s for s in steps(PR) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit must be there to diff against
    assert data["permissions"] == {"contents": "read"}


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


def test_pre_commit_hook_validates_only_changed_jurisdiction_files():
    config = load(ROOT / ".pre-commit-config.yaml").data
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] == "system"
    assert hook["entry"].endswith("-m generator validate")
    pattern = re.compile(hook["files"])
    assert pattern.search("jurisdictions/us-vt.yml")
    assert not pattern.search("tests/fixtures/valid/ca.yml")
    assert not pattern.search("jurisdictions/README.md")


def test_pull_request_template_has_the_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 4
    joined = " ".join(boxes).lower()
    for words in ("source", "validate", "own words", "unknown"):
        assert words in joined
