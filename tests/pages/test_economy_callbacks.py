"""Economy page: the indicator checklist in the URL and its callback, quotes, missing data."""

from __future__ import annotations

from dashboard.components.url_sync import store_id
from dashboard.figures.economy import HEADLINE
from tests.pages.helpers import by_class, by_id, click, figure, texts


def test_default_layout_has_three_charts(pages):
    page = pages["economy"]
    layout = page.layout()
    assert by_id(layout, page.CONTROL_ID)[0].value == list(HEADLINE)
    for chart in ("growth", "gdp", "fiscal"):
        assert figure(layout, "economy", chart) is not None
    assert by_id(layout, store_id("economy"))[0].data == {"ind": list(HEADLINE)}
    labels = [o["label"] for o in by_id(layout, page.CONTROL_ID)[0].options]
    assert labels[0] == "地区生产总值"


def test_url_selection_and_invalid_values(pages):
    page = pages["economy"]
    layout = page.layout(lang="en", ind="gdp,bogus,gdp")
    assert by_id(layout, page.CONTROL_ID)[0].value == ["gdp"]
    assert by_class(layout, "url-notice")[0].children.endswith("ind")
    fig = figure(layout, "economy", "growth")
    assert {y for tr in fig.data for y in tr.y} == {"Gross regional<br>product"}
    assert page.layout(ind="x" * 500) is not None  # tampering: ignored, not an error


def test_update_callback_orders_and_reports_state(pages):
    page = pages["economy"]
    children, state = page.update(["retail_sales", "gdp", "nonsense"], "?lang=en")
    assert state == {"ind": ["gdp", "retail_sales"]}
    fig = figure(children, "economy", "growth")
    assert fig.layout.yaxis.categoryarray == ("Gross regional<br>product",
                                              "Retail sales of<br>consumer goods")
    children, state = page.update([], "")
    assert state == {"ind": []}
    assert "请至少选择一项指标。" in texts(children)
    assert figure(children, "economy", "gdp") is not None


def test_show_quote_callback(pages):
    panel = pages["economy"].show_quote(click("shawan-2024-3604"), "")
    assert "“地区生产总值增长8%左右”" in texts(panel)


def test_dataset_lacking_gdp(pages, without, use_dataset):
    page = pages["economy"]
    use_dataset(page, without("gdp"))
    layout = page.layout()
    assert figure(layout, "economy", "gdp") is None
    gdp_card = by_class(layout, "officials-card-gdp")[0]
    assert "报告中未提及" in texts(gdp_card)
    children, _ = page.update(["gdp", "retail_sales"], "?lang=en")
    assert "Not stated in the report: Gross regional product" in texts(children)
    children, _ = page.update(["gdp"], "")
    assert figure(children, "economy", "growth") is None
