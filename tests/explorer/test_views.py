"""dashboard.explorer.views: the reader's marked text is components, never HTML."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.explorer import views
from dashboard.labels import KIND_COLORS, MARK_KINDS
from tests.explorer.conftest import FIXTURES, REPORT
from tests.explorer.helpers import fact_id, props, text_of, walk

REPORTS = ("luming-2024", "luming-2025", "qingshi-2025")


def marks(node: Any) -> list[html.Mark]:
    return [c for c in walk(node) if isinstance(c, html.Mark) and "data-fact-id" in props(c)]


def test_hostile_text_stays_text(hostile_dataset):
    assert list(hostile_dataset.reports["report_id"]) == ["hostile-2024"]
    article, _ = views.report_article(hostile_dataset, "hostile-2024", "zh")
    text = hostile_dataset.report_text("hostile-2024")
    shown = text_of(article)
    assert "<script>window.__pwned = true; alert(1)</script>" in shown
    assert '<img src=x onerror="window.__pwned=true">' in shown
    assert "<b>粗体</b>" in shown
    assert '=HYPERLINK("http://example.invalid")' in shown
    for node in walk(article):
        assert not isinstance(node, dcc.Markdown | html.Script | html.Iframe | html.Img | html.B)
        if isinstance(node, Component):
            assert not any("dangerously" in key for key in props(node)), node
    # Exactly the body: every character of the body is shown, nothing of the furniture.
    layout = hostile_dataset.layout("hostile-2024")
    original = (FIXTURES / "hostile" / "hostile-2024.txt").read_text(encoding="utf-8")
    for furniture in ("用户登录", "立即注册", "索引号"):
        assert furniture in original and furniture not in shown
    assert shown.replace("\n", "") == "".join(
        text[layout.body_start:layout.body_end].split("\n"))
    assert len(marks(article)) == len(hostile_dataset.indicators) > 0


@pytest.mark.parametrize("report_id", REPORTS)
def test_every_fact_is_marked_once(dataset, report_id):
    article, hits = views.report_article(dataset, report_id, "en")
    assert hits == 0
    assert props(article)["data-report-id"] == report_id
    found = marks(article)
    ids = [props(m)["data-fact-id"] for m in found]
    facts = dataset.all_facts[dataset.all_facts.report_id == report_id]
    assert sorted(ids) == sorted(facts["fact_id"])  # that report's facts, no other's
    by_id = facts.set_index("fact_id")
    for mark in found:
        p = props(mark)
        fact = by_id.loc[p["data-fact-id"]]
        assert text_of(mark) == dataset.report_text(report_id)[fact["start"]:fact["end"]]
        kind = "unclassified" if fact["indicator_id"] == "unclassified" else fact["kind"]
        assert p["className"] == f"fact-mark kind-{kind}"
        assert str(fact["period"]) in p["title"]
        link = mark.children
        assert isinstance(link, dcc.Link)
        assert parse_qs(urlsplit(link.href).query)["fact"] == [p["data-fact-id"]]
        assert link.href.startswith("/data?") and "lang=en" in link.href


def test_mark_titles(dataset):
    article, _ = views.report_article(dataset, REPORT, "en")
    found = {props(m)["data-fact-id"]: m for m in marks(article)}
    facts = dataset.all_facts
    gdp = found[fact_id(facts, REPORT, "gdp")]
    assert props(gdp)["title"] == "Gross regional product: 6.842 billion yuan (2023 · Result)"
    fall = found[fact_id(facts, REPORT, "fixed_asset_investment", value_kind="growth_pct")]
    assert text_of(fall) == "4.3"  # 同比下降4.3%: the number as written, the fall in the title
    assert props(fall)["title"] == "Fixed-asset investment: −4.3% (2023 · Result)"
    zh, _ = views.report_article(dataset, REPORT, "zh")
    gdp_zh = next(m for m in marks(zh) if props(m)["data-fact-id"] == props(gdp)["data-fact-id"])
    assert props(gdp_zh)["title"] == "地区生产总值：68.42亿元（2023 · 实绩）"


def test_search_highlights_inside_and_outside_marks(dataset):
    article, hits = views.report_article(dataset, REPORT, "zh", "68.42亿元")
    assert hits == 1
    highlighted = [c for c in walk(article)
                   if isinstance(c, html.Mark) and props(c).get("className") == "search-hit"]
    assert "".join(text_of(h) for h in highlighted) == "68.42亿元"
    # The number is inside the fact's mark, the unit outside it.
    gdp = next(m for m in marks(article)
               if props(m)["data-fact-id"] == fact_id(dataset.all_facts, REPORT, "gdp"))
    assert [text_of(h) for h in walk(gdp) if isinstance(h, html.Mark)
            and props(h).get("className") == "search-hit"] == ["68.42"]
    _, none = views.report_article(dataset, REPORT, "zh", "不存在的词语")
    assert none == 0
    # Only the chosen report is searched: 青石县 is named in its own report only.
    assert views.report_article(dataset, REPORT, "zh", "青石")[1] == 0
    assert views.report_article(dataset, "qingshi-2025", "zh", "青石")[1] > 0


def test_paragraphs_have_anchors_for_the_table_of_contents(dataset):
    article, _ = views.report_article(dataset, REPORT, "zh")
    ids = {props(c).get("id") for c in walk(article) if isinstance(c, Component)}
    toc = views.report_toc(dataset, REPORT)
    targets = [li.children.href.lstrip("#") for li in toc]
    assert targets and set(targets) <= ids
    assert all(target.startswith(f"{REPORT}-p") for target in targets)
    assert [li.children.children for li in toc][:2] == ["一、2023年工作回顾",
                                                        "(一)农业农村基础持续夯实"]


def test_context_panel(report):
    facts = report.indicators
    fact = facts.set_index("fact_id", drop=False).loc[
        fact_id(facts, REPORT, "gdp", value_kind="growth_pct")]
    panel = views.context_panel(report, fact, "zh")
    mark = next(c for c in walk(panel) if isinstance(c, html.Mark))
    assert text_of(mark) == "5.8"
    assert props(mark)["data-fact-id"] == fact["fact_id"]
    assert "同比增长" in text_of(panel)
    assert "2024年鹿鸣县政府工作报告" in text_of(panel)
    link = next(c for c in walk(panel) if isinstance(c, dcc.Link))
    assert link.href == f"/report?fact={fact['fact_id']}&lang=zh"
    assert "选择" in text_of(views.context_panel(report, None, "zh"))


def test_context_panel_of_another_reports_fact_reads_that_report(dataset):
    facts = dataset.all_facts
    fact = facts.set_index("fact_id", drop=False).loc[fact_id(facts, "qingshi-2025", "gdp")]
    panel = views.context_panel(dataset.scoped(REPORT), fact, "en")
    assert text_of(next(c for c in walk(panel) if isinstance(c, html.Mark))) == "112.6"
    assert "Qingshi County 2025 Government Work Report" in text_of(panel)


def test_legend_lists_every_kind():
    legend = views.legend("en")
    labels = [text_of(c) for c in walk(legend) if isinstance(c, html.Span)
              and "legend-item" in str(props(c).get("className"))]
    assert labels == ["Result", "Target", "Plan", "Unclassified"]
    assert set(KIND_COLORS) == set(MARK_KINDS)


def test_citation(dataset):
    one = dataset.reports[dataset.reports.report_id == REPORT]
    assert views.citation(one, "zh") == "来源：2024年鹿鸣县政府工作报告（2024-01-20）"
    assert views.citation(one, "en") == (
        "Source: Luming County 2024 Government Work Report (2024-01-20)")
    both = dataset.reports[dataset.reports.report_id.isin([REPORT, "qingshi-2025"])]
    assert views.citation(both, "zh") == ("来源：2024年鹿鸣县政府工作报告（2024-01-20）；"
                                          "2025年青石县政府工作报告（2025-01-16）")
    # A printed title lacking the place (the seed's 2024年政府工作报告) is prefixed with it.
    bare = one.assign(title="2024年政府工作报告")
    assert views.citation(bare, "zh") == "来源：鹿鸣县2024年政府工作报告（2024-01-20）"
