"""`diff OLD [NEW]`: what changed in the data, in words a policy reader can follow.

Each side is a folder of jurisdiction files or a git revision (``diff_sides``); without NEW,
OLD is compared with the data folder as it is on disk, uncommitted and untracked files
included. Files that do not validate are named (with every positioned error on stderr), left
out of the comparison, and make the command exit 1. Instruments and observed figures are
matched by id, sources by key; every other field of a record is compared by walking its
model's fields, so a field added to the model is reported without a change here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from generator.data.fields import WITH_OBSERVED, label, quantity_name
from generator.data.model import (DIMENSIONS, Change, Credential, Instrument, Jurisdiction, ObservedFigure, Quantity,
                                  Search, Source)
from generator.tools.diff_sides import DiffError, Side, load_side
from generator.tools.diff_words import PROSE, fmt, numbers, quantity_text, quote, source_text

__all__ = ["DiffError", "Side", "load_side", "diff", "compare_jurisdiction", "NO_CHANGES"]

NO_CHANGES = "No changes to the data."
NOT_COMPARABLE = ("The files that validate are the same on both sides; "
                  "fix the files above to see what changed in them.")
# Jurisdiction fields with a comparison of their own; every other field is compared as a value
OWN_COMPARISON = ("id", "dimensions", "sources", "changes")


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
    for name in Jurisdiction.model_fields:
        if name in OWN_COMPARISON:
            continue
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
    for dim in WITH_OBSERVED:
        out += _observed(old.dimension(dim).observed, new.dimension(dim).observed)
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
