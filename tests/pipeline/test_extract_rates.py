"""Rates with a slash, other currencies, days, percentages in words and telephone numbers,
read from a report written for the tests (tests/fixtures/grammar-rates.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.pipeline.extract import extract

TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "grammar-rates.txt").read_text(
    encoding="utf-8")


@pytest.fixture(scope="module")
def facts() -> list[dict]:
    return extract(TEXT, "yunxi-2025").facts


def _by_number(facts: list[dict], written: str) -> dict:
    found = [f for f in facts if TEXT[f["start"]:f["end"]] == written]
    assert len(found) == 1, (written, found)
    return found[0]


@pytest.mark.parametrize(("written", "indicator", "value_std", "unit_std", "value_kind"), [
    ("九十五", "air_quality_rate", 95.0, "%", "share_pct"),
    ("28", "pm25_concentration", 28.0, "微克/立方米", "level"),
    ("0.85", "energy_intensity", 0.85, "吨标准煤/万元", "level"),
    ("1.5", "foreign_trade", 1.5, "亿美元", "level"),
    ("3.2", "hotline_cases", 32000.0, "件", "count"),
])
def test_rates_and_units_reach_their_indicator(facts, written, indicator, value_std,
                                               unit_std, value_kind):
    fact = _by_number(facts, written)
    assert (fact["indicator_id"], fact["unit_std"], fact["value_kind"]) == (
        indicator, unit_std, value_kind)
    assert fact["value_std"] == pytest.approx(value_std)
    assert fact["period"] == 2024 and fact["kind"] == "actual"


def test_energy_intensity_is_not_gdp(facts):
    declines = [f for f in facts if f["indicator_id"] == "energy_intensity"
                and f["unit"] == "%"]
    assert [(f["period"], f["kind"], f["value"]) for f in declines] == [
        (2024, "actual", -3.0), (2025, "target", -2.0)]
    gdp_growth = [f["value"] for f in facts if f["indicator_id"] == "gdp" and f["unit"] == "%"]
    assert gdp_growth == [6.2, 6.0, 7.0]


def test_telephone_numbers_are_not_facts(facts):
    numbers = {TEXT[f["start"]:f["end"]] for f in facts}
    assert not numbers & {"0993", "6012345", "12345"}


def test_rates_keep_their_written_unit(facts):
    fact = _by_number(facts, "2.1")
    assert (fact["unit"], fact["value_std"], fact["unit_std"]) == ("万元/亩", 21000.0, "元/亩")
    kilos = _by_number(facts, "3500")
    assert (kilos["unit"], kilos["unit_std"]) == ("公斤", "万吨")


def test_a_respectively_list_does_not_reach_back_past_a_stated_figure(facts):
    """The name before the comma has its own figure (9.4%): it is not a name of the list;
    城乡 names urban and rural residents (lexicon ``joint_prefixes``), one figure each."""
    assert _by_number(facts, "9.4")["indicator_id"] == "retail_sales"
    assert [_by_number(facts, n)["indicator_id"] for n in ("5.7", "8.7")] == [
        "urban_disposable_income", "rural_disposable_income"]


def test_an_elided_list_names_each_of_its_items(facts):
    """城镇、农村居民人均可支配收入: the first item shares the second one's ending."""
    assert [(_by_number(facts, n)["indicator_id"], _by_number(facts, n)["value_std"])
            for n in ("41200", "20150")] == [("urban_disposable_income", 41200.0),
                                             ("rural_disposable_income", 20150.0)]


def test_farming_words_give_the_sector_of_facts_outside_the_lexicon(facts):
    """葡萄, 温室大棚, 饲草: agriculture and livestock (lexicon sector keywords), not the
    report's default sector."""
    assert [_by_number(facts, n)["sector"] for n in ("12.5", "3.6", "520", "8.2")] == [
        "agriculture", "agriculture", "agriculture", "livestock"]
