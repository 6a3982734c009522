"""Overview page: layout from the URL, the group filter callback, quotes, missing data."""

from __future__ import annotations

import shutil
import sys

import dash
import pandas as pd

from dashboard.app_factory import create_app
from dashboard.components.url_sync import store_id
from dashboard.pipeline.build import DATA_DIR
from tests.pages.helpers import by_class, by_id, click, figure, texts


def _kpis(component) -> list[str]:
    return [getattr(card, "data-indicator") for card in by_class(component, "kpi-card")]


def test_default_layout(pages):
    page = pages["overview"]
    layout = page.layout()
    assert "2024年政府工作报告主要指标" in texts(layout)
    assert _kpis(layout) == list(page.HEADLINE)
    assert by_id(layout, "overview-targets-link")[0].href == "/targets?lang=zh"
    assert by_id(layout, store_id("overview"))[0].data == {"group": "all"}
    fig = figure(layout, "overview", "growth")
    assert fig.layout.title.text == "2023年增速与2024年目标"
    assert not by_class(layout, "url-notice")


def test_url_restores_the_group_and_ignores_nonsense(pages):
    page = pages["overview"]
    layout = page.layout(lang="en", group="agriculture")
    assert _kpis(layout) == ["grain_output", "grain_area", "livestock_slaughter"]
    assert by_id(layout, page.CONTROL_ID)[0].value == "agriculture"
    assert figure(layout, "overview", "growth") is None  # no growth rates for farming
    assert "Not stated in the report" in texts(layout)
    bad = page.layout(lang="en", group="<script>")
    assert by_id(bad, page.CONTROL_ID)[0].value == "all"
    assert by_class(bad, "url-notice")[0].children.endswith("group")


def test_update_callback(pages):
    page = pages["overview"]
    children, state = page.update("tourism", "?lang=en")
    assert state == {"group": "tourism"}
    assert _kpis(children) == ["tourist_arrivals", "tourism_revenue"]
    fig = figure(children, "overview", "growth")
    assert {tr.name for tr in fig.data} == {"2023 actual"}
    _, state = page.update("bogus", None)
    assert state == {"group": "all"}


def test_show_quote_callback(pages):
    page = pages["overview"]
    panel = page.show_quote(click("shawan-2024-639"), "?lang=en")
    assert "Gross regional product" in texts(panel)
    assert "点击图中的柱或点，查看原文出处。" in texts(page.show_quote(None, ""))


def test_dataset_lacking_gdp(pages, without, use_dataset):
    page = pages["overview"]
    use_dataset(page, without("gdp"))
    layout = page.layout()
    gdp = [c for c in by_class(layout, "kpi-card") if getattr(c, "data-indicator") == "gdp"][0]
    assert "地区生产总值" in texts(gdp) and "报告中未提及" in texts(gdp)
    fig = figure(layout, "overview", "growth")
    assert "地区生产总值" not in [y for tr in fig.data for y in tr.y]
    children, _ = page.update("economy", "")
    assert "报告中未提及" in texts(children)


def test_app_starts_on_a_data_folder_lacking_an_indicator(tmp_path):
    for path in DATA_DIR.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    facts = pd.read_csv(tmp_path / "indicators.csv", dtype=str, keep_default_na=False)
    facts[facts.indicator_id != "gdp"].to_csv(tmp_path / "indicators.csv", index=False)
    client = create_app(data_dir=tmp_path).server.test_client()
    registry = {p["name"]: p for p in dash.page_registry.values()}
    try:
        for name in ("overview", "economy", "investment", "agriculture", "tourism"):
            assert client.get(registry[name]["path"]).status_code == 200
            layout = sys.modules[registry[name]["module"]].layout(lang="en")
            if name in ("overview", "economy"):
                assert "Not stated in the report" in " ".join(texts(layout))
        modules = {name: sys.modules[registry[name]["module"]] for name in registry}
        gdp_card = by_class(modules["economy"].layout(), "officials-card-gdp")[0]
        assert "报告中未提及" in texts(gdp_card)
    finally:
        create_app()  # leave the real data loaded for the tests that follow
