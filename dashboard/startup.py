"""Start-up of the production app: database, data version, one-line errors.

``python app.py`` and ``gunicorn app:server`` call :func:`create_app_or_exit`. It opens the
database (``DATABASE_URL``, default ``instance/dashboard.sqlite3``), brings its schema up to
date, imports ``seeds/`` (and the hand-kept ``data/actuals.csv``) into it, publishes a
version composed from the database when the current one was composed from other inputs (an
empty database, a new seed text, new reading code), and serves the current version,
following new ones as they are published (``dashboard/store/live.py``).

Start-up errors: a missing or malformed data file (``DataError``), a database that cannot
be reached, opened or migrated (``StoreError``) print one line naming the problem to stderr
and exit with status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dash import Dash

DATA_DIR_ENV = "DASHBOARD_DATA_DIR"
EXIT_DATA_ERROR = 2
STORE_EXTENSION = "dashboard.store"
INSTANCE_DIR = Path(__file__).resolve().parents[1] / "instance"


def create_app_or_exit() -> Dash:
    """The production app: served from the database, following its current version.

    Opens the database (``DATABASE_URL``, default the SQLite file under ``instance/``),
    brings its schema up to date, loads ``data/`` (or ``DASHBOARD_DATA_DIR``) into it if it
    holds no version yet, and serves the current version. Anything that stops this (a data
    file the app cannot use, a database it cannot reach, open or migrate) ends the process
    with one line on stderr naming the problem and exit status 2.
    """
    from dashboard.data import DataError
    from dashboard.pipeline.text import ReportError
    from dashboard.store import StoreError
    from dashboard.users.secret import SecretKeyError

    try:
        return create_app_from_store()
    except ReportError as exc:
        print(f"dashboard: cannot start: {exc.path}: {exc.reason}", file=sys.stderr, flush=True)
        raise SystemExit(EXIT_DATA_ERROR) from None
    except (DataError, StoreError, SecretKeyError, OSError) as exc:
        message = " ".join(str(exc).split())
        print(f"dashboard: cannot start: {message}", file=sys.stderr, flush=True)
        raise SystemExit(EXIT_DATA_ERROR) from None


def create_app_from_store(database_url: str | None = None, data_dir: Path | None = None,
                          seeds_dir: Path | None = None) -> Dash:
    """``data_dir``: where the hand-kept ``actuals.csv`` is; ``seeds_dir``: the report texts
    (default: ``seeds/`` beside ``data_dir``, else the repository's)."""
    from dashboard.app_factory import create_app
    from dashboard.pipeline.build import DATA_DIR, SEEDS_DIR
    from dashboard.store import open_store
    from dashboard.store.live import VersionFollower
    from dashboard.store.publishing import bring_up_to_date
    from dashboard.store.versions import TableReuse, current_state

    if data_dir is None:
        data_dir = Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)
    if seeds_dir is None:
        beside = data_dir.parent / "seeds"
        seeds_dir = beside if beside.is_dir() else SEEDS_DIR
    store = open_store(database_url)
    bring_up_to_date(store, seeds_dir, data_dir / "actuals.csv")
    version_id, serial = current_state(store)
    if version_id is None:
        from dashboard.store import StoreError

        raise StoreError(f"{store.label}: no data version is current")
    loader = TableReuse()
    snapshot = loader(store, version_id)
    app = create_app(snapshot=snapshot,
                     refresh=VersionFollower(store, (version_id, serial), loader=loader))
    app.server.extensions[STORE_EXTENSION] = store
    from dashboard.users import web as users_web
    from dashboard.users.secret import secret_key

    app.server.secret_key = secret_key(INSTANCE_DIR)
    users_web.register(app.server, store)
    from dashboard.api import register_write

    register_write(app.server, store)
    from dashboard.upload import web as upload_web

    upload_web.register(app.server, store)
    return app


def serving_line(wsgi_app: Any) -> str:
    """What the start-up line says is served: the data version and the database."""
    store = getattr(wsgi_app, "extensions", {}).get(STORE_EXTENSION)
    if store is None:
        return ""
    from dashboard.context import source_of

    return f" (data version {source_of(wsgi_app).current().version} from {store.label})"
