"""The build keeps a range's two facts (each number its own offsets and quote) and puts them in
one target group; the app reads the group back as one figure (``Dataset.ranged_facts``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import Dataset, range_pairs, with_ranges
from dashboard.pipeline.__main__ import main
from dashboard.pipeline.context_tables import range_high, target_groups
from dashboard.pipeline.text import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BUNDLE = FIXTURES / "bundles" / "ranges"


def _groups(dataset: Dataset) -> dict[str, list[str]]:
    rows = dataset.target_groups.sort_values(["target_id", "position"])
    return {str(k): [str(f) for f in g.fact_id] for k, g in rows.groupby("target_id")}


def test_the_two_bounds_stay_two_facts_with_their_own_offsets(ranges: Dataset) -> None:
    text = read_report(BUNDLE / "liuan-2024.txt")
    facts = ranges.indicators[ranges.indicators.report_id == "liuan-2024"]
    gdp = facts[(facts.indicator_id == "gdp") & (facts.kind == "target")].sort_values("start")
    assert gdp.comparator.tolist() == [">=", "<=", ">=", "<="]
    assert gdp.value.tolist() == [6.0, 7.0, 6.0, 7.0]
    for fact in gdp.itertuples():
        assert text[fact.start:fact.end] in ("6", "7")
        assert "6%—7%" in fact.quote


def test_a_range_is_one_target_group_low_bound_first(ranges: Dataset) -> None:
    facts = ranges.indicators.set_index("fact_id")
    groups = _groups(ranges.scoped("liuan-2024"))
    by_indicator = {str(facts.loc[ids[0], "indicator_id"]): ids for ids in groups.values()}
    # 6%—7% in the main targets and again in a task: one target, stated as two pairs.
    gdp = by_indicator["gdp"]
    assert facts.loc[gdp, "value"].tolist() == [6.0, 7.0, 6.0, 7.0]
    assert facts.loc[gdp, "comparator"].tolist() == [">=", "<=", ">=", "<="]
    assert groups[gdp[0]] == gdp  # the target id is the low bound's fact id
    # 5%～6%, 下降2%—3% and 12至13万吨 (the unit written once, after the second number).
    for indicator, values in (("budget_revenue", [5.0, 6.0]),
                              ("energy_intensity", [-2.0, -3.0]),
                              ("grain_output", [12.0, 13.0])):
        assert facts.loc[by_indicator[indicator], "value"].tolist() == values, indicator
    # Every other target is a group of its own, as before.
    assert len(by_indicator["fixed_asset_investment"]) == 1
    assert len(groups) == 7


def test_range_high_wants_a_range_sign_between_two_bounds_of_one_thing() -> None:
    text = "地区生产总值增长6%—7%，投资增长6%、7%，产量12至13万吨，6% 7%"
    base = {"report_id": "r", "indicator_id": "gdp", "period": 2024, "value_kind": "growth_pct",
            "unit_std": "%", "unit": "%"}

    def fact(written: str, nth: int, comparator: str, **extra: object) -> pd.Series:
        at = -1
        for _ in range(nth + 1):
            at = text.index(written, at + 1)
        return pd.Series({**base, "start": at, "end": at + len(written),
                          "comparator": comparator, **extra})

    assert range_high(text, fact("6", 0, ">="), fact("7", 0, "<="))
    # 增长6%、7%: a list, not a range.
    assert not range_high(text, fact("6", 1, ">="), fact("7", 1, "<="))
    # The reader's comparators are what marks a range; another indicator is another figure.
    assert not range_high(text, fact("6", 0, "="), fact("7", 0, "="))
    assert not range_high(text, fact("6", 0, ">="), fact("7", 0, "<=", indicator_id="x"))
    assert range_high(text, fact("12", 0, ">=", unit="万吨", unit_std="万吨"),
                      fact("13", 0, "<=", unit="万吨", unit_std="万吨"))
    assert not range_high(text, fact("6", 2, ">="), fact("7", 2, "<="))


def test_target_groups_keep_single_targets_as_they_were() -> None:
    """Repeated statements of one value still merge; a range's key includes both bounds, so a
    restated low bound alone (增长6%以上) is another target."""
    text = "目标：增长6%—7%。任务：增长6%以上。任务：增长6%以上。"
    rows = []
    for written, nth, comparator in (("6", 0, ">="), ("7", 0, "<="), ("6", 1, ">="),
                                     ("6", 2, ">=")):
        at = -1
        for _ in range(nth + 1):
            at = text.index(written, at + 1)
        rows.append({"report_id": "r", "fact_id": f"r-{at}", "indicator_id": "gdp",
                     "period": 2024, "kind": "target", "value": float(written),
                     "value_std": float(written), "value_kind": "growth_pct", "unit": "%",
                     "unit_std": "%", "comparator": comparator, "start": at,
                     "end": at + 1})
    groups = target_groups(pd.DataFrame(rows), {"r": text})
    members: dict[str, list[str]] = {}
    for row in groups:
        members.setdefault(str(row["target_id"]), []).append(str(row["fact_id"]))
    first, second = (f"r-{text.index('6')}", f"r-{text.index('7')}")
    assert members[first] == [first, second]
    (restated,) = [ids for key, ids in members.items() if key != first]
    assert len(restated) == 2  # the two 6%以上 statements: one target


def test_the_grammar_fixture_range_is_one_group(tmp_path: Path) -> None:
    assert main(["extract", str(FIXTURES / "grammar-report.txt"), "--out", str(tmp_path)]) == 0
    facts = pd.read_csv(tmp_path / "indicators.csv")
    groups = pd.read_csv(tmp_path / "target_groups.csv")
    gdp = facts[(facts.indicator_id == "gdp") & (facts.kind == "target")]
    assert sorted(gdp.value) == [6.0, 7.0]
    members = groups[groups.fact_id.isin(gdp.fact_id)].sort_values("position")
    assert members.target_id.nunique() == 1
    assert facts.set_index("fact_id").loc[members.fact_id, "value"].tolist() == [6.0, 7.0]
    assert range_pairs(facts, groups) == dict([tuple(members.fact_id)])


def test_ranged_facts_show_a_range_as_one_row(liuan_2024: Dataset) -> None:
    raw = liuan_2024.indicators
    shown = liuan_2024.ranged_facts
    pairs = liuan_2024.ranges
    assert len(pairs) == 5  # 6%—7% twice, 5%～6%, 2%—3%, 12至13万吨
    assert len(shown) == len(raw) - len(pairs)
    assert not shown.fact_id.isin(list(pairs.values())).any()
    low = shown.set_index("fact_id").loc[next(iter(pairs))]
    assert (low.value, low.upper, low.upper_std) == (6.0, 7.0, 7.0)
    assert low.upper_fact_id == pairs[low.name]
    single = shown[~shown.fact_id.isin(list(pairs))]
    assert single.upper.isna().all() and single.upper_fact_id.isna().all()
    # The explorer's table of figures keeps both facts as read.
    assert set(pairs.values()) <= set(raw.fact_id)


def test_with_ranges_of_no_range_adds_empty_columns(luming_2024: Dataset) -> None:
    shown = with_ranges(luming_2024.indicators, {})
    assert len(shown) == len(luming_2024.indicators)
    assert shown.upper.isna().all()
    assert luming_2024.ranges == {}


@pytest.mark.parametrize("values", [(6.0, 6.0), (6.0, 7.0)])
def test_range_pairs_reads_only_pairs_of_two_values(values: tuple[float, float]) -> None:
    facts = pd.DataFrame({"fact_id": ["a", "b"], "comparator": [">=", "<="],
                          "value_std": list(values)})
    groups = pd.DataFrame({"report_id": ["r", "r"], "target_id": ["a", "a"],
                           "fact_id": ["a", "b"], "position": [0, 1]})
    assert range_pairs(facts, groups) == ({} if values[0] == values[1] else {"a": "b"})
