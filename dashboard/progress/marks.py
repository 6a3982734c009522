"""Actual figures that can serve as a target's baseline or latest actual.

Three origins, all in one table (`actual_marks`):

* a statistical bulletin (genre statistical_bulletin in reports.csv): its figures are actuals
  of the year it reports on;
* a work report: the figures its review states for the past year (indicators.csv, kind
  actual), so the report for year N+1 gives the actuals of year N's targets;
* data/actuals.csv: figures entered by hand, running to their `as_of` date.

Figures from reports cover the whole year (as of 31 December). A target is matched to the
figures of the same indicator, period, kind of value (level, growth, share…) and canonical
unit; for a generic indicator (lexicon sector "context", such as 投入资金) also of the same
sector, except for hand entries, which name no sector. The latest actual is the one running
to the latest date; among figures for the same date a bulletin comes first, then a work report
(the later published first), then a hand entry; then the first stated. The baseline is the
latest full-year figure of an earlier year, chosen the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.pipeline.nouns import is_open_id, object_key
from dashboard.pipeline.units import unit_info
from dashboard.progress.status import elapsed_share

ORIGIN_RANK = {"statistical_bulletin": 0, "work_report": 1, "manual": 2}
MARK_COLUMNS = ["indicator_id", "sector", "period", "period_start", "value_kind", "value_std",
                "unit_std", "as_of", "elapsed", "origin", "published", "start", "fact_id", "line",
                "match"]


@dataclass(frozen=True)
class Mark:
    """One actual figure: in canonical units, with where it comes from."""

    value: float
    unit: str
    period: int
    as_of: str  # ISO date the figure runs to
    elapsed: float  # share of the period covered
    origin: str  # statistical_bulletin, work_report or manual
    fact: dict[str, object] | None  # the indicators.csv row, for report figures
    entry: dict[str, object] | None  # the actuals.csv row, for hand entries

    @property
    def final(self) -> bool:
        return self.elapsed >= 1.0


def actual_marks(indicators: pd.DataFrame, reports: pd.DataFrame,
                 actuals: pd.DataFrame) -> pd.DataFrame:
    """Every classified actual figure, from reports and from actuals.csv, in one table."""
    facts = indicators[(indicators.kind == "actual")
                       & (indicators.indicator_id != "unclassified")]
    # A five-year total or average is no year's actual, but it is the actual of a target set
    # over the same years (年均增长8%以上 for 2021–2025).
    starts = facts.period_start if "period_start" in facts else facts.period
    meta = reports.set_index("report_id")
    published = meta["published"].fillna(meta["delivered"]).fillna("")
    from_reports = pd.DataFrame({
        "indicator_id": facts.indicator_id, "sector": facts.sector,
        "period": facts.period.astype(int), "period_start": starts.astype(int),
        "value_kind": facts.value_kind, "value_std": facts.value_std.astype(float),
        "unit_std": facts.unit_std, "as_of": facts.period.astype(int).astype(str) + "-12-31",
        "elapsed": 1.0, "origin": facts.report_id.map(meta["genre"]),
        "published": facts.report_id.map(published), "start": facts.start.astype(int),
        "fact_id": facts.fact_id, "line": 0,
        "match": [match_key(i, z) for i, z in zip(facts.indicator_id, facts.indicator_zh,
                                                   strict=True)],
    }, columns=MARK_COLUMNS)
    from_file = pd.DataFrame({
        "indicator_id": actuals.indicator_id, "sector": "",
        "period": actuals.period.astype(int), "period_start": actuals.period.astype(int),
        "value_kind": actuals.value_kind, "value_std": actuals.value_std.astype(float),
        "unit_std": actuals.unit_std, "as_of": actuals.as_of,
        "elapsed": [elapsed_share(a, int(p)) for a, p in zip(actuals.as_of, actuals.period,
                                                              strict=True)],
        "origin": "manual", "published": "", "start": 0, "fact_id": None,
        "line": actuals.line.astype(int), "match": actuals.indicator_id,
    }, columns=MARK_COLUMNS)
    frames = [f for f in (from_reports, from_file) if not f.empty]
    marks = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=MARK_COLUMNS)
    marks["rank"] = marks.origin.map(ORIGIN_RANK)
    # Latest date first; then bulletin, report, hand entry; the later report; the first stated.
    order = marks.sort_values(["start"]).sort_values(
        ["as_of", "rank", "published"], ascending=[False, True, False], kind="stable")
    return order.reset_index(drop=True)


@dataclass(frozen=True)
class Key:
    """What a target is matched on (sector only for generic indicators, else None)."""

    indicator_id: str
    period: int
    value_kind: str
    unit_std: str
    sector: str | None = None
    period_start: int | None = None  # a target over several years (十四五 年均增长): its first
    name: str = ""  # the indicator's name, for a name read from the text (matched in any order)


def match_key(indicator_id: str, name: str) -> str:
    """What a figure is matched on: the lexicon id, or for a name read from the text its words
    in any order (复垦耕地 = 耕地复垦)."""
    return object_key(name) if is_open_id(str(indicator_id)) else str(indicator_id)


def _same_unit(units: pd.Series, unit: str) -> pd.Series:
    """The unit, or for a count any count word (10件民生实事 = 10项民生实事)."""
    info = unit_info(unit)
    if info is not None and info.dimension == "count":
        return units.map(lambda u: (i := unit_info(str(u))) is not None and i.dimension == "count")
    return units == unit


def _candidates(marks: pd.DataFrame, key: Key) -> pd.DataFrame:
    same = marks.indicator_id == key.indicator_id  # (困难群众 = 困难群体: one id, nouns.py)
    if key.name:
        same |= marks["match"] == match_key(key.indicator_id, key.name)
    # Figures over as many years as the target: one year, or a span (2021–2025)
    years = key.period - (key.period_start or key.period)
    rows = marks[same & (marks.value_kind == key.value_kind)
                 & _same_unit(marks.unit_std, key.unit_std)
                 & (marks.period - marks.period_start == years)]
    if key.sector is not None:
        rows = rows[(rows.sector == key.sector) | (rows.sector == "")]
    return rows


def _mark(row: pd.Series, facts: pd.DataFrame, actuals: pd.DataFrame) -> Mark:
    fact = entry = None
    if row.origin == "manual":
        entry = actuals[actuals.line == row.line].iloc[0].to_dict()
    else:
        fact = facts.loc[row.fact_id].to_dict() | {"fact_id": row.fact_id}
    return Mark(float(row.value_std), str(row.unit_std), int(row.period), str(row.as_of),
                float(row.elapsed), str(row.origin), fact, entry)


def latest_rows(marks: pd.DataFrame, key: Key) -> pd.DataFrame:
    """The figures for the target's year running to the latest date, best first."""
    rows = _candidates(marks, key)
    rows = rows[rows.period == key.period]
    return rows[rows.as_of == rows.iloc[0].as_of] if not rows.empty else rows


def latest_actual(marks: pd.DataFrame, facts: pd.DataFrame, actuals: pd.DataFrame, key: Key,
                  pick: int = 0) -> tuple[Mark | None, tuple[Mark, ...]]:
    """The latest figure for the target's year (the `pick`-th of ``latest_rows``, the best by
    default), and other figures of that date that disagree with it (shown, never silently
    dropped)."""
    rows = latest_rows(marks, key)
    if rows.empty:
        return None, ()
    best = rows.iloc[pick]
    others = rows[(rows.value_std - best.value_std).abs() > 1e-9]
    return (_mark(best, facts, actuals),
            tuple(_mark(r, facts, actuals) for _, r in others.iterrows()))


def baseline(marks: pd.DataFrame, facts: pd.DataFrame, actuals: pd.DataFrame,
             key: Key) -> Mark | None:
    """The latest full-year figure before the target year."""
    rows = _candidates(marks, key)
    rows = rows[(rows.period < key.period) & (rows.elapsed >= 1.0)]
    if rows.empty:
        return None
    rows = rows[rows.period == rows.period.max()]
    return _mark(rows.iloc[0], facts, actuals)
