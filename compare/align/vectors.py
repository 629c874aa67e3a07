"""Article vectors for alignment: the mean of sentence embeddings, without the language.

Multilingual e5 puts every text of one language in its own region of the
space: two Russian articles on unrelated stories look closer than a Russian
and an Azerbaijani report of the same story. Removing each language's mean
vector, measured once on parallel news (a fixed reference, not the corpus),
takes the language out and keeps the topic: a corpus of one affair stays one
affair, which centring on the corpus itself would undo.

Measured on events-dev (``bench/fit_align.py``): after debiasing, same-affair
pairs in different languages have a mean cosine of 0.47 and in one language
0.52 (before: 0.92 / 0.96 over a background of 0.90 / 0.93); pairs of
different affairs published within a week, 0.10. The reference means come
from NTREX-128 documents 20-122 (``bench/align_reference.py``;
``compare/data/align_language_means.json`` says how they were made).

Sentence vectors are embedded with ``kind="query"``, the same key the
comparison stage uses for claims, so a run's embedding cache serves both.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np
import polars as pl

MEANS_PATH = Path(__file__).resolve().parents[1] / "data" / "align_language_means.json"
# Sentences of one article that go into its vector. Leads and the first
# paragraphs say what the article reports; long tails add background.
MAX_SENTENCES = 40


@lru_cache(maxsize=4)
def _reference(path: str) -> dict:
    p = Path(path)
    if not p.exists():
        return {}
    return json.loads(p.read_text(encoding="utf-8"))


def language_means(model_id: str | None, path: Path = MEANS_PATH, *, level: str = "article") -> dict[str, np.ndarray]:
    """Per-language mean vectors for this embedding model (``level``: ``article``
    for article vectors, ``sentence`` for single sentences), or ``{}`` when none
    were measured for it (the vectors are then used as they are)."""
    ref = _reference(str(path))
    family = ref.get("model_family")
    if not ref or not model_id or not family or family not in model_id:
        return {}
    key = "sentence_means" if level == "sentence" else "means"
    return {lang: np.asarray(v, dtype=np.float32) for lang, v in ref.get(key, {}).items()}


def debias(vectors: np.ndarray, languages: Sequence[str], means: dict[str, np.ndarray]) -> np.ndarray:
    """Unit rows with their language's reference mean removed. A language
    without a measured mean gets the mean of the measured ones."""
    out = np.array(vectors, dtype=np.float32, copy=True)
    if means and len(out):
        fallback = np.mean(list(means.values()), axis=0)
        langs = np.asarray(languages, dtype=object)
        for lang in set(languages):
            out[langs == lang] -= means.get(lang, fallback)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


@dataclass
class ArticleVectors:
    """``doc``: mean of the title and sentence vectors; ``head``: title and first
    sentence. Both debiased and of unit length, one row per article."""

    doc: np.ndarray
    head: np.ndarray
    debiased: bool
    parts: "ArticleParts | None" = None


@dataclass
class ArticleParts:
    """The texts each article's vector is made of (:func:`article_texts`), kept
    for the sub-event step, which embeds them again event by event (cache hits
    in a run) instead of holding every sentence vector: 100,000 articles of 16
    sentences would take 2.4 GB of vectors, their texts a fraction of that.

    ``texts``: every part in article order, as one Arrow string column;
    ``starts``: article ``a``'s parts are ``texts[starts[a]:starts[a + 1]]``."""

    texts: pl.Series
    starts: np.ndarray

    def of(self, articles: Sequence[int]) -> tuple[list[str], np.ndarray]:
        """The parts of ``articles`` in that order, and where each article's begin
        (one more entry at the end)."""
        articles = np.asarray(articles, dtype=np.int64)
        lo = self.starts[articles]
        rows, edges = concatenated_ranges(lo, self.starts[articles + 1] - lo)
        return self.texts.gather(rows).to_list(), edges


def concatenated_ranges(lo: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The indices ``lo[k]:lo[k] + counts[k]`` for every ``k``, one after the
    other, and where each range begins in them (one more entry at the end)."""
    edges = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return np.repeat(lo - edges[:-1], counts) + np.arange(edges[-1]), edges


def article_texts(title: str | None, sentences: Sequence[str], max_sentences: int = MAX_SENTENCES) -> list[str]:
    """The texts whose vectors make an article's vector: its title (unless the
    body repeats it) and its first ``max_sentences`` sentences."""
    body = [s.strip() for s in sentences if s and s.strip()]
    title = (title or "").strip()
    if title and body and body[0] == title:
        body = body[1:]
    parts = ([title] if title else []) + body[:max_sentences]
    return parts or [" "]


def head_text(parts: Sequence[str]) -> str:
    """An article's head: its first text (the title) and the next one (the lead) as
    one text, what the article reports."""
    return parts[0] + "\n" + parts[1] if len(parts) > 1 else parts[0]


def article_vectors(titles: Sequence[str | None], sentences: Sequence[Sequence[str]], languages: Sequence[str],
                    embedder, *, kind: str = "query", max_sentences: int = MAX_SENTENCES) -> ArticleVectors:
    """Embed every article's sentences once and build its vectors."""
    texts: list[str] = []
    owner: list[int] = []
    first: list[int] = []
    for a, (title, sents) in enumerate(zip(titles, sentences)):
        parts = article_texts(title, sents, max_sentences)
        first.append(len(texts))
        texts.extend(parts)
        owner.extend([a] * len(parts))
    n = len(titles)
    dim = getattr(embedder, "dim", 384)
    if not texts:
        empty = np.zeros((0, dim), np.float32)
        return ArticleVectors(empty, empty, False)
    # Deduplicated: boilerplate lines repeat across articles.
    uniq = list(dict.fromkeys(texts))
    pos = {t: k for k, t in enumerate(uniq)}
    vecs = embedder.embed(uniq, kind=kind)
    rows = np.fromiter((pos[t] for t in texts), dtype=np.int64, count=len(texts))
    own = np.asarray(owner, dtype=np.int64)
    doc = np.zeros((n, vecs.shape[1]), np.float64)
    # In slices, in order: gathering every part's vector at once takes
    # parts x 384 floats (1.8 GB at 100,000 articles); the sums are the same.
    step = 65_536
    for k in range(0, len(rows), step):
        np.add.at(doc, own[k:k + step], vecs[rows[k:k + step]])
    counts = np.bincount(own, minlength=n).astype(np.float64)[:, None]
    doc = (doc / np.maximum(counts, 1.0)).astype(np.float32)
    # head: the title and the first sentence as one text (what the article reports)
    heads = [head_text(parts)
             for parts in (texts[first[a]:first[a] + 2] if counts[a, 0] >= 2 else texts[first[a]:first[a] + 1]
                           for a in range(n))]
    head = embedder.embed(heads, kind=kind)
    means = language_means(getattr(embedder, "model_id", None))
    starts = np.concatenate([np.asarray(first, dtype=np.int64), [len(texts)]])
    return ArticleVectors(debias(doc, languages, means), debias(head, languages, means), bool(means),
                          ArticleParts(pl.Series("text", texts, dtype=pl.Utf8), starts))


def without_group_means(vectors: np.ndarray, groups) -> np.ndarray:
    """``vectors`` (rows), each without its projection on the mean of its group
    (``groups``: lists of row indices), normalised. What a group's members share
    (its topic, and the language when a group is one language) goes; what tells
    them apart stays."""
    out = np.array(vectors, dtype=np.float32, copy=True)
    for idx in groups:
        centre = out[idx].mean(axis=0)
        norm = float(np.linalg.norm(centre))
        if norm == 0.0:
            continue
        centre /= norm
        part = out[idx]
        part -= np.outer(part @ centre, centre)
        out[idx] = part
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


def best_match_means(vectors: np.ndarray, starts: np.ndarray, i: np.ndarray, j: np.ndarray, *,
                     dense_limit: int = 1_500) -> np.ndarray:
    """For pairs of articles ``(i[k], j[k])`` whose rows of ``vectors`` are
    ``starts[a]:starts[a + 1]``: each row's best cosine with the other article's
    rows, averaged over each article, then over the two. Two reports of one
    story have sentences that match one by one; two stories of one affair match
    only on what the affair's articles all say.

    Up to ``dense_limit`` articles every article is matched with every other,
    a slice of rows at a time (large products are several times faster than
    one per pair, and a slice bounds the memory); beyond it, one article at a
    time against its partners in ``i``/``j`` only."""
    out = np.zeros(len(i), np.float64)
    if not len(i):
        return out
    counts = np.diff(starts)
    n_articles = len(counts)
    if n_articles <= dense_limit:
        best = _best_match_matrix(vectors, starts)
        return (best[i, j].astype(np.float64) + best[j, i]) / 2.0
    order = np.argsort(i, kind="stable")
    bounds = np.flatnonzero(np.diff(i[order])) + 1
    for block in np.split(order, bounds):
        a = int(i[block[0]])
        partners = j[block]
        sizes = counts[partners]
        rows, edges = concatenated_ranges(starts[partners], sizes)
        edges = edges[:-1]
        sims = vectors[starts[a]:starts[a + 1]] @ vectors[rows].T  # a's rows x partners' rows
        a_side = np.maximum.reduceat(sims, edges, axis=1).mean(axis=0)  # per partner: a's rows' best
        b_side = np.add.reduceat(sims.max(axis=0), edges) / sizes
        out[block] = (a_side + b_side) / 2.0
    return out


def _best_match_matrix(vectors: np.ndarray, starts: np.ndarray, budget: float = 2e7) -> np.ndarray:
    """``m[a, b]``: the mean over article ``a``'s rows of each one's best cosine
    among article ``b``'s rows, for every pair, computed ``budget`` cosines at a time."""
    counts = np.diff(starts)
    n = len(counts)
    out = np.empty((n, n), np.float32)
    step = max(1, int(budget // max(int(starts[-1]), 1)))
    first = 0
    while first < n:
        last = first + 1
        while last < n and starts[last + 1] - starts[first] <= step:
            last += 1
        sims = vectors[starts[first]:starts[last]] @ vectors.T
        best = np.maximum.reduceat(sims, starts[:-1], axis=1)  # each row's best in each article
        out[first:last] = np.add.reduceat(best, starts[first:last] - starts[first], axis=0) / counts[first:last, None]
        first = last
    return out


def residual_match(vectors: np.ndarray, starts: np.ndarray, languages: Sequence[str], i: np.ndarray,
                   j: np.ndarray) -> np.ndarray:
    """:func:`best_match_means` after each row loses its projection on the mean
    of its language's rows (``languages``: one per article). Given the articles
    of one event, this takes out what the event's articles in a language all
    say, so that the match is on the story, not on the affair."""
    lang = np.repeat(np.asarray(languages, dtype=object), np.diff(starts))
    groups = [np.flatnonzero(lang == x) for x in sorted(set(languages))]
    return best_match_means(without_group_means(vectors, groups), starts, i, j)
