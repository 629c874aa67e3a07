"""LaTeX tables: escaping, the layout that keeps every table inside the page,
and, when xelatex is installed (CI installs it), compiling the tables of a
synthetic run and of the demo run with no overfull line and no missing glyph."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest

from compare.report import report_run
from compare.report.data import Outlet
from compare.report.latex import (breakable, claim_matrix_tex, numbers_tex, shorten,
                                  tables_document, tex, text_pt)
from report_helpers import build_reported_run, build_run

XELATEX = shutil.which("xelatex")
needs_xelatex = pytest.mark.skipif(XELATEX is None, reason="xelatex not installed (CI installs texlive-xetex)")

# An overfull line up to this much is invisible in print.
OVERFULL_TOLERANCE_PT = 1.0


def latex_problems(log: str) -> list[str]:
    """Overfull boxes wider than the tolerance and characters missing from the font, from a TeX log."""
    problems = [m.group(0) for m in re.finditer(r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)[^\n]*", log)
                if float(m.group(1)) > OVERFULL_TOLERANCE_PT]
    problems += re.findall(r"Missing character: There is no [^\n]*", log)
    return problems


def compile_tex(folder: Path, main: str = "tables.tex") -> str:
    """xelatex ``main`` in ``folder`` twice (longtable settles its widths on the
    second pass); returns both logs. Fails on a TeX error."""
    logs = []
    for _ in range(2):
        # \tracinglostchars makes every glyph the font lacks a log line
        proc = subprocess.run([XELATEX, "-interaction=nonstopmode", "-halt-on-error",
                               rf"\tracinglostchars=2 \input{{{main}}}"],
                              cwd=folder, capture_output=True, text=True, timeout=180)
        log = (folder / Path(main).with_suffix(".log").name).read_text(encoding="utf-8", errors="replace")
        assert proc.returncode == 0, log[-3000:]
        logs.append(log)
    return "\n".join(logs)


# --------------------------------------------------------------------------- units
def test_latex_escaping():
    assert tex("50% of A&B_c {x} #1 $5 ~ ^ \\") == (
        r"50\% of A\&B\_c \{x\} \#1 \$5 \textasciitilde{} \textasciicircum{} \textbackslash{}")
    assert tex("40–60, ≥9") == r"40--60, $\geq$9"
    assert tex("Bakı Xəbər и Вестник") == "Bakı Xəbər и Вестник"
    assert tex("and so on…") == r"and so on\dots{}"


def test_long_words_get_break_points_that_bound_their_width():
    width = 50.0
    word = "Правозащитныйцентр" * 4
    out = breakable(f"short {word} https://example.com/a_very_long_path_without_spaces", width)
    assert out.startswith("short ")
    # no piece between break points is wider than the column
    for piece in re.split(r"\\-|\\allowbreak\{\}|\s+", out):
        assert text_pt(piece.replace("\\_", "_")) < width, piece
    assert word == out.split()[1].replace("\\-", "")
    assert "\\allowbreak{}" in out and "\\_" in out
    # words that fit are left alone: TeX hyphenates them as usual
    assert breakable("Уральский вестник", 100.0) == "Уральский вестник"


def test_shorten_keeps_the_tag_that_tells_rows_apart():
    label = "In Lisogorsk, two men died after mass detentions of people from Azerbaijan. [number dead]"
    text, cut = shorten(label, 50)
    assert cut and text.endswith("… [number dead]") and len(text) <= 50
    assert shorten("Nine people were detained", 50) == ("Nine people were detained", False)


def _ctx(n_outlets: int, label: str, name: str, value: str):
    langs = ["ru", "az", "en"]
    outlets = [Outlet(f"o{i}", f"{name}{i}", langs[i * 3 // n_outlets], None, None) for i in range(n_outlets)]
    statuses = ["asserted", "omitted", "contradicted", "not_covered", "differs", "an_unexpected_status_word"]
    rows = [{"label": f"{label} {k}", "subevent": f"s{k // 3}", "subevent_label": label,
             "cells": [{"status": statuses[(i + k) % len(statuses)]} for i in range(n_outlets)]} for k in range(6)]
    numbers = [{"counted": name, "conflict": True,
                "cells": [[{"value": value, "source_type": "official"}, {"value": "≥40"}] for _ in range(n_outlets)]}]
    event = SimpleNamespace(id="E001", label=label, date_span=lambda: "2025-09-03 – 2025-09-07")
    return {"event": event, "col_outlets": outlets, "matrix_rows": rows, "show_subevents": True,
            "number_rows": numbers}


class _Data:
    def signature(self):
        return {"toolkit_version": "test", "tables_digest": "0" * 12}


HOSTILE = dict(label="Ölüm " + "Правозащитныйцентрəşğ" * 24, name="Xəbərlərmərkəziагентство" * 3, value="1" * 60)


@pytest.mark.parametrize("n_outlets", [1, 6, 11])
def test_hostile_tables_are_split_and_broken(n_outlets):
    ctx = _ctx(n_outlets, **HOSTILE)
    claims = claim_matrix_tex(_Data(), ctx)
    tables = claims.count(r"\begin{longtable}")
    assert tables == (2 if n_outlets > 8 else 1)
    assert r"\begin{landscape}" in claims and "shortened in the table" in claims
    numbers = numbers_tex(_Data(), ctx)
    assert numbers.count(r"\begin{longtable}") == tables
    for text in (claims, numbers):
        for line in text.splitlines():
            if not line.startswith("%"):
                assert line.count("{") == line.count("}"), line


@needs_xelatex
def test_hostile_labels_and_names_stay_inside_the_page(tmp_path):
    """Unbreakable labels, outlet names and numbers, many outlets: nothing overflows."""
    names = []
    for n in (1, 6, 11):
        ctx = _ctx(n, **HOSTILE)
        for kind, text in (("claims", claim_matrix_tex(_Data(), ctx)), ("numbers", numbers_tex(_Data(), ctx))):
            names.append(f"{kind}-{n}.tex")
            (tmp_path / names[-1]).write_text(text, encoding="utf-8")
    # on the narrowest page designed for (US letter, article's margins) and on A4
    doc = tables_document(_Data(), names)
    (tmp_path / "tables.tex").write_text(doc, encoding="utf-8")
    (tmp_path / "letter.tex").write_text(doc.replace("[a4paper]{article}", "{article}")
                                         .replace(r"\usepackage[margin=2cm]{geometry}", ""), encoding="utf-8")
    assert latex_problems(compile_tex(tmp_path)) == []
    assert latex_problems(compile_tex(tmp_path, "letter.tex")) == []


@needs_xelatex
def test_the_check_catches_overflow_and_missing_letters(tmp_path):
    """The checks above can fail: a fixed-width table of long names overflows,
    and a font without Cyrillic loses letters."""
    (tmp_path / "bad.tex").write_text(
        "\\documentclass{article}\n\\usepackage{fontspec}\n\\setmainfont{Latin Modern Roman}\n"
        "\\begin{document}\n\\begin{tabular}{p{0.34\\linewidth}cccccc}\n"
        "Claim & Meridian News Agency & The Caspian Chronicle & Уральский вестник & Xəbər Mərkəzi & A & B \\\\\n"
        "\\end{tabular}\n\\end{document}\n", encoding="utf-8")
    problems = latex_problems(compile_tex(tmp_path, "bad.tex"))
    assert any(p.startswith("Overfull") for p in problems)
    assert any("There is no У" in p for p in problems)


def test_problem_parser():
    log = ("Overfull \\hbox (0.5pt too wide) in alignment at lines 9--10\n"
           "Overfull \\hbox (21.5pt too wide) in alignment at lines 9--10\n"
           "Missing character: There is no ə (U+0259) in font lmroman10-regular!\n")
    assert latex_problems(log) == ["Overfull \\hbox (21.5pt too wide) in alignment at lines 9--10",
                                   "Missing character: There is no ə (U+0259) in font lmroman10-regular!"]


# --------------------------------------------------------------------------- a synthetic run
@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return build_reported_run(tmp_path_factory)


def test_latex_tables(run_dir):
    latex = run_dir / "report" / "latex"
    claims = (latex / "claims-ev-severogorsk-raid.tex").read_text(encoding="utf-8")
    assert r"\toprule" in claims and r"\midrule" in claims and r"\bottomrule" in claims
    assert "T2A" in claims and "fontspec" in claims and "pdflscape" in claims
    assert r"\begin{landscape}" in claims and r"\begin{longtable}" in claims and r"\begin{table}" not in claims
    assert r"\multicolumn{2}{c}{Russian}" in claims and r"\cmidrule(lr){2-3}" in claims
    assert "Уральский вестник" in claims.replace("\\-", "") and "Sahil İnfo" in claims
    row = next(l for l in claims.splitlines() if l.startswith("Nine people"))
    assert row.count("&") == 6 and r"\textbf{C}" in row
    numbers = (latex / "numbers-ev-severogorsk-raid.tex").read_text(encoding="utf-8")
    assert r"40--60" in numbers and r"$\geq$9" in numbers and r"$\neq$" in numbers
    # every non-comment line has balanced braces
    for line in (claims + numbers).splitlines():
        if not line.startswith("%"):
            assert line.count("{") == line.count("}"), line
    # tables.tex inputs every table
    doc = (latex / "tables.tex").read_text(encoding="utf-8")
    assert {p.name for p in latex.glob("*.tex")} - {"tables.tex"} == set(re.findall(r"\\input\{([^}]+)\}", doc))


@needs_xelatex
def test_synthetic_run_tables_compile_and_fit(run_dir, tmp_path):
    folder = shutil.copytree(run_dir / "report" / "latex", tmp_path / "latex")
    assert latex_problems(compile_tex(folder)) == []


@needs_xelatex
def test_long_claim_table_breaks_across_pages(tmp_path):
    run = build_run(tmp_path / "long")
    matrix = pl.read_parquet(run / "claim_matrix.parquet")
    ev = matrix.filter(pl.col("event_id") == "ev-severogorsk-raid")
    first = ev["cluster_id"][0]
    copies = [ev.filter(pl.col("cluster_id") == first).with_columns(pl.lit(f"more-{k:02d}").alias("cluster_id"))
              for k in range(60)]
    pl.concat([matrix, *copies]).write_parquet(run / "claim_matrix.parquet")
    report_run(run)
    folder = run / "report" / "latex"
    text = next(folder.glob("claims-*severogorsk*.tex")).read_text(encoding="utf-8")
    assert r"\endhead" in text and r"\endfoot" in text
    log = compile_tex(folder)
    assert latex_problems(log) == []
    pages = int(re.findall(r"Output written on tables\.pdf \((\d+) pages?", log)[-1])
    assert pages >= 3


# --------------------------------------------------------------------------- the demo
@needs_xelatex
def test_demo_tables_compile_and_fit(demo_run, tmp_path):
    """Every LaTeX table of the demo run: no line wider than the page, every
    Cyrillic and Azerbaijani letter in the font."""
    folder = shutil.copytree(demo_run / "report" / "latex", tmp_path / "latex")
    fragments = {p.name for p in folder.glob("*.tex")} - {"tables.tex"}
    assert any(n.startswith("claims-") for n in fragments) and any(n.startswith("numbers-") for n in fragments)
    doc = (folder / "tables.tex").read_text(encoding="utf-8")
    assert set(re.findall(r"\\input\{([^}]+)\}", doc)) == fragments
    log = compile_tex(folder)
    assert latex_problems(log) == []
    text = "".join((folder / n).read_text(encoding="utf-8") for n in fragments)
    assert "ə" in text and re.search("[а-я]", text)
