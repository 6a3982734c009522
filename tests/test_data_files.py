"""A data version's files into a snapshot: full validation, and the typed-only path for
files validated before by the same schema, which must give identical tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data import DataError
from dashboard.data_files import dataset_from_files, read_data_files, version_of
from dashboard.pipeline.build import DATA_DIR
from dashboard.pipeline.schema import TABLES, fingerprint


@pytest.mark.parametrize("folder", ["seed", "counties"])
def test_typed_only_loading_gives_the_validated_tables(folder: str, counties_dir: Path):
    files = read_data_files(DATA_DIR if folder == "seed" else counties_dir)
    checked = dataset_from_files(files, folder)
    typed = dataset_from_files(files, folder, validated=True)
    for name in [*TABLES, "actuals"]:
        left, right = getattr(checked, name), getattr(typed, name)
        assert list(left.columns) == list(right.columns), name
        assert left.dtypes.equals(right.dtypes), name
        assert left.equals(right), name
    assert checked.version == typed.version == version_of(files)


def test_the_version_hash_follows_the_content(counties_dir: Path):
    files = read_data_files(counties_dir)
    changed = dict(files, **{"actuals.csv": files["actuals.csv"] + b"\n"})
    assert version_of(files) != version_of(changed)
    # datapackage.json describes the columns; it does not change what is served.
    assert version_of(files) == version_of(dict(files, **{"datapackage.json": b"{}"}))


def test_schema_fingerprint_is_stable_within_a_process():
    assert fingerprint() == fingerprint() and len(fingerprint()) == 16


def test_errors_name_the_file_line_and_column(counties_dir: Path):
    files = read_data_files(counties_dir)
    text = files["indicators.csv"].decode().splitlines(keepends=True)
    cells = text[2].split(",")
    cells[8] = "forecast"  # kind of the second fact, line 3
    text[2] = ",".join(cells)
    with pytest.raises(DataError, match=r"x/indicators.csv: line 3: column 'kind'"):
        dataset_from_files(dict(files, **{"indicators.csv": "".join(text).encode()}), "x")
    header_only = files["sectors.csv"].decode().splitlines()[0].replace("position", "rank")
    with pytest.raises(DataError, match=r"sectors.csv: line 1: column\(s\) \['position'\]"):
        dataset_from_files(dict(files, **{"sectors.csv": header_only.encode()}), "x")
    with pytest.raises(DataError, match="passages.csv: missing"):
        dataset_from_files({k: v for k, v in files.items() if k != "passages.csv"}, "x")


def test_unreadable_in_year_figures_are_listed_not_fatal(counties_dir: Path):
    files = dict(read_data_files(counties_dir), **{"actuals.csv": b"\xff\xfe\x00bad"})
    dataset = dataset_from_files(files, "x")
    assert dataset.actuals.empty
    assert [r.code for r in dataset.actual_rejections] == ["unreadable"]
