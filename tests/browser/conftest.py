"""Browser tests: build a site into a temporary project, serve it on 127.0.0.1, drive Chromium.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright. Outside CI a
missing browser skips these tests; in CI (CI=true) it fails them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def build_site(data_dir: Path, workdir: Path) -> Path:
    """Build the site for data_dir in an isolated copy of the project; return the site folder."""
    project = workdir / "project"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("atlas"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for rel in ("generator/mkdocs_hook.py", "generator/theme"):
        config = config.replace(rel, str(ROOT / rel))
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = workdir / "site"
    env = {**os.environ, "ATLAS_DATA_VERSION": "test-version", "SOURCE_DATE_EPOCH": "1764201600"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--data", str(data_dir), "--out", str(site),
         "--config", str(project / "mkdocs.yml")],
        cwd=project, capture_output=True, text=True, env={**env, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    def __init__(self, directory: Path):
        handler = functools.partial(_Quiet, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def require_chromium():
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: CI requires the browser tests (apt-get install chromium)")
    pytest.skip(f"Chromium not found at {CHROMIUM}; run `make browser`")


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory):
    site = build_site(ROOT / "jurisdictions", tmp_path_factory.mktemp("bundled"))
    server = Server(site)
    yield server
    server.close()


class Page:
    """A Playwright page that records every request leaving 127.0.0.1 and every dialog."""

    def __init__(self, browser, server: Server):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.server = server

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str):
        self.page.goto(self.server.url + path.lstrip("/"), wait_until="load")
        return self.page

    def screenshot(self, name: str, full_page: bool = True):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)

    def close(self):
        self.context.close()


@pytest.fixture
def site_page(browser, bundled_site):
    page = Page(browser, bundled_site)
    yield page
    assert page.outside == [], f"requests left 127.0.0.1: {page.outside}"
    page.close()
