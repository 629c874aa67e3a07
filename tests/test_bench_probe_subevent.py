"""bench/probe_subevent_residual.py: its scoring helpers on a hand-made case."""
import importlib.util
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _probe():
    spec = importlib.util.spec_from_file_location("probe_subevent_residual", ROOT / "bench" / "probe_subevent_residual.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_grouping_and_pairwise_f1_on_two_stories():
    probe = _probe()
    # four articles of one event: a, b tell one story, c, d another
    pairs = [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]
    event_of = dict.fromkeys("abcd", "E1")
    prob = np.array([0.9, 0.1, 0.2, 0.1, 0.1, 0.8])
    same = np.array([True, False, False, False, False, True])
    grouped = probe._grouped(pairs, prob, event_of, 0.5)
    assert grouped.tolist() == same.tolist()
    everything = np.ones(6, bool)
    assert probe._f1(grouped, same, everything) == 1.0
    assert probe._f1(np.ones(6, bool), same, everything) == 0.5   # one event of four: 2 right of 6 pairs
    assert probe._auc(prob, same) == 1.0
