"""Make a data release: check the data, compare it with the release before, append the entry.

The release freezes the data of HEAD, so the data folder must be committed first; the entry
(with what changed since the previous release) is appended to ``releases.yml`` and
``CITATION.cff`` is given the version and date. Committing those two files is left to the
person releasing, as is tagging (``git tag data-v<version>``), which archives such as Zenodo
can pick up.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import yaml

from generator.data.dataset import Dataset, validate
from generator.data.model import DIMENSIONS
from generator.data.releases import VERSION_PATTERN, LevelMove, Release, load_releases
from generator.data.revisions import RevisionError, load_revision

HEADER = ("# Data releases, oldest first: written by `python -m generator release`; never edit a past entry.\n"
          "# Each release's downloads and API are built from the data of its commit, under atlas/data/v<version>/.\n")


class ReleaseError(Exception):
    """Why no release was made, and what to do about it."""


def _git(root: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if out.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed: {out.stderr.strip() or 'not a git repository?'}")
    return out.stdout.strip()


def _level_moves(old: Dataset, new: Dataset) -> list[LevelMove]:
    moves = []
    for jid, j in sorted(new.jurisdictions.items()):
        before = old.jurisdictions.get(jid)
        for d in DIMENSIONS:
            was = str(before.dimension(d).level) if before else "unknown"
            now = str(j.dimension(d).level)
            if was != now:
                moves.append(LevelMove(id=jid, dimension=d, old=was, new=now))
    return moves


def _changes_since(new: Dataset, since: str | None) -> tuple[int, int]:
    entries = [c for j in new.jurisdictions.values() for c in j.changes if since is None or c.date > since]
    policy = sum(1 for c in entries if c.kind == "policy")
    return policy, len(entries) - policy


def _check_version(version: str, releases: list[Release]) -> None:
    if not re.match(VERSION_PATTERN, version):
        raise ReleaseError(f"version {version!r} is not YYYY.MM (or YYYY.MM.N); e.g. --version 2026.12")
    if any(r.version == version for r in releases):
        raise ReleaseError(f"release {version} exists already; a release never changes: use --version {version}.1")


def make_release(root: Path, data: Path, releases_file: Path, version: str | None, today: date) -> Release:
    releases, problems = load_releases(releases_file)
    if problems:
        raise ReleaseError(f"{releases_file.name} does not read: {problems[0].text()}")
    version = version or today.strftime("%Y.%m")
    _check_version(version, releases)
    rel = data.resolve().relative_to(root.resolve()).as_posix()
    if _git(root, "status", "--porcelain", "--untracked-files=all", "--", rel):
        raise ReleaseError(f"{rel}/ has uncommitted changes: commit them first, as a release freezes committed data")
    dataset, errors = validate([data])
    errors = [d for d in errors if d.severity == "error"]
    if errors:
        raise ReleaseError(f"the data has {len(errors)} error(s), e.g. {errors[0].text()}; "
                           "run `python -m generator validate` and fix them first")
    previous = releases[-1] if releases else None
    old = None
    if previous:
        with tempfile.TemporaryDirectory(prefix="atlas-release-") as tmp:
            try:
                old = load_revision(previous.commit, data, root, Path(tmp))
            except RevisionError as exc:
                raise ReleaseError(f"the previous release's commit cannot be read: {exc}") from None
    policy, corrections = _changes_since(dataset, previous.date if previous else None)
    ids, old_ids = set(dataset.jurisdictions), set(old.jurisdictions) if old else set()
    return Release(
        version=version, date=today.isoformat(), commit=_git(root, "rev-parse", "HEAD"),
        previous=previous.version if previous else None,
        jurisdictions=len(ids), countries=sum(1 for j in dataset.jurisdictions.values() if not j.parent),
        added=sorted(ids - old_ids) if old else [], removed=sorted(old_ids - ids),
        levels_changed=_level_moves(old, dataset) if old else [],
        policy_changes=policy, corrections=corrections,
    )


def append(releases_file: Path, release: Release) -> None:
    """Add the release to the file, keeping every earlier entry as it was written."""
    entry = yaml.safe_dump([release.model_dump(mode="json", exclude_defaults=True)], sort_keys=False,
                           allow_unicode=True, width=100)
    entry = "\n".join("  " + line if line else line for line in entry.splitlines()) + "\n"
    if releases_file.is_file() and releases_file.read_text(encoding="utf-8").strip():
        text = releases_file.read_text(encoding="utf-8").rstrip("\n") + "\n" + entry
        text = text.replace("releases: []\n", "releases:\n")
    else:
        text = HEADER + "releases:\n" + entry
    releases_file.write_text(text, encoding="utf-8")


def stamp_citation_file(cff: Path, release: Release) -> None:
    """CITATION.cff names the release: its version and date-released lines are rewritten."""
    if not cff.is_file():
        return
    text = cff.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^version: .*$', f'version: "{release.version}"', text)
    if re.search(r"(?m)^date-released: ", text):
        text = re.sub(r"(?m)^date-released: .*$", f'date-released: "{release.date}"', text)
    else:
        text = text.replace(f'version: "{release.version}"\n',
                            f'version: "{release.version}"\ndate-released: "{release.date}"\n', 1)
    cff.write_text(text, encoding="utf-8")
