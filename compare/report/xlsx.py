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
from xml.sax.saxutils import quoteattr
from pathlib import Path

import polars as pl

from compare import console
from compare.runs import flatten_nested
from compare.safety import formula_risk

# Excel's limits: a sheet name, a cell's text, rows per sheet (with the header).
SHEET_NAME_MAX = 31
CELL_TEXT_MAX = 32_767
ROWS_MAX = 1_048_576
# Column widths, in characters, estimated from the header and the first rows.
WIDTH_MIN, WIDTH_MAX, WIDTH_SAMPLE = 6, 60, 500

# Control characters XML 1.0 cannot hold (a reader rejects the file); tab, newline
# and carriage return are allowed.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text Excel reads as an error value, not as text.
_ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
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


# Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Cell styles (the order of <cellXfs> in _STYLES).
_BOLD, _QUOTED, _BOLD_QUOTED, _DATE, _DATETIME, _TIME = 1, 2, 3, 4, 5, 6
# Rows turned into XML and written per slice, so a big table is never one string.
XML_ROWS = 20_000

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_STYLES = (
    _XML + f'<styleSheet xmlns="{_NS}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="7">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def _column_letter(i: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _escaped(expr: pl.Expr) -> pl.Expr:
    # "\r" as a reference: a parser turns a literal one into "\n"
    for raw, ref in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;")):
        expr = expr.str.replace_all(raw, ref, literal=True)
    return expr


def _risky(text: pl.Expr) -> pl.Expr:
    """Text Excel would run as a formula (the CSV rule) or read as an error value."""
    return formula_risk(text) | text.is_in(_ERROR_CODES)


def _opening(ref: str) -> list[pl.Expr]:
    """``<c r="B7`` of column ``ref`` on each row (the rest of the tag follows)."""
    return [pl.lit(f'<c r="{ref}'), pl.col("_row").cast(pl.Utf8)]


def _string_cell(ref: str, text: pl.Expr, *, header: bool = False) -> pl.Expr:
    text = text.str.replace_all(_ILLEGAL.pattern, "")
    text = pl.when(text.str.len_chars() > CELL_TEXT_MAX).then(
        text.str.slice(0, CELL_TEXT_MAX - 1) + pl.lit("…")).otherwise(text)
    plain, quoted = (_BOLD, _BOLD_QUOTED) if header else (0, _QUOTED)
    style = pl.when(_risky(text)).then(pl.lit(f' s="{quoted}"')).otherwise(pl.lit(f' s="{plain}"' if plain else ""))
    cell = pl.concat_str([*_opening(ref), pl.lit('" t="inlineStr"'), style,
                          pl.lit('><is><t xml:space="preserve">'), _escaped(text), pl.lit("</t></is></c>")])
    # an empty text is a cell with no content, as Excel itself writes it
    empty = pl.concat_str([*_opening(ref), pl.lit('" t="inlineStr"/>')])
    return pl.when(text == "").then(empty).otherwise(cell)


def _value_cell(ref: str, value: pl.Expr, *, kind: str = "n", style: int = 0) -> pl.Expr:
    attrs = (f' t="{kind}"' if kind != "n" else "") + (f' s="{style}"' if style else "")
    return pl.concat_str([*_opening(ref), pl.lit(f'"{attrs}><v>'), value, pl.lit("</v></c>")])


def _cell(name: str, dtype: pl.DataType, ref: str) -> pl.Expr:
    """One column's cells as XML (null: no cell)."""
    col = pl.col(name)
    if dtype == pl.Boolean:
        return _value_cell(ref, col.cast(pl.Int8).cast(pl.Utf8), kind="b")
    if dtype.is_integer():
        return _value_cell(ref, col.cast(pl.Utf8))
    if dtype.is_float():
        # Excel has no NaN or infinity: those are written as the CSV writes them, as text
        finite = col.is_finite()
        return pl.when(finite).then(_value_cell(ref, col.cast(pl.Float64).cast(pl.Utf8))).otherwise(
            _string_cell(ref, col.cast(pl.Utf8)))
    if dtype == pl.Date:
        days = (col - pl.lit(_EXCEL_EPOCH)).dt.total_days()
        return _value_cell(ref, days.cast(pl.Utf8), style=_DATE)
    if isinstance(dtype, pl.Datetime):
        seconds = (col.cast(pl.Datetime("us")) - pl.lit(dt.datetime(1899, 12, 30))).dt.total_microseconds() / 86_400e6
        return _value_cell(ref, seconds.cast(pl.Utf8), style=_DATETIME)
    if dtype == pl.Time:
        return _value_cell(ref, (col.cast(pl.Int64) / 86_400e9).cast(pl.Utf8), style=_TIME)
    return _string_cell(ref, col.cast(pl.Utf8))


def _sheet_xml(df: pl.DataFrame, widths: list[float]):
    """The worksheet's XML, piece by piece: header, rows in slices, footer."""
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1))
    yield (_XML + f'<worksheet xmlns="{_NS}" xmlns:r="{_REL_NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
           '</sheetPr><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
           'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
           '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>' + (f"<cols>{cols}</cols>" if cols else "")
           + "<sheetData>")
    letters = [_column_letter(i) for i in range(1, df.width + 1)]
    header = pl.DataFrame({"_row": [1], **{f"h{i}": [n] for i, n in enumerate(df.columns)}})
    yield header.select(pl.concat_str([pl.lit('<row r="1">')]
                                      + [_string_cell(x, pl.col(f"h{i}"), header=True) for i, x in enumerate(letters)]
                                      + [pl.lit("</row>")]).alias("xml")).item()
    # columns by position: a table's own column named "_row" must not meet ours
    df = df.rename({name: f"c{i}" for i, name in enumerate(df.columns)})
    cells = [_cell(name, dtype, x) for (name, dtype), x in zip(df.schema.items(), letters)]
    row = pl.concat_str([pl.lit('<row r="'), pl.col("_row").cast(pl.Utf8), pl.lit('">'), *cells, pl.lit("</row>")],
                        ignore_nulls=True)
    for start in range(0, df.height, XML_ROWS):
        part = df.slice(start, XML_ROWS).with_columns(_row=pl.int_range(start + 2, start + 2 + min(XML_ROWS, df.height - start)))
        yield "".join(part.select(row.alias("xml"))["xml"].to_list())
    yield "</sheetData></worksheet>"


def _entry(archive: zipfile.ZipFile, name: str, pieces) -> None:
    info = zipfile.ZipInfo(name, date_time=_EPOCH.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as fh:
        for piece in ([pieces] if isinstance(pieces, str) else pieces):
            fh.write(piece.encode("utf-8"))


def write_workbook(frames: dict[str, pl.DataFrame], path: str | Path) -> None:
    """Write ``frames`` (table name -> DataFrame) as one .xlsx file at ``path``:
    a sheet per table, bold frozen header row, column widths fitted to the text.

    The SpreadsheetML is written directly, column by column with polars
    expressions: through openpyxl each cell was a Python object, and the
    workbook was most of the report's time (docs/decisions.md)."""
    names = sheet_names(list(frames)) if frames else {"empty": "empty"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        n = len(names)
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1))
        _entry(archive, "[Content_Types].xml", _XML + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{sheets}"
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'))
        _entry(archive, "_rels/.rels", _XML + (
            f'<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>'))
        stamp = _EPOCH.strftime("%Y-%m-%dT%H:%M:%SZ")
        _entry(archive, "docProps/core.xml", _XML + (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>compare</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'))
        _entry(archive, "docProps/app.xml", _XML + (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>compare</Application></Properties>"))
        _entry(archive, "xl/workbook.xml", _XML + (
            f'<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}"><bookViews><workbookView/></bookViews><sheets>'
            + "".join(f'<sheet name={quoteattr(sheet)} sheetId="{i}" r:id="rId{i}"/>'
                      for i, sheet in enumerate(names.values(), start=1))
            + "</sheets></workbook>"))
        _entry(archive, "xl/_rels/workbook.xml.rels", _XML + (
            f'<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, n + 1))
            + f'<Relationship Id="rId{n + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/></Relationships>'))
        _entry(archive, "xl/styles.xml", _STYLES)
        for i, name in enumerate(names, start=1):
            df = _flat(frames[name]) if frames else pl.DataFrame()
            if df.height >= ROWS_MAX:
                console.warn(f"tables.xlsx: {name} has {df.height} rows; the sheet keeps the first {ROWS_MAX - 1} "
                             f"(the CSV and Parquet files have them all)")
                df = df.head(ROWS_MAX - 1)
            sample = df.head(WIDTH_SAMPLE)
            widths = [_width([col, *sample[col].to_list()]) for col in df.columns]
            _entry(archive, f"xl/worksheets/sheet{i}.xml", _sheet_xml(df, widths))
