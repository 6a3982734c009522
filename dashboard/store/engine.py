"""Connecting to the database named by ``DATABASE_URL`` (default: an SQLite file).

SQLite is opened in WAL mode (readers never wait for a writer) with a busy timeout, and a
transaction that will write can ask for the write lock up front (``WRITE``), so two writers
queue instead of failing half-way. PostgreSQL URLs (``postgresql://`` or ``postgres://``)
use psycopg 3 with a connect timeout. Any failure to reach or use the database becomes a
:class:`StoreError` with one line that names the database (never its password).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL_ENV = "DATABASE_URL"
DEFAULT_SQLITE = ROOT / "instance" / "dashboard.sqlite3"
BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 5
# Connection option asking SQLite for the write lock when the transaction begins.
WRITE = {"sqlite_write": True}


class StoreError(Exception):
    """The database cannot be reached or used; the message is one line."""


@dataclass(frozen=True)
class Store:
    engine: Engine
    label: str  # the URL with any password hidden

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def database_url(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return env.get(DATABASE_URL_ENV, "").strip() or f"sqlite:///{DEFAULT_SQLITE}"


def connect(url: str) -> Store:
    try:
        parsed = make_url(_normalise(url))
    except ArgumentError:
        raise StoreError("DATABASE_URL is not a database URL") from None
    label = parsed.render_as_string(hide_password=True)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(parsed, pool_pre_ping=True, pool_size=5,
                                   connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
        else:
            raise StoreError(f"{label}: only sqlite and postgresql databases are supported")
    except (NoSuchModuleError, ArgumentError) as exc:
        raise StoreError(f"{label}: {exc}") from None
    store = Store(engine, label)
    with guard(store, "cannot connect"), engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return store


def _normalise(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_engine(url: Any) -> Engine:
    path = url.database
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the driver, start transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sqlite_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def guard(store: Store, doing: str) -> Iterator[None]:
    """Turn a database failure inside the block into a one-line StoreError."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.label}: {doing}: {describe(exc)}") from None


def describe(exc: BaseException) -> str:
    """The driver's own message, on one line, without SQL or parameters."""
    original = getattr(exc, "orig", None) or exc
    words = " ".join(str(original).split())
    for cut in (" [SQL:", " (Background on this error"):
        words = words.split(cut)[0]
    return words[:300] or exc.__class__.__name__
