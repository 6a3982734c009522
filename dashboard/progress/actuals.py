"""data/actuals.csv: actual figures that analysts enter by hand from monthly or quarterly
releases during the year.

Columns `indicator_id, period, as_of, value, unit, source`. Every row is checked; a bad row is
rejected with a message naming the file, the line and the column, and the other rows still
load. The file is part of a data version (dashboard/data_files.py); a missing file means no
entries.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.pipeline.classify import standardise
from dashboard.pipeline.lexicon import Indicator
from dashboard.pipeline.numbers import Quantity
from dashboard.pipeline.tables import number_cell, parse_unit
from dashboard.pipeline.units import unit_info

FILE_NAME = "actuals.csv"
COLUMNS = ("indicator_id", "period", "as_of", "value", "unit", "source")
# Written by the app for approved in-year figures (dashboard/entries/publishing.py): what the
# figure measures, and whether it is preliminary, revised or final.
OPTIONAL = ("measure", "status")
MEASURES = ("level", "growth_pct", "share_pct", "change_pp", "completion_pct")
STATUSES = ("", "preliminary", "revised", "final")
FRAME_COLUMNS = [*COLUMNS, "status", "value_kind", "value_std", "unit_std", "line"]
MAX_SOURCE = 300
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PERIOD = re.compile(r"(19|20|21)\d{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# What each rejection code means; the page shows the same reasons translated (i18n keys
# "targets.reject.<code>").
REASONS = {
    "unreadable": "the file is not UTF-8 text",
    "header": "the header must be: " + ",".join(COLUMNS) + " (optional: "
              + ",".join(OPTIONAL) + ")",
    "bad_measure": "not a measure (" + ", ".join(MEASURES) + ")",
    "bad_status": "not a status (preliminary, revised, final)",
    "cells": f"a row must have {len(COLUMNS)} cells",
    "unknown_indicator": "no such indicator in the lexicon",
    "bad_period": "not a year",
    "bad_date": "not a date written YYYY-MM-DD",
    "date_outside_period": "the date is not within the period",
    "not_a_number": "not a number",
    "bad_unit": "not a unit",
    "unit_mismatch": "the unit does not fit the indicator",
    "bad_source": f"the source must be 1 to {MAX_SOURCE} characters on one line",
    "duplicate": "same indicator, period, date and kind of figure as an earlier row",
}


@dataclass(frozen=True)
class Rejection:
    """One rejected row (or the whole file, for `unreadable` and `header`)."""

    file: str
    line: int
    column: str  # a column name, or "" for the whole row
    code: str  # a key of REASONS
    value: str = ""  # the offending text, shortened
    first_line: int | None = None  # for a duplicate: the row it repeats

    @property
    def message(self) -> str:
        where = f"{self.file}:{self.line}" + (f": column {self.column}" if self.column else "")
        value = f" ({self.value!r})" if self.value else ""
        again = f" on line {self.first_line}" if self.first_line else ""
        return f"{where}: {REASONS[self.code]}{again}{value}"

    def __str__(self) -> str:
        return self.message


def empty_actuals() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in FRAME_COLUMNS})


def _dtype(column: str) -> str:
    return {"period": "int64", "value": "float64", "value_std": "float64",
            "line": "int64"}.get(column, "object")


def value_kind_for(indicator: Indicator, base: str) -> str:
    """% for an indicator that also has levels is a growth rate, else a rate (share)."""
    if base == "个百分点":
        return "change_pp"
    if base in ("%", "‰", "倍", "成", "番"):
        levels = [d for d in indicator.dims if d != "percent"]
        return "growth_pct" if levels else "share_pct"
    info = unit_info(base)
    return "count" if info is not None and info.is_count else "level"


def _dimension(base: str) -> str:
    if base in ("%", "‰", "倍", "成", "番", "个百分点"):
        return "percent"
    info = unit_info(base)
    return info.dimension if info is not None else "none"


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


class _RowReader:
    def __init__(self, label: str, indicators: Mapping[str, Indicator]) -> None:
        self.label = label
        self.indicators = indicators
        self.seen: dict[tuple[str, int, str, str], int] = {}

    def reject(self, line: int, column: str, code: str, value: str = "",
               first: int | None = None) -> Rejection:
        return Rejection(self.label, line, column, code, _short(value), first)

    def read(self, line: int, row: dict[str, str]) -> dict[str, object] | Rejection:
        indicator = self.indicators.get(row["indicator_id"])
        if indicator is None:
            return self.reject(line, "indicator_id", "unknown_indicator", row["indicator_id"])
        if not _PERIOD.fullmatch(row["period"]):
            return self.reject(line, "period", "bad_period", row["period"])
        period = int(row["period"])
        try:
            as_of = date.fromisoformat(row["as_of"]) if _DATE.fullmatch(row["as_of"]) else None
        except ValueError:
            as_of = None
        if as_of is None:
            return self.reject(line, "as_of", "bad_date", row["as_of"])
        if as_of.year != period:
            return self.reject(line, "as_of", "date_outside_period", row["as_of"])
        value = number_cell(row["value"])
        if value is None or not math.isfinite(value):
            return self.reject(line, "value", "not_a_number", row["value"])
        parsed = parse_unit(row["unit"])
        if parsed is None:
            return self.reject(line, "unit", "bad_unit", row["unit"])
        base, magnitude = parsed
        dim = _dimension(base)
        if dim not in indicator.dims and not (dim == "people" and "count" in indicator.dims):
            return self.reject(line, "unit", "unit_mismatch", row["unit"])
        source = row["source"]
        if not source or len(source) > MAX_SOURCE or _CONTROL.search(source):
            return self.reject(line, "source", "bad_source", source)
        measure, status = row.get("measure", ""), row.get("status", "")
        if measure and (measure not in MEASURES or (measure != "level") != (dim == "percent")):
            return self.reject(line, "measure", "bad_measure", measure)
        if status not in STATUSES:
            return self.reject(line, "status", "bad_status", status)
        kind = measure or value_kind_for(indicator, base)
        key = (indicator.id, period, as_of.isoformat(), kind)
        if key in self.seen:
            return self.reject(line, "", "duplicate", first=self.seen[key])
        self.seen[key] = line
        q = Quantity(0, 0, value, row["unit"], 0, magnitude, base, False, False)
        value_std, unit_std = standardise(q, value)
        return {"indicator_id": indicator.id, "period": period, "as_of": as_of.isoformat(),
                "value": value, "unit": row["unit"], "source": source, "status": status,
                "value_kind": kind,
                "value_std": value_std, "unit_std": unit_std, "line": line}


def parse_actuals(text: str, label: str, indicators: Mapping[str, Indicator]
                  ) -> tuple[pd.DataFrame, list[Rejection]]:
    """Rows of an actuals.csv text that pass every check, and a Rejection for each that fails."""
    reader = csv.reader(io.StringIO(text))
    rejections: list[Rejection] = []
    header = next(reader, None)
    names = [h.strip() for h in header] if header else []
    if (len(set(names)) != len(names) or not set(COLUMNS) <= set(names)
            or not set(names) <= {*COLUMNS, *OPTIONAL}):
        return empty_actuals(), [Rejection(label, 1, "", "header", _short(",".join(names)))]
    rows_in = _RowReader(label, indicators)
    rows: list[dict[str, object]] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            rejections.append(rows_in.reject(line, "", "cells", ",".join(cells)))
            continue
        result = rows_in.read(line, {n: c.strip() for n, c in zip(names, cells, strict=True)})
        if isinstance(result, Rejection):
            rejections.append(result)
        else:
            rows.append(result)
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS) if rows else empty_actuals()
    return frame.astype({c: _dtype(c) for c in FRAME_COLUMNS}), rejections


def load_actuals(path: Path, indicators: Mapping[str, Indicator], label: str | None = None
                 ) -> tuple[pd.DataFrame, list[Rejection]]:
    """Read data/actuals.csv; a missing file holds no entries."""
    label = label or str(path)
    if not path.is_file():
        return empty_actuals(), []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (UnicodeDecodeError, OSError):
        return empty_actuals(), [Rejection(label, 1, "", "unreadable")]
    return parse_actuals(text.replace("\r\n", "\n"), label, indicators)
