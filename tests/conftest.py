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
    from .sitebuild import build_site

    return build_site(DATA, tmp_path_factory.mktemp("bundled"))


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
