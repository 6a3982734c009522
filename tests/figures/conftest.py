"""The real tables in data/, loaded once, and the plot template registered."""

from __future__ import annotations

import pytest

from dashboard import theme
from dashboard.data import Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    theme.register_template()
    return load_dataset()


@pytest.fixture(scope="session")
def facts(dataset):
    return dataset.indicators


@pytest.fixture(scope="session")
def reports(dataset):
    return dataset.reports
