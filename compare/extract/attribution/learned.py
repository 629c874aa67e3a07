"""The learned English attribution model: cues the rules do not know, and their spans.

Two logistic-regression models over hashed features of the spaCy parse that
the rules already read (no other model, numpy only):

* the **cue model** gives each word the probability that it heads a cue
  (``said``, ``accused``, ``bemoaned``, ``views ... as``, the colon of
  ``MS. CLINTON: ...``); its features are the word, lemma, tag, dependency
  relation, head, the relations of its children, whether it is quoted, its
  neighbours, whether the reporting-verb lexicons list it and whether the
  rules took it as a cue;
* the **span model** gives each other word of the cue's sentence the
  probabilities of belonging to the source, to the content or to neither,
  from the dependency path between the word and the cue, their order and
  distance, quotation marks and punctuation between them, the word's own tag
  and relation, and the cue's lemma.

:func:`extend_sentence` adds, to the attributions the rules found in a
sentence, those of the cues that the model is confident of and that the rules
did not take; their source and content are the best-scoring runs of words.
The weights are a data file in the package (``compare/data/attribution-en.npz``),
loaded once per process; ``compare train attribution`` rebuilds it
(:mod:`compare.extract.attribution.train`).
"""
from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

BITS = 18
MASK = (1 << BITS) - 1
DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "attribution-en.npz"
ROLES = ("none", "source", "content")
QUOTE_MARKS = set("\"“”„«»")

_index: dict[str, int] = {}


def fid(feature: str) -> int:
    """Stable hashed index of a feature string (CRC-32, the same in every process)."""
    i = _index.get(feature)
    if i is None:
        if len(_index) > 500_000:
            _index.clear()
        i = _index[feature] = zlib.crc32(feature.encode("utf-8")) & MASK
    return i


# --------------------------------------------------------------------------- features
@lru_cache(maxsize=1)
def _lexicons():
    from compare.extract.attribution import english

    return english.SPEECH_VERBS, english.NOUN_CUES, english.STANCE_ADJECTIVES, english.STANCE_NOUNS


def in_quotes(doc, quotes_tok: list[tuple[int, int]], i: int) -> bool:
    return any(a < i < b for a, b in quotes_tok)


def quote_token_spans(doc, quotes: list[tuple[int, int]], base: int) -> list[tuple[int, int]]:
    """Quotations as (first token, last token) indices of ``doc`` (character spans shifted by ``base``)."""
    from bisect import bisect_left

    end = base + len(doc.text)
    here = [(qs - base, qe - base) for qs, qe in quotes if qs < end and qe > base]
    if not here:
        return []
    starts = [t.idx for t in doc]
    out = []
    for s, e in here:
        first = bisect_left(starts, max(s, 0))
        last = bisect_left(starts, e) - 1
        if first < len(starts) and 0 <= last and first <= last:
            out.append((first, last))
    return out


CUE_POS = {"VERB", "AUX", "NOUN", "ADJ", "ADP", "PUNCT", "ADV", "PROPN", "PART", "SCONJ"}


def cue_candidate(tok) -> bool:
    """Words that may head a cue: not determiners, numbers, spaces or most punctuation."""
    if tok.pos_ not in CUE_POS:
        return False
    if tok.pos_ == "PUNCT":
        return tok.text in (":", "—", "―", "–")
    return not tok.is_space


def local_spans(found: list[dict], base: int) -> list[tuple]:
    """The rules' attributions as (cue, source or None, content) character spans of a doc at ``base``."""
    def loc(span):
        return None if span is None else (span[0] - base, span[1] - base)

    return [(loc(a["cue"]), loc(a.get("source")), loc(a.get("content"))) for a in found]


def rule_context(tok, rules: list[tuple]) -> list[str]:
    """Where the word lies among the rules' attributions of its sentence: in a content,
    in a source, and how many cues the rules found there (the corpora give each word
    to at most one attribution)."""
    start = tok.idx
    sent = tok.sent
    s0, s1 = sent.start_char, sent.end_char
    here = [r for r in rules if s0 <= r[0][0] < s1]
    out = ["nr=" + str(min(len(here), 3))]
    for cue, src, cont in rules:
        if cont is not None and cont[0] <= start < cont[1]:
            out.append("rc")
        if src is not None and src[0] <= start < src[1]:
            out.append("rs")
    return out


def cue_features(tok, inq: bool, rule_cue: bool, context: list[str] = ()) -> list[str]:
    speech, nouns, adjs, stance = _lexicons()
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    feats = ["b", "w=" + lower, "l=" + lemma, "p=" + tok.tag_, "d=" + tok.dep_, "l|d=" + lemma + "|" + tok.dep_,
             "l|p=" + lemma + "|" + tok.tag_, "h=" + tok.head.lemma_.lower(), "hd=" + tok.dep_ + "|" + tok.head.pos_,
             "sfx=" + lower[-3:], "pv=" + (prev.lower_ if prev is not None else "<s>"),
             "nx=" + (nxt.lower_ if nxt is not None else "</s>"), "pvp=" + (prev.pos_ if prev is not None else "<s>"),
             "nxp=" + (nxt.pos_ if nxt is not None else "</s>")]
    kids = set()
    for c in tok.children:
        kids.add(c.dep_)
        if c.dep_ == "mark" or (c.dep_ == "prep" and c.i > tok.i):
            feats.append("k=" + c.dep_ + ":" + c.lower_)
            feats.append("l|k=" + lemma + "|" + c.dep_ + ":" + c.lower_)
        if c.dep_ in ("nsubj", "nsubjpass", "poss"):
            # who: a person ("he", "Clinton", "the senator") or a thing ("the plan")
            who = c.lower_ if c.pos_ == "PRON" else c.pos_
            feats += ["s=" + c.dep_ + ":" + who, "s|l=" + lemma + "|" + who, "sl=" + c.lemma_.lower()]
        elif c.dep_ in ("dobj", "attr", "oprd"):
            feats += ["o=" + c.lemma_.lower(), "o|l=" + lemma + "|" + c.pos_]
        elif c.dep_ in ("ccomp", "xcomp"):
            mark = next((g.lower_ for g in c.children if g.dep_ in ("mark", "aux")), "-")
            feats += ["cc=" + c.dep_ + ":" + mark, "cc|p=" + c.dep_ + ":" + c.pos_]
    feats.append("sig=" + "+".join(sorted(k for k in kids if k not in ("punct", "cc", "det"))))
    for k in sorted(kids):  # (a fixed order: the same sums in every process)
        feats.append("c=" + k)
        feats.append("l|c=" + lemma + "|" + k)
        feats.append("p|c=" + tok.pos_ + "|" + k)
    if "nsubj" in kids and ("ccomp" in kids or "xcomp" in kids):
        feats.append("subj+comp|" + tok.pos_)
    if inq:
        feats += ["inq", "l|inq=" + lemma]
    if lemma in speech:
        feats.append("lex=verb|" + tok.pos_)
    if lemma in nouns or lemma in stance:
        feats.append("lex=noun|" + tok.pos_)
    if lower in adjs:
        feats.append("lex=adj|" + tok.dep_)
    if rule_cue:
        feats += ["rule", "rule|l=" + lemma, "rule|p=" + tok.pos_]
    for c in context:
        feats += ["ctx=" + c, "ctx|p=" + c + "|" + tok.pos_, "ctx|lex=" + c + "|" + str(lemma in speech)]
    sent = tok.sent
    if tok.i == sent.start:
        feats.append("first")
    near = [t for t in doc[max(sent.start, tok.i - 3): min(sent.end, tok.i + 4)] if t.text in QUOTE_MARKS or t.text in ("''", "``")]
    if near:
        feats.append("qnear=" + ("L" if near[0].i < tok.i else "R"))
        if lemma in speech:
            feats.append("qnear|lex")
    if tok.text == ":":
        left = doc[sent.start: tok.i]
        feats.append("colon|n=" + str(min(len(left), 6)))
        if len(left) and all(t.is_upper or t.is_punct for t in left):
            feats.append("colon|upper")
        if len(left) and left[0].i == sent.start and all(t.is_title or t.is_punct or t.is_upper for t in left):
            feats.append("colon|title")
    return feats


def cue_dense(tok) -> np.ndarray:
    """The word's contextual vector from the parser's own layer (``doc.tensor``)."""
    return tok.doc.tensor[tok.i]


def role_dense(cue, tok) -> np.ndarray:
    """The word's contextual vector and the cue's."""
    t = tok.doc.tensor
    return np.concatenate([t[tok.i], t[cue.i]])


def _path(a, b) -> tuple[str, str, str]:
    """Dependency path from token ``a`` to token ``b``: full (capped), first hop, last hop."""
    up_a = [a]
    while up_a[-1].head is not up_a[-1] and len(up_a) < 40:
        up_a.append(up_a[-1].head)
    pos_a = {t.i: n for n, t in enumerate(up_a)}
    up_b = [b]
    while up_b[-1].i not in pos_a and up_b[-1].head is not up_b[-1] and len(up_b) < 40:
        up_b.append(up_b[-1].head)
    if up_b[-1].i not in pos_a:
        return "far", "far", "far"
    k = pos_a[up_b[-1].i]
    ups = ["U" + t.dep_ for t in up_a[:k]]
    downs = ["D" + t.dep_ for t in reversed(up_b[:-1])]
    steps = ups + downs
    if not steps:
        return "self", "self", "self"
    full = "/".join(steps) if len(steps) <= 4 else "/".join(steps[:2]) + "/~/" + steps[-1]
    return full, steps[0], steps[-1]


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "20+"


def role_features(cue, tok, cue_inq: bool, tok_inq: bool, between: str) -> list[str]:
    full, first, last = _path(cue, tok)
    lemma = cue.lemma_.lower()
    before = tok.i < cue.i
    dist = abs(tok.i - cue.i)
    d = "L" if before else "R"
    feats = ["b", "path=" + full, "p1=" + first, "pl=" + last, "p1|pl=" + first + "|" + last,
             "dir=" + d, "dist=" + d + _bucket(dist), "tpos=" + tok.pos_, "tdep=" + tok.dep_, "ttag=" + tok.tag_,
             "tpos|path=" + tok.pos_ + "|" + full, "tdep|p1=" + tok.dep_ + "|" + first,
             "cl|path=" + lemma + "|" + full, "cl|p1=" + lemma + "|" + first, "cpos|path=" + cue.pos_ + "|" + full,
             "cpos|p1|d=" + cue.pos_ + "|" + first + "|" + d, "cdep|p1=" + cue.dep_ + "|" + first,
             "q=" + ("1" if tok_inq else "0") + ("1" if cue_inq else "0") + d]
    if tok.is_punct or tok.lower_ in ("that", "whether", "if", "to", "by", "'s", "’s", "according"):
        feats.append("tw=" + tok.lower_ + "|" + d)
    if between:
        feats.append("btw=" + between + d)
        feats.append("btw|p1=" + between + first)
    return feats


def between_marks(doc, a: int, b: int) -> str:
    """Punctuation between two tokens: comma, colon, quotation mark, dash (in that order of report)."""
    lo, hi = (a, b) if a < b else (b, a)
    seen = set()
    for t in doc[lo + 1: hi]:
        if t.text == ",":
            seen.add(",")
        elif t.text == ":":
            seen.add(":")
        elif t.text in QUOTE_MARKS:
            seen.add("q")
        elif t.text in ("—", "–", "--", "―"):
            seen.add("-")
        elif t.text == ";":
            seen.add(";")
    return "".join(sorted(seen))


# --------------------------------------------------------------------------- model
@dataclass
class Model:
    cue_w: np.ndarray          # (2**BITS,) hashed feature weights of the cue model
    cue_b: float
    cue_d: np.ndarray          # (96,) weights of the word's contextual vector
    role_w: np.ndarray         # (2**BITS, 2): source and content logits (none = 0)
    role_b: np.ndarray         # (2,)
    role_d: np.ndarray         # (192, 2): the word's and the cue's contextual vectors
    threshold: float           # cue probability from which a new cue is added
    meta: dict

    def cue_prob(self, feats: list[str], dense: np.ndarray) -> float:
        z = self.cue_b + float(self.cue_w[[fid(f) for f in feats]].sum()) + float(dense @ self.cue_d)
        return 1.0 / (1.0 + np.exp(-z))

    def role_probs(self, rows: list[list[str]], dense: np.ndarray) -> np.ndarray:
        """(n, 3) probabilities of none / source / content."""
        z = np.zeros((len(rows), 3))
        for n, feats in enumerate(rows):
            z[n, 1:] = self.role_w[[fid(f) for f in feats]].sum(axis=0)
        z[:, 1:] += self.role_b + dense @ self.role_d
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def model_path() -> Path:
    """The weights file: ``$COMPARE_ATTRIBUTION_MODEL`` if set, else the one in the package."""
    env = os.environ.get("COMPARE_ATTRIBUTION_MODEL")
    return Path(env) if env else DATA_FILE


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Model | None:
    """The model, loaded once per process; ``None`` when there is no weights file
    (the rules then work alone) or when ``COMPARE_ATTRIBUTION_MODEL=none``."""
    p = Path(path) if path else model_path()
    if str(p).lower() == "none" or not p.exists():
        return None
    import json

    with np.load(p, allow_pickle=False) as z:
        meta = json.loads(bytes(z["meta"]).decode("utf-8"))
        return Model(cue_w=z["cue_w"].astype(np.float32), cue_b=float(z["cue_b"].reshape(-1)[0]),
                     cue_d=z["cue_d"].astype(np.float32), role_w=z["role_w"].astype(np.float32),
                     role_b=z["role_b"].astype(np.float64), role_d=z["role_d"].astype(np.float32),
                     threshold=float(meta["threshold"]), meta=meta)


# --------------------------------------------------------------------------- decoding
def _cue_extent(tok) -> tuple[int, int]:
    """Token range [lo, hi] of a cue headed by ``tok``: a verb with its
    auxiliaries, negation and particle; "according to"; otherwise the word."""
    doc = tok.doc
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return tok.i, tok.i + 1
    lo = hi = tok.i
    if tok.pos_ in ("VERB", "AUX"):
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - tok.i) <= 3:
                lo, hi = min(lo, c.i), max(hi, c.i)
        while lo < tok.i and any(doc[j].dep_ in ("nsubj", "nsubjpass") or doc[j].is_punct for j in range(lo, tok.i)):
            lo += 1
    return lo, hi


def _best_run(labels: np.ndarray, probs: np.ndarray, role: int, skip: set[int], offset: int) -> tuple[int, int] | None:
    """The run of consecutive tokens tagged ``role`` with the largest summed probability
    (tokens in ``skip`` neither join nor break a run); token indices are ``offset`` + position."""
    best, best_score = None, 0.0
    start, score = None, 0.0
    n = len(labels)
    for k in range(n + 1):
        i = offset + k
        if k < n and i in skip:
            continue
        if k < n and labels[k] == role:
            if start is None:
                start, score = k, 0.0
            score += probs[k]
            end = k
            continue
        if start is not None:
            if score > best_score:
                best, best_score = (offset + start, offset + end), score
            start = None
    return best


def candidates(sent, quotes_tok: list[tuple[int, int]], rules: list[tuple], model: Model,
               rejected: set[int] = frozenset()) -> list[tuple[float, object]]:
    """(probability, token) from the cue model for the candidate words of ``sent``
    outside the rules' cues (``rules`` from :func:`local_spans`) and not ``rejected``
    by them, scored in one batch."""
    toks, rows = [], []
    for tok in sent:
        if not cue_candidate(tok) or tok.i in rejected:
            continue
        start, end = tok.idx, tok.idx + len(tok)
        if any(r[0][0] < end and start < r[0][1] for r in rules):
            continue
        toks.append(tok)
        rows.append([fid(f) for f in cue_features(tok, in_quotes(tok.doc, quotes_tok, tok.i), False, rule_context(tok, rules))])
    if not toks:
        return []
    ids = np.fromiter((i for r in rows for i in r), dtype=np.int64)
    offsets = np.cumsum([0] + [len(r) for r in rows[:-1]])
    dense = sent.doc.tensor[[t.i for t in toks]]
    z = model.cue_b + np.add.reduceat(model.cue_w[ids], offsets) + dense @ model.cue_d
    probs = 1.0 / (1.0 + np.exp(-z))
    return list(zip(probs.tolist(), toks))


def spans_for(cue, sent, quotes_tok: list[tuple[int, int]], model: Model):
    """(cue, source or None, content) token ranges for a cue headed by ``cue``, or None."""
    lo, hi = _cue_extent(cue)
    doc = cue.doc
    cue_inq = in_quotes(doc, quotes_tok, cue.i)
    toks = [t for t in sent if not (lo <= t.i <= hi)]
    if not toks:
        return None
    rows = [role_features(cue, t, cue_inq, in_quotes(doc, quotes_tok, t.i), between_marks(doc, cue.i, t.i)) for t in toks]
    probs = model.role_probs(rows, np.stack([role_dense(cue, t) for t in toks]))
    labels_all = np.full(len(sent), 0)
    p_all = np.zeros((len(sent), 3))
    for t, p in zip(toks, probs):
        labels_all[t.i - sent.start] = int(p.argmax())
        p_all[t.i - sent.start] = p
    skip = set(range(lo, hi + 1))
    content = _best_run(labels_all, p_all[:, 2], 2, skip, sent.start)
    if content is None:
        return None
    source = _best_run(labels_all, p_all[:, 1], 1, skip, sent.start)
    return (lo, hi), source, content


def to_chars(doc, span: tuple[int, int], base: int) -> tuple[int, int]:
    a, b = doc[span[0]], doc[span[1]]
    return base + a.idx, base + b.idx + len(b)


def _propositional(doc, content: tuple[int, int]) -> bool:
    """The content states something: a finite or infinitive clause, a "that"/"whether"
    clause or a quotation, not a bare noun phrase ("conceded a free-kick")."""
    for t in doc[content[0]: content[1] + 1]:
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text in QUOTE_MARKS or t.lower_ in ("that", "whether", "if"):
            return True
        if t.tag_ == "VB" and any(c.tag_ == "TO" for c in t.children):
            return True
    return False


def extend_sentence(sent, text: str, base: int, quotes: list[tuple[int, int]], found: list[dict],
                    model: Model, threshold: float | None = None, rejected: set[int] = frozenset()) -> list[dict]:
    """Attributions for the cues of ``sent`` that the model finds and the rules did not.

    ``found`` are the rules' attributions of the sentence (offsets into ``text``;
    ``base`` is the offset of the sentence's doc); ``rejected`` the words the rules
    declined on purpose. Each new attribution's source and content are the best
    runs of the span model."""
    from compare.extract.attribution.english import _strip_edges

    threshold = model.threshold if threshold is None else threshold
    doc = sent.doc
    qt = quote_token_spans(doc, quotes, base)
    out = []
    taken: list[tuple[int, int]] = []
    found_p = candidates(sent, qt, local_spans(found, base), model, rejected)
    for p, tok in sorted(found_p, key=lambda x: -x[0]):
        if p < threshold:
            break
        if any(a <= tok.i <= b for a, b in taken):
            continue
        spans = spans_for(tok, sent, qt, model)
        if spans is None:
            continue
        (lo, hi), source, content = spans
        taken.append((lo, hi))
        cue = to_chars(doc, (lo, hi), base)
        c = _strip_edges(text, *to_chars(doc, content, base))
        if c[1] <= c[0]:
            continue
        if any(c[0] <= a["cue"][0] < c[1] for a in found):
            continue  # the content would swallow a cue the rules found: the rules' reading wins
        if not _propositional(doc, content):
            continue  # outside politics the model takes actions for speech ("conceded a free-kick")
        s = None
        if source is not None:
            s = _strip_edges(text, *to_chars(doc, source, base))
            while s[0] < s[1] and text[s[0]] in "\"“”‘’'«»":
                s = (s[0] + 1, s[1])
            if s[1] <= s[0]:
                s = None
        out.append({"kind": "", "source": s, "cue": cue, "content": c, "model": round(p, 3)})
    return out

