"""What every page builder needs besides the data: links, version, settings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date
from pathlib import Path
from urllib.parse import quote

from generator.data import history
from generator.data.dataset import Dataset
from generator.data.version import DataVersion, site_version


@dataclass(frozen=True)
class SiteContext:
    dataset: Dataset
    repo_url: str  # e.g. https://github.com/owner/repo (no trailing slash)
    site_url: str  # e.g. https://owner.github.io/repo/ (trailing slash)
    data_path: str  # the data folder inside the repo, e.g. "jurisdictions"
    version: DataVersion
    today: date  # for staleness notices; from the data version, not the clock
    stale_months: int = 24
    runs: tuple = ()  # blind coding runs (generator.data.agreement.Run), oldest first
    searched_without: tuple = ()  # countries searched without result (generator.data.coverage_notes)
    releases: tuple = ()  # data releases (generator.data.releases.Release), oldest first
    project_root: str = ""  # the folder of mkdocs.yml, for reading releases' data from git
    # pages rendered by an earlier build of the same plugin instance (serve), so that
    # unchanged files are not rendered again; owned by the plugin, not by a module
    page_cache: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def timeline(self) -> history.Timeline:
        """Every level's dated steps, found once per build for the pages, charts, map and exports."""
        return history.timeline(self.dataset.jurisdictions, self.today.year)

    def edit_url(self, jid: str) -> str:
        return f"{self.repo_url}/edit/main/{self.data_path}/{jid}.yml"

    def issue_url(self, jid: str, name: str) -> str:
        title = quote(f"Data problem: {name} ({jid})")
        body = quote(
            f"Page: {self.page_url(jid)}\nFile: {self.data_path}/{jid}.yml\n\n"
            "What is wrong or missing?\n\nWhich source shows it (title and address)?\n"
        )
        return f"{self.repo_url}/issues/new?title={title}&body={body}&labels=data"

    def page_url(self, jid: str) -> str:
        return f"{self.site_url}atlas/{jid}/"


def make_context(dataset: Dataset, config, data_dir: Path, runs=(), page_cache: dict | None = None,
                 searched_without=(), releases=(), version: DataVersion | None = None) -> SiteContext:
    """The context for a MkDocs configuration: links from its repo_url and site_url, version from git
    (the latest release's, when the data is that release's) unless the caller has found it already."""
    root = Path(config.config_file_path or ".").parent
    version = version or site_version(root, data_dir, releases)
    site_url = (config.site_url or "/").rstrip("/") + "/"
    if version.archive:  # a release: its frozen files' full address, for citations
        version = replace(version, archive=f"{site_url}atlas/{version.archive}")
    try:
        data_path = data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        data_path = data_dir.name
    return SiteContext(
        dataset=dataset,
        repo_url=(config.repo_url or "").rstrip("/"),
        site_url=(config.site_url or "/").rstrip("/") + "/",
        data_path=data_path,
        version=version,
        today=date.fromisoformat(version.date) if version.date != "1970-01-01" else date.today(),
        runs=tuple(runs),
        searched_without=tuple(searched_without),
        releases=tuple(releases),
        project_root=str(root.resolve()),
        page_cache={} if page_cache is None else page_cache,
    )
