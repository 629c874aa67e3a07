"""Fact rows: the claims of one event that state one fact, across outlets and languages.

Every pair of claims of an event gets a probability that the two state the
same fact, from a logistic model over:

``cos``
    cosine of the two claims' sentence vectors (multilingual e5, ``query:``,
    each language's reference mean removed: :mod:`compare.align.vectors`);
``names``
    share of the smaller claim's entity keys the other has too;
``count``
    both count the same thing (dead, detained, ...) in the same scope;
``number``
    both give the same number in digits (not a year);
``term``
    both mention the same key term of the glossary (protest note, autopsy, ...);
``date``
    both state the same calendar date;
``english``
    content-word overlap of their English texts (originals or provided
    translations), when both have one;
``cross``
    the two are in different languages.

Rows are average linkage over those probabilities within the event, stopped
at ``FACT_THRESHOLD``; a row may hold several claims of one article (an
article often states a fact in its lead and again below). The model and the
threshold were chosen leave-one-affair-out on the events-dev claims gold
(``bench/fit_claims.py``; docs/analysis.md).

Two per-claim numbers then feed the matrix: a member's **strength** (its
mean probability to the row's claims from other outlets: how surely it states
what the others state) and, for an outlet with no member, its **mention**:
the best such mean over its other claims (a statement of the fact that
fell into another row).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from compare import console
from compare.align import cluster as clu
from compare.runs import content_id

FACT_FEATURES = ("cos", "names", "count", "number", "term", "date", "english", "cross")
# Fitted by bench/fit_claims.py on the events-dev claims gold (docs/analysis.md).
FACT_MODEL = {"bias": -2.6638, "cos": 8.0557, "names": -0.2653, "count": 3.1094, "number": -0.4979,
              "term": 0.4214, "date": 0.5422, "english": 2.6601, "cross": 0.5814}
FACT_THRESHOLD = 0.7
# All pairs are scored up to this many claims in an event; above, each claim's
# nearest neighbours by cosine.
DENSE_CLAIMS = 2500
NEIGHBOURS = 40

_STOP = set("""the a an and or of to in on at for by with from that this these those was were is are be been has have had
it its their his her they them he she we our as not but which who whom after before during over into about said says
will would could should there than then also more most some any all one two""".split())


@dataclass
class FactRows:
    """Row labels per claim (index-aligned with the claims), member strengths,
    and the probabilities needed for mentions."""

    row_of: dict[str, str]                 # claim_id -> row id
    strength: dict[str, float]             # claim_id -> mean probability to other outlets' members
    mention: dict[tuple[str, str], tuple[float, str]]  # (row, outlet) -> (best mean probability, claim_id)


def _content_words(text: str | None) -> set[str]:
    if not text:
        return set()
    words = re.findall(r"[a-z][a-z'\-]{3,}|\d+", text.lower())
    return {w.rstrip("s") for w in words if w not in _STOP}


def _numbers(text: str) -> set[str]:
    return {n for n in re.findall(r"\d+(?:[.,]\d+)?", text) if not re.fullmatch(r"(?:19|20)\d\d", n)}


def _incidence(sets: list[set], n: int) -> np.ndarray:
    vocab = {k: j for j, k in enumerate(sorted({x for s in sets for x in s}))}
    m = np.zeros((n, max(len(vocab), 1)), dtype=np.float32)
    for i, s in enumerate(sets):
        for x in s:
            m[i, vocab[x]] = 1.0
    return m


def claim_vectors(claims, embedder) -> np.ndarray:
    """Sentence vectors of the claims, each language's reference mean removed."""
    from compare.align.vectors import debias, language_means

    if not claims:
        return np.zeros((0, getattr(embedder, "dim", 384)), np.float32)
    vecs = embedder.embed([c.text for c in claims], kind="query")
    means = language_means(getattr(embedder, "model_id", None), level="sentence")
    return debias(vecs, [c.article.language for c in claims], means)


def _scope_key(q) -> str:
    return f"{q.counted}@{getattr(q, 'time', None) or ''}"


def pair_features(claims, vecs: np.ndarray, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
    """:data:`FACT_FEATURES` for the claim pairs ``(i, j)`` (positions in ``claims``)."""
    n = len(claims)
    ents = [set(c.entities) for c in claims]
    counts = [{_scope_key(q) for q in c.quantities if q.counted != "other" and not getattr(q, "individual", False)}
              for c in claims]
    nums = [_numbers(c.text) for c in claims]
    terms = [set(getattr(c, "terms", ()) or ()) for c in claims]
    dates = [{d.value.isoformat() for d in c.dates if getattr(d, "value", None) is not None} for c in claims]
    english = [_content_words(c.english) for c in claims]
    out = {"cos": np.einsum("ij,ij->i", vecs[i], vecs[j]).astype(np.float64)}
    e_inc = _incidence(ents, n)
    shared = np.einsum("ij,ij->i", e_inc[i], e_inc[j])
    size = e_inc.sum(axis=1)
    smaller = np.minimum(size[i], size[j])
    out["names"] = np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0)
    for name, sets in (("count", counts), ("number", nums), ("term", terms), ("date", dates)):
        inc = _incidence(sets, n)
        out[name] = (np.einsum("ij,ij->i", inc[i], inc[j]) > 0).astype(np.float64)
    # content-word overlap of the English texts, where both have at least three
    inc = _incidence([w if len(w) >= 3 else set() for w in english], n)
    shared = np.einsum("ij,ij->i", inc[i], inc[j])
    size = inc.sum(axis=1)
    smaller = np.minimum(size[i], size[j])
    out["english"] = np.where(smaller >= 3, shared / np.maximum(smaller, 1), 0.0)
    langs = np.array([c.article.language for c in claims], dtype=object)
    out["cross"] = (langs[i] != langs[j]).astype(np.float64)
    return out


def probability(feats: dict[str, np.ndarray], model: dict = FACT_MODEL) -> np.ndarray:
    z = np.full(len(feats["cos"]), float(model.get("bias", 0.0)))
    for name, w in model.items():
        if name != "bias" and w:
            z += w * feats[name]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def event_pairs(vecs: np.ndarray, idx: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (positions into the claims) within one event."""
    idx = np.asarray(idx, dtype=np.int64)
    n = len(idx)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if n <= DENSE_CLAIMS:
        a, b = np.triu_indices(n, k=1)
        return idx[a], idx[b]
    a, b = clu.candidate_pairs(vecs[idx], NEIGHBOURS, dense_limit=0)
    return idx[a], idx[b]


@dataclass
class EventPairs:
    """One event's claims (positions into the claims list), candidate pairs and their features."""

    idx: list[int]
    i: np.ndarray
    j: np.ndarray
    feats: dict[str, np.ndarray]


def event_features(claims, embedder) -> list[EventPairs]:
    """Candidate pairs and features for every event (computed once; the model
    and threshold are applied by :func:`rows_from_pairs`)."""
    vecs = claim_vectors(claims, embedder)
    by_event: dict[str, list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        by_event[c.article.event_id].append(k)
    out = []
    for event, idx in sorted(by_event.items()):
        i, j = event_pairs(vecs, idx)
        feats = pair_features(claims, vecs, i, j) if len(i) else {f: np.zeros(0) for f in FACT_FEATURES}
        out.append(EventPairs(idx, i, j, feats))
    return out


def fact_rows(claims, embedder, *, model: dict | None = None, threshold: float | None = None,
              merge: list[list[str]] | None = None, split: dict[str, set[str]] | None = None) -> FactRows:
    """Group each event's claims into fact rows.

    ``merge``: lists of claim ids the user put in one row; ``split``: claim id ->
    claim ids it must not share a row with (see :mod:`compare.analyze.corrections`)."""
    return rows_from_pairs(claims, event_features(claims, embedder), model=model, threshold=threshold,
                           merge=merge, split=split)


def rows_from_pairs(claims, events: list[EventPairs], *, model: dict | None = None, threshold: float | None = None,
                    merge: list[list[str]] | None = None, split: dict[str, set[str]] | None = None) -> FactRows:
    model = model or FACT_MODEL
    threshold = FACT_THRESHOLD if threshold is None else threshold
    pos = {c.claim_id: k for k, c in enumerate(claims)}
    row_of: dict[str, str] = {}
    strength: dict[str, float] = {}
    mention: dict[tuple[str, str], tuple[float, str]] = {}
    for ep in console.progress(events, "analyze: grouping claims into facts"):
        idx, i, j = ep.idx, ep.i, ep.j
        event = claims[idx[0]].article.event_id
        p = probability(ep.feats, model) if len(i) else np.zeros(0)
        if split:
            for k, (a, b) in enumerate(zip(i.tolist(), j.tolist())):
                if claims[b].claim_id in split.get(claims[a].claim_id, ()) or \
                        claims[a].claim_id in split.get(claims[b].claim_id, ()):
                    p[k] = 0.0
        local = {g: n for n, g in enumerate(idx)}
        li = np.array([local[x] for x in i.tolist()], dtype=np.int64)
        lj = np.array([local[x] for x in j.tolist()], dtype=np.int64)
        groups = [[local[pos[cid]] for cid in g if cid in pos and pos[cid] in local] for g in (merge or [])]
        dense = len(i) >= len(idx) * (len(idx) - 1) // 2
        labels = clu.average_link(len(idx), li, lj, p, threshold, fill=None if dense else np.zeros(len(idx)),
                                  must_link=[g for g in groups if len(g) >= 2])
        rid: dict[int, str] = {}
        members: dict[int, list[int]] = defaultdict(list)
        for n, lab in enumerate(labels.tolist()):
            members[lab].append(idx[n])
        for lab, ks in members.items():
            rid[lab] = "c" + content_id(event, *sorted(claims[k].claim_id for k in ks), length=12)
            for k in ks:
                row_of[claims[k].claim_id] = rid[lab]
        lab_of = {idx[n]: lab for n, lab in enumerate(labels.tolist())}
        # mean probability of each claim to each row's claims from other outlets
        acc: dict[tuple[int, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
        for a, b, w in zip(i.tolist(), j.tolist(), p.tolist()):
            if claims[a].outlet != claims[b].outlet:
                x = acc[(a, rid[lab_of[b]])]
                x[0] += w
                x[1] += 1
                y = acc[(b, rid[lab_of[a]])]
                y[0] += w
                y[1] += 1
        per_row_outlet: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for k in idx:
            per_row_outlet[rid[lab_of[k]]][claims[k].outlet] += 1
        for (k, row), (s, cnt) in acc.items():
            outlet = claims[k].outlet
            # pairs the neighbour graph did not propose count as 0
            total = sum(v for o, v in per_row_outlet[row].items() if o != outlet)
            mean = s / max(total, cnt, 1)
            if row == rid[lab_of[k]]:
                strength[claims[k].claim_id] = mean
            else:
                key = (row, outlet)
                if mean > mention.get(key, (-1.0, ""))[0]:
                    mention[key] = (mean, claims[k].claim_id)
        for k in idx:
            row = rid[lab_of[k]]
            if len(per_row_outlet[row]) == 1:
                strength[claims[k].claim_id] = 1.0  # the outlet's own statement, which no one else makes
            else:
                strength.setdefault(claims[k].claim_id, 0.0)
    return FactRows(row_of, strength, mention)
