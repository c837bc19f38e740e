"""The downloads, the JSON API, the map document and the feeds, built in a second process while MkDocs renders pages.

They are plain files MkDocs would only copy, and making them (the Excel
workbook above all, and importing pandas and openpyxl) costs as much
as a third of a build; on a machine with a free core that time disappears.
Where no process can be started, they are built in this one.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.site.context import SiteContext


def static_files(ctx: SiteContext) -> dict[str, str | bytes]:
    from generator.site.exports import static_files as exports
    from generator.site.mapping import map_static_files
    from generator.site.pages.changes import feeds
    from generator.site.pages.releases import release_files

    return {**exports(ctx), **map_static_files(ctx.dataset, timeline=ctx.timeline), **feeds(ctx),
            **release_files(ctx)}


def _die_with_parent(parent: int) -> None:
    """In the worker: end when the build that started it ends, even if it was killed.

    Without this a killed build leaves its worker waiting for work forever.
    Linux's PR_SET_PDEATHSIG does it; elsewhere the worker ends with its queue.
    """
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the build was gone before the line above ran
        os._exit(0)


class StaticFilesJob:
    def __init__(self, ctx: SiteContext, fork: bool = False):
        """``fork``: start the worker as a copy of this process (nothing to import or send; only
        where no other thread runs, i.e. not under `serve`, and where the platform has fork)."""
        self.ctx = ctx
        self.executor = None
        try:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            method = "fork" if fork and "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method),
                                                initializer=_die_with_parent, initargs=(os.getpid(),))
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
