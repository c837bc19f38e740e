"""`coverage`: levels, instruments and verification per jurisdiction, as text."""

from __future__ import annotations

import argparse

from generator.commands.options import data_option
from generator.data.coverage import text_report
from generator.data.dataset import DataError, load_dataset
from generator.data.diagnostics import render


def run(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.data)
    except DataError as err:
        print(render(err.diagnostics, "text"))
        return 1
    print(text_report(dataset))
    return 0


def add_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("coverage", help="print coded levels, instruments and verification per jurisdiction")
    data_option(p)
    p.set_defaults(func=run)
