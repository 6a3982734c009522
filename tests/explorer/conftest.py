"""Fixtures for the workbench tests: the test bundles (``counties``, tests/conftest.py), and
an app serving them that holds only the two workbench pages (other pages are built by other
people and stay out of these tests)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import dash
import pytest

from dashboard.data import Dataset
from dashboard.data_files import load_dataset

ROOT = Path(__file__).resolve().parents[2]
PAGE_FILES = ("data_explorer.py", "report.py")
FIXTURES = ROOT / "tests" / "fixtures" / "explorer"
# A report that is not the default one (the default is the latest work report, luming-2025),
# so a test passing only because the page fell back to the default would fail.
REPORT = "luming-2024"


@pytest.fixture(scope="session")
def dataset(counties: Dataset) -> Dataset:
    """Every report of the test bundles, unscoped."""
    return counties


@pytest.fixture(scope="session")
def report(counties: Dataset) -> Dataset:
    """The snapshot seen from the 鹿鸣县 2024 report."""
    return counties.scoped(REPORT)


@pytest.fixture(scope="session")
def workbench_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("workbench_pages")
    for name in PAGE_FILES:
        (folder / name).symlink_to(ROOT / "dashboard" / "pages" / name)
    return folder


@pytest.fixture
def pages(app_with, counties: Dataset, workbench_pages: Path) -> dict[str, ModuleType]:
    """A fresh app serving ``counties``; its page modules by page name ("data", "report")."""
    app_with(counties, workbench_pages)
    return {p["name"]: sys.modules[p["module"]] for p in dash.page_registry.values()}


@pytest.fixture(scope="session")
def hostile_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """A small report whose text holds <script>, <img onerror> and <b> tags (no sources.yml:
    its id is the file name, hostile-2024). No actuals.csv: load_dataset reads none then."""
    from dashboard.pipeline.build import build

    out = tmp_path_factory.mktemp("hostile_data")
    build(FIXTURES / "hostile", out)
    return load_dataset(out)
