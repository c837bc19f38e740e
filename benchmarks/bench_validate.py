"""Load + validate of N synthetic files against plain `yaml.load(..., CSafeLoader)` (the floor).

Usage: python benchmarks/bench_validate.py [N ...]   (default: 300 3000)
Goal (issue: data model): validate <= 1.5 x the floor.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import write  # noqa: E402
from generator.data.dataset import validate  # noqa: E402


def best_of(runs: int, fn) -> float:
    """Fastest of ``runs``, with the cyclic garbage collector off for both sides.

    validate() switches the collector off while it loads (see dataset._no_cyclic_gc);
    timing the floor with it on would flatter the ratio.
    """
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def floor(paths: list[Path]) -> None:
    for p in paths:
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def measure(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write(n, Path(tmp) / "data")
        validate([Path(tmp) / "data"])  # warm caches (pycountry, schema)
        base = best_of(3, lambda: floor(paths))
        full = best_of(3, lambda: validate([Path(tmp) / "data"]))
        _, problems = validate([Path(tmp) / "data"])
        assert not problems, problems[:3]
    return {"n": n, "floor_s": base, "validate_s": full, "ratio": full / base}


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [300, 3000]
    print("| files | yaml.load CSafeLoader (s) | load + validate (s) | ratio |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        r = measure(n)
        print(f"| {r['n']} | {r['floor_s']:.3f} | {r['validate_s']:.3f} | {r['ratio']:.2f}x |")
