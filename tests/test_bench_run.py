"""bench/bench_run.py: the NTREX corpus it builds is read whole by ingest, and its
tables and growth exponent come out of a measurement record (no timing asserted)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "eval" / "ntrex128"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "bench_run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


needs_ntrex = pytest.mark.skipif(not (NTREX / "ntrex128_docs.en-az-ru.jsonl").exists(),
                                 reason="../shared/eval/ntrex128 not present")


@needs_ntrex
def test_the_first_articles_are_one_document_in_three_languages(tmp_path):
    bench = _bench()
    rows = bench.ntrex_articles(k=3)
    assert [r["outlet"] for r in rows] == ["ntrex-en", "ntrex-az", "ntrex-ru"]
    assert len({r["id"].rsplit("-", 1)[0] for r in rows}) == 1
    corpus = bench.write_corpus(rows, tmp_path / "corpus")
    assert not str(corpus.resolve()).startswith(str(ROOT))  # never inside the repository
    assert len((corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 3


@needs_ntrex
def test_ingest_reads_every_benchmark_article_with_its_language(tmp_path):
    import polars as pl

    from compare import console
    from compare.corpus.ingest import ingest

    console.configure(quiet=True)
    bench = _bench()
    corpus = bench.write_corpus(bench.ntrex_articles(k=3), tmp_path / "corpus")
    ingest(corpus, tmp_path / "run")
    arts = pl.read_parquet(tmp_path / "run" / "articles.parquet")
    assert arts.height == 3
    assert sorted(zip(arts["outlet"].to_list(), arts["language"].to_list())) == [
        ("ntrex-az", "az"), ("ntrex-en", "en"), ("ntrex-ru", "ru")]


@needs_ntrex
def test_the_incremental_change_edits_one_sentence_of_one_article(tmp_path):
    bench = _bench()
    rows = bench.ntrex_articles(k=3)
    corpus = bench.write_corpus(rows, tmp_path / "corpus")
    bench.change_one_sentence(corpus)
    after = [json.loads(x) for x in (corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert after[1:] == rows[1:]
    old, new = rows[0]["text"].split("\n"), after[0]["text"].split("\n")
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new)) == 1


def _record(n: int, cpu: float) -> dict:
    stage = {"status": "ran", "cpu_s": cpu / 7, "wall_s": cpu / 7, "peak_rss_mb": 500.0}
    return {"articles": n, "sentences": 16 * n, "stage_times": {s: dict(stage) for s in _bench().STAGES},
            "process_cpu_s": cpu, "run_wall_s": cpu, "peak_rss_mb": 600.0, "embed_once_cpu_s": 0.8 * n}


def test_table_and_growth_exponent_from_a_record():
    bench = _bench()
    report = {"sizes": [_record(3, 6.0), _record(12, 24.0)],
              "incremental": {"process_cpu_s": 2.4, "run_wall_s": 2.0, "ratio_to_cold": 0.1,
                              "stage_times": {"ingest": {"cpu_s": 1.0}}}}
    assert bench.growth_exponent(report["sizes"]) == pytest.approx(1.0)
    text = bench.table(report)
    assert "| 3 | 48 |" in text and "| 6.0 | 2.00 | 6.0 | 600 | 0.80 | 2.50 |" in text  # CPU and the limit per article, their ratio
    assert "growth exponent (log CPU / log articles, 3 → 12): 1.00" in text
    assert "10% of the cold run" in text
    assert bench.growth_exponent([_record(3, 6.0)]) is None
