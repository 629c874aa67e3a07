"""Attribution evaluation: loaders, scoring, and the targets on the shared corpora."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.errors import InputProblem
from compare.evaluate.attribution import PRF, evaluate_attribution, load_dataset

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
AZ_GOLD = ROOT / "corpora" / "eval" / "az-attribution"


def _write(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def test_perfect_and_empty_predictions_score_as_expected(tmp_path):
    records = [
        {"text": "The minister said the border was closed.", "language": "en",
         "attributions": [{"source": "The minister", "cue": "said", "content": "the border was closed",
                           "source_type": "official_other"}]},
        {"text": "Nine people were detained.", "language": "en", "attributions": []},
    ]
    result = evaluate_attribution(_write(tmp_path, records))
    table = result.scores["all"]
    for key in ("source/exact", "cue/exact", "content/exact", "relation"):
        assert table[key].f1 == 1.0, key
    assert table["source_type/acc"].precision == 1.0
    assert "source/exact" in str(result)


def test_missed_attribution_lowers_recall(tmp_path):
    records = [{"text": "Zxq blorf the zimble.", "language": "en",
                "attributions": [{"source": "Zxq", "cue": "blorf", "content": "the zimble"}]}]
    result = evaluate_attribution(_write(tmp_path, records))
    assert result.scores["all"]["relation"].recall == 0.0
    assert result.scores["all"]["cue/overlap"].n_gold == 1


def test_bad_anchor_is_a_one_line_problem(tmp_path):
    records = [{"text": "The minister said so.", "attributions": [{"source": "Nobody", "cue": "said", "content": "so"}]}]
    with pytest.raises(InputProblem, match="not a substring"):
        load_dataset(_write(tmp_path, records))


def test_unknown_folder_is_rejected(tmp_path):
    with pytest.raises(InputProblem):
        load_dataset(tmp_path)


def test_prf_arithmetic():
    p = PRF(tp=3, tp_gold=3, n_pred=4, n_gold=6)
    assert p.precision == 0.75 and p.recall == 0.5 and abs(p.f1 - 0.6) < 1e-9


def test_own_azerbaijani_set_is_well_formed_and_split():
    kind, docs = load_dataset(AZ_GOLD)
    assert kind == "jsonl"
    assert len(docs) >= 60
    assert {d.split for d in docs} == {"dev", "test"}
    assert sum(1 for d in docs if not d.relations) >= 5
    result = evaluate_attribution(AZ_GOLD)
    # Held-out half: a floor well under the measured value, to catch regressions.
    assert result.scores["test"]["relation"].f1 >= 0.6


@pytest.mark.skipif(not (SHARED / "eval" / "adaq-ru-half").exists(), reason="../shared/eval/adaq-ru-half not present")
def test_adaq_russian_source_target():
    result = evaluate_attribution(SHARED / "eval" / "adaq-ru-half")
    assert result.scores["all"]["source/overlap"].f1 >= 0.70


@pytest.mark.skipif(not (SHARED / "eval" / "polnear-dev").exists(), reason="../shared/eval/polnear-dev not present")
def test_polnear_english_source_target():
    result = evaluate_attribution(SHARED / "eval" / "polnear-dev", limit=40)
    assert result.scores["all"]["source/overlap"].f1 >= 0.72


def test_attribution_without_cue_is_a_one_line_problem(tmp_path):
    records = [{"text": "The minister said so.", "attributions": [{"source": "The minister", "content": "so"}]}]
    with pytest.raises(InputProblem, match="needs a 'cue'"):
        load_dataset(_write(tmp_path, records))


DEMO_GOLD = ROOT / "corpora" / "demo" / "gold" / "attributions.jsonl"


@pytest.mark.skipif(not DEMO_GOLD.exists(), reason="demo gold not present")
def test_demo_gold_every_cited_source_found_with_its_type():
    result = evaluate_attribution(DEMO_GOLD)
    rel = result.scores["all"]["relation"]
    typed = result.scores["all"]["source_type/acc"]
    # Every planted attribution is found (relation recall) and typed as the gold types it.
    assert rel.n_gold >= 137 and rel.tp_gold == rel.n_gold, (rel.tp_gold, rel.n_gold)
    assert typed.tp == typed.n_gold == rel.n_gold
    assert rel.precision >= 0.98


SOURCE_TYPES_SET = ROOT / "corpora" / "eval" / "source-types"


def test_source_typing_set_is_well_formed():
    from compare.evaluate.attribution import load_source_types

    root, items = load_source_types(SOURCE_TYPES_SET)
    assert len(items) >= 150
    assert {it.language for it in items} == {"en", "ru", "az"}
    assert len({it.ident for it in items}) == len(items)
    assert all(it.source[0] < it.source[1] and it.cue[0] < it.cue[1] and len(it.check) == 8 for it in items)
    # Only our labels are stored: no text of the third-party articles.
    raw = (SOURCE_TYPES_SET / "labels.jsonl").read_text(encoding="utf-8")
    assert '"text"' not in raw and '"span"' not in raw
