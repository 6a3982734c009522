"""The presentation tests read the report bundles of tests/conftest.py (``counties``: 鹿鸣县
2024 and 2025, 青石县 2025), each slide builder seeing the snapshot scoped to one report."""

from __future__ import annotations

import pytest

from dashboard.data import Dataset


@pytest.fixture
def app(app_with, counties: Dataset):
    """The real app serving ``counties`` (a request context pushed for page functions)."""
    return app_with(counties)



