"""Tourism page: the measures the report states, the measure switch, KPI cards from the
tourism and consumption sectors, quotes, a report without tourism."""

from __future__ import annotations

import pytest

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
    without,
)

TOURISM = ("tourist_arrivals", "tourism_revenue", "tourism_events")


def _options(layout, page) -> list[str]:
    return [o["value"] for o in by_id(layout, page.CONTROL_ID)[0].options]


@pytest.mark.parametrize("measure", ["growth", "events", "plans"])
def test_update_callback(pages, counties, measure):
    page = pages["tourism"]
    children, state = page.update(measure, "?lang=en")
    assert state == {"measure": measure}
    fig = figure(children, "tourism", measure)
    assert fig is not None and report_ids(counties, fact_ids(fig)) == {"luming-2025"}


def test_layout_and_url(pages, counties):
    page = pages["tourism"]
    layout = page.layout(lang="en", measure="plans")
    assert by_id(layout, page.CONTROL_ID)[0].value == "plans"
    assert {"tourist_arrivals", "tourism_revenue", "tourism_events", "hotels_new"} <= set(
        kpis(layout))
    bad = page.layout(measure="")
    assert by_id(bad, page.CONTROL_ID)[0].value == "growth"
    # The plans of the 2024 report: its targets and plans for 2024.
    plans = figure(page.layout(report="luming-2024", measure="plans"), "tourism", "plans")
    assert {fact(counties, "luming-2024", "hotels_new", "plan", "count").fact_id,
            fact(counties, "luming-2024", "tourist_arrivals", "target", "count").fact_id
            } <= fact_ids(plans)
    assert report_ids(counties, fact_ids(plans)) == {"luming-2024"}


def test_measures_come_from_the_facts_stated(pages, counties):
    page = pages["tourism"]
    assert page.measures(counties.scoped("luming-2025")) == ["growth", "events", "plans"]
    # 青石县 states no tourism figure; its consumption target makes the only measure.
    assert page.measures(counties.scoped("qingshi-2025")) == ["plans"]
    layout = page.layout(report="qingshi-2025")
    assert _options(layout, page) == ["plans"]
    assert by_id(layout, page.CONTROL_ID)[0].value == "plans"
    assert charts(layout) == ["plans"]
    assert fact_ids(figure(layout, "tourism", "plans")) == {
        fact(counties, "qingshi-2025", "retail_sales", "target", "growth_pct").fact_id}
    assert kpis(layout) == ["retail_sales"]
    asked = page.layout(report="qingshi-2025", measure="growth")
    assert by_id(asked, page.CONTROL_ID)[0].value == "plans"
    assert by_class(asked, "url-notice")[0].children.endswith("measure")
    children, _ = page.update("growth", "?report=qingshi-2025")
    assert figure(children, "tourism", "growth") is None
    assert "报告中未提及" in texts(by_class(children, "officials-card-growth")[0])


def test_show_quote_callback(pages, counties):
    hotels = fact(counties, "luming-2024", "hotels_new", "plan", "count")
    panel = pages["tourism"].show_quote(click(hotels.fact_id), "")
    assert "“新建星级酒店2家”" in texts(panel)


def test_dataset_without_tourism(serve, counties):
    page = serve(without(counties, *TOURISM))["tourism"]
    layout = page.layout()
    assert _options(layout, page) == ["plans"]
    assert kpis(layout) == ["retail_sales", "hotels_new", open_indicator_id("培育精品民宿")]
    children, _ = page.update("growth", "")
    assert figure(children, "tourism", "growth") is None
    assert "报告中未提及" in texts(by_class(children, "officials-card-growth")[0])
    children, _ = page.update("plans", "")
    assert figure(children, "tourism", "plans") is not None


def test_report_stating_neither_tourism_nor_consumption(serve, counties):
    page = serve(without(counties, *TOURISM, "retail_sales", "hotels_new"))["tourism"]
    layout = page.layout(report="qingshi-2025", lang="en")
    assert _options(layout, page) == ["growth", "events", "plans"]  # still says so
    assert charts(layout) == [] and kpis(layout) == []
    assert texts(layout).count("Not stated in the report") == 2  # the cards and the chart
