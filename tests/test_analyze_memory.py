"""What keeps analyze's memory bounded at scale (docs/benchmarks.md).

Claims are matched one event at a time, so only one event's vectors and margin
matrices are alive at once; extraction and claim rows are kept column by column."""
import polars as pl
import pytest

from compare.analyze import prepare
from compare.analyze.clusters import cluster_claims
from compare.analyze.extraction import Rows
from compare.embed import HashingEmbedder
from compare.runs import Run

from test_analyze import ARTICLES, make_run


class SpyEmbedder:
    """The hashing embedder, remembering what each call embedded."""

    name = "hashing"

    def __init__(self):
        self.inner = HashingEmbedder()
        self.dim = self.inner.dim
        self.calls: list[list[str]] = []

    def embed(self, texts, kind="passage"):
        self.calls.append(list(texts))
        return self.inner.embed(texts, kind=kind)


@pytest.fixture(scope="module")
def two_event_claims(tmp_path_factory):
    path = tmp_path_factory.mktemp("analyze-memory")
    make_run(path, articles=ARTICLES)
    _, _, claims, _ = prepare(Run(path))
    assert len({c.article.event_id for c in claims}) == 2
    return claims


def test_claims_are_embedded_one_event_at_a_time(two_event_claims):
    spy = SpyEmbedder()
    cluster_claims(two_event_claims, spy)
    event_of = {c.text: c.article.event_id for c in two_event_claims}
    assert len(spy.calls) >= 2
    for texts in spy.calls:
        assert len({event_of[t] for t in texts}) == 1, texts


def test_matching_by_event_gives_what_each_event_gives_alone(two_event_claims):
    whole_of, whole_edges, whole_supports = cluster_claims(two_event_claims, HashingEmbedder())
    of, edges, supports = {}, [], {}
    for event in sorted({c.article.event_id for c in two_event_claims}):
        part = cluster_claims([c for c in two_event_claims if c.article.event_id == event], HashingEmbedder())
        of.update(part[0])
        edges += part[1]
        supports.update(part[2])
    assert whole_of == of
    assert whole_supports == supports
    # one order for the edges whatever the events: strongest first, then by ids
    assert whole_edges == sorted(edges, key=lambda e: (-e.margin, e.a, e.b))


def test_rows_keep_columns_and_read_back_as_dicts():
    rows = Rows([{"a": 1, "b": "x"}, {"a": 2}])
    rows.append({"a": 3, "b": "z", "c": True})
    assert len(rows) == 3
    assert list(rows) == [{"a": 1, "b": "x", "c": None}, {"a": 2, "b": None, "c": None},
                          {"a": 3, "b": "z", "c": True}]
    schema = {"a": pl.Int64, "b": pl.Utf8, "d": pl.Float64}
    got = rows.frame(schema)
    assert got.schema == pl.Schema(schema)
    assert got.equals(pl.DataFrame([{"a": 1, "b": "x"}, {"a": 2}, {"a": 3, "b": "z"}], schema=schema))
    assert Rows().frame(schema).height == 0


def test_a_bar_inside_a_bar_shares_the_display(monkeypatch):
    from compare import console

    monkeypatch.setattr(console._err, "_force_terminal", True)
    monkeypatch.setitem(console._state, "quiet", False)
    seen = []
    with console.progress_task("outer", 2) as advance:
        for _ in range(2):
            seen += list(console.progress(range(3), "inner"))
            advance(1)
    assert seen == [0, 1, 2, 0, 1, 2]
    assert console._live == []


# --- analyze in groups of whole events -------------------------------------

def _synthetic(path, n_articles: int, per_event: int):
    """bench/bench_analyze.py's corpus: distinct claims, three languages, events
    of ``per_event`` consecutive articles."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "bench_analyze", Path(__file__).resolve().parents[1] / "bench" / "bench_analyze.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.synthetic_run(path, n_articles, per_event, distinct=True)


@pytest.fixture(scope="module")
def grouped_corpus(tmp_path_factory):
    """Nine events whose articles are interleaved in the corpus, English
    translations for some sentences (rows read from translations come last),
    and a sign-off one outlet repeats on four events (boilerplate only when
    the groups are counted together)."""
    path = tmp_path_factory.mktemp("grouped")
    run = _synthetic(path, 36, 4)
    arts = run.read("articles")
    sign_off = " Follow our channel for the news of the day as it happens."
    arts = arts.with_columns(
        pl.when(pl.col("outlet") == "outlet-0").then(pl.col("text") + sign_off).otherwise(pl.col("text")).alias("text"))
    # interleave: corpus order no longer follows the events
    arts = arts.with_row_index("i").sort(pl.col("i") % 5, "i").drop("i")
    from compare.runs import sentence_id
    from compare.segment import segment

    sents = []
    for r in arts.iter_rows(named=True):
        for j, (s, e) in enumerate(segment(r["text"], r["language"])):
            sents.append({"sentence_id": sentence_id(r["article_id"], j), "article_id": r["article_id"], "index": j,
                          "paragraph": 0, "start": s, "end": e, "text": r["text"][s:e], "language": r["language"],
                          "language_confidence": 1.0})
    sents = pl.DataFrame(sents)
    run.write("articles", arts)
    run.write("sentences", sents)
    ru = sents.filter(pl.col("language") == "ru").head(12)
    run.write("translations", ru.select(
        "sentence_id", pl.lit("ru").alias("source_language"), pl.lit("en").alias("target_language"),
        pl.lit("Oleg Panin said two men died in custody after the police raid in Moscow.").alias("text")))
    return path


def _analyzed(src, dest, **kw):
    import shutil

    from compare.analyze import TABLES, analyze_run

    shutil.copytree(src, dest)
    result = analyze_run(dest, embedder="hashing", cache=False, **kw)
    run = Run(dest)
    return result, {name: run.read(name) for name in TABLES}


@pytest.mark.parametrize("merge_rows", [None, 40])
def test_groups_give_the_tables_of_one_pass(grouped_corpus, tmp_path, monkeypatch, merge_rows):
    import compare.analyze as analyze

    one, whole = _analyzed(grouped_corpus, tmp_path / "one", group_articles=10**9)
    if merge_rows:  # groups' rows merged in chunks of a few rows, written in batches of a few
        monkeypatch.setattr(analyze, "MERGE_ROWS", merge_rows)
        monkeypatch.setattr(analyze, "WRITE_ROWS", 25)
    many, grouped = _analyzed(grouped_corpus, tmp_path / "many", group_articles=5)
    assert whole["claims"].height > 100 and whole["claim_matrix"].height > 0
    assert (whole["entities"]["mode"] == "translated").any() and (whole["quantities"]["mode"] == "translated").any()
    assert any("boilerplate" in n for n in one.notes)
    for name, table in whole.items():
        assert table.equals(grouped[name]), name
    assert one.notes == many.notes and one.statuses == many.statuses and one.counts == many.counts


def test_each_group_is_whole_events_and_compared_alone(grouped_corpus, tmp_path, monkeypatch):
    import compare.analyze as analyze

    seen = []
    real = analyze._clusters_method

    def spy(claims, arts, emb, **kw):
        seen.append(({a.event_id for a in arts}, {c.article.event_id for c in claims}, len(arts)))
        return real(claims, arts, emb, **kw)

    monkeypatch.setattr(analyze, "_clusters_method", spy)
    _analyzed(grouped_corpus, tmp_path / "run", group_articles=8)
    events = [e for e, _, _ in seen]
    assert len(seen) == 5  # nine events of four articles, two per group
    assert all(n <= 8 for _, _, n in seen)
    assert all(claim_events <= art_events for art_events, claim_events, _ in seen)
    assert len(set().union(*events)) == sum(len(e) for e in events) == 9  # no event in two groups


def test_groups_keep_events_whole_and_in_corpus_order(grouped_corpus):
    from compare.analyze import _Corpus

    corpus = _Corpus(Run(grouped_corpus), [])
    for size in (1, 4, 7, 100):
        groups = corpus.groups(size)
        assert sorted(a for g in groups for a in g) == sorted(corpus.ids)
        for g in groups:
            assert g == [a for a in corpus.ids if a in set(g)]
            assert len(g) <= max(size, 4)
        events = [{corpus.event[a][0] for a in g} for g in groups]
        assert sum(len(e) for e in events) == len(set().union(*events))
    assert len(corpus.groups(None)) == 1


def test_boilerplate_counter_finds_what_one_pass_finds(two_event_claims):
    from collections import defaultdict

    from compare.analyze import BoilerplateCounter, _norm, _text_key

    # the rule over every claim at once: texts an outlet repeats on 3+ events
    seen = defaultdict(set)
    for c in two_event_claims:
        seen[(c.outlet, _norm(c.text))].add(c.article.event_id)
    one_pass = {text for (_, text), events in seen.items() if len(events) >= 3}
    counter = BoilerplateCounter()
    for event in sorted({c.article.event_id for c in two_event_claims}):
        counter.add([c for c in two_event_claims if c.article.event_id == event])
    assert counter.keys() == {_text_key(t) for t in one_pass}


def _group_frames(seed: int, with_null: bool = False):
    """Rows of four groups as analyze leaves them: each article (``_pos``) in
    one group, rows of translations (``_phase``) after the others, matrix-like
    ``_first`` keys, in no particular order within a group."""
    import random

    rng = random.Random(seed)
    positions = list(range(40))
    rng.shuffle(positions)
    frames = []
    for g in range(4):
        own = positions[g * 10:(g + 1) * 10]
        n = rng.randint(0, 60)
        pos = [rng.choice(own) for _ in range(n)]
        if with_null and g == 2 and n:
            pos[0] = None
        frames.append(pl.DataFrame({
            "value": [f"g{g}-r{i}" for i in range(n)],
            "_phase": [rng.random() < 0.3 for _ in range(n)],
            "_pos": pos,
            "_first": [rng.randint(0, 5) for _ in range(n)],
            "_seq": list(range(n)),
        }, schema={"value": pl.Utf8, "_phase": pl.Boolean, "_pos": pl.Int64, "_first": pl.Int64, "_seq": pl.Int64}))
    return frames


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("with_null", [False, True])
def test_merging_groups_chunk_by_chunk_gives_one_sort(seed, with_null, tmp_path, monkeypatch):
    import compare.analyze as analyze

    monkeypatch.setattr(analyze, "MERGE_ROWS", 12)  # chunks of three rows
    monkeypatch.setattr(analyze, "WRITE_ROWS", 7)
    frames = _group_frames(seed, with_null)
    with analyze._GroupSpill(len(frames), tmp_path) as spill:
        for f in frames:
            spill.add("t", f)
        batches = list(spill.rows_in_order("t"))
        assert not list((tmp_path).glob("analyze-*/*.arrow"))  # each chunk read once, then removed
    expected = analyze._in_corpus_order(frames)
    assert pl.concat(batches).equals(expected)
    if not with_null and expected.height > 14:
        assert len(batches) > 1


def test_rejected_cells_are_found_in_the_written_matrix(grouped_corpus, tmp_path, monkeypatch):
    import compare.analyze as analyze

    _, whole = _analyzed(grouped_corpus, tmp_path / "one", group_articles=10**9)
    cell = whole["claim_matrix"].filter(pl.col("status") == "asserted").row(0, named=True)
    reject = [{"row": cell["cluster_id"], "outlet": cell["outlet"]}, {"row": "c-none", "outlet": "outlet-0"}]
    for name, kw in (("one-group", {"group_articles": 10**9}), ("groups", {"group_articles": 5})):
        monkeypatch.setattr(analyze, "MERGE_ROWS", 40)
        _, tables = _analyzed(grouped_corpus, tmp_path / name, reject=reject, **kw)
        rec = tables["corrections"]
        assert rec["applied"].to_list() == [True, False], name
        assert rec["effect"].to_list() == [f"mark of {cell['outlet']} rejected", "no cell c-none × outlet-0"]
