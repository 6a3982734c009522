"""dashboard.components.kpi_card: headline value, growth, targets, sources, not stated."""

from __future__ import annotations

import pandas as pd

from dashboard.components.kpi_card import kpi_card, pick
from dashboard.facts import first, select
from tests.components.helpers import by_class, texts


def _card(dataset, indicator, lang="zh"):
    return kpi_card(select(dataset.indicators, indicators=[indicator]), lang)


def _fact_id(dataset, indicator, kind, value_kind) -> str:
    found = first(dataset.indicators, indicator, kind, value_kind)
    assert found is not None
    return str(found["fact_id"])


def test_gdp_card_reads_like_the_report(luming_2024):
    card = _card(luming_2024, "gdp")
    assert by_class(card, "kpi-label")[0].children == "地区生产总值"
    assert by_class(card, "kpi-value")[0].children == "68.42亿元"  # 地区生产总值68.42亿元
    assert by_class(card, "kpi-growth")[0].children == "+5.8%"  # 同比增长5.8%
    targets = [t.children for t in by_class(card, "kpi-target")]
    assert targets == ["+7%左右"]  # 地区生产总值增长7%左右
    assert "2024年目标" in texts(card) and "2023年实际" in texts(card)
    assert getattr(card, "data-indicator") == "gdp"


def test_the_card_follows_the_report_shown(luming_2025):
    card = _card(luming_2025, "gdp")
    assert by_class(card, "kpi-value")[0].children == "73.15亿元"
    assert by_class(card, "kpi-growth")[0].children == "+6.4%"
    assert [t.children for t in by_class(card, "kpi-target")] == ["+6.5%左右"]
    assert "2025年目标" in texts(card) and "2024年实际" in texts(card)


def test_values_carry_their_quote_and_link_to_the_report(luming_2024):
    card = _card(luming_2024, "gdp", "en")
    value = by_class(card, "kpi-value")[0]
    level = _fact_id(luming_2024, "gdp", "actual", "level")
    assert value.href == f"/report?fact={level}&lang=en"
    assert "68.42亿元" in value.title
    growth = by_class(card, "kpi-growth")[0]
    assert growth.href == f"/report?fact={_fact_id(luming_2024, 'gdp', 'actual', 'growth_pct')}" \
                          "&lang=en"
    target = by_class(card, "kpi-target")[0]
    assert target.title == "地区生产总值增长7%左右" and target.children == "about +7%"
    assert target.href == f"/report?fact={_fact_id(luming_2024, 'gdp', 'target', 'growth_pct')}" \
                          "&lang=en"
    source = by_class(card, "kpi-source")[0]
    assert source.children == "Source" and source.href == value.href


def test_investment_shows_both_targets(luming_2024, luming_2025):
    card = _card(luming_2024, "fixed_asset_investment")
    # 固定资产投资增长15%; 确保固定资产投资达到28亿元以上
    assert [t.children for t in by_class(card, "kpi-target")] == ["+15%", "28亿元以上"]
    assert by_class(card, "kpi-value")[0].children == "24.6亿元"
    assert by_class(card, "kpi-growth")[0].children == "−4.3%"  # 同比下降4.3%
    later = _card(luming_2025, "fixed_asset_investment", "en")
    assert [t.children for t in by_class(later, "kpi-target")] == ["at least +12%",
                                                                    "at least 3.2 billion yuan"]


def test_growth_only_indicator(luming_2024):
    card = _card(luming_2024, "industrial_value_added")  # 规模以上工业增加值增长4.2%
    assert by_class(card, "kpi-value")[0].children == "+4.2%"
    assert by_class(card, "kpi-period")[0].children == "2023年同比增长"
    assert not by_class(card, "kpi-growth")


def test_a_plan_stated_twice_is_shown_once(luming_2024):
    facts = select(luming_2024.indicators, indicators=["high_standard_farmland"])
    plan = facts[facts.kind == "plan"].iloc[0]  # 新建高标准农田3万亩
    again = plan.copy()
    again["fact_id"], again["start"] = f"{plan.fact_id}-again", int(plan.start) + 300
    twice = pd.concat([facts, pd.DataFrame([again], index=[max(facts.index) + 1])])
    card = kpi_card(twice, "zh")
    assert [t.children for t in by_class(card, "kpi-target")] == ["3万亩"]
    assert by_class(card, "kpi-target")[0].href == f"/report?fact={plan.fact_id}&lang=zh"
    assert "2024年计划" in texts(card)


def test_two_plans_of_one_year_are_both_shown(luming_2025):
    card = _card(luming_2025, "schools_built")  # 新建中小学1所、幼儿园2所
    assert [t.children for t in by_class(card, "kpi-target")] == ["1所", "2所"]
    assert by_class(card, "kpi-value")[0].children == "2所"  # 2024: 新建幼儿园2所


def test_target_without_a_result_says_not_stated(luming_2025):
    card = _card(luming_2025, "above_scale_enterprises", "en")  # 完成企业“小升规”4家
    assert not by_class(card, "kpi-value")
    assert by_class(card, "not-stated")[0].children == "Not stated in the report"
    assert [t.children for t in by_class(card, "kpi-target")] == ["4"]  # 4家: the name says what
    plan = _fact_id(luming_2025, "above_scale_enterprises", "plan", "count")
    assert by_class(card, "kpi-source")[0].href == f"/report?fact={plan}&lang=en"


def test_indicator_missing_from_the_data(luming_2024):
    empty = luming_2024.indicators.iloc[0:0]
    card = kpi_card(empty, "zh", name="地区生产总值", indicator_id="gdp")
    assert by_class(card, "kpi-label")[0].children == "地区生产总值"
    assert by_class(card, "not-stated")[0].children == "报告中未提及"
    assert not by_class(card, "kpi-targets") and not by_class(card, "kpi-source")
    main, growth, later = pick(empty)
    assert main is None and growth is None and later.empty


def test_pick_takes_the_latest_actual_and_only_later_targets(counties):
    facts = counties.all_facts
    luming = select(facts[facts.report_id.str.startswith("luming")], indicators=["gdp"])
    main, growth, later = pick(luming)  # both reports: 2023 and 2024 actuals, two targets
    assert main["period"] == 2024 and main["value_std"] == 73.15
    assert growth["period"] == 2024 and growth["value_std"] == 6.4
    assert list(later.period) == [2025]
