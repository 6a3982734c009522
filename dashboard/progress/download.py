"""``/targets.csv?report=…&year=…``: the target table of a report and year as a CSV file.

The same rows as ``python -m dashboard.progress --year YEAR`` (``table_csv.py``), written as
the data explorer writes its downloads (UTF-8 with a BOM, formula-like text neutralised), so
the joins can be checked in a spreadsheet. Unknown or hostile query values give the default
report and year, as the page does.
"""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
from flask import Flask, Response, request

from dashboard import downloads
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.progress.scope import scope
from dashboard.progress.table_csv import COLUMNS, target_rows
from dashboard.progress.targets import target_table

PATH = "/targets.csv"


def file_name(report_id: str, year: int) -> str:
    return f"{report_id}-targets-{year}.csv"


def href(report_id: str | None, year: int) -> str:
    return f"{PATH}?year={year}" + (f"&report={report_id}" if report_id else "")


def target_file(dataset: Dataset, report: object, year: object) -> tuple[str, bytes]:
    """(file name, CSV bytes) of the target table the page would show for these values."""
    scoped, chosen, _ = scope(dataset, report, year)
    table = target_table(scoped, chosen)
    body = scoped.cached(("targets-csv", chosen), lambda: downloads.to_csv(
        pd.DataFrame(target_rows(table), columns=list(COLUMNS))))
    return file_name(str(scoped.report_id or "targets"), chosen), body


def register(server: Flask) -> None:
    @server.get(PATH)
    def _targets_csv() -> Response:
        name, body = target_file(current_dataset(), request.args.get("report"),
                                 request.args.get("year"))
        return Response(body, mimetype="text/csv", headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store"})
