"""The database: published data versions (and, from the entry and upload features on,
everything written while the app serves).

SQLite file by default (``instance/dashboard.sqlite3``, created on first use), PostgreSQL
when ``DATABASE_URL`` is set. ``engine.py`` connects, ``tables.py`` describes the tables,
``migrate.py`` brings a database to the current schema with Alembic, ``versions.py``
publishes and rolls back data versions, ``live.py`` lets a running app follow the current
version. Nothing here imports Dash.
"""

from dashboard.store.engine import Store, StoreError
from dashboard.store.migrate import open_store

# Where the app keeps its open database (``app.server.extensions``), set by ``create_app``.
STORE_EXTENSION = "dashboard.store"

__all__ = ["STORE_EXTENSION", "Store", "StoreError", "open_store"]
