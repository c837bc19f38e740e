"""What the documentation promises: preview addresses that the served site really has."""

import re
from urllib.parse import urlsplit

import yaml

from .conftest import ROOT

DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_documented_preview_address_is_under_the_base_path_serve_uses():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
    base = urlsplit(config["site_url"]).path  # `serve` mounts the site where it is deployed
    found = []
    for path in DOCS:
        for address in re.findall(r"(?:https?://)?127\.0\.0\.1:8000[^\s>`)]*", path.read_text(encoding="utf-8")):
            found.append(address)
            assert urlsplit(address if "://" in address else "http://" + address).path.startswith(base), \
                f"{path.name}: {address} is not under {base}"
    assert len(found) >= 3
