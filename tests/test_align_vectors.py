"""The sentence-level helpers of compare.align.vectors that the sub-event step uses."""
import numpy as np
import polars as pl
import pytest

from compare.align.vectors import ArticleParts, best_match_means, residual_match, without_group_means


def _unit(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def test_article_parts_returns_each_article_s_texts_in_the_order_asked():
    parts = ArticleParts(pl.Series("text", ["a0", "a1", "b0", "c0", "c1", "c2"]), np.array([0, 2, 3, 6]))
    texts, starts = parts.of([2, 0])
    assert texts == ["c0", "c1", "c2", "a0", "a1"]
    assert starts.tolist() == [0, 3, 5]
    texts, starts = parts.of([1])
    assert texts == ["b0"] and starts.tolist() == [0, 1]


@pytest.mark.parametrize("dense_limit", [1_500, 0])
def test_best_match_means_agrees_with_the_plain_definition(dense_limit):
    rng = np.random.default_rng(3)
    counts = [3, 1, 4, 2]
    starts = np.concatenate([[0], np.cumsum(counts)])
    v = _unit(rng.normal(size=(starts[-1], 16))).astype(np.float32)
    i = np.array([0, 0, 0, 1, 2, 1])
    j = np.array([1, 2, 3, 2, 3, 3])
    got = best_match_means(v, starts, i, j, dense_limit=dense_limit)
    for k, (a, b) in enumerate(zip(i, j)):
        m = v[starts[a]:starts[a + 1]] @ v[starts[b]:starts[b + 1]].T
        want = (m.max(axis=1).mean() + m.max(axis=0).mean()) / 2
        assert abs(got[k] - want) < 1e-6
    assert best_match_means(v, starts, np.zeros(0, np.int64), np.zeros(0, np.int64)).shape == (0,)


def test_residual_match_takes_out_what_every_article_of_a_language_says():
    # Four articles of one event: all share a strong topic direction; articles
    # 0 and 1 also tell one story, 2 and 3 another. On raw vectors the topic
    # makes every pair look alike; without it, the stories stand apart.
    rng = np.random.default_rng(0)
    dim = 64
    topic = _unit(rng.normal(size=dim))
    story = [_unit(rng.normal(size=dim)) for _ in range(2)]
    rows = []
    for a in range(4):
        for _ in range(3):
            rows.append(_unit(3.0 * topic + 0.8 * story[a // 2] + 0.5 * _unit(rng.normal(size=dim))))
    v = np.array(rows, np.float32)
    starts = np.arange(0, 13, 3)
    i, j = np.array([0, 0, 2]), np.array([1, 2, 3])
    raw = best_match_means(v, starts, i, j)
    res = residual_match(v, starts, ["en", "en", "en", "en"], i, j)
    assert raw[1] > 0.8  # different stories, alike on the raw vectors
    assert res[0] - res[1] > 0.3 and res[2] - res[1] > 0.3
    assert res[0] - res[1] > 2 * (raw[0] - raw[1])


def test_without_group_means_is_orthogonal_to_each_group_mean():
    rng = np.random.default_rng(1)
    v = _unit(rng.normal(size=(6, 8)) + 2.0)
    out = without_group_means(v, [[0, 1, 2], [3, 4, 5]])
    for g in ([0, 1, 2], [3, 4, 5]):
        centre = _unit(v[g].mean(axis=0))
        assert np.abs(out[g] @ centre).max() < 1e-5
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
