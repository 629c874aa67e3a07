"""The demo in one language at a time: same-language claim matching against the gold.

Each language of the demo has two outlets. Restricted to them (the other
articles removed before analysis), every gold claim both outlets state must
still come out with both statuses right, except the misses measured and
documented in docs/analysis.md (same-language pairs must be close in the
embedding itself, so a loosely worded restatement can be missed).
"""
from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from analyze_helpers import DEMO, GOLD, gold_articles, gold_lines, locate

pytestmark = pytest.mark.skipif(not (GOLD / "claims.jsonl").exists(), reason="demo gold not present")

OUTLETS = {"ru": ["ural-vestnik", "sfera"], "az": ["xeber-merkezi", "aciq-soz"], "en": ["meridian", "caspian-chronicle"]}
# cells right of the cells of claims both outlets state (measured 2026-11-22;
# az 21 -> 20 with the link-density guard, 2026-12-05: see docs/analysis.md)
FLOOR = {"ru": (16, 16), "az": (20, 22), "en": (19, 20)}


def _monolingual_run(path: Path, language: str):
    from compare.analyze import analyze_run
    from compare.corpus.ingest import ingest
    from compare.embed import default_cache_dir
    from compare.runs import Run
    from compare.translate import translate_run

    ingest(DEMO, path)
    translate_run(path)
    run = Run(path)
    articles = run.read("articles")
    by_file = {Path(p).name: aid for aid, p in zip(articles["article_id"], articles["source_path"])}
    gold = [g for g in gold_articles() if g["outlet"] in OUTLETS[language]]
    keep = [by_file[g["file"]] for g in gold]
    run.write("articles", articles.filter(pl.col("article_id").is_in(keep)))
    run.write("sentences", run.read("sentences").filter(pl.col("article_id").is_in(keep)))
    run.write("events", pl.DataFrame(
        [{"article_id": by_file[g["file"]], "event_id": g["event"], "subevent_id": g["subevent"]} for g in gold]))
    analyze_run(path, cache=default_cache_dir())
    return run, by_file, gold


@pytest.mark.parametrize("language", ["ru", "az", "en"])
def test_same_language_outlets_match_their_shared_claims(tmp_path, language):
    run, by_file, gold = _monolingual_run(tmp_path / language, language)
    outlets = OUTLETS[language]
    files: dict[str, list[str]] = {}
    for g in gold:
        files.setdefault(g["outlet"], []).append(g["file"])
    matrix = run.read("claim_matrix")
    right = total = 0
    for claim in gold_lines("claims.jsonl"):
        status = {o: s for o, s in claim["status"].items() if o in outlets}
        if sum(s in ("asserted", "contradicted") for s in status.values()) < 2:
            continue
        evidence = {o: {sid for f in files[o] for sid in locate(run, by_file, f, anchor)}
                    for o, anchor in claim["evidence"].items() if o in outlets}
        clusters = {cid for o, ids in evidence.items()
                    for cid, got in matrix.filter(pl.col("outlet") == o).select("cluster_id", "evidence_sentence_ids").iter_rows()
                    if set(got) & ids}
        best = 0
        for cid in clusters:
            rows = matrix.filter((pl.col("cluster_id") == cid) & (pl.col("subevent_id") == claim["subevent"]))
            got = dict(zip(rows["outlet"], rows["status"]))
            best = max(best, sum(got.get(o) == s for o, s in status.items()))
        right += best
        total += len(status)
    want_right, want_total = FLOOR[language]
    assert total == want_total and right >= want_right, (right, total)
