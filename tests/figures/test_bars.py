"""dashboard.figures.bars: the shared "bars of facts with provenance" builder."""

from __future__ import annotations

import pytest

from dashboard.facts import select
from dashboard.figures import bars, common, fact_labels
from dashboard.figures.provenance import fact_id_from_click
from dashboard.theme import PALETTE
from tests.figures.helpers import annotation, assert_provenance, fact, fact_traces, plain, restated

GROWTH = ["gdp", "budget_revenue", "retail_sales"]


def test_dedupe_restated_keeps_first_mention_and_caller_order(luming_2024):
    facts = luming_2024.indicators
    plan = fact(facts, "high_standard_farmland", "plan", "level")  # 新建高标准农田3万亩
    facts = restated(facts, plan)  # the report says it again further down
    farmland = select(facts, indicators=["high_standard_farmland", "grain_area"])
    assert len(farmland) == 5
    kept = bars.dedupe_restated(farmland.iloc[::-1])
    assert len(kept) == 4  # 2023 actual and 2024 target or plan of each, the plan once
    assert list(kept.index) == [i for i in farmland.index[::-1] if i in set(kept.index)]
    assert set(kept[kept.kind == "plan"].fact_id) == {plan.fact_id}  # the first statement
    # the same figure with another value is not a restatement
    facts.loc[facts.fact_id == f"{plan.fact_id}-again", "value_std"] = 3.5
    assert len(bars.dedupe_restated(select(facts, indicators=["high_standard_farmland"]))) == 3


def test_categories_are_unique_and_say_what_differs(luming_2025, qingshi_2025):
    # 新建中小学1所、幼儿园2所: two 2025 plans of one indicator, numbered
    schools = select(luming_2025.indicators, indicators=["schools_built"])
    assert bars.categories(schools, "zh") == ["2024年实际", "2025年计划\u00a0(1)",
                                              "2025年计划\u00a0(2)"]
    two = select(qingshi_2025.indicators, indicators=["photovoltaic_capacity",
                                                      "heating_network"])
    labels = bars.categories(two, "en")
    assert len(set(labels)) == len(labels)
    assert labels == ["Photovoltaic capacity · 2024 actual", "Heating network repaired",
                      "Photovoltaic capacity · 2025 plan"]
    livestock = select(luming_2025.indicators, indicators=["livestock_slaughter"],
                       value_kinds=["level"])
    assert bars.categories(livestock, "zh", True) == ["牲畜出栏", "牲畜出栏"]


def test_fact_bars_zh(luming_2025, reports):
    facts = luming_2025.indicators
    rows = select(facts, indicators=["gdp", "grain_area", "budget_revenue"])
    fig = bars.fact_bars(rows, reports, "zh", "测试图")
    assert_provenance(fig, rows, reports, "测试图")
    traces = fact_traces(fig)
    # one subplot per unit: 亿元 (gdp, budget revenue), % (growth), 万亩 (grain area)
    assert {tr.meta["unit"] for tr in traces} == {"亿元", "%", "万亩"}
    assert {fig.layout[k].title.text for k in fig.layout if k.startswith("xaxis")} == {
        "（亿元）", "（%）", "（万亩）"}
    texts = [t for tr in traces for t in tr.text]
    assert {"73.15亿元", "+6.4%", "+6.5%左右", "31万亩以上"} <= set(texts)
    assert "40190万元" in texts  # stated in 万元, plotted on the 亿元 axis
    revenue = fact(facts, "budget_revenue", "actual", "level")
    drawn = next(tr for tr in traces if revenue.fact_id in [c[0] for c in tr.customdata])
    assert drawn.x[[c[0] for c in drawn.customdata].index(revenue.fact_id)] == 4.019
    colors = {tr.name: tr.marker.color for tr in traces}
    assert colors["2024年实际"] == PALETTE[0] and colors["2025年目标"] == PALETTE[1]
    assert [tr.name for tr in traces if tr.showlegend] == ["2024年实际", "2025年目标"]
    assert fig.layout.height > 300 and fig.layout.margin.autoexpand is False


def test_facts_of_two_reports_cite_both(counties, reports):
    rows = select(counties.indicators, indicators=["gdp"], value_kinds=["level"])
    assert set(rows.report_id) == set(reports.report_id)
    fig = bars.fact_bars(rows, reports, "zh", "地区生产总值")
    assert_provenance(fig, rows, reports, "地区生产总值")
    source = plain(annotation(fig, "source").text)
    assert "2024年鹿鸣县政府工作报告" in source and "2025年青石县政府工作报告" in source


def test_fact_bars_en_and_click(luming_2024, reports):
    facts = luming_2024.indicators
    retail = fact(facts, "retail_sales", "actual", "growth_pct")
    rows = select(facts[facts.fact_id != retail.fact_id], indicators=GROWTH,
                  value_kinds=["growth_pct"])
    fig = bars.fact_bars(rows, reports, "en", "Growth", grouped=True, mark_missing=True)
    assert_provenance(fig, rows, reports, "Growth", "en")
    assert fig.layout.barmode == "group"
    target = next(tr for tr in fact_traces(fig) if tr.name == "2024 target")
    assert list(target.text) == ["about +7%", "at least +6%", "about +8%"]
    missing = [tr for tr in fig.data if (tr.meta or {}).get("missing")]
    assert len(missing) == 1 and missing[0].text == ("2023: not stated",)
    assert missing[0].y == ("Retail sales of<br>consumer goods",)
    assert "Source" in annotation(fig, "source").text
    point = {"points": [{"customdata": list(target.customdata[0])}]}
    assert fact_id_from_click(point) == target.customdata[0][0]
    assert target.customdata[0][0] == fact(facts, "gdp", "target", "growth_pct").fact_id


def test_grouping_only_when_it_helps(qingshi_2025, reports):
    rows = select(qingshi_2025.indicators, indicators=["high_tech_enterprises",
                                                       "above_scale_enterprises"],
                  kinds=["actual"])
    fig = bars.fact_bars(rows, reports, "zh", "x", grouped=True)
    assert fig.layout.barmode == "relative"  # one bar per category: no half-empty groups
    both = select(qingshi_2025.indicators, indicators=["above_scale_enterprises"])
    assert bars.fact_bars(both, reports, "zh", "x", grouped=True).layout.barmode == "group"


def test_warnings_notes_and_derived_rows(luming_2024, reports):
    rows = select(luming_2024.indicators, indicators=["fixed_asset_investment"],
                  value_kinds=["level"]).copy()
    assert list(rows.kind) == ["actual", "target"]  # 24.6亿元; 达到28亿元以上
    target = rows[rows.kind == "target"].fact_id.iloc[0]
    rows["derived"] = [False, True]
    rows["series"] = [None, "推算"]
    fig = bars.fact_bars(rows, reports, "zh", "x", warn_ids={target}, notes=["⚠ 两个目标矛盾"])
    derived = next(tr for tr in fig.data if tr.name == "推算")
    assert derived.marker.pattern.shape == ("/",)
    assert derived.text[0] == "⚠ 28亿元以上"
    assert derived.marker.line.color == (common.WARNING_COLOR,)
    actual = next(tr for tr in fig.data if tr.name == "2023年实际")
    assert actual.marker.pattern.shape == ("",) and actual.text == ("24.6亿元",)
    assert plain(annotation(fig, "note").text) == "⚠ 两个目标矛盾"


def test_empty_input_is_refused(luming_2024, reports):
    with pytest.raises(ValueError):
        bars.fact_bars(luming_2024.indicators.iloc[0:0], reports, "zh", "x")


def test_indicator_names_fall_back_to_the_lexicon(luming_2024):
    # 青石县 states wind capacity; 鹿鸣县 does not, but the lexicon still names it
    names = fact_labels.indicator_names(luming_2024.indicators, luming_2024.lexicon,
                                        ["gdp", "wind_capacity", "nope"], "en")
    assert names == {"gdp": "Gross regional product",
                     "wind_capacity": luming_2024.lexicon["wind_capacity"].en, "nope": "nope"}
    assert "wind_capacity" not in set(luming_2024.indicators.indicator_id)
    zh = fact_labels.indicator_names(luming_2024.indicators, luming_2024.lexicon,
                                     ["wind_capacity"], "zh")
    assert zh == {"wind_capacity": luming_2024.lexicon["wind_capacity"].zh}
