"""The command line: `python -m generator <command>`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import diagnostics
from .dataset import validate

DATA_DIR = Path("jurisdictions")


def _validate(args: argparse.Namespace) -> int:
    paths = args.paths or [DATA_DIR]
    known = [p.stem for p in DATA_DIR.glob("*.yml")] if DATA_DIR.is_dir() else []
    dataset, problems = validate(paths, known_ids=known)
    problems = [
        d.__class__(diagnostics.relative(d.path), d.line, d.column, d.message, d.loc, d.severity)
        for d in problems
    ]
    if args.warn_stale:
        from .staleness import stale_warnings

        problems += stale_warnings(dataset, months=args.max_age_months)
    output = diagnostics.render(problems, args.format)
    if output:
        print(output)
    errors = sum(d.severity == "error" for d in problems)
    if args.format == "text":
        print(f"{len(dataset)} valid file(s), {errors} error(s)", file=sys.stderr)
    return 1 if errors else 0


def _schema(args: argparse.Namespace) -> int:
    from .schema_export import SCHEMA_PATH, write_schema

    changed = write_schema(SCHEMA_PATH)
    print(f"{SCHEMA_PATH} {'updated' if changed else 'already up to date'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check jurisdiction files; report every error")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: jurisdictions/)")
    p.add_argument("--format", choices=["text", "github", "json"], default="text")
    p.add_argument("--warn-stale", action="store_true", help="also list files not reviewed recently")
    p.add_argument("--max-age-months", type=int, default=24, help="review age for --warn-stale")
    p.set_defaults(func=_validate)

    p = sub.add_parser("schema", help="regenerate schema/jurisdiction.schema.json from the models")
    p.set_defaults(func=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
