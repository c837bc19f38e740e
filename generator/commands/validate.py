"""`validate` and `schema`: check the data files; regenerate the JSON Schema."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from generator.data import diagnostics
from generator.commands.options import data_option
from generator.data.dataset import validate

def run_validate(args: argparse.Namespace) -> int:
    data_dir = args.data
    paths = args.paths or [data_dir]
    dataset, problems = validate(paths)
    if args.warn_stale:
        from generator.data.staleness import stale_warnings

        problems += stale_warnings(dataset, months=args.max_age_months)
    problems = [replace(d, path=diagnostics.relative(d.path)) for d in problems]
    output = diagnostics.render(problems, args.format)
    if output:
        print(output)
    errors = sum(d.severity == "error" for d in problems)
    if args.format == "text":
        print(f"{len(dataset)} valid file(s), {errors} error(s)", file=sys.stderr)
    return 1 if errors else 0


def run_schema(args: argparse.Namespace) -> int:
    from generator.data.schema_export import SCHEMA_PATH, write_schema

    changed = write_schema(SCHEMA_PATH)
    print(f"{SCHEMA_PATH} {'updated' if changed else 'already up to date'}")
    return 0


def add_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check jurisdiction files and report every error")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the data folder)")
    data_option(p)
    p.add_argument("--format", choices=["text", "github", "json"], default="text")
    p.add_argument("--warn-stale", action="store_true", help="also list files not reviewed recently")
    p.add_argument("--max-age-months", type=int, default=24, help="review age for --warn-stale (default 24)")
    p.set_defaults(func=run_validate)

    p = sub.add_parser("schema", help="regenerate schema/jurisdiction.schema.json from the models")
    p.set_defaults(func=run_schema)
