import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
DATA = ROOT / "jurisdictions"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def bundled_site_dir(tmp_path_factory) -> Path:
    """The site built once from the bundled data, shared by the link check and the browser tests."""
    from filelock import FileLock

    from .sitebuild import build_site

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build_site(DATA, tmp_path_factory.mktemp("bundled"))
    # under xdist every worker would build the same site at the same moment: the
    # first to take the lock builds it into the run's shared folder, the others
    # wait and read it (the pattern pytest-xdist documents for session fixtures)
    shared = tmp_path_factory.getbasetemp().parent / "bundled"
    with FileLock(str(shared) + ".lock"):
        done = shared / "built"
        if not done.is_file():
            shared.mkdir(exist_ok=True)
            site = build_site(DATA, shared)
            done.write_text(str(site), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ctx():
    """The site context of the valid fixture folder, with the fixture coding runs."""
    from datetime import date

    from generator.data.agreement import load_runs
    from generator.data.dataset import load_dataset
    from generator.data.version import DataVersion
    from generator.site.context import SiteContext

    runs, problems = load_runs(FIXTURES / "coding" / "runs")
    assert not problems
    return SiteContext(dataset=load_dataset(VALID), repo_url="https://github.com/o/r", site_url="https://o.example/s/",
                       data_path="jurisdictions", version=DataVersion("v1", "2026-01-01"), today=date(2026, 1, 1),
                       runs=tuple(runs))
