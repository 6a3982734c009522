"""Years written in a sentence, five-year plans, and names read from the text for figures
outside the lexicon, on a five-year review written for the tests
(tests/fixtures/grammar/five-year-review.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.pipeline.extract import extract
from dashboard.pipeline.nouns import is_open_id, open_indicator_id
from dashboard.pipeline.periods import Span, five_year_plan, stated_year

TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "grammar" / "five-year-review.txt"
        ).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def facts() -> list[dict]:
    return extract(TEXT, "songlin-2026").facts


def _at(facts: list[dict], context: str, written: str) -> dict:
    start = TEXT.index(context) + context.index(written)
    found = [f for f in facts if f["start"] == start]
    assert len(found) == 1, (context, written)
    return found[0]


@pytest.mark.parametrize(("context", "written", "period", "period_start", "kind"), [
    ("由2020年的120.5亿元", "120.5", 2020, 2020, "actual"),
    ("到2025年的168.3亿元", "168.3", 2025, 2025, "actual"),
    ("年均增长6.9%", "6.9", 2025, 2021, "actual"),
    ("五年累计完成固定资产投资540亿元", "540", 2025, 2021, "actual"),
    ("比2020年增长35%", "35", 2025, 2021, "actual"),  # a change since 2020: 2021–2025
    ("全县地区生产总值增长6.2%", "6.2", 2025, 2025, "actual"),
    ("达到230亿元左右", "230", 2030, 2030, "target"),
    ("年均增长6.5%左右", "6.5", 2030, 2026, "target"),
    ("城镇化率达到62%", "62", 2030, 2030, "target"),
    ("地区生产总值增长6%左右", "6", 2026, 2026, "target"),
    ("新建城区道路4条", "4", 2026, 2026, "plan"),
    ("到2027年建成智慧停车场3个", "3", 2027, 2027, "plan"),
])
def test_each_figure_gets_its_years_and_kind(facts, context, written, period, period_start,
                                             kind):
    fact = _at(facts, context, written)
    assert (fact["period"], fact["period_start"], fact["kind"]) == (period, period_start, kind)


def test_five_year_plans_are_named_by_number():
    assert five_year_plan("“十四五”时期") == Span(2021, 2025)
    assert five_year_plan("十五五规划") == Span(2026, 2030)
    assert five_year_plan("十三五以来") == Span(2016, 2020)
    assert five_year_plan("十件实事") is None


def test_a_comparison_base_or_a_since_is_no_period():
    text = "比2020年增长35%,2018年以来"
    assert stated_year(text, 0, len(text)) is None
    text = "由2020年的120亿元"
    assert stated_year(text, 0, len(text)) == 2020


@pytest.mark.parametrize(("context", "written", "name", "unit"), [
    ("新建城区道路6条", "6", "新建城区道路", "条"),
    ("建成5G基站86个", "86", "建成5G基站", "个"),
    ("增长30%", "30", "建成5G基站", "%"),  # the growth of the figure before it
    ("其中网络零售额增长21.5%", "21.5", "网络零售额", "%"),  # a sub-indicator, not its parent
    ("建成智慧停车场3个", "3", "建成智慧停车场", "个"),
])
def test_a_figure_outside_the_lexicon_is_named_from_its_words(facts, context, written, name,
                                                              unit):
    fact = _at(facts, context, written)
    assert fact["indicator_zh"] == name and fact["unit"] == unit
    assert is_open_id(str(fact["indicator_id"]))


def test_the_parent_keeps_its_own_figure(facts):
    assert _at(facts, "社会消费品零售总额增长7.1%", "7.1")["indicator_id"] == "retail_sales"


def test_planned_and_done_work_share_one_id(facts):
    planned = _at(facts, "新建城区道路4条", "4")
    done = _at(facts, "新建城区道路6条", "6")
    assert planned["indicator_id"] == done["indicator_id"] == open_indicator_id("建成城区道路")
    assert planned["sector"] == done["sector"] == "infrastructure"


def test_a_title_without_its_year_is_dated_by_the_line_under_it():
    text = ("政府工作报告\n——2025年1月16日在某县第十八届人民代表大会第五次会议上\n各位代表：\n"
            "一、2024年工作回顾\n全县地区生产总值56.8亿元，增长6.9%。\n"
            "二、2025年主要目标\n地区生产总值增长6.5%左右。力争2025—2027年规上工业增加值年均增长12%以上。\n")
    result = extract(text, "mou-2025")
    assert (result.layout.report_year, result.layout.delivered) == (2025, "2025-01-16")
    got = {(f["value"], f["period"], f["kind"]) for f in result.facts}
    assert got == {(56.8, 2024, "actual"), (6.9, 2024, "actual"), (6.5, 2025, "target"),
                   (12.0, 2027, "target")}  # 2025 of 2025—2027年 is a date, not a figure
    span = next(f for f in result.facts if f["value"] == 12.0)
    assert span["period_start"] == 2025


def test_a_growth_belongs_to_the_nearest_subject():
    text = ("2025年某县政府工作报告\n一、2024年工作回顾\n"
            "社会消费品零售总额32.6亿元，增长6.5%，其中网络零售额4.1亿元，增长28.3%。\n")
    facts = {f["value"]: f for f in extract(text, "mou-2025").facts}
    assert facts[6.5]["indicator_id"] == facts[32.6]["indicator_id"] == "retail_sales"
    assert facts[28.3]["indicator_zh"] == facts[4.1]["indicator_zh"] == "网络零售额"
    assert facts[28.3]["indicator_id"] == open_indicator_id("网络零售额")
