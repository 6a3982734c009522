"""The contradictory-targets rule, on facts made for the test and on reports built together
(the seed's own finding is asserted in tests/test_seed_acceptance.py)."""

import pandas as pd
import pytest

from dashboard.pipeline.quality import contradictory_targets, level_range
from tests.pipeline.helpers import build_written


def fact(fact_id, kind, period, value_kind, value, unit, comparator="=", indicator="fai",
         report="r", start=0):
    return {"report_id": report, "fact_id": fact_id, "indicator_id": indicator,
            "indicator_zh": "固定资产投资", "indicator_en": "Investment", "kind": kind,
            "period": period, "value_kind": value_kind, "value": value, "value_std": value,
            "unit_std": unit, "comparator": comparator, "quote": f"quote {fact_id}", "start": start}


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


def test_a_growth_target_is_converted_with_the_base_of_its_own_report():
    # Report "b" states a later-placed 2023 base (100) for the same indicator: report "a"'s
    # growth target must still be read from a's base (10): 11 ±5%, which 11 satisfies.
    facts = pd.DataFrame([
        fact("a-base", "actual", 2023, "level", 10, "亿元", report="a", start=10),
        fact("a-growth", "target", 2024, "growth_pct", 10, "%", "~", report="a", start=20),
        fact("a-level", "target", 2024, "level", 11, "亿元", report="a", start=30),
        fact("b-base", "actual", 2023, "level", 100, "亿元", report="b", start=50),
    ])
    assert contradictory_targets(facts) == []
    # A report without a base of its own cannot borrow another report's.
    alone = facts[facts.fact_id != "a-base"]
    assert contradictory_targets(alone) == []


def test_targets_of_two_reports_are_never_paired():
    facts = pd.DataFrame([
        fact("a", "target", 2024, "level", 100, "亿元", ">=", report="a"),
        fact("b", "target", 2024, "level", 10, "亿元", "<=", report="b"),
    ])
    assert contradictory_targets(facts) == []


@pytest.fixture(scope="module")
def built_together(tmp_path_factory):
    """甲县 and 乙县 built in one snapshot (tests/pipeline/helpers.py)."""
    out = build_written(tmp_path_factory.mktemp("together"), "jia-2025", "yi-2025")
    return pd.read_csv(out / "quality.csv"), pd.read_csv(out / "indicators.csv")


def test_two_counties_built_together_keep_their_own_bases(built_together):
    """Regression: each county's investment targets agree with its own 2024 result and
    contradict the other county's (10 vs 100亿元); quality.csv must not report them."""
    quality, facts = built_together
    assert "fixed_asset_investment" not in set(quality.indicator_id)
    # The one real finding: 乙县's revenue, 8亿元 growing 5% is 8.4亿元, not 20亿元以上.
    (finding,) = quality.itertuples()
    assert (finding.report_id, finding.indicator_id, finding.period) == (
        "yi-2025", "budget_revenue", 2025)
    involved = facts.set_index("fact_id").loc[finding.fact_ids.split(";")]
    assert set(involved.report_id) == {"yi-2025"}
    base = involved[involved.kind == "actual"]
    assert base.value_std.tolist() == [8.0]  # 乙县's base, not 甲县's 30亿元
    assert "约合8.4亿元" in finding.message_zh and "基数为2024年实际值8亿元" in finding.message_zh
    assert "about 8.4 亿元" in finding.message_en


def test_a_county_gets_the_same_findings_alone_and_together(built_together, tmp_path):
    quality, _ = built_together
    for report_id in ("jia-2025", "yi-2025"):
        alone = pd.read_csv(build_written(tmp_path / report_id, report_id) / "quality.csv")
        mine = quality[quality.report_id == report_id]
        assert alone.to_dict("records") == mine.to_dict("records"), report_id
