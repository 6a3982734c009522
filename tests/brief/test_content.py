"""What the brief says: headline figures with their change, the target rows, the chart and a
footnote for every number; filtered by sector; one page whatever the report."""

from __future__ import annotations

import pytest

from dashboard.brief import fit
from dashboard.brief.content import (
    MAX_FIGURES,
    MAX_TARGET_ROWS,
    MIN_FIGURES,
    brief,
    build,
    chosen_rows,
    figure_ids,
)
from dashboard.brief.query import decode
from dashboard.components.status_badge import status_label
from dashboard.progress.targets import target_table


def _cited(made) -> set[int]:
    cited = {n for f in made.figures for n in f.notes} | {n for r in made.targets for n in r.notes}
    return cited | (set(made.chart.notes) if made.chart else set())


def test_headline_figures_as_stated_with_their_change(counties):
    made = brief(decode(counties, {"report": "luming-2025"}))
    figures = {f.name: f for f in made.figures}
    assert MIN_FIGURES <= len(made.figures) <= MAX_FIGURES
    # The main-target indicators first, as the overview's KPI cards.
    assert [f.name for f in made.figures[:4]] == ["地区生产总值", "一般公共预算收入",
                                                  "固定资产投资", "社会消费品零售总额"]
    gdp = figures["地区生产总值"]
    assert (gdp.value, gdp.period, gdp.change_label, gdp.change) == (
        "73.15亿元", "2024年实际", "同比", "+6.4%")
    # No growth stated: the difference from last year's figure in the 2024 report.
    jobs = figures["城镇新增就业"]
    assert (jobs.value, jobs.change_label, jobs.change) == ("2130人", "比上年", "+270人")
    assert figures["城镇调查失业率"].change == "−0.2个百分点"  # a rate changes in points
    assert len(jobs.notes) == 2  # both figures of the difference are cited
    english = brief(decode(counties, {"report": "luming-2025", "lang": "en"}))
    assert english.figures[0].name == "Gross regional product"
    assert (english.figures[0].change_label, english.figures[0].change) == ("y/y", "+6.4%")


def test_a_figure_with_two_values_for_its_year_is_left_out(seed):
    # 煤炭产能由年产210万吨提高至570万吨: which one is the result is not for the brief to guess.
    assert "coal_capacity" not in figure_ids(decode(seed, {}))
    assert MIN_FIGURES <= len(figure_ids(decode(seed, {}))) <= MAX_FIGURES


def test_target_rows_statuses_and_their_sources(counties):
    made = brief(decode(counties, {"report": "luming-2024", "year": "2024"}))
    table = target_table(counties.scoped("luming-2024"), 2024)
    assert len(made.targets) + made.more_targets == len(table.rows)
    assert len(made.targets) <= MAX_TARGET_ROWS
    gdp = made.targets[0]
    assert (gdp.name, gdp.target, gdp.baseline, gdp.actual) == (
        "地区生产总值增速", "+7%左右", "+5.8%（2023年）", "+6.4%（2024年）")
    assert (gdp.status, gdp.icon, gdp.word) == ("behind", "!", status_label("behind", "zh"))
    assert {r.status for r in made.targets} >= {"achieved", "behind"}
    notes = {n.number: n.text for n in made.footnotes}
    # The target's report, the baseline's sentence, the actual's report (the next year's).
    assert "68.42亿元" in notes[gdp.notes[0]]
    assert any("2025年鹿鸣县政府工作报告（" in notes[n] for n in gdp.notes)


def test_every_footnote_is_cited_and_every_number_cites_one(counties, seed):
    for dataset, report in ((counties, "luming-2024"), (counties, "qingshi-2025"),
                            (seed, None)):
        for lang in ("zh", "en"):
            made = brief(decode(dataset, {"report": report, "lang": lang}))
            numbers = {n.number for n in made.footnotes}
            assert numbers == set(range(1, len(made.footnotes) + 1))
            assert _cited(made) == numbers
            assert all(f.notes for f in made.figures) and all(r.notes for r in made.targets)


def test_rows_kept_when_the_table_is_cut():
    class Row:
        def __init__(self, headline, actual):
            self.headline, self.actual = headline, actual

    rows = [Row(True, None), Row(False, None), Row(False, 1), Row(True, 1), Row(False, None)]
    assert chosen_rows(rows, 3) == [rows[0], rows[2], rows[3]]  # in the panel's order
    assert chosen_rows(rows, 0) == []


def test_the_chart_is_past_growth_against_this_years_target(counties):
    chart = brief(decode(counties, {"report": "luming-2025"})).chart
    assert chart.title == "2024年增速与2025年目标"
    assert [s.name for s in chart.series] == ["2024年实际", "2025年目标"]
    assert chart.categories[0] == "地区生产总值"
    assert (chart.series[0].bars[0].text, chart.series[1].bars[0].text) == ("+6.4%", "+6.5%左右")
    assert chart.series[0].bars[0].value == 6.4


def test_sectors_filter_figures_targets_and_chart(counties):
    choice = decode(counties, {"report": "luming-2025", "sectors": "agriculture"})
    made = brief(choice)
    table = target_table(choice.dataset, 2025)
    # Fewer than six: the sector has only four results (an output, 高标准农田, among them).
    assert [f.name for f in made.figures] == ["粮食种植面积", "粮食产量", "农作物机械化率",
                                              "高标准农田"]
    assert len(made.targets) + made.more_targets == sum(r.sector == "agriculture"
                                                        for r in table.rows)
    assert made.chart is None  # no growth target among them
    assert "领域：农业" in made.meta
    both = brief(decode(counties, {"report": "luming-2025", "sectors": "economy,agriculture"}))
    assert both.chart.categories == ("地区生产总值",)
    assert both.figures[0].name == "地区生产总值"


def test_notice_and_defaults_for_hostile_values(counties):
    made = brief(decode(counties, {"report": "<script>", "lang": "xx", "year": "abc"}))
    assert made.notice == "网址中的参数无法识别，已忽略并显示默认简报：report, year, lang"
    assert made.title == "鹿鸣县2025年主要指标与目标进展简报"
    assert "<script>" not in repr(made)
    assert brief(decode(counties, {})).notice == ""


def test_meta_names_report_dates_and_version(counties):
    made = brief(decode(counties, {"report": "luming-2024", "lang": "en"}))
    assert made.title == "Luming County: key figures and progress towards the 2024 targets"
    assert made.meta[0] == "Report: Luming County 2024 Government Work Report (2024-01-20)"
    assert made.meta[1] == "Data as of 2024-12-31"  # the 2025 report's review of 2024
    assert made.meta[2] == f"Data version {counties.version}"
    assert made.file_stem == "luming-2024-brief-2024-en"


def test_preliminary_entries_in_the_table_and_notes(with_entries):
    made = brief(decode(with_entries, {"report": "luming-2025"}))
    gdp = made.targets[0]
    assert gdp.actual == "+5.6%（2025年）" and gdp.status == "behind"
    notes = {n.number: n for n in made.footnotes}
    (entry,) = [notes[n] for n in gdp.notes if notes[n].preliminary]
    assert entry.text == "县统计局半年快报（截至2025-06-30，初步数）"
    assert made.meta[1] == "数据截至：2025-06-30"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_is_estimated_to_fit_and_rows_give_way(counties, seed, lang):
    for dataset, report in ((seed, None), (counties, "luming-2024"), (counties, "luming-2025"),
                            (counties, "qingshi-2025")):
        choice = decode(dataset, {"report": report, "lang": lang})
        made = brief(choice)
        assert fit.fits(made)
        if made.more_targets and len(made.targets) < MAX_TARGET_ROWS:
            assert not fit.fits(build(choice, len(made.targets) + 1))


def test_the_brief_is_kept_in_the_snapshot_memo(counties):
    choice = decode(counties, {"report": "luming-2025"})
    assert brief(choice) is brief(decode(counties, {"report": "luming-2025"}))
