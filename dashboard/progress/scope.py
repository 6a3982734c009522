"""Which report and year the target panel shows (``/targets?report=…&year=…``).

``year`` may name any year for which a work report of the selected report's place sets
targets: that report is then shown. Pure: a snapshot in, a scoped snapshot and a year out.
"""

from __future__ import annotations

from typing import Any

from dashboard.data import Dataset, select_report
from dashboard.facts import same_place
from dashboard.progress.targets import target_years


def years_by_report(dataset: Dataset) -> dict[str, list[int]]:
    """Years with targets, per work report of the selected report's place."""
    def build() -> dict[str, list[int]]:
        place = same_place(dataset.reports, str(dataset.report_id))
        reports = dataset.reports[dataset.reports.report_id.isin(place)]
        found = {}
        for report_id in reports[reports.genre == "work_report"].report_id:
            scoped = dataset.everything.scoped(str(report_id))
            years = target_years(scoped.indicators, scoped.relative_targets)
            if years:
                found[str(report_id)] = years
        return found
    return dataset.cached(("target-years",), build)


def _year(value: Any) -> int | None:
    text = str(value) if isinstance(value, (int, str)) else ""
    return int(text) if text.isdigit() and len(text) <= 4 else None


def scope(dataset: Dataset, report: Any, year: Any = None) -> tuple[Dataset, int, list[str]]:
    """The report and year to show, and the names of the query values that were ignored.

    ``year`` (any year with targets in a work report of the place) picks the report setting
    it; otherwise the selected report's latest year with targets, or its own year when it
    sets none (so a heading never names year 0).
    """
    scoped, ok = select_report(dataset, report)
    invalid = [] if ok else ["report"]
    by_report = years_by_report(scoped)
    own = by_report.get(str(scoped.report_id), [])
    wanted = _year(year)
    if year not in (None, "") and wanted is None:
        invalid.append("year")
    if wanted is not None and wanted not in own:
        setting = [r for r, years in by_report.items() if wanted in years]
        if setting:
            scoped = dataset.everything.scoped(setting[-1])
            own = by_report[setting[-1]]
        else:
            invalid.append("year")
    fallback = (int(scoped.report(str(scoped.report_id))["report_year"])
                if scoped.report_id else 0)
    chosen = wanted if wanted in own else max(own, default=fallback)
    return scoped, chosen, invalid
