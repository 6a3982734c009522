"""Data-quality rules over the extracted facts.

contradictory_targets: two targets for the same indicator and year that cannot both be met.
Each target is turned into the range of levels it allows; a growth target becomes a level
through the indicator's latest actual level before the target year stated in the same report
(its review of the past year; another report may be about another place). Disjoint ranges
are a contradiction.
"""

from __future__ import annotations

import itertools
import math

import pandas as pd

# "左右" (about) is read as within ±5 % of the stated level.
ABOUT_TOLERANCE = 0.05


def level_range(comparator: str, level: float) -> tuple[float, float]:
    """The levels a target allows, given its comparator."""
    if comparator in (">=", ">"):
        return level, math.inf
    if comparator in ("<=", "<"):
        return -math.inf, level
    if comparator == "~":
        spread = abs(level) * ABOUT_TOLERANCE
        return level - spread, level + spread
    return level, level


def _baseline(facts: pd.DataFrame, target: pd.Series) -> pd.Series | None:
    """The indicator's latest actual level before the target year, in the target's report."""
    prior = facts[(facts.report_id == target.report_id)
                  & (facts.indicator_id == target.indicator_id) & (facts.kind == "actual")
                  & (facts.value_kind == "level") & (facts.period < target.period)]
    if prior.empty:
        return None
    return prior.sort_values(["period", "start"]).iloc[-1]


def _as_level(facts: pd.DataFrame, target: pd.Series) -> tuple[float, str, pd.Series | None]:
    if target.value_kind == "level":
        return float(target.value_std), str(target.unit_std), None
    base = _baseline(facts, target)
    if target.value_kind != "growth_pct" or base is None:
        return math.nan, "", None
    return float(base.value_std) * (1 + float(target.value_std) / 100), str(base.unit_std), base


def _fmt(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def contradictory_targets(facts: pd.DataFrame) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = []
    targets = facts[(facts.kind == "target") & (facts.indicator_id != "unclassified")]
    for (report_id, indicator_id, period), group in targets.groupby(
            ["report_id", "indicator_id", "period"], sort=True):
        for a, b in itertools.combinations(group.itertuples(index=False), 2):
            a, b = pd.Series(a._asdict()), pd.Series(b._asdict())
            level_a, unit_a, base_a = _as_level(facts, a)
            level_b, unit_b, base_b = _as_level(facts, b)
            if math.isnan(level_a) or math.isnan(level_b) or unit_a != unit_b:
                continue
            lo_a, hi_a = level_range(a.comparator, level_a)
            lo_b, hi_b = level_range(b.comparator, level_b)
            if lo_a <= hi_b and lo_b <= hi_a:
                continue
            base = base_a if base_a is not None else base_b
            involved = [a.fact_id, b.fact_id] + ([base.fact_id] if base is not None else [])
            findings.append({
                "finding_id": f"contradictory_targets:{a.fact_id}:{b.fact_id}",
                "report_id": report_id,
                "rule": "contradictory_targets",
                "severity": "warning",
                "indicator_id": indicator_id,
                "period": int(period),
                "fact_ids": ";".join(involved),
                "message_zh": _message_zh(a, b, level_a, level_b, unit_a, base),
                "message_en": _message_en(a, b, level_a, level_b, unit_a, base),
            })
    return findings


def _describe_zh(t: pd.Series, level: float, unit: str) -> str:
    implied = f"(约合{_fmt(level)}{unit})" if t.value_kind != "level" else ""
    return f"“{t.quote}”{implied}"


def _message_zh(a, b, level_a, level_b, unit, base) -> str:
    base_txt = (f";基数为{int(base.period)}年实际值{_fmt(base.value_std)}{unit}"
                if base is not None else "")
    return (f"{int(a.period)}年{a.indicator_zh}有两个无法同时实现的目标:"
            f"{_describe_zh(a, level_a, unit)} 与 {_describe_zh(b, level_b, unit)}{base_txt}。")


def _describe_en(t: pd.Series, level: float, unit: str) -> str:
    implied = f" (about {_fmt(level)} {unit})" if t.value_kind != "level" else ""
    return f"“{t.quote}”{implied}"


def _message_en(a, b, level_a, level_b, unit, base) -> str:
    base_txt = (f"; the base is the {int(base.period)} actual of {_fmt(base.value_std)} {unit}"
                if base is not None else "")
    return (f"{a.indicator_en}, {int(a.period)}: two targets that cannot both be met: "
            f"{_describe_en(a, level_a, unit)} and {_describe_en(b, level_b, unit)}{base_txt}.")


def find_issues(facts: pd.DataFrame) -> pd.DataFrame:
    """Every finding of every rule, as a table."""
    from .schema import column_names

    return pd.DataFrame(contradictory_targets(facts), columns=column_names("quality"))
