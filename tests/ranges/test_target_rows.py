"""A range is one row of the target table: its low bound the target, an ``upper`` bound, one
status; formatted as one range wherever the target is shown (gauge, card, CSV)."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.components.target_card import quote_body, target_card
from dashboard.data import Dataset
from dashboard.figures.gauges import gauge_figure, target_text
from dashboard.format import fact_value, range_value
from dashboard.progress.status import Status, assess, range_bound
from dashboard.progress.table_csv import target_csv
from dashboard.progress.targets import TargetRow, target_table
from tests.components.helpers import texts


def _row(dataset: Dataset, indicator: str) -> TargetRow:
    (row,) = [r for r in target_table(dataset, 2024).rows if r.indicator_id == indicator]
    return row


# -- formatting -------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "zh", "en"), [
    ((6, 7, "%", "growth_pct"), "+6%—7%", "+6%–7%"),
    ((-2, -3, "%", "growth_pct"), "−2%—3%", "−2%–3%"),  # 下降2%—3%: the sign once
    ((-1, 2, "%", "growth_pct"), "−1%—+2%", "−1%–+2%"),
    ((12, 13, "万吨", "level"), "12—13万吨", "120,000–130,000 tonnes"),  # the unit once
    ((90, 95, "%", "share_pct"), "90%—95%", "90%–95%"),
    ((0.5, 1, "个百分点", "change_pp"), "+0.5—1个百分点", "+0.5–1 pp"),
])
def test_a_range_is_written_as_reports_write_it(args, zh, en) -> None:
    assert range_value(*args, lang="zh") == zh
    assert range_value(*args, lang="en") == en
    low, high, unit, kind = args
    assert fact_value(low, unit, kind, ">=", "zh", upper=high) == zh


def test_no_upper_is_the_figure_as_before() -> None:
    assert fact_value(6, "%", "growth_pct", ">=") == "+6%以上"
    assert fact_value(6, "%", "growth_pct", ">=", "en", upper=float("nan")) == "at least +6%"


# -- status -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("actual", "status"), [
    (5.9, Status.BEHIND), (6.0, Status.ACHIEVED), (6.5, Status.ACHIEVED),
    (7.0, Status.ACHIEVED), (8.0, Status.ACHIEVED)])
def test_a_range_that_should_rise_is_met_from_its_low_bound(actual, status) -> None:
    result = assess(comparator=">=", target=6.0, upper=7.0, actual=actual,
                    value_kind="growth_pct")
    assert result.status is status


@pytest.mark.parametrize(("actual", "status"), [
    (-1.9, Status.BEHIND), (-2.0, Status.ACHIEVED), (-2.4, Status.ACHIEVED),
    (-3.5, Status.ACHIEVED)])
def test_a_range_that_should_fall_is_met_from_its_near_end(actual, status) -> None:
    """能耗下降2%—3% (−2 and −3): any decline of 2 % or more meets it."""
    result = assess(comparator=">=", target=-2.0, upper=-3.0, actual=actual,
                    value_kind="growth_pct", direction="down")
    assert result.status is status
    assert range_bound(-2.0, -3.0, "down") == ("<=", -2.0)
    # A level the indicator wants low (PM2.5 30—35): at most the upper end.
    assert range_bound(30.0, 35.0, "down") == ("<=", 35.0)


def test_within_the_year_a_range_flow_is_pro_rated_from_its_low_bound() -> None:
    half = assess(comparator=">=", target=12.0, upper=13.0, actual=6.1, elapsed=0.5)
    assert (half.status, half.expected) == (Status.ON_TRACK, 6.0)
    assert assess(comparator=">=", target=12.0, upper=13.0, actual=5.9,
                  elapsed=0.5).status is Status.BEHIND


# -- the target table -------------------------------------------------------------------------

def test_one_row_per_range_with_both_bounds(liuan_2024: Dataset) -> None:
    table = target_table(liuan_2024, 2024)
    assert [r.indicator_id for r in table.rows].count("gdp") == 1
    gdp = _row(liuan_2024, "gdp")
    assert (gdp.value, gdp.upper, gdp.headline) == (6.0, 7.0, True)
    assert gdp.target_id == gdp.facts[0]["fact_id"]
    # Both statements (main targets, then a task), each with both numbers: four facts, two
    # sentences.
    assert [f["value"] for f in gdp.facts] == [6.0, 7.0, 6.0, 7.0]
    assert [f["value"] for f in gdp.upper_facts] == [7.0, 7.0]
    assert len(gdp.statements) == 2
    assert (gdp.actual.value, gdp.status) == (6.5, "achieved")
    assert _row(liuan_2024, "budget_revenue").status == "behind"  # +4.8 % below 5%～6%
    assert _row(liuan_2024, "energy_intensity").status == "achieved"  # −2.4 % (should fall)
    grain = _row(liuan_2024, "grain_output")
    assert (grain.value, grain.upper, grain.unit, grain.status) == (12.0, 13.0, "万吨",
                                                                    "achieved")
    assert _row(liuan_2024, "fixed_asset_investment").upper is None


def test_the_csv_row_carries_both_bounds(liuan_2024: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(target_csv(target_table(liuan_2024, 2024)))))
    (gdp,) = [r for r in rows if r["indicator_id"] == "gdp"]
    assert (gdp["target_value"], gdp["target_upper"], gdp["status"]) == ("6.0", "7.0",
                                                                         "achieved")
    assert len(gdp["target_fact_ids"].split(";")) == 4
    (fai,) = [r for r in rows if r["indicator_id"] == "fixed_asset_investment"]
    assert fai["target_upper"] == ""


# -- gauge and card ---------------------------------------------------------------------------

def test_the_target_text_is_the_range(liuan_2024: Dataset) -> None:
    assert target_text(_row(liuan_2024, "gdp"), "zh") == "+6%—7%"
    assert target_text(_row(liuan_2024, "gdp"), "en") == "+6%–7%"
    assert target_text(_row(liuan_2024, "energy_intensity"), "zh") == "−2%—3%"
    assert target_text(_row(liuan_2024, "grain_output"), "zh") == "12—13万吨"


def test_the_gauge_shades_the_range_and_marks_its_deciding_end(liuan_2024: Dataset) -> None:
    gdp = gauge_figure(_row(liuan_2024, "gdp"), liuan_2024.reports, "zh")
    gauge = gdp.data[0].gauge
    assert [6.0, 7.0] in [list(step.range) for step in gauge.steps]
    assert gauge.threshold.value == 6.0
    assert "+6%—7%" in gdp.layout.title.text
    energy = gauge_figure(_row(liuan_2024, "energy_intensity"), liuan_2024.reports, "en")
    assert [-3.0, -2.0] in [list(step.range) for step in energy.data[0].gauge.steps]
    assert energy.data[0].gauge.threshold.value == -2.0
    assert "−2%–3%" in energy.layout.title.text


def test_the_card_shows_one_range_and_two_statements(liuan_2024: Dataset) -> None:
    row = _row(liuan_2024, "gdp")
    figure = gauge_figure(row, liuan_2024.reports, "zh").to_plotly_json()
    card = texts(target_card(row, figure, liuan_2024.reports, "zh"))
    assert "+6%—7%" in card
    assert "报告中出现2次" in card  # two sentences, not four facts
    assert not [t for t in card if "+6%以上" in t or "+7%以内" in t]
    body = texts(quote_body(row, liuan_2024.reports, "zh"))
    assert body.count("+6%—7%") == 2  # one quote panel per sentence, each with the range
