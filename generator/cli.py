"""The command line: `python -m generator <command>`.

Each command lives in the module that does its job and registers itself
through ``add_command(subparsers)``; this file only wires them together.
"""

from __future__ import annotations

import argparse
import importlib

# modules under generator/commands/, each with add_command(subparsers)
COMMAND_MODULES = ["validate", "coverage", "build", "new", "diff", "release"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Peer Support Policy Atlas: validate the data, build and serve the site.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"generator.commands.{name}").add_command(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
