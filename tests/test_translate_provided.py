"""Provided human translations, aligned sentence by sentence (Gale-Church style)."""
from __future__ import annotations

import polars as pl
import pytest

from translate_helpers import write_run

from compare.translate.provided import align_article, align_lengths


def test_align_lengths_link_types():
    # 1-1, then one long source sentence translated as two, then two short
    # ones merged into one, then 1-1.
    src = [40, 120, 30, 35, 50]
    tgt = [42, 58, 60, 66, 52]
    beads = align_lengths(src, tgt)
    assert beads == [([0], [0]), ([1], [1, 2]), ([2, 3], [3]), ([4], [4])]


def test_align_lengths_absorbs_an_extra_target_sentence():
    # A short translator's note after the first sentence: still every index
    # once on each side, in order; the note joins a neighbour and the last
    # sentence stays 1-1.
    beads = align_lengths([50, 60, 40], [50, 8, 60, 40])
    assert sorted(i for s, _ in beads for i in s) == [0, 1, 2]
    assert sorted(j for _, t in beads for j in t) == [0, 1, 2, 3]
    flat = [j for _, t in beads for j in t]
    assert flat == sorted(flat)
    assert beads[0][0] == [0] and beads[0][1][0] == 0
    assert beads[-1] == ([2], [3]) and len(beads) == 3


def _article():
    ru = [
        "В Екатеринбурге прошли задержания.",
        "Полиция сообщила о двух погибших, назвав причиной сердечную недостаточность, и отказалась от других комментариев.",
        "Родственники не согласны.",
        "Они требуют расследования.",
        "Посол был вызван в министерство.",
    ]
    paragraphs = [0, 0, 1, 1, 2]
    en = (
        "Detentions took place in Yekaterinburg. "
        "The police reported two deaths. It named heart failure as the cause and declined further comment.\n\n"
        "The relatives disagree and demand an investigation.\n\n"
        "The ambassador was summoned to the ministry."
    )
    sents = [(f"c0ffee0000000001-s{i:04d}", p, t) for i, (p, t) in enumerate(zip(paragraphs, ru))]
    return ru, paragraphs, en, sents


def test_align_article_by_paragraph():
    _, _, en, sents = _article()
    got = {a.sentence_id: a.text for a in align_article(sents, en, "en")}
    assert got["c0ffee0000000001-s0000"] == "Detentions took place in Yekaterinburg."
    assert got["c0ffee0000000001-s0001"] == (
        "The police reported two deaths. It named heart failure as the cause and declined further comment."
    )
    # Two short Russian sentences, one English sentence: both carry it.
    assert got["c0ffee0000000001-s0002"] == got["c0ffee0000000001-s0003"] == (
        "The relatives disagree and demand an investigation."
    )
    assert got["c0ffee0000000001-s0004"] == "The ambassador was summoned to the ministry."


def test_align_article_paragraph_counts_differ_uses_whole_text():
    _, _, en, sents = _article()
    flat = en.replace("\n\n", " ")
    got = {a.sentence_id: a.text for a in align_article(sents, flat, "en")}
    assert got["c0ffee0000000001-s0000"] == "Detentions took place in Yekaterinburg."
    assert got["c0ffee0000000001-s0004"] == "The ambassador was summoned to the ministry."


def test_translate_run_uses_provided_first(tmp_path, monkeypatch):
    from compare import console
    from compare.translate import translate_run

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "cache"))
    console.configure(quiet=True)
    ru, paragraphs, en, sents = _article()
    text = "\n\n".join(" ".join(t for t, p in zip(ru, paragraphs) if p == k) for k in range(3))
    rows, pos = [], 0
    for i, (t, p) in enumerate(zip(ru, paragraphs)):
        start = text.index(t, pos)
        rows.append({"sentence_id": sents[i][0], "article_id": "c0ffee0000000001", "index": i, "paragraph": p,
                     "start": start, "end": start + len(t), "text": t, "language": "ru",
                     "language_confidence": 0.99})
        pos = start + len(t)
    other = {"sentence_id": "c0ffee0000000002-s0000", "article_id": "c0ffee0000000002", "index": 0,
             "paragraph": 0, "start": 0, "end": 10, "text": "Посол был.", "language": "ru",
             "language_confidence": 0.9}
    articles = [
        {"article_id": "c0ffee0000000001", "text": text, "language": "ru", "translation": en,
         "translation_language": "en"},
        {"article_id": "c0ffee0000000002", "text": "Посол был.", "language": "ru", "translation": None,
         "translation_language": None},
    ]
    run = write_run(tmp_path / "run", rows + [other], articles)
    res = translate_run(run)
    assert res.provided == 5 and res.machine == 0 and res.mode == "partial"
    table = pl.read_parquet(run / "translations.parquet")
    assert table.height == 5
    assert set(table["engine"]) == {"provided"} and set(table["model_id"]) == {"provided"}
    assert table["text"][0] == "Detentions took place in Yekaterinburg."
    # The article without a provided translation still needs a model.
    assert [p["from"] for p in res.missing_pairs] == ["ru"]


@pytest.mark.parametrize("translation", ["", "   ", None])
def test_empty_provided_translation_is_ignored(translation):
    _, _, _, sents = _article()
    assert align_article(sents, translation, "en") == []


from hypothesis import given, settings, strategies as st


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 300), max_size=12), st.lists(st.integers(1, 300), max_size=12))
def test_align_lengths_covers_both_sides_in_order(src, tgt):
    beads = align_lengths(src, tgt)
    assert [i for s, _ in beads for i in s] == list(range(len(src)))
    assert [j for _, t in beads for j in t] == list(range(len(tgt)))
    assert all(len(s) <= 2 and len(t) <= 2 and (s or t) for s, t in beads)
