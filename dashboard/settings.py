"""What the app is built from, read from the environment once by the launcher.

``read_settings()`` is called by the launcher (``app.py``, ``dashboard/server.py``) and by the
tests; ``dashboard.app_factory.create_app(settings, store)`` builds the app from the result and
never reads the environment itself, so production and tests build the same app from values.

Environment variables:

* ``DASHBOARD_DATA_DIR``: the folder of the hand-kept ``actuals.csv`` (default ``data/``); an
  app built without a database serves the tables of this folder.
* ``DASHBOARD_SEEDS_DIR``: the report texts imported at start-up (default ``seeds/`` beside
  the data folder, else the repository's).
* ``DATABASE_URL``: the database (default the SQLite file under ``instance/``).
* ``DASHBOARD_ORIGIN``, ``DASHBOARD_TRUSTED_PROXIES``: see ``dashboard/web_settings.py``.
* ``DASHBOARD_SECRET_KEY``: the session key (default generated into ``instance/secret_key``).
* ``DASHBOARD_WARM=1``: workers build the default report's pages in the background (the
  production launcher turns it on; ``dashboard/warm.py``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.pipeline.build import DATA_DIR, ROOT, SEEDS_DIR
from dashboard.users.secret import SECRET_ENV
from dashboard.web_settings import WebSettings
from dashboard.web_settings import read_settings as read_web_settings

DATA_DIR_ENV = "DASHBOARD_DATA_DIR"
SEEDS_DIR_ENV = "DASHBOARD_SEEDS_DIR"
WARM_ENV = "DASHBOARD_WARM"
DATABASE_URL_ENV = "DATABASE_URL"
INSTANCE_DIR = ROOT / "instance"
PAGES_DIR = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class Settings:
    """Everything ``create_app`` needs to know about where it runs."""

    data_dir: Path = DATA_DIR
    seeds_dir: Path = SEEDS_DIR
    database_url: str | None = None  # None: the default SQLite file (dashboard/store/engine.py)
    instance_dir: Path = INSTANCE_DIR
    # The defaults (loopback proxies, no origin): only read_settings reads the environment.
    web: WebSettings = field(default_factory=lambda: read_web_settings({}))
    secret_key: str = ""  # empty: the key generated under instance_dir
    warm: bool = False
    pages_dir: Path = PAGES_DIR  # tests give a folder of fixture pages


def read_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``environ`` (default the process environment); SettingsError
    (``web_settings``) naming a value that is wrong."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get(DATA_DIR_ENV) or DATA_DIR)
    beside = data_dir.parent / "seeds"
    seeds_dir = Path(env.get(SEEDS_DIR_ENV) or (beside if beside.is_dir() else SEEDS_DIR))
    return Settings(
        data_dir=data_dir,
        seeds_dir=seeds_dir,
        database_url=env.get(DATABASE_URL_ENV, "").strip() or None,
        web=read_web_settings(env),
        secret_key=env.get(SECRET_ENV, "").strip(),
        warm=env.get(WARM_ENV, "").strip() == "1",
    )
