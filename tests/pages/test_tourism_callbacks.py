"""Tourism page: measure switch, KPI cards from the tourism and consumption sectors."""

from __future__ import annotations

import pytest

from tests.pages.helpers import by_class, by_id, click, figure, texts


@pytest.mark.parametrize("measure", ["growth", "events", "plans"])
def test_update_callback(pages, measure):
    page = pages["tourism"]
    children, state = page.update(measure, "?lang=en")
    assert state == {"measure": measure}
    assert figure(children, "tourism", measure) is not None


def test_layout_and_url(pages):
    page = pages["tourism"]
    layout = page.layout(lang="en", measure="plans")
    assert by_id(layout, page.CONTROL_ID)[0].value == "plans"
    cards = [getattr(c, "data-indicator") for c in by_class(layout, "kpi-card")]
    assert {"tourist_arrivals", "tourism_revenue", "tourism_events", "hotels_new"} <= set(cards)
    bad = page.layout(measure="")
    assert by_id(bad, page.CONTROL_ID)[0].value == "growth"


def test_show_quote_callback(pages):
    panel = pages["tourism"].show_quote(click("shawan-2024-5624"), "")
    assert "“在市区新建2家以上四星级酒店”" in texts(panel)


def test_dataset_without_tourism(pages, without, use_dataset):
    page = pages["tourism"]
    use_dataset(page, without("tourist_arrivals", "tourism_revenue", "tourism_events"))
    layout = page.layout()
    assert figure(layout, "tourism", "growth") is None
    assert "报告中未提及" in texts(by_class(layout, "officials-card-growth")[0])
    children, _ = page.update("plans", "")
    assert figure(children, "tourism", "plans") is not None
