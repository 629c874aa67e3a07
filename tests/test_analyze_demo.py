"""analyze_run on the demo corpus against the demo gold (claims, numbers, agency).

The run uses the gold events (articles.csv) so that these tests judge the
comparison stage alone, not event alignment. Gold anchors are located by exact
substring search in the article bodies.
"""
from __future__ import annotations


import polars as pl
import pytest

from analyze_helpers import GOLD, build_demo_run, gold_articles, gold_lines, locate

pytestmark = pytest.mark.skipif(not (GOLD / "claims.jsonl").exists(), reason="demo gold not present")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from compare.embed import default_cache_dir

    path = tmp_path_factory.mktemp("demo-analyze")
    run, result, by_file = build_demo_run(path, cache=default_cache_dir())
    return run, by_file


def _outlet_files():
    out: dict[str, list[str]] = {}
    for g in gold_articles():
        out.setdefault(g["outlet"], []).append(g["file"])
    return out


def claim_results(run, by_file):
    """Per gold claim: the best matrix cluster (by exact statuses) among clusters whose
    evidence holds a gold evidence sentence, and how many outlets it gets right."""
    m = run.read("claim_matrix")
    files = _outlet_files()
    results = []
    for g in gold_lines("claims.jsonl"):
        ev = {o: {sid for f in files[o] for sid in locate(run, by_file, f, anchor)} for o, anchor in g["evidence"].items()}
        cands = set()
        for o, ids in ev.items():
            rows = m.filter(pl.col("outlet") == o)
            for cid, got_ids in zip(rows["cluster_id"], rows["evidence_sentence_ids"].to_list()):
                if set(got_ids) & ids:
                    cands.add(cid)
        best = (0, None, {})
        for cid in cands:
            rows = m.filter((pl.col("cluster_id") == cid) & (pl.col("subevent_id") == g["subevent"]))
            got = dict(zip(rows["outlet"], rows["status"]))
            score = sum(got.get(o) == s for o, s in g["status"].items())
            if score > best[0]:
                best = (score, cid, got)
        results.append((g, best))
    return results


def test_gold_anchors_found(demo):
    run, by_file = demo
    files = _outlet_files()
    for g in gold_lines("claims.jsonl"):
        for o, anchor in g["evidence"].items():
            assert any(locate(run, by_file, f, anchor) for f in files[o]), (g["id"], o, anchor)


def test_claim_matrix_against_gold(demo):
    run, by_file = demo
    results = claim_results(run, by_file)
    exact = [g["id"] for g, best in results if best[0] == len(g["status"])]
    cells = sum(best[0] for _, best in results)
    total = sum(len(g["status"]) for g, _ in results)
    report = "\n".join(f"{g['id']}: {best[0]}/{len(g['status'])} gold={g['status']} got={best[2]}"
                       for g, best in results if best[0] != len(g["status"]))
    # Every planted claim, with the right status for every outlet (docs/analysis.md).
    assert cells == total, report
    assert len(exact) == len(results), report


def test_not_covered_follows_subevents(demo):
    run, _ = demo
    m = run.read("claim_matrix")
    dip = m.filter((pl.col("subevent_id") == "lisogorsk/diplomatic") & (pl.col("outlet") == "sfera"))
    assert dip.height and set(dip["status"]) == {"not_covered"}


def test_planted_number_conflicts(demo):
    run, by_file = demo
    nb = run.read("numbers")
    aciq = by_file["07-aciq-soz-olenlerin-sayi-uc.md"]
    dead = nb.filter((pl.col("counted") == "dead") & (pl.col("article_id") == aciq) & (pl.col("value_low") == 3))
    assert dead.height and dead["conflict"].all()
    ural = by_file["01-ural-vestnik-zaderzhaniya-lisogorsk.md"]
    nine = nb.filter((pl.col("counted") == "detained") & (pl.col("article_id") == ural) & (pl.col("value_low") == 9))
    assert nine.height and nine["conflict"].all()


def _span_rows(df, by_file, g, text_of, start_col, end_col, anchor_key):
    # the gold marks spans of the original text; translated-mode rows have offsets in text_en
    df = df.filter(pl.col("mode") == "original")
    aid = by_file[g["file"]]
    text = text_of[aid]
    s0 = text.find(g["sentence"])
    a0 = text.find(g[anchor_key], s0)
    a1 = a0 + len(g[anchor_key])
    return df.filter((pl.col("article_id") == aid) & (pl.col(start_col) < a1) & (pl.col(end_col) > a0))


def test_numbers_against_gold(demo):
    run, by_file = demo
    arts = run.read("articles")
    text_of = dict(zip(arts["article_id"], arts["text"]))
    q = run.read("quantities")
    right, wrong = 0, []
    gold = gold_lines("numbers.jsonl")
    for g in gold:
        rows = _span_rows(q, by_file, g, text_of, "start", "end", "quantity")
        v = g["value"]
        lo, hi = (v, v) if isinstance(v, int) else tuple(v)
        if rows.height and rows["counted"][0] == g["counted"] and (rows["value_low"][0], rows["value_high"][0]) == (lo, hi):
            right += 1
        else:
            wrong.append((g["quantity"], g["counted"], v, rows.select("counted", "value_low", "value_high").rows()))
    assert right == len(gold), wrong


def test_agency_against_gold(demo):
    run, by_file = demo
    arts = run.read("articles")
    text_of = dict(zip(arts["article_id"], arts["text"]))
    ag = run.read("agency")
    right, wrong = 0, []
    gold = gold_lines("agency.jsonl")
    for g in gold:
        rows = _span_rows(ag, by_file, g, text_of, "trigger_start", "trigger_end", "trigger")
        if rows.height and rows["action"][0] == g["action"] and rows["agent_status"][0] == g["agent_status"]:
            right += 1
        else:
            wrong.append((g["trigger"], g["action"], g["agent_status"], rows.select("action", "agent_status").rows()))
    assert right == len(gold), wrong


def test_a_cell_asserted_in_passing_says_so(demo):
    run, by_file = demo
    m = run.read("claim_matrix")
    ural = m.filter((pl.col("outlet") == "ural-vestnik") & pl.col("evidence_text").str.contains("ноту протеста"))
    assert ural.height and "key term: protest note" in (ural["note"][0] or "")
