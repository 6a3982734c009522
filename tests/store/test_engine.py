"""Connecting, migrating and failing clearly: one-line StoreErrors, never a traceback."""

from __future__ import annotations

import socket
import sqlite3
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from dashboard.store import StoreError, open_store
from dashboard.store.engine import DEFAULT_SQLITE, connect, database_url
from dashboard.store.migrate import current_revision
from dashboard.store.tables import metadata


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_database_url_defaults_to_the_sqlite_file_under_instance():
    assert database_url({}) == f"sqlite:///{DEFAULT_SQLITE}"
    assert database_url({"DATABASE_URL": " postgresql://u@h/db "}) == "postgresql://u@h/db"
    assert DEFAULT_SQLITE.parent.name == "instance"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path):
    store = open_store(f"sqlite:///{tmp_path / 'deep' / 'x.sqlite3'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


HEAD = max(p.name.split("_")[0] for p in (
    Path(__file__).resolve().parents[2] / "dashboard" / "store" / "migrations" / "versions"
).glob("0*.py"))  # the latest migration


def test_the_migrations_create_exactly_the_tables_the_code_queries(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert current_revision(store) == HEAD
    open_store(str(store.engine.url.render_as_string(hide_password=False)))  # again: no-op
    assert current_revision(store) == HEAD


def test_a_database_from_a_newer_release_is_refused(store):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"cannot migrate the schema: .*9999"):
        open_store(str(store.engine.url.render_as_string(hide_password=False)))


@pytest.mark.postgres
def test_instances_starting_together_migrate_once(pg_cluster):
    url = pg_cluster.new_database()
    errors: list[BaseException] = []

    def start() -> None:
        try:
            open_store(url).engine.dispose()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = open_store(url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM publish_state")).scalar() == 1


@pytest.mark.parametrize("url, needle", [
    ("not a url", "not a database URL"),
    ("mysql://u@localhost/db", "only sqlite and postgresql"),
])
def test_unusable_urls(url: str, needle: str):
    with pytest.raises(StoreError, match=needle):
        connect(url)


def test_an_unreachable_postgresql_names_it_without_the_password():
    port = _free_port()
    with pytest.raises(StoreError) as caught:
        connect(f"postgresql://app:s3cret@127.0.0.1:{port}/dash")
    message = str(caught.value)
    assert "cannot connect" in message and f"127.0.0.1:{port}" in message
    assert "s3cret" not in message and "\n" not in message


def test_a_corrupt_sqlite_file(tmp_path: Path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 300)
    with pytest.raises(StoreError, match="file is not a database"):
        open_store(f"sqlite:///{path}")


def test_a_locked_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE held (x)")
    monkeypatch.setattr("dashboard.store.engine.BUSY_TIMEOUT_MS", 200)
    try:
        with pytest.raises(StoreError, match="database is locked"):
            open_store(f"sqlite:///{path}")
    finally:
        holder.close()
