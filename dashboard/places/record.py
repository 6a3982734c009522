"""One place's record: every target its work reports set, year after year, with what became
of it.

The rows are the target tables of ``dashboard/progress/targets.py``
(``target_table(dataset.scoped(report_id), year)`` for each work report of the place and each
year it sets targets for): the same targets, actuals (the later reports, a bulletin of the
place, approved in-year entries) and statuses as /targets, never recomputed. Here they are
counted:

* **met**: achieved (a full-year actual meets the target);
* **missed**: behind on a full-year actual;
* **in year**: only a figure within the year so far (on track, or behind on it): not yet a
  result either way;
* **no actual**: no report or entry states the year's figure.

The share met is met / (met + missed): the targets whose result is known. **Ambition** is the
target against the baseline (the latest full-year actual before, usually the year before):
the difference in percentage points for a rate or growth, in per cent for a level or count.
A **five-year goal** is a target over several years (“十四五”时期年均增长, ``period_start`` before
``period``) or for a year after its report's own (到2025年…): it is listed apart, against the
review that states the outcome over the same years, and left out of the yearly counts.

``scope`` ``main`` keeps the headline targets (the growth targets of the 主要预期目标 and the
comparison targets, ``TargetRow.headline``), ``all`` every target and plan.

Pure; ``place_record`` keeps one record per place in the snapshot's memo.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.progress.targets import TargetRow, target_table, target_years

if TYPE_CHECKING:
    from dashboard.data import Dataset

OUTCOMES: tuple[str, ...] = ("met", "missed", "in_year", "no_actual")
SCOPES: tuple[str, ...] = ("main", "all")
RATE_KINDS = frozenset({"growth_pct", "change_pp", "share_pct"})


def outcome(row: TargetRow) -> str:
    """met, missed, in_year or no_actual (module doc)."""
    if row.actual is None or row.status == "no_actual":
        return "no_actual"
    if not row.assessment.final:
        return "in_year"
    return "met" if row.status == "achieved" else "missed"


def ambition(row: TargetRow) -> float | None:
    """The target against its baseline: percentage points for a rate or growth, per cent of
    the baseline for a level or count; None without a numeric target or a baseline."""
    if row.value is None or row.baseline is None:
        return None
    if row.value_kind in RATE_KINDS:
        return row.value - row.baseline.value
    if abs(row.baseline.value) < 1e-12:
        return None
    return (row.value / row.baseline.value - 1.0) * 100.0


@dataclass(frozen=True)
class RecordRow:
    report_id: str  # the work report setting the target
    report_year: int
    target: TargetRow
    five_year: bool

    @property
    def year(self) -> int:
        return self.target.period

    @property
    def outcome(self) -> str:
        return outcome(self.target)

    @property
    def ambition(self) -> float | None:
        return None if self.five_year else ambition(self.target)


@dataclass(frozen=True)
class YearSummary:
    year: int
    report_ids: tuple[str, ...]
    counts: dict[str, int]  # by outcome

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def share(self) -> float | None:
        """met / (met + missed); None while no result is known."""
        known = self.counts["met"] + self.counts["missed"]
        return self.counts["met"] / known if known else None


@dataclass(frozen=True)
class Record:
    place: str
    report_ids: tuple[str, ...]  # the place's work reports, oldest first
    rows: tuple[RecordRow, ...]

    def scoped(self, scope: str) -> list[RecordRow]:
        return [r for r in self.rows if scope == "all" or r.target.headline]

    def annual(self, scope: str) -> list[RecordRow]:
        return [r for r in self.scoped(scope) if not r.five_year]

    def five_year(self, scope: str) -> list[RecordRow]:
        return [r for r in self.scoped(scope) if r.five_year]

    def years(self, scope: str = "all") -> list[int]:
        return sorted({r.year for r in self.annual(scope)})

    def summary(self, scope: str) -> list[YearSummary]:
        """Counts by outcome for each year's own targets (five-year goals apart)."""
        out = []
        for year in self.years(scope):
            rows = [r for r in self.annual(scope) if r.year == year]
            counts = {o: sum(r.outcome == o for r in rows) for o in OUTCOMES}
            out.append(YearSummary(year, tuple(dict.fromkeys(r.report_id for r in rows)),
                                   counts))
        return out

    def by_indicator(self, scope: str) -> list[tuple[str, dict[int, list[RecordRow]]]]:
        """(indicator id, year -> its targets of that year), headline indicators first, in
        the order first set."""
        found: dict[str, dict[int, list[RecordRow]]] = {}
        ordered = sorted(self.annual(scope), key=lambda r: (not r.target.headline, r.year))
        for row in ordered:
            found.setdefault(row.target.indicator_id, {}).setdefault(row.year, []).append(row)
        return list(found.items())

    def cited(self, scope: str, years: Collection[int] | None = None) -> list[str]:
        """The reports of the targets, baselines and actuals in ``scope`` (of ``years``)."""
        ids: list[str] = []
        for rec in self.scoped(scope):
            if years is not None and (rec.five_year or rec.year not in years):
                continue
            row = rec.target
            ids += [str(f["report_id"]) for f in row.facts]
            if row.relative is not None:
                ids.append(str(row.relative["report_id"]))
            for mark in (row.baseline, row.actual):
                if mark is not None and mark.fact is not None:
                    ids.append(str(mark.fact["report_id"]))
        return list(dict.fromkeys(ids))

    def headline_indicators(self) -> list[str]:
        """Indicators of the headline targets, in the order first set (the charts)."""
        return [ind for ind, _ in self.by_indicator("main")]


def _five_year(row: TargetRow, report_year: int) -> bool:
    starts = [int(str(f["period_start"])) for f in row.facts if "period_start" in f]
    return row.period > report_year or any(s < row.period for s in starts)


def build_record(dataset: Dataset, place: str) -> Record:
    """Every target of every work report of ``place`` (uncached)."""
    whole = dataset.everything
    reports = whole.reports[(whole.reports.place == place)
                            & (whole.reports.genre == "work_report")]
    reports = reports.sort_values(["report_year", "report_id"])
    rows: list[RecordRow] = []
    for report_id, report_year in zip(reports.report_id, reports.report_year, strict=True):
        scoped = whole.scoped(str(report_id))
        for year in target_years(scoped.indicators, scoped.relative_targets):
            for target in target_table(scoped, year).rows:
                rows.append(RecordRow(str(report_id), int(report_year), target,
                                      _five_year(target, int(report_year))))
    return Record(place, tuple(str(r) for r in reports.report_id), tuple(rows))


def place_record(dataset: Dataset, place: str) -> Record:
    """``build_record``, once per snapshot and place."""
    whole = dataset.everything
    return whole.cached(("record", place), lambda: build_record(whole, place))


def record_places(dataset: Dataset) -> list[str]:
    """Places with at least one work report, by name."""
    reports = dataset.everything.reports
    work = reports[(reports.genre == "work_report") & reports.place.apply(
        lambda p: isinstance(p, str) and p != "")]
    return list(dict.fromkeys(work.sort_values("place").place))
