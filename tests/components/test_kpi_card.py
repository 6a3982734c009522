"""dashboard.components.kpi_card: headline value, growth, targets, sources, not stated."""

from __future__ import annotations

from dashboard.components.kpi_card import kpi_card, pick
from dashboard.facts import select
from tests.components.helpers import by_class, texts


def _card(dataset, indicator, lang="zh"):
    return kpi_card(select(dataset.indicators, indicators=[indicator]), lang)


def test_gdp_card_reads_like_the_report(dataset):
    card = _card(dataset, "gdp")
    assert by_class(card, "kpi-label")[0].children == "地区生产总值"
    assert by_class(card, "kpi-value")[0].children == "259.03亿元"
    assert by_class(card, "kpi-growth")[0].children == "+4.6%"
    targets = [t.children for t in by_class(card, "kpi-target")]
    assert targets == ["+8%左右"]
    assert "2024年目标" in texts(card) and "2023年实际" in texts(card)
    assert getattr(card, "data-indicator") == "gdp"


def test_values_carry_their_quote_and_link_to_the_report(dataset):
    card = _card(dataset, "gdp", "en")
    value = by_class(card, "kpi-value")[0]
    assert value.href == "/report?fact=shawan-2024-639&lang=en"
    assert "259.03亿元" in value.title
    target = by_class(card, "kpi-target")[0]
    assert target.title == "地区生产总值增长8%左右" and target.children == "about +8%"
    assert by_class(card, "kpi-source")[0].children == "Source"


def test_investment_shows_both_2024_targets(dataset):
    card = _card(dataset, "fixed_asset_investment")
    assert [t.children for t in by_class(card, "kpi-target")] == ["+213%左右", "100亿元以上"]


def test_growth_only_indicator_and_restated_plans(dataset):
    card = _card(dataset, "tourist_arrivals")
    assert by_class(card, "kpi-value")[0].children == "+138.61%"
    assert by_class(card, "kpi-period")[0].children == "2023年同比增长"
    assert not by_class(card, "kpi-growth")
    farmland = _card(dataset, "high_standard_farmland")
    assert [t.children for t in by_class(farmland, "kpi-target")] == ["3万亩"]  # stated twice


def test_target_without_a_result_says_not_stated(dataset):
    card = _card(dataset, "retail_sales", "en")
    assert not by_class(card, "kpi-value")
    assert by_class(card, "not-stated")[0].children == "Not stated in the report"
    assert [t.children for t in by_class(card, "kpi-target")] == ["about +11%"]
    assert by_class(card, "kpi-source")[0].href == "/report?fact=shawan-2024-3669&lang=en"


def test_indicator_missing_from_the_data(dataset):
    empty = dataset.indicators.iloc[0:0]
    card = kpi_card(empty, "zh", name="地区生产总值", indicator_id="gdp")
    assert by_class(card, "kpi-label")[0].children == "地区生产总值"
    assert by_class(card, "not-stated")[0].children == "报告中未提及"
    assert not by_class(card, "kpi-targets") and not by_class(card, "kpi-source")
    main, growth, later = pick(empty)
    assert main is None and growth is None and later.empty
