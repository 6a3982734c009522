"""dashboard.downloads: CSV and XLSX of facts, with sources, safe against formula injection."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import downloads
from dashboard.data import load_dataset
from dashboard.pipeline.schema import column_names

HOSTILE = ["=HYPERLINK(\"http://example.invalid\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB",
           "\rCR", "=", "—dash is fine", "普通文本"]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def frame(dataset):
    return downloads.export_frame(dataset.indicators, dataset.reports)


def _hostile(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame.head(len(HOSTILE)).copy()
    rows["quote"] = HOSTILE
    rows["value"] = [-3.5, 0.0, -0.25, 1e6, -12.0, 4.6, 259.03, -1.0, 2.0]
    return rows.reset_index(drop=True)


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("=", "'="), ("a=b", "a=b"), ("", ""), ("地区生产总值", "地区生产总值"),
    (-3.5, -3.5), (0, 0), (None, None),
])
def test_neutralise(value, expected):
    assert downloads.neutralise(value) == expected


def test_export_frame_keeps_every_column_and_the_citation(frame, dataset):
    assert list(frame.columns) == [*column_names("indicators"), "report_title", "report_date"]
    assert len(frame) == len(dataset.indicators)
    assert set(frame["report_title"]) == {"沙湾市2024年政府工作报告"}
    assert set(frame["report_date"]) == {"2024-01-26"}
    assert frame["quote"].str.len().min() > 0


def test_csv_is_utf8_with_bom_and_reads_back(frame):
    data = downloads.to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(frame.columns)
    assert len(back) == len(frame)
    assert back.loc[0, "indicator_zh"] == "地区生产总值"
    assert back.loc[0, "quote"] == frame.loc[0, "quote"]


def test_csv_neutralises_text_and_leaves_numbers(frame):
    rows = _hostile(frame)
    text = downloads.to_csv(rows).decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    quotes = [r["quote"] for r in records]
    assert quotes[:7] == ["'" + q for q in HOSTILE[:7]]
    assert quotes[7:] == HOSTILE[7:]
    assert [r["comparator"] for r in records] == ["'=" if c == "=" else c
                                                  for c in rows["comparator"]]
    # Numbers, negative ones included, are bare numbers in the file.
    assert [float(r["value"]) for r in records] == list(rows["value"])
    raw_lines = text.splitlines()
    assert ",-3.5," in raw_lines[1] and ",'-3.5," not in raw_lines[1]


def test_xlsx_has_data_and_column_sheets(frame, dataset):
    book = load_workbook(io.BytesIO(downloads.to_xlsx(frame, dataset.reports)))
    assert book.sheetnames == ["facts", "columns"]
    data = book["facts"]
    header = [c.value for c in data[1]]
    assert header == list(frame.columns)
    assert data.max_row == len(frame) + 1
    first = {h: c.value for h, c in zip(header, data[2], strict=True)}
    assert first["indicator_zh"] == "地区生产总值"
    assert first["value"] == 259.03 and isinstance(first["value"], float)
    assert first["period"] == 2023 and isinstance(first["period"], int)
    assert first["quote"] == frame.loc[0, "quote"]

    sheet = list(book["columns"].iter_rows(values_only=True))
    described = {row[0]: row[2] for row in sheet[1:len(frame.columns) + 1]}
    assert set(described) == set(frame.columns)
    assert described["quote"] == "The sentence or clause the figure comes from."
    assert all(described.values())
    report = dataset.reports.iloc[0]
    flat = [v for row in sheet for v in row if v is not None]
    for needle in (report["title"], report["sha256"], report["delivered"]):
        assert needle in flat


def test_xlsx_neutralises_text_and_keeps_numbers(frame, dataset):
    rows = _hostile(frame)
    book = load_workbook(io.BytesIO(downloads.to_xlsx(rows, dataset.reports)))
    data = book["facts"]
    header = [c.value for c in data[1]]
    quote_col = header.index("quote") + 1
    value_col = header.index("value") + 1
    for r, text in enumerate(HOSTILE, start=2):
        cell = data.cell(r, quote_col)
        # Stored as text (never a formula); formula-like text carries Excel's quote prefix.
        assert cell.data_type == "s"
        assert cell.value == text  # the text itself is exact
        assert cell.quotePrefix == text.startswith(downloads.FORMULA_TRIGGERS)
    values = [data.cell(r, value_col).value for r in range(2, len(HOSTILE) + 2)]
    assert values == list(rows["value"])
    assert all(data.cell(r, value_col).data_type == "n" for r in range(2, len(HOSTILE) + 2))
    comparator = data.cell(2, header.index("comparator") + 1)
    assert comparator.value == rows.loc[0, "comparator"]
    # No cell anywhere in the workbook is a formula.
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_empty_selection_still_gives_headers(frame, dataset):
    empty = frame.head(0)
    assert downloads.to_csv(empty).decode("utf-8-sig").strip() == ",".join(frame.columns)
    book = load_workbook(io.BytesIO(downloads.to_xlsx(empty, dataset.reports)))
    assert book["facts"].max_row == 1
