"""Start-up of the production app: database, data version, one-line errors.

The launcher (``app.py``, ``dashboard/server.py``) reads the settings from the environment
(``dashboard/settings.py``) and calls :func:`create_app_or_exit`. It opens the database
(``DATABASE_URL``, default ``instance/dashboard.sqlite3``), brings its schema up to date,
imports ``seeds/`` (and the hand-kept ``data/actuals.csv``) into it, publishes a version
composed from the database when the current one was composed from other inputs (an empty
database, a new seed text, new reading code) (:func:`prepare_store`), and builds the app
with the one composition root, ``dashboard.app_factory.create_app``, which serves the
current version and follows new ones as they are published (``dashboard/store/live.py``).

Start-up errors: a missing or malformed data file (``DataError``), a database that cannot
be reached, opened or migrated (``StoreError``) print one line naming the problem to stderr
and exit with status 2, never a traceback.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

from dash import Dash

from dashboard.app_factory import create_app
from dashboard.context import source_of
from dashboard.data import DataError
from dashboard.pipeline.text import ReportError
from dashboard.settings import Settings, read_settings
from dashboard.store import STORE_EXTENSION, Store, StoreError, open_store
from dashboard.store.publishing import bring_up_to_date
from dashboard.users.secret import SecretKeyError

EXIT_DATA_ERROR = 2


def prepare_store(settings: Settings) -> Store:
    """The database of ``settings``, its schema current and ``seeds/`` imported into it."""
    store = open_store(settings.database_url)
    bring_up_to_date(store, settings.seeds_dir, settings.data_dir / "actuals.csv")
    return store


def create_app_or_exit(warm: bool = False) -> Dash:
    """The production app: settings read from the environment (``warm`` turns on the
    background warming whatever ``DASHBOARD_WARM`` says), served from the database,
    following its current version.

    Anything that stops this (a setting, a data file the app cannot use, a database it
    cannot reach, open or migrate) ends the process with one line on stderr naming the
    problem and exit status 2.
    """
    try:
        settings = read_settings()
        if warm:
            settings = replace(settings, warm=True)
        return create_app(settings, prepare_store(settings))
    except ReportError as exc:
        print(f"dashboard: cannot start: {exc.path}: {exc.reason}", file=sys.stderr, flush=True)
        raise SystemExit(EXIT_DATA_ERROR) from None
    except (DataError, StoreError, SecretKeyError, OSError) as exc:
        message = " ".join(str(exc).split())
        print(f"dashboard: cannot start: {message}", file=sys.stderr, flush=True)
        raise SystemExit(EXIT_DATA_ERROR) from None


def serving_line(wsgi_app: Any) -> str:
    """What the start-up line says is served: the data version and the database."""
    store = getattr(wsgi_app, "extensions", {}).get(STORE_EXTENSION)
    if store is None:
        return ""
    return f" (data version {source_of(wsgi_app).current().version} from {store.label})"
