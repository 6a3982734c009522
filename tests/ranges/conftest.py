"""A range target (地区生产总值增长6%—7%): two facts in indicators.csv, one target everywhere
downstream. ``ranges`` is the bundle tests/fixtures/bundles/ranges built with the real
pipeline: 柳岸县's 2024 report (its main targets state three ranges, 增长6%—7%, 5%～6% and
能耗下降2%—3%; a task restates 6%—7% and plans 粮食产量12至13万吨) and its 2025 report, which
reviews 2024 (GDP +6.5 %, revenue +4.8 %, energy use −2.4 %, grain 12.6万吨).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import dash
import pytest

from dashboard import theme
from dashboard.data import Dataset
from dashboard.data_files import load_dataset
from tests.conftest import build_seeds

BUNDLE = Path(__file__).resolve().parents[1] / "fixtures" / "bundles" / "ranges"


@pytest.fixture(scope="session")
def ranges_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeds(BUNDLE, tmp_path_factory.mktemp("ranges") / "data")


@pytest.fixture(scope="session")
def ranges(ranges_dir: Path) -> Dataset:
    theme.register_template()
    return load_dataset(ranges_dir)


@pytest.fixture(scope="session")
def liuan_2024(ranges: Dataset) -> Dataset:
    """The 2024 report: sets the ranges."""
    return ranges.scoped("liuan-2024")


@pytest.fixture
def serve(app_with) -> Callable[[Dataset], dict[str, ModuleType]]:
    """``serve(dataset)``: page modules by name, of the real app serving ``dataset``."""

    def make(dataset: Dataset) -> dict[str, ModuleType]:
        app_with(dataset)
        return {page["name"]: sys.modules[page["module"]]
                for page in dash.page_registry.values()}

    return make
