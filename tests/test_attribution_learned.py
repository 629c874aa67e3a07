"""The learned English cue and span model and its shipped weights."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from compare.extract.attribution import extract_attributions, learned

ROOT = Path(__file__).resolve().parents[1]


def test_weights_ship_in_the_wheel():
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = conf["package-data"]["compare"]
    data = [p.relative_to(ROOT / "compare") for p in (ROOT / "compare" / "data").iterdir() if p.is_file()]
    assert learned.DATA_FILE.exists() and data
    assert all(any(f.match(pat) and len(f.parts) == len(Path(pat).parts) for pat in patterns) for f in data)


def test_weights_are_trained_on_polnear_train_only():
    with np.load(learned.DATA_FILE) as z:
        meta = json.loads(bytes(z["meta"]).decode("utf-8"))
    assert meta["data"] == "polnear-train" and meta["articles"] == 840
    assert 0.3 <= meta["threshold"] <= 0.9


def test_model_loads_once_per_process():
    assert learned.load_model() is learned.load_model()


@pytest.mark.parametrize("text,cue", [
    ("Senator Warren bemoaned that the bill had stalled in committee for months.", "bemoaned"),
    ("The governor emailed reporters that the roads would reopen on Monday.", "emailed"),
])
def test_model_adds_cues_the_rules_do_not_know(text, cue, monkeypatch):
    found = extract_attributions(text, "en")
    assert [a.cue.text for a in found] == [cue]
    assert found[0].source.text in ("Senator Warren", "The governor")
    assert found[0].content.text.startswith("that")
    monkeypatch.setenv("COMPARE_ATTRIBUTION_MODEL", "none")
    learned.load_model.cache_clear()
    try:
        assert extract_attributions(text, "en") == []
    finally:
        monkeypatch.delenv("COMPARE_ATTRIBUTION_MODEL")
        learned.load_model.cache_clear()


@pytest.mark.parametrize("text,words,expected", [
    ("The striker conceded a free-kick.", "a free-kick", False),
    ("The striker said that he was tired.", "that he was tired", True),
    ("The striker vowed to score.", "to score", True),
    ("The striker said “no”.", "“no”", True),
])
def test_model_content_must_state_something(text, words, expected):
    from compare.extract.attribution.english import nlp

    doc = nlp()(text)
    start = text.index(words)
    toks = [t.i for t in doc if start <= t.idx < start + len(words)]
    assert learned._propositional(doc, (toks[0], toks[-1])) is expected


def test_quotation_token_spans():
    from compare.extract.attribution.english import nlp

    text = "He said “we stay” and left."
    doc = nlp()(text)
    qs = text.index("“")
    qe = text.index("”") + 1
    [(first, last)] = learned.quote_token_spans(doc, [(qs + 100, qe + 100), (500, 520)], 100)
    assert doc[first].text == "“" and doc[last].text == "”"
