"""Russian attribution extraction: natasha syntax and morphology plus cue patterns.

Verb cues (заявил, сообщила, отметили, ...) are found by lemma; the source is
the nominal subject (its noun phrase without participial or relative
clauses, which the Russian corpora leave out of the source), the content is
the clausal complement ("..., что ..."), the text after a colon, or the clause
before a dash ("«...», — сказал он"). Prepositional cues (по словам X, по
данным X, согласно X, со ссылкой на X, как сообщил X) take the noun phrase up
to the next comma as source and the rest of the sentence as content.
"""
from __future__ import annotations

import re
from functools import lru_cache

CUE_LEMMAS = {
    "заявить", "заявлять", "сообщить", "сообщать", "сказать", "говорить", "отметить", "отмечать", "подчеркнуть",
    "подчёркивать", "подчеркивать", "добавить", "добавлять", "рассказать", "рассказывать", "уточнить", "уточнять",
    "признать", "признавать", "утверждать", "считать", "полагать", "пояснить", "пояснять", "объяснить", "объяснять",
    "заверить", "заверять", "напомнить", "напоминать", "указать", "указывать", "констатировать", "предупредить",
    "предупреждать", "обвинить", "обвинять", "опровергнуть", "опровергать", "подтвердить", "подтверждать", "писать",
    "написать", "объявить", "объявлять", "заметить", "замечать", "ответить", "отвечать", "возразить", "настаивать",
    "уверять", "признаться", "поделиться", "вспоминать", "вспомнить", "разъяснить", "разъяснять", "прокомментировать",
    "комментировать", "пожаловаться", "жаловаться", "предположить", "предполагать", "допустить", "передать", "передавать",
    "сообщаться", "информировать", "проинформировать", "процитировать", "цитировать", "уверить", "пообещать", "обещать",
    "пригрозить", "потребовать", "требовать", "призвать", "призывать", "отрицать", "спросить", "спрашивать", "думать",
    "надеяться", "опасаться", "убеждать", "убедить", "выразить", "высказать", "сетовать", "посетовать", "акцентировать",
    "резюмировать", "заключить", "рассуждать", "добавлять", "оценить", "прогнозировать", "свидетельствовать",
}
# Verbs that count as cues only with a clause or a quotation.
CLAUSE_ONLY = {"считать", "полагать", "думать", "надеяться", "опасаться", "выразить", "высказать", "оценить", "передать", "передавать",
               "свидетельствовать", "требовать", "потребовать", "призвать", "призывать", "обещать", "пообещать"}
SUBJECT_RELS = {"nsubj", "nsubj:pass"}
_WORD = r"[\w\-]+"

# Prepositional and "как"-clauses: the source follows the cue.
PREP_CUES = re.compile(
    r"(?<![\w])("
    r"[Пп]о\s+(?:словам|данным|информации|мнению|сведениям|оценкам?|утверждению|версии|заявлению|подсчетам|подсчётам|сообщению|расчетам|расчётам|признанию)"
    r"|[Сс]огласно(?:\s+(?:данным|информации|заявлению|сообщению|сведениям))?"
    r"|[Сс]о\s+ссылкой\s+на"
    r"|[Кк]ак\s+(?:сообщил[аи]?|сообщает|сообщают|сообщили|заявил[аи]?|заявляет|сказал[аи]?|отметил[аи]?|отмечает|пишет|пишут|"
    r"передает|передаёт|передают|рассказал[аи]?|рассказывает|уточнил[аи]?|подчеркнул[аи]?|говорит|говорят|говорил[аи]?|считает|считают|"
    r"утверждает|утверждают|полагает|признал[аи]?|пояснил[аи]?|объяснил[аи]?|следует\s+из|стало\s+известно)"
    r")(?![\w])"
)


@lru_cache(maxsize=1)
def models():
    """natasha segmenter, morphology, syntax and lemmatiser, loaded once."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), MorphVocab()


def split_sentences(text: str) -> list[tuple[int, int]]:
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]


def parse(sentence: str):
    from natasha import Doc

    segmenter, morph, syntax, vocab = models()
    doc = Doc(sentence)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.parse_syntax(syntax)
    for tok in doc.tokens:
        tok.lemmatize(vocab)
    return doc


class _Tree:
    """Token list with children lists (natasha gives heads only)."""

    def __init__(self, doc):
        self.toks = [t for t in doc.tokens]
        self.index = {t.id: i for i, t in enumerate(self.toks)}
        self.children: list[list[int]] = [[] for _ in self.toks]
        self.head: list[int] = []
        for i, t in enumerate(self.toks):
            h = self.index.get(t.head_id, -1)
            self.head.append(h)
            if h >= 0 and h != i:
                self.children[h].append(i)

    def subtree(self, i: int, skip_rels: tuple[str, ...] = ()) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            for c in self.children[j]:
                if c not in out and self.toks[c].rel not in skip_rels:
                    stack.append(c)
        return sorted(out)

    def span(self, idxs: list[int]) -> tuple[int, int]:
        return self.toks[idxs[0]].start, self.toks[idxs[-1]].stop


def _np_span(tree: _Tree, head: int) -> tuple[int, int]:
    """The noun phrase of ``head`` without participial/relative clauses or parentheticals."""
    idxs = tree.subtree(head, skip_rels=("acl", "acl:relcl", "parataxis", "advcl", "conj", "cc", "punct"))
    # Keep the contiguous run around the head and stop at commas and dashes.
    lo = hi = idxs.index(head)
    while lo > 0 and idxs[lo - 1] == idxs[lo] - 1 and tree.toks[idxs[lo - 1]].text not in ",—–":
        lo -= 1
    while hi + 1 < len(idxs) and idxs[hi + 1] == idxs[hi] + 1 and tree.toks[idxs[hi + 1]].text not in ",—–":
        hi += 1
    return tree.span(idxs[lo: hi + 1])


_CLAUSE_STOP = re.compile(
    r"^\s*(?:хотя|так\s+что|однако|поэтому|добавив|отметив|подчеркнув|заявив|уточнив|пояснив|сказав|напомнив|"
    r"при\s+этом|тогда\s+как|в\s+то\s+время\s+как|после\s+чего|в\s+связи\s+с\s+чем|чем|—|-)\b",
    re.I,
)


def _descends(tree: "_Tree", j: int, ancestor: int) -> bool:
    seen = 0
    while j >= 0 and seen < 100:
        if j == ancestor:
            return True
        j = tree.head[j]
        seen += 1
    return False


def _clause_end(sentence: str, tree: "_Tree", cue: int, start: int) -> int:
    """End of a complement clause that starts at ``start``: comma-separated
    segments are added while they still belong to the cue's clause and do not
    open a new clause of the narrator ("..., хотя ...", "..., добавив ...")."""
    end = len(sentence)
    toks = [j for j, t in enumerate(tree.toks) if t.start >= start]
    if not toks:
        return end
    seg_start = None
    first = True
    for j in toks:
        t = tree.toks[j]
        if t.text in ",;" or t.text in ("—", "–") or (t.text == "-" and sentence[t.start - 1: t.start] == " "):
            seg_start = t.start
            first = False
            continue
        if first:
            continue
        if seg_start is not None:
            rest = sentence[seg_start + 1:]
            if _CLAUSE_STOP.match(rest) or PREP_CUES.match(rest.lstrip()):
                return seg_start
            seg_start = None
        if tree.toks[cue].rel != "root" and not _descends(tree, j, cue) and t.pos not in ("PUNCT",):
            # The matrix clause resumes ("Хотя чиновники заявили, что ..., люди не согласны").
            k = max(i for i in toks if tree.toks[i].start < t.start and tree.toks[i].text in ",;—–-") if any(
                tree.toks[i].start < t.start and tree.toks[i].text in ",;—–-" for i in toks) else None
            return tree.toks[k].start if k is not None else end
    return end


_TRAIL = " \t\n,;:—–-."


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


def extract_sentence(sentence: str, base: int) -> list[dict]:
    """Attributions in one Russian sentence; offsets shifted by ``base``."""
    out: list[dict] = []
    doc = parse(sentence)
    tree = _Tree(doc)
    covered: list[tuple[int, int]] = []

    # ---- prepositional cues: по словам X, согласно X, как сообщил X
    for m in PREP_CUES.finditer(sentence):
        cue = (m.start(), m.end())
        rest = sentence[m.end():]
        stop = re.search(r"[,;:—–.!?»]|\s-\s", rest)
        src_end = m.end() + (stop.start() if stop else len(rest))
        src = _trim(sentence, m.end(), src_end)
        if src[1] <= src[0]:
            continue
        before = _trim(sentence, 0, cue[0])
        after = _trim(sentence, src[1], len(sentence))
        content = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
        if content[1] <= content[0]:
            continue
        out.append({"kind": "according_to", "source": src, "cue": cue, "content": content})
        covered.append((cue[0], src[1]))

    for i, tok in enumerate(tree.toks):
        if tok.pos not in ("VERB", "AUX") or (tok.lemma or "").lower() not in CUE_LEMMAS:
            continue
        if any(s <= tok.start < e for s, e in covered):
            continue
        lemma = tok.lemma.lower()
        feats = tok.feats or {}
        if feats.get("VerbForm") == "Part" and tok.rel in ("amod", "acl"):
            continue
        content = None
        after = sentence[tok.stop:]
        # "сказал: «...»" / "заявил так: ..." (a colon right after the cue)
        m = re.match(r"(?:\s+[\w\-«»\"]+){0,6}?\s*:\s*", after)
        if m and "," not in m.group():
            content = (tok.stop + m.end(), len(sentence))
        # "заявил, что ...", "сообщил журналистам, что ...", "заявил о том, что ..."
        if content is None:
            m = re.match(r"\s*(?:о\s+том\s*)?,\s*(?=(?:что|будто|чтобы|как|ли)\b)", after) or re.match(
                r"(?:\s+[\w\-]+){0,6}?\s*,\s*(?=(?:что|будто|чтобы)\b)", after
            )
            if m:
                start = tok.stop + m.end()
                content = (start, _clause_end(sentence, tree, i, start))
        # Clausal complement found by the parser.
        if content is None:
            for c in tree.children[i]:
                if tree.toks[c].rel in ("ccomp", "csubj") and tree.toks[c].start > tok.start:
                    sub = tree.subtree(c)
                    content = (tree.toks[sub[0]].start, _clause_end(sentence, tree, i, tree.toks[sub[0]].start))
                    break
        # "..., о чём заявил X" (the content is the clause the relative refers to)
        if content is None:
            rel_m = re.search(r",\s*(?:о\s+ч[её]м|как)\s+(?:[\w\-]+\s+){0,3}$", sentence[: tok.start])
            if rel_m:
                content = (0, rel_m.start())
        # "«...», — сказал он" / "..., говорит он" (quote or clause before the cue)
        if content is None:
            head = tree.head[i]
            before = sentence[: tok.start]
            dash = re.search(r"[,!?…»\"”]\s*[—–-]?\s*$|[,!?…»\"”]?\s*[—–-]\s*$", before)
            # The cue may be preceded by its own adverbs ("с поклоном сказал").
            if dash is None:
                dash = re.search(r"[,!?…»\"”]\s*[—–-]\s*(?:[\w\-]+\s+){1,3}$", before)
            if dash is not None and (tok.rel in ("parataxis", "root", "conj") or (head >= 0 and head < i)):
                content = (0, dash.start() + 1 if before[dash.start()] in "»\"”!?…" else dash.start())
        if content is None:
            # "Эта тенденция, говорят эксперты, сохранится" (parenthetical cue)
            before = sentence[: tok.start]
            m1 = re.search(r",\s*$", before)
            m2 = re.match(r"(?:\s+[\w\-]+){1,6}?\s*,", after)
            if m1 and m2 and lemma not in CLAUSE_ONLY:
                content = (0, m1.start())
        if content is None:
            continue
        subj = None
        for c in tree.children[i]:
            if tree.toks[c].rel in SUBJECT_RELS:
                subj = c
                break
        if subj is None and tok.rel in ("conj", "advcl", "xcomp", "parataxis") and tree.head[i] >= 0:
            h = tree.head[i]
            for c in tree.children[h]:
                if tree.toks[c].rel in SUBJECT_RELS and c != i:
                    subj = c
                    break
        source = _np_span(tree, subj) if subj is not None else None
        if source and content and source[0] < content[1] and content[0] < source[1]:
            if source[0] >= content[0]:
                content = (content[0], source[0])
            else:
                source = None
        content = _trim(sentence, *content)
        cue = (tok.start, tok.stop)
        if content[0] < cue[1] and cue[0] < content[1]:
            content = (content[0], cue[0]) if content[0] < cue[0] else (cue[1], content[1])
            content = _trim(sentence, *content)
        if content[1] <= content[0]:
            continue
        out.append({"kind": "", "source": source, "cue": cue, "content": content})
    for a in out:
        for key in ("source", "cue", "content"):
            if a[key] is not None:
                a[key] = (a[key][0] + base, a[key][1] + base)
    return out
