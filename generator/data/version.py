"""The data version stamped on every page and download.

It comes from git (release tag or commit, and the commit date), so two
builds of the same commit are identical; never from the clock.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class DataVersion:
    label: str  # e.g. "2026.12" (a data release) or "commit 1a2b3c4"
    date: str  # YYYY-MM-DD of the release or commit
    archive: str = ""  # a release's frozen files, under atlas/ (e.g. "data/v2026.12/"); "" if not a release

    @property
    def text(self) -> str:
        return f"{self.label} ({self.date})"


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else None


def _epoch_date() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    return None


@lru_cache(maxsize=None)
def data_version(root: Path = Path(".")) -> DataVersion:
    if os.environ.get("ATLAS_DATA_VERSION"):
        return DataVersion(os.environ["ATLAS_DATA_VERSION"], _epoch_date() or "1970-01-01")
    tag = _git(root, "describe", "--tags", "--exact-match")
    commit = _git(root, "rev-parse", "--short=10", "HEAD")
    date = _git(root, "log", "-1", "--format=%cs")
    if commit:
        return DataVersion(tag or f"commit {commit}", _epoch_date() or date or "1970-01-01")
    return DataVersion("unversioned", _epoch_date() or "1970-01-01")


def site_version(root: Path, data_dir: Path, releases=()) -> DataVersion:
    """The version a build names: the latest release's when the data folder holds exactly that
    release's data (committed and unchanged since), else the commit's (``data_version``)."""
    version = data_version(root)
    if not releases or os.environ.get("ATLAS_DATA_VERSION"):
        return version
    latest = releases[-1]
    try:
        rel = data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return version
    if _git(root, "status", "--porcelain", "--untracked-files=all", "--", rel):
        return version  # edited since: not the release's data
    now, then = _git(root, "rev-parse", f"HEAD:{rel}"), _git(root, "rev-parse", f"{latest.commit}:{rel}")
    if now and now == then:
        return DataVersion(latest.version, latest.date, archive=latest.path)
    return version


def source_date_epoch(root: Path = Path(".")) -> str:
    """SOURCE_DATE_EPOCH for reproducible builds: the env's, else the commit time."""
    return os.environ.get("SOURCE_DATE_EPOCH") or _git(root, "log", "-1", "--format=%ct") or "0"
