"""Facts as downloadable files: CSV (UTF-8 with BOM) and XLSX (data + column descriptions).

Pure functions returning bytes. Every row keeps its citation (quote, section, report title and
date); the XLSX also names each source report with its sha256.

Formula injection: a text cell beginning with = + - @ tab or CR is neutralised with a single
quote. In CSV the quote is written into the cell (`'=`), the only way CSV can say "text". In
XLSX the cell is stored as a string with Excel's own quote prefix (`quotePrefix`), which Excel
shows as `=` yet never evaluates, even after editing; the text itself stays exact. Numbers,
negative ones included, stay numeric cells in both.
"""

from __future__ import annotations

import io
import math
import numbers
from collections.abc import Iterable

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.facts import report_title
from dashboard.pipeline.schema import columns

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
REPORT_COLUMNS = (
    ("report_title", "string", "Title of the report the fact was read from (reports.csv)."),
    ("report_date", "string", "Date the report was delivered (YYYY-MM-DD), else published."),
)
DATA_SHEET = "facts"
COLUMNS_SHEET = "columns"
_SOURCE_FIELDS = ("report_id", "title", "title_en", "delivered", "published", "file", "sha256",
                  "origin", "licence")


def neutralise(value: object) -> object:
    """A text cell starting like a formula gets a leading ' ; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def export_columns() -> list[tuple[str, str, str]]:
    """(name, type, description) of every exported column, in file order."""
    return [(c.name, c.type, c.description) for c in columns("indicators")] + list(
        REPORT_COLUMNS)


def export_frame(facts: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The facts with every schema column plus the report's title and date."""
    names = [c.name for c in columns("indicators")]
    out = facts[names].copy().reset_index(drop=True)
    by_id = reports.set_index("report_id")
    dates = {rid: (row["delivered"] if isinstance(row["delivered"], str) else
                   row["published"] if isinstance(row["published"], str) else "")
             for rid, row in by_id.iterrows()}
    ids = list(out["report_id"])
    out["report_title"] = [report_title(reports, rid, "zh") for rid in ids]
    out["report_date"] = [dates.get(rid, "") for rid in ids]
    return out


def _plain(value: object) -> object:
    """A Python value for a cell: numbers as int/float, missing as None, anything else str."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else number
    if value is pd.NA or value is pd.NaT:
        return None
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _cell(value: object) -> object:
    """A CSV cell: like _plain, with formula-like text neutralised."""
    return neutralise(_plain(value))


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a BOM (Excel then reads Chinese correctly)."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_cell).astype(object)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _write_rows(sheet: Worksheet, rows: Iterable[Iterable[object]], first_row: int = 1) -> None:
    """Write rows cell by cell: text is always a string cell (never a formula), and text that
    looks like a formula also gets Excel's quote prefix."""
    for r, row in enumerate(rows, start=first_row):
        for c, raw in enumerate(row, start=1):
            value = _plain(raw)
            cell = sheet.cell(r, c, value)
            if isinstance(value, str):
                cell.data_type = "s"
                if value.startswith(FORMULA_TRIGGERS):
                    cell.quotePrefix = True


def to_xlsx(frame: pd.DataFrame, reports: pd.DataFrame) -> bytes:
    """A workbook: sheet "facts" (one row per fact) and sheet "columns" (what each column
    means, then the source reports with title, date and sha256)."""
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    _write_rows(data, [list(frame.columns), *frame.itertuples(index=False)])
    data.freeze_panes = "A2"
    for cell in data[1]:
        cell.font = Font(bold=True)
    widths = {"quote": 60, "section": 40, "report_title": 28, "indicator_zh": 20,
              "indicator_en": 28, "fact_id": 20}
    for index, name in enumerate(frame.columns, start=1):
        data.column_dimensions[data.cell(1, index).column_letter].width = widths.get(name, 12)

    sheet = book.create_sheet(COLUMNS_SHEET)
    described = {name: (kind, text) for name, kind, text in export_columns()}
    rows: list[list[object]] = [["column", "type", "description"]]
    rows += [[name, *described.get(name, ("string", ""))] for name in frame.columns]
    rows += [[], ["Source report(s)"], list(_SOURCE_FIELDS)]
    for report in reports.to_dict("records"):
        rows.append([report.get(field) for field in _SOURCE_FIELDS])
    _write_rows(sheet, rows)
    for row_index in (1, len(frame.columns) + 3, len(frame.columns) + 4):
        for cell in sheet[row_index]:
            cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHI", (16, 10, 80, 12, 12, 24, 66, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
