"""dashboard.explorer.views: the reader's marked text is components, never HTML."""

from __future__ import annotations

from typing import Any

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.explorer import views
from dashboard.labels import KIND_COLORS, MARK_KINDS
from dashboard.pipeline.structure import read_layout
from tests.explorer.helpers import props, text_of, walk


def marks(node: Any) -> list[html.Mark]:
    return [c for c in walk(node) if isinstance(c, html.Mark) and "data-fact-id" in props(c)]


def test_hostile_text_stays_text(hostile_dataset):
    article, _ = views.report_article(hostile_dataset, "hostile-2024", "zh")
    text = hostile_dataset.report_text("hostile-2024")
    shown = text_of(article)
    assert "<script>window.__pwned = true; alert(1)</script>" in shown
    assert '<img src=x onerror="window.__pwned=true">' in shown
    assert "<b>粗体</b>" in shown
    for node in walk(article):
        assert not isinstance(node, dcc.Markdown | html.Script | html.Iframe | html.Img | html.B)
        if isinstance(node, Component):
            assert not any("dangerously" in key for key in props(node)), node
    # Exactly the body: every character of the body is shown, nothing of the furniture.
    layout = read_layout(text)
    assert "用户登录" not in shown and "索引号" not in shown
    assert shown.replace("\n", "") == "".join(
        text[layout.body_start:layout.body_end].split("\n"))


def test_every_fact_is_marked_once(dataset):
    article, hits = views.report_article(dataset, "shawan-2024", "en")
    assert hits == 0
    found = marks(article)
    ids = [props(m)["data-fact-id"] for m in found]
    assert sorted(ids) == sorted(dataset.indicators["fact_id"])
    by_id = dataset.indicators.set_index("fact_id")
    for mark in found:
        p = props(mark)
        fact = by_id.loc[p["data-fact-id"]]
        assert text_of(mark) == dataset.report_text("shawan-2024")[fact["start"]:fact["end"]]
        kind = "unclassified" if fact["indicator_id"] == "unclassified" else fact["kind"]
        assert p["className"] == f"fact-mark kind-{kind}"
        assert str(fact["period"]) in p["title"]
        link = mark.children
        assert isinstance(link, dcc.Link)
        assert link.href == f"/data?fact={p['data-fact-id']}&lang=en"
    gdp = next(m for m in found if props(m)["data-fact-id"] == "shawan-2024-639")
    assert props(gdp)["title"] == "Gross regional product: 259.03亿元 (2023 · Result)"


def test_search_highlights_inside_and_outside_marks(dataset):
    article, hits = views.report_article(dataset, "shawan-2024", "zh", "259.03亿元")
    assert hits == 1
    highlighted = [c for c in walk(article)
                   if isinstance(c, html.Mark) and props(c).get("className") == "search-hit"]
    assert "".join(text_of(h) for h in highlighted) == "259.03亿元"
    _, none = views.report_article(dataset, "shawan-2024", "zh", "不存在的词语")
    assert none == 0


def test_paragraphs_have_anchors_for_the_table_of_contents(dataset):
    article, _ = views.report_article(dataset, "shawan-2024", "zh")
    ids = {props(c).get("id") for c in walk(article) if isinstance(c, Component)}
    toc = views.report_toc(dataset, "shawan-2024")
    targets = [li.children.href.lstrip("#") for li in toc]
    assert targets and set(targets) <= ids


def test_context_panel(dataset):
    fact = dataset.indicators.set_index("fact_id", drop=False).loc["shawan-2024-652"]
    panel = views.context_panel(dataset, fact, "zh")
    mark = next(c for c in walk(panel) if isinstance(c, html.Mark))
    assert text_of(mark) == "4.6"
    assert props(mark)["data-fact-id"] == "shawan-2024-652"
    assert "同比增长" in text_of(panel)
    link = next(c for c in walk(panel) if isinstance(c, dcc.Link))
    assert link.href == "/report?fact=shawan-2024-652&lang=zh"
    assert "选择" in text_of(views.context_panel(dataset, None, "zh"))


def test_legend_lists_every_kind():
    legend = views.legend("en")
    labels = [text_of(c) for c in walk(legend) if isinstance(c, html.Span)
              and "legend-item" in str(props(c).get("className"))]
    assert labels == ["Result", "Target", "Plan", "Unclassified"]
    assert set(KIND_COLORS) == set(MARK_KINDS)


def test_citation(dataset):
    assert views.citation(dataset.reports, "zh") == "来源：沙湾市2024年政府工作报告（2024-01-26）"
    assert views.citation(dataset.reports, "en") == (
        "Source: Shawan City 2024 Government Work Report (2024-01-26)")
