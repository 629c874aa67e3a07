"""Provided (human) translations, aligned sentence by sentence to the original.

``articles.translation`` holds a translation of the whole body. We cut it into
the original's units so every original sentence can carry its ``text_en``:

1. paragraphs (``\\n\\n``) correspond one to one when both texts have the same
   number of them; otherwise the whole text is one unit;
2. inside a unit, the translation is segmented into sentences and aligned to
   the original sentences with a length-based dynamic programme in the manner
   of Gale & Church (1993): 1-1, 1-2, 2-1 links, and 1-0 / 0-1 at a penalty.

An original sentence merged with its neighbour (2-1) gets the shared
translation; a sentence left unaligned (1-0) gets none and is machine
translated if a model is installed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

# Prior probability of each link type, from Gale & Church (1993), Table 5.
_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2}
_PENALTY = {k: -math.log(v) for k, v in _PRIORS.items()}
# Variance of the length ratio per character (their s^2).
_S2 = 6.8


def _norm_sf(z: float) -> float:
    return 0.5 * math.erfc(z / math.sqrt(2))


def _match_cost(len_src: int, len_tgt: int, ratio: float) -> float:
    if len_src == 0 and len_tgt == 0:
        return 0.0
    mean = (len_src + len_tgt / ratio) / 2
    delta = (ratio * len_src - len_tgt) / math.sqrt(max(mean, 1) * _S2)
    p = 2 * _norm_sf(abs(delta))
    return -math.log(max(p, 1e-300))


def align_lengths(src: list[int], tgt: list[int], ratio: float = 1.0) -> list[tuple[list[int], list[int]]]:
    """Gale-Church alignment of two sequences of lengths.

    Returns beads ``(source indices, target indices)`` in order, covering every
    index of both sides exactly once.
    """
    n, m = len(src), len(tgt)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            for (di, dj), penalty in _PENALTY.items():
                if i < di or j < dj:
                    continue
                prev = cost[i - di][j - dj]
                if prev == inf:
                    continue
                c = prev + penalty + _match_cost(sum(src[i - di:i]), sum(tgt[j - dj:j]), ratio)
                if c < best:
                    best, arg = c, (di, dj)
            cost[i][j], back[i][j] = best, arg
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = back[i][j]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


@dataclass(frozen=True)
class AlignedSentence:
    sentence_id: str
    text: str


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _sentences(text: str, language: str) -> list[str]:
    from compare.segment import segment

    return [text[a:b].strip() for a, b in segment(text, language) if text[a:b].strip()]


def align_article(sentences: list[tuple[str, int, str]], translation: str, language: str) -> list[AlignedSentence]:
    """Align one article.

    ``sentences``: (sentence_id, paragraph, text) in reading order;
    ``translation``: the provided translation; ``language``: its language.
    """
    if not sentences or not translation or not translation.strip():
        return []
    src_paragraphs: dict[int, list[tuple[str, str]]] = {}
    for sid, para, text in sentences:
        src_paragraphs.setdefault(para, []).append((sid, text))
    tgt_paragraphs = _paragraphs(translation)
    if len(tgt_paragraphs) == len(src_paragraphs):
        units = [
            (src_paragraphs[p], tgt) for p, tgt in zip(sorted(src_paragraphs), tgt_paragraphs)
        ]
    else:
        units = [([(sid, text) for sid, _, text in sentences], translation)]
    # Translations run systematically longer or shorter (English vs Russian);
    # scale by the article's overall ratio rather than assume 1.
    src_chars = sum(len(t) for _, _, t in sentences)
    ratio = max(len(translation.replace("\n\n", " ")), 1) / max(src_chars, 1)
    out: list[AlignedSentence] = []
    for src, tgt_text in units:
        tgt = _sentences(tgt_text, language)
        if not tgt:
            continue
        beads = align_lengths([len(t) for _, t in src], [len(t) for t in tgt], ratio)
        for src_idx, tgt_idx in beads:
            if not src_idx or not tgt_idx:
                continue
            joined = " ".join(tgt[k] for k in tgt_idx)
            for k in src_idx:
                out.append(AlignedSentence(src[k][0], joined))
    return out


def provided_translations(articles, sentences, to: str):
    """Rows of the translations table from ``articles.translation`` into ``to``.

    ``articles`` and ``sentences`` are polars DataFrames; returns a list of
    dicts (sentence_id, article_id, source_language, text).
    """
    import polars as pl

    if articles is None or "translation" not in articles.columns:
        return []
    lang_col = "translation_language" if "translation_language" in articles.columns else None
    with_tr = articles.filter(pl.col("translation").is_not_null() & (pl.col("translation").str.strip_chars() != ""))
    if lang_col:
        with_tr = with_tr.with_columns(pl.col(lang_col).fill_null("en"))
    rows = []
    by_article = {
        aid: frame.sort("index")
        for (aid,), frame in sentences.filter(
            pl.col("article_id").is_in(with_tr["article_id"].to_list())
        ).group_by("article_id")
    }
    for art in with_tr.iter_rows(named=True):
        tr_lang = art[lang_col] if lang_col else "en"
        if tr_lang != to:
            continue
        frame = by_article.get(art["article_id"])
        if frame is None:
            continue
        sents = list(zip(frame["sentence_id"], frame["paragraph"], frame["text"]))
        languages = dict(zip(frame["sentence_id"], frame["language"]))
        for aligned in align_article(sents, art["translation"], tr_lang):
            rows.append({
                "sentence_id": aligned.sentence_id,
                "article_id": art["article_id"],
                "source_language": languages.get(aligned.sentence_id),
                "text": aligned.text,
            })
    return rows
