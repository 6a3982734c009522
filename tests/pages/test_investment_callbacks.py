"""Investment page: levels/growth switch, the contradiction on the chart, missing data."""

from __future__ import annotations

import dataclasses

from tests.pages.helpers import by_class, by_id, click, figure, texts


def _note(fig) -> str:
    return next(a.text for a in fig.layout.annotations if a.name == "note")


def test_default_layout(pages):
    page = pages["investment"]
    layout = page.layout()
    assert by_id(layout, page.CONTROL_ID)[0].value == "levels"
    fig = figure(layout, "investment", "fai")
    assert "⚠" in _note(fig) and "100亿元以上" in _note(fig).replace("<br>", "")
    assert any("亿元" in t for tr in fig.data for t in tr.text)
    for chart in ("energy", "other"):
        assert figure(layout, "investment", chart) is not None
    assert [getattr(c, "data-indicator") for c in by_class(layout, "kpi-card")] == [
        "fixed_asset_investment", "aid_funding"]


def test_update_callback_switches_to_growth(pages):
    page = pages["investment"]
    children, state = page.update("growth", "?lang=en")
    assert state == {"view": "growth"}
    fig = figure(children, "investment", "fai")
    texts_on_bars = [t for tr in fig.data for t in tr.text]
    assert "+19.5%" in texts_on_bars and "⚠ about +213%" in texts_on_bars
    assert fig.layout.xaxis.title.text == "(%)"
    _, state = page.update("nonsense", "")
    assert state == {"view": "levels"}


def test_url_restores_view_and_notes_bad_values(pages):
    page = pages["investment"]
    assert by_id(page.layout(view="growth"), page.CONTROL_ID)[0].value == "growth"
    bad = page.layout(view=["a", "b"])
    assert by_id(bad, page.CONTROL_ID)[0].value == "levels"
    assert by_class(bad, "url-notice")


def test_show_quote_callback(pages):
    panel = pages["investment"].show_quote(click("shawan-2024-5479"), "")
    assert "“确保今年完成固定资产投资100亿元以上”" in texts(panel)


def test_dataset_lacking_investment(pages, without, use_dataset):
    page = pages["investment"]
    use_dataset(page, without("fixed_asset_investment"))
    layout = page.layout()
    assert figure(layout, "investment", "fai") is None
    assert "报告中未提及" in texts(by_class(layout, "officials-card-fai")[0])
    assert figure(layout, "investment", "energy") is not None


def test_no_quality_findings_no_warning(pages, use_dataset):
    page = pages["investment"]
    data = page.get_dataset()
    use_dataset(page, dataclasses.replace(data, quality=data.quality.iloc[0:0]))
    fig = figure(page.layout(), "investment", "fai")
    assert not [a for a in fig.layout.annotations if a.name == "note"]
