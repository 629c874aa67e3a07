"""Helpers for the analysis tests: a demo run with the gold events, and gold lookups."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
GOLD = DEMO / "gold"


def gold_lines(name: str) -> list[dict]:
    path = GOLD / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_articles() -> list[dict]:
    with open(GOLD / "articles.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def build_demo_run(path: Path, *, cache: Path | None = None):
    """Ingest the demo corpus, add provided translations, write the gold events, analyze."""
    from compare.analyze import analyze_run
    from compare.corpus.ingest import ingest
    from compare.runs import Run
    from compare.translate import translate_run

    ingest(DEMO, path)
    translate_run(path)
    run = Run(path)
    articles = run.read("articles")
    by_file = {Path(p).name: aid for aid, p in zip(articles["article_id"], articles["source_path"])}
    rows = []
    for g in gold_articles():
        rows.append({"article_id": by_file[g["file"]], "event_id": g["event"], "subevent_id": g["subevent"],
                     "confidence": 1.0, "event_label": g["event"], "subevent_label": g["subevent"],
                     "event_start": None, "event_end": None})
    run.write("events", pl.DataFrame(rows, schema_overrides={"event_start": pl.Date, "event_end": pl.Date}))
    result = analyze_run(path, cache=cache if cache is not None else True)
    return run, result, by_file


def locate(run, by_file: dict, file: str, anchor: str) -> list[str]:
    """Sentence ids of the demo file whose text overlaps the gold anchor (exact substring of the body)."""
    articles = run.read("articles")
    aid = by_file[file]
    text = articles.filter(pl.col("article_id") == aid)["text"][0]
    pos = text.find(anchor)
    if pos < 0:
        return []
    end = pos + len(anchor)
    sents = run.read("sentences").filter(pl.col("article_id") == aid)
    return [sid for sid, s, e in zip(sents["sentence_id"], sents["start"], sents["end"]) if s < end and pos < e]
