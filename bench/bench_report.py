"""Time the output stages (report, figures, handout) on a run directory.

    python bench/bench_report.py runs/demo [--repeat 3]

Prints one JSON line per stage with the median wall time in seconds, the
number of files written and their total size. Outputs go to a temporary
folder, so the run directory is left as it was.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from compare import console
    from compare.figures import figures_run
    from compare.report import handout_run, report_run

    console.configure(quiet=True)
    stages = {
        "report": lambda out: report_run(args.run, out=out),
        "figures": lambda out: figures_run(args.run, out=out),
        "handout": lambda out: handout_run(args.run, out=out),
    }
    for name, call in stages.items():
        times, files, size = [], 0, 0
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                call(Path(tmp) / name)
                times.append(time.perf_counter() - start)
                written = [p for p in Path(tmp).rglob("*") if p.is_file()]
                files, size = len(written), sum(p.stat().st_size for p in written)
        print(json.dumps({"stage": name, "run": str(args.run), "median_s": round(statistics.median(times), 3),
                          "min_s": round(min(times), 3), "repeat": args.repeat, "files": files,
                          "bytes": size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
