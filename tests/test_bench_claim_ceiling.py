"""bench/claim_match_ceiling.py: the top-1 and AUC measures on a hand-made case."""
import importlib.util
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]


def _measure():
    spec = importlib.util.spec_from_file_location("claim_match_ceiling", ROOT / "bench" / "claim_match_ceiling.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.measure


def test_top1_counts_the_pairs_where_the_closest_claim_states_the_same_fact():
    # article a: claims 0 (fact f) and 1 (fact g); article b (other language): 2 (f) and 3 (g)
    claims = pl.DataFrame({"event_id": ["E1"] * 4, "language": ["ru", "ru", "en", "en"],
                           "article_id": ["a", "a", "b", "b"]})
    labels = {0: {"f"}, 1: {"g"}, 2: {"f"}, 3: {"g"}}
    right = np.array([[1, 0, 0], [0, 1, 0], [0.9, 0.1, 0.4], [0.1, 0.9, 0.4]], dtype=float)
    wrong = np.array([[1, 0, 0], [0, 1, 0], [0.1, 0.9, 0.4], [0.9, 0.1, 0.4]], dtype=float)
    for vecs, top1 in ((right, 1.0), (wrong, 0.0)):
        vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
        got = _measure()(claims, labels, vecs)["raw, across languages"]
        # each claim looks for its fact in the other article: 4 looks
        assert got["top1"] == top1 and got["pairs"] == 4 and got["auc"] == top1
