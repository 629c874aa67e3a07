"""`compare eval claims` on a small events folder written for this test."""
from __future__ import annotations

import json

from typer.testing import CliRunner

ARTICLES = {
    "en_alpha": ("Alpha Daily", "2025-03-02", "a",
                 "Storm floods river town\n\nFloodwaters forced 300 residents of Riverton from their homes on Sunday. "
                 "The mayor opened two school gyms as shelters. Rescue crews used boats to reach the lower streets."),
    "en_beta": ("Beta News", "2025-03-02", "a",
                "Hundreds leave homes as river rises\n\nAbout 300 people in Riverton left their homes on Sunday as the "
                "river burst its banks. The mayor opened two school gyms as shelters for the night. "
                "Forecasters expect more rain on Tuesday."),
    "en_gamma": ("Gamma Post", "2025-03-03", "a",
                 "River town counts the damage\n\nThe river burst its banks in Riverton on Sunday. Forecasters "
                 "expect more rain on Tuesday. Insurers said claims would take weeks to settle."),
}
EVIDENCE = {"en_alpha": "The mayor opened two school gyms as shelters.",
            "en_beta": "The mayor opened two school gyms as shelters for the night."}


def _folder(tmp_path):
    affair = tmp_path / "events" / "riverton-flood"
    affair.mkdir(parents=True)
    for stem, (outlet, day, story, body) in ARTICLES.items():
        head = (f"outlet: {outlet}\ntitle: {body.splitlines()[0]}\ndate: {day}\nurl: https://example.org/{stem}\n"
                f"language: en\nsubevent: {story}\n---\n")
        (affair / f"{stem}.txt").write_text(head + body + "\n", encoding="utf-8")
    rows = [{"claim_id": "shelters", "claim": "The mayor opened two school gyms as shelters"}]
    for stem in ARTICLES:
        cell = {"claim_id": "shelters", "path": f"riverton-flood/{stem}.txt"}
        if stem in EVIDENCE:
            cell.update(status="asserted", evidence=EVIDENCE[stem])
        else:
            cell.update(status="not_mentioned")
        rows.append(cell)
    (affair / "claims.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return affair.parent


def test_eval_claims_scores_a_small_folder_and_signs_the_result(tmp_path):
    from compare.cli import app

    out = CliRunner().invoke(app, ["--quiet", "eval", "claims", str(_folder(tmp_path)), "--link-density", "0.3",
                                   "--run", str(tmp_path / "run")])
    assert out.exit_code == 0, out.output
    total = next(line for line in out.output.splitlines() if line.startswith("ALL:"))
    assert "facts found 1/1" in total
    assert "asserted cells right 1.00 (2)" in total   # both asserting outlets hold the fact's row
    assert "|claims|method:clusters|link_density:0.3|later_coverage:0|topic_residual:0.25|" in out.output
    assert (tmp_path / "run" / "claim_matrix.parquet").exists()
