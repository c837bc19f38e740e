"""`build`, `pages` and `serve`: the site from the data folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import data_option
from generator.site.build import build, serve, write_pages


def run_pages(args: argparse.Namespace) -> int:
    return write_pages(args.data, args.out, args.config)


def run_build(args: argparse.Namespace) -> int:
    return build(args.data, args.out, args.config)


def run_serve(args: argparse.Namespace) -> int:
    return serve(args.data, args.config, args.host, args.port, full=args.full)


def add_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="validate, generate the pages and build the site")
    data_option(p)
    p.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    p.set_defaults(func=run_build)

    p = sub.add_parser("pages", help="write the generated Markdown pages into a folder (no site)")
    data_option(p)
    p.add_argument("--out", type=Path, default=Path("docs/atlas"), help="output folder (default: docs/atlas/)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    p.set_defaults(func=run_pages)

    p = sub.add_parser("serve", help="build and serve the site with live reload")
    data_option(p)
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--full", action="store_true", help="rebuild every page on each change (slower)")
    p.set_defaults(func=run_serve)
