"""The real dataset and app for the presentation tests (built once per module)."""

from __future__ import annotations

import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset, get_dataset


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def dataset(app) -> Dataset:
    return get_dataset()
