"""Every malformed file in tests/fixtures/invalid/ fails at the right place with the right words."""

import json
import re
import subprocess
import sys
from datetime import date
from typing import Annotated, Literal, get_args, get_origin

import pytest
from pydantic import ConfigDict, TypeAdapter, ValidationError

from generator.data import model
from generator.data.dataset import validate
from generator.data.diagnostics import render

from .conftest import INVALID, ROOT, VALID

CASES = sorted(p for p in INVALID.iterdir() if p.is_dir())
TODAY = date(2026, 11, 27)


def test_corpus_has_at_least_30_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_file_is_reported_at_its_line_with_its_message(case):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    dataset, problems = validate([case, VALID], today=TODAY)
    got = render(problems, "text").replace(f"{case}/", "").splitlines()
    assert got == expected
    # the valid neighbours are still loaded: one bad file loses nothing else
    assert {"ca", "ca-on"} <= set(dataset.jurisdictions)


def test_cli_reports_every_error_of_every_file_in_one_run_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", *map(str, CASES), str(VALID)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    for case in CASES:
        for line in (case / "expected.txt").read_text().splitlines():
            assert f"tests/fixtures/invalid/{case.name}/{line}" in lines
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2])))


def test_github_format_prints_annotations():
    case = INVALID / "wrong-enum-value"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--format", "github", str(case), str(VALID)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=tests/fixtures/invalid/wrong-enum-value/ca-bc.yml,line=16,col=18::'required' is not allowed"
    )


def test_json_format_is_a_machine_readable_list():
    case = INVALID / "negative-fte"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--format", "json", str(case), str(VALID)],
        cwd=ROOT, capture_output=True, text=True,
    )
    [item] = json.loads(result.stdout)
    assert item["line"] == 20 and item["column"] == 20
    assert item["field"] == "dimensions.mandates.instruments.0.quantities.0.value"


def test_valid_fixtures_pass_with_exit_zero():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(VALID)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_bundled_data_validates():
    result = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_every_bundled_file_starts_with_the_schema_line():
    for path in (ROOT / "jurisdictions").glob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/jurisdiction.schema.json", path


# --- the strict model, field by field ----------------------------------------------

STRICT = ConfigDict(strict=True)
CODED = [name for name, value in vars(model).items()
         if get_origin(value) is Annotated and get_origin(get_args(value)[0]) is Literal]


def refused(annotation, value) -> str:
    with pytest.raises(ValidationError) as err:
        TypeAdapter(annotation, config=STRICT).validate_python(value)
    return err.value.errors()[0]["msg"]


def test_every_coded_vocabulary_is_found():
    assert {"MandatesLevel", "StaffingLevel", "Unit", "Binding", "Region", "ChangeKind"} <= set(CODED)


@pytest.mark.parametrize("name", CODED)
@pytest.mark.parametrize("value", [True, False])
def test_no_coded_vocabulary_takes_a_boolean(name, value):
    # True == 1 in Python, so Literal[0, 1, 2, 3] alone would code `true` as 1
    assert f"{str(value).lower()} is not" in refused(getattr(model, name), value)


def test_a_boolean_level_says_what_to_write():
    assert refused(model.MandatesLevel, True) == "Value error, true is not a level; write 0, 1, 2, 3 or unknown"


@pytest.mark.parametrize("field", ["training_hours", "supervised_hours", "continuing_education_hours", "renewal_years"])
@pytest.mark.parametrize("value", [True, float("inf"), float("nan"), 1e308, -1])
def test_credential_numbers_are_finite_plausible_numbers(field, value):
    with pytest.raises(ValidationError):
        model.Credential.model_validate({"name": "X", field: value})


@pytest.mark.parametrize("value", [True, float("inf"), float("-inf"), float("nan")])
def test_quantity_values_are_finite_numbers(value):
    with pytest.raises(ValidationError):
        model.Quantity.model_validate({"value": value, "unit": "fte"})


def test_a_source_year_is_not_a_boolean():
    with pytest.raises(ValidationError):
        model.Source.model_validate({"kind": "news", "year": True})


INVISIBLE = ["\x01", "\x08", "\x0b", "\x0d", "\x1b", "\x7f", "\x80", "\x85", "\x9b", "\x9f", "\u2028", "\u2029",
             "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("annotation", [model.Text, model.ShortText], ids=["Text", "ShortText"])
@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_text_refuses_invisible_control_characters(annotation, char):
    message = refused(annotation, f"Peer{char} support")
    assert f"contains the invisible control character U+{ord(char):04X}" in message
    assert message.endswith("; delete it")


@pytest.mark.parametrize("value", ["\u200b\u200b", " \u200d ", "\ufeff", "\u2060\u00ad", "   ", "\t"])
@pytest.mark.parametrize("annotation", [model.Text, model.ShortText], ids=["Text", "ShortText"])
def test_text_made_only_of_invisible_characters_is_refused(annotation, value):
    assert "has no visible characters" in refused(annotation, value)


@pytest.mark.parametrize("value", ["Québec", "東京都", "Ōtautahi\tChristchurch", "Zero\u200bwidth inside", "🙂"])
def test_ordinary_text_in_any_script_is_accepted(value):
    assert TypeAdapter(model.ShortText, config=STRICT).validate_python(value) == value


def test_only_long_text_may_break_lines():
    assert TypeAdapter(model.Text, config=STRICT).validate_python("One.\nTwo.") == "One.\nTwo."
    assert "must be on one line" in refused(model.ShortText, "One\nTwo")


BAD_URLS = {
    "https://official.example@evil.example/": "user name before '@'",
    "https://user:pw@example.org/": "user name before '@'",
    "https://evil.example\\@example.org/": "backslash",
    "http://localhost/": "localhost is a local or private network address",
    "http://LOCALHOST.:8080/x": "local or private",
    "http://app.localhost/": "local or private",
    "http://127.0.0.1/": "local or private",
    "http://127.1/": "local or private",
    "http://2130706433/": "local or private",
    "http://0x7f000001/": "local or private",
    "http://0.0.0.0/": "local or private",
    "http://10.1.2.3/": "local or private",
    "http://172.16.0.1/": "local or private",
    "http://192.168.0.1/": "local or private",
    "http://169.254.169.254/latest/meta-data/": "local or private",
    "http://[::1]/": "local or private",
    "http://[::]/": "local or private",
    "http://[fe80::1]/": "local or private",
    "http://[fc00::1]/": "local or private",
    "http://[fd12:3456::1]/": "local or private",
    "http://[::ffff:127.0.0.1]/": "local or private",
    "http://[::1/": "not a well-formed address",
    "https://example.org:http/": "not a well-formed address",
}


@pytest.mark.parametrize("url", sorted(BAD_URLS))
def test_source_urls_must_be_public_addresses(url):
    assert BAD_URLS[url] in refused(model.HttpUrl, url)


@pytest.mark.parametrize("url", [
    "https://example.org/",
    "https://www.dag-shg.de/aktuelles/nachrichten/var@patient/key@1195",  # '@' in the path is fine
    "http://93.184.216.34/page",
    "https://[2606:2800:220:1:248:1893:25c8:1946]/",
    "https://10.example.org/",
])
def test_public_addresses_are_accepted(url):
    assert TypeAdapter(model.HttpUrl, config=STRICT).validate_python(url) == url


# --- messages say what to type, never a regular expression ------------------------


def messages_for(tmp_path, old, new):
    text = (VALID / "ca.yml").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (tmp_path / "ca.yml").write_text(text.replace(old, new), encoding="utf-8")
    _, problems = validate([tmp_path], today=TODAY)
    return [d.message for d in problems]


@pytest.mark.parametrize("old, new, message", [
    ("id: ca", "id: CA", "ids are lower case: write ca"),
    ("id: ca", "id: Canada", "write an ISO 3166 code such as `mx` or `ca-on`, not 'Canada'"),
    ("- id: national-guideline", "- id: National Guideline", "ids are lower case letters, digits and -: write national-guideline"),
    ("- id: national-guideline", "- id: '!!'", "write an id of lower case letters, digits and -, such as `act-standards`, not '!!'"),
    ("sources: [fixture-source]", "sources: [Fixture_Source]", "source keys are lower case letters, digits, - and _: write fixture_source"),
    ("    year: 2013", "    year: 2013\n    doi: doi:10.1000/xyz", "DOIs are written bare, without https://doi.org/ in front: write 10.1000/xyz"),
    ("  mandates:\n    level: 1", "  mandates:\n    level: '1'", "write the number without quotes: level: 1"),
    ("    year: 2013", "    year: '2013'", "write the number without quotes: year: 2013"),
    ("name: Canada", "name: 42", "expected text, got 42; put it in quotes: '42'"),
    ("aliases: [Dominion of Canada]", "aliases: Dominion", "expected a list, e.g. [a, b] or one `- item` per line, "
     "got the text 'Dominion'; write [Dominion]"),
    ("        effective: 2013", "        effective: 2013\n        quantities:\n          - value: 1e999\n            unit: years",
     "inf is out of range; write a number from 0 to 100"),
])
def test_messages_say_what_to_type(tmp_path, old, new, message):
    found = messages_for(tmp_path, old, new)
    assert message in found, found
    for text in found:
        assert not re.search(r"[\^$\\]|\[a-z", text), text
