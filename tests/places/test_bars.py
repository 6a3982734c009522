"""The ranking and record charts (dashboard/places/bars.py): places in rank order, the
selected report's place marked in words as well as colour, every bar carrying its sentence,
and a place without the figure written "not stated", never drawn or read out as a zero."""

from __future__ import annotations

from dashboard.components.accessible_graph import data_summary
from dashboard.data import Dataset
from dashboard.places.bars import ranking_figure, record_figure
from dashboard.places.compare import compare_table
from dashboard.places.record import place_record


def _bars(fig) -> list:
    return [tr for tr in fig.data if not (tr.meta or {}).get("missing")]


def _missing(fig) -> list:
    return [tr for tr in fig.data if (tr.meta or {}).get("missing")]


def test_ranking_in_rank_order_with_the_home_place_named(counties: Dataset) -> None:
    row = compare_table(counties, 2024, "all").row("gdp", "growth_pct")
    fig = ranking_figure(row, 2024, "鹿鸣县", {"鹿鸣县": "鹿鸣县", "青石县": "青石县"},
                         counties.reports, "zh")
    (bars,) = _bars(fig)
    assert list(bars.y) == ["第1名 青石县", "第2名<br>鹿鸣县（当前）"]
    assert list(bars.x) == [7.2, 6.4] and list(bars.text) == ["+7.2%", "+6.4%"]
    quotes = {c.place: c.fact for c in row.cells}
    assert [c[0] for c in bars.customdata] == [quotes["青石县"]["fact_id"],
                                               quotes["鹿鸣县"]["fact_id"]]
    assert "6.4%" in bars.customdata[1][1]
    assert not _missing(fig)
    assert "2024年地区生产总值增速排名" in fig.layout.title.text.replace("<br>", "")


def test_a_place_without_the_figure_is_written_not_stated_never_zero(
        counties: Dataset) -> None:
    """Regression: the missing place was a bar of 0 in the ranked trace, so the chart's text
    alternative read "青石县 0" for a figure the report never states."""
    row = compare_table(counties, 2024, "all").row("grain_output", "level")
    fig = ranking_figure(row, 2024, None, {}, counties.reports, "zh")
    (bars,) = _bars(fig)
    assert list(bars.y) == ["第1名 鹿鸣县"] and list(bars.x) == [16.5]
    (missing,) = _missing(fig)
    assert list(missing.y) == ["青石县"] and list(missing.text) == ["未提及"]
    assert missing.hoverinfo == "skip"
    summary = data_summary(fig, "zh")
    assert "青石县：未提及" in summary and "青石县 0" not in summary
    assert "第1名 鹿鸣县 16.5" in summary


def test_record_chart_targets_beside_actuals(counties: Dataset) -> None:
    record = place_record(counties, "鹿鸣县")
    rows = [r for r in record.annual("main") if r.target.indicator_id == "gdp"]
    fig = record_figure(rows, counties.reports, "zh")
    target, actual = _bars(fig)
    # 2023: the actual the 2024 target was set against; 2024: 7% set, 6.4% got; 2025: set.
    assert list(target.y) == ["2024年", "2025年"] and list(target.text) == ["+7%左右", "+6.5%左右"]
    assert list(actual.y) == ["2023年", "2024年"] and list(actual.x) == [5.8, 6.4]
    assert fig.layout.title.text == "地区生产总值增速：历年目标与实际"  # one line on a phone
    source = fig.layout.annotations[0].text
    assert "2025年鹿鸣县政府工作报告" in source  # the place, cited
    # Regression: the separator wrapped onto a line of its own when the reports ran long.
    assert "·" not in [line.strip() for line in source.split("<br>")]
    (missing,) = _missing(fig)
    assert list(missing.y) == ["2025年"] and list(missing.text) == ["暂无实际值"]
    summary = data_summary(fig, "zh")
    assert "2025年：暂无实际值" in summary and "2025年 0" not in summary
