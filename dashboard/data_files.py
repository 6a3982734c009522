"""The data files of one version (``data/*.csv`` and ``datapackage.json``), read and validated
into a :class:`~dashboard.data.Dataset`.

A version is a mapping of file name to bytes: read from a folder (``read_data_files``) or
from the database (``dashboard/store/versions.py``), and turned into a snapshot by the same
code either way (``dataset_from_files``). A missing or malformed table raises DataError
naming the file, the line and the column.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from pandera.errors import SchemaErrors

from dashboard.data import DataError, Dataset
from dashboard.pipeline.build import DATA_DIR, ROOT
from dashboard.pipeline.schema import TABLES, coerce, columns, validate
from dashboard.progress.actuals import FILE_NAME as ACTUALS_FILE
from dashboard.progress.actuals import Rejection, empty_actuals, parse_actuals

PACKAGE_FILE = "datapackage.json"
TABLE_FILES = tuple(spec[0] for spec in TABLES.values())
# Files a version may hold besides the tables: in-year figures and the column descriptions.
OPTIONAL_FILES = (ACTUALS_FILE, PACKAGE_FILE)
DATA_FILES = (*TABLE_FILES, *OPTIONAL_FILES)
BUILD_HINT = "run `python -m dashboard.pipeline build`"


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Read and validate every table of ``data_dir``; raise DataError on the first unusable
    file."""
    return dataset_from_files(read_data_files(data_dir), _label(data_dir))


def _label(data_dir: Path) -> str:
    return str(data_dir.relative_to(ROOT)) if data_dir.is_relative_to(ROOT) else str(data_dir)


def read_data_files(data_dir: Path) -> dict[str, bytes]:
    """The version in ``data_dir``: every table (required) and the optional files present."""
    files: dict[str, bytes] = {}
    for name in DATA_FILES:
        path = data_dir / name
        if path.is_file():
            files[name] = path.read_bytes()
        elif name in TABLE_FILES:
            raise DataError(f"{path}: missing; {BUILD_HINT}")
    return files


def version_of(files: Mapping[str, bytes]) -> str:
    """A content hash of the tables and in-year figures: the same files, the same version."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        if name in files and name != PACKAGE_FILE:
            digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()[:12]


def dataset_from_files(files: Mapping[str, bytes], label: str,
                       version: str | None = None, validated: bool = False,
                       frames: Mapping[str, pd.DataFrame] | None = None) -> Dataset:
    """Validate every table of one version into a snapshot; DataError on the first problem.

    ``label`` names the version in messages (a folder, or "version 7"). ``validated``: the
    files passed this same schema before (a stored version with the current schema
    fingerprint), so only the column types are set: a few times faster, which is what a
    worker picking up a new version waits for. ``frames``: tables already read (by table
    name) from identical files of an earlier version; their files may be left out.
    """
    kept = frames or {}
    tables = {name: kept[name] if name in kept else _table(files, name, label, validated)
              for name in TABLES}
    probe = Dataset(**tables)
    actuals_label = f"{label}/{ACTUALS_FILE}"
    actuals, rejections = empty_actuals(), []
    if ACTUALS_FILE in files:
        try:
            text = files[ACTUALS_FILE].decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError:
            # Like a bad row: the figures are left out and listed, the app still starts.
            rejections = [Rejection(actuals_label, 1, "", "unreadable")]
        else:
            actuals, rejections = parse_actuals(text, actuals_label, probe.lexicon)
    dataset = Dataset(**tables, actuals=actuals, actual_rejections=tuple(rejections),
                      version=version or version_of(files))
    check_consistency(dataset, label)
    return dataset


def _table(files: Mapping[str, bytes], name: str, label: str,
           validated: bool = False) -> pd.DataFrame:
    filename = TABLES[name][0]
    where = f"{label}/{filename}"
    if filename not in files:
        raise DataError(f"{where}: missing; {BUILD_HINT}")
    try:
        frame = pd.read_csv(io.BytesIO(files[filename]), dtype=str, keep_default_na=False,
                            encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{where}: not a readable UTF-8 CSV ({exc.__class__.__name__})") from None
    if validated:
        return coerce(name, _nulls(name, frame))
    return validate_frame(name, frame, where)


def _nulls(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    for col in columns(name):
        if col.nullable and col.name in frame:
            frame[col.name] = frame[col.name].replace("", None)
    return frame


def validate_frame(name: str, frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """Coerce and validate one table; DataError names ``label``, the line and the column."""
    missing = [c.name for c in columns(name) if c.name not in frame]
    if missing:
        raise DataError(f"{label}: line 1: column(s) {missing} missing from the header")
    frame = _nulls(name, frame.copy())
    try:
        return validate(name, frame)
    except SchemaErrors as exc:
        first = exc.failure_cases.iloc[0]
        index = first.get("index")
        # Line 1 is the header, so the frame's row i is on line i + 2 (no multi-line cells
        # before it in the tables the build writes).
        line = f"line {int(index) + 2}: " if _is_number(index) else ""
        raise DataError(
            f"{label}: {line}column {first['column']!r} fails {first['check']!r} "
            f"(value {first['failure_case']!r}; {len(exc.failure_cases)} problem(s) in all)"
        ) from None


def _is_number(value: object) -> bool:
    try:
        return not pd.isna(value) and int(value) >= 0  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def check_consistency(dataset: Dataset, label: str) -> None:
    """Every fact, passage and target group names a report that is there."""
    # isin (a hash join) rather than a Python set of every row: a province's half a million
    # facts took a second to iterate, on every load of a version.
    known = dataset.reports["report_id"]
    for name in ("indicators", "passages", "target_groups", "quality", "relative_targets"):
        rows = getattr(dataset, name)["report_id"]
        missing = set(rows[~rows.isin(known)])
        if missing:
            raise DataError(f"{label}/{TABLES[name][0]}: rows of unknown report(s) "
                            f"{sorted(missing)} (not in reports.csv)")
    grouped = dataset.target_groups["fact_id"]
    unknown = set(grouped[~grouped.isin(dataset.indicators["fact_id"])])
    if unknown:
        raise DataError(f"{label}/target_groups.csv: unknown fact(s) {sorted(unknown)[:3]}")
