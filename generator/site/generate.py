"""Render the validated model into Markdown pages under docs/atlas/.

Files are written only when their content changed, so `mkdocs serve` does
not rebuild in a loop; files of jurisdictions that no longer exist are removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from generator.site import mapping
from generator.site.pages import changes, charts, data_pages, jurisdiction, reference, releases, tables, topics
from generator.site.context import SiteContext

GENERATED = "atlas"

# every builder returns {path relative to docs/atlas/: text}
BUILDERS: list[Callable[[SiteContext], dict[str, str | bytes]]] = [
    jurisdiction.outputs,
    tables.outputs,
    reference.outputs,
    data_pages.outputs,
    topics.outputs,
    changes.outputs,
    charts.outputs,
    releases.outputs,
    lambda ctx: mapping.map_page_files(ctx.dataset),
]


def outputs(ctx: SiteContext) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for build in BUILDERS:
        files.update(build(ctx))
    return files


def _write_if_changed(path: Path, content: str | bytes) -> bool:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def write(files: dict[str, str | bytes], out_dir: Path) -> list[str]:
    """Write files under out_dir; return the paths that changed or were removed."""
    changed = [name for name, content in sorted(files.items()) if _write_if_changed(out_dir / name, content)]
    if out_dir.exists():
        for path in sorted(out_dir.rglob("*")):
            rel = path.relative_to(out_dir).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
                changed.append(rel)
    return changed


def generate(ctx: SiteContext, docs_dir: Path) -> list[str]:
    return write(outputs(ctx), docs_dir / GENERATED)
