"""data/actuals.csv: good rows load, bad rows are rejected with file, line and column."""

import pandas as pd
import pytest

from dashboard.data_files import load_dataset
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.progress.actuals import COLUMNS, load_actuals, parse_actuals

HEADER = ",".join(COLUMNS)
INDICATORS = load_lexicon().indicators


def parse(*lines: str):
    return parse_actuals("\n".join([HEADER, *lines]) + "\n", "data/actuals.csv", INDICATORS)


def test_header_only_file_loads_empty(counties_dir, counties):
    assert (counties_dir / "actuals.csv").read_text(encoding="utf-8") == HEADER + "\n"
    assert counties.actuals.empty and counties.actual_rejections == ()
    assert list(counties.actuals.columns) == list(parse()[0].columns)


def test_the_datasets_lexicon_reads_rows_like_the_pipelines(counties):
    # The app reads actuals.csv with the indicator metadata of the build (indicator_meta.csv).
    rows = ["gdp,2024,2024-06-30,6.1,%,月报", "insurance_coverage,2024,2024-06-30,96.5,%,月报",
            "fixed_asset_investment,2024,2024-09-30,455000,万元,季报", "nope,2024,2024-06-30,1,%,x"]
    text = "\n".join([HEADER, *rows]) + "\n"
    ours, ours_rejected = parse_actuals(text, "a.csv", counties.lexicon)
    theirs, theirs_rejected = parse_actuals(text, "a.csv", INDICATORS)
    pd.testing.assert_frame_equal(ours, theirs)
    assert ours_rejected == theirs_rejected and len(ours) == 3


def test_good_rows_are_typed_and_standardised():
    frame, rejected = parse(
        "gdp,2024,2024-06-30,6.1,%,塔城地区统计局 2024年1-6月主要经济指标",
        "fixed_asset_investment,2024,2024-09-30,455000,万元,https://example.org/2024-q3",
        "insurance_coverage,2024,2024-06-30,96.5,%,县医保局月报",
        "livestock_slaughter,2024,2024-06-30,40.2,万头只,县畜牧局",
        "urban_new_jobs,2024,2024-06-30,1800,人,县人社局",
    )
    assert rejected == []
    rows = frame.set_index("indicator_id")
    assert rows.loc["gdp", "value_kind"] == "growth_pct"  # % of an indicator with levels
    assert rows.loc["insurance_coverage", "value_kind"] == "share_pct"  # a rate
    assert rows.loc["fixed_asset_investment", "value_std"] == pytest.approx(45.5)
    assert rows.loc["fixed_asset_investment", "unit_std"] == "亿元"
    assert rows.loc["urban_new_jobs", "value_kind"] == "count"
    assert list(frame.line) == [2, 3, 4, 5, 6]
    assert frame.period.dtype == "int64" and frame.value.dtype == "float64"


@pytest.mark.parametrize(("row", "column", "code"), [
    ("no_such_indicator,2024,2024-06-30,1,%,x", "indicator_id", "unknown_indicator"),
    ("unclassified,2024,2024-06-30,1,%,x", "indicator_id", "unknown_indicator"),
    ("gdp,24,2024-06-30,1,%,x", "period", "bad_period"),
    ("gdp,2024,30/06/2024,1,%,x", "as_of", "bad_date"),
    ("gdp,2024,2024-02-30,1,%,x", "as_of", "bad_date"),
    ("gdp,2024,2025-01-15,1,%,x", "as_of", "date_outside_period"),
    ("gdp,2024,2023-12-31,1,%,x", "as_of", "date_outside_period"),
    ("gdp,2024,2024-06-30,六点一,%,x", "value", "not_a_number"),
    ("gdp,2024,2024-06-30,6.1%,%,x", "value", "not_a_number"),
    ("gdp,2024,2024-06-30,nan,%,x", "value", "not_a_number"),
    ("gdp,2024,2024-06-30,,%,x", "value", "not_a_number"),
    ("gdp,2024,2024-06-30,1,percent,x", "unit", "bad_unit"),
    ("gdp,2024,2024-06-30,1,万亩,x", "unit", "unit_mismatch"),
    ("insurance_coverage,2024,2024-06-30,1,亿元,x", "unit", "unit_mismatch"),
    ("gdp,2024,2024-06-30,1,%,", "source", "bad_source"),
    ("gdp,2024,2024-06-30,1,%", "", "cells"),
])
def test_bad_rows_are_rejected_and_the_rest_still_loads(row, column, code):
    frame, rejected = parse("gdp,2024,2024-03-31,5.8,%,一季度数据", row,
                            "retail_sales,2024,2024-03-31,7.0,%,一季度数据")
    assert list(frame.line) == [2, 4]
    (rejection,) = rejected
    assert (rejection.file, rejection.line, rejection.column, rejection.code) == (
        "data/actuals.csv", 3, column, code)
    assert rejection.message.startswith("data/actuals.csv:3")
    if column:
        assert f"column {column}" in rejection.message


def test_duplicates_name_the_first_row():
    frame, rejected = parse("gdp,2024,2024-06-30,6.1,%,a", "gdp,2024,2024-06-30,6.3,%,b",
                            "gdp,2024,2024-06-30,120.5,亿元,c")
    assert list(frame.line) == [2, 4]  # a level and a growth rate of one date are distinct
    assert (rejected[0].code, rejected[0].line, rejected[0].first_line) == ("duplicate", 3, 2)
    assert "on line 2" in rejected[0].message


def test_quoted_cells_and_blank_lines():
    frame, rejected = parse('gdp,2024,2024-06-30,"1,234.5",亿元,"统计局, 月报"', "",
                            "retail_sales,2024,2024-06-30,7,%,x")
    assert rejected == [] and frame.value.tolist() == [1234.5, 7.0]
    assert frame.line.tolist() == [2, 4]


def test_text_is_kept_as_text():
    frame, rejected = parse('gdp,2024,2024-06-30,6.1,%,"<script>alert(1)</script>"')
    assert rejected == [] and frame.source.iloc[0] == "<script>alert(1)</script>"


def test_wrong_header_rejects_the_file(tmp_path):
    frame, rejected = parse_actuals("indicator,year,value\ngdp,2024,1\n", "a.csv", INDICATORS)
    assert frame.empty and [(r.line, r.code) for r in rejected] == [(1, "header")]
    path = tmp_path / "actuals.csv"
    path.write_bytes(b"\xff\xfe\x00bad")
    frame, rejected = load_actuals(path, INDICATORS)
    assert frame.empty and rejected[0].code == "unreadable"
    assert load_actuals(tmp_path / "missing.csv", INDICATORS)[1] == []


def test_dataset_loads_rows_and_rejections(tmp_path, counties_dir):
    data = tmp_path / "data"
    data.mkdir()
    for path in counties_dir.glob("*.csv"):
        (data / path.name).write_bytes(path.read_bytes())
    (data / "actuals.csv").write_text(
        HEADER + "\ngdp,2024,2024-06-30,6.1,%,月报\ngdp,2024,2024-06-31,6.1,%,月报\n",
        encoding="utf-8")
    dataset = load_dataset(data)
    assert len(dataset.actuals) == 1 and isinstance(dataset.actuals, pd.DataFrame)
    (rejection,) = dataset.actual_rejections
    assert rejection.line == 3 and rejection.column == "as_of"
    assert rejection.file.endswith("actuals.csv")
