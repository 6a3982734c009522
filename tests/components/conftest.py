"""The fixture reports (tests/conftest.py ``counties``) seen one at a time, as a page sees
them: ``luming_2024`` (reviews 2023, sets the 2024 targets) and ``luming_2025`` (reviews 2024,
sets the 2025 targets)."""

from __future__ import annotations

import pytest

from dashboard.data import Dataset


@pytest.fixture(scope="session")
def luming_2024(counties: Dataset) -> Dataset:
    return counties.scoped("luming-2024")


@pytest.fixture(scope="session")
def luming_2025(counties: Dataset) -> Dataset:
    return counties.scoped("luming-2025")
