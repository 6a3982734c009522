"""The presentation tests read the report bundles of tests/conftest.py (``counties``: 鹿鸣县
2024 and 2025, 青石县 2025), each slide builder seeing the snapshot scoped to one report."""

from __future__ import annotations

import pytest

from dashboard.data import Dataset


@pytest.fixture
def app(app_with, counties: Dataset):
    """The real app serving ``counties`` (a request context pushed for page functions)."""
    return app_with(counties)


@pytest.fixture(scope="session")
def luming_2024(counties: Dataset) -> Dataset:
    """The 2024 report of 鹿鸣县: reviews 2023, sets the 2024 targets."""
    return counties.scoped("luming-2024")


@pytest.fixture(scope="session")
def luming_2025(counties: Dataset) -> Dataset:
    """The 2025 report of 鹿鸣县: reviews 2024, sets the 2025 targets."""
    return counties.scoped("luming-2025")


@pytest.fixture(scope="session")
def qingshi_2025(counties: Dataset) -> Dataset:
    """青石县's 2025 report: industry and energy, no tourism."""
    return counties.scoped("qingshi-2025")
