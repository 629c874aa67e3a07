"""Candidate pairs and average-link clustering that stay O(n·k) in memory.

Small corpora are scored on every pair; large ones only on the pairs that the
nearest-neighbour graph proposes (faiss: exact inner product up to
``EXACT_LIMIT`` vectors, HNSW above). Clustering is average linkage over the
scored pairs: two clusters merge while the mean probability of the pairs
between them that were scored stays at or above the threshold. Pairs never
proposed by the neighbour graph are not scored and do not count, so a large
event is held together by its neighbour edges and memory stays O(n·k).
"""
from __future__ import annotations

import heapq
import math

import numpy as np

EXACT_LIMIT = 20_000
DENSE_LIMIT = 1_500


def knn(vectors: np.ndarray, k: int, *, exact_limit: int = EXACT_LIMIT, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``(sims, idx)`` of each row's ``k`` nearest other rows (inner product)."""
    import faiss

    n, dim = vectors.shape
    k = min(k, n - 1)
    if k <= 0:
        return np.zeros((n, 0), np.float32), np.zeros((n, 0), np.int64)
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    if n <= exact_limit:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = max(64, 2 * k)
    index.add(x)
    sims, idx = index.search(x, k + 1)
    # Drop each row's hit on itself (wherever it landed) and keep k others.
    out_s = np.zeros((n, k), np.float32)
    out_i = np.full((n, k), -1, np.int64)
    for r in range(n):
        keep = idx[r] != r
        row_i, row_s = idx[r][keep][:k], sims[r][keep][:k]
        out_i[r, : len(row_i)] = row_i
        out_s[r, : len(row_s)] = row_s
    return out_s, out_i


def candidate_pairs(vectors: np.ndarray, k: int, *, dense_limit: int = DENSE_LIMIT) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)`` with ``i < j`` to score: all pairs for small n, else the symmetrised kNN graph."""
    n = vectors.shape[0]
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if n <= dense_limit:
        i, j = np.triu_indices(n, k=1)
        return i.astype(np.int64), j.astype(np.int64)
    _, idx = knn(vectors, k)
    rows = np.repeat(np.arange(n), idx.shape[1])
    cols = idx.ravel()
    ok = cols >= 0
    a, b = np.minimum(rows[ok], cols[ok]), np.maximum(rows[ok], cols[ok])
    ok = a != b
    keys = np.unique(a[ok] * n + b[ok])
    return (keys // n).astype(np.int64), (keys % n).astype(np.int64)


def _profile_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if dot <= 0.0:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def average_link(n: int, i: np.ndarray, j: np.ndarray, p: np.ndarray, threshold: float,
                 fill: np.ndarray | None = None, *, profiles: list[dict[str, float]] | None = None,
                 gate: float = 0.0, strong: float = 2.0,
                 must_link: list[list[int]] | None = None) -> np.ndarray:
    """Cluster labels (0..m-1, in order of first member) by average linkage on scored pairs.

    ``fill`` (one value per item) stands in for pairs that were never scored:
    the pair of clusters A, B is scored ``(sum of scored p + unscored pairs ×
    min(mean fill of A, mean fill of B)) / (|A|·|B|)``. With the kNN graph an
    unscored pair ranks below both articles' k-th neighbour, so each article's
    lowest scored probability bounds it. Without ``fill`` unscored pairs are
    ignored (all pairs are scored in small corpora).

    ``profiles`` (one sparse vector per item, e.g. idf-weighted names) gate
    merges: two clusters whose summed profiles have a cosine below ``gate``
    merge only when their link is at least ``strong``. ``must_link`` groups
    are merged before anything else, whatever their scores.
    """
    parent = np.arange(n)
    size = np.ones(n, dtype=np.int64)
    fill_sum = np.zeros(n) if fill is None else np.asarray(fill, dtype=np.float64).copy()
    prof = [dict(x) for x in profiles] if profiles is not None and gate > 0 else None

    def link(a: int, b: int, s: float, c: float) -> float:
        if fill is None:
            return s / c
        total = float(size[a] * size[b])
        f = min(fill_sum[a] / size[a], fill_sum[b] / size[b])
        return (s + max(total - c, 0.0) * f) / total

    # adjacency: cluster -> {other cluster: [sum of p, number of scored pairs]}
    adj: list[dict[int, list[float]]] = [dict() for _ in range(n)]
    for a, b, w in zip(i.tolist(), j.tolist(), p.tolist()):
        if a == b:
            continue
        e = adj[a].get(b)
        if e is None:
            adj[a][b] = adj[b][a] = [w, 1.0]
        else:  # the same list object is shared by both directions
            e[0] += w
            e[1] += 1
    alive = np.ones(n, dtype=bool)

    def merge(a: int, b: int) -> int:
        """Merge cluster b into a (or a into b, whichever has more links); return the survivor."""
        if len(adj[a]) < len(adj[b]):
            a, b = b, a
        alive[b] = False
        parent[b] = a
        size[a] += size[b]
        fill_sum[a] += fill_sum[b]
        if prof is not None:
            pa = prof[a]
            for k, v in prof[b].items():
                pa[k] = pa.get(k, 0.0) + v
            prof[b] = {}
        adj[a].pop(b, None)
        for other, (s, cnt) in adj[b].items():
            if other == a:
                continue
            del adj[other][b]
            mine = adj[a].get(other)
            if mine is None:
                mine = [s, cnt]
                adj[a][other] = adj[other][a] = mine
            else:
                mine[0] += s
                mine[1] += cnt
        adj[b] = {}
        return a

    for group in must_link or []:
        roots = []
        for v in group:
            r = v
            while parent[r] != r:
                r = parent[r]
            roots.append(r)
        roots = list(dict.fromkeys(roots))
        while len(roots) > 1:
            roots = [merge(roots[0], roots[1])] + roots[2:]

    heap = []
    for a in np.flatnonzero(alive).tolist():
        for b, (s, c) in adj[a].items():
            if a < b and link(a, b, s, c) >= threshold:
                heap.append((-link(a, b, s, c), a, b, c))
    heapq.heapify(heap)
    # Every merge re-pushes the merged cluster's links, leaving stale entries;
    # rebuilding the heap when it grows keeps memory proportional to the links.
    limit = 2 * len(heap) + 100_000
    while heap:
        if len(heap) > limit:
            heap = []
            for x in np.flatnonzero(alive).tolist():
                for y, (s, c) in adj[x].items():
                    if x < y:
                        score = link(x, y, s, c)
                        if score >= threshold:
                            heap.append((-score, x, y, c))
            heapq.heapify(heap)
            limit = 2 * len(heap) + 100_000
            if not heap:
                break
        neg, a, b, c = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        e = adj[a].get(b)
        if e is None or e[1] != c or abs(link(a, b, e[0], e[1]) + neg) > 1e-12:
            continue  # stale entry: the pair was updated by a later merge
        if prof is not None and -neg < strong and _profile_cosine(prof[a], prof[b]) < gate:
            continue  # no shared names: retried only if a later merge changes either side
        a = merge(a, b)
        for other, (s, cnt) in adj[a].items():
            score = link(a, other, s, cnt)
            if score >= threshold:
                x, y = (a, other) if a < other else (other, a)
                heapq.heappush(heap, (-score, x, y, cnt))
    # resolve roots
    root = np.arange(n)
    for v in range(n):
        r = v
        while parent[r] != r:
            r = parent[r]
        root[v] = r
    _, labels = np.unique(root, return_inverse=True)
    # renumber by first occurrence so labels are stable for a given input order
    order: dict[int, int] = {}
    out = np.empty(n, dtype=np.int64)
    for v, lab in enumerate(labels):
        out[v] = order.setdefault(int(lab), len(order))
    return out
