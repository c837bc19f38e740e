"""Write N synthetic jurisdiction files with realistic instrument and source counts.

Ids are real ISO 3166 codes (countries first, then their subdivisions), so
the files pass validation exactly as contributed files must. Text is filler;
nothing here is data about a real place.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pycountry

REGIONS = ["Africa", "Asia", "Europe", "Latin America and the Caribbean", "North America", "Oceania"]
LEVELS = [0, 1, 2, 3, "unknown"]
WORDS = ("peer support worker certification training funding medicaid standard team service recovery "
         "community assertive treatment lived experience workforce guideline regulation programme").split()


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _ids(count: int) -> list[tuple[str, str | None]]:
    countries = sorted(c.alpha_2.lower() for c in pycountry.countries)
    by_country: dict[str, list[str]] = {}
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            by_country.setdefault(s.country_code.lower(), []).append(s.code.lower())
    result: list[tuple[str, str | None]] = []
    n_countries = max(1, min(len(countries), count // 6))
    for c in countries[:n_countries]:
        result.append((c, None))
    for c in countries:
        for sub in sorted(by_country.get(c, [])):
            if len(result) >= count:
                return result
            if c in dict(result[:n_countries]):
                result.append((sub, c))
    return result[:count]


def _instrument(rng: random.Random, i: int, keys: list[str]) -> str:
    cited = sorted(rng.sample(keys, k=min(2, len(keys))))
    return f"""      - id: instrument-{i}
        title: {_text(rng, 7)}
        kind: {rng.choice(["law", "regulation", "service_standard", "funding_rule", "strategy"])}
        binding: {rng.choice(["mandatory", "condition_of_funding", "voluntary", "recommendation"])}
        status: in_force
        effective: {rng.randint(1995, 2024)}
        settings: [act, community_mental_health]
        populations: [adult_mental_health]
        quantities:
          - value: {rng.choice([0.5, 1, 2])}
            unit: fte
            per: ACT team
        summary: {_text(rng, 30)}
        sources: [{", ".join(cited)}]
        verification: {rng.choice(["primary", "secondary", "unverified"])}
"""


def jurisdiction(rng: random.Random, jid: str, parent: str | None) -> str:
    keys = [f"source-{k}" for k in range(rng.randint(3, 7))]
    dims = []
    counter = 0
    for name in ("mandates", "funding", "certification", "staffing"):
        body = [f"  {name}:", f"    level: {rng.choice(LEVELS)}", f"    rationale: {_text(rng, 20)}",
                f"    sources: [{', '.join(keys if name == 'mandates' else keys[:1])}]", "    instruments:"]
        for _ in range(rng.randint(0, 3)):
            body.append(_instrument(rng, counter, keys).rstrip("\n"))
            counter += 1
        if body[-1] == "    instruments:":
            body[-1] = "    instruments: []"
        dims.append("\n".join(body))
    sources = "\n".join(
        f"  {k}:\n    title: {_text(rng, 8)}\n    publisher: Synthetic Ministry\n    year: 2020\n"
        f"    url: https://example.org/{jid}/{k}\n    kind: government_document\n    accessed: 2025-01-01"
        for k in keys
    )
    return (
        "# yaml-language-server: $schema=../schema/jurisdiction.schema.json\n"
        f"id: {jid}\nname: Synthetic {jid.upper()}\n" + (f"parent: {parent}\n" if parent else "")
        + f"region: {rng.choice(REGIONS)}\naliases: [Alias {jid}]\nrole_titles: [peer support worker]\n"
        f"summary: {_text(rng, 40)}\nlast_reviewed: 2025-01-01\ndimensions:\n" + "\n".join(dims)
        + f"\nsources:\n{sources}\n"
    )


def write(count: int, out: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for jid, parent in _ids(count):
        path = out / f"{jid}.yml"
        path.write_text(jurisdiction(rng, jid, parent), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    n, folder = int(sys.argv[1]), Path(sys.argv[2])
    print(len(write(n, folder)), "files in", folder)
