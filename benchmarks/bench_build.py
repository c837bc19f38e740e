"""Scaling benchmark: validate, generate, the full build and a plain `mkdocs build` (the floor).

Usage: python benchmarks/bench_build.py [N ...]      (default: 50 300 1000 3000)
       python benchmarks/bench_build.py --pairs K N  (the build and the floor in turn, K times each)
Writes a Markdown table to stdout; copy it into benchmarks/RESULTS.md.

With --pairs the two commands run alternately (build, floor, build, floor, ...) on the same
synthetic project, so a drift in the shared machine's speed falls on both; it prints the median
wall and CPU seconds (user + system, the process and the children it waited for, as the kernel
counts them) of each and the median of the per-pair ratios.

Each step runs in its own process, so times include Python start-up and
peak memory is that process's maximum resident size. The full build is
`python -m generator build` (the `atlas` plugin makes the pages in memory).
The floor is a plain `mkdocs build` of the very Markdown the plugin renders:
`python -m generator pages` writes it into the project's docs/atlas/ (the
"generate" column), the home page's snippet marker is replaced by the
snippet `pages` wrote, and the configuration has the `atlas` plugin entry
removed. The time from saving a file under `serve` to the changed page is
measured by benchmarks/bench_serve.py.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write  # noqa: E402
from generator.site.plugin import SNIPPET_MARK  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "ATLAS_DATA_VERSION": "bench", "SOURCE_DATE_EPOCH": "1764201600",
       "NO_MKDOCS_2_WARNING": "1"}


def run(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one command."""
    elapsed, _, rss = run(cmd, cwd)
    return elapsed, rss


PLUGIN_ENTRY = re.compile(r"^  - atlas:\n(?:      [^\n]*\n)*", re.M)  # the entry and its indented options


def project(work: Path) -> Path:
    """A copy of the site's sources with absolute theme paths: mkdocs.yml (plugin) and floor.yml (no plugin)."""
    proj = work / "project"
    shutil.copytree(ROOT / "docs", proj / "docs", ignore=shutil.ignore_patterns("atlas"))
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("custom_dir: generator/site/theme", f"custom_dir: {ROOT / 'generator/site/theme'}")
    (proj / "mkdocs.yml").write_text(config)
    # the floor: the same configuration without the atlas plugin
    floor, removed = PLUGIN_ENTRY.subn("", config)
    if removed != 1:
        raise SystemExit("mkdocs.yml: could not find the `- atlas:` plugin entry to remove for the floor")
    (proj / "floor.yml").write_text(floor)
    return proj


def inline_snippets(proj: Path) -> None:
    """Put the snippets `pages` wrote where the plugin would, and drop them as pages of their own."""
    snippets = proj / "docs" / "atlas" / "_snippets"
    for page in (proj / "docs").rglob("*.md"):
        if snippets in page.parents:
            continue
        text = original = page.read_text(encoding="utf-8")
        for snippet in snippets.glob("*.md"):
            text = text.replace(SNIPPET_MARK.format(name=snippet.stem), snippet.read_text(encoding="utf-8"))
        if text != original:
            page.write_text(text, encoding="utf-8")
    shutil.rmtree(snippets, ignore_errors=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "data"
        write(n, data)
        proj = project(work)
        r: dict = {"n": n}
        r["validate"] = timed([PY, "-m", "generator", "validate", str(data)], proj)
        # the full build first, while docs/ holds only the hand-written pages (as in the repository)
        r["build"] = timed([PY, "-m", "generator", "build", "--data", str(data), "--out", str(work / "site"),
                            "--config", "mkdocs.yml"], proj)
        r["generate"] = timed([PY, "-m", "generator", "pages", "--data", str(data), "--out",
                               str(proj / "docs" / "atlas"), "--config", "mkdocs.yml"], proj)
        inline_snippets(proj)
        r["floor"] = timed([PY, "-m", "mkdocs", "build", "-q", "-f", "floor.yml", "-d", str(work / "floor")], proj)
        site = work / "site"
        pages = [p for p in (site / "atlas").glob("*/index.html") if re.fullmatch(r"[a-z]{2}(-[a-z0-9]{1,3})?", p.parent.name)]
        floor_pages = [p for p in (work / "floor" / "atlas").glob("*/index.html") if p.parent.name in {q.parent.name for q in pages}]
        if len(floor_pages) != len(pages):
            raise SystemExit(f"the floor has {len(floor_pages)} jurisdiction pages, the build {len(pages)}")
        index = (site / "search" / "search_index.json").read_bytes()
        map_files = [site / "atlas/map/index.html", site / "atlas/map/atlas-map.html", site / "atlas/map/shapes.js"]
        map_bytes = b"".join(p.read_bytes() for p in map_files)
        r.update(
            pages=len(pages),
            site_mb=folder_size(site) / 1e6,
            largest_page_kb=max(p.stat().st_size for p in pages) / 1024,
            index_kb=len(index) / 1024, index_gz_kb=len(gzip.compress(index, 9)) / 1024,
            map_kb=len(map_bytes) / 1024, map_gz_kb=len(gzip.compress(map_bytes, 9)) / 1024,
        )
        return r


def pairs(n: int, k: int) -> None:
    """The full build and the floor in turn, k times each, on one synthetic project of n files."""
    import statistics

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "data"
        write(n, data)
        proj = project(work)
        build = [PY, "-m", "generator", "build", "--data", str(data), "--out", str(work / "site"), "--config", "mkdocs.yml"]
        run(build, proj)  # a warm-up, before docs/ holds the generated pages (as in the repository)
        run([PY, "-m", "generator", "pages", "--data", str(data), "--out", str(proj / "docs" / "atlas"),
             "--config", "mkdocs.yml"], proj)
        inline_snippets(proj)
        floor = [PY, "-m", "mkdocs", "build", "-q", "-f", "floor.yml", "-d", str(work / "floor")]
        # the build's own project must not see the generated pages: it runs from a second copy
        clean = project(work / "clean")
        build_runs, floor_runs = [], []
        for _ in range(k):
            build_runs.append(run(build, clean))
            floor_runs.append(run(floor, proj))
    med = statistics.median
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; {n} jurisdictions, {k} pairs\n")
    print("| command | wall s (median) | CPU s (median) | peak MB |\n|---|---:|---:|---:|")
    for name, runs in (("full build", build_runs), ("floor: mkdocs build", floor_runs)):
        print(f"| {name} | {med(r[0] for r in runs):.2f} | {med(r[1] for r in runs):.2f} | {max(r[2] for r in runs):.0f} |")
    print(f"\nbuild / floor, median of the pairs: wall {med(b[0] / f[0] for b, f in zip(build_runs, floor_runs)):.2f}x, "
          f"CPU {med(b[1] / f[1] for b, f in zip(build_runs, floor_runs)):.2f}x")


def main(sizes: list[int]) -> None:
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print("| jurisdictions | validate s (MB) | generate (`pages`) s (MB) | full build s (MB) | floor: mkdocs build s (MB) "
          "| build / floor | site MB | largest jurisdiction page KB | search index KB (gz) | map page + data KB (gz) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results = []
    for n in sizes:
        r = measure(n)
        results.append(r)
        cell = lambda k: f"{r[k][0]:.2f} ({r[k][1]:.0f})"  # noqa: E731
        print(f"| {n} | {cell('validate')} | {cell('generate')} | {cell('build')} | {cell('floor')} "
              f"| {r['build'][0] / r['floor'][0]:.2f}x | {r['site_mb']:.1f} | {r['largest_page_kb']:.1f} "
              f"| {r['index_kb']:.0f} ({r['index_gz_kb']:.0f}) | {r['map_kb']:.0f} ({r['map_gz_kb']:.0f}) |",
              flush=True)
    by_n = {r["n"]: r for r in results}
    if 300 in by_n and 3000 in by_n:
        print(f"\nGrowth of the full build, t(3000) / t(300): {by_n[3000]['build'][0] / by_n[300]['build'][0]:.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--pairs"]:
        pairs(int(sys.argv[3]) if len(sys.argv) > 3 else 300, int(sys.argv[2]))
    else:
        main([int(a) for a in sys.argv[1:]] or [50, 300, 1000, 3000])
