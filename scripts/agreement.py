"""Recompute the coders' agreement from the run files in coding/runs/.

    python scripts/agreement.py            # a table per run: dimension, n, agreed, %, Cohen's kappa
    python scripts/agreement.py --csv      # the same as CSV (the site's atlas-agreement.csv)

Agreement is the first coding against the blind second coding, before
reconciliation; the last column counts levels reconciliation changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.data.agreement import agreements, load_runs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "coding" / "runs")
    parser.add_argument("--csv", action="store_true")
    args = parser.parse_args()
    runs, problems = load_runs(args.folder)
    for p in problems:
        print(p.text(), file=sys.stderr)
    if problems:
        return 1
    if args.csv:
        print("run,guide_version,dimension,n,agreed,percent,kappa,reconciled_changed")
    for run in runs:
        rows = agreements(run)
        if not args.csv:
            print(f"{run.run} (guide {run.guide_version}, data {run.data_commit[:10]})")
            print(f"  {'dimension':<14}{'n':>5}{'agreed':>8}{'%':>8}{'kappa':>8}{'changed':>9}")
        for a in rows:
            kappa = "" if a.kappa is None else f"{a.kappa:.3f}"
            percent = "" if a.percent is None else f"{a.percent:.1f}"
            if args.csv:
                print(f"{run.run},{run.guide_version},{a.dimension},{a.n},{a.agreed},{percent},{kappa},"
                      f"{a.reconciled_changed}")
            else:
                print(f"  {a.dimension:<14}{a.n:>5}{a.agreed:>8}{percent or '-':>8}{kappa:>8}{a.reconciled_changed:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
