"""Exact and near-duplicate articles (wire reprints) without comparing all pairs.

Bodies are reduced to sets of word 5-gram shingles. MinHash signatures (126
hash functions) are banded for locality-sensitive hashing (42 bands of 3
rows): two articles become a candidate pair when any band agrees, which
happens with probability ~0.99 at Jaccard 0.5 and ~0.3 at Jaccard 0.2.
Candidates are then verified exactly on their shingle sets, so banding only
costs recall, never precision. Work grows with the number of articles times
the bucket sizes, not with the square of the corpus.

A pair is a near duplicate when the Jaccard similarity of the shingle sets is
at least ``threshold`` (default 0.5), or when at least ``containment`` (0.8)
of the shorter article's shingles occur in the longer one (a reprint trimmed
by a paragraph or two). A changed headline does not matter (only bodies are
compared) and an added credit line only adds a few shingles. Two articles that
share one paragraph of background but report different things stay well
below both thresholds.

Every duplicate points to the earliest-published article of its group (ties
broken by source path); ``duplicate_similarity`` is the Jaccard similarity to
that article (1.0 for exact copies); ``duplicate_kind`` describes the relation
to that article, so an exact copy of a reprint is a ``near`` duplicate of the
wire story it reprints.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
N_HASHES = 126
BANDS = 42
ROWS = N_HASHES // BANDS
MAX_BUCKET = 500  # a bucket still this large: compare each article with the 500 before it
COMMON_MIN, COMMON_SHARE = 50, 0.005  # a shingle in more articles than this is boilerplate
_WORD = re.compile(r"\w+", re.UNICODE)

# One 64-bit seed per hash function; the mixer is splitmix64's finaliser, whose
# output order is effectively random (a plain a*x+b mod p with small a is not).
_SEEDS = np.random.default_rng(20250630).integers(0, np.iinfo(np.uint64).max, size=N_HASHES, dtype=np.uint64)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def _mix(z: np.ndarray) -> np.ndarray:
    z = z ^ (z >> np.uint64(30))
    z = z * _M1  # uint64 arithmetic wraps modulo 2**64, as intended
    z = z ^ (z >> np.uint64(27))
    z = z * _M2
    return z ^ (z >> np.uint64(31))


@dataclass
class Duplicate:
    original: int
    kind: str
    similarity: float


def exact_key(text: str) -> bytes:
    """Digest of the words in order (case and punctuation ignored); b"" for no words."""
    words = " ".join(_WORD.findall(text.casefold()))
    return hashlib.blake2b(words.encode("utf-8"), digest_size=16).digest() if words else b""


def shingles(text: str, k: int = SHINGLE) -> np.ndarray:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i:i + k]) for i in range(len(words) - k + 1)]
    # crc32 is stable across processes (unlike hash()) and fast; its 32 bits are
    # kept as such (a corpus holds every article's shingles at once), and widen
    # to 64 bits only inside ``minhash``.
    return np.unique(np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32, count=len(grams)))


def minhash(sh: np.ndarray) -> np.ndarray:
    if sh.size == 0:
        return np.full(N_HASHES, np.iinfo(np.uint64).max, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return _mix(sh.astype(np.uint64)[:, None] + _SEEDS).min(axis=0)


def _similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - inter
    return inter / union, inter / min(a.size, b.size)


def find_duplicates(texts: list[str], order: list[int], *, threshold: float = 0.5,
                    containment: float = 0.8, min_shingles: int = 10) -> dict[int, Duplicate]:
    """Map article index -> :class:`Duplicate` for every reprint.

    ``order`` lists article indices from earliest to latest published; the
    earliest of a group is its original.
    """
    rank = {idx: r for r, idx in enumerate(order)}
    result: dict[int, Duplicate] = {}
    # 1. exact copies (same words in the same order)
    first_by_key: dict[bytes, int] = {}
    for idx in order:
        key = exact_key(texts[idx])
        if not key:
            continue
        if key in first_by_key:
            result[idx] = Duplicate(first_by_key[key], "exact", 1.0)
        else:
            first_by_key[key] = idx
    # 2. near copies among the remaining articles
    rest = [i for i in order if i not in result]
    sh = {i: shingles(texts[i]) for i in rest}
    # Shingles found in very many articles (boilerplate, stock phrases) would put
    # those articles into the same huge LSH buckets; leave them out of the
    # signatures (not out of the exact verification).
    common = np.empty(0, dtype=np.uint32)
    if len(rest) > 1:
        uniq, counts = np.unique(np.concatenate([sh[i] for i in rest]), return_counts=True)
        common = uniq[counts > max(COMMON_MIN, int(COMMON_SHARE * len(rest)))]
    indexed = [i for i in rest if sh[i].size >= min_shingles]
    sigs = np.empty((len(indexed), N_HASHES), dtype=np.uint64)
    for row, i in enumerate(indexed):
        sig_sh = np.setdiff1d(sh[i], common, assume_unique=True) if common.size else sh[i]
        sigs[row] = minhash(sig_sh if sig_sh.size >= min_shingles else sh[i])
    # One 64-bit key per (article, band); articles sharing a key share a bucket.
    # Grouping by sorting each band's column keeps memory at n x bands integers.
    bands = sigs.reshape(len(indexed), BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = np.zeros((len(indexed), BANDS), dtype=np.uint64)
        for r in range(ROWS):
            keys = _mix(keys ^ bands[:, :, r] + np.uint64(r + 1))
    indexed_arr = np.asarray(indexed)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for b in range(BANDS):
        col = keys[:, b]
        by_key = np.argsort(col, kind="stable")  # stable: earliest first within a bucket
        sorted_keys = col[by_key]
        starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
        ends = np.append(starts[1:], len(sorted_keys))
        for s_, e_ in zip(starts[ends - starts >= 2], ends[ends - starts >= 2]):
            members = indexed_arr[by_key[s_:e_]].tolist()
            for pos, i in enumerate(members):
                for j in members[max(0, pos - MAX_BUCKET):pos]:
                    neighbours[i].add(j)
                    neighbours[j].add(i)
    root: dict[int, int] = {}
    for i in rest:  # earliest first, so every earlier article is already resolved
        best = None
        for j in sorted(neighbours.get(i, ()), key=rank.get):
            if rank[j] >= rank[i]:
                break
            jac, cont = _similarity(sh[i], sh[j])
            if jac >= threshold or cont >= containment:
                best = j
                break
        if best is None:
            continue
        original = root.get(best, best)
        root[i] = original
        jac, _ = _similarity(sh[i], sh[original]) if original != best else _similarity(sh[i], sh[best])
        result[i] = Duplicate(original, "near", round(float(jac), 4))
    # An exact copy of a reprint is a near duplicate of the reprint's original.
    for i, dup in list(result.items()):
        if dup.kind == "exact" and dup.original in result and result[dup.original].kind == "near":
            rep = result[dup.original]
            result[i] = Duplicate(rep.original, "near", rep.similarity)
    return result
