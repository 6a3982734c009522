"""Generality: a second report of the genre, for another county and year (written for tests)."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline.__main__ import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "second-report.txt"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("second")
    assert main(["extract", str(FIXTURE), "--out", str(out)]) == 0
    return {name: pd.read_csv(out / f"{name}.csv") for name in (
        "indicators", "reports", "quality", "relative_targets")}


def test_report_metadata(tables):
    report = tables["reports"].iloc[0]
    assert (report.report_id, report.report_year, report.review_period) == (
        "second-report", 2025, 2024)
    assert (report.published, report.delivered) == ("2025-03-01", "2025-01-15")


def test_actuals_and_targets_by_year(tables):
    facts = tables["indicators"]
    gdp = facts[facts.indicator_id == "gdp"].set_index(["period", "kind", "value_kind"]).value
    assert gdp[(2024, "actual", "level")] == 86.7
    assert gdp[(2025, "target", "growth_pct")] == 6.5
    assert set(facts.sector) <= {"economy", "investment", "fiscal", "consumption", "agriculture",
                                 "livestock", "tourism", "employment", "education", "social",
                                 "infrastructure"}


def test_respectively_across_clauses(tables):
    facts = tables["indicators"]
    growth = facts[facts.value_kind == "growth_pct"].set_index("value")
    assert growth.loc[21.3, "indicator_id"] == "tourist_arrivals"
    assert growth.loc[25.6, "indicator_id"] == "tourism_revenue"
    assert facts.set_index("value").loc[260, "unit"] == "万人次"


def test_relative_income_target(tables):
    target = tables["relative_targets"].iloc[0]
    assert (target.indicator_id, target.reference_indicator_id, target.comparator) == (
        "disposable_income", "gdp", ">=")


def test_growth_and_level_targets_that_disagree_are_found(tables):
    # 32.5亿元 growing by exactly 15% is 37.4亿元, not the 40亿元 it must also reach.
    quality = tables["quality"]
    assert list(quality.indicator_id) == ["fixed_asset_investment"]
    assert "37.38" in quality.iloc[0].message_en
