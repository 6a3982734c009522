"""Bring a database to the current schema (Alembic ``upgrade head``), once, at start-up and
before every publish.

The upgrade runs in one transaction that first takes a lock (PostgreSQL advisory lock,
SQLite's write lock), so two instances starting together on an empty database queue
instead of both creating the tables. A database stamped with a revision this code does not
know (a newer release wrote it) or a migration that fails is a StoreError, and nothing is
half-changed: PostgreSQL and SQLite both roll the DDL back.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError

from dashboard.store.engine import WRITE, Store, StoreError, connect, database_url, guard

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: the key of the advisory lock that serialises migrations.
MIGRATION_LOCK = 7_482_012


def open_store(url: str | None = None) -> Store:
    """Connect and bring the schema up to date; StoreError (one line) if either fails."""
    store = connect(url or database_url())
    upgrade(store)
    return store


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(store: Store, revision: str = "head") -> None:
    config = alembic_config()
    with guard(store, "cannot migrate the schema"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        if not store.is_sqlite:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, revision)
        except CommandError as exc:
            raise StoreError(f"{store.label}: cannot migrate the schema: "
                             f"{' '.join(str(exc).split())}") from None


def current_revision(store: Store) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
