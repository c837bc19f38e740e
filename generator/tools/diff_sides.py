"""The two sides of a ``diff``: a folder of jurisdiction files, or a git revision of one.

A revision's data folder is extracted with ``git archive`` into a temporary folder; both
sides are validated, and files that do not validate are kept as their positioned errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from generator.data.dataset import Dataset, validate
from generator.data.diagnostics import Diagnostic, relative
from generator.data.revisions import RevisionError, extract_revision, is_revision, repo_root


# the git side of a revision lives with the data (the site reads releases' data the same way)
DiffError = RevisionError


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


def load_side(spec: str, data: Path, tmp: Path) -> Side:
    """``spec`` is a folder, or else a git revision of the repository around the working folder."""
    path = Path(spec)
    if path.is_dir():
        folder, extracted = path, None
    else:
        root = repo_root(Path.cwd())
        if root is None:
            raise DiffError(f"'{spec}' is not a folder, and {Path.cwd()} is not in a git repository "
                            "where it could be a revision")
        if not is_revision(spec, root):
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
