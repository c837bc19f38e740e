"""Scaling benchmark: validate, generate, the full build and a plain `mkdocs build` (the floor).

Usage: python benchmarks/bench_build.py [N ...]      (default: 50 300 1000 3000)
Writes a Markdown table to stdout; copy it into benchmarks/RESULTS.md.

Each step runs in its own process, so times include Python start-up and
peak memory is that process's maximum resident size. The floor is
`mkdocs build` of the very Markdown the generator wrote, with the atlas
hook removed from the configuration.
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

PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "ATLAS_DATA_VERSION": "bench", "SOURCE_DATE_EPOCH": "1764201600",
       "NO_MKDOCS_2_WARNING": "1"}


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def project(work: Path) -> Path:
    proj = work / "project"
    shutil.copytree(ROOT / "docs", proj / "docs", ignore=shutil.ignore_patterns("atlas"))
    config = (ROOT / "mkdocs.yml").read_text()
    for rel in ("generator/mkdocs_hook.py", "generator/theme"):
        config = config.replace(rel, str(ROOT / rel))
    (proj / "mkdocs.yml").write_text(config)
    # the floor: the same configuration without the hook
    (proj / "floor.yml").write_text(re.sub(r"hooks:\n  - [^\n]+\n", "", config))
    return proj


GENERATE = (
    "import sys; from pathlib import Path; from generator.site_build import ensure_generated; "
    "ensure_generated(Path(sys.argv[1]), Path('docs'), 'https://example.org/r', 'https://example.org/')"
)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def serve_rebuild(proj: Path, data: Path, port: int) -> tuple[float, float]:
    """(rebuild seconds as MkDocs reports them, seconds from saving a YAML file to the rebuild's end).

    The second includes MkDocs' own change detection: it polls the watched
    folders every 0.5 s and waits 0.1 s more before building.
    """
    proc = subprocess.Popen([PY, "-m", "generator", "serve", "--data", str(data), "--config", "mkdocs.yml",
                             "--port", str(port)], cwd=proj, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(proc, "Serving on")
        target = sorted(data.glob("*.yml"))[len(list(data.glob("*.yml"))) // 2]
        text = target.read_text()
        start = time.perf_counter()
        target.write_text(text.replace("summary: ", "summary: Edited. ", 1))
        line = _wait_for(proc, "Documentation built in")
        latency = time.perf_counter() - start
        return float(re.search(r"built in ([0-9.]+) seconds", line).group(1)), latency
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _wait_for(proc: subprocess.Popen, marker: str, timeout: float = 600) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            raise SystemExit("serve stopped")
        if marker in line:
            return line
    raise SystemExit(f"timed out waiting for {marker!r}")


def measure(n: int, with_serve: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "data"
        write(n, data)
        proj = project(work)
        r: dict = {"n": n}
        r["validate"] = timed([PY, "-m", "generator", "validate", str(data)], proj)
        r["generate"] = timed([PY, "-c", GENERATE, str(data)], proj)
        shutil.rmtree(proj / "docs" / "atlas")
        r["build"] = timed([PY, "-m", "generator", "build", "--data", str(data), "--out", str(work / "site"),
                            "--config", "mkdocs.yml"], proj)
        r["floor"] = timed([PY, "-m", "mkdocs", "build", "-q", "-f", "floor.yml", "-d", str(work / "floor")], proj)
        site = work / "site"
        pages = [p for p in (site / "atlas").glob("*/index.html") if re.fullmatch(r"[a-z]{2}(-[a-z0-9]{1,3})?", p.parent.name)]
        index = (site / "search" / "search_index.json").read_bytes()
        map_files = [site / "atlas/map/index.html", site / "atlas/map/atlas-map.html", site / "atlas/map/shapes.js"]
        map_bytes = b"".join(p.read_bytes() for p in map_files)
        r.update(
            site_mb=folder_size(site) / 1e6,
            largest_page_kb=max(p.stat().st_size for p in pages) / 1024,
            index_kb=len(index) / 1024, index_gz_kb=len(gzip.compress(index, 9)) / 1024,
            map_kb=len(map_bytes) / 1024, map_gz_kb=len(gzip.compress(map_bytes, 9)) / 1024,
        )
        r["serve"] = serve_rebuild(proj, data, 8800 + n % 97) if with_serve else None
        return r


def main(sizes: list[int]) -> None:
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print("| jurisdictions | validate s (MB) | generate s (MB) | full build s (MB) | floor: mkdocs build s (MB) "
          "| build / floor | site MB | largest page KB | search index KB (gz) | map page + data KB (gz) | serve rebuild s (edit to reload) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results = []
    for n in sizes:
        r = measure(n, with_serve=n <= 1000)
        results.append(r)
        cell = lambda k: f"{r[k][0]:.2f} ({r[k][1]:.0f})"  # noqa: E731
        serve = f"{r['serve'][0]:.2f} ({r['serve'][1]:.2f})" if r["serve"] is not None else "—"
        print(f"| {n} | {cell('validate')} | {cell('generate')} | {cell('build')} | {cell('floor')} "
              f"| {r['build'][0] / r['floor'][0]:.2f}x | {r['site_mb']:.1f} | {r['largest_page_kb']:.1f} "
              f"| {r['index_kb']:.0f} ({r['index_gz_kb']:.0f}) | {r['map_kb']:.0f} ({r['map_gz_kb']:.0f}) | {serve} |",
              flush=True)
    by_n = {r["n"]: r for r in results}
    if 300 in by_n and 3000 in by_n:
        print(f"\nGrowth of the full build, t(3000) / t(300): {by_n[3000]['build'][0] / by_n[300]['build'][0]:.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 300, 1000, 3000])
