"""Settings and apps for tests, built the way the launcher builds them.

``app_settings(**changes)`` reads the settings from the test process's environment (its own
database and secret key: ``tests/conftest.py``) exactly as the launcher does, then applies
``changes``; a changed ``data_dir`` also moves the default ``seeds_dir`` beside it, as it
would in production. Every test app is built by the one composition root,
``dashboard.app_factory.create_app``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from dash import Dash

from dashboard.app_factory import create_app
from dashboard.settings import DATA_DIR_ENV, SEEDS_DIR_ENV, Settings, read_settings
from dashboard.startup import prepare_store


def app_settings(**changes: Any) -> Settings:
    env = dict(os.environ)
    if changes.get("data_dir") is not None:
        env[DATA_DIR_ENV] = str(changes["data_dir"])
    if changes.get("seeds_dir") is not None:
        env[SEEDS_DIR_ENV] = str(changes["seeds_dir"])
    return replace(read_settings(env), **{k: v for k, v in changes.items() if v is not None})


def production_app(**changes: Any) -> Dash:
    """The app as ``python app.py`` builds it: its database brought up to date (seeds
    imported, a version published), then served by ``create_app``."""
    settings = app_settings(**changes)
    return create_app(settings, prepare_store(settings))
