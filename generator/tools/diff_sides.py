"""The two sides of a ``diff``: a folder of jurisdiction files, or a git revision of one.

A revision's data folder is extracted with ``git archive`` into a temporary folder; both
sides are validated, and files that do not validate are kept as their positioned errors.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data.dataset import Dataset, validate
from generator.data.diagnostics import Diagnostic, relative


class DiffError(Exception):
    pass


# --- loading a side ---------------------------------------------------------------------


@dataclass
class Side:
    label: str
    dataset: Dataset
    problems: list[Diagnostic] = field(default_factory=list)
    # for a revision: the temporary folder its files were extracted to
    extracted: Path | None = None

    def where(self, path: Path) -> str:
        """A file's path as the reader knows it (``REV:jurisdictions/x.yml`` for a revision)."""
        if self.extracted is not None:
            return f"{self.label}:{Path(path).relative_to(self.extracted).as_posix()}"
        return str(relative(Path(path)))

    @property
    def invalid(self) -> dict[str, list[Diagnostic]]:
        """Files that failed, by file stem (the id they claim to be)."""
        found: dict[str, list[Diagnostic]] = {}
        for d in self.problems:
            if d.severity == "error":
                found.setdefault(Path(d.path).stem, []).append(d)
        return found


def _git(args: list[str], cwd: Path, binary: bool = False) -> Any:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=not binary)
    if result.returncode != 0:
        stderr = result.stderr if not binary else result.stderr.decode(errors="replace")
        raise DiffError(f"git {' '.join(args)} failed: {stderr.strip()}")
    return result.stdout


def _repo_root(cwd: Path) -> Path | None:
    result = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, text=True)
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def _is_revision(rev: str, root: Path) -> bool:
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


def load_side(spec: str, data: Path, tmp: Path) -> Side:
    """``spec`` is a folder, or else a git revision of the repository around the working folder."""
    path = Path(spec)
    if path.is_dir():
        folder, extracted = path, None
    else:
        root = _repo_root(Path.cwd())
        if root is None:
            raise DiffError(f"'{spec}' is not a folder, and {Path.cwd()} is not in a git repository "
                            "where it could be a revision")
        if not _is_revision(spec, root):
            raise DiffError(f"'{spec}' is neither a folder nor a git revision")
        rel = (Path.cwd() / data).resolve()
        try:
            rel = rel.relative_to(root.resolve())
        except ValueError:
            raise DiffError(f"--data {data} is not inside the git repository {root}") from None
        extracted = tmp / f"side-{len(list(tmp.iterdir()))}"
        folder = extract_revision(spec, rel, root, extracted)
    dataset, problems = validate([folder])
    return Side(spec, dataset, [d for d in problems if d.severity == "error"], extracted)
