"""The bundled demo corpus against its gold labels (corpora/demo/gold/articles.csv)."""
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from compare.corpus import ingest
from compare.runs import Run

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    if not (DEMO / "corpus.toml").exists() or not (DEMO / "gold" / "articles.csv").exists():
        pytest.skip("corpora/demo not available")
    out = tmp_path_factory.mktemp("demo")
    result = ingest(DEMO, out)
    run = Run(out)
    gold = pl.read_csv(DEMO / "gold" / "articles.csv", infer_schema=False)
    arts = run.read("articles").with_columns(pl.col("source_path").str.split("/").list.last().alias("file"))
    return result, arts, run.read("sentences"), gold


def test_every_article_read_without_problems(demo_run):
    result, arts, _, gold = demo_run
    assert result.exit_code == 0, result.problems
    assert sorted(arts["file"]) == sorted(gold["file"])


def test_languages_and_outlets_match_gold(demo_run):
    _, arts, sents, gold = demo_run
    joined = gold.join(arts, on="file", suffix="_got")
    for row in joined.iter_rows(named=True):
        assert row["language_got"] == row["language"], row["file"]
        assert row["outlet_got"] == row["outlet"], row["file"]
        assert not row["language_mismatch"], row["file"]
    # every sentence is in its article's language (no demo article mixes languages)
    per = sents.join(arts.select("article_id", pl.col("language").alias("article_language")), on="article_id")
    wrong = per.filter(pl.col("language") != pl.col("article_language"))
    assert wrong.height == 0, wrong.select("text", "language").rows()


def test_every_date_parsed_to_the_gold_day(demo_run):
    _, arts, _, gold = demo_run
    joined = gold.join(arts, on="file")
    for row in joined.iter_rows(named=True):
        assert row["published_right"] is not None, row["file"]
        assert row["published_right"].date() == date.fromisoformat(row["published"]), row["file"]


def test_reprints_flagged_as_in_gold(demo_run):
    _, arts, _, gold = demo_run
    ids = dict(zip(arts["file"], arts["article_id"]))
    got = dict(zip(arts["file"], arts["duplicate_of"]))
    for row in gold.iter_rows(named=True):
        expected = ids[row["duplicate_of"]] if row["duplicate_of"] else None
        assert got[row["file"]] == expected, row["file"]
