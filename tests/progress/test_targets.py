"""Matching actuals to targets: a 2024 report with targets, the 2025 report reviewing 2024,
a 2024 statistical bulletin and hand entries (河西县, tests/fixtures/progress), built through
the real pipeline; and the tables of one report among several places (the ``counties``
bundles: 鹿鸣县 2024 and 2025, 青石县 2025)."""

import shutil
from pathlib import Path

import pytest

from dashboard.data_files import load_dataset
from dashboard.pipeline.build import build
from dashboard.pipeline.nouns import open_indicator_id
from dashboard.progress.actuals import COLUMNS
from dashboard.progress.targets import build_table, target_table, target_years

FIXTURES = Path(__file__).parents[1] / "fixtures"
REPORTS = ["progress/hexi-2024-report.txt", "progress/hexi-2025-report.txt"]


def _dataset(tmp_path: Path, files: list[str], actuals: str | None = None):
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    for name in files:
        shutil.copy(FIXTURES / name, seeds / Path(name).name)
    build(seeds, data)
    if actuals is not None:
        (data / "actuals.csv").write_text(",".join(COLUMNS) + "\n" + actuals, encoding="utf-8")
    return load_dataset(data)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return _dataset(tmp_path_factory.mktemp("pair"), REPORTS)


@pytest.fixture(scope="module")
def with_bulletin(tmp_path_factory):
    return _dataset(tmp_path_factory.mktemp("bulletin"), [*REPORTS, "bulletin-2024.txt"])


def rows(dataset, year=2024):
    return {(r.indicator_id, r.value_kind, r.value): r for r in target_table(dataset, year).rows}


def test_next_years_report_supplies_the_actuals(pair):
    got = rows(pair)
    gdp = got[("gdp", "growth_pct", 7.0)]
    assert (gdp.baseline.value, gdp.actual.value, gdp.status) == (5.2, 7.2, "achieved")
    assert gdp.actual.fact["report_id"] == "hexi-2025-report"
    assert gdp.actual.as_of == "2024-12-31" and gdp.actual.final
    assert gdp.baseline.fact["report_id"] == "hexi-2024-report"
    assert got[("budget_revenue", "growth_pct", 5.0)].status == "behind"  # 2.2 < 5以上
    assert got[("retail_sales", "growth_pct", 8.0)].status == "achieved"  # 7.7 ≈ 8左右
    assert got[("fixed_asset_investment", "growth_pct", 12.0)].status == "achieved"
    slaughter = got[("livestock_slaughter", "level", 35.0)]
    assert (slaughter.baseline.value, slaughter.actual.value, slaughter.status) == (
        30.0, 33.0, "behind")
    insurance = got[("insurance_coverage", "share_pct", 95.0)]
    assert (insurance.baseline.value, insurance.actual.value, insurance.status) == (
        94.0, 96.0, "achieved")
    assert got[("schools_built", "count", 2.0)].status == "no_actual"


def test_repeated_plan_is_one_target_with_both_quotes(pair):
    farmland = [r for r in target_table(pair, 2024).rows
                if r.indicator_id == "high_standard_farmland"]
    (row,) = farmland
    assert len(row.facts) == 2
    assert {f["quote"] for f in row.facts} == {"新建3万亩高标准农田,力争牲畜出栏达到35万头只",
                                               "1.实施3万亩高标准农田建设工程"}
    assert (row.actual.value, row.status) == (3.2, "achieved")
    # Two figures of one sentence stay two targets.
    schools = [r for r in target_table(pair, 2024).rows if r.indicator_id == "schools_built"]
    assert sorted(r.value for r in schools) == [2.0, 3.0]


def test_comparison_target_uses_both_growth_figures(pair):
    (rel,) = [r for r in target_table(pair, 2024).rows if r.kind == "relative"]
    assert (rel.actual.value, rel.reference.value) == (6.8, 7.2)
    assert rel.status == "behind" and rel.headline


def test_comparison_target_without_figures_has_no_actual(tmp_path):
    dataset = _dataset(tmp_path, REPORTS[:1])
    (rel,) = [r for r in target_table(dataset, 2024).rows if r.kind == "relative"]
    assert rel.status == "no_actual"
    assert all(r.status == "no_actual" for r in target_table(dataset, 2024).rows)


def test_headline_and_task_targets(pair):
    table = target_table(pair, 2024)
    headline = [r.indicator_id for r in table.rows if r.headline]
    assert headline == ["gdp", "budget_revenue", "fixed_asset_investment", "retail_sales",
                        "disposable_income"]
    assert all(not r.headline for r in table.rows[len(headline):])
    assert target_years(pair.indicators, pair.relative_targets) == [2024, 2025]


def test_bulletin_figures_are_actuals_of_its_year(with_bulletin):
    got = rows(with_bulletin)
    gdp = got[("gdp", "growth_pct", 7.0)]
    assert gdp.actual.origin == "statistical_bulletin" and gdp.actual.value == 7.1
    # The report's 7.2 for the same year disagrees: kept visible, not dropped.
    assert [m.value for m in gdp.conflicts] == [7.2]
    assert got[("retail_sales", "growth_pct", 8.0)].actual.value == 7.9
    (rel,) = [r for r in target_table(with_bulletin, 2024).rows if r.kind == "relative"]
    assert (rel.actual.value, rel.reference.value, rel.status) == (6.9, 7.1, "behind")
    reports = with_bulletin.reports.set_index("report_id")
    assert reports.loc["bulletin-2024", "review_period"] == 2024


def test_hand_entries_within_the_year(tmp_path):
    dataset = _dataset(tmp_path, REPORTS, actuals=(
        "gdp,2025,2025-06-30,6.4,%,县统计局 1-6月主要指标\n"
        "livestock_slaughter,2025,2025-06-30,20,万头只,县畜牧局 半年报\n"
        "high_standard_farmland,2025,2025-06-30,1.0,万亩,县农业农村局\n"
        "fixed_asset_investment,2025,2025-06-30,8.1,%,县统计局 1-6月主要指标\n"))
    got = rows(dataset, 2025)
    gdp = got[("gdp", "growth_pct", 6.5)]
    assert (gdp.actual.origin, gdp.actual.as_of, gdp.status) == ("manual", "2025-06-30",
                                                                 "on_track")
    assert gdp.actual.entry["source"] == "县统计局 1-6月主要指标" and gdp.actual.entry["line"] == 2
    assert gdp.baseline.value == 7.2  # the 2024 figure of the 2025 report
    assert got[("livestock_slaughter", "level", 36.0)].status == "on_track"  # 20 ≥ 36 × 181/365
    assert got[("high_standard_farmland", "level", 3.0)].status == "behind"  # 1.0 < 1.49
    assert got[("fixed_asset_investment", "growth_pct", 10.0)].status == "behind"


def test_hand_entry_for_a_closed_year_is_final(tmp_path):
    dataset = _dataset(tmp_path, REPORTS[:1], actuals="gdp,2024,2024-12-31,6.9,%,年报\n")
    gdp = rows(dataset)[("gdp", "growth_pct", 7.0)]
    assert (gdp.actual.value, gdp.status) == (6.9, "achieved")


def test_targets_of_the_selected_report(counties):
    luming = counties.scoped("luming-2024")
    table = target_table(luming, 2024)
    assert target_table(luming, 2024) is table  # computed once per snapshot, report and year
    headline = [(r.indicator_id, r.value) for r in table.rows if r.headline]
    assert headline == [("gdp", 7.0), ("budget_revenue", 6.0), ("fixed_asset_investment", 15.0),
                        ("retail_sales", 8.0), ("disposable_income", None)]
    assert {r.facts[0]["report_id"] for r in table.rows if r.facts} == {"luming-2024"}
    got = rows(luming)
    gdp = got[("gdp", "growth_pct", 7.0)]
    assert (gdp.baseline.value, gdp.baseline.fact["report_id"]) == (5.8, "luming-2024")
    assert {("fixed_asset_investment", "level", 28.0), ("livestock_stock", "level", 55.0),
            ("insurance_coverage", "share_pct", 97.0), ("street_lights", "count", 800.0)
            } <= set(got)
    assert len(table.rows) == 27
    assert table.unclassified == 0
    # 全年计划实施重点项目70个: named from its words, and met by the next report's 73个.
    projects = got[(open_indicator_id("实施重点项目"), "count", 70.0)]
    assert projects.status == "achieved" and projects.actual.value == 73.0
    assert projects.actual.fact["report_id"] == "luming-2025"
    assert not [r for r in table.rows if r.warnings]  # the fixture reports' targets agree
    assert build_table(luming, 2024).rows == table.rows
    # Each report's table holds its own targets: the 2025 report sets none for 2024.
    assert target_table(counties.scoped("luming-2025"), 2024).rows == ()
    assert {r.facts[0]["report_id"] for r in target_table(counties.scoped("qingshi-2025"),
                                                          2025).rows} == {"qingshi-2025"}
    assert target_years(luming.indicators, luming.relative_targets) == [2024]


@pytest.mark.parametrize("name", ["luming", "counties"])
def test_actuals_and_baselines_come_from_the_same_place(request, name):
    # 鹿鸣县's 2024 targets are met or missed by 鹿鸣县's 2024 figures (its 2025 report), with
    # or without 青石县's report loaded beside them. BUG (counties): the figures of the latest
    # published report of any place win: 青石县's 7.2% becomes 鹿鸣县's GDP growth.
    dataset = request.getfixturevalue(name)
    got = rows(dataset.scoped("luming-2024"))
    expected = {("gdp", "growth_pct", 7.0): (6.4, "behind"),
                ("budget_revenue", "growth_pct", 6.0): (6.9, "achieved"),
                ("fixed_asset_investment", "growth_pct", 15.0): (17.5, "achieved"),
                ("retail_sales", "growth_pct", 8.0): (7.3, "behind"),
                ("fixed_asset_investment", "level", 28.0): (28.9, "achieved"),
                ("urban_new_jobs", "count", 2000.0): (2130.0, "achieved"),
                ("livestock_stock", "level", 55.0): (56.3, "achieved"),
                ("tourism_revenue", "level", 20.0): (19.1, "behind")}
    assert {key: (got[key].actual.value, got[key].status) for key in expected} == expected
    assert {r.actual.fact["report_id"] for r in got.values() if r.actual} == {"luming-2025"}
    assert not [r.target_id for r in got.values() if r.conflicts and r.kind != "relative"]
    later = rows(dataset.scoped("luming-2025"), 2025)
    assert {r.baseline.fact["report_id"] for r in later.values() if r.baseline} <= {
        "luming-2024", "luming-2025"}  # 鹿鸣县's latest earlier figure (2023 for 小升规)
    assert later[("gdp", "growth_pct", 6.5)].baseline.value == 6.4
    assert later[("above_scale_enterprises", "count", 4.0)].baseline.period == 2023


def test_no_baseline_is_borrowed_from_another_place(counties):
    # 青石县 states no unemployment rate and no roads built for 2024: its targets have no
    # baseline, whatever 鹿鸣县 states. BUG: 鹿鸣县's figures are used.
    got = rows(counties.scoped("qingshi-2025"), 2025)
    assert got[("surveyed_unemployment", "share_pct", 5.0)].baseline is None
    assert got[("roads_new", "level", 8.0)].baseline is None
    assert got[("gdp", "growth_pct", 7.0)].baseline.value == 7.2
