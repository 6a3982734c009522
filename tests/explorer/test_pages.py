"""/data and /report: layouts from URL queries, and callbacks called as plain functions, on
an app serving the three reports of the test bundles (default: the latest work report,
luming-2025)."""

from __future__ import annotations

import base64
import io
from urllib.parse import parse_qsl, urlsplit

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
import pytest
from dash import dcc, html
from openpyxl import load_workbook

from dashboard.components.url_sync import store_id
from dashboard.data import latest_work_report
from tests.explorer.conftest import REPORT
from tests.explorer.helpers import fact_id, find, props, text_of, walk

DEFAULT = "luming-2025"


@pytest.fixture(scope="module")
def gdp(counties):
    """(level, growth) of 2023 in the 鹿鸣县 2024 report: 68.42亿元, 5.8%."""
    facts = counties.all_facts
    return fact_id(facts, REPORT, "gdp"), fact_id(facts, REPORT, "gdp", value_kind="growth_pct")


def n_facts(dataset, report_id):
    return int((dataset.all_facts.report_id == report_id).sum())


def test_the_default_report_is_the_latest_work_report(counties):
    assert latest_work_report(counties) == DEFAULT  # delivered after qingshi-2025


# -- /data ----------------------------------------------------------------------------------

def test_data_layout_from_url(pages, counties, gdp):
    level, growth = gdp
    layout = pages["data"].layout(lang="en", report=REPORT, sectors="economy,fiscal",
                                  kinds="actual", q="5.8", fact=growth)
    rows = find(layout, "data-grid").rowData
    assert [r["fact_id"] for r in rows] == [level, growth]
    assert find(layout, "data-grid").selectedRows == {"ids": [growth]}
    assert find(layout, "data-sectors").value == ["economy", "fiscal"]
    assert find(layout, "data-q").value == "5.8"
    assert find(layout, "data-count").children == f"2 of {n_facts(counties, REPORT)} facts"
    assert "5.8" in text_of(find(layout, "data-context"))
    assert not isinstance(find(layout, "data-notice"), dbc.Alert)
    assert find(layout, "data-report").data == REPORT
    assert "Luming County 2024 Government Work Report" in text_of(find(layout, "page-report"))
    store = find(layout, store_id("data"))
    assert store.data["sectors"] == ["economy", "fiscal"] and store.data["fact"] == growth


@pytest.mark.parametrize("report_id", ["luming-2024", "luming-2025", "qingshi-2025"])
def test_data_layout_shows_the_chosen_reports_facts_only(pages, counties, report_id):
    layout = pages["data"].layout(lang="en", report=report_id)
    rows = find(layout, "data-grid").rowData
    expected = counties.all_facts[counties.all_facts.report_id == report_id]
    assert sorted(r["fact_id"] for r in rows) == sorted(expected["fact_id"])
    assert find(layout, "data-count").children == f"{len(expected)} of {len(expected)} facts"
    assert find(layout, "data-report").data == report_id
    periods = [o["value"] for o in find(layout, "data-periods").options]
    assert periods == sorted({int(p) for p in expected["period"]})
    sectors = [o["value"] for o in find(layout, "data-sectors").options]
    assert set(sectors) == set(expected["sector"])
    # The chart counts this report's facts, and its source line names this report only.
    chart = next(c for c in walk(layout) if isinstance(c, dcc.Graph))
    assert sum(sum(t.x) for t in chart.figure.data) == len(expected)
    title = counties.report(report_id)["title_en"]
    sources = [a.text for a in chart.figure.layout.annotations if a.name == "source"]
    assert len(sources) == 1 and title in sources[0] and sources[0].count("(") == 1
    assert chart.config["toImageButtonOptions"]["filename"] == (
        f"{report_id}-facts-per-sector")


def test_data_layout_defaults_to_the_latest_work_report(pages, counties):
    layout = pages["data"].layout()
    assert find(layout, "data-report").data == DEFAULT
    assert len(find(layout, "data-grid").rowData) == n_facts(counties, DEFAULT)
    assert not isinstance(find(layout, "data-notice"), dbc.Alert)


def test_data_layout_with_an_unknown_report_shows_the_default_with_a_notice(pages, counties):
    layout = pages["data"].layout(lang="en", report="nowhere-1999")
    notice = find(layout, "data-notice")
    assert isinstance(notice, dbc.Alert) and "report" in text_of(notice)
    assert find(layout, "data-report").data == DEFAULT
    assert len(find(layout, "data-grid").rowData) == n_facts(counties, DEFAULT)


def test_data_layout_ignores_invalid_values_with_a_notice(pages):
    layout = pages["data"].layout(lang="zh", sectors="economy,<script>", periods="1900",
                                  fact="nope")
    notice = find(layout, "data-notice")
    assert isinstance(notice, dbc.Alert)
    assert "sectors" in text_of(notice) and "periods" in text_of(notice)
    assert "fact" in text_of(notice) and "report" not in text_of(notice)
    assert find(layout, "data-sectors").value == ["economy"]
    assert find(layout, "data-grid").selectedRows == []


def test_data_layout_refuses_a_fact_of_another_report(pages, counties, gdp):
    layout = pages["data"].layout(lang="en", report="qingshi-2025", fact=gdp[0])
    notice = find(layout, "data-notice")
    assert isinstance(notice, dbc.Alert) and "fact" in text_of(notice)
    assert find(layout, "data-grid").selectedRows == []
    assert find(layout, "data-report").data == "qingshi-2025"


def test_data_layout_uses_local_grid(pages, counties):
    layout = pages["data"].layout()
    grid = find(layout, "data-grid")
    assert isinstance(grid, dag.AgGrid)
    assert grid.getRowId == "params.data.fact_id"
    assert len(grid.rowData) == n_facts(counties, DEFAULT)
    # Theming API: the theme's CSS is generated by the grid's own (locally served) bundle.
    assert "themeQuartz" in grid.dashGridOptions["theme"]["function"]


def test_filter_callback(pages, counties):
    rows = pages["data"].filter_rows(["agriculture"], [2023], None, None, "", "?lang=en",
                                     REPORT)
    assert rows and {r["sector"] for r in rows} == {"Agriculture"}
    assert {r["period"] for r in rows} == {2023}
    assert {r["fact_id"].rsplit("-", 1)[0] for r in rows} == {REPORT}
    # Values a client could forge are checked again.
    assert len(pages["data"].filter_rows(["<x>"], ["x"], None, None, None, None, REPORT)) == (
        n_facts(counties, REPORT))
    # A period of another report is not this report's: no filter, rather than no rows.
    assert len(pages["data"].filter_rows(None, [2025], None, None, None, None, REPORT)) == (
        n_facts(counties, REPORT))


@pytest.mark.parametrize(("report", "shown"), [
    ("qingshi-2025", "qingshi-2025"), (None, DEFAULT), ("bogus", DEFAULT)])
def test_filter_callback_reads_the_pages_report(pages, counties, report, shown):
    rows = pages["data"].filter_rows(None, None, None, None, "", None, report)
    assert sorted(r["fact_id"] for r in rows) == sorted(
        counties.all_facts.loc[counties.all_facts.report_id == shown, "fact_id"])


def test_grid_drives_count_and_chart(pages, counties, gdp):
    rows = [{"fact_id": i} for i in gdp]
    count, fig = pages["data"].follow_grid(rows, "?lang=zh", REPORT)
    assert count == f"显示 2 / {n_facts(counties, REPORT)} 条数据"
    assert sum(sum(t.x) for t in fig.data) == 2
    # Rows of another report (a forged or stale grid) are not this report's facts.
    count, fig = pages["data"].follow_grid(rows, "?lang=en", "qingshi-2025")
    assert count == f"0 of {n_facts(counties, 'qingshi-2025')} facts"
    assert sum(sum(t.x) for t in fig.data) == 0
    assert pages["data"].follow_grid(None, None, REPORT) == (pages["data"].no_update,) * 2


def test_chart_click_filters_by_sector(pages):
    click = {"points": [{"customdata": ["agriculture"]}]}
    assert pages["data"].click_sector(click, [], REPORT) == ["agriculture"]
    assert pages["data"].click_sector(click, ["agriculture"], REPORT) == []  # clears
    assert pages["data"].click_sector({"points": [{"customdata": ["nope"]}]}, [], REPORT) is (
        pages["data"].no_update)
    assert pages["data"].click_sector(None, [], REPORT) is pages["data"].no_update
    # A sector only another report has is no sector of this one.
    energy = {"points": [{"customdata": ["energy"]}]}
    assert pages["data"].click_sector(energy, [], REPORT) is pages["data"].no_update
    assert pages["data"].click_sector(energy, [], "qingshi-2025") == ["energy"]


def test_selection_shows_context_and_goes_to_url(pages, gdp):
    level, _ = gdp
    panel = pages["data"].show_context([{"fact_id": level}], "?lang=en", REPORT)
    assert "68.42" in text_of(panel)
    link = next(c for c in walk(panel) if isinstance(c, dcc.Link))
    assert link.href == f"/report?fact={level}&lang=en"
    # A fact of another report is not shown in this one's context panel.
    other = pages["data"].show_context([{"fact_id": level}], "?lang=en", "qingshi-2025")
    assert "68.42" not in text_of(other) and not any(isinstance(c, dcc.Link)
                                                    for c in walk(other))
    state = pages["data"].sync_url(["economy"], [2023], ["actual"], [], "增长",
                                   [{"fact_id": level}], REPORT)
    assert state == {"sectors": ["economy"], "periods": ["2023"], "kinds": ["actual"],
                     "indicators": [], "q": "增长", "fact": level}
    assert pages["data"].sync_url(None, None, None, None, None, [{"fact_id": "x"}],
                                  REPORT)["fact"] == ""
    assert pages["data"].sync_url(None, None, None, None, None, [{"fact_id": level}],
                                  "qingshi-2025")["fact"] == ""


def test_the_context_link_opens_the_reader_at_the_fact(pages, gdp):
    """Data explorer -> reader: the link of the context panel opens the report stating the
    fact, even when it is not the default report."""
    panel = pages["data"].show_context([{"fact_id": gdp[0]}], "?lang=en", REPORT)
    href = next(c for c in walk(panel) if isinstance(c, dcc.Link)).href
    url = urlsplit(href)
    assert url.path == "/report"
    reader = pages["report"].layout(**dict(parse_qsl(url.query)))
    assert find(reader, "report-target").data["report"] == REPORT
    assert find(reader, "report-target").data["fact"] == gdp[0]
    assert not isinstance(find(reader, "report-notice"), dbc.Alert)


def test_a_reader_mark_opens_the_data_explorer_at_the_fact(pages, gdp):
    """Reader -> data explorer: a marked figure of the (non-default) 2024 report links to the
    data explorer showing that report with the figure selected."""
    reader = pages["report"].layout(lang="en", report=REPORT)
    mark = next(c for c in walk(find(reader, "report-body"))
                if isinstance(c, html.Mark) and props(c).get("data-fact-id") == gdp[0])
    url = urlsplit(mark.children.href)
    assert url.path == "/data"
    explorer = pages["data"].layout(**dict(parse_qsl(url.query)))
    assert find(explorer, "data-report").data == REPORT
    assert find(explorer, "data-grid").selectedRows == {"ids": [gdp[0]]}
    assert not isinstance(find(explorer, "data-notice"), dbc.Alert)


def _decode(download: dict) -> bytes:
    assert download["base64"] is True
    return base64.b64decode(download["content"])


def _csv(download: dict) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(_decode(download)), encoding="utf-8-sig")


def test_downloads_follow_the_grid(pages, counties, gdp):
    level, growth = gdp
    rows = [{"fact_id": growth}, {"fact_id": level}]
    csv_download = pages["data"].download_csv(1, REPORT, rows, None, None, None, None, "")
    assert csv_download["filename"] == f"{REPORT}-facts.csv"
    frame = _csv(csv_download)
    assert list(frame["fact_id"]) == [growth, level]  # grid order
    assert "quote" in frame and "report_title" in frame
    assert set(frame["report_title"]) == {"2024年鹿鸣县政府工作报告"}
    # Without grid rows yet, the page filters decide.
    csv_download = pages["data"].download_csv(1, REPORT, None, ["fiscal"], None, None, None, "")
    frame = _csv(csv_download)
    assert set(frame["sector"]) == {"fiscal"} and set(frame["report_id"]) == {REPORT}
    xlsx = pages["data"].download_xlsx(1, REPORT, rows, None, None, None, None, "")
    assert xlsx["filename"] == f"{REPORT}-facts.xlsx"
    book = load_workbook(io.BytesIO(_decode(xlsx)))
    assert book["facts"].max_row == 3
    cells = [v for row in book["columns"].iter_rows(values_only=True) for v in row]
    assert counties.report(REPORT)["sha256"] in cells


@pytest.mark.parametrize(("report", "shown"), [
    ("luming-2024", "luming-2024"), ("qingshi-2025", "qingshi-2025"), (None, DEFAULT),
    ("nowhere-1999", DEFAULT)])
def test_downloads_hold_the_selected_reports_facts_only(pages, counties, report, shown):
    facts = counties.all_facts
    expected = facts[facts.report_id == shown]
    csv_download = pages["data"].download_csv(1, report, None, None, None, None, None, "")
    assert csv_download["filename"] == f"{shown}-facts.csv"
    frame = _csv(csv_download)
    assert sorted(frame["fact_id"]) == sorted(expected["fact_id"])
    assert set(frame["report_id"]) == {shown}
    xlsx = pages["data"].download_xlsx(1, report, None, None, None, None, None, "")
    assert xlsx["filename"] == f"{shown}-facts.xlsx"
    book = load_workbook(io.BytesIO(_decode(xlsx)))
    header = [c.value for c in book["facts"][1]]
    ids = [row[header.index("fact_id")] for row in book["facts"].iter_rows(min_row=2,
                                                                          values_only=True)]
    assert sorted(ids) == sorted(expected["fact_id"])
    # The sources sheet names the selected report, and no other.
    cells = [v for row in book["columns"].iter_rows(values_only=True) for v in row]
    for other in counties.reports.itertuples():
        assert (other.sha256 in cells) == (other.report_id == shown)
        assert (other.title in cells) == (other.report_id == shown)


def test_downloads_drop_grid_rows_of_another_report(pages, counties, gdp):
    """Rows a client sends that are not the selected report's are left out of the file."""
    other = fact_id(counties.all_facts, "qingshi-2025", "gdp")
    rows = [{"fact_id": other}, {"fact_id": gdp[0]}]
    frame = _csv(pages["data"].download_csv(1, REPORT, rows, None, None, None, None, ""))
    assert list(frame["fact_id"]) == [gdp[0]]
    book = load_workbook(io.BytesIO(_decode(
        pages["data"].download_xlsx(1, "qingshi-2025", rows, None, None, None, None, ""))))
    assert [c.value for c in book["facts"]["A"]][1:] == ["qingshi-2025"]


# -- /report --------------------------------------------------------------------------------

def test_report_layout(pages, counties, gdp):
    layout = pages["report"].layout(lang="zh", fact=gdp[0])
    assert find(layout, "report-target").data == {"fact": gdp[0], "q": "", "report": REPORT,
                                                  "scroll": "fact"}
    assert find(layout, "report-count").children == f"共标出 {n_facts(counties, REPORT)} 个数字"
    marked = [c for c in walk(find(layout, "report-body"))
              if isinstance(c, html.Mark) and "data-fact-id" in props(c)]
    assert len(marked) == n_facts(counties, REPORT)
    assert not isinstance(find(layout, "report-notice"), dbc.Alert)
    assert "2024年鹿鸣县政府工作报告" in text_of(find(layout, "page-report"))
    assert find(layout, store_id("report")).data == {"fact": gdp[0], "q": ""}
    # Without a search, the marked text is built once per report and language, not per request.
    again = pages["report"].layout(lang="zh", report=REPORT)
    assert find(again, "report-body").children[0] is find(layout, "report-body").children[0]
    english = pages["report"].layout(lang="en", report=REPORT)
    assert find(english, "report-body").children[0] is not find(layout,
                                                                "report-body").children[0]
    other = pages["report"].layout(lang="zh")
    assert find(other, "report-body").children[0] is not find(layout, "report-body").children[0]


@pytest.mark.parametrize("report_id", ["luming-2024", "luming-2025", "qingshi-2025"])
def test_report_layout_shows_the_chosen_report(pages, counties, report_id):
    layout = pages["report"].layout(lang="en", report=report_id)
    article = find(layout, "report-body").children[0]
    assert props(article)["data-report-id"] == report_id
    marked = {props(c)["data-fact-id"] for c in walk(article)
              if isinstance(c, html.Mark) and "data-fact-id" in props(c)}
    facts = counties.all_facts
    assert marked == set(facts.loc[facts.report_id == report_id, "fact_id"])
    assert find(layout, "report-count").children == (
        f"{n_facts(counties, report_id)} figures marked")
    assert find(layout, "report-target").data["report"] == report_id
    assert counties.report(report_id)["title_en"] in text_of(find(layout, "page-report"))
    toc = [a.href for a in walk(find(layout, "report-toc")) if isinstance(a, html.A)]
    assert toc and all(h.startswith(f"#{report_id}-p") for h in toc)


def test_report_layout_defaults_to_the_latest_work_report(pages, counties):
    layout = pages["report"].layout()
    assert find(layout, "report-target").data["report"] == DEFAULT
    assert find(layout, "report-count").children == f"共标出 {n_facts(counties, DEFAULT)} 个数字"
    assert not isinstance(find(layout, "report-notice"), dbc.Alert)


def test_report_layout_with_an_unknown_report_shows_the_default_with_a_notice(pages):
    layout = pages["report"].layout(lang="en", report="<nowhere>")
    notice = find(layout, "report-notice")
    assert isinstance(notice, dbc.Alert) and "report" in text_of(notice)
    assert find(layout, "report-target").data["report"] == DEFAULT


@pytest.mark.parametrize("report_id", ["luming-2024", "qingshi-2025"])
def test_report_fact_opens_the_report_stating_it(pages, counties, report_id):
    fact = fact_id(counties.all_facts, report_id, "gdp")
    layout = pages["report"].layout(lang="en", fact=fact)
    assert find(layout, "report-target").data == {"fact": fact, "q": "", "report": report_id,
                                                  "scroll": "fact"}
    article = find(layout, "report-body").children[0]
    assert props(article)["data-report-id"] == report_id
    assert fact in {props(c).get("data-fact-id") for c in walk(article)
                    if isinstance(c, html.Mark)}
    assert not isinstance(find(layout, "report-notice"), dbc.Alert)


def test_report_named_wins_over_the_facts_report(pages, gdp):
    """?report= names the report; a fact not in it is ignored, with a notice."""
    layout = pages["report"].layout(lang="en", report="qingshi-2025", fact=gdp[0])
    target = find(layout, "report-target").data
    assert target["report"] == "qingshi-2025" and target["fact"] is None
    notice = find(layout, "report-notice")
    assert isinstance(notice, dbc.Alert) and text_of(notice).endswith(": fact")


def test_report_layout_with_search_and_invalid_values(pages):
    layout = pages["report"].layout(lang="en", report=REPORT, q="万亩", fact="<script>")
    assert find(layout, "report-count").children.endswith("matches")
    assert int(find(layout, "report-count").children.split()[0]) > 0
    notice = find(layout, "report-notice")
    assert isinstance(notice, dbc.Alert) and "fact" in text_of(notice)
    assert find(layout, "report-target").data["fact"] is None
    assert find(layout, "report-target").data["report"] == REPORT


def test_report_search_callback(pages, counties, gdp):
    body, count, target, state = pages["report"].search_text(
        "增长", {"fact": gdp[0], "report": REPORT}, "?lang=en")
    assert count.endswith("matches") and int(count.split()[0]) > 5
    assert target == {"fact": gdp[0], "q": "增长", "report": REPORT, "scroll": "hit"}
    assert state == {"fact": gdp[0], "q": "增长"}
    assert props(body[0])["data-report-id"] == REPORT
    hits = [c for c in walk(body) if isinstance(c, html.Mark)
            and props(c).get("className") == "search-hit"]
    assert len(hits) >= int(count.split()[0])
    text = counties.report_text(REPORT)
    assert int(count.split()[0]) == text.count("增长")
    _, count, target, state = pages["report"].search_text("", {"fact": "bogus"}, None)
    assert count == f"共标出 {n_facts(counties, DEFAULT)} 个数字"
    assert target["fact"] is None and target["report"] == DEFAULT
    assert state == {"fact": "", "q": ""}


def test_report_search_stays_in_the_report_shown(pages, counties, gdp):
    """The search reads the report the page shows (its target store), not the default; a
    fact of another report is dropped."""
    body, count, target, _ = pages["report"].search_text(
        "青石", {"fact": gdp[0], "report": "qingshi-2025"}, "?lang=en")
    assert props(body[0])["data-report-id"] == "qingshi-2025"
    assert int(count.split()[0]) == counties.report_text("qingshi-2025").count("青石") > 0
    assert target["report"] == "qingshi-2025" and target["fact"] is None
