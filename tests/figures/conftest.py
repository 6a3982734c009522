"""The reports figures are drawn from: the three fixture reports of ``counties`` (built from
tests/fixtures/bundles by the real pipeline), each seen on its own as a page sees it.

* ``luming_2024``: 鹿鸣县's 2024 report (reviews 2023, sets the 2024 targets);
* ``luming_2025``: its 2025 report (reviews 2024, sets the 2025 targets);
* ``qingshi_2025``: 青石县's 2025 report (industry and energy, no tourism).
"""

from __future__ import annotations

import pytest

from dashboard.data import Dataset


@pytest.fixture(scope="session")
def dataset(counties: Dataset) -> Dataset:
    return counties


@pytest.fixture(scope="session")
def reports(counties: Dataset):
    return counties.reports





@pytest.fixture(scope="session", params=["luming-2024", "luming-2025", "qingshi-2025"])
def report(request: pytest.FixtureRequest, counties: Dataset) -> Dataset:
    """Each fixture report in turn."""
    return counties.scoped(request.param)
