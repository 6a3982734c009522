"""Data-quality rules over the extracted facts.

contradictory_targets: two targets for the same indicator and year that cannot both be met.
Each target is turned into the range of levels it allows; a growth target becomes a level
through the indicator's latest actual level before the target year stated in the same report
(its review of the past year; another report may be about another place). Disjoint ranges
are a contradiction.
"""

from __future__ import annotations

import math

import pandas as pd

from .schema import column_names

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


def _baseline(prior: pd.DataFrame | None, period: int) -> pd.Series | None:
    """The indicator's latest actual level before ``period``: ``prior`` holds the report's
    actual levels of the indicator, in the facts' order."""
    if prior is None:
        return None
    prior = prior[prior.period < period]
    if prior.empty:
        return None
    return prior.sort_values(["period", "start"]).iloc[-1]


def _as_level(target: pd.Series, base: pd.Series | None) -> tuple[float, str]:
    if target.value_kind == "level":
        return float(target.value_std), str(target.unit_std)
    if target.value_kind != "growth_pct" or base is None:
        return math.nan, ""
    return float(base.value_std) * (1 + float(target.value_std) / 100), str(base.unit_std)


def _fmt(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _disjoint_pairs(ranges: list[tuple[float, float, str] | None]) -> list[tuple[int, int]]:
    """Pairs (i < j) of ranges of one unit that do not overlap, in ``combinations`` order.

    Targets stated alike share one range and never contradict each other, so ranges are
    compared once per distinct pair (a long text repeating a target costs no square)."""
    members: dict[tuple[float, float, str], list[int]] = {}
    for i, one in enumerate(ranges):
        if one is not None:
            members.setdefault(one, []).append(i)
    clashes = {key: [other for other in members if other[2] == key[2]
                     and not (key[0] <= other[1] and other[0] <= key[1])] for key in members}
    pairs = [(i, j) for key, indices in members.items() for other in clashes[key]
             for i in indices for j in members[other] if i < j]
    return sorted(pairs)


def contradictory_targets(facts: pd.DataFrame) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = []
    targets = facts[(facts.kind == "target") & (facts.indicator_id != "unclassified")]
    # A contradiction takes two targets of one indicator and year: a target stated alone is
    # never in one, so only repeated ones are compared (most targets are stated once).
    targets = targets[targets.duplicated(["report_id", "indicator_id", "period"], keep=False)]
    if targets.empty:
        return findings
    levels = facts[(facts.kind == "actual") & (facts.value_kind == "level")]
    series = {key: frame for key, frame in levels.groupby(["report_id", "indicator_id"])}
    for (report_id, indicator_id, period), group in targets.groupby(
            ["report_id", "indicator_id", "period"], sort=True):
        # Every target of the group has the same baseline: its report, indicator and year.
        base = _baseline(series.get((report_id, indicator_id)), period)
        rows = [pd.Series(row._asdict()) for row in group.itertuples(index=False)]
        stated = [_as_level(row, base) for row in rows]
        ranges = [None if math.isnan(level) else (*level_range(row.comparator, level), unit)
                  for row, (level, unit) in zip(rows, stated, strict=True)]
        for i, j in _disjoint_pairs(ranges):
            a, b = rows[i], rows[j]
            (level_a, unit_a), (level_b, _) = stated[i], stated[j]
            used = base if a.value_kind == "growth_pct" or b.value_kind == "growth_pct" \
                else None
            involved = [a.fact_id, b.fact_id] + ([used.fact_id] if used is not None else [])
            findings.append({
                "finding_id": f"contradictory_targets:{a.fact_id}:{b.fact_id}",
                "report_id": report_id,
                "rule": "contradictory_targets",
                "severity": "warning",
                "indicator_id": indicator_id,
                "period": int(period),
                "fact_ids": ";".join(involved),
                "message_zh": _message_zh(a, b, level_a, level_b, unit_a, used),
                "message_en": _message_en(a, b, level_a, level_b, unit_a, used),
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
    return pd.DataFrame(contradictory_targets(facts), columns=column_names("quality"))
