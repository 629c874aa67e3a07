"""Build run directories from small labelled article lists (no ingest needed)."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl

from compare.align.signals import split_sentences
from compare.runs import Run, content_id, sentence_id

DATA = Path(__file__).resolve().parent / "align_data"


def load_rows(name: str = "calibration.jsonl") -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def write_run(path: Path, rows: list[dict]) -> tuple[Run, dict[str, str]]:
    """Write articles and sentences tables; returns the run and row id -> article_id."""
    ids = {r["id"]: content_id(r["outlet"], r["title"], r["text"]) for r in rows}
    arts, sents = [], []
    for r in rows:
        aid = ids[r["id"]]
        pub = r.get("published")
        arts.append({
            "article_id": aid, "corpus": "calibration", "outlet": r["outlet"], "title": r["title"],
            "text": r["text"], "language": r["language"],
            "published": datetime.fromisoformat(pub.replace("Z", "+00:00")) if pub else None,
            "duplicate_of": ids.get(r.get("duplicate_of")) if r.get("duplicate_of") else None,
        })
        pos = 0
        for n, s in enumerate(split_sentences(r["text"])):
            start = r["text"].index(s, pos)
            pos = start + len(s)
            sents.append({"sentence_id": sentence_id(aid, n), "article_id": aid, "index": n, "paragraph": 0,
                          "start": start, "end": pos, "text": s, "language": r["language"],
                          "language_confidence": 1.0})
    run = Run(path)
    run.write("articles", pl.DataFrame(arts, schema_overrides={"published": pl.Datetime("us", "UTC"),
                                                               "duplicate_of": pl.Utf8}))
    run.write("sentences", pl.DataFrame(sents))
    return run, ids
