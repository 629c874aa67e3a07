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
    docs, natasha, many = extraction.SpacyRecognizer.iter_docs, extraction.natasha_docs, attribution.extract_many

    def count_docs(self, texts):
        calls["en"] += len(texts)
        return docs(self, texts)

    def count_natasha(texts):
        calls["ru"] += len(texts)
        return natasha(texts)

    def count_many(items, *a, **k):
        calls["attributions"] += len(items)
        return many(items, *a, **k)

    monkeypatch.setattr(extraction.SpacyRecognizer, "iter_docs", count_docs)
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


def test_each_text_is_parsed_once_by_each_reader(tmp_path, monkeypatch):
    """A cold analyze hands every English text to spaCy's full pipeline once (entities
    and agency read that parse), every English sentence once to the attribution
    parser, and agency parses nothing of its own; Russian alike with natasha."""
    from compare.analyze import extraction
    from compare.extract import entities
    from compare.extract.attribution import english, russian

    make_run(tmp_path)
    seen = {"whole": [], "sentences": [], "natasha": [], "ru sentences": [], "agency": 0}
    docs, chunks, natasha, ru_sents = (extraction.SpacyRecognizer.iter_docs, english.parse_chunks,
                                       extraction.natasha_docs, russian.parse_sentences)
    monkeypatch.setattr(extraction.SpacyRecognizer, "iter_docs",
                        lambda self, texts: seen["whole"].extend(texts) or docs(self, texts))
    monkeypatch.setattr(english, "parse_chunks", lambda texts: seen["sentences"].extend(texts) or chunks(texts))
    monkeypatch.setattr(extraction, "natasha_docs", lambda texts, **k: seen["natasha"].extend(texts) or natasha(texts, **k))
    monkeypatch.setattr(russian, "parse_sentences",
                        lambda text, spans: seen["ru sentences"].extend((text, s) for s in spans) or ru_sents(text, spans))
    nlp = entities.spacy_nlp()

    class Counting:  # extract_agency's own parse, when it is given none
        def __call__(self, text):
            seen["agency"] += 1
            return nlp(text)

        def __getattr__(self, name):
            return getattr(nlp, name)

    monkeypatch.setattr(entities, "spacy_nlp", lambda: Counting())
    analyze_run(tmp_path, embedder="hashing", cache=False)
    english_texts = [a[4] for a in ARTICLES if a[3] == "en"]
    russian_texts = [a[4] for a in ARTICLES if a[3] == "ru"]
    assert english_texts and russian_texts
    assert sorted(seen["whole"]) == sorted(english_texts)
    from compare.runs import Run

    sents = Run(tmp_path).read("sentences")
    english_ids = [a[0] for a in ARTICLES if a[3] == "en"]
    assert len(seen["sentences"]) == sents.filter(pl.col("article_id").is_in(english_ids)).height
    assert sorted(seen["natasha"]) == sorted(russian_texts)
    assert len(seen["ru sentences"]) == len(set(seen["ru sentences"]))
    assert seen["agency"] == 0


def test_no_parse_is_kept_once_it_is_read(tmp_path, monkeypatch):
    """Entities and agency read each article's parse as it comes; by the time
    attribution runs, none of the whole-text parses (spaCy keeps token vectors
    in each Doc) is still held, so memory does not grow with the corpus."""
    import gc
    import weakref

    from compare.analyze import extraction
    from compare.extract import attribution

    make_run(tmp_path)
    refs: list = []
    iter_docs, natasha, many = extraction.SpacyRecognizer.iter_docs, extraction.natasha_docs, attribution.extract_many

    def keep_refs(docs):
        for doc in docs:
            refs.append(weakref.ref(doc))
            yield doc

    monkeypatch.setattr(extraction.SpacyRecognizer, "iter_docs", lambda self, texts: keep_refs(iter_docs(self, texts)))
    monkeypatch.setattr(extraction, "natasha_docs", lambda texts, **k: list(keep_refs(natasha(texts, **k))))
    alive_at_attribution: list[int] = []

    def check(items, *a, **k):
        gc.collect()
        alive_at_attribution.append(sum(r() is not None for r in refs))
        return many(items, *a, **k)

    monkeypatch.setattr(attribution, "extract_many", check)
    analyze_run(tmp_path, embedder="hashing", cache=False)
    assert len(refs) == sum(1 for a in ARTICLES if a[3] in ("en", "ru"))
    assert alive_at_attribution and set(alive_at_attribution) == {0}
