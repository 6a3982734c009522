"""Data for the brief's tests: the seed's committed ``data/`` (the brief officials print),
the fixture counties (conftest.py: 鹿鸣县 2024 and 2025, 青石县 2025), and 鹿鸣县 with in-year
figures entered by staff (one preliminary, one hand row whose source is hostile text);
databases of each backend (``url``, ``store``) for the printed briefs they keep; the print
queue's folder of each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard import theme
from dashboard.data import Dataset
from dashboard.data_files import load_dataset
from dashboard.pipeline.build import DATA_DIR
from tests.store.conftest import pg_cluster, store, url  # noqa: F401 - fixtures

ENTRIES = (
    "indicator_id,period,as_of,value,unit,source,measure,status\n"
    "gdp,2025,2025-06-30,5.6,%,县统计局半年快报,growth_pct,preliminary\n"
    "retail_sales,2025,2025-06-30,6.1,%,<b>县商务局</b> & {source},growth_pct,\n"
)


@pytest.fixture(scope="session")
def seed() -> Dataset:
    theme.register_template()
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="session")
def with_entries(luming_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """鹿鸣县 with two in-year figures for 2025 in actuals.csv."""
    folder = tmp_path_factory.mktemp("entries") / "data"
    shutil.copytree(luming_dir, folder)
    (folder / "actuals.csv").write_text(ENTRIES, encoding="utf-8")
    return load_dataset(folder)


@pytest.fixture(autouse=True)
def print_spool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The print queue's lock files in the test's folder, never the checkout's instance/."""
    from dashboard.brief.printer import SPOOL_ENV

    folder = tmp_path / "print"
    monkeypatch.setenv(SPOOL_ENV, str(folder))
    return folder
