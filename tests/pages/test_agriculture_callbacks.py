"""Agriculture page: crops / livestock / land switch, quotes, missing data."""

from __future__ import annotations

import pytest

from tests.pages.helpers import by_class, by_id, click, figure, texts


@pytest.mark.parametrize("view", ["crops", "livestock", "land"])
def test_update_callback(pages, view):
    page = pages["agriculture"]
    children, state = page.update(view, "?lang=en")
    assert state == {"view": view}
    assert figure(children, "agriculture", view) is not None


def test_layout_and_url(pages):
    page = pages["agriculture"]
    layout = page.layout(view="land")
    assert by_id(layout, page.CONTROL_ID)[0].value == "land"
    assert figure(layout, "agriculture", "land") is not None
    assert len(by_class(layout, "kpi-card")) == 4
    bad = page.layout(view="sheep")
    assert by_id(bad, page.CONTROL_ID)[0].value == "crops"
    assert by_class(bad, "url-notice")


def test_show_quote_callback(pages):
    panel = pages["agriculture"].show_quote(click("shawan-2024-4225"), "?lang=en")
    assert "“力争年内牲畜最高饲养量达到115万头只”" in texts(panel)


def test_dataset_lacking_livestock(pages, without, use_dataset):
    page = pages["agriculture"]
    use_dataset(page, without("livestock_stock"))
    children, _ = page.update("livestock", "")
    assert figure(children, "agriculture", "livestock") is not None
    assert "报告中未提及：牲畜饲养量" in texts(children)  # name from the lexicon
    use_dataset(page, without("livestock_stock", "livestock_slaughter"))
    children, _ = page.update("livestock", "?lang=en")
    assert figure(children, "agriculture", "livestock") is None
    assert "Not stated in the report" in texts(children)
    layout = page.layout()
    card = [c for c in by_class(layout, "kpi-card")
            if getattr(c, "data-indicator") == "livestock_slaughter"][0]
    assert "报告中未提及" in texts(card)
