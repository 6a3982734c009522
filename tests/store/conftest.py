"""Stores to test on: an SQLite file in the test's folder, and a fresh database in a
throwaway PostgreSQL cluster (one per test process, ``cluster.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.store import Store, open_store
from tests.store.cluster import Cluster, throwaway_cluster

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    with throwaway_cluster() as cluster:
        yield cluster


def store_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database of each backend."""
    return store_url(request.param, tmp_path, request)


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = open_store(url)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def data_dir(tmp_path: Path, counties_dir: Path) -> Path:
    """A copy of the two-county tables (the version tests publish and change)."""
    import shutil

    return Path(shutil.copytree(counties_dir, tmp_path / "data"))
