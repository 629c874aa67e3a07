"""Per-article annotations kept across analyze runs (compare.analyze.annotations)."""
from __future__ import annotations

import pickle
import sqlite3

import polars as pl
import pytest

from compare.analyze import TABLES, analyze_run
from compare.analyze.annotations import AnnotationStore, loads
from test_analyze import ARTICLES, make_run


def _tables(path) -> dict[str, pl.DataFrame]:
    from compare.runs import Run

    run = Run(path)
    return {t: run.read(t) for t in TABLES}


def _count_parses(monkeypatch) -> dict[str, int]:
    """Count the articles handed to the English and Russian parsers and to the attribution extractor."""
    from compare.analyze import extraction
    from compare.extract import attribution

    calls = {"en": 0, "ru": 0, "attributions": 0}
    docs, natasha, many = extraction.SpacyRecognizer.docs, extraction.natasha_docs, attribution.extract_many

    def count_docs(self, texts):
        calls["en"] += len(texts)
        return docs(self, texts)

    def count_natasha(texts):
        calls["ru"] += len(texts)
        return natasha(texts)

    def count_many(items, *a, **k):
        calls["attributions"] += len(items)
        return many(items, *a, **k)

    monkeypatch.setattr(extraction.SpacyRecognizer, "docs", count_docs)
    monkeypatch.setattr(extraction, "natasha_docs", count_natasha)
    monkeypatch.setattr(attribution, "extract_many", count_many)
    return calls


def test_a_rerun_reads_annotations_and_writes_the_same_tables(tmp_path, monkeypatch):
    make_run(tmp_path / "plain")
    analyze_run(tmp_path / "plain", embedder="hashing", cache=False)
    make_run(tmp_path / "kept")
    analyze_run(tmp_path / "kept", embedder="hashing", cache=True)
    assert (tmp_path / "kept" / "cache" / "annotations.sqlite").exists()
    calls = _count_parses(monkeypatch)
    analyze_run(tmp_path / "kept", embedder="hashing", cache=True)
    assert calls == {"en": 0, "ru": 0, "attributions": 0}
    plain, kept = _tables(tmp_path / "plain"), _tables(tmp_path / "kept")
    for name in TABLES:
        assert plain[name].equals(kept[name]), name


def test_one_changed_article_is_the_only_one_parsed_again(tmp_path, monkeypatch):
    make_run(tmp_path)
    analyze_run(tmp_path, embedder="hashing", cache=True)
    changed = [list(a) for a in ARTICLES]
    k = next(i for i, a in enumerate(changed) if a[3] == "en")
    changed[k][4] = changed[k][4] + " Officials said the inquiry would take a month."
    make_run(tmp_path, articles=[tuple(a) for a in changed])
    calls = _count_parses(monkeypatch)
    analyze_run(tmp_path, embedder="hashing", cache=True)
    assert calls == {"en": 1, "ru": 0, "attributions": 1}
    atts = _tables(tmp_path)["attributions"]
    assert atts.filter(pl.col("article_id") == changed[k][0])["cue"].to_list().count("said") >= 1


def test_a_damaged_entry_is_recomputed(tmp_path):
    make_run(tmp_path)
    analyze_run(tmp_path, embedder="hashing", cache=True)
    before = _tables(tmp_path)
    db = sqlite3.connect(tmp_path / "cache" / "annotations.sqlite")
    with db:
        db.execute("UPDATE annotations SET value = ?", (b"not a pickle",))
    db.close()
    analyze_run(tmp_path, embedder="hashing", cache=True)
    after = _tables(tmp_path)
    for name in TABLES:
        assert before[name].equals(after[name]), name


class _Evil:
    def __reduce__(self):
        import os

        return (os.system, ("echo unsafe",))


def test_the_store_builds_only_annotation_classes(tmp_path):
    with pytest.raises(pickle.UnpicklingError):
        loads(pickle.dumps(_Evil()))
    store = AnnotationStore(tmp_path / "a.sqlite")
    store._db.execute("INSERT INTO annotations VALUES (?, ?)", ("k", pickle.dumps({"x": _Evil()})))
    assert store.get_many(["k"]) == {}
    store.close()
