"""The comparison table (dashboard/places/compare.py) on the test bundles (鹿鸣县 2024 and
2025, 青石县 2025: both review 2024, only 鹿鸣县's 2024 report reviews 2023) and on real
reports of one prefecture (``real_places``: 保定市 and five of its counties, all reviewing
2021), each figure checked against its sentence."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from dashboard.data import Dataset, Memo
from dashboard.format import number
from dashboard.places.compare import (
    Cell,
    build_table,
    cited_reports,
    compare_table,
    compare_years,
    default_region,
    default_year,
    home_place,
    place_level,
)


def _values(table, indicator: str, measure: str) -> dict[str, tuple[float | None, int | None]]:
    row = table.row(indicator, measure)
    assert row is not None, (indicator, measure)
    return {c.place: (c.value, c.rank) for c in row.cells}


def test_years_count_the_places_stating_figures(counties: Dataset) -> None:
    assert compare_years(counties) == {2023: 1, 2024: 2}


def test_both_counties_side_by_side_and_ranked(counties: Dataset) -> None:
    table = compare_table(counties, 2024)
    assert [p.name for p in table.places] == ["鹿鸣县", "青石县"]
    assert _values(table, "gdp", "growth_pct") == {"青石县": (7.2, 1), "鹿鸣县": (6.4, 2)}
    assert _values(table, "gdp", "level") == {"青石县": (112.6, 1), "鹿鸣县": (73.15, 2)}
    # A decline ranks below a rise; 鹿鸣县's revenue stated in 万元 is compared in 亿元.
    assert _values(table, "fixed_asset_investment", "growth_pct") == {
        "鹿鸣县": (17.5, 1), "青石县": (-6.2, 2)}
    assert _values(table, "industrial_value_added", "growth_pct") == {
        "青石县": (11.3, 1), "鹿鸣县": (-2.4, 2)}
    assert _values(table, "budget_revenue", "level") == {
        "青石县": (6.85, 1), "鹿鸣县": (pytest.approx(4.019), 2)}


def test_a_place_without_the_figure_has_an_empty_cell_never_a_zero(counties: Dataset) -> None:
    table = compare_table(counties, 2024)
    grain = {c.place: c for c in table.row("grain_output", "level").cells}
    assert grain["鹿鸣县"].value == 16.5 and grain["鹿鸣县"].rank == 1
    assert grain["青石县"] == Cell("青石县")  # no value, no fact, no rank
    income = {c.place: c for c in table.row("urban_disposable_income", "level").cells}
    assert income["青石县"].value is None and income["青石县"].fact is None
    # No row for what neither states (the 2024 resident population, so no per-person row).
    assert table.row("gdp", "per_capita") is None
    assert table.row("disposable_income", "level") is None


def test_every_cell_cites_the_sentence_stating_its_number(counties: Dataset) -> None:
    table = compare_table(counties, 2024)
    for row in table.rows:
        for cell in row.cells:
            if cell.fact is None:
                continue
            assert int(cell.fact["period"]) == 2024 and cell.fact["kind"] == "actual"
            assert number(abs(float(cell.fact["value"]))) in cell.fact["quote"], cell


def test_one_place_for_a_year(counties: Dataset) -> None:
    table = compare_table(counties, 2023)
    assert [p.name for p in table.places] == ["鹿鸣县"]
    assert _values(table, "gdp", "growth_pct") == {"鹿鸣县": (5.8, 1)}


def test_the_default_year_is_the_one_the_report_reviews(counties: Dataset) -> None:
    known = compare_years(counties)
    assert default_year(counties.scoped("luming-2024"), known) == 2023
    assert default_year(counties.scoped("qingshi-2025"), known) == 2024
    assert home_place(counties.scoped("qingshi-2025")) == "青石县"


def test_place_levels_are_read_from_the_name() -> None:
    assert [place_level(n) for n in ("河北省", "上海市", "保定市", "黔东南州", "塔城地区",
                                     "蠡县", "满城区", "某旗", "雄安")] == [
        "province", "province", "city", "city", "city", "county", "county", "county", ""]


def test_region_keeps_one_level(real_places: Dataset) -> None:
    every = compare_table(real_places, 2021)
    counties = compare_table(real_places, 2021, "county")
    assert "保定市" in [p.name for p in every.places]
    assert [p.name for p in counties.places] == ["涞源县", "蠡县", "满城区", "曲阳县", "顺平县"]
    assert _values(counties, "gdp", "level") == {
        "曲阳县": (135.6, 1), "顺平县": (87.6, 2), "涞源县": (81.16, 3), "蠡县": (None, None),
        "满城区": (None, None)}


def with_bulletin(dataset: Dataset) -> Dataset:
    """鹿鸣县 with an (invented) 2024 bulletin stating GDP growth 6.5% and 25万 residents."""
    base = dataset.everything
    report = base.reports[base.reports.report_id == "luming-2025"].iloc[0].to_dict()
    report.update(report_id="luming-2024-bulletin", genre="statistical_bulletin",
                  report_year=2024, review_period=2024, published="2025-03-20",
                  title="鹿鸣县2024年国民经济和社会发展统计公报",
                  title_en="Luming County 2024 Statistical Bulletin")
    gdp = base.indicators[(base.indicators.report_id == "luming-2025")
                          & (base.indicators.indicator_id == "gdp")
                          & (base.indicators.value_kind == "growth_pct")].iloc[0].to_dict()
    rows = [dict(gdp, report_id="luming-2024-bulletin", fact_id="luming-2024-bulletin-1",
                 value=6.5, value_std=6.5, quote="全县地区生产总值比上年增长6.5%"),
            dict(gdp, report_id="luming-2024-bulletin", fact_id="luming-2024-bulletin-2",
                 indicator_id="resident_population", value_kind="count", value=25.0,
                 unit="万人", value_std=250000.0, unit_std="人", quote="年末常住人口25万人")]
    return dataclasses.replace(
        base, reports=pd.concat([base.reports, pd.DataFrame([report])], ignore_index=True),
        indicators=pd.concat([base.indicators, pd.DataFrame(rows)], ignore_index=True),
        memo=Memo())


def test_a_bulletin_wins_and_the_report_figure_is_kept_as_a_note(counties: Dataset) -> None:
    data = with_bulletin(counties)
    table = build_table(data.indicators, data.reports, data.lexicon, 2024)
    cell = next(c for c in table.row("gdp", "growth_pct").cells if c.place == "鹿鸣县")
    assert cell.value == 6.5 and cell.fact["report_id"] == "luming-2024-bulletin"
    assert [(o["report_id"], o["value"]) for o in cell.others] == [("luming-2025", 6.4)]
    # The population makes a per-person row for 鹿鸣县 only: 73.15亿元 / 25万人.
    per_person = {c.place: c for c in table.row("gdp", "per_capita").cells}
    assert per_person["鹿鸣县"].value == pytest.approx(73.15e8 / 250000)
    assert per_person["鹿鸣县"].population["quote"] == "年末常住人口25万人"
    assert per_person["青石县"].value is None and per_person["青石县"].rank is None


def test_real_places_rank_gdp_growth_as_read(real_places: Dataset) -> None:
    """Six places of 保定 reviewing 2021, each figure as its report states it."""
    table = compare_table(real_places, 2021)
    assert len(table.places) == 6
    growth = table.row("gdp", "growth_pct")
    ranked = sorted((c.rank, c.place, c.value) for c in growth.cells)
    assert ranked == [(1, "满城区", 8.0), (2, "涞源县", 7.9), (3, "顺平县", 7.4),
                      (4, "保定市", 7.2), (4, "曲阳县", 7.2), (4, "蠡县", 7.2)]
    quotes = {c.place: c.fact["quote"] for c in growth.cells}
    assert "地区生产总值增长8%" in quotes["满城区"]
    assert "增速7.9%" in quotes["涞源县"] and "增长7.4%" in quotes["顺平县"]
    for row in table.rows:
        for cell in row.cells:
            if cell.fact is not None:
                written = number(float(cell.fact["value"]))
                assert written in cell.fact["quote"].replace(",", ""), (row.key, cell)
                assert cell.fact["report_id"] == f"{_slug(cell.place)}-2022"


def _slug(place: str) -> str:
    return {"保定市": "baoding", "涞源县": "laiyuan", "蠡县": "lixian", "满城区": "mancheng",
            "曲阳县": "quyang", "顺平县": "shunping"}[place]


def test_real_places_rank_the_other_growth_rates(real_places: Dataset) -> None:
    table = compare_table(real_places, 2021)
    assert _values(table, "industrial_value_added", "growth_pct") == {
        "涞源县": (16.3, 1), "顺平县": (16.0, 2), "蠡县": (15.4, 3), "满城区": (14.1, 4),
        "保定市": (11.4, 5), "曲阳县": (3.6, 6)}
    assert _values(table, "budget_revenue", "growth_pct")["满城区"] == (None, None)


def test_a_county_is_ranked_among_counties_by_default(real_places: Dataset) -> None:
    """Regression: every level was ranked together, so 保定市 (3725亿元) came first in GDP
    above its own counties on a county's page. A county's page now keeps counties; the
    prefecture's page (no other prefecture loaded) keeps every level."""
    assert default_region(real_places.scoped("shunping-2022"), 2021) == "county"
    assert default_region(real_places.scoped("baoding-2022"), 2021) == "all"
    counties = compare_table(real_places, 2021, default_region(
        real_places.scoped("shunping-2022"), 2021))
    assert "保定市" not in [p.name for p in counties.places]
    assert _values(counties, "gdp", "level")["顺平县"] == (87.6, 2)
    every = compare_table(real_places, 2021, "all")
    assert _values(every, "gdp", "level")["保定市"] == (3725.0, 1)
    assert _values(every, "gdp", "level")["顺平县"] == (87.6, 3)


def test_the_reports_cited_are_those_of_the_figures_shown(counties: Dataset) -> None:
    table = compare_table(counties, 2024, "all")
    assert cited_reports(table.rows) == ["luming-2025", "qingshi-2025"]
    grain = [table.row("grain_output", "level")]
    assert cited_reports(grain) == ["luming-2025"]  # 青石县 states no grain output
