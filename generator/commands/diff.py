"""`diff`: what changed in the data between two revisions or folders, in policy terms."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from generator.commands.options import data_option
from generator.data.diagnostics import render
from generator.tools.datadiff import DiffError, Side, diff, load_side




def uncommitted(data: Path) -> int:
    """How many files under ``data`` differ from HEAD or are untracked (0 outside git)."""
    result = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", data.as_posix()],
                            cwd=Path.cwd(), capture_output=True, text=True)
    return len(result.stdout.splitlines()) if result.returncode == 0 else 0


def _note_uncommitted(args: argparse.Namespace, old: Side, new: Side) -> None:
    """Two revisions leave the working tree out: say so when it holds edits to the data."""
    if old.extracted is None or new.extracted is None:
        return  # one side is a folder as it is on disk
    count = uncommitted(args.data)
    if count:
        print(f"note: {args.data.as_posix()}/ has {count} uncommitted change(s) that this comparison of "
              f"two revisions does not include; run `python -m generator diff {args.old}` to compare "
              f"{args.old} with the files as they are now", file=sys.stderr)


def _report_invalid(sides: list[Side]) -> None:
    """Every error of each side, positioned (file:line:col: message (field)), on stderr."""
    shown: list[str] = []
    for side in sides:
        problems = [replace(d, path=side.where(d.path)) for d in side.problems]
        text = f"error: {side.label} has {len(side.invalid)} invalid file(s):\n{render(problems, 'text')}"
        if text not in shown:  # the same side twice (`diff HEAD HEAD`) is reported once
            print(text, file=sys.stderr)
            shown.append(text)


def run_diff(args: argparse.Namespace) -> int:
    new_spec = args.new
    if new_spec is None:  # compare with the data folder on disk, edits and untracked files included
        if not args.data.is_dir():
            print(f"error: the data folder {args.data} does not exist; give NEW or --data", file=sys.stderr)
            return 1
        new_spec = str(args.data)
    with tempfile.TemporaryDirectory(prefix="atlas-diff-") as tmp:
        try:
            old = load_side(args.old, args.data, Path(tmp))
            new = load_side(new_spec, args.data, Path(tmp))
        except DiffError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        _note_uncommitted(args, old, new)
        broken = [s for s in (old, new) if s.problems]
        _report_invalid(broken)
        print(diff(old, new), end="")
    return 1 if broken else 0


def add_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help="what changed in the data between two folders or git revisions (Markdown)")
    p.add_argument("old", metavar="OLD", help="a folder of jurisdiction files, or a git revision (e.g. main)")
    p.add_argument("new", metavar="NEW", nargs="?",
                   help="a folder of jurisdiction files, or a git revision (e.g. HEAD); default: the data "
                        "folder as it is now, with uncommitted and untracked files")
    data_option(p, help="the data folder inside the repository, for revisions and as the default NEW "
                        "(default: jurisdictions/)")
    p.set_defaults(func=run_diff)
