"""Fixtures for the workbench tests: the real data, and an app holding only the two
workbench pages (other pages are built by other people and stay out of these tests)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import dash
import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[2]
PAGE_FILES = ("data_explorer.py", "report.py")
FIXTURES = ROOT / "tests" / "fixtures" / "explorer"


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def workbench_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("workbench_pages")
    for name in PAGE_FILES:
        (folder / name).symlink_to(ROOT / "dashboard" / "pages" / name)
    return folder


@pytest.fixture
def pages(workbench_pages: Path) -> dict[str, ModuleType]:
    """A fresh app; its page modules by page name ("data", "report")."""
    create_app(pages_folder=workbench_pages)
    return {p["name"]: sys.modules[p["module"]] for p in dash.page_registry.values()}


@pytest.fixture(scope="session")
def hostile_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """A small report whose text holds <script>, <img onerror> and <b> tags."""
    from dashboard.pipeline.build import build

    seeds = FIXTURES / "hostile"
    out = tmp_path_factory.mktemp("hostile_data")
    build(seeds, out)
    return load_dataset(out, seeds)
