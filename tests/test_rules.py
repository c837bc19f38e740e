"""Each lint rule, alone, finds the defect in its own fixture and nothing in the valid files."""

from datetime import date

import pytest

from generator.data import codebook, rules
from generator.data.model import UNIT_MAX, Jurisdiction
from generator.data.dataset import _check_file, find_files
from generator.data.rules import Checked, Context

from .conftest import INVALID, VALID

TODAY = date(2026, 11, 27)

RULE_CASES = {
    "file_name_matches_id": "file-name-does-not-match-id",
    "id_is_iso_code": "id-not-iso-code",
    "parent_exists": "missing-parent-file",
    "source_keys_resolve": "dangling-source-key",
    "cited_via_acyclic": "cited-via-cycle",
    "sources_used": "unused-source",
    "sources_have_titles": "source-without-title",
    "aliases_unique": "alias-clash",
    "dates_not_future": "future-effective-date",
    "quantities_in_range": "fte-over-100",
    "ids_unique_in_file": "duplicate-instrument-id",
    "levels_have_evidence": "level-without-evidence",
    "zero_has_evidence_of_absence": "zero-without-search",
    "searches_were_read": "search-of-unread-source",
    "history_agrees": "history-before-instrument",
}


# further defects a rule must find, beyond the one case each rule is named by
MORE_RULE_CASES = [
    ("cited_via_acyclic", "cited-via-itself"),
    ("dates_not_future", "future-change-date"),
    ("dates_not_future", "future-search-date"),
    ("quantities_in_range", "quantity-over-unit-limit"),
    ("history_agrees", "history-ends-elsewhere"),
    ("history_agrees", "history-unexplained"),
]


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


@pytest.mark.parametrize("name, case", MORE_RULE_CASES, ids=[c for _, c in MORE_RULE_CASES])
def test_rule_finds_its_other_defects(name, case):
    folder = INVALID / case
    expected = (folder / "expected.txt").read_text().splitlines()
    found = list(rule_named(name).check(context(folder, VALID)))
    assert [d.text().replace(f"{folder}/", "") for d in found] == expected


def _with_sources(sources: dict):
    """ca.yml with its sources replaced: title and kind filled in, cited_via as given."""
    [checked] = [c for c in context(VALID).files if c.jurisdiction.id == "ca"]
    data = checked.jurisdiction.model_dump(exclude_defaults=True)
    data["sources"] = {k: {"title": k, "kind": "news", **({"cited_via": v} if v else {})} for k, v in sources.items()}
    return Context(files=[Checked(checked.doc, Jurisdiction.model_validate(data))], today=TODAY, all_ids=frozenset())


def test_a_cycle_is_reported_once_at_its_first_source_and_a_chain_into_it_is_not():
    ctx = _with_sources({"lead": "a", "a": "b", "b": "c", "c": "a", "read": None, "known": "read"})
    messages = [d.message for d in rules.cited_via_acyclic.check(ctx)]
    assert messages == ["cited_via goes round in a circle (a → b → c → a); remove cited_via from the source you read yourself"]


def test_a_chain_ending_at_a_source_read_is_fine():
    ctx = _with_sources({"review": None, "study": "review", "trial": "study"})
    assert list(rules.cited_via_acyclic.check(ctx)) == []


def test_every_unit_has_a_plausible_maximum_used_by_the_credential_fields_too():
    assert set(UNIT_MAX) == {o["const"] for o in codebook.definition("Quantity")["properties"]["unit"]["oneOf"]}
    credential = codebook.definition("Credential")["properties"]
    for field in ("training_hours", "supervised_hours", "continuing_education_hours"):
        assert credential[field]["anyOf"][0]["maximum"] == UNIT_MAX[field]


def test_a_zero_resting_on_a_source_that_states_the_absence_needs_no_search():
    [checked] = [c for c in context(VALID).files if c.jurisdiction.id == "ca"]
    data = checked.jurisdiction.model_dump(exclude_defaults=True)
    data["dimensions"]["staffing"] = {"level": 0, "sources": ["fixture-source"]}
    ctx = Context(files=[Checked(checked.doc, Jurisdiction.model_validate(data))], today=TODAY, all_ids=frozenset())
    assert list(rules.zero_has_evidence_of_absence.check(ctx)) == []


def test_a_search_is_evidence_only_of_absence_not_of_a_coded_level():
    [checked] = [c for c in context(VALID).files if c.jurisdiction.id == "ca"]
    data = checked.jurisdiction.model_dump(exclude_defaults=True)
    data["dimensions"]["staffing"]["level"] = 2
    ctx = Context(files=[Checked(checked.doc, Jurisdiction.model_validate(data))], today=TODAY, all_ids=frozenset())
    [found] = rules.levels_have_evidence.check(ctx)
    assert found.message.startswith("level 2 rests on nothing")
