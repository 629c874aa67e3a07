"""Publication figures: formats, fonts, determinism, graceful gaps."""
from __future__ import annotations

import logging
import warnings

import polars as pl
import pytest
from PIL import Image

from compare.errors import CompareError
from compare.figures import WIDTHS, claim_matrix_figure, figures_run
from compare.report.data import load
from report_helpers import AZ_LETTERS, build_run

STEMS = {"claim-matrix-ev-severogorsk-raid", "source-mix-ev-severogorsk-raid", "numbers-ev-severogorsk-raid",
         "agency-ev-severogorsk-raid", "claim-matrix-ev-ambassador", "source-mix-ev-ambassador", "timeline"}


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return build_run(tmp_path_factory.mktemp("fig") / "run")


@pytest.fixture(scope="module")
def result(run_dir):
    return figures_run(run_dir)


def test_every_figure_in_three_formats(result, run_dir):
    assert {p.stem for p in result.files} == STEMS
    for stem in STEMS:
        pdf = (run_dir / "figures" / f"{stem}.pdf").read_bytes()
        svg = (run_dir / "figures" / f"{stem}.svg").read_text(encoding="utf-8")
        assert pdf.startswith(b"%PDF") and b"/CreationDate" not in pdf
        assert svg.lstrip().startswith("<?xml") and "<dc:date>" not in svg
        with Image.open(run_dir / "figures" / f"{stem}.png") as im:
            assert round(im.info["dpi"][0]) == 300
            assert "Software" in im.info and "2026" not in str(im.info)
    # single-event figures are skipped with a reason, not silently
    assert any("numbers-ev-ambassador" in s for s in result.skipped)
    assert "timeline" in str(result)


def test_byte_identical_when_rendered_twice(run_dir, tmp_path):
    a = figures_run(run_dir, out=tmp_path / "a")
    figures_run(run_dir, out=tmp_path / "b")
    assert len(a.files) == 21
    for p in a.files:
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes(), p.name


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_cyrillic_and_azerbaijani_letters_have_glyphs(tmp_path):
    run = build_run(tmp_path / "glyphs")
    # put every letter that must render into outlet names and claim labels
    arts = pl.read_parquet(run / "articles.parquet").with_columns(
        pl.when(pl.col("outlet") == "sahil-info").then(pl.lit(f"Şəki Çağ {AZ_LETTERS}"))
        .otherwise(pl.col("outlet_name")).alias("outlet_name"))
    arts.write_parquet(run / "articles.parquet")
    cl = pl.read_parquet(run / "claim_clusters.parquet").with_columns(
        (pl.col("label_en") + f" — {AZ_LETTERS} ЁЖЩЫЭЮЯ ёжщыэюя").alias("label_en"))
    cl.write_parquet(run / "claim_clusters.parquet")
    handler = _Capture()
    logging.getLogger("matplotlib").addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = figures_run(run, formats=("png", "pdf", "svg"))
    finally:
        logging.getLogger("matplotlib").removeHandler(handler)
    problems = [str(w.message) for w in caught] + handler.messages
    assert not [m for m in problems if "Glyph" in m or "missing from" in m], problems
    assert len(res.files) == 21


def test_a_missing_glyph_would_be_caught(tmp_path):
    # The check above can fail: a character DejaVu Sans lacks does warn.
    from matplotlib.figure import Figure

    fig = Figure()
    fig.text(0.5, 0.5, "\U0001F9EA")  # test-tube emoji: not in DejaVu Sans
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "x.png")
    assert any("missing from font" in str(w.message) for w in caught)


def test_width_option(run_dir):
    data = load(run_dir)
    event = next(e for e in data.events if e.id == "ev-severogorsk-raid")
    assert claim_matrix_figure(data, event, "single").get_figwidth() == WIDTHS["single"]
    assert claim_matrix_figure(data, event).get_figwidth() == WIDTHS["double"]
    with pytest.raises(CompareError, match="single or double"):
        claim_matrix_figure(data, event, "wide")
    with pytest.raises(CompareError, match="format"):
        figures_run(run_dir, formats=("gif",))


def test_missing_tables_are_skipped_with_a_reason(tmp_path):
    run = build_run(tmp_path / "m", omit=("numbers", "source_mix", "agency_summary"))
    res = figures_run(run, formats=("png",))
    stems = {p.stem for p in res.files}
    assert "timeline" in stems and "claim-matrix-ev-severogorsk-raid" in stems
    assert not any(s.startswith("numbers-") for s in stems)
    assert any("numbers not in this run" in s for s in res.skipped)


def test_a_shortened_facet_label_keeps_its_tag():
    from compare.figures import _short

    label = "In Lisogorsk, two men, the brothers Ramil and Zaur Mamedli, died after mass detentions [number dead]"
    short = _short(label, 76)
    assert len(short) <= 76 and short.endswith("[number dead]") and "…" in short


def test_an_unknown_width_is_a_usage_error(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "compare", "figures", str(tmp_path), "--width", "tripple"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "use single or double" in proc.stderr


def test_per_event_figures_on_demand(run_dir, tmp_path, monkeypatch):
    import compare.figures as figures

    def stems(res):
        return {p.stem for p in res.files}

    only = figures_run(run_dir, out=tmp_path / "one", formats=["svg"], events="ev-ambassador")
    assert stems(only) == {"claim-matrix-ev-ambassador", "source-mix-ev-ambassador", "timeline"}
    overview = figures_run(run_dir, out=tmp_path / "overview", formats=["svg"], events="overview")
    assert stems(overview) == {"timeline"} and any("overview" in s for s in overview.skipped)
    # the default cap keeps the largest events and says what it left out
    monkeypatch.setattr(figures, "EVENT_FIGURES_CAP", 1)
    capped = figures_run(run_dir, out=tmp_path / "capped", formats=["svg"])
    assert "claim-matrix-ev-severogorsk-raid" in stems(capped) and "claim-matrix-ev-ambassador" not in stems(capped)
    assert any("1 smaller event" in s for s in capped.skipped)
    with pytest.raises(CompareError, match="no event ev-nope"):
        figures_run(run_dir, out=tmp_path / "bad", events="ev-nope")


def test_unchanged_figures_are_not_redrawn(run_dir, tmp_path, monkeypatch):
    import shutil

    import compare.figures as figures

    run = tmp_path / "run"
    shutil.copytree(run_dir, run, ignore=shutil.ignore_patterns("figures", "cache"))
    first = figures_run(run, formats=["svg", "png"])
    assert first.reused == [] and len(first.files) == 14
    drawn = []
    real_save = figures.save
    monkeypatch.setattr(figures, "save", lambda fig, out, stem, formats=figures.FORMATS:
                        drawn.append(stem) or real_save(fig, out, stem, formats))
    again = figures_run(run, formats=["svg", "png"])
    assert drawn == [] and sorted(again.reused) == sorted(STEMS)
    assert {p.name for p in again.files} == {p.name for p in first.files}
    assert "unchanged, not redrawn" in str(again)

    # one number changed in one event: only that event's figures are redrawn
    numbers = pl.read_parquet(run / "numbers.parquet")
    raid = pl.col("event_id") == "ev-severogorsk-raid"
    numbers.with_columns(pl.when(raid & (pl.int_range(pl.len()) == 0)).then(pl.col("value_low") + 1)
                         .otherwise(pl.col("value_low")).alias("value_low")).write_parquet(run / "numbers.parquet")
    changed = figures_run(run, formats=["svg", "png"])
    assert sorted(drawn) == sorted(s for s in STEMS if s.endswith("severogorsk-raid"))
    assert "claim-matrix-ev-ambassador" in changed.reused and "timeline" in changed.reused
    # what was kept is byte for byte what a cold draw gives
    cold = figures_run(run, out=tmp_path / "cold", formats=["svg", "png"], redraw=True)
    for p in cold.files:
        assert p.read_bytes() == (run / "figures" / p.name).read_bytes(), p.name
    # a deleted file is drawn again
    (run / "figures" / "timeline.svg").unlink()
    drawn.clear()
    figures_run(run, formats=["svg", "png"])
    assert drawn == ["timeline"]


def test_redraw_follows_content_not_table_layout(run_dir, tmp_path, monkeypatch):
    """An event's figures are keyed by that event's rows' values: another
    event's long strings edited (they share the column's buffers) or an
    article's text edited leave them as they are; the timeline reads no text."""
    import shutil

    import compare.figures as figures

    run = tmp_path / "run"
    shutil.copytree(run_dir, run, ignore=shutil.ignore_patterns("figures", "cache"))
    figures_run(run, formats=["svg"])
    drawn = []
    real_save = figures.save
    monkeypatch.setattr(figures, "save", lambda fig, out, stem, formats=figures.FORMATS:
                        drawn.append(stem) or real_save(fig, out, stem, formats))
    other = pl.col("event_id") == "ev-ambassador"
    for name, column in (("claims", "text"), ("entities", "text"), ("attributions", "content_text")):
        path = run / f"{name}.parquet"
        df = pl.read_parquet(path)
        assert df.filter(other).height
        df.with_columns(pl.when(other).then(pl.col(column) + " and a much longer tail than before")
                        .otherwise(pl.col(column)).alias(column)).write_parquet(path)
    arts = pl.read_parquet(run / "articles.parquet")
    arts.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.col("text") + " An added sentence.")
                      .otherwise(pl.col("text")).alias("text")).write_parquet(run / "articles.parquet")
    again = figures_run(run, formats=["svg"])
    assert not [s for s in drawn if not s.endswith("ev-ambassador")], drawn
    assert "timeline" in again.reused and "claim-matrix-ev-severogorsk-raid" in again.reused
    # a changed publication time does redraw the timeline
    drawn.clear()
    arts.with_columns(pl.col("published").dt.offset_by("1h")).write_parquet(run / "articles.parquet")
    figures_run(run, formats=["svg"])
    assert drawn == ["timeline"]


def _pdf_fonts(pdf: bytes):
    """The TrueType fonts embedded in a matplotlib PDF (its FontFile2 streams)."""
    import io
    import re
    import zlib

    from fontTools.ttLib import TTFont

    fonts = []
    for ref in re.findall(rb"/FontFile2 (\d+) 0 R", pdf):
        obj = re.search(rb"\n" + ref + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n", pdf, re.S)
        length = int(re.search(rb"/Length (\d+)", obj.group(1)).group(1))
        data = pdf[obj.end():obj.end() + length]
        fonts.append(TTFont(io.BytesIO(zlib.decompress(data) if b"FlateDecode" in obj.group(1) else data)))
    return fonts


def _text_figure():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 1))
    ax = fig.add_subplot()
    ax.set_title("Сфера · Xəbər Mərkəzi", fontweight="bold")
    ax.set_xlabel("published (UTC)")
    return fig


def test_pdf_fonts_are_embedded_without_layout_tables(tmp_path):
    import matplotlib

    from compare.figures import PDF_DROP_TABLES, RC, save

    with matplotlib.rc_context(RC):
        fig = _text_figure()
        save(fig, tmp_path, "lean", ["pdf"])
        fig.savefig(tmp_path / "plain.pdf", format="pdf")  # matplotlib's own embedding, for contrast
    lean = _pdf_fonts((tmp_path / "lean.pdf").read_bytes())
    plain = _pdf_fonts((tmp_path / "plain.pdf").read_bytes())
    assert lean and plain
    layout = {"GSUB", "GPOS", "GDEF"}
    assert layout <= set(PDF_DROP_TABLES)
    for font in lean:
        assert "glyf" in font and "cmap" in font
        assert not layout & set(font.keys())
    assert any(layout & set(font.keys()) for font in plain)
    # the patch is gone once the file is written
    from fontTools import subset
    from matplotlib.backends import _backend_pdf_ps
    assert _backend_pdf_ps.subset is subset


def test_one_tight_box_for_all_formats(tmp_path):
    """The box measured once gives the PNG that bbox_inches="tight" gives, and
    PDF and SVG pages within a point or two of their own tight boxes."""
    import re

    import matplotlib

    from compare.figures import PAD_INCHES, RC, save

    with matplotlib.rc_context(RC):
        fig = _text_figure()
        save(fig, tmp_path, "once")
        for fmt in ("png", "pdf"):
            fig.savefig(tmp_path / f"tight.{fmt}", format=fmt, dpi=300, bbox_inches="tight", pad_inches=PAD_INCHES,
                        metadata={"Software": None} if fmt == "png" else None)
    with Image.open(tmp_path / "once.png") as a, Image.open(tmp_path / "tight.png") as b:
        assert a.size == b.size
        assert a.tobytes() == b.tobytes()

    def page(path):
        return [float(x) for x in re.search(rb"/MediaBox \[ ?([^\]]*)\]", path.read_bytes()).group(1).split()]

    once, tight = page(tmp_path / "once.pdf"), page(tmp_path / "tight.pdf")
    assert all(abs(x - y) <= 2.0 for x, y in zip(once, tight)), (once, tight)


def test_pdf_fonts_lean_when_saved_from_two_threads(tmp_path):
    """Two threads saving PDFs at once both get lean fonts, and the module is
    left as it was."""
    import threading

    import matplotlib
    from fontTools import subset
    from matplotlib.backends import _backend_pdf_ps

    from compare.figures import RC, save

    def draw(k):
        with matplotlib.rc_context(RC):
            for n in range(3):
                save(_text_figure(), tmp_path, f"t{k}-{n}", ["pdf"])

    threads = [threading.Thread(target=draw, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    files = sorted(tmp_path.glob("*.pdf"))
    assert len(files) == 6
    for f in files:
        assert all(not {"GSUB", "GPOS"} & set(font.keys()) for font in _pdf_fonts(f.read_bytes())), f.name
    assert _backend_pdf_ps.subset is subset
