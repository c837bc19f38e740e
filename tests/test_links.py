"""Every internal href and src of the built site resolves, raw HTML blocks included, under the real base path."""

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .conftest import ROOT
from .linkcheck import broken_links, third_party_loads


def _base_path() -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
    return urlsplit(config["site_url"]).path


def test_every_internal_link_and_fragment_of_the_bundled_site_resolves(bundled_site_dir):
    assert _base_path() == "/peer-support-atlas/"
    assert broken_links(bundled_site_dir, _base_path()) == []


def test_the_link_check_finds_a_link_that_points_nowhere(tmp_path: Path):
    # the check itself must be able to fail: a page whose links go to a missing page, a missing id and outside the base
    (tmp_path / "atlas").mkdir()
    (tmp_path / "atlas" / "index.html").write_text(
        '<a href="../ke/">x</a><a href="#here">y</a><a href="/atlas/">z</a><img src="../logo.png">'
        '<a href="https://example.org/">out</a><p id="there"></p>', encoding="utf-8")
    (tmp_path / "ke").mkdir()
    found = broken_links(tmp_path, "/")
    assert found == [
        "atlas/index.html: ../ke/ (no such file under /)",
        "atlas/index.html: #here (no id 'here' on atlas/index.html)",
        "atlas/index.html: ../logo.png (no such file under /)",
    ]
    assert "no such file" in broken_links(tmp_path, "/base/")[2]


def test_no_page_of_the_bundled_site_loads_anything_from_another_site(bundled_site_dir):
    assert len(list(bundled_site_dir.rglob("*.html"))) > 100
    assert third_party_loads(bundled_site_dir) == []


def test_the_third_party_check_sees_a_script_from_elsewhere(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//fonts.example/f.css">'
        '<link rel="canonical" href="https://atlas.example/"><a href="https://example.org/">a link is no load</a>',
        encoding="utf-8")
    assert third_party_loads(tmp_path) == ["index.html: https://cdn.example/x.js", "index.html: //fonts.example/f.css"]
