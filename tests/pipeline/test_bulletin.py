"""A statistical bulletin (统计公报): genre, period, and its text-rendered table rows
(tests/fixtures/bulletin-2024.txt, written for the tests)."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline.__main__ import main
from dashboard.pipeline.extract import extract
from dashboard.pipeline.nouns import open_indicator_id
from dashboard.pipeline.structure import read_layout
from dashboard.pipeline.tables import cells, is_table_row, number_cell, parse_unit
from dashboard.pipeline.text import normalise, read_report

FIXTURE = Path(__file__).parents[1] / "fixtures" / "bulletin-2024.txt"


@pytest.fixture(scope="module")
def text():
    return read_report(FIXTURE)


@pytest.fixture(scope="module")
def facts(text):
    return pd.DataFrame(extract(text, "bulletin").facts)


def cell_fact(facts, text, row_start: str, written: str):
    """The fact whose number is `written`, in the table row starting with `row_start`."""
    hits = facts[[text[s:e] == written and q.startswith(row_start)
                  for s, e, q in zip(facts.start, facts.end, facts.quote, strict=True)]]
    assert len(hits) == 1, (row_start, written)
    return hits.iloc[0]


def test_genre_and_period_come_from_the_title(text):
    layout = read_layout(normalise(text))
    assert (layout.genre, layout.report_year) == ("statistical_bulletin", 2024)
    assert layout.title == "河西县2024年国民经济和社会发展统计公报"
    assert {(s.outlook, s.period) for s in layout.sections} == {("review", 2024)}
    # The table that ends the bulletin is body, not page footer.
    assert normalise(text)[:layout.body_end].endswith("19,870\t6.2")


@pytest.mark.parametrize(("row", "written", "indicator", "value_kind", "value", "value_std",
                          "unit_std"), [
    ("地区生产总值 |", "86.9", "gdp", "level", 86.9, 86.9, "亿元"),
    ("地区生产总值 |", "7.1", "gdp", "growth_pct", 7.1, 7.1, "%"),
    ("规模以上工业增加值", "-2.3", "industrial_value_added", "growth_pct", -2.3, -2.3, "%"),
    ("固定资产投资(不含农户)", "33.8", "fixed_asset_investment", "level", 33.8, 33.8, "亿元"),
    ("一般公共预算收入", "46,300", "budget_revenue", "level", 46300, 4.63, "亿元"),
    ("全体居民人均可支配收入", "6.9", "disposable_income", "growth_pct", 6.9, 6.9, "%"),
    ("牲畜出栏  万头只", "33.4", "livestock_slaughter", "level", 33.4, 33.4, "万头只"),
    ("新建高标准农田", "3.1", "high_standard_farmland", "level", 3.1, 3.1, "万亩"),
    ("农作物机械化率", "９８.５", "mechanization_rate", "share_pct", 98.5, 98.5, "%"),
    ("全年城镇新增就业\t", "2350", "urban_new_jobs", "count", 2350, 2350, "人"),
])
def test_table_cells(facts, text, row, written, indicator, value_kind, value, value_std,
                     unit_std):
    fact = cell_fact(facts, text, row, written)
    assert (fact.indicator_id, fact.value_kind, fact.kind, fact.period) == (
        indicator, value_kind, "actual", 2024)
    assert fact.value == value and fact.value_std == pytest.approx(value_std)
    assert fact.unit_std == unit_std and fact.comparator == "="
    # The quote is the row as written, and the offsets point at the number inside it.
    line_start = text.rfind("\n", 0, fact.start) + 1
    assert text[line_start:text.find("\n", fact.start)].strip() == fact.quote


def test_a_part_is_not_the_whole(facts, text):
    urban = cell_fact(facts, text, "城镇居民人均可支配收入", "5.1")
    assert urban.indicator_id == "urban_disposable_income"  # its own indicator, not the whole
    other = cell_fact(facts, text, "居民人均消费支出", "19,870")
    # Not in the lexicon: named by its row (an indicator read from the text).
    assert other.indicator_id == open_indicator_id("居民人均消费支出")
    assert other.indicator_zh == "居民人均消费支出" and other.sector == "consumption"


def test_empty_growth_cell_header_and_caption_give_no_fact(facts, text):
    rows = facts[facts.quote.str.startswith(("新建高标准农田", "农作物机械化率"))]
    assert rows.value_kind.tolist() == ["level", "share_pct"]
    assert not facts.quote.str.contains("比上年增长\\(%\\)|表1|表2").any()
    assert not (facts.value.isin([1.0, 2.0]) & (facts.unit == "")).any()


def test_sentences_are_still_read(facts):
    by_quote = facts[facts.quote.str.startswith("全年粮食播种面积")]
    assert by_quote.indicator_id.tolist() == ["grain_area", "grain_output", "grain_output"]
    assert facts[(facts.indicator_id == "gdp") & (facts.value == 86.9)].shape[0] == 2
    # Each number is read once: by the table reader or by the sentence grammar, never both.
    assert facts.fact_id.is_unique


def test_cli_build_validates(tmp_path):
    assert main(["extract", str(FIXTURE), "--out", str(tmp_path)]) == 0
    reports = pd.read_csv(tmp_path / "reports.csv")
    assert reports.loc[0, ["genre", "report_year", "review_period", "published"]].tolist() == [
        "statistical_bulletin", 2024, 2024, "2025-04-10"]


def test_row_helpers():
    line = "| 地区生产总值 | 亿元 | 280.5 | 6.2 |"
    found = cells(line, 0, len(line))
    assert [c.text for c in found] == ["地区生产总值", "亿元", "280.5", "6.2"]
    assert [line[c.start:c.end] for c in found] == [c.text for c in found]
    assert is_table_row("地区生产总值  亿元  280.5  6.2")
    assert is_table_row("地区生产总值\t亿元\t280.5")
    assert not is_table_row("实现地区生产总值280.5亿元,增长6.2%。")
    assert not is_table_row("发布日期: | 2025-04-10 | 所属主题: | 统计公报 |")
    assert parse_unit("亿元") == ("元", 1e8) and parse_unit("万头只") == ("头只", 1e4)
    assert parse_unit("%") == ("%", 1.0) and parse_unit("亿") is None
    assert number_cell("−2.1") == -2.1 and number_cell("1,234.5") == 1234.5
    assert number_cell("6.2%") is None and number_cell("—") is None
