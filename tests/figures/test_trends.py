"""dashboard.figures.trends: indicators across years, from every report of one place.

``luming`` holds 鹿鸣县's two reports: the 2024 report states the 2023 actuals and the 2024
targets, the 2025 report the 2024 actuals and the 2025 targets. A trend of 2023-2025 needs
both; 青石县 (one report) has no trend of levels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.facts import report_title, source_text
from dashboard.figures import trends
from tests.figures.helpers import annotation, fact, plain

HEADLINE = ["gdp", "budget_revenue", "fixed_asset_investment", "retail_sales"]


def place(dataset, report_id: str = "luming-2024") -> pd.DataFrame:
    return trends.place_reports(dataset.reports, report_id)


def points(fig: go.Figure) -> list[tuple[go.Scatter, int, float, list]]:
    """(trace, year, value, customdata) of every point drawn."""
    return [(tr, x, y, list(cd)) for tr in fig.data
            for x, y, cd in zip(tr.x, tr.y, tr.customdata, strict=True)]


def test_place_reports(counties, luming):
    assert set(place(counties).report_id) == {"luming-2024", "luming-2025"}
    assert set(place(counties, "luming-2025").report_id) == {"luming-2024", "luming-2025"}
    assert list(place(counties, "qingshi-2025").report_id) == ["qingshi-2025"]
    assert set(place(luming).report_id) == {"luming-2024", "luming-2025"}
    nowhere = counties.reports.assign(place=None)  # a report naming no place stands alone
    assert list(trends.place_reports(nowhere, "luming-2025").report_id) == ["luming-2025"]


def test_trend_facts_take_each_year_from_the_report_that_states_it(luming):
    facts = luming.all_facts
    rows = trends.trend_facts(facts, place(luming), HEADLINE, "growth")
    keys = ["indicator_id", "period", "kind", "unit_std"]
    assert not rows.duplicated(keys).any()
    assert set(rows.value_kind) == {"growth_pct"} and set(rows.kind) == {"actual", "target"}
    by_year = {(r.kind, int(r.period)): r.report_id for r in rows.itertuples()}
    assert by_year == {("actual", 2023): "luming-2024", ("actual", 2024): "luming-2025",
                       ("target", 2024): "luming-2024", ("target", 2025): "luming-2025"}
    gdp = rows[rows.indicator_id == "gdp"].set_index(["kind", "period"]).value_std.to_dict()
    # 同比增长5.8% (2023), 增长6.4% (2024); targets 增长7%左右 (2024), 6.5%左右 (2025)
    assert gdp == {("actual", 2023): 5.8, ("actual", 2024): 6.4,
                   ("target", 2024): 7.0, ("target", 2025): 6.5}
    gdp_2024 = rows[(rows.indicator_id == "gdp") & (rows.period == 2024)]
    assert set(gdp_2024.fact_id) == {
        fact(luming.scoped("luming-2025").indicators, "gdp", "actual", "growth_pct").fact_id,
        fact(luming.scoped("luming-2024").indicators, "gdp", "target", "growth_pct").fact_id}
    assert list(rows.period) == sorted(rows.period)


def test_trend_facts_draw_nothing_for_two_values_of_one_year_in_one_report(luming):
    facts = luming.all_facts
    rows = trends.trend_facts(facts, place(luming), ["gdp", "disposable_income"], "levels")
    assert set(rows.value_kind) == {"level"}
    assert len(rows[rows.indicator_id == "gdp"]) == 2
    # Two objects read as one indicator (say a district's GDP beside the county's) give one
    # report two values of one year: which is "the" figure is not known, so no point for it
    # rather than a wrong one.
    gdp = facts[(facts.indicator_id == "gdp") & (facts.value_kind == "level")
                & (facts.kind == "actual")].iloc[0]
    other = gdp.copy()
    other["fact_id"], other["value_std"] = gdp["fact_id"] + "-part", gdp["value_std"] / 3
    doubled = pd.concat([facts, other.to_frame().T.astype(facts.dtypes.to_dict())])
    drawn = trends.trend_facts(doubled, place(luming), ["gdp"], "levels")
    assert not ((drawn.report_id == gdp["report_id"]) & (drawn.period == gdp["period"])).any()
    assert len(drawn) == 1


def test_the_latest_report_wins_a_year_two_reports_state(luming):
    """A figure stated again in a later report (say a revised 2023 GDP in the 2025 report)
    is drawn once, from the later report, whatever the row order."""
    facts = luming.all_facts
    old = fact(luming.scoped("luming-2024").indicators, "gdp", "actual", "level")
    revised = old.copy()
    revised["report_id"], revised["fact_id"] = "luming-2025", "luming-2025-revised"
    revised["value"] = revised["value_std"] = 68.9
    extra = pd.DataFrame([revised], index=[max(facts.index) + 1]).astype(facts.dtypes.to_dict())
    for both in (pd.concat([facts, extra]), pd.concat([extra, facts])):
        rows = trends.trend_facts(both, place(luming), ["gdp"], "levels")
        year = rows[rows.period == 2023]
        assert list(year.fact_id) == ["luming-2025-revised"] and list(year.value_std) == [68.9]


def test_trend_facts_of_other_places_are_left_out(counties):
    rows = trends.trend_facts(counties.all_facts, place(counties), HEADLINE, "levels")
    assert set(rows.report_id) == {"luming-2024", "luming-2025"}
    assert trends.trend_facts(counties.all_facts, place(counties), ["wind_capacity"],
                              "levels").empty  # only 青石县 states it


def test_one_year_is_no_trend(counties, luming):
    # 青石县 has one report: its GDP level is of 2024 alone
    qingshi = place(counties, "qingshi-2025")
    assert trends.trend_figure(counties.all_facts, qingshi, counties.lexicon, ["gdp"],
                               "levels", "zh") is None
    # the 2025 report alone states GDP levels of 2024 only
    one = luming.reports[luming.reports.report_id == "luming-2025"]
    assert trends.trend_figure(luming.all_facts, one, luming.lexicon, ["gdp"], "levels",
                               "en") is None
    # nothing stated at all
    assert trends.trend_figure(luming.all_facts, place(luming), luming.lexicon,
                               ["wind_capacity"], "levels", "zh") is None
    # both reports: 2023 and 2024
    assert trends.trend_figure(luming.all_facts, place(luming), luming.lexicon, ["gdp"],
                               "levels", "zh") is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("measure", ["levels", "growth"])
def test_points_carry_fact_quote_and_report(luming, lang, measure):
    reports = place(luming)
    fig = trends.trend_figure(luming.all_facts, reports, luming.lexicon, HEADLINE, measure, lang)
    assert fig is not None
    rows = trends.trend_facts(luming.all_facts, reports, HEADLINE, measure)
    by_id = luming.all_facts.set_index("fact_id")
    drawn = points(fig)
    assert sorted(cd[0] for _, _, _, cd in drawn) == sorted(rows.fact_id)
    for trace, year, value, cd in drawn:
        stated = by_id.loc[cd[0]]
        assert isinstance(trace, go.Scatter)
        assert year == int(stated["period"]) and value == stated["value_std"]
        assert plain(cd[1]) == stated["quote"]  # the sentence behind the point
        assert cd[4] == report_title(luming.reports, stated["report_id"], lang)
        assert trace.meta is None or trace.meta.get("missing") is None
    for trace in fig.data:
        assert "customdata[1]" in trace.hovertemplate and "customdata[4]" in trace.hovertemplate
    assert plain(annotation(fig, "source").text).replace(" ", "") == source_text(
        reports, rows, lang).replace(" ", "")
    # both reports are cited: every year but the first comes from the 2025 report
    assert {cd[4] for *_, cd in drawn} == {report_title(luming.reports, r, lang)
                                            for r in ("luming-2024", "luming-2025")}


def test_actuals_are_a_line_targets_open_diamonds(luming):
    fig = trends.trend_figure(luming.all_facts, place(luming), luming.lexicon, ["gdp"],
                              "growth", "zh")
    kinds = {tr.name: tr for tr in fig.data}
    assert set(kinds) == {"实际", "目标"}
    assert kinds["实际"].mode == "lines+markers" and list(kinds["实际"].x) == [2023, 2024]
    assert kinds["目标"].mode == "markers" and kinds["目标"].marker.symbol == "diamond-open"
    assert list(kinds["目标"].x) == [2024, 2025]
    assert list(fig.layout.xaxis.tickvals) == [2023, 2024, 2025]


def test_one_panel_per_indicator_named_and_in_its_unit(luming):
    fig = trends.trend_figure(luming.all_facts, place(luming), luming.lexicon, HEADLINE,
                              "growth", "en")
    titles = [a.text.replace("<br>", " ").replace("  ", " ")
              for a in fig.layout.annotations if a.name != "source"]
    # The unit is in the panel's title (an axis title would collide with wide tick labels).
    assert titles == [f"{luming.lexicon[i].en} (%)" for i in HEADLINE]
    assert not any(fig.layout[k].title.text for k in fig.layout if k.startswith("yaxis"))


@pytest.mark.parametrize(("lang", "measure", "title"), [
    ("zh", "levels", "鹿鸣县主要指标历年总量（2023—2024年）"),
    ("zh", "growth", "鹿鸣县主要指标历年增速（2023—2025年）"),
    ("en", "growth", "Luming County: headline indicators by year, growth (2023–2025)"),
])
def test_title_names_the_place_and_the_years(luming, lang, measure, title):
    fig = trends.trend_figure(luming.all_facts, place(luming), luming.lexicon, ["gdp"],
                              measure, lang)
    text = fig.layout.title.text
    assert (plain(text) if lang == "zh" else text.replace("<br>", " ")) == title


def test_the_legend_names_targets_drawn_in_any_panel(luming):
    """GDP has no level target, fixed-asset investment does (28亿元以上, 突破32亿元): the
    target diamonds of the second panel need their legend entry too."""
    fig = trends.trend_figure(luming.all_facts, place(luming), luming.lexicon,
                              ["gdp", "fixed_asset_investment"], "levels", "zh")
    assert [tr.name for tr in fig.data if tr.name == "目标"]  # targets are drawn
    assert {tr.name for tr in fig.data if tr.showlegend} == {"实际", "目标"}

