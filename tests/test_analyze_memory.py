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
