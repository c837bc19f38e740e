"""The data folder as it was at a git revision: extracted with ``git archive`` into a folder.

``diff`` compares two sides this way; the site rebuilds each data release from its commit.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from generator.data.dataset import Dataset, validate


class RevisionError(Exception):
    """A revision that cannot be read, and why."""


def _git(args: list[str], cwd: Path, binary: bool = False) -> Any:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=not binary)
    if result.returncode != 0:
        stderr = result.stderr if not binary else result.stderr.decode(errors="replace")
        raise RevisionError(f"git {' '.join(args)} failed: {stderr.strip()}")
    return result.stdout


def repo_root(cwd: Path) -> Path | None:
    result = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, text=True)
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def is_revision(rev: str, root: Path) -> bool:
    result = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                            cwd=root, capture_output=True, text=True)
    return result.returncode == 0


def extract_revision(rev: str, data: Path, root: Path, into: Path) -> Path:
    """Write the data folder (relative to ``root``) as it was at ``rev`` under ``into``; return it."""
    rel = data.as_posix()
    target = into / rel
    target.mkdir(parents=True, exist_ok=True)
    listed = _git(["ls-tree", "--name-only", rev, "--", f"{rel}/"], root)
    if not listed.strip():
        return target  # the folder did not exist yet: every file counts as added
    archive = _git(["archive", "--format=tar", rev, "--", rel], root, binary=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # pragma: no cover - Python before 3.11.4
            tar.extractall(into)  # noqa: S202 - our own repository's archive
    return target


def load_revision(rev: str, data: Path, root: Path, into: Path) -> Dataset:
    """The dataset of ``data`` (a folder inside ``root``) at ``rev``, extracted under ``into``."""
    if not is_revision(rev, root):
        raise RevisionError(f"'{rev}' is not a commit of the repository at {root}")
    try:
        rel = data.resolve().relative_to(root.resolve())
    except ValueError:
        raise RevisionError(f"the data folder {data} is not inside the repository at {root}") from None
    dataset, _ = validate([extract_revision(rev, rel, root, into)])
    return dataset
