"""The real app's page modules (as Dash executed them) and datasets lacking indicators."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from types import ModuleType

import dash
import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset, get_dataset


@pytest.fixture(scope="module")
def pages() -> dict[str, ModuleType]:
    """Page modules by name, from the registry of a freshly created app."""
    create_app()
    return {page["name"]: sys.modules[page["module"]] for page in dash.page_registry.values()}


@pytest.fixture
def without(pages) -> Callable[..., Dataset]:
    """A copy of the loaded dataset lacking the facts of the given indicators."""

    def make(*indicator_ids: str) -> Dataset:
        data = get_dataset()
        kept = data.indicators[~data.indicators.indicator_id.isin(indicator_ids)]
        return dataclasses.replace(data, indicators=kept)

    return make


@pytest.fixture
def use_dataset(monkeypatch):
    """Make a page module (its layout and callbacks) read ``dataset``."""

    def install(module: ModuleType, dataset: Dataset) -> None:
        monkeypatch.setattr(module, "get_dataset", lambda: dataset)

    return install
