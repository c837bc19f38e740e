"""Citations: the repository's CITATION.cff is valid; generated citations pin the data version."""

import json
from pathlib import Path

import jsonschema
import yaml

from generator.citation import cite
from generator.version import DataVersion

ROOT = Path(__file__).resolve().parent.parent


def test_citation_cff_is_valid_cff_1_2_0():
    schema = json.loads((ROOT / "tests/fixtures/cff/schema-1.2.0.json").read_text())
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    jsonschema.validate(data, schema)


def test_citation_names_the_jurisdictions_version_and_url():
    c = cite(["Ontario", "Australia"], ["ca-on", "au"], "https://x.example/atlas/compare/?j=ca-on,au",
             DataVersion("v1.2.0", "2026-05-01"))
    assert c.apa.startswith("Peer Support Policy Atlas contributors. (2026). Ontario, Australia: peer support")
    assert "[Data set, version v1.2.0]" in c.apa and c.apa.endswith("https://x.example/atlas/compare/?j=ca-on,au")
    assert "@misc{psatlas_caon_au_2026," in c.bibtex and "version = {v1.2.0}" in c.bibtex
    csl = json.loads(c.csl)
    assert csl["version"] == "v1.2.0" and csl["type"] == "dataset"


def test_bibtex_special_characters_are_escaped():
    c = cite(["A & B_{x}"], ["ca"], "https://x.example/", DataVersion("v1", "2026-01-01"))
    assert r"A \& B\_\{x\}" in c.bibtex
