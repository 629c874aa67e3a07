"""Teaching handouts: worksheet without answers, answer key with evidence."""
from __future__ import annotations

import re

import pytest

from compare.errors import CompareError
from compare.report.handout import handout_run
from report_helpers import build_run


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return build_run(tmp_path_factory.mktemp("ho") / "run")


@pytest.fixture(scope="module")
def result(run_dir):
    return handout_run(run_dir)


def test_default_event_is_the_one_with_most_outlets(result, run_dir):
    assert result.event_id == "ev-severogorsk-raid"
    folder = run_dir / "handouts" / "ev-severogorsk-raid"
    for name in ("worksheet.html", "worksheet.md", "answer-key.html", "answer-key.md"):
        assert (folder / name).stat().st_size > 0
    assert result.questions == 6


def test_questions_come_from_the_analysis(result, run_dir):
    md = (run_dir / "handouts" / "ev-severogorsk-raid" / "worksheet.md").read_text(encoding="utf-8")
    # the key differences lead: the detained count first, then the omission of the beating
    assert md.index("“Nine people were detained”") < md.index("“Police beat the detainees”: which outlets report this")
    assert "Who does Caspian Wire (en) quote, and who does it not?" in md
    assert "says only that people died" in md
    assert "Which numbers differ between the outlets (detained)?" in md
    # excerpts from every outlet and language, labelled for citation
    for name in ("Независимый голос", "Уральский вестник", "Bakı Xəbər", "Sahil İnfo", "Caspian Wire"):
        assert name in md
    assert "**A1** Во время рейда" in md and "**D2** İki qardaş həyatını itirib." in md
    # the reprint adds nothing to compare and is left out
    assert "Northern Ledger" not in md


def test_worksheet_gives_no_answers(result, run_dir):
    folder = run_dir / "handouts" / "ev-severogorsk-raid"
    for name in ("worksheet.md", "worksheet.html"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "Leaving it out:" not in text and "Contradicting it:" not in text
        assert "Evidence:" not in text and "source: МВД России" not in text
        assert "answer-key" not in text and "Answer key" not in text   # no way from the worksheet to the key


def test_answer_key_cites_sentences_present_in_the_excerpts(result, run_dir):
    folder = run_dir / "handouts" / "ev-severogorsk-raid"
    md = (folder / "answer-key.md").read_text(encoding="utf-8")
    assert "   - Leaving it out: Уральский вестник\n   - Reporting it: Независимый голос, Bakı Xəbər" in md
    assert "Уральский вестник: 9 (source: МВД России)" in md and "Независимый голос: 40–60 (no source given)" in md
    assert "Bakı Xəbər: 15 (no source given)" in md
    cited = set(re.findall(r"Evidence: ([A-Z0-9, ]+)\.", md))
    labels = {lab for group in cited for lab in group.split(", ")}
    assert labels
    listed = set(re.findall(r"^- \*\*([A-Z]\d+)\*\*", md, flags=re.M))
    assert labels <= listed
    html = (folder / "answer-key.html").read_text(encoding="utf-8")
    for target in re.findall(r'href="#(s-[^"]+)"', html):
        assert f'id="{target}"' in html


def test_html_is_accessible_and_self_contained(result, run_dir):
    html = (run_dir / "handouts" / "ev-severogorsk-raid" / "worksheet.html").read_text(encoding="utf-8")
    assert 'lang="ru"' in html and 'lang="az"' in html and 'class="skip-link"' in html
    assert "<link" not in html and "src=" not in html
    assert 'href="answer-key.html"' not in html   # students get the worksheet alone
    key = (run_dir / "handouts" / "ev-severogorsk-raid" / "answer-key.html").read_text(encoding="utf-8")
    assert 'href="worksheet.html"' in key


def test_choose_event_and_errors(run_dir, tmp_path):
    res = handout_run(run_dir, event="ev-ambassador", out=tmp_path / "h")
    assert res.out == tmp_path / "h" / "ev-ambassador"
    md = (res.out / "answer-key.md").read_text(encoding="utf-8")
    assert "Baku cancelled a cultural festival" in md
    with pytest.raises(CompareError, match="no event 'nope'; events: ev-severogorsk-raid") as err:
        handout_run(run_dir, event="nope")
    assert err.value.exit_code == 2   # an unknown event is bad usage


def test_cross_lingual_and_missing_analysis(tmp_path):
    run = build_run(tmp_path / "x", mode="cross-lingual", omit=("numbers", "agency", "attributions"))
    res = handout_run(run)
    md = (res.out / "worksheet.md").read_text(encoding="utf-8")
    assert "No translations are included" in md and "*EN:" not in md
    assert "numbers differ" not in md and "Who does" not in md
    assert res.questions == 4  # the contradiction, two omissions, the discussion
    assert "leave it out?" in md and "Which outlet names who acted" not in md


def test_handout_headings_never_skip_a_level(result, run_dir):
    from test_report import heading_levels

    for name in ("worksheet.html", "answer-key.html"):
        levels = heading_levels((run_dir / "handouts" / "ev-severogorsk-raid" / name).read_text(encoding="utf-8"))
        assert levels[0] == 1 and levels.count(1) == 1
        for a, b in zip(levels, levels[1:]):
            assert b <= a + 1, (name, a, b)
