"""The downloads, the JSON API and the map document, built in a second process while MkDocs renders pages.

They are plain files MkDocs would only copy, and making them (the Excel
workbook above all, and importing pandas, openpyxl and folium) costs as much
as a third of a build; on a machine with a free core that time disappears.
Where no process can be started, they are built in this one.
"""

from __future__ import annotations

from pathlib import Path

from generator.site.context import SiteContext


def static_files(ctx: SiteContext) -> dict[str, str | bytes]:
    from generator.site.exports import static_files as exports
    from generator.site.mapping import map_static_files

    return {**exports(ctx), **map_static_files(ctx.dataset)}


class StaticFilesJob:
    def __init__(self, ctx: SiteContext):
        self.ctx = ctx
        self.executor = None
        try:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self.future = self.executor.submit(static_files, ctx)
        except (OSError, ImportError, RuntimeError):
            self.executor = None

    def files(self) -> dict[str, str | bytes]:
        if self.executor is None:
            return static_files(self.ctx)
        try:
            return self.future.result()
        finally:
            self.executor.shutdown()



def write_files(files: dict[str, str | bytes], site_dir: Path) -> None:
    for name, content in files.items():
        path = site_dir / "atlas" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
