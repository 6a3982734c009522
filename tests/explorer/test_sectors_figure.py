"""dashboard.figures.sectors: facts per sector and kind (of one report of the test bundles)."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures import sectors


def test_counts(report):
    facts = report.indicators
    table = sectors.counts(facts)
    assert int(table["n"].sum()) == len(facts)
    totals = table.groupby("sector", sort=False)["n"].sum()
    assert list(totals) == sorted(totals, reverse=True)
    assert set(totals.index) == set(facts["sector"])
    agriculture = table[table["sector"] == "agriculture"].set_index("kind")["n"]
    expected = facts[facts["sector"] == "agriculture"]["kind"].value_counts()
    assert set(expected.index) == {"actual", "target", "plan"}
    assert {k: int(v) for k, v in agriculture.items() if v} == expected.to_dict()


def test_figure(report):
    facts = report.indicators
    fig = sectors.sector_figure(facts, "zh", "各领域数据条数", "来源：报告")
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == ["实绩", "目标", "计划"]
    assert fig.layout.barmode == "stack"
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert {c[0] for c in bar.customdata} <= set(facts["sector"])
    assert fig.layout.title.text == "各领域数据条数"
    assert [a.text for a in fig.layout.annotations if a.name == "source"] == ["来源：报告"]
    assert sum(sum(t.x) for t in fig.data) == len(facts)


def test_figure_of_a_subset_and_of_nothing(report):
    facts = report.indicators
    plans = facts[facts["kind"] == "plan"]
    fig = sectors.sector_figure(plans, "en", "Facts per sector", "Source: x")
    assert [t.name for t in fig.data] == ["Plan"]
    assert sum(sum(t.x) for t in fig.data) == len(plans)
    empty = sectors.sector_figure(facts.head(0), "en", "Facts per sector", "Source: x",
                                  "No facts match")
    assert len(empty.data) == 0
    assert "No facts match" in [a.text for a in empty.layout.annotations]
    assert "Source: x" in [a.text for a in empty.layout.annotations]
