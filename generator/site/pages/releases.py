"""Data releases on the site: the releases page, and each release's downloads and API rebuilt
from the data of its commit under atlas/data/v<version>/, so a cited release never changes."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from generator.data.releases import Release
from generator.data.version import DataVersion
from generator.site.context import SiteContext
from generator.site.render import render
from generator.data.revisions import RevisionError, is_revision, load_revision


def _available(ctx: SiteContext, release: Release) -> bool:
    """Whether this clone holds the release's commit, from which its files are built."""
    return bool(ctx.project_root) and is_revision(release.commit, Path(ctx.project_root))


def releases_page(ctx: SiteContext) -> str:
    newest_first = list(reversed(ctx.releases))
    return render("releases.md.j2", "atlas/releases.md", releases=newest_first, repo_url=ctx.repo_url,
                  current=ctx.version, available={r.version: _available(ctx, r) for r in newest_first},
                  names={jid: j.name for jid, j in ctx.dataset.jurisdictions.items()})


def outputs(ctx: SiteContext) -> dict[str, str]:
    return {"releases.md": releases_page(ctx)}


def _release_files(ctx: SiteContext, release: Release, tmp: Path) -> dict[str, str | bytes]:
    from generator.site.exports import static_files as exports

    root = Path(ctx.project_root)
    dataset = load_revision(release.commit, root / ctx.data_path, root, tmp)
    frozen = replace(ctx, dataset=dataset, version=DataVersion(release.version, release.date),
                     page_cache={}, releases=())
    out = {}
    for name, content in exports(frozen).items():
        # data/atlas.json -> data/v2026.12/atlas.json; api/v1/... -> data/v2026.12/api/...
        rest = name.split("/", 1)[1] if name.startswith("data/") else name.replace("api/v1/", "api/", 1)
        out[f"{release.path}{rest}"] = content
    return out


def release_files(ctx: SiteContext) -> dict[str, str | bytes]:
    """Every release's files; a release whose commit this clone lacks (a shallow clone) is
    skipped with a warning, and the releases page says its files are not on this build."""
    out: dict[str, str | bytes] = {}
    for release in ctx.releases:
        with tempfile.TemporaryDirectory(prefix="atlas-release-") as tmp:
            try:
                out.update(_release_files(ctx, release, Path(tmp)))
            except RevisionError as exc:
                print(f"warning: release {release.version} not rebuilt: {exc}", file=sys.stderr)
    return out
