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


def test_every_coded_value_has_a_description():
    schema = json.loads(schema_text())
    for name, node in schema["$defs"].items():
        for option in node.get("oneOf", []):
            assert option.get("description"), (name, option)
