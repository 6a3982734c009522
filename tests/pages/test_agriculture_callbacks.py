"""Agriculture page: one view per topic the report states (crops / livestock / land …), the
view switch, quotes, missing data. Served from the fixture reports (default: luming-2025)."""

from __future__ import annotations

import pytest
from dash import html

from dashboard.pipeline.nouns import open_indicator_id
from tests.pages.helpers import (
    by_class,
    by_id,
    charts,
    click,
    fact,
    fact_ids,
    figure,
    kpis,
    report_ids,
    texts,
    title,
    walk,
    without,
)


def _options(layout, page) -> list[tuple[str, str]]:
    return [(o["value"], o["label"]) for o in by_id(layout, page.CONTROL_ID)[0].options]


@pytest.mark.parametrize("view", ["crops", "livestock", "land"])
def test_update_callback(pages, counties, view):
    page = pages["agriculture"]
    children, state = page.update(view, "?lang=en")
    assert state == {"view": view}
    fig = figure(children, "agriculture", view)
    assert fig is not None
    assert report_ids(counties, fact_ids(fig)) == {"luming-2025"}  # the default report


def test_update_callback_follows_the_report_in_the_address(pages, counties):
    page = pages["agriculture"]
    children, state = page.update("livestock", "?report=luming-2024")
    assert state == {"view": "livestock"}
    fig = figure(children, "agriculture", "livestock")
    assert title(fig) == "畜牧：2023年实绩与2024年目标"
    assert fact_ids(fig) == {fact(counties, "luming-2024", ind, kind).fact_id
                             for ind in ("livestock_slaughter", "livestock_stock")
                             for kind in ("actual", "target")}
    children, _ = page.update("crops", "?report=qingshi-2025&lang=en")
    cotton = fact(counties, "qingshi-2025", "cotton_output").fact_id
    assert cotton in fact_ids(figure(children, "agriculture", "crops"))


def test_views_come_from_the_indicators_stated(pages, counties):
    page = pages["agriculture"]
    assert page.views(counties.scoped("luming-2025")) == {
        "crops": ("grain_area", "grain_output", "mechanization_rate"),
        "livestock": ("livestock_slaughter", "livestock_stock"),
        "land": ("high_standard_farmland",)}
    # 青石县 grows cotton and fruit; 鹿鸣县's 2024 report also states rural-revival funds
    # (lexicon topic "context"), offered as "其他" (other).
    qingshi = page.views(counties.scoped("qingshi-2025"))
    assert qingshi["crops"] == ("cotton_area", "cotton_output", "cotton_base",
                                "mechanization_rate", "orchard_area", "fruit_output")
    assert qingshi["livestock"] == ("livestock_stock",)
    assert list(page.views(counties.scoped("luming-2024"))) == [
        "crops", "livestock", "land", "context"]
    layout = page.layout(report="luming-2024")
    assert _options(layout, page) == [("crops", "种植"), ("livestock", "畜牧"),
                                      ("land", "耕地"), ("context", "其他")]
    assert [v for v, _ in _options(page.layout(), page)] == ["crops", "livestock", "land"]
    children, _ = page.update("context", "?report=luming-2024")
    fig = figure(children, "agriculture", "context")
    assert title(fig) == "其他农业指标"
    assert fact_ids(fig) == {fact(counties, "luming-2024", "funds_committed").fact_id}
    children, _ = page.update("context", "?report=luming-2025")  # not in that report
    assert charts(children) == [] and "报告中未提及" in texts(children)


def test_layout_and_url(pages):
    page = pages["agriculture"]
    layout = page.layout(view="land")
    assert by_id(layout, page.CONTROL_ID)[0].value == "land"
    assert figure(layout, "agriculture", "land") is not None
    assert kpis(layout) == ["grain_area", "livestock_slaughter", "high_standard_farmland",
                            "grain_output"]  # the first of each view, then the next ones
    assert kpis(page.layout(report="qingshi-2025")) == [
        "cotton_area", "livestock_stock", "high_standard_farmland",
        open_indicator_id("实施低产低效园提质改造")]
    bad = page.layout(view="sheep")
    assert by_id(bad, page.CONTROL_ID)[0].value == "crops"
    assert by_class(bad, "url-notice")[0].children.endswith("view")
    # A view another report has, asked of one that lacks it: the default, with the notice.
    other = page.layout(report="luming-2025", view="context")
    assert by_id(other, page.CONTROL_ID)[0].value == "crops"
    assert by_class(other, "url-notice")[0].children.endswith("view")


def test_show_quote_callback(pages, counties):
    page = pages["agriculture"]
    stock = fact(counties, "luming-2025", "livestock_stock", "target")
    panel = page.show_quote(click(stock.fact_id), "?lang=en")
    assert f"“{stock.quote}”" in texts(panel)
    assert f"Luming County 2025 Government Work Report · {stock.section}" in texts(panel)
    # Fact ids are unique across reports: a point of another report still finds its sentence.
    cotton = fact(counties, "qingshi-2025", "cotton_output")
    panel = page.show_quote(click(cotton.fact_id), "")
    assert f"“{cotton.quote}”" in texts(panel)
    assert "点击图中的柱或点，查看原文出处。" in texts(page.show_quote(click("nope"), ""))


def test_report_lacking_a_livestock_figure(serve, counties):
    # The 2025 target for 牲畜饲养量 stays; its 2024 figure is gone: the chart says so.
    page = serve(without(counties, "livestock_stock", kinds=["actual"]))["agriculture"]
    children, _ = page.update("livestock", "")
    fig = figure(children, "agriculture", "livestock")
    (missing,) = [tr for tr in fig.data if tr.meta and tr.meta.get("missing")]
    assert list(missing.y) == ["牲畜饲养量"]  # name from the data
    assert list(missing.text) == ["2024年未提及"]


def test_report_lacking_livestock(serve, counties):
    page = serve(without(counties, "livestock_stock", "livestock_slaughter"))["agriculture"]
    layout = page.layout()
    assert [v for v, _ in _options(layout, page)] == ["crops", "land"]
    assert kpis(layout) == ["grain_area", "high_standard_farmland", "grain_output",
                            "mechanization_rate"]
    children, _ = page.update("livestock", "?lang=en")
    assert figure(children, "agriculture", "livestock") is None
    assert "Not stated in the report" in texts(children)
    asked = page.layout(view="livestock")
    assert by_id(asked, page.CONTROL_ID)[0].value == "crops"
    assert by_class(asked, "url-notice")


def test_report_without_farming(serve, counties):
    farming = [i for i, ind in counties.lexicon.items()
               if ind.sector in ("agriculture", "livestock")]
    page = serve(without(counties, *farming))["agriculture"]
    layout = page.layout(lang="en")
    assert by_id(layout, page.CONTROL_ID)[0].options == []
    assert kpis(layout) == [] and charts(layout) == []
    assert "Not stated in the report" in texts(layout)
    children, _ = page.update("crops", "")
    assert charts(children) == [] and "报告中未提及" in texts(children)


def test_text_alternative_of_a_missing_figure(serve, counties):
    # BUG: the chart's text alternative (its figcaption) lists the "not stated" marker as a
    # data series: "missing：牲畜饲养量 0", i.e. a value of 0 the report never gave.
    page = serve(without(counties, "livestock_stock", kinds=["actual"]))["agriculture"]
    children, _ = page.update("livestock", "")
    (caption,) = [n.children for n in walk(children) if isinstance(n, html.Figcaption)]
    assert "牲畜出栏 38.6" in caption
    assert "missing" not in caption and "牲畜饲养量 0" not in caption
