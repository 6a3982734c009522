"""What the read endpoints return, as pure functions of a snapshot: the reports, one
report's facts (the columns of the data explorer's download) and a target table (the rows of
``/targets`` and ``/targets.csv``, by the same functions). Kept in the snapshot's memo, so a
new data version brings its own."""

from __future__ import annotations

import pandas as pd

from dashboard import downloads
from dashboard.api.respond import plain
from dashboard.data import Dataset, report_ids
from dashboard.pipeline.schema import column_names
from dashboard.progress.table_csv import target_rows
from dashboard.progress.targets import TargetTable


def known_report(dataset: Dataset, report: object) -> bool:
    return isinstance(report, str) and report in report_ids(dataset)


def report_frame(dataset: Dataset) -> pd.DataFrame:
    """Every report of the snapshot with the columns of ``reports.csv``, by id."""
    def build() -> pd.DataFrame:
        reports = dataset.everything.reports
        names = [c for c in column_names("reports") if c in reports.columns]
        return reports[names].sort_values("report_id").reset_index(drop=True)
    return dataset.everything.memo.get(("api-reports",), build)


def fact_frame(dataset: Dataset, report_id: str) -> pd.DataFrame:
    """The facts of one report with every schema column and the report's title and date
    (``downloads.export_frame``, as the data explorer's CSV)."""
    scoped = dataset.everything.scoped(report_id)
    return scoped.cached(("api-facts",), lambda: downloads.export_frame(
        scoped.indicators, dataset.everything.reports))


def _ids(text: object) -> list[str]:
    return [part for part in str(text).split(";") if part]


def target_json(table: TargetTable) -> list[dict[str, object]]:
    """The target table's rows (``table_csv.target_rows``) as JSON: fact ids as lists,
    empty cells as null, and the target's sector, English name and period."""
    out = []
    for row, flat in zip(table.rows, target_rows(table), strict=True):
        item = {key: None if value == "" else plain(value) for key, value in flat.items()}
        item["target_fact_ids"] = _ids(flat["target_fact_ids"])
        item.update(indicator_en=row.name_en, sector=row.sector, period=int(row.period),
                    headline=bool(row.headline))
        out.append(item)
    return out
