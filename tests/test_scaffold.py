"""`python -m generator new ID` starts a file that validates as it stands and explains every field."""

import re
from datetime import date

import pycountry
import pytest

from generator.tools import scaffold
from generator.data.dataset import validate
from generator.data.loading import load
from generator.data.model import (
    DIMENSIONS,
    Change,
    Credential,
    Instrument,
    Jurisdiction,
    ObservedFigure,
    Quantity,
    Source,
)

from .conftest import ROOT
from .sitebuild import run_cli

TODAY = date(2026, 11, 27)


def new(code, data_dir, *options):
    return run_cli("new", code, "--data", data_dir, *options)


def validate_cli(*paths):
    return run_cli("validate", *paths)


@pytest.fixture
def vermont(tmp_path):
    """A data folder holding a new `us` and a new `us-vt`, made through the CLI."""
    for code in ("us", "us-vt"):
        result = new(code, tmp_path)
        assert result.returncode == 0, result.stderr
    return tmp_path / "us-vt.yml"


def uncomment_examples(text: str) -> str:
    """Follow the file's own instructions: delete one `# ` from each example line
    and the empty `key: []` line an example replaces."""
    example = re.compile(r"^(\s*)# (#|[a-z_]+:|- |  )")
    out: list[str] = []
    for line in text.splitlines():
        match = example.match(line)
        if not match or line.startswith("# yaml-language-server"):
            out.append(line)
            continue
        indent = match.group(1)
        line = indent + line[len(indent) + 2:]
        key = re.match(r"\s*([a-z_]+):$", line)
        if key and out and re.fullmatch(rf"{indent}{key.group(1)}: (\[\]|\{{\}})", out[-1]):
            out.pop()
        out.append(line)
    return "\n".join(out) + "\n"


def test_new_subdivision_file_validates_as_it_stands(vermont):
    result = validate_cli(vermont)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_new_country_file_validates_as_it_stands(tmp_path):
    assert new("jp", tmp_path).returncode == 0
    assert validate_cli(tmp_path / "jp.yml").returncode == 0


def test_new_file_is_filled_from_iso_3166_with_every_level_unknown(vermont):
    text = vermont.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/jurisdiction.schema.json"
    data = load(vermont).data
    assert data["id"] == "us-vt"
    assert data["name"] == "Vermont"
    assert data["parent"] == "us"
    assert data["region"] == "North America"
    assert data["last_reviewed"] == date.today().isoformat()
    assert data["sources"] == {}
    assert data["changes"] == [{"date": date.today().isoformat(), "kind": "correction",
                                "summary": "File created with every level unknown."}]
    for name in DIMENSIONS:
        assert data["dimensions"][name]["level"] == "unknown"
        assert data["dimensions"][name]["instruments"] == []


def _comment_text(text: str) -> str:
    comments = [line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip().startswith("#")]
    return " ".join(" ".join(comments).replace("# ", " ").split())


@pytest.mark.parametrize("model", [Jurisdiction, Instrument, Quantity, Credential, ObservedFigure, Source, Change],
                         ids=lambda m: m.__name__)
def test_comments_explain_every_field_in_the_models_own_words(vermont, model):
    text = vermont.read_text(encoding="utf-8")
    comments = _comment_text(text)
    for name, info in model.model_fields.items():
        assert re.search(rf"^[\s#-]*{name}:", text, re.MULTILINE), f"{model.__name__}.{name} is not shown"
        assert " ".join(info.description.split()) in comments, f"{model.__name__}.{name} is not described"


def test_comments_list_the_allowed_values_of_coded_fields(vermont):
    comments = _comment_text(vermont.read_text(encoding="utf-8"))
    assert "One of: primary, secondary, unverified." in comments
    assert "One of: 0, 1, 2, 3, unknown." in comments


def test_example_values_name_every_field_and_are_valid():
    for model, examples in scaffold.EXAMPLES.items():
        shown = set().union(*(example.keys() for example in examples))
        assert shown == set(model.model_fields), model.__name__
        for example in examples:
            model.model_validate(example)


def test_uncommented_examples_make_a_valid_file(tmp_path):
    scaffold.create("us", tmp_path, today=TODAY)
    path = scaffold.create("us-vt", tmp_path, today=TODAY)
    path.write_text(uncomment_examples(path.read_text(encoding="utf-8")), encoding="utf-8")
    dataset, problems = validate([path], today=TODAY)
    assert problems == []
    vt = dataset.jurisdictions["us-vt"]
    [instrument] = vt.dimensions.certification.instruments
    assert instrument.credential.name == "Certified Peer Specialist"
    assert instrument.ended is None and instrument.mechanism is None  # shown, but left commented
    assert vt.dimensions.staffing.observed[0].id == "peer-workforce-2020"
    assert vt.dimensions.mandates.rationale
    assert set(vt.sources) == {"doe2021", "smith2015"}
    assert [c.kind for c in vt.changes] == ["correction", "policy"]


def test_code_that_is_not_iso_3166_fails_with_one_line_and_exit_1(tmp_path):
    result = new("xx", tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "error: 'xx' is not an ISO 3166 code; use a country code such as 'au' or a "
        "subdivision code such as 'ca-on'"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code", ["us-zz", "usa", "u", "../us", "us-vt.yml"])
def test_malformed_codes_are_refused_without_writing_anything(tmp_path, code):
    result = new(code, tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_never_overwritten(vermont):
    vermont.write_text(vermont.read_text(encoding="utf-8") + "# my notes\n", encoding="utf-8")
    before = vermont.read_text(encoding="utf-8")
    result = new("us-vt", vermont.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "already exists" in result.stderr
    assert vermont.read_text(encoding="utf-8") == before


def test_upper_case_code_is_accepted_and_lowered(tmp_path):
    assert new("US", tmp_path).returncode == 0
    assert new("US-VT", tmp_path).returncode == 0
    assert (tmp_path / "us.yml").exists() and (tmp_path / "us-vt.yml").exists()


def test_subdivision_without_its_country_file_is_refused_with_what_to_type(tmp_path):
    # the file would name a parent that does not exist, failing the whole folder
    result = new("ar-b", tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"error: ar-b is a subdivision of ar, which has no file yet: run "
        f"`python -m generator new ar --data {tmp_path}` first, or pass --with-parent to create both"
    )
    assert list(tmp_path.iterdir()) == []


def test_refusal_in_the_default_data_folder_names_the_plain_command(tmp_path):
    (tmp_path / "jurisdictions").mkdir()
    result = run_cli("new", "AR-B", cwd=tmp_path)
    assert result.returncode == 1
    assert "run `python -m generator new ar` first, or pass --with-parent" in result.stderr
    assert list((tmp_path / "jurisdictions").iterdir()) == []


def test_with_parent_creates_the_country_and_the_subdivision_each_valid(tmp_path):
    result = new("ar-b", tmp_path, "--with-parent")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ar-b.yml", "ar.yml"]
    assert result.stdout.splitlines()[0].startswith(f"created {tmp_path / 'ar.yml'} (Argentina)")
    for path in (tmp_path / "ar.yml", tmp_path / "ar-b.yml", tmp_path):
        check = validate_cli(path)
        assert check.returncode == 0, check.stdout
    assert load(tmp_path / "ar-b.yml").data["parent"] == "ar"


def test_with_parent_keeps_an_existing_country_file(vermont):
    country = vermont.parent / "us.yml"
    country.write_text(country.read_text(encoding="utf-8") + "# my notes\n", encoding="utf-8")
    before = country.read_text(encoding="utf-8")
    result = new("us-ny", vermont.parent, "--with-parent")
    assert result.returncode == 0, result.stderr
    assert country.read_text(encoding="utf-8") == before
    assert len(result.stdout.splitlines()) == 1 and "us-ny.yml" in result.stdout


def test_with_parent_writes_nothing_when_the_subdivision_exists(tmp_path):
    (tmp_path / "ar-b.yml").write_text("# mine\n", encoding="utf-8")
    result = new("ar-b", tmp_path, "--with-parent")
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ar-b.yml"]


def test_overseas_territory_takes_its_own_region():
    assert scaffold.region_for("us-pr") == "Latin America and the Caribbean"
    assert scaffold.region_for("fr-974") == "Africa"
    assert scaffold.region_for("us-vt") == "North America"
    assert scaffold.region_for("gb-sct") == "Europe"


def test_every_inhabited_country_has_a_region():
    unsettled = {"aq", "bv", "gs", "hm"}
    codes = {c.alpha_2.lower() for c in pycountry.countries}
    assert codes - set(scaffold.COUNTRY_REGION) == unsettled
    assert set(scaffold.COUNTRY_REGION) <= codes  # no made-up codes in the table
    assert set(scaffold.COUNTRY_REGION.values()) <= set(Jurisdiction.model_fields["region"].annotation.__args__)


def test_code_without_a_region_gets_a_placeholder_that_fails_with_a_hint(tmp_path):
    result = new("aq", tmp_path)
    assert result.returncode == 0
    assert "no region is known for 'aq'" in result.stderr
    check = validate_cli(tmp_path / "aq.yml")
    assert check.returncode == 1
    [line] = check.stdout.splitlines()
    assert "(region)" in line and "expected one of: 'Africa'" in line


def test_subdivision_name_drops_bracketed_alternative_spelling():
    assert scaffold.english_name("es-ct") == "Catalunya"
