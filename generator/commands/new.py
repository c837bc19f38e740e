"""`new`: start a jurisdiction file (and, on request, its country's) from an ISO 3166 code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.options import data_option
from generator.tools.places import english_name, region_for
from generator.tools.scaffold import ScaffoldError, create, create_with_parent


def _report(path: Path) -> None:
    code = path.stem
    print(f"created {path} ({english_name(code)}); fill it in, then run "
          f"`python -m generator validate {path}`")
    if region_for(code) is None:
        print(f"warning: no region is known for '{code}'; set region: by hand before validating",
              file=sys.stderr)


def run_new(args: argparse.Namespace) -> int:
    try:
        if args.with_parent:
            paths = create_with_parent(args.id, args.data)
        else:
            paths = [create(args.id, args.data)]
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        _report(path)
    return 0


def add_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="start a jurisdiction file for an ISO 3166 code, every level unknown")
    p.add_argument("id", metavar="ID", help="ISO 3166-1 alpha-2 (e.g. au) or ISO 3166-2 (e.g. us-vt) code")
    data_option(p)
    p.add_argument("--with-parent", action="store_true",
                   help="for a subdivision: also start its country's file if it has none")
    p.set_defaults(func=run_new)
