"""Load and validate the tables in data/ once, at start-up.

The app refuses to start on a missing or malformed table, with one message naming the file
and the problem. Pages read the validated frames through `get_dataset()`; nothing here is
mutated after `init_dataset()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
from pandera.errors import SchemaErrors

from dashboard.pipeline.build import DATA_DIR, ROOT, SEEDS_DIR
from dashboard.pipeline.lexicon import Indicator, load_lexicon
from dashboard.pipeline.schema import TABLES, columns, validate
from dashboard.pipeline.text import ReportError, read_report
from dashboard.progress.actuals import FILE_NAME as ACTUALS_FILE
from dashboard.progress.actuals import Rejection, empty_actuals, load_actuals


class DataError(Exception):
    """A data file the app cannot use; the message names the file and the problem."""


@dataclass(frozen=True)
class Dataset:
    indicators: pd.DataFrame
    reports: pd.DataFrame
    quality: pd.DataFrame
    relative_targets: pd.DataFrame
    seeds_dir: Path = SEEDS_DIR
    # data/actuals.csv: figures entered by hand (dashboard/progress/actuals.py); bad rows are
    # left out and listed in actual_rejections instead of stopping the app.
    actuals: pd.DataFrame = field(default_factory=empty_actuals)
    actual_rejections: list[Rejection] = field(default_factory=list)

    @cached_property
    def lexicon(self) -> dict[str, Indicator]:
        return load_lexicon().indicators

    def report(self, report_id: str) -> pd.Series:
        return self.reports.set_index("report_id").loc[report_id]

    def report_text(self, report_id: str) -> str:
        """The report's text, in which every fact's start/end offsets point."""
        return read_report(self.seeds_dir / str(self.report(report_id)["file"]))

    def facts_in_quality_findings(self) -> set[str]:
        ids: set[str] = set()
        for fact_ids in self.quality["fact_ids"]:
            ids.update(str(fact_ids).split(";"))
        return ids


def _read_table(name: str, data_dir: Path) -> pd.DataFrame:
    filename = TABLES[name][0]
    path = data_dir / filename
    if not path.is_file():
        raise DataError(f"{path}: missing; run `python -m dashboard.pipeline build`")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{path}: not a readable UTF-8 CSV ({exc.__class__.__name__})") from None
    for col in columns(name):
        if col.nullable and col.name in frame:
            frame[col.name] = frame[col.name].replace("", None)
    try:
        return validate(name, frame)
    except SchemaErrors as exc:
        first = exc.failure_cases.iloc[0]
        raise DataError(
            f"{path}: {len(exc.failure_cases)} problem(s); first: column "
            f"{first['column']!r} fails {first['check']!r} (value {first['failure_case']!r})"
        ) from None


def load_dataset(data_dir: Path = DATA_DIR, seeds_dir: Path = SEEDS_DIR) -> Dataset:
    """Read and validate every table; raise DataError on the first unusable file."""
    tables = {name: _read_table(name, data_dir) for name in TABLES}
    actuals_path = data_dir / ACTUALS_FILE
    label = (str(actuals_path.relative_to(ROOT)) if actuals_path.is_relative_to(ROOT)
             else str(actuals_path))
    actuals, rejections = load_actuals(actuals_path, load_lexicon().indicators, label)
    dataset = Dataset(**tables, seeds_dir=seeds_dir, actuals=actuals,
                      actual_rejections=rejections)
    missing = set(dataset.indicators["report_id"]) - set(dataset.reports["report_id"])
    if missing:
        raise DataError(f"{data_dir / 'indicators.csv'}: facts from unknown report(s) "
                        f"{sorted(missing)} (not in reports.csv)")
    for report_id in dataset.reports["report_id"]:
        try:
            dataset.report_text(report_id)
        except ReportError as exc:
            raise DataError(f"{exc.path}: {exc.reason}") from None
    return dataset


_dataset: Dataset | None = None


def init_dataset(data_dir: Path = DATA_DIR, seeds_dir: Path = SEEDS_DIR) -> Dataset:
    """Load the tables once; called by create_app before the server starts."""
    global _dataset
    _dataset = load_dataset(data_dir, seeds_dir)
    return _dataset


def get_dataset() -> Dataset:
    if _dataset is None:
        raise DataError("data not loaded: create the app with dashboard.app_factory.create_app")
    return _dataset
