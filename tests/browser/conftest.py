"""Browser tests: build a site into a temporary project, serve it on 127.0.0.1, drive Chromium.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright. Outside CI a
missing browser skips these tests; in CI (CI=true) it fails them.
"""

from __future__ import annotations

import json
import re

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..sitebuild import build_site  # noqa: F401  (re-exported for the browser tests)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
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
def bundled_site(bundled_site_dir):
    server = Server(bundled_site_dir)
    yield server
    server.close()


# any address but the test server's and the browser's own (data:, blob:, about:), and the theme's
# search index, which a page loads into a worker and indexes at every visit: tests that search set
# Page.search, the others skip that cost (a tenth of the browser tests' time)
SEARCH_INDEX = "search/search_index.json"
OUTSIDE = re.compile(r"^(?!https?://127\.0\.0\.1[:/]|data:|blob:|about:)|/search/search_index\.json$")


def _empty_index(server: "Server") -> str:
    if not hasattr(server, "empty_index"):
        path = getattr(server, "directory", None)
        path = path / SEARCH_INDEX if path else None
        config = json.loads(path.read_text(encoding="utf-8"))["config"] if path and path.is_file() else {}
        server.empty_index = json.dumps({"config": config, "docs": []})
    return server.empty_index


class Page:
    """A Playwright page that records every request leaving 127.0.0.1 and every dialog."""

    def __init__(self, browser, server: Server, search: bool = False, route_all: bool = False):
        self.search = search  # load the theme's search index (set before goto)
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        # only requests that leave 127.0.0.1 are intercepted (the pattern is matched in the browser's
        # driver): routing every local request through Python cost a round trip per file
        self.context.route("**/*" if route_all else OUTSIDE, self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.server = server

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname
        if host == "127.0.0.1" and url.endswith(SEARCH_INDEX):
            if self.search:
                route.continue_()
            else:  # the site's own search settings with no documents: the theme starts as usual
                route.fulfill(status=200, content_type="application/json", body=_empty_index(self.server))
        elif url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
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


def _wait_until_results_settle(page, polls: int = 3, interval_ms: int = 150):
    """Wait until the result list is the same on several polls in a row."""
    first = page.locator(".md-search-result__item a")
    last, same = None, 0
    for _ in range(40):
        now = first.evaluate_all("links => links.slice(0, 5).map(a => a.href).join(' ')")
        same = same + 1 if now == last else 0
        if same >= polls:
            return
        last = now
        page.wait_for_timeout(interval_ms)


def search_for(page, query: str, expected_href: str, attempts: int = 4):
    """Type a query in the theme's search and wait for a result linking to expected_href.

    The search index loads in a web worker; a query typed before it is ready
    can be dropped, so the query is typed again until the result shows.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator("input.md-search__input")
    result = page.locator(f'.md-search-result__item a[href*="{expected_href}"]').first
    for attempt in range(attempts):
        box.click()
        box.fill("")
        # the whole query at once, then one key that changes nothing: the theme
        # searches on keyup, and typed key by key the results of a partial query
        # ("certified peer sp") can be what the caller reads
        box.fill(query)
        box.press("End")
        try:
            result.wait_for(timeout=5000)
            _wait_until_results_settle(page)
            return result
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
    return result
