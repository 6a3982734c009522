"""The /targets page: layout from the URL, filter and URL callbacks called as plain
functions, the gauges (an app holding only this page; the others are built by other people)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import dash
import plotly.graph_objects as go
import pytest
from dash import dcc, html

from dashboard.app_factory import create_app
from dashboard.data import get_dataset
from dashboard.figures.gauges import gauge_figure, source_text
from dashboard.progress.targets import target_table

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pages_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("targets_pages")
    (folder / "targets.py").symlink_to(ROOT / "dashboard" / "pages" / "targets.py")
    return folder


@pytest.fixture
def page(pages_folder) -> ModuleType:
    create_app(pages_folder=pages_folder)
    (entry,) = dash.page_registry.values()
    assert (entry["path"], entry["name"], entry["order"]) == ("/targets", "targets", 50)
    return sys.modules[entry["module"]]


def walk(component):
    """Every component of a layout, in document order."""
    if isinstance(component, list | tuple):
        for child in component:
            yield from walk(child)
        return
    if component is None or isinstance(component, str | int | float):
        return
    yield component
    for prop in ("children", "label"):
        yield from walk(getattr(component, prop, None))
    for option in getattr(component, "options", None) or []:
        if isinstance(option, dict):
            yield from walk(option.get("label"))


def gauges(tree) -> list[str]:
    """Target ids of the gauges shown, in page order."""
    return [n.id["index"] for n in walk(tree) if isinstance(getattr(n, "id", None), dict)
            and n.id.get("type") == "targets-gauge"]


def groups(tree) -> list[str]:
    return [getattr(n, "data-group") for n in walk(tree)
            if isinstance(n, html.Section) and "target-group" in (n.className or "")]


def find(tree, component_id):
    return next(n for n in walk(tree) if getattr(n, "id", None) == component_id)


def text(tree) -> str:
    parts = []
    for node in walk(tree):
        children = getattr(node, "children", None)
        items = children if isinstance(children, list) else [children]
        parts += [c for c in items if isinstance(c, str)]
    return " ".join(parts)


def test_layout_lists_every_target_grouped_by_sector(page):
    tree = page.layout(lang="zh")
    assert len(gauges(tree)) == 30 and len(set(gauges(tree))) == 30
    names = groups(tree)
    assert names[0] == "headline" and len(names) == len(set(names))
    assert gauges(tree)[:7] == [r.target_id for r in target_table(get_dataset(), 2024).rows
                                if r.headline]
    assert len([g for g in walk(tree) if isinstance(g, dcc.Graph)]) == 30
    assert "d-none" in find(tree, "targets-empty").className


def test_filter_callback_by_sector_and_status(page):
    rows = {r.target_id: r for r in target_table(get_dataset(), 2024).rows}
    cards, empty, count = page.filter_targets(["agriculture"], [], None, "?lang=en")
    assert {rows[i].sector for i in gauges(cards)} == {"agriculture"}
    assert len(gauges(cards)) == 4 and groups(cards) == ["agriculture"]
    assert empty == "d-none" and count == "Showing 4 of 30"
    cards, _, count = page.filter_targets(["agriculture", "economy"], ["no_actual"], 2024,
                                          "?lang=zh")
    assert groups(cards) == ["headline", "agriculture"] and count == "显示 6 / 30 项"
    cards, empty, count = page.filter_targets([], ["achieved"], None, "")
    assert cards == [] and empty == "" and count == "显示 0 / 30 项"


def test_filter_callback_with_untrusted_input(page):
    cards, _, _ = page.filter_targets("economy", [1, None], {"x": 1}, ["?lang=en"])
    assert len(gauges(cards)) == 30  # a non-list filter is no filter
    cards, _, _ = page.filter_targets(["<script>"], None, -1, None)
    assert cards == []


def test_url_state_callback(page):
    state = page.sync_state(["fiscal", "<script>"], ["behind", 3], "shawan-2024-3604", None)
    assert state == {"sector": ["fiscal"], "status": ["behind"], "target": "shawan-2024-3604",
                     "year": ""}
    assert page.sync_state(None, None, None, 2024)["year"] == 2024


def test_layout_decodes_the_url_and_ignores_invalid_values(page):
    tree = page.layout(lang="en", sector="fiscal,nowhere", status="behind", target="nope",
                       year="1999")
    notice = text(find(tree, "targets-url-notice"))
    assert all(name in notice for name in ("sector", "target", "year"))
    assert "status" not in notice
    store = find(tree, {"type": "url-state", "page": "targets"})
    assert store.data == {"sector": ["fiscal"], "status": ["behind"], "target": "",
                          "year": ""}
    assert find(tree, "targets-sector").value == ["fiscal"]
    assert find(tree, "targets-quote-modal").is_open is False
    # Nothing matches "behind" (no actual yet): the empty message shows.
    assert find(tree, "targets-empty").className == ""


def test_layout_opens_the_quotes_of_the_target_in_the_url(page):
    tree = page.layout(lang="zh", target="shawan-2024-5479")
    assert find(tree, "targets-quote-modal").is_open is True
    body = text(find(tree, "targets-quote-body"))
    assert "确保今年完成固定资产投资100亿元以上" in body
    assert "固定资产投资增长213%左右" in body  # the contradiction, with both quotes
    assert "固定资产投资20.89亿元,同比增长19.5%" in body  # baseline sentence
    assert page.quotes_for("shawan-2024-r3691", 2024, "en") is not None
    assert page.quotes_for("../../etc", 2024, "en") is None


def test_nothing_is_rendered_as_html(page):
    tree = page.layout(lang="zh")
    assert not [n for n in walk(tree) if isinstance(n, dcc.Markdown)]
    assert not [n for n in walk(tree) if getattr(n, "dangerously_allow_html", False)]
    assert all(isinstance(n, html.Div | html.Span | html.P | html.Section | html.Button
                          | html.Blockquote | html.H1 | html.H2 | html.H3 | html.H4
                          | html.Strong | html.Label | html.Ul | html.Li | html.Nav
                          | html.Figure | html.Figcaption
                          | dcc.Graph | dcc.Dropdown | dcc.Checklist | dcc.Store)
               or type(n).__module__.startswith("dash_bootstrap_components")
               for n in walk(tree))


def test_gauges(page):
    dataset = get_dataset()
    rows = {r.target_id: r for r in target_table(dataset, 2024).rows}
    gdp = gauge_figure(rows["shawan-2024-3604"], dataset.reports, "zh")
    (trace,) = gdp.data
    assert isinstance(trace, go.Indicator) and trace.gauge.shape == "angular"
    assert trace.gauge.threshold.value == 8.0  # the target
    assert trace.gauge.steps[0].range[1] == 4.6  # up to the 2023 baseline
    assert tuple(trace.gauge.steps[1].range) == pytest.approx((7.6, 8.4))  # 左右 band
    assert trace.mode == "gauge"  # no actual yet: no number
    assert "地区生产总值增速" in gdp.layout.title.text
    assert "沙湾市2024年政府工作报告" in source_text(rows["shawan-2024-3604"], dataset.reports,
                                                     "zh")
    assert [a.text for a in gdp.layout.annotations if a.name == "no-actual"] == ["暂无实际值"]
    plan = gauge_figure(rows["shawan-2024-9254"], dataset.reports, "en")
    assert plan.data[0].gauge.shape == "bullet"
    assert plan.data[0].gauge.threshold.value == pytest.approx(3200)  # 3200万元 as written
    assert "Source" in plan.layout.annotations[0].text
