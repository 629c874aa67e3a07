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


# --------------------------------------------------------------------------- trustworthy handouts
def test_cite_labels_never_repeat(result, run_dir):
    from compare.report.handout import _cite, cite_labels

    assert _cite(["s1", "s1", "s2", "s3"], {"s1": "A1", "s2": "B2"}) == "A1, B2"
    assert cite_labels(["s1", "s1"], {"s1": "A1"}) == [("s1", "A1")]
    folder = run_dir / "handouts" / "ev-severogorsk-raid"
    for name in ("answer-key.md", "answer-key.html"):
        text = re.sub(r"<[^>]+>", "", (folder / name).read_text(encoding="utf-8"))
        assert not re.search(r"\b([A-Z]\d+), (?:[A-Z]\d+, )*\1\b", text), name


def test_number_of_questions_keeps_the_discussion_last(run_dir, tmp_path):
    from compare.report.handout import HandoutUsageError

    res = handout_run(run_dir, out=tmp_path / "three", questions=3)
    md = (res.out / "worksheet.md").read_text(encoding="utf-8")
    assert res.questions == 3 and "\n3. Pick two sentences" in md and "\n4. " not in md
    one = handout_run(run_dir, out=tmp_path / "one", questions=1)
    assert one.questions == 1
    assert "“Nine people were detained”" in (one.out / "worksheet.md").read_text(encoding="utf-8")
    for bad in (0, 13, "x"):
        with pytest.raises(HandoutUsageError, match="--questions") as err:
            handout_run(run_dir, out=tmp_path / "bad", questions=bad)
        assert err.value.exit_code == 2
    with pytest.raises(HandoutUsageError, match="--ui-language: unknown UI language 'fr'") as err:
        handout_run(run_dir, out=tmp_path / "bad", ui_language="fr")
    assert err.value.exit_code == 2


def test_cli_usage_errors_are_one_line_and_exit_2(run_dir):
    import subprocess
    import sys

    for args, word in ((["--ui-language", "fr"], "--ui-language"), (["--questions", "0"], "--questions"),
                       (["--event", "nope"], "no event 'nope'")):
        proc = subprocess.run([sys.executable, "-m", "compare", "handout", str(run_dir), *args],
                              capture_output=True, text=True)
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 2 and len(lines) == 1 and word in lines[0], (args, proc.stderr)


def test_source_names_in_dictionary_form():
    from compare.report.handout import dictionary_form

    # example phrases written for this test
    ru = {
        "мэрии": "мэрия",
        "правозащитного центра «Открытая дверь»": "правозащитный центр «Открытая дверь»",
        "политолога Ивана Петрова": "политолог Иван Петров",
        "городского суда": "городской суд",
        "МВД России": "МВД России",          # the dependent keeps its case
        "пресс-службе городского суда": "пресс-служба городского суда",
        "его": "его",                        # a pronoun has no dictionary form to show
    }
    for text, want in ru.items():
        assert dictionary_form(text, "ru") == want, text
    az = {
        "şəhər icmasından": "şəhər icması",
        "Səhiyyə Nazirliyinə": "Səhiyyə Nazirliyi",
        "Bakı şəhər məhkəməsi": "Bakı şəhər məhkəməsi",   # already the dictionary form
        "Elçin Məmmədovun": "Elçin Məmmədov",
    }
    for text, want in az.items():
        assert dictionary_form(text, "az") == want, text
    assert dictionary_form("Interior ministry", "ru") == "Interior ministry"


# --------------------------------------------------------------------------- on the demo corpus
@pytest.fixture(scope="module")
def demo_handout(demo_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-ho")
    res = handout_run(demo_run, event="E001", out=out)
    return res.out


@pytest.fixture(scope="module")
def demo_report(demo_run, tmp_path_factory):
    from compare.report import report_run

    out = tmp_path_factory.mktemp("demo-report")
    report_run(demo_run, out=out)
    return (out / "event-E001.html").read_text(encoding="utf-8")


def test_first_question_is_a_central_planted_difference(demo_handout, demo_run):
    from compare.report.data import load
    from compare.report.html import event_context

    md = (demo_handout / "worksheet.md").read_text(encoding="utf-8")
    questions = re.findall(r"^(\d+)\. (.+)$", md, flags=re.M)
    first = questions[0][1]
    # planted central differences (corpora/demo/README.md): the death toll, the cause of death, who acted
    assert "cause of death" in first or "How many people died" in first or "names who acted" in first, first
    # ... and it is the event page's first key difference
    data = load(demo_run)
    kd = event_context(data, data.events[0])["key_differences"]
    assert ("cause of death" in (kd[0].note or "")) == ("cause of death" in first)
    assert any("How many people died" in q for _n, q in questions[:3])
    assert any("names who acted" in q for _n, q in questions[:3])


def _report_table(page: str, section: str) -> tuple[list[str], dict[str, list[int]]]:
    body = page[page.index(f'id="{section}"'):]
    body = body[:body.index("</table>")]
    head = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r'<th scope="col">(.*?)</th>', body)]
    rows = {}
    for name, cells in re.findall(r'<tr><th scope="row"[^>]*>(.*?)</th>(.*?)</tr>', body, flags=re.S):
        rows[name] = [int(x) for x in re.findall(r'<td class="num">(\d+)', cells)]
    return head, rows


def test_key_counts_equal_the_report_event_page(demo_handout, demo_report):
    key = (demo_handout / "answer-key.md").read_text(encoding="utf-8")
    _head, agency = _report_table(demo_report, "agency")    # named, generic, absent, total
    acted = re.findall(r"^   (.+?) says who acted in (\d+) of (\d+) mentions", key, flags=re.M)
    left = re.findall(r"^   (.+?) leaves the agent out in (\d+) of (\d+) mentions", key, flags=re.M)
    assert acted and left
    for name, n, total in acted:
        named, generic, _absent, tot = agency[name][:4]
        assert (int(n), int(total)) == (named + generic, tot), name
    for name, n, total in left:
        _named, _generic, absent, tot = agency[name][:4]
        assert (int(n), int(total)) == (absent, tot), name
    # whom the outlet quotes: each "type (n)" is the report's source-mix cell
    head, mix = _report_table(demo_report, "sources")
    outlet = re.search(r"^   (.+?) quotes:$", key, flags=re.M).group(1)
    items = re.findall(r"^   - ([^:(\n]+?) \((\d+)\)", key[key.index(f"{outlet} quotes:"):], flags=re.M)
    assert items
    for label, n in items:
        assert mix[outlet][head.index(label) - 1] == int(n), label
    # the death toll the key gives per outlet is in the report's numbers table
    num = demo_report[demo_report.index('id="num-dead"'):]
    num = num[:num.index("</tr>")]
    died = key[key.index("How many people died?"):]
    line = next(x for x in died.splitlines() if "Figures each outlet gives:" in x)
    values = re.findall(r"(?:; |: )[^;:]+?: (\d+) \(", line)
    assert values
    for value in values:
        assert f">{value}<" in num or f">{value} " in num or value in re.sub(r"<[^>]+>", " ", num).split()


def test_the_demo_key_names_sources_in_dictionary_form(demo_handout):
    key = (demo_handout / "answer-key.md").read_text(encoding="utf-8")
    quotes = key[key.index(" quotes:"):key.index("It does not quote")]
    assert "мэрия" in quotes and "мэрии" not in quotes


def test_a_count_asked_about_is_not_asked_again_in_the_numbers_question(demo_handout):
    md = (demo_handout / "worksheet.md").read_text(encoding="utf-8")
    assert "How many people died?" in md
    numbers = next(x for x in md.splitlines() if "Which numbers differ" in x)
    assert "dead" not in numbers and "detained" in numbers
