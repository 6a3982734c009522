"""dashboard.components.chart_card: graph with quote panel, not-stated, URL notice."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc

from dashboard.components import chart_card as cc
from dashboard.i18n import t
from tests.components.helpers import by_class, by_id, texts


def test_card_with_figure_has_graph_and_quote_hint():
    fig = go.Figure(go.Bar(x=[1], y=["a"]), layout={"height": 321})
    card = cc.chart_card("economy", "gdp", "标题", fig, "en")
    graph = by_id(card, cc.graph_id("economy", "gdp"))[0]
    assert isinstance(graph, dcc.Graph) and graph.style == {"height": "321px"}
    assert graph.config["locale"] == "en"
    panel = by_id(card, cc.quote_id("economy", "gdp"))[0]
    assert t("source.click_hint", "en") in texts(panel)


def test_card_without_figure_says_not_stated():
    card = cc.chart_card("economy", "gdp", "地区生产总值", None, "zh")
    assert not [n for n in by_class(card, "officials-graph")]
    assert "地区生产总值" in texts(card) and "报告中未提及" in texts(card)


def test_missing_indicators_are_named():
    fig = go.Figure(go.Bar(x=[1], y=["a"]))
    card = cc.chart_card("economy", "growth", "x", fig, "en", missing=["GDP", "Trade"])
    assert "Not stated in the report: GDP, Trade" in texts(card)


def test_quote_for_click(dataset):
    facts, reports = dataset.indicators, dataset.reports
    click = {"points": [{"customdata": ["shawan-2024-663", "q", "20.89亿元", "s"]}]}
    panel = cc.quote_for_click(facts, reports, click, "zh")
    assert "“固定资产投资20.89亿元,同比增长19.5%”" in texts(panel)
    link = [n for n in by_class(panel, "small") if getattr(n, "href", None)][0]
    assert link.href == "/report?fact=shawan-2024-663&lang=zh"
    for bad in (None, {}, {"points": []}, {"points": [{"customdata": ["nope"]}]}):
        assert t("source.click_hint", "zh") in texts(cc.quote_for_click(facts, reports, bad,
                                                                         "zh"))


def test_invalid_notice():
    assert cc.invalid_notice([], "zh") is None
    notice = cc.invalid_notice(["view", "view", "ind"], "en")
    assert notice.children == "Unrecognised URL parameters were ignored: view, ind"
