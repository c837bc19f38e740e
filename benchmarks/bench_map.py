"""Map generation time and weight for N synthetic jurisdictions (in-process).

Usage: python benchmarks/bench_map.py [N ...]   (default: 50 300 1000 3000)
Goal (issue: the map): page + the files it loads <= 300 KB (<= 100 KB gzipped), Leaflet aside.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import write  # noqa: E402
from generator.site import mapping  # noqa: E402
from generator.data.dataset import validate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOPOJSON = ROOT / "docs/assets/vendor/topojson-client/topojson-client.min.js"


def measure(dataset) -> tuple[float, int, int]:
    start = time.perf_counter()
    files = mapping.map_outputs(dataset)
    elapsed = time.perf_counter() - start
    blob = "".join(files.values()).encode() + (TOPOJSON.read_bytes() if TOPOJSON.exists() else b"")
    return elapsed, len(blob), len(gzip.compress(blob, 9))


def main(sizes: list[int]) -> None:
    print("| data | generation s | page + data KB | gzipped KB |")
    print("|---|---:|---:|---:|")
    real, _ = validate([ROOT / "jurisdictions"])
    t, raw, gz = measure(real)
    print(f"| bundled ({len(real)} jurisdictions) | {t:.2f} | {raw / 1024:.0f} | {gz / 1024:.0f} |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write(n, Path(tmp))
            dataset, _ = validate([Path(tmp)])
            t, raw, gz = measure(dataset)
            print(f"| synthetic {n} | {t:.2f} | {raw / 1024:.0f} | {gz / 1024:.0f} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 300, 1000, 3000])
