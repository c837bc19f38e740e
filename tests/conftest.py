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
