"""Prepare and record a blind second coding run.

    python scripts/blind_coding.py export OUT_DIR      # the data without levels, rationales or changes
    python scripts/blind_coding.py record BLIND.yml... --run NAME --guide 1.0
                                                      # write coding/runs/NAME.yml from the blind codes

The export is what the second coder reads: each dimension's instruments,
observed figures, search records and sources, but not the level, its
rationale, the file's summary or its changes (which name levels). Sentences of
instrument summaries and search findings that speak of coding are removed too.

A blind-codes file is `{jurisdiction id: {dimension: level}}`; `record` pairs
each code with the level in the data now (the first coding) and the current
git commit, and leaves `reconciled` for the reconciliation to fill in.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.data.dataset import validate  # noqa: E402
from generator.data.model import DIMENSIONS  # noqa: E402

CODING_WORDS = re.compile(r"\b(coded|level [0-3u]|levels?\b)", re.IGNORECASE)


def _redact(text: str | None) -> str | None:
    if not text:
        return text
    sentences = re.split(r"(?<=[.;])\s+", text)
    return " ".join(s for s in sentences if not CODING_WORDS.search(s)) or "(summary withheld: it named a level)"


def blinded(j) -> dict:
    record = j.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    for key in ("summary", "changes", "last_reviewed"):
        record.pop(key, None)
    for d in DIMENSIONS:
        dim = record["dimensions"][d]
        dim.pop("level", None)
        dim.pop("rationale", None)
        for inst in dim.get("instruments", []):
            inst["summary"] = _redact(inst.get("summary"))
        for search in dim.get("searched", []):
            # "so no 0 is coded" in a finding tells the coder what the level is not
            if search.get("found"):
                search["found"] = _redact(search["found"])
    return record


def export(out: Path) -> None:
    dataset, problems = validate([ROOT / "jurisdictions"])
    if any(p.severity == "error" for p in problems):
        sys.exit("the data does not validate; fix it before exporting")
    out.mkdir(parents=True, exist_ok=True)
    for jid, j in dataset.jurisdictions.items():
        text = yaml.safe_dump(blinded(j), allow_unicode=True, sort_keys=False, width=100)
        (out / f"{jid}.yml").write_text(text, encoding="utf-8")
    print(f"{len(dataset)} blinded files in {out}")


def record(blind_files: list[Path], run: str, guide: str, method: str) -> Path:
    dataset, _ = validate([ROOT / "jurisdictions"])
    blind: dict = {}
    for path in blind_files:
        blind.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    codes = {}
    for jid, j in dataset.jurisdictions.items():
        if jid not in blind:
            continue
        codes[jid] = {d: {"first": j.dimension(d).level, "blind": blind[jid][d]}
                      for d in DIMENSIONS if d in blind[jid]}
    missing = sorted(set(dataset.jurisdictions) - set(blind))
    if missing:
        print("no blind codes for: " + ", ".join(missing), file=sys.stderr)
    data = {"run": run, "date": date.today().isoformat(), "guide_version": guide, "data_commit": commit or "unknown",
            "method": method, "codes": codes}
    path = ROOT / "coding" / "runs" / f"{run}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {sum(len(v) for v in codes.values())} codes")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export")
    e.add_argument("out", type=Path)
    r = sub.add_parser("record")
    r.add_argument("blind", type=Path, nargs="+")
    r.add_argument("--run", required=True)
    r.add_argument("--guide", required=True)
    r.add_argument("--method", default="Second coder read the blinded export (instruments, observed figures, "
                   "search records and sources; no levels, rationales, summaries or changes) and coded "
                   "every dimension by the codebook and the interpretation guide.")
    args = parser.parse_args()
    if args.command == "export":
        export(args.out)
    else:
        record(args.blind, args.run, args.guide, args.method)


if __name__ == "__main__":
    main()
