"""dashboard.figures.gauges: the target gauges of the targets page, for 鹿鸣县's 2024 targets
(set in its 2024 report, which states the 2023 baselines; the 2024 actuals come from its
2025 report)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.figures import gauges
from dashboard.progress.targets import TargetRow, target_table


@pytest.fixture(scope="module")
def rows(luming) -> dict[str, TargetRow]:
    """The 2024 targets, by indicator and kind of value (the first of each)."""
    table = target_table(luming.scoped("luming-2024"), 2024)
    found: dict[str, TargetRow] = {}
    for row in table.rows:
        found.setdefault(f"{row.indicator_id}:{row.value_kind}:{row.kind}", row)
    return found


def title(fig: go.Figure) -> str:
    return fig.layout.title.text.replace("<br>", "")


def test_the_baseline_mark_names_the_baselines_own_year(rows):
    """The year bug: a 2023 baseline of a 2024 target reads （2023年）, never the report's
    year 2024."""
    gdp = rows["gdp:growth_pct:target"]
    assert gdp.baseline is not None and gdp.baseline.period == 2023
    assert gauges.mark_text(gdp.baseline, gdp, "zh") == "+5.8%（2023年）"  # 同比增长5.8%
    assert gauges.mark_text(gdp.baseline, gdp, "en") == "+5.8% (2023)"
    with_baseline = [r for r in rows.values() if r.baseline is not None]
    # The 2024 report reviews every one of them but the income of all residents (the
    # comparison target 收入增长与经济增长同步): it states urban and rural income only.
    assert {key for key, r in rows.items() if r.baseline is None} == {
        "disposable_income:growth_pct:relative"}
    for row in with_baseline:
        assert row.baseline.period == 2023
        zh = gauges.mark_text(row.baseline, row, "zh")
        assert zh.endswith("（2023年）") and "2024" not in zh
        assert gauges.mark_text(row.baseline, row, "en").endswith(" (2023)")


def test_the_actual_mark_names_the_actuals_year(rows):
    gdp = rows["gdp:growth_pct:target"]
    assert gdp.actual is not None and gdp.actual.fact["report_id"] == "luming-2025"
    assert gauges.mark_text(gdp.actual, gdp, "zh") == "+6.4%（2024年）"
    assert gauges.mark_text(None, gdp, "zh") == "—"


def test_the_gauge_title_states_target_and_dated_baseline(rows, luming):
    for row in rows.values():
        if row.kind == "relative":
            continue  # its small line names the reference's 2024 growth instead
        for lang, year, wrong in (("zh", "（2023年）", "（2024年）"), ("en", "(2023)", "(2024)")):
            text = title(gauges.gauge_figure(row, luming.reports, lang))
            assert year in text and wrong not in text, text
    gdp = title(gauges.gauge_figure(rows["gdp:growth_pct:target"], luming.reports, "zh"))
    assert "目标 +7%左右 · 基期 +5.8%（2023年）" in gdp


def test_each_baseline_of_the_2025_targets_names_its_own_year(luming):
    table = target_table(luming.scoped("luming-2025"), 2025)
    dated = {row.indicator_id: row for row in table.rows if row.baseline is not None}
    assert len(dated) > 10
    for row in dated.values():
        zh = gauges.mark_text(row.baseline, row, "zh")
        assert zh.endswith(f"（{row.baseline.period}年）") and "2025" not in zh
    gdp = dated["gdp"]
    assert gauges.mark_text(gdp.baseline, gdp, "zh") == "+6.4%（2024年）"
    assert gdp.actual is None  # no 2026 report yet
    # 小升规: the 2025 report states no 2024 figure, so the baseline is 2023's 3家, and
    # says so (neither the report's year nor the year it reviews)
    firms = dated["above_scale_enterprises"]
    assert firms.baseline.period == 2023
    assert gauges.mark_text(firms.baseline, firms, "zh") == "3家（2023年）"
    assert gauges.mark_text(firms.baseline, firms, "en") == "3 (2023)"  # 3家, in English


def test_gdp_gauge(rows, luming):
    gdp = rows["gdp:growth_pct:target"]
    fig = gauges.gauge_figure(gdp, luming.reports, "zh")
    trace = fig.data[0]
    assert isinstance(trace, go.Indicator) and trace.gauge.shape == "angular"
    assert trace.gauge.threshold.value == 7.0  # the target, 增长7%左右
    assert trace.gauge.steps[0].range[1] == 5.8  # up to the 2023 baseline
    assert tuple(trace.gauge.steps[1].range) == pytest.approx((6.65, 7.35))  # 左右 band
    assert trace.value == 6.4 and trace.mode == "gauge+number+delta"
    assert trace.delta.reference == 5.8
    source = next(a for a in fig.layout.annotations if a.name == "source").text
    assert source == "来源：目标：2024年鹿鸣县政府工作报告<br>实际：2025年鹿鸣县政府工作报告"

