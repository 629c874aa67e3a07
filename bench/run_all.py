"""Run every benchmark with its documented default size, one after another.

Each script prints its own Markdown table; the figures in docs/benchmarks.md
come from these commands on a 2-core machine. The translation baseline needs
argostranslate in a separate environment (see the translation section of docs/benchmarks.md);
without it that script measures our path only.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

COMMANDS = [
    ["bench_ingest.py", "--articles", "1000"],
    ["bench_translate.py", "--sentences", "200"],
    ["bench_align.py", "--n", "10000"],
    ["bench_attribution.py"],
    ["bench_analyze.py"],
]


def main() -> int:
    failed = []
    for args in COMMANDS:
        print(f"\n## {' '.join(args)}\n", flush=True)
        proc = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], cwd=ROOT)
        if proc.returncode:
            failed.append(args[0])
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
