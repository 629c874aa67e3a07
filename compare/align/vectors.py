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
    return ArticleVectors(debias(doc, languages, means), debias(head, languages, means), bool(means))
