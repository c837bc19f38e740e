"""`diff OLD [NEW]`: what changed in the data, in words a policy reader can follow.

Each side is a folder of jurisdiction files or a git revision (whose data
folder is extracted with ``git archive``); without NEW, OLD is compared with
the data folder as it is on disk, uncommitted and untracked files included.
Both sides are validated first; files that do not validate are named (with
every positioned error on stderr), left out of the comparison, and make the
command exit 1.
Instruments and observed figures are matched by id, sources by key.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.data.dataset import Dataset, validate
from generator.data.diagnostics import Diagnostic, relative
from generator.data.model import (DIMENSIONS, Change, Credential, Instrument, Jurisdiction, ObservedFigure, Quantity,
                                  Search, Source)

DATA_DIR = Path("jurisdictions")
NO_CHANGES = "No changes to the data."
NOT_COMPARABLE = ("The files that validate are the same on both sides; "
                  "fix the files above to see what changed in them.")

# Field names as a reader would say them; others lose their underscores.
LABELS = {
    "effective": "effective date",
    "ended": "end date",
    "mechanism": "funding mechanism",
    "quantities": "figures",
    "billing_codes": "billing codes",
    "last_reviewed": "last reviewed",
    "cited_via": "cited via",
    "url": "URL",
    "doi": "DOI",
    "required_for": "required for",
}
UNITS = {
    "fte": "FTE",
    "percent_fte": "percent of a full-time post",
    "hours_per_week": "hours a week",
    "training_hours": "training hours",
    "supervised_hours": "supervised hours",
    "continuing_education_hours": "continuing-education hours",
    "years": "years",
    "currency_per_unit": "payment",
    "workers": "workers",
    "percent": "percent",
}
# free text: shown as before/after quotations rather than inline
PROSE = {"summary", "rationale", "title", "note"}


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


# --- formatting values ---------------------------------------------------------------------


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " "))


def fmt(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt(v) for v in value)
    if isinstance(value, str) and value.replace("_", "").isalpha() and value.islower() and "_" in value:
        return value.replace("_", " ")  # a code such as in_force
    return str(value)


def numbers(*values: float) -> list[str]:
    """Numbers shown with the same decimals, so 0.5 → 1 reads as 0.5 → 1.0."""
    decimals = max(len(f"{v:g}".partition(".")[2]) if "e" not in f"{v:g}" else 0 for v in values)
    return [f"{v:.{decimals}f}" for v in values]


def quote(text: Any) -> str:
    return f"“{' '.join(str(text).split())}”"


def quantity_name(q: Quantity) -> str:
    unit = UNITS.get(q.unit, label(q.unit))
    return f"{unit} per {q.per}" if q.per else unit


def quantity_text(q: Quantity) -> str:
    text = f"{q.value:g} {quantity_name(q)}"
    return f"{text} ({q.note})" if q.note else text


def source_text(key: str, s: Source) -> str:
    bits = [b for b in (s.publisher, str(s.year) if s.year else None) if b]
    title = quote(s.title) if s.title else f"untitled, cited via `{s.cited_via}`"
    return f"`{key}` — {title}" + (f" ({', '.join(bits)})" if bits else "")


# --- comparing ----------------------------------------------------------------------------------


Lines = list[str]


def _bullet(text: str, depth: int) -> str:
    return "  " * depth + "- " + text


def _scalar_change(name: str, old: Any, new: Any, depth: int, prefix: str = "") -> Lines:
    what = prefix + label(name)
    if name in PROSE and old and new:
        return [_bullet(f"{what} changed", depth),
                _bullet(f"before: {quote(old)}", depth + 1),
                _bullet(f"after: {quote(new)}", depth + 1)]
    if name in PROSE and new:
        return [_bullet(f"{what} added: {quote(new)}", depth)]
    if name in PROSE:
        return [_bullet(f"{what} removed (was {quote(old)})", depth)]
    return [_bullet(f"{what}: {fmt(old)} → {fmt(new)}", depth)]


def _list_change(name: str, old: list, new: list, depth: int, code: bool = False, prefix: str = "") -> Lines:
    shown = (lambda v: f"`{v}`") if code else fmt
    added = [shown(v) for v in new if v not in old]
    removed = [shown(v) for v in old if v not in new]
    parts = []
    if added:
        parts.append("added " + ", ".join(added))
    if removed:
        parts.append("removed " + ", ".join(removed))
    if not parts:  # same items, new order
        return [_bullet(f"{prefix}{label(name)} reordered", depth)]
    return [_bullet(f"{prefix}{label(name)}: {'; '.join(parts)}", depth)]


def _quantities(old: list[Quantity], new: list[Quantity], depth: int) -> Lines:
    out: Lines = []
    remaining = list(new)
    for q in old:
        match = next((n for n in remaining if (n.unit, n.per) == (q.unit, q.per)), None)
        if match is None:
            out.append(_bullet(f"figure removed: {quantity_text(q)}", depth))
            continue
        remaining.remove(match)
        if match.value != q.value:
            before, after = numbers(q.value, match.value)
            out.append(_bullet(f"{quantity_name(q)} changes from {before} to {after}", depth))
        if match.note != q.note:
            out += _scalar_change("note", q.note, match.note, depth, prefix=f"{quantity_name(q)}: ")
    out += [_bullet(f"new figure: {quantity_text(q)}", depth) for q in remaining]
    return out


def compare_records(model: type[BaseModel], old: BaseModel, new: BaseModel, depth: int,
                    skip: tuple[str, ...] = ()) -> Lines:
    """Field-by-field differences between two records of the same model."""
    out: Lines = []
    for name in model.model_fields:
        if name in skip:
            continue
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        if name == "quantities":
            out += _quantities(a, b, depth)
        elif name == "quantity":
            out += _quantities([a], [b], depth)
        elif name == "credential":
            if a is None:
                out.append(_bullet(f"credential added: {quote(b.name)}", depth))
            elif b is None:
                out.append(_bullet(f"credential removed: {quote(a.name)}", depth))
            else:
                sub = compare_records(Credential, a, b, depth + 1)
                out += [_bullet("credential:", depth), *sub]
        elif isinstance(a, list) and isinstance(b, list):
            out += _list_change(name, a, b, depth, code=name in {"sources"})
        else:
            out += _scalar_change(name, a, b, depth)
    return out


def _by_id(records: list) -> dict[str, Any]:
    return {r.id: r for r in records}


def _instruments(j: Jurisdiction) -> dict[str, tuple[str, Instrument]]:
    return {i.id: (dim, i) for dim in DIMENSIONS for i in j.dimension(dim).instruments}


def _instrument_name(i: Instrument) -> str:
    return f"{quote(i.title)} (`{i.id}`)"


def _new_instrument(dim: str, i: Instrument) -> Lines:
    facts = "; ".join(f"{label(n)}: {fmt(getattr(i, n))}" for n in ("kind", "binding", "status"))
    out = [_bullet(f"{dim}: new instrument {_instrument_name(i)} — {facts}", 0),
           _bullet(f"summary: {quote(i.summary)}", 1)]
    out += [_bullet(f"figure: {quantity_text(q)}", 1) for q in i.quantities]
    if i.credential:
        out.append(_bullet(f"credential: {quote(i.credential.name)}", 1))
    return out


def compare_jurisdiction(old: Jurisdiction, new: Jurisdiction) -> tuple[Lines, Lines]:
    """(level changes, every change) between two versions of one file."""
    levels: Lines = []
    out: Lines = []
    for name in ("name", "parent", "region", "aliases", "role_titles", "summary", "last_reviewed"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out += (_list_change(name, a, b, 0) if isinstance(a, list) else _scalar_change(name, a, b, 0))

    old_inst, new_inst = _instruments(old), _instruments(new)
    for dim in DIMENSIONS:
        a, b = old.dimension(dim), new.dimension(dim)
        if a.level != b.level:
            text = f"{dim}: level {fmt(a.level)} → {fmt(b.level)}"
            levels.append(text)
            out.append(_bullet(f"**{text}**", 0))
        if a.rationale != b.rationale:
            out += _scalar_change("rationale", a.rationale, b.rationale, 0, prefix=f"{dim}: ")
        if a.sources != b.sources:
            out += _list_change("sources", a.sources, b.sources, 0, code=True, prefix=f"{dim}: rationale ")
        out += _searches(dim, a.searched, b.searched)
        for iid, (d, inst) in old_inst.items():
            if d == dim and iid not in new_inst:
                out.append(_bullet(f"{dim}: instrument {_instrument_name(inst)} removed", 0))
        for iid, (d, inst) in new_inst.items():
            if d != dim:
                continue
            if iid not in old_inst:
                out += _new_instrument(dim, inst)
                continue
            was_dim, was = old_inst[iid]
            changes = compare_records(Instrument, was, inst, 1)
            if was_dim != dim:
                changes.insert(0, _bullet(f"moved here from {was_dim}", 1))
            if changes:
                out += [_bullet(f"{dim}: instrument {_instrument_name(inst)}:", 0), *changes]
    out += _observed(old.dimensions.staffing.observed, new.dimensions.staffing.observed)
    out += _sources(old.sources, new.sources)
    out += _changelog(old.changes, new.changes)
    return levels, out


def _search_text(s: Search) -> str:
    found = f"; found {quote(s.found)}" if s.found else ""
    return f"{quote(s.looked_for)} in {', '.join(f'`{k}`' for k in s.sources)} on {s.date}{found}"


def _searches(dim: str, old: list[Search], new: list[Search]) -> Lines:
    """Evidence-of-absence records added or removed (a changed record shows as both)."""
    out = [_bullet(f"{dim}: search removed: {_search_text(s)}", 0) for s in old if s not in new]
    out += [_bullet(f"{dim}: search recorded: {_search_text(s)}", 0) for s in new if s not in old]
    return out


def _observed(old: list[ObservedFigure], new: list[ObservedFigure]) -> Lines:
    out: Lines = []
    a, b = _by_id(old), _by_id(new)
    for fid, fig in a.items():
        if fid not in b:
            out.append(_bullet(f"observed figure removed: {quantity_text(fig.quantity)} (`{fid}`)", 0))
    for fid, fig in b.items():
        if fid not in a:
            year = f" in {fig.year}" if fig.year else ""
            out += [_bullet(f"new observed figure: {quantity_text(fig.quantity)}{year} (`{fid}`)", 0),
                    _bullet(f"summary: {quote(fig.summary)}", 1)]
        elif fig != a[fid]:
            out += [_bullet(f"observed figure `{fid}`:", 0), *compare_records(ObservedFigure, a[fid], fig, 1)]
    return out


def _sources(old: dict[str, Source], new: dict[str, Source]) -> Lines:
    out: Lines = []
    for key, s in old.items():
        if key not in new:
            out.append(_bullet(f"source removed: {source_text(key, s)}", 0))
    for key, s in new.items():
        if key not in old:
            out.append(_bullet(f"source added: {source_text(key, s)}", 0))
        elif s != old[key]:
            out += [_bullet(f"source {source_text(key, s)}:", 0), *compare_records(Source, old[key], s, 1)]
    return out


def _changelog(old: list[Change], new: list[Change]) -> Lines:
    out = [_bullet(f"changelog entry removed: {c.date} ({c.kind}): {c.summary}", 0) for c in old if c not in new]
    out += [_bullet(f"changelog entry added: {c.date} ({c.kind}): {c.summary}", 0) for c in new if c not in old]
    return out


def _title(j: Jurisdiction) -> str:
    return f"{j.name} (`{j.id}`)"


def _levels(j: Jurisdiction) -> str:
    return ", ".join(f"{dim} {fmt(j.dimension(dim).level)}" for dim in DIMENSIONS)


def _invalid_section(sides: list[Side]) -> Lines:
    out: Lines = []
    for side in sides:
        for stem, problems in sorted(side.invalid.items()):
            first = problems[0]
            more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
            line = _bullet(f"`{side.where(first.path)}`: line {first.line}: {first.message}{more}", 0)
            if line not in out:  # `diff HEAD HEAD` would name each broken file twice
                out.append(line)
    if not out:
        return []
    return ["**Not compared:** these files do not validate, so they are left out of this diff "
            "(run `python -m generator validate` for every error).", "", *out, ""]


def diff(old: Side, new: Side) -> str:
    """The Markdown report; ``NO_CHANGES`` when the valid data is the same."""
    skip = set(old.invalid) | set(new.invalid)
    a = {k: v for k, v in old.dataset.jurisdictions.items() if k not in skip}
    b = {k: v for k, v in new.dataset.jurisdictions.items() if k not in skip}
    added = [b[k] for k in sorted(b.keys() - a.keys())]
    removed = [a[k] for k in sorted(a.keys() - b.keys())]
    level_lines: Lines = []
    changed: Lines = []
    n_changed = 0
    for key in sorted(a.keys() & b.keys()):
        if a[key] == b[key]:
            continue
        levels, lines = compare_jurisdiction(a[key], b[key])
        level_lines += [f"- {b[key].name} — {text}" for text in levels]
        if lines:
            n_changed += 1
            changed += [f"#### {_title(b[key])}", "", *lines, ""]
    invalid = _invalid_section([old, new])
    if not (added or removed or changed):
        # never "no changes" when files were left out: their changes are unknown
        return "\n".join([*invalid, NOT_COMPARABLE if invalid else NO_CHANGES]) + "\n"

    counts = [f"{len(added)} jurisdiction(s) added", f"{len(removed)} removed", f"{n_changed} changed"]
    out: Lines = ["## Data changes", "", ", ".join(counts) + f"; {len(level_lines)} level(s) changed.", ""]
    out += invalid
    if level_lines:
        out += ["### Level changes", "", *level_lines, ""]
    if added:
        out += ["### Added", ""]
        for j in added:
            count = sum(len(j.dimension(d).instruments) for d in DIMENSIONS)
            out.append(f"- {_title(j)}: {_levels(j)}; {count} instrument(s), {len(j.sources)} source(s)")
        out.append("")
    if removed:
        out += ["### Removed", "", *[f"- {_title(j)}" for j in removed], ""]
    if changed:
        out += ["### Changed", "", *changed]
    return "\n".join(out).rstrip("\n") + "\n"
