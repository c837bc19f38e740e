"""`release`: freeze the committed data as a numbered release that citations can point to."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from generator.commands.options import data_option
from generator.tools.release import ReleaseError, append, make_release, stamp_citation_file

RELEASES = Path("releases.yml")


def run_release(args: argparse.Namespace) -> int:
    root = Path.cwd()
    try:
        release = make_release(root, args.data, args.releases, args.version, date.today())
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    append(args.releases, release)
    stamp_citation_file(root / "CITATION.cff", release)
    since = (f"{len(release.added)} added and {len(release.levels_changed)} level(s) changed since {release.previous}"
             if release.previous else "the first release")
    print(f"release {release.version}: {release.jurisdictions} jurisdictions ({release.countries} countries), "
          f"{since}; data of commit {release.commit[:10]}")
    print(f"next: git commit {args.releases} CITATION.cff -m 'Release {release.version}' && "
          f"git tag data-v{release.version}")
    return 0


def add_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("release", help="stamp a data version (e.g. 2026.12) that never changes afterwards")
    p.add_argument("--version", help="YYYY.MM, or YYYY.MM.N for a second release in a month (default: this month)")
    p.add_argument("--releases", type=Path, default=RELEASES, help="the releases file (default: releases.yml)")
    data_option(p)
    p.set_defaults(func=run_release)
