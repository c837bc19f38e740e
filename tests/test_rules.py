"""Each lint rule, alone, finds the defect in its own fixture and nothing in the valid files."""

from datetime import date

import pytest

from generator import rules
from generator.dataset import _check_file, find_files
from generator.rules import Checked, Context

from .conftest import INVALID, VALID

TODAY = date(2026, 11, 27)

RULE_CASES = {
    "file_name_matches_id": "file-name-does-not-match-id",
    "id_is_iso_code": "id-not-iso-code",
    "parent_exists": "missing-parent-file",
    "source_keys_resolve": "dangling-source-key",
    "sources_used": "unused-source",
    "sources_have_titles": "source-without-title",
    "aliases_unique": "alias-clash",
    "dates_not_future": "future-effective-date",
    "quantities_in_range": "fte-over-100",
    "ids_unique_in_file": "duplicate-instrument-id",
    "levels_have_evidence": "level-without-evidence",
}


def context(*folders):
    files = []
    for path in find_files(folders):
        doc, jurisdiction, errors = _check_file(path)
        assert not errors, errors
        files.append(Checked(doc, jurisdiction))
    ids = frozenset(c.jurisdiction.id for c in files)
    return Context(files=files, today=TODAY, all_ids=ids)


def rule_named(name):
    return getattr(rules, name)


def test_every_rule_has_a_fixture():
    assert {r.__name__.rsplit(".", 1)[1] for r in rules.RULES} == set(RULE_CASES)


@pytest.mark.parametrize("name", sorted(RULE_CASES))
def test_rule_finds_its_defect(name):
    case = INVALID / RULE_CASES[name]
    expected = (case / "expected.txt").read_text().splitlines()
    found = list(rule_named(name).check(context(case, VALID)))
    assert [d.text().replace(f"{case}/", "") for d in found] == expected


@pytest.mark.parametrize("name", sorted(RULE_CASES))
def test_rule_is_silent_on_valid_files(name):
    assert list(rule_named(name).check(context(VALID))) == []
