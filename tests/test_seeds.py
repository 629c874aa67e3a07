"""The two seed opinion articles as a corpus of two outlets: what the matrix
must and must not hold. The articles are read from ../shared/seeds (never
copied here); the test skips when they are absent."""
from __future__ import annotations

import polars as pl
import pytest

pytestmark = pytest.mark.shared

# (file, outlet, publication date) — the date is the one the article states
SEEDS = (("000_82daccc100b2dcfa.txt", "seed-analysis", "2025-06-28"),
         ("002_ecc4795e852e855e.txt", "seed-comment", "2025-07-01"))


@pytest.fixture(scope="module")
def seed_run(shared_dir, tmp_path_factory):
    from compare.embed import default_cache_dir
    from compare.pipeline import run

    folder = shared_dir / "seeds"
    if not all((folder / f).exists() for f, _, _ in SEEDS):
        pytest.skip(f"{folder}: seed articles not present")
    base = tmp_path_factory.mktemp("seeds")
    corpus = base / "corpus"
    corpus.mkdir()
    for name, outlet, day in SEEDS:
        body = (folder / name).read_text(encoding="utf-8")
        (corpus / f"{outlet}.md").write_text(
            f"---\noutlet: {outlet}\npublished: {day}\nlanguage: en\n---\n{body}", encoding="utf-8")
    out = base / "run"
    run(corpus, out, stages=["ingest", "translate", "align", "analyze"],
        config={"analyze": {"cache": str(default_cache_dir())}})
    return out


def _tables(run):
    read = lambda n: pl.read_parquet(run / f"{n}.parquet")  # noqa: E731
    return read("claims"), read("claim_clusters"), read("claim_matrix"), read("quantities")


def _claims_with(claims, piece):
    rows = claims.filter(pl.col("text").str.contains(piece, literal=True))
    assert rows.height, f"no claim contains {piece!r}"
    return rows


def test_no_number_from_another_year_is_compared_with_the_raid(seed_run):
    claims, clusters, matrix, quantities = _tables(seed_run)
    q = quantities.filter(pl.col("text").str.contains("1,500", literal=True))
    assert q["time"].to_list() == ["2006"]
    compared = matrix.filter(pl.col("status").is_in(["contradicted", "differs"]))
    for note in compared["note"].drop_nulls():
        assert "1501" not in note and "1,500" not in note, note


def test_the_matrix_holds_no_opinion_sentence_as_a_fact(seed_run):
    claims, clusters, matrix, _ = _tables(seed_run)
    in_matrix = set(clusters.filter(pl.col("in_matrix"))["cluster_id"])
    row = _claims_with(claims, "Each generation in Russia creates a new enemy")
    assert row["kind"].to_list() == ["opinion"]
    assert row["cluster_id"][0] not in in_matrix


def test_the_sourced_facts_stay_with_their_time_and_source(seed_run):
    claims, clusters, matrix, quantities = _tables(seed_run)
    in_matrix = set(clusters.filter(pl.col("in_matrix"))["cluster_id"])
    facts = {
        "over 1,500 people were detained": ("2006", None),
        "148 ethnically motivated attacks": ("2021-2025", "Human Rights Watch"),
        "told Rossiyskaya Gazeta": (None, "Investigative Committee"),
        "two ethnic Azerbaijanis were killed": (None, None),
    }
    for piece, (time, source) in facts.items():
        row = _claims_with(claims, piece).row(0, named=True)
        assert row["cluster_id"] in in_matrix, piece
        # a fact of 2006 is background to the 2025 raid, and stays in the matrix as such
        assert row["kind"] in ("fact", "statement", "background"), (piece, row["kind"])
        if source:
            assert source in (row["source_actor"] or ""), (piece, row["source_actor"])
        if time:
            q = quantities.filter(pl.col("sentence_id") == row["sentence_id"])
            assert time in q["time"].to_list(), (piece, q.select("text", "time").rows())
    bastrykin = _claims_with(claims, "told Rossiyskaya Gazeta").row(0, named=True)
    assert "2025-05-12" in bastrykin["dates"]
