"""Overview page: layout from the URL, the group filter callback, quotes, missing data, and
the app starting on a data folder lacking an indicator."""

from __future__ import annotations

import json
import shutil
import sys

import dash
import pandas as pd

from dashboard.app_factory import create_app
from dashboard.components.url_sync import store_id
from tests.app_settings import app_settings
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
    without,
)

# 鹿鸣县's main-target list (the same indicators in both of its reports).
HEADLINE = ["gdp", "budget_revenue", "fixed_asset_investment", "retail_sales", "urban_new_jobs",
            "surveyed_unemployment", "disposable_income"]


def _area_links(layout) -> list[str]:
    return [link.href for link in by_class(layout, "overview-area-link")]


def test_default_layout(pages, counties):
    page = pages["overview"]
    assert page.headline_ids(counties.scoped("luming-2025"), "all") == HEADLINE
    layout = page.layout()
    assert "2025年政府工作报告主要指标" in texts(layout)
    assert kpis(layout) == HEADLINE
    assert by_id(layout, "overview-targets-link")[0].href == "/targets?report=luming-2025&lang=zh"
    assert by_id(layout, store_id("overview"))[0].data == {"group": "all"}
    fig = figure(layout, "overview", "growth")
    assert title(fig) == "2024年增速与2025年目标"
    assert report_ids(counties, fact_ids(fig)) == {"luming-2025"}
    assert charts(layout) == ["growth", "trend-levels", "trend-growth"]
    assert not by_class(layout, "url-notice")


def test_links_keep_the_selected_report(pages):
    page = pages["overview"]
    layout = page.layout(lang="en", report="luming-2024")
    assert by_id(layout, "overview-targets-link")[0].href == "/targets?report=luming-2024&lang=en"
    assert _area_links(layout) == [f"/{name}?report=luming-2024&lang=en"
                                   for name in ("economy", "investment", "agriculture",
                                                "tourism")]
    assert "Progress towards each 2024 target is on the target panel." in texts(layout)


def test_url_restores_the_group_and_ignores_nonsense(pages, counties):
    page = pages["overview"]
    layout = page.layout(lang="en", group="agriculture")
    assert kpis(layout) == ["grain_area", "grain_output", "high_standard_farmland",
                            "mechanization_rate", "livestock_slaughter", "livestock_stock"]
    assert by_id(layout, page.CONTROL_ID)[0].value == "agriculture"
    # The 2025 report gives two farming growth rates (grain −1.8%, livestock +5.8%).
    assert fact_ids(figure(layout, "overview", "growth")) == {
        fact(counties, "luming-2025", ind, "actual", "growth_pct").fact_id
        for ind in ("grain_output", "livestock_slaughter")}
    earlier = page.layout(lang="en", group="agriculture", report="luming-2024")
    assert figure(earlier, "overview", "growth") is None  # no growth rates for farming
    assert "Not stated in the report" in texts(earlier)
    bad = page.layout(lang="en", group="<script>")
    assert by_id(bad, page.CONTROL_ID)[0].value == "all"
    assert by_class(bad, "url-notice")[0].children.endswith("group")


def test_update_callback(pages):
    page = pages["overview"]
    children, state = page.update("tourism", "?lang=en")
    assert state == {"group": "tourism"}
    # No headline target in tourism: the area's figures, in the order the report states them.
    assert kpis(children) == ["tourism_events", "tourist_arrivals", "tourism_revenue"]
    fig = figure(children, "overview", "growth")
    assert {tr.name for tr in fig.data} == {"2024 actual"}
    children, _ = page.update("tourism", "?lang=en&report=luming-2024")
    assert {tr.name for tr in figure(children, "overview", "growth").data} == {"2023 actual"}
    children, _ = page.update("tourism", "?report=qingshi-2025")  # 青石县: no tourism
    assert kpis(children) == [] and charts(children) == []
    assert "报告中未提及" in texts(children)
    _, state = page.update("bogus", None)
    assert state == {"group": "all"}


def test_show_quote_callback(pages, counties):
    page = pages["overview"]
    gdp = fact(counties, "luming-2025", "gdp")
    panel = page.show_quote(click(gdp.fact_id), "?lang=en")
    assert "Gross regional product" in texts(panel)
    assert f"“{gdp.quote}”" in texts(panel)
    assert "点击图中的柱或点，查看原文出处。" in texts(page.show_quote(None, ""))


def test_report_lacking_gdp_figures(serve, counties):
    # The GDP target is still set; the 2024 figures are gone.
    page = serve(without(counties, "gdp", kinds=["actual"]))["overview"]
    layout = page.layout()
    gdp = [c for c in by_class(layout, "kpi-card") if getattr(c, "data-indicator") == "gdp"][0]
    assert "地区生产总值" in texts(gdp) and "报告中未提及" in texts(gdp)
    assert "6.5%左右" in " ".join(texts(gdp))  # the target is still shown
    fig = figure(layout, "overview", "growth")
    (missing,) = [tr for tr in fig.data if tr.meta and tr.meta.get("missing")]
    assert list(missing.y) == ["地区生产总值"] and list(missing.text) == ["2024年未提及"]
    children, _ = page.update("economy", "")
    assert "报告中未提及" in texts(children)


def test_report_lacking_gdp(serve, counties):
    page = serve(without(counties, "gdp"))["overview"]
    layout = page.layout()
    assert kpis(layout) == HEADLINE[1:]  # no GDP target: not a headline figure any more
    fig = figure(layout, "overview", "growth")
    assert "地区生产总值" not in [y for tr in fig.data for y in tr.y]


def _strings(tree) -> list[str]:
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, dict):
        return [s for value in tree.values() for s in _strings(value)]
    if isinstance(tree, list):
        return [s for value in tree for s in _strings(value)]
    return []


def test_app_starts_on_a_data_folder_lacking_an_indicator(counties_dir, tmp_path):
    for path in counties_dir.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    facts = pd.read_csv(tmp_path / "indicators.csv", dtype=str, keep_default_na=False)
    kept = facts[facts.indicator_id != "gdp"]
    kept.to_csv(tmp_path / "indicators.csv", index=False)
    groups = pd.read_csv(tmp_path / "target_groups.csv", dtype=str, keep_default_na=False)
    groups[groups.fact_id.isin(set(kept.fact_id))].to_csv(tmp_path / "target_groups.csv",
                                                         index=False)
    app = create_app(app_settings(data_dir=tmp_path))
    client = app.server.test_client()
    registry = {p["name"]: p for p in dash.page_registry.values()}
    for name in ("overview", "economy", "investment", "agriculture", "tourism"):
        assert client.get(registry[name]["path"]).status_code == 200
        # The first layout, rendered for the page the browser is opening.
        response = client.get("/_dash-layout", headers={
            "Referer": f"http://localhost{registry[name]['path']}?report=luming-2024"})
        assert response.status_code == 200
        assert "当前报告：2024年鹿鸣县政府工作报告" in _strings(json.loads(response.data))
    with app.server.test_request_context("/"):
        modules = {name: sys.modules[registry[name]["module"]] for name in registry}
        for name in ("overview", "economy", "investment", "agriculture", "tourism"):
            assert modules[name].layout(lang="en") is not None
        economy = modules["economy"].layout()
        assert "报告中未提及" in texts(by_class(economy, "officials-card-gdp")[0])
        assert "gdp" not in kpis(modules["overview"].layout())
