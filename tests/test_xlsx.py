"""report/tables/tables.xlsx: one sheet per exported table, the same rows as
the CSV files, text that looks like a formula kept as text."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

openpyxl = pytest.importorskip("openpyxl")

from compare.report.xlsx import sheet_names, write_workbook  # noqa: E402
from report_helpers import build_reported_run  # noqa: E402


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return build_reported_run(tmp_path_factory)


def test_one_sheet_per_csv_with_the_same_rows(run_dir):
    tables = run_dir / "report" / "tables"
    wb = openpyxl.load_workbook(tables / "tables.xlsx")
    csvs = sorted(p.stem for p in tables.glob("*.csv"))
    assert sorted(wb.sheetnames) == csvs and "claim_matrix_wide" in wb.sheetnames
    for ws in wb.worksheets:
        csv = pl.read_csv(tables / f"{ws.title}.csv", infer_schema=False)
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == csv.columns, ws.title
        assert len(rows) - 1 == csv.height, ws.title
        assert ws.freeze_panes == "A2" and ws["A1"].font.b
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    # lists joined as in the CSV; Cyrillic and ə as written
    wide = wb["claim_matrix_wide"]
    header = [c.value for c in wide[1]]
    assert "ural-vestnik evidence" in header and "label_en" in header
    text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "ə" in text and "Уральский" in text
    sentences = pl.read_csv(tables / "sentences.csv", infer_schema=False)
    ws = wb["sentences"]
    col = [c.value for c in ws[1]].index("text")
    assert [r[col] for r in ws.iter_rows(min_row=2, values_only=True)] == sentences["text"].to_list()


def test_hostile_cells(tmp_path):
    df = pl.DataFrame({
        "text": ['=HYPERLINK("http://evil.example","x")', "+1+cmd", "-2+3", "@SUM(A1)", "#N/A", "-5",
                 "bell\x07 and nul\x00 gone", "Xəbər Уральский"],
        "n": [1, -2, 3, 4, 5, 6, 7, 8],
        "tags": [["a", "b"], [], None, ["=x"], ["c"], ["d"], ["e"], ["f"]],
        "when": [dt.datetime(2025, 9, 3, 12, tzinfo=dt.timezone.utc)] * 8,
        "pair": [{"a": 1, "b": "x"}] * 8,
    })
    path = tmp_path / "t.xlsx"
    write_workbook({"hostile": df, "=cmd": df.head(1)}, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["hostile", "=cmd"]
    ws = wb["hostile"]
    rows = list(ws.iter_rows(min_row=2))
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    texts = [r[0].value for r in rows]
    assert texts[:6] == df["text"].to_list()[:6]  # no visible apostrophe: stored as text
    assert texts[6] == "bell and nul gone" and texts[7] == "Xəbər Уральский"
    assert [r[0].quotePrefix for r in rows[:5]] == [True] * 5 and not rows[5][0].quotePrefix
    assert rows[4][0].data_type == "s"  # "#N/A" is text, not Excel's error value
    assert [r[1].value for r in rows] == df["n"].to_list()
    assert [r[2].value for r in rows][:4] == ["a | b", None, None, "=x"] and rows[3][2].data_type == "s"
    assert rows[0][3].value == "2025-09-03T12:00:00+00:00" and rows[0][4].value == '{"a":1,"b":"x"}'


def test_sheet_names_are_short_unique_and_legal():
    names = sheet_names(["claim_matrix_wide", "a" * 40, "a" * 40 + "b", "A" * 31, "x/y:z", "Sheet"])
    assert all(len(n) <= 31 for n in names.values())
    assert len({n.lower() for n in names.values()}) == 6
    assert names["x/y:z"] == "x_y_z" and names["claim_matrix_wide"] == "claim_matrix_wide"


def test_same_tables_same_bytes(tmp_path):
    df = pl.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    write_workbook({"t": df}, tmp_path / "1.xlsx")
    write_workbook({"t": df}, tmp_path / "2.xlsx")
    assert (tmp_path / "1.xlsx").read_bytes() == (tmp_path / "2.xlsx").read_bytes()


def test_typed_cells_read_back(tmp_path):
    """Each column type as Excel reads it; text kept as written, XML-special
    characters and line breaks included; what Excel cannot hold as a number
    (NaN, infinity) as the CSV writes it."""
    df = pl.DataFrame({
        "text": ['a & b < c > "q"', "line\r\nbreak", "", None, "x" * 40_000],
        "day": [dt.date(2025, 6, 27), dt.date(1900, 3, 1), None, None, None],
        "when": [dt.datetime(2025, 6, 27, 13, 45, 7, 500_000), None, None, None, None],
        "clock": [dt.time(13, 45, 7), None, None, None, None],
        "x": [1.5, float("nan"), float("inf"), None, 1e-7],
        "flag": [True, False, None, True, False],
        "n": [2**53, -2, None, 0, 7],
        "_row": ["a", "b", "c", "d", "e"],  # the writer's own helper column name
    }, strict=False)
    path = tmp_path / "t.xlsx"
    write_workbook({"types": df}, path)
    ws = openpyxl.load_workbook(path)["types"]
    rows = list(ws.iter_rows(min_row=2))
    col = {name: i for i, name in enumerate(df.columns)}

    def values(name):
        return [r[col[name]].value if col[name] < len(r) else None for r in rows]

    text = values("text")
    assert text[:2] == ['a & b < c > "q"', "line\r\nbreak"] and text[2] is None and text[3] is None
    assert len(text[4]) == 32_767 and text[4].endswith("…")
    assert values("day")[:2] == [dt.datetime(2025, 6, 27), dt.datetime(1900, 3, 1)]
    assert rows[0][col["day"]].number_format == "yyyy-mm-dd"
    assert values("when")[0] == dt.datetime(2025, 6, 27, 13, 45, 7, 500_000)
    assert values("clock")[0] == dt.time(13, 45, 7)
    assert values("x")[0] == 1.5 and values("x")[1:3] == ["NaN", "inf"] and values("x")[4] == 1e-7
    assert values("flag")[:2] == [True, False] and values("flag")[2] is None
    assert values("n") == [2**53, -2, None, 0, 7]
    assert values("_row") == ["a", "b", "c", "d", "e"]
    assert [c.value for c in ws[1]] == df.columns and all(c.font.b for c in ws[1])
    assert ws.column_dimensions["A"].width == 60 and ws.column_dimensions["F"].width == 7
