"""Table pages in Chromium: size, time to interactive controls, and filter time per keystroke.

Usage: python benchmarks/bench_tables.py [N ...]   (default: 300 1000; the bundled data always)
Goal (issue "Answer the questions…"): filtering stays under 100 ms per keystroke at 1,000 rows.

For each data set the site is built once; each table page is opened in headless Chromium
(/usr/bin/chromium) from a local server. "ready" is the page's own mark `atlas-tables-ready`
(set by tables.js when sort, filters and address state are in place), from navigation start.
A keystroke is an `input` event on the text search plus the layout it causes, timed in the
page: what a person sees at once (the count and the rows on screen). Rows beyond the first 150
changes follow a batch per frame; "settled" is the time until the last of them has changed.
Each query is typed one character at a time, then cleared (which brings every row back).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import write  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
PAGES = ["atlas/tables/overview/", "atlas/tables/mandates/", "atlas/topics/act/"]
QUERIES = ["synthetic", "peer support", "zz"]

TYPE = """async (queries) => {
  const box = document.querySelector('form.atlas-filters input[name=find]');
  const table = document.getElementById(box.form.dataset.atlasFilterFor);
  const settled = () => new Promise(done => {
    const t0 = performance.now();
    (function check() {
      if (table.dataset.settled == table._atlasRun) done(performance.now() - t0);
      else requestAnimationFrame(check);
    })();
  });
  const times = [], settle = [];
  const key = async (value) => {
    const t0 = performance.now();
    box.value = value;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    document.body.offsetHeight;  // the layout the change causes: what shows on screen
    times.push(performance.now() - t0);
    settle.push(times[times.length - 1] + await settled());  // the rows below the screen too
  };
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) await key(q.slice(0, i));
    await key('');  // clearing brings every row back: the costliest keystroke
  }
  return [times, settle];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(data: Path, out: Path) -> None:
    subprocess.run([PY, "-m", "generator", "build", "--data", str(data), "--out", str(out)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def measure_site(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            for path in PAGES:
                html = (site / path / "index.html").read_bytes()
                page = browser.new_page()
                page.goto(url + path, wait_until="load")
                page.wait_for_function("performance.getEntriesByName('atlas-tables-ready').length > 0")
                ready = page.evaluate("performance.getEntriesByName('atlas-tables-ready')[0].startTime")
                count = page.locator("table.atlas-table tbody tr").count()
                keys, settle = page.evaluate(TYPE, QUERIES)
                rows.append({"page": path, "rows": count, "kb": len(html) / 1024, "gz_kb": len(gzip.compress(html, 9)) / 1024,
                             "ready_ms": ready, "key_median": statistics.median(keys), "key_max": max(keys),
                             "settle_max": max(settle)})
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def report(label: str, rows: list[dict]) -> None:
    for r in rows:
        print(f"| {label} | {r['page']} | {r['rows']} | {r['kb']:.0f} ({r['gz_kb']:.0f}) | {r['ready_ms']:.0f} "
              f"| {r['key_median']:.1f} | {r['key_max']:.1f} | {r['settle_max']:.0f} |")


def main(sizes: list[int]) -> None:
    print("| data | page | rows | HTML KB (gzipped) | ready ms | keystroke ms, median | keystroke ms, max "
          "| every row settled ms, max |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        build(ROOT / "jurisdictions", Path(tmp) / "bundled")
        report("bundled", measure_site(Path(tmp) / "bundled"))
        for n in sizes:
            data = Path(tmp) / f"data-{n}"
            write(n, data)
            build(data, Path(tmp) / f"site-{n}")
            report(f"synthetic {n}", measure_site(Path(tmp) / f"site-{n}"))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 1000])
