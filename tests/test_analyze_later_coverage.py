"""Coverage by date in the claim matrix: an outlet that kept writing on the
affair after a story was first reported covers that story's main row, one
whose every article came out before does not (compare.analyze.cluster_matrix)."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from compare.analyze.cluster_matrix import build_matrix

DAY = {1: date(2025, 6, 1), 3: date(2025, 6, 3), 5: date(2025, 6, 5), 6: date(2025, 6, 6), 7: date(2025, 6, 7)}


def _claim(cid, outlet, sub, day, dead=None):
    art = SimpleNamespace(event_id="e", subevent_id=sub, article_id=f"a-{outlet}-{sub}", published=DAY[day])
    q = [SimpleNamespace(counted="dead", value_low=dead, value_high=dead)] if dead is not None else []
    return SimpleNamespace(
        claim_id=cid, outlet=outlet, article=art, sentence=SimpleNamespace(sentence_id=f"s-{cid}"), start=0,
        text=f"claim {cid}", text_en=None, quantities=q, dates=[], source_type=None, negated=False,
        cause=None, agents=[], recap=False)


def _matrix(claims, cluster_of, **kw):
    coverage: dict = {}
    last: dict = {}
    for c in claims:
        coverage.setdefault(("e", c.article.subevent_id), set()).add(c.outlet)
        last[("e", c.outlet)] = max(last.get(("e", c.outlet), c.article.published), c.article.published)
    outlets = sorted({c.outlet for c in claims})
    rows = build_matrix(claims, cluster_of, coverage, outlets, last_report=last, **kw)
    return {(r["cluster_id"], r["outlet"]): r["status"] for r in rows}


def _story():
    # a and b report the story (sub-event s1) on day 5; c writes on another story
    # of the affair (s2) on day 7, d only on day 3, before the story broke
    claims = [_claim("a1", "a", "s1", 5), _claim("b1", "b", "s1", 5),
              _claim("c1", "c", "s2", 7), _claim("d1", "d", "s2", 3)]
    cluster_of = {"a1": "k", "b1": "k", "c1": "m", "d1": "n"}
    return claims, cluster_of


def test_an_outlet_writing_after_the_story_broke_has_omitted_it():
    got = _matrix(*_story())
    assert got[("k", "a")] == got[("k", "b")] == "asserted"
    assert got[("k", "c")] == "omitted"
    assert got[("k", "d")] == "not_covered"


def test_coverage_by_sub_event_only_when_turned_off_or_too_soon():
    assert _matrix(*_story(), later_days=None)[("k", "c")] == "not_covered"
    # c's last article is two days after the first report: not three
    assert _matrix(*_story(), later_days=3)[("k", "c")] == "not_covered"
    assert _matrix(*_story(), later_days=2)[("k", "c")] == "omitted"


def test_the_first_report_is_read_in_the_rows_main_sub_event():
    # the row is mostly about s1 (reported on day 6); an early mention in s2 on
    # day 1 does not make d (day 3, on a third story) a later outlet
    claims = [_claim("a1", "a", "s1", 6), _claim("b1", "b", "s1", 6), _claim("e1", "e", "s2", 1),
              _claim("d1", "d", "s3", 3)]
    got = _matrix(claims, {"a1": "k", "b1": "k", "e1": "k", "d1": "n"})
    assert got[("k", "d")] == "not_covered"


def test_a_later_outlet_giving_the_count_elsewhere_has_not_omitted_the_count():
    claims = [_claim("a1", "a", "s1", 5, dead=2), _claim("b1", "b", "s1", 5, dead=2),
              _claim("c1", "c", "s2", 7, dead=2), _claim("f1", "f", "s2", 7)]
    got = _matrix(claims, {"a1": "k", "b1": "k", "c1": "m", "f1": "p"})
    assert got[("k#dead", "a")] == "asserted"
    # c states the toll in its own story's article: not an omission of the count
    assert got[("k#dead", "c")] == "not_covered"
    # f wrote later and gives no toll anywhere
    assert got[("k#dead", "f")] == "omitted"
    assert got[("k", "f")] == "omitted"


def test_later_coverage_reaches_the_matrix_from_the_command_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import compare.analyze.cluster_matrix as cluster_matrix
    from compare.cli import app
    from test_analyze import make_run

    seen = []
    real = cluster_matrix.build_matrix

    def spy(*args, later_days=None, **kw):
        seen.append(later_days)
        return real(*args, later_days=later_days, **kw)

    monkeypatch.setattr(cluster_matrix, "build_matrix", spy)
    make_run(tmp_path)
    for option, expected in ((["--later-coverage-days", "off"], None), (["--later-coverage-days", "2"], 2), ([], 0)):
        seen.clear()
        out = CliRunner().invoke(app, ["--quiet", "analyze", str(tmp_path), "--embedder", "hashing", *option])
        assert out.exit_code == 0, out.output
        assert seen and set(seen) == {expected}


def test_a_bad_later_coverage_value_is_one_line_before_any_work(tmp_path):
    import subprocess
    import sys

    from test_analyze import make_run

    make_run(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "compare", "--quiet", "analyze", str(tmp_path),
                           "--later-coverage-days", "soon"], capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "later_coverage_days: expected a number of days or 'off', got 'soon'" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "claims.parquet").exists()


def test_an_omission_by_date_says_why_in_its_note():
    claims, cluster_of = _story()
    coverage: dict = {}
    last: dict = {}
    for c in claims:
        coverage.setdefault(("e", c.article.subevent_id), set()).add(c.outlet)
        last[("e", c.outlet)] = c.article.published
    rows = build_matrix(claims, cluster_of, coverage, sorted(last and {o for _, o in last}), last_report=last)
    note = next(r["note"] for r in rows if (r["cluster_id"], r["outlet"]) == ("k", "c"))
    assert note == "no article on this story, but wrote on the event on 2025-06-07, after it was first reported on 2025-06-05"


def test_the_note_of_an_omission_by_date_reads_in_the_report_language():
    from compare.report.handout import Chrome

    note = "no article on this story, but wrote on the event on 2025-06-07, after it was first reported on 2025-06-05"
    ru = str(Chrome("ru").note(note))
    assert ru.startswith("нет статьи об этом сюжете") and "2025-06-07" in ru and "2025-06-05" in ru
    az = str(Chrome("az").note(note))
    assert az.startswith("bu süjet haqqında məqalə yoxdur") and "2025-06-05" in az
    assert str(Chrome("en").note(note)) == note
