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

from dashboard.progress.status import elapsed_share

ORIGIN_RANK = {"statistical_bulletin": 0, "work_report": 1, "manual": 2}
MARK_COLUMNS = ["indicator_id", "sector", "period", "value_kind", "value_std", "unit_std", "as_of",
                "elapsed", "origin", "published", "start", "fact_id", "line"]


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
    if "period_start" in facts:  # a five-year total or average is no year's actual
        facts = facts[facts.period_start == facts.period]
    meta = reports.set_index("report_id")
    published = meta["published"].fillna(meta["delivered"]).fillna("")
    from_reports = pd.DataFrame({
        "indicator_id": facts.indicator_id, "sector": facts.sector,
        "period": facts.period.astype(int),
        "value_kind": facts.value_kind, "value_std": facts.value_std.astype(float),
        "unit_std": facts.unit_std, "as_of": facts.period.astype(int).astype(str) + "-12-31",
        "elapsed": 1.0, "origin": facts.report_id.map(meta["genre"]),
        "published": facts.report_id.map(published), "start": facts.start.astype(int),
        "fact_id": facts.fact_id, "line": 0,
    }, columns=MARK_COLUMNS)
    from_file = pd.DataFrame({
        "indicator_id": actuals.indicator_id, "sector": "",
        "period": actuals.period.astype(int),
        "value_kind": actuals.value_kind, "value_std": actuals.value_std.astype(float),
        "unit_std": actuals.unit_std, "as_of": actuals.as_of,
        "elapsed": [elapsed_share(a, int(p)) for a, p in zip(actuals.as_of, actuals.period,
                                                              strict=True)],
        "origin": "manual", "published": "", "start": 0, "fact_id": None,
        "line": actuals.line.astype(int),
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


def _candidates(marks: pd.DataFrame, key: Key) -> pd.DataFrame:
    rows = marks[(marks.indicator_id == key.indicator_id) & (marks.value_kind == key.value_kind)
                 & (marks.unit_std == key.unit_std)]
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
