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
