"""Load and validate a folder of jurisdiction files into one in-memory model."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from pydantic import ValidationError

from generator.data.diagnostics import Diagnostic
from generator.data.document import Document
from generator.data.load_error import LoadError
from generator.data.loading import load
from generator.data.model import Jurisdiction
from generator.data.rules import Checked, Context, run_all
from generator.data.schema_errors import diagnostics_for


@dataclass
class Dataset:
    """Every valid jurisdiction, by id, in id order."""

    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)

    def children(self, parent_id: str) -> list[Jurisdiction]:
        return [j for j in self.jurisdictions.values() if j.parent == parent_id]

    def children_by_parent(self) -> dict[str, list[Jurisdiction]]:
        """Every parent's subdivisions, in one pass (children() for all would be quadratic)."""
        found: dict[str, list[Jurisdiction]] = {}
        for j in self.jurisdictions.values():
            if j.parent:
                found.setdefault(j.parent, []).append(j)
        return found

    def __len__(self) -> int:
        return len(self.jurisdictions)


def _looks_like_yaml(name: str) -> bool:
    return name.lower().endswith((".yml", ".yaml"))


def _folder_entries(folder: Path) -> list[Path]:
    # Every name that looks like YAML, whatever its case: pe.YML or pe.yaml is
    # reported by _check_file (rename it), never skipped, since a skipped
    # file is a jurisdiction silently missing from the atlas. Names starting
    # with '.' are editors' lock and backup files (emacs' .#pe.yml is a
    # dangling symbolic link), not data anyone meant to add.
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and _looks_like_yaml(p.name))


def scan(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The candidate files named by ``paths`` (files, or folders to look in), and folders that cannot be listed."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for path in map(Path, paths):
        # a named pe.yml is a file to check even if it is a directory (and is refused)
        if _looks_like_yaml(path.name) or not path.is_dir():
            found.append(path)
            continue
        try:
            found.extend(_folder_entries(path))
        except OSError as exc:
            problems.append(Diagnostic(path, 1, 1, f"folder cannot be read ({exc.strerror or exc}); "
                                       f"make it readable, e.g. chmod a+rx {path.name}"))
    return found, problems


def find_files(paths: Iterable[Path]) -> list[Path]:
    return scan(paths)[0]


def _check_file(path: Path) -> tuple[Document | None, Jurisdiction | None, list[Diagnostic]]:
    if not os.path.lexists(path):
        return None, None, [Diagnostic(path, 1, 1, "no such file; check the name and the folder")]
    if path.suffix != ".yml":
        return None, None, [Diagnostic(path, 1, 1, f"jurisdiction files end in .yml; rename to {path.stem}.yml")]
    try:
        doc = load(path)  # refuses anything but a regular file, with a positioned message
    except LoadError as exc:
        return None, None, [exc.diagnostic]
    try:
        return doc, Jurisdiction.model_validate(doc.data), []
    except ValidationError as exc:
        return doc, None, diagnostics_for(exc, doc)


@contextmanager
def _no_cyclic_gc():
    # Loading allocates many short-lived objects without reference cycles;
    # the cyclic collector would rescan the growing model over and over.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


FileCache = dict  # path -> ((mtime_ns, size, mode, inode), result of _check_file)


def _check_cached(path: Path, cache: FileCache | None):
    if cache is None:
        return _check_file(path)
    try:
        # lstat: a file swapped for a link or a FIFO must not hit the old entry
        stat = os.lstat(path)
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_mode, stat.st_ino)
    except OSError:
        return _check_file(path)
    hit = cache.get(path)
    if hit and hit[0] == stamp:
        return hit[1]
    result = _check_file(path)
    cache[path] = (stamp, result)
    return result


def validate(paths: Iterable[Path], today: date | None = None,
             known_ids: Iterable[str] = (), cache: FileCache | None = None) -> tuple[Dataset, list[Diagnostic]]:
    """Load, check every file and every cross-file rule; return what is valid and all errors.

    ``known_ids`` are ids that exist elsewhere (e.g. the rest of the data
    folder when only some files are being validated). ``cache`` (a dict kept
    by the caller, e.g. `serve`) lets unchanged files skip loading; the
    cross-file rules always run on all files.
    """
    checked: list[Checked] = []
    paths = [Path(p) for p in paths]
    files, problems = scan(paths)
    # a file validated on its own may name a parent that sits beside it
    ids = set(known_ids) | {p.stem for f in paths if f.is_file() for p in f.parent.glob("*.yml")}
    with _no_cyclic_gc():
        for path in files:
            doc, jurisdiction, errors = _check_cached(path, cache)
            problems.extend(errors)
            ids.add(path.stem)
            if jurisdiction is not None:
                checked.append(Checked(doc, jurisdiction))
    ctx = Context(files=checked, today=today or date.today(), all_ids=frozenset(ids))
    problems.extend(run_all(ctx))
    failed = {d.path for d in problems if d.severity == "error"}
    dataset = Dataset()
    for item in sorted(checked, key=lambda c: c.jurisdiction.id):
        if item.doc.path not in failed:
            dataset.jurisdictions[item.jurisdiction.id] = item.jurisdiction
            dataset.paths[item.jurisdiction.id] = item.doc.path
    return dataset, problems


class DataError(Exception):
    """Raised by ``load_dataset`` when any file is invalid."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} validation error(s)")
        self.diagnostics = diagnostics


def load_dataset(data_dir: Path, today: date | None = None) -> Dataset:
    dataset, problems = validate([data_dir], today=today)
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise DataError(errors)
    return dataset
