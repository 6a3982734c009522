from __future__ import annotations

import pytest

from dashboard.data import Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()
