"""Options several commands share, declared once."""

from __future__ import annotations

import argparse
from pathlib import Path

DATA_DIR = Path("jurisdictions")


def data_option(p: argparse.ArgumentParser, help: str = "the data folder (default: jurisdictions/)") -> None:
    p.add_argument("--data", type=Path, default=DATA_DIR, help=help)
