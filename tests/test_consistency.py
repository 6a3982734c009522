"""A version whose rows name a report or fact that is not there is refused on load, naming the
file and the first strays (``data_files.check_consistency``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import DataError
from dashboard.data_files import check_consistency, dataset_from_files, read_data_files


def test_a_whole_version_is_consistent(counties_dir: Path) -> None:
    dataset = dataset_from_files(read_data_files(counties_dir), "counties")
    check_consistency(dataset, "counties")  # nothing raised


@pytest.mark.parametrize("table", ["indicators", "passages", "target_groups"])
def test_rows_of_a_report_not_in_reports_csv_are_refused(counties_dir: Path, table: str) -> None:
    dataset = dataset_from_files(read_data_files(counties_dir), "counties")
    frame = getattr(dataset, table)
    stray = pd.concat([frame, frame.head(1).assign(report_id="nowhere-2030")])
    with pytest.raises(DataError, match=r"counties/\w+\.csv: rows of unknown report\(s\) "
                                        r"\['nowhere-2030'\]"):
        check_consistency(replace(dataset, **{table: stray}), "counties")


def test_a_target_group_of_an_unknown_fact_is_refused(counties_dir: Path) -> None:
    dataset = dataset_from_files(read_data_files(counties_dir), "counties")
    groups = dataset.target_groups
    stray = pd.concat([groups, groups.head(1).assign(fact_id="no-such-fact")])
    with pytest.raises(DataError, match=r"target_groups\.csv: unknown fact\(s\) "
                                        r"\['no-such-fact'\]"):
        check_consistency(replace(dataset, target_groups=stray), "counties")
