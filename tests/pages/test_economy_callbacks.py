"""Economy page: the indicator checklist (the report's main-target list) in the URL and its
callback, the trend charts across a place's reports, quotes, missing data."""

from __future__ import annotations

from dashboard.components.url_sync import store_id
from tests.pages.helpers import (
    by_class,
    by_id,
    charts,
    click,
    fact,
    fact_ids,
    figure,
    report_ids,
    texts,
    title,
    without,
)

# 鹿鸣县's main-target sentence (主要预期目标是：…), in the order stated, then the indicator
# of its comparison target (居民人均可支配收入增速不低于地区生产总值增速).
LUMING = ["gdp", "budget_revenue", "fixed_asset_investment", "retail_sales", "urban_new_jobs",
          "surveyed_unemployment", "disposable_income"]
QINGSHI = ["gdp", "industrial_value_added", "fixed_asset_investment", "budget_revenue",
           "retail_sales", "urban_new_jobs", "surveyed_unemployment"]


def test_default_layout(pages, counties):
    page = pages["economy"]
    assert page.headline(counties.scoped("luming-2025")) == LUMING
    layout = page.layout()
    assert by_id(layout, page.CONTROL_ID)[0].value == LUMING
    assert charts(layout) == ["growth", "gdp", "fiscal", "trend-levels", "trend-growth"]
    assert by_id(layout, store_id("economy"))[0].data == {"ind": LUMING}
    labels = [o["label"] for o in by_id(layout, page.CONTROL_ID)[0].options]
    assert labels[0] == "地区生产总值"
    # 城镇新增就业 and 城镇调查失业率 are stated (as a count and a rate), only not as growth:
    # the growth chart does not call them "not stated in the report". The report states the
    # income of urban and of rural residents, not of all residents: that one is not stated.
    growth_card = by_class(layout, "officials-card-growth")[0]
    assert [text for text in texts(growth_card) if "报告中未提及" in text] == [
        "报告中未提及：居民人均可支配收入"]
    gdp = figure(layout, "economy", "gdp")
    assert fact_ids(gdp) == {fact(counties, "luming-2025", "gdp", "actual", vk).fact_id
                             for vk in ("level", "growth_pct")} | {
        fact(counties, "luming-2025", "gdp", "target", "growth_pct").fact_id}


def test_checklist_choices_come_from_the_selected_report(pages, counties):
    page = pages["economy"]
    assert page.headline(counties.scoped("qingshi-2025")) == QINGSHI
    assert page.headline(counties.scoped("luming-2024")) == LUMING
    layout = page.layout(report="qingshi-2025")
    assert by_id(layout, page.CONTROL_ID)[0].value == QINGSHI
    labels = [o["label"] for o in by_id(layout, page.CONTROL_ID)[0].options]
    assert labels[:2] == ["地区生产总值", "规模以上工业增加值"]
    # An indicator of another report's list is not a choice here.
    layout = page.layout(report="luming-2025", ind="industrial_value_added")
    assert by_id(layout, page.CONTROL_ID)[0].value == LUMING
    assert by_class(layout, "url-notice")[0].children.endswith("ind")
    layout = page.layout(report="qingshi-2025", ind="industrial_value_added")
    assert by_id(layout, page.CONTROL_ID)[0].value == ["industrial_value_added"]
    assert not by_class(layout, "url-notice")


def test_url_selection_and_invalid_values(pages, counties):
    page = pages["economy"]
    layout = page.layout(lang="en", ind="gdp,bogus,gdp")
    assert by_id(layout, page.CONTROL_ID)[0].value == ["gdp"]
    assert by_class(layout, "url-notice")[0].children.endswith("ind")
    fig = figure(layout, "economy", "growth")
    assert {y for tr in fig.data for y in tr.y} == {"Gross regional<br>product"}
    assert fact_ids(fig) == {fact(counties, "luming-2025", "gdp", kind, "growth_pct").fact_id
                             for kind in ("actual", "target")}
    assert page.layout(ind="x" * 500) is not None  # tampering: ignored, not an error


def test_update_callback_orders_and_reports_state(pages, counties):
    page = pages["economy"]
    children, state = page.update(["retail_sales", "gdp"], "?lang=en")
    assert state == {"ind": ["gdp", "retail_sales"]}
    fig = figure(children, "economy", "growth")
    assert fig.layout.yaxis.categoryarray == ("Gross regional<br>product",
                                              "Retail sales of<br>consumer goods")
    assert title(fig, "en") == "2024 growth and the 2025 target"
    children, state = page.update([], "")
    assert state == {"ind": []}
    assert "请至少选择一项指标。" in texts(children)
    assert figure(children, "economy", "gdp") is not None
    children, _ = page.update(["gdp"], "?report=luming-2024")
    fig = figure(children, "economy", "growth")
    assert title(fig) == "2023年增速与2024年目标"
    assert report_ids(counties, fact_ids(fig)) == {"luming-2024"}
    for untrusted in ("gdp", [1, None, {"x": 1}], None):
        children, state = page.update(untrusted, "")
        assert state == {"ind": []} and "请至少选择一项指标。" in texts(children)


def test_update_callback_writes_only_the_reports_choices(pages):
    # As before the refactor: what goes to the address is the report's choices, in its
    # order. Now an unknown id is written too (and flagged as invalid on reload), and the
    # order is alphabetical.
    page = pages["economy"]
    _, state = page.update(["retail_sales", "gdp", "nonsense"], "?lang=en")
    assert state == {"ind": ["gdp", "retail_sales"]}
    _, state = page.update(["budget_revenue", "gdp"], "")
    assert state == {"ind": ["gdp", "budget_revenue"]}


def test_trend_charts_follow_the_checklist(pages, counties):
    page = pages["economy"]
    children, _ = page.update(["gdp"], "?report=luming-2024")
    levels = figure(children, "economy", "trend-levels")
    (actual,) = levels.data
    assert (list(actual.x), list(actual.y)) == ([2023, 2024], [68.42, 73.15])
    assert report_ids(counties, fact_ids(levels)) == {"luming-2024", "luming-2025"}
    growth = figure(children, "economy", "trend-growth")
    by_name = {tr.name: (list(tr.x), list(tr.y)) for tr in growth.data}
    assert by_name == {"实际": ([2023, 2024], [5.8, 6.4]), "目标": ([2024, 2025], [7.0, 6.5])}
    # The title names the place and the years charted (the levels stop at the 2024 actual).
    assert title(levels) == "鹿鸣县主要指标历年总量（2023—2024年）"
    assert title(growth) == "鹿鸣县主要指标历年增速（2023—2025年）"
    children, _ = page.update([], "?report=luming-2024")
    assert "trend-levels" not in charts(children)


def test_no_trends_for_a_place_with_one_report(pages):
    assert charts(pages["economy"].layout(report="qingshi-2025")) == ["growth", "gdp", "fiscal"]


def test_no_trends_when_only_one_report_is_loaded(serve, qingshi):
    page = serve(qingshi)["economy"]
    layout = page.layout()
    assert "当前报告：2025年青石县政府工作报告" in texts(layout)
    assert charts(layout) == ["growth", "gdp", "fiscal"]


def test_show_quote_callback(pages, counties):
    page = pages["economy"]
    target = fact(counties, "luming-2025", "gdp", "target", "growth_pct")
    panel = page.show_quote(click(target.fact_id), "")
    assert "“地区生产总值增长6.5%左右”" in texts(panel)
    # A trend point from the other report of the place.
    earlier = fact(counties, "luming-2024", "gdp")
    panel = page.show_quote(click(earlier.fact_id), "")
    assert f"“{earlier.quote}”" in texts(panel)
    assert any(text.startswith("2024年鹿鸣县政府工作报告 · ") for text in texts(panel))


def test_report_lacking_gdp(serve, counties):
    page = serve(without(counties, "gdp"))["economy"]
    layout = page.layout()
    assert figure(layout, "economy", "gdp") is None
    assert "报告中未提及" in texts(by_class(layout, "officials-card-gdp")[0])
    # No GDP target any more: the checklist offers what the report's list still names.
    assert by_id(layout, page.CONTROL_ID)[0].value == LUMING[1:]
    children, _ = page.update(["gdp", "retail_sales"], "?lang=en")
    assert fact_ids(figure(children, "economy", "growth")) == {
        fact(counties, "luming-2025", "retail_sales", kind, "growth_pct").fact_id
        for kind in ("actual", "target")}
    children, _ = page.update(["urban_new_jobs"], "?lang=en")  # a target without growth
    assert figure(children, "economy", "growth") is None
    assert "Not stated in the report" in texts(children)
