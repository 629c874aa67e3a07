"""One Excel workbook of every exported table (``report/tables/tables.xlsx``).

One sheet per table, in the order of the CSV files: the same cells as the CSV
(lists joined with `` | ``, structs as JSON) but typed, so numbers are numbers
and Cyrillic and ə need no encoding choice. Text stays text: a cell that a
spreadsheet would run as a formula (the CSV rule, :func:`compare.safety.csv_cell`)
is stored as a string with Excel's hidden quote prefix instead of getting a
visible apostrophe. The file is byte-identical for the same tables.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import polars as pl

from compare import console
from compare.runs import flatten_nested
from compare.safety import csv_cell

# Excel's limits: a sheet name, a cell's text, rows per sheet (with the header).
SHEET_NAME_MAX = 31
CELL_TEXT_MAX = 32_767
ROWS_MAX = 1_048_576
# Column widths, in characters, estimated from the header and the first rows.
WIDTH_MIN, WIDTH_MAX, WIDTH_SAMPLE = 6, 60, 500

# Control characters XML 1.0 cannot hold (openpyxl refuses them); tab, newline
# and carriage return are allowed.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
# A fixed time for the zip entries and the document properties, so that the
# workbook does not change when nothing in the tables did.
_EPOCH = dt.datetime(2000, 1, 1)


def sheet_names(names: list[str]) -> dict[str, str]:
    """Table name -> a sheet name Excel accepts: at most 31 characters, none of
    ``[]:*?/\\``, unique regardless of case."""
    out, taken = {}, set()
    for name in names:
        base = _SHEET_BAD.sub("_", name).strip("'") or "sheet"
        candidate, k = base[:SHEET_NAME_MAX], 1
        while candidate.lower() in taken:
            k += 1
            suffix = f"~{k}"
            candidate = base[:SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(candidate.lower())
        out[name] = candidate
    return out


def _flat(df: pl.DataFrame) -> pl.DataFrame:
    """The CSV's cells (:func:`compare.runs.flatten_nested`), and values a cell
    cannot hold (time zones, durations, binary) as text."""
    exprs = []
    for name, dtype in df.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.Datetime) and dtype.time_zone is not None:
            # Excel has no time zones: ISO text keeps the offset
            exprs.append(col.dt.to_string("%Y-%m-%dT%H:%M:%S%:z").alias(name))
        elif isinstance(dtype, pl.Duration | pl.Binary | pl.Categorical | pl.Enum | pl.Object | pl.Decimal):
            exprs.append(col.cast(pl.Utf8, strict=False).alias(name))
    df = flatten_nested(df)
    return df.with_columns(exprs) if exprs else df


def _text(value: str) -> str:
    value = _ILLEGAL.sub("", value)
    if len(value) > CELL_TEXT_MAX:
        value = value[:CELL_TEXT_MAX - 1] + "…"
    return value


def _width(values) -> float:
    longest = max((max(len(line) for line in str(v).split("\n")) for v in values if v is not None), default=0)
    return float(min(WIDTH_MAX, max(WIDTH_MIN, longest + 2)))


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry the same time (openpyxl stamps them with the current time)."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=_EPOCH.timetuple()[:6])
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        # write-only sheets are streamed to a temporary file, then added with write()
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def write_workbook(frames: dict[str, pl.DataFrame], path: str | Path) -> None:
    """Write ``frames`` (table name -> DataFrame) as one .xlsx file at ``path``:
    a sheet per table, bold frozen header row, column widths fitted to the text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook(write_only=True)
    wb.properties.creator = "compare"
    wb.properties.created = wb.properties.modified = _EPOCH
    bold = Font(bold=True)
    names = sheet_names(list(frames))

    def cell(ws, value, *, header=False):
        if isinstance(value, str):
            value = _text(value)
        # text openpyxl would store as a formula ("=...") or an error ("#N/A"),
        # or that Excel would run as one when the cell is edited (the CSV rule)
        risky = isinstance(value, str) and (csv_cell(value) != value or value in ERROR_CODES)
        if not (header or risky):
            return value
        c = WriteOnlyCell(ws, value=value)
        if risky:
            c.data_type = "s"
            c.quotePrefix = True  # stays text when someone edits the cell in Excel
        if header:
            c.font = bold
        return c

    for name, df in frames.items():
        df = _flat(df)
        if df.height >= ROWS_MAX:
            console.warn(f"tables.xlsx: {name} has {df.height} rows; the sheet keeps the first {ROWS_MAX - 1} "
                         f"(the CSV and Parquet files have them all)")
            df = df.head(ROWS_MAX - 1)
        ws = wb.create_sheet(names[name])
        ws.freeze_panes = "A2"
        sample = df.head(WIDTH_SAMPLE)
        for i, col in enumerate(df.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = _width([col, *sample[col].to_list()])
        ws.append([cell(ws, col, header=True) for col in df.columns])
        for row in df.iter_rows():
            ws.append([cell(ws, v) for v in row])

    if not frames:
        wb.create_sheet("empty")  # a workbook needs a sheet
    with _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
