"""The stores of tests/store (SQLite, and PostgreSQL under the ``postgres`` marker)."""

from tests.store.conftest import data_dir, pg_cluster, store, url  # noqa: F401 - fixtures
