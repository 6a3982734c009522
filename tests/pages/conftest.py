"""The real app's page modules (as Dash executed them), serving the fixture reports.

``pages`` is the app serving ``counties`` (鹿鸣县 2024 and 2025, 青石县 2025; the default
report is luming-2025, the latest work report). ``serve(dataset)`` starts the app on another
snapshot (one lacking some facts, say) and returns its page modules; the page functions and
callbacks called directly then read that snapshot through ``current_dataset()``. One app
per test: a second ``create_app`` inside the first one's request context is refused by Dash.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import dash
import pytest

from dashboard.data import Dataset

Pages = dict[str, ModuleType]


@pytest.fixture
def serve(app_with) -> Callable[[Dataset], Pages]:
    """``serve(dataset)``: page modules by name, of an app serving ``dataset``."""

    def make(dataset: Dataset) -> Pages:
        app_with(dataset)
        return {page["name"]: sys.modules[page["module"]]
                for page in dash.page_registry.values()}

    return make


@pytest.fixture
def pages(serve, counties: Dataset) -> Pages:
    return serve(counties)
