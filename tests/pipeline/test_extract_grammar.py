"""Extraction on a small report written for the tests (tests/fixtures/grammar-report.txt)."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline.extract import extract
from dashboard.pipeline.structure import read_layout
from dashboard.pipeline.text import normalise, read_report

FIXTURE = Path(__file__).parents[1] / "fixtures" / "grammar-report.txt"


@pytest.fixture(scope="module")
def text():
    return read_report(FIXTURE)


@pytest.fixture(scope="module")
def facts(text):
    return pd.DataFrame(extract(text, "grammar").facts)


def row(facts, text, written, occurrence=0):
    """The fact whose number is written as `written` (its n-th occurrence)."""
    hits = facts[[text[s:e] == written for s, e in zip(facts.start, facts.end, strict=True)]]
    return hits.iloc[occurrence]


def test_layout_reads_title_dates_and_sections(text):
    layout = read_layout(normalise(text))
    assert (layout.report_year, layout.genre) == (2025, "work_report")
    assert (layout.published, layout.delivered) == ("2025-02-20", "2025-01-10")
    outlooks = {(s.outlook, s.period) for s in layout.sections if s.name.startswith(("一", "二"))}
    assert outlooks == {("review", 2024), ("plan", 2025)}


def test_full_width_digits_and_percent(facts, text):
    gdp = row(facts, text, "１２３.４５")
    assert (gdp.indicator_id, gdp.value, gdp.unit, gdp.kind, gdp.period) == (
        "gdp", 123.45, "亿元", "actual", 2024)
    growth = row(facts, text, "５.２")
    assert (growth.value, growth.unit, growth.value_kind) == (5.2, "%", "growth_pct")


def test_thousands_separator_and_standard_unit(facts, text):
    revenue = row(facts, text, "12,345")
    assert (revenue.indicator_id, revenue.value, revenue.unit) == ("budget_revenue", 12345, "万元")
    assert revenue.value_std == pytest.approx(1.2345)
    assert revenue.unit_std == "亿元"


def test_decline_is_negative(facts, text):
    decline = row(facts, text, "3.2")
    assert (decline.indicator_id, decline.value, decline.value_kind) == (
        "budget_revenue", -3.2, "growth_pct")


def test_percentage_points(facts, text):
    pp = row(facts, text, "1.5")
    assert (pp.indicator_id, pp.value_kind, pp.unit) == ("industrial_value_added", "change_pp",
                                                         "个百分点")


def test_respectively_lists(facts, text):
    assert row(facts, text, "4.8").indicator_id == "retail_sales"
    assert row(facts, text, "7.2").indicator_id == "foreign_trade"
    assert row(facts, text, "7.2").value_kind == "growth_pct"


def test_chinese_numerals_state_quantities(facts, text):
    area = row(facts, text, "一百二十")
    assert (area.indicator_id, area.value, area.unit, area.value_std) == (
        "grain_area", 120, "万亩", 120)
    tenths = row(facts, text, "三")
    assert (tenths.indicator_id, tenths.value_kind, tenths.value_std) == (
        "cotton_output", "growth_pct", 30)
    doubled = row(facts, text, "一")
    assert (doubled.indicator_id, doubled.value_std) == ("tourism_revenue", 100)


def test_more_than(facts, text):
    jobs = row(facts, text, "3200")
    assert (jobs.indicator_id, jobs.comparator, jobs.value_kind) == ("urban_new_jobs", ">", "count")


def test_names_and_dates_paragraph_yields_nothing(facts):
    assert not facts.section.str.contains("名称与日期").any()


def test_range_gives_two_bounds(facts, text):
    low, high = row(facts, text, "6"), row(facts, text, "7")
    assert (low.indicator_id, low.comparator, low.kind) == ("gdp", ">=", "target")
    assert (high.indicator_id, high.comparator, high.unit) == ("gdp", "<=", "%")


@pytest.mark.parametrize(("written", "indicator", "comparator", "value_kind"), [
    ("10", "fixed_asset_investment", "~", "growth_pct"),
    ("5.5", "surveyed_unemployment", "<=", "share_pct"),
    ("13", "budget_revenue", ">=", "level"),
    ("20", "foreign_trade", ">=", "level"),
    ("30", "grain_output", ">=", "level"),
    ("95", "insurance_coverage", ">=", "share_pct"),
])
def test_targets_and_comparators(facts, text, written, indicator, comparator, value_kind):
    fact = row(facts, text, written)
    assert (fact.indicator_id, fact.comparator, fact.value_kind, fact.kind, fact.period) == (
        indicator, comparator, value_kind, "target", 2025)


def test_targets_and_plans_in_task_paragraphs(facts, text):
    assert row(facts, text, "50").kind == "target"  # 出栏达到50万头只: a level to reach
    farmland = row(facts, text, "5")
    assert (farmland.indicator_id, farmland.kind) == ("high_standard_farmland", "plan")
    funds, roads = row(facts, text, "8000"), row(facts, text, "4")
    assert (funds.indicator_id, funds.kind, funds.sector) == ("funds_committed", "plan",
                                                              "infrastructure")
    assert (roads.indicator_id, roads.value, roads.unit) == ("roads_new", 4, "条")


def test_footer_and_header_yield_nothing(facts, text):
    body_end = text.index("用户登录")
    assert facts.end.max() < body_end
    assert facts.start.min() > text.index("2025年政府工作报告")
