"""dashboard.components.chart_card: graph with quote panel, not-stated, URL notice."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc

from dashboard.components import chart_card as cc
from dashboard.facts import first
from dashboard.i18n import t
from tests.components.helpers import by_class, by_id, texts


def test_card_with_figure_has_graph_and_quote_hint():
    fig = go.Figure(go.Bar(x=[1], y=["a"]), layout={"height": 321})
    card = cc.chart_card("economy", "gdp", "标题", fig, "en")
    graph = by_id(card, cc.graph_id("economy", "gdp"))[0]
    assert isinstance(graph, dcc.Graph) and graph.style == {"height": "321px"}
    assert graph.config["locale"] == "en"
    assert graph.config["toImageButtonOptions"]["filename"] == "indicators-economy-gdp"
    panel = by_id(card, cc.quote_id("economy", "gdp"))[0]
    assert t("source.click_hint", "en") in texts(panel)


def test_saved_images_are_named_after_the_report():
    fig = go.Figure(go.Bar(x=[1], y=["a"]))
    card = cc.chart_card("economy", "growth", "x", fig, "zh", file_stem="luming-2025")
    graph = by_id(card, cc.graph_id("economy", "growth"))[0]
    assert graph.config["toImageButtonOptions"]["filename"] == "luming-2025-economy-growth"


def test_card_without_figure_says_not_stated():
    card = cc.chart_card("economy", "gdp", "地区生产总值", None, "zh")
    assert not [n for n in by_class(card, "officials-graph")]
    assert "地区生产总值" in texts(card) and "报告中未提及" in texts(card)


def test_missing_indicators_are_named():
    fig = go.Figure(go.Bar(x=[1], y=["a"]))
    card = cc.chart_card("economy", "growth", "x", fig, "en", missing=["GDP", "Trade"])
    assert "Not stated in the report: GDP, Trade" in texts(card)


def test_quote_for_click(luming_2024):
    facts, reports = luming_2024.indicators, luming_2024.reports
    fai = first(facts, "fixed_asset_investment", "actual", "level")
    click = {"points": [{"customdata": [fai.fact_id, "q", "24.6亿元", "s"]}]}
    panel = cc.quote_for_click(facts, reports, click, "zh")
    assert "“固定资产投资24.6亿元，同比下降4.3%”" in texts(panel)
    assert "24.6亿元" in texts(panel)
    assert any(text.startswith("2024年鹿鸣县政府工作报告 · ") for text in texts(panel))
    link = [n for n in by_class(panel, "small") if getattr(n, "href", None)][0]
    assert link.href == f"/report?fact={fai.fact_id}&lang=zh"
    for bad in (None, {}, {"points": []}, {"points": [{"customdata": ["nope"]}]}):
        assert t("source.click_hint", "zh") in texts(cc.quote_for_click(facts, reports, bad,
                                                                         "zh"))


def test_quote_for_a_point_of_another_report(counties, luming_2025):
    """A trend chart on the 2025 page has points from the 2024 report: looked up in every
    report's facts, the click still finds its sentence and names its own report."""
    old = first(counties.scoped("luming-2024").indicators, "gdp", "actual", "level")
    click = {"points": [{"customdata": [old.fact_id, "q", "68.42亿元", "s", "r"]}]}
    assert t("source.click_hint", "en") in texts(
        cc.quote_for_click(luming_2025.indicators, luming_2025.reports, click, "en"))
    panel = cc.quote_for_click(luming_2025.all_facts, luming_2025.reports, click, "en")
    assert f"“{old.quote}”" in texts(panel)
    assert any(text.startswith("Luming County 2024 Government Work Report · ")
               for text in texts(panel))


def test_invalid_notice():
    assert cc.invalid_notice([], "zh") is None
    notice = cc.invalid_notice(["view", "view", "ind"], "en")
    assert notice.children == "Unrecognised URL parameters were ignored: view, ind"
