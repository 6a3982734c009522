"""dashboard.downloads: CSV and XLSX of facts, with sources, safe against formula injection."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import downloads
from dashboard.pipeline.schema import column_names

HOSTILE = ["=HYPERLINK(\"http://example.invalid\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB",
           "\rCR", "=", "—dash is fine", "普通文本"]


REPORT = "luming-2024"  # of the test bundles (tests/conftest.py: counties)


@pytest.fixture(scope="module")
def dataset(counties):
    """The 鹿鸣县 2024 report's facts (every report stays in ``reports``)."""
    return counties.scoped(REPORT)


@pytest.fixture(scope="module")
def source(dataset):
    """reports.csv's row of the report, as the data explorer passes it to to_xlsx."""
    return dataset.reports[dataset.reports["report_id"] == REPORT]


@pytest.fixture(scope="module")
def frame(dataset):
    return downloads.export_frame(dataset.indicators, dataset.reports)


def _hostile(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame.head(len(HOSTILE)).copy()
    rows["quote"] = HOSTILE
    rows["value"] = [-3.5, 0.0, -0.25, 1e6, -12.0, 4.6, 68.42, -1.0, 2.0]
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
    assert list(frame["fact_id"]) == list(dataset.indicators["fact_id"])
    assert set(frame["report_title"]) == {"2024年鹿鸣县政府工作报告"}
    assert set(frame["report_date"]) == {"2024-01-20"}  # delivered, not published (02-10)
    assert frame["quote"].str.len().min() > 0


def test_export_frame_cites_each_facts_own_report(counties):
    """Facts of several reports (the whole snapshot): each row names its own report."""
    frame = downloads.export_frame(counties.all_facts, counties.reports)
    assert len(frame) == len(counties.all_facts)
    titles = frame.groupby("report_id")[["report_title", "report_date"]].agg(set)
    assert {rid: (tuple(row.report_title), tuple(row.report_date))
            for rid, row in titles.iterrows()} == {
        "luming-2024": (("2024年鹿鸣县政府工作报告",), ("2024-01-20",)),
        "luming-2025": (("2025年鹿鸣县政府工作报告",), ("2025-01-18",)),
        "qingshi-2025": (("2025年青石县政府工作报告",), ("2025-01-16",))}


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


def test_xlsx_has_data_and_column_sheets(frame, source):
    book = load_workbook(io.BytesIO(downloads.to_xlsx(frame, source)))
    assert book.sheetnames == ["facts", "columns"]
    data = book["facts"]
    header = [c.value for c in data[1]]
    assert header == list(frame.columns)
    assert data.max_row == len(frame) + 1
    first = {h: c.value for h, c in zip(header, data[2], strict=True)}
    assert first["indicator_zh"] == "地区生产总值"
    assert first["indicator_en"] == "Gross regional product"
    assert first["value"] == 68.42 and isinstance(first["value"], float)
    assert first["period"] == 2023 and isinstance(first["period"], int)
    assert first["quote"] == frame.loc[0, "quote"]

    sheet = list(book["columns"].iter_rows(values_only=True))
    described = {row[0]: row[2] for row in sheet[1:len(frame.columns) + 1]}
    assert set(described) == set(frame.columns)
    assert described["quote"] == "The sentence or clause the figure comes from."
    assert all(described.values())
    report = source.iloc[0]
    flat = [v for row in sheet for v in row if v is not None]
    for needle in (report["title"], report["sha256"], report["delivered"]):
        assert needle in flat
    assert report["report_id"] == REPORT


def test_xlsx_names_the_reports_it_is_given(frame, dataset):
    """The sources block lists exactly the reports passed: one row each."""
    book = load_workbook(io.BytesIO(downloads.to_xlsx(frame, dataset.reports)))
    sheet = list(book["columns"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(sheet) if row[0] == "Source report(s)")
    assert sheet[start + 1][:3] == ("report_id", "title", "title_en")
    listed = {row[0]: row[6] for row in sheet[start + 2:]}  # report_id: sha256
    assert listed == dict(zip(dataset.reports["report_id"], dataset.reports["sha256"],
                              strict=True))
    assert len(listed) == 3


def test_xlsx_neutralises_text_and_keeps_numbers(frame, source):
    rows = _hostile(frame)
    book = load_workbook(io.BytesIO(downloads.to_xlsx(rows, source)))
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


def test_empty_selection_still_gives_headers(frame, source):
    empty = frame.head(0)
    assert downloads.to_csv(empty).decode("utf-8-sig").strip() == ",".join(frame.columns)
    book = load_workbook(io.BytesIO(downloads.to_xlsx(empty, source)))
    assert book["facts"].max_row == 1
