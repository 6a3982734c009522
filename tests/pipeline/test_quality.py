"""The contradictory-targets rule, on facts made for the test and on the seed."""

import pandas as pd
import pytest

from dashboard.data import load_dataset
from dashboard.pipeline.quality import contradictory_targets, level_range


def fact(fact_id, kind, period, value_kind, value, unit, comparator="=", indicator="fai"):
    return {"report_id": "r", "fact_id": fact_id, "indicator_id": indicator,
            "indicator_zh": "固定资产投资", "indicator_en": "Investment", "kind": kind,
            "period": period, "value_kind": value_kind, "value": value, "value_std": value,
            "unit_std": unit, "comparator": comparator, "quote": f"quote {fact_id}", "start": 0}


def test_level_ranges():
    assert level_range(">=", 100) == (100, float("inf"))
    assert level_range("<=", 5) == (float("-inf"), 5)
    assert level_range("~", 100) == pytest.approx((95, 105))
    assert level_range("=", 7) == (7, 7)


def test_growth_target_far_from_level_target_is_a_contradiction():
    facts = pd.DataFrame([
        fact("base", "actual", 2023, "level", 20.89, "亿元"),
        fact("growth", "target", 2024, "growth_pct", 213, "%", "~"),
        fact("level", "target", 2024, "level", 100, "亿元", ">="),
    ])
    (finding,) = contradictory_targets(facts)
    assert finding["fact_ids"] == "growth;level;base"
    assert "65.39" in finding["message_zh"] and "quote growth" in finding["message_zh"]


def test_compatible_targets_are_not_flagged():
    facts = pd.DataFrame([
        fact("base", "actual", 2023, "level", 90, "亿元"),
        fact("growth", "target", 2024, "growth_pct", 12, "%", "~"),
        fact("level", "target", 2024, "level", 100, "亿元", ">="),
    ])
    assert contradictory_targets(facts) == []


def test_growth_target_without_a_base_cannot_be_judged():
    facts = pd.DataFrame([
        fact("growth", "target", 2024, "growth_pct", 213, "%", "~"),
        fact("level", "target", 2024, "level", 100, "亿元", ">="),
    ])
    assert contradictory_targets(facts) == []


def test_other_indicators_and_years_are_separate():
    facts = pd.DataFrame([
        fact("a", "target", 2024, "level", 100, "亿元", ">="),
        fact("b", "target", 2025, "level", 10, "亿元", "<="),
        fact("c", "target", 2024, "level", 10, "亿元", "<=", indicator="other"),
    ])
    assert contradictory_targets(facts) == []


def test_the_seed_investment_targets_are_found():
    quality = load_dataset().quality
    (finding,) = quality.itertuples()
    assert finding.indicator_id == "fixed_asset_investment" and finding.period == 2024
    assert "213%左右" in finding.message_zh and "100亿元以上" in finding.message_zh
