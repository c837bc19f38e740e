"""Every internal link of a built site, checked as a static host under the real base path would serve it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

HOST = "http://atlas.test"


# elements whose address the browser loads by itself, without a click
_LOADS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"),
          ("video", "src"), ("embed", "src"), ("object", "data"), ("link", "href")}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.loads: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        rel = dict(attrs).get("rel") or ""
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in _LOADS and not (tag == "link" and rel in ("canonical", "alternate")):
                self.loads.append(value)
            if name in ("href", "src") and not (tag == "base"):
                self.links.append(value)
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def _page_url(site: Path, path: Path, base: str) -> str:
    rel = path.relative_to(site).as_posix()
    return HOST + base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _target(site: Path, path: str, base: str) -> Path | None:
    if not path.startswith(base):
        return None
    rel = unquote(path[len(base):])
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(site: Path, base: str) -> list[str]:
    """``page: link (why)`` for every internal href/src that does not resolve, fragments included."""
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for page, found in pages.items():
        here = _page_url(site, page, base)
        for link in found.links:
            url = urlsplit(urljoin(here, link))
            if url.scheme not in ("http", "https") or f"{url.scheme}://{url.netloc}" != HOST:
                continue  # another site, mailto:, data:, javascript: (the validator refuses those in data)
            target = _target(site, url.path, base)
            where = f"{page.relative_to(site)}: {link}"
            if target is None:
                problems.append(f"{where} (no such file under {base})")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    problems.append(f"{where} (no id '{url.fragment}' on {target.relative_to(site)})")
    return problems


def third_party_loads(site: Path) -> list[str]:
    """``page: address`` for every script, style, image, frame or font a page would fetch from another site."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for address in _parse(page).loads:
            url = urlsplit(urljoin(HOST + "/", address))
            if url.scheme in ("http", "https") and f"{url.scheme}://{url.netloc}" != HOST:
                found.append(f"{page.relative_to(site)}: {address}")
    return found
