"""dashboard.figures.bars: the shared "bars of facts with provenance" builder."""

from __future__ import annotations

import pytest

from dashboard.facts import select
from dashboard.figures import bars, common, fact_labels
from dashboard.figures.provenance import fact_id_from_click
from dashboard.theme import PALETTE
from tests.figures.helpers import annotation, assert_provenance, fact_traces, plain

GROWTH = ["gdp", "budget_revenue", "retail_sales"]


def test_dedupe_restated_keeps_first_mention_and_caller_order(facts):
    farmland = select(facts, indicators=["high_standard_farmland", "cotton_base"])
    kept = bars.dedupe_restated(farmland.iloc[::-1])
    assert len(kept) == 3  # 2023 actual, one 2024 plan each (restated once in the report)
    assert list(kept.index) == [i for i in farmland.index[::-1] if i in set(kept.index)]
    plans = kept[kept.kind == "plan"]
    assert set(plans.fact_id) == {"shawan-2024-3861", "shawan-2024-3870"}


def test_categories_are_unique_and_say_what_differs(facts):
    pv = select(facts, indicators=["photovoltaic_capacity"])
    assert bars.categories(pv, "zh") == ["2023年实际", "2024年计划\u00a0(1)", "2024年计划\u00a0(2)"]
    two = select(facts, indicators=["photovoltaic_capacity", "grain_area"])
    labels = bars.categories(two, "en")
    assert len(set(labels)) == len(labels)
    assert "Photovoltaic capacity · 2023 actual" in labels
    assert "Grain area sown" in labels
    grouped = bars.categories(select(facts, indicators=["livestock_slaughter"]), "zh", True)
    assert grouped == ["牲畜出栏", "牲畜出栏"]


def test_fact_bars_zh(facts, reports):
    rows = select(facts, indicators=["gdp", "grain_area", "aid_funding"])
    fig = bars.fact_bars(rows, reports, "zh", "测试图")
    assert_provenance(fig, rows, reports, "测试图")
    traces = fact_traces(fig)
    # one subplot per unit: 亿元 (gdp level, aid funds), % (growth), 万亩 (grain area)
    assert {tr.meta["unit"] for tr in traces} == {"亿元", "%", "万亩"}
    assert {fig.layout[k].title.text for k in fig.layout if k.startswith("xaxis")} == {
        "（亿元）", "（%）", "（万亩）"}
    texts = [t for tr in traces for t in tr.text]
    assert "259.03亿元" in texts and "+4.6%" in texts and "+8%左右" in texts
    assert "4419万元" in texts  # stated in 万元, plotted on the 亿元 axis
    aid = next(tr for tr in traces if "shawan-2024-1928" in [c[0] for c in tr.customdata])
    assert 0.4419 in aid.x
    colors = {tr.name: tr.marker.color for tr in traces}
    assert colors["2023年实际"] == PALETTE[0] and colors["2024年目标"] == PALETTE[1]
    assert [tr.name for tr in traces if tr.showlegend] == ["2023年实际", "2024年目标"]
    assert fig.layout.height > 300 and fig.layout.margin.autoexpand is False


def test_fact_bars_en_and_click(facts, reports):
    rows = select(facts, indicators=GROWTH, value_kinds=["growth_pct"])
    fig = bars.fact_bars(rows, reports, "en", "Growth", grouped=True, mark_missing=True)
    assert_provenance(fig, rows, reports, "Growth", "en")
    assert fig.layout.barmode == "group"
    target = next(tr for tr in fact_traces(fig) if tr.name == "2024 target")
    assert "about +8%" in target.text
    missing = [tr for tr in fig.data if (tr.meta or {}).get("missing")]
    assert len(missing) == 1 and missing[0].text == ("2023: not stated",)
    assert missing[0].y == ("Retail sales of<br>consumer goods",)
    assert "Source" in annotation(fig, "source").text
    point = {"points": [{"customdata": list(target.customdata[0])}]}
    assert fact_id_from_click(point) == target.customdata[0][0]


def test_grouping_only_when_it_helps(facts, reports):
    rows = select(facts, indicators=["grain_area", "orchard_area"])
    fig = bars.fact_bars(rows, reports, "zh", "x", grouped=True)
    assert fig.layout.barmode == "relative"  # one bar per category: no half-empty groups


def test_warnings_notes_and_derived_rows(facts, reports):
    rows = select(facts, indicators=["fixed_asset_investment"], value_kinds=["level"]).copy()
    rows["derived"] = [False, True]
    rows["series"] = [None, "推算"]
    fig = bars.fact_bars(rows, reports, "zh", "x", warn_ids={"shawan-2024-5479"},
                         notes=["⚠ 两个目标矛盾"])
    derived = next(tr for tr in fig.data if tr.name == "推算")
    assert derived.marker.pattern.shape == ("/",)
    assert derived.text[0].startswith("⚠ ")
    assert derived.marker.line.color == (common.WARNING_COLOR,)
    assert plain(annotation(fig, "note").text) == "⚠ 两个目标矛盾"


def test_empty_input_is_refused(facts, reports):
    with pytest.raises(ValueError):
        bars.fact_bars(facts.iloc[0:0], reports, "zh", "x")


def test_indicator_names_fall_back_to_the_lexicon(dataset):
    without = dataset.indicators[dataset.indicators.indicator_id != "gdp"]
    names = fact_labels.indicator_names(without, dataset.lexicon, ["gdp", "grain_area", "nope"],
                                        "en")
    assert names == {"gdp": "Gross regional product", "grain_area": "Grain area sown",
                     "nope": "nope"}
