"""One definition: the committed JSON Schema is the models' schema, and it checks the data."""

import json

import jsonschema
from generator.data.loading import load
from generator.data.schema_export import schema_text

from .conftest import DATA, ROOT, VALID


def test_committed_json_schema_is_up_to_date():
    committed = (ROOT / "schema" / "jurisdiction.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -m generator schema"


def test_json_schema_accepts_the_valid_fixtures_and_bundled_data():
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    for path in [*VALID.glob("*.yml"), *DATA.glob("*.yml")]:
        errors = [e.message for e in validator.iter_errors(load(path).data)]
        assert not errors, (path, errors[:3])


def test_json_schema_rejects_what_the_validator_rejects():
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    data = load(VALID / "ca.yml").data
    data["dimensions"]["mandates"]["level"] = 4
    assert not validator.is_valid(data)


def _coded_options(node, path=""):
    """Every `const` option of every coded value, wherever it sits in the schema."""
    if isinstance(node, dict):
        for option in node.get("oneOf", []):
            if "const" in option:
                yield path, option
        for key, value in node.items():
            yield from _coded_options(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _coded_options(value, f"{path}/{i}")


def test_every_coded_value_has_a_description():
    options = list(_coded_options(json.loads(schema_text())))
    # the four level codebooks alone have 20 values: an empty walk must not pass
    assert len(options) >= 60
    for path, option in options:
        assert option.get("description"), (path, option)
