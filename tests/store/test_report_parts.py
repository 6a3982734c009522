"""Composing from the database keeps each report's part (``report_parts``): publishing after
one report is added reads that report only, and the version is the one a full reading gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard.pipeline import parts
from dashboard.store import open_store
from dashboard.store.compose import compose
from dashboard.store.part_cache import StoreCache
from dashboard.store.publishing import bring_up_to_date
from dashboard.store.tables import report_parts
from dashboard.store.versions import current_state, version_files_of
from tests.store.conftest import pg_cluster, url  # noqa: F401 - fixtures
from tests.store.folders import merged_bundles


def test_a_publish_after_one_new_report_reads_that_report_only(
        url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    calls: list[str] = []
    real = parts.extract
    monkeypatch.setattr(parts, "extract", lambda text, report_id, *a, **k: (
        calls.append(report_id), real(text, report_id, *a, **k))[1])
    store = open_store(url)
    try:
        seeds = merged_bundles(tmp_path / "seeds", ("two-years",))
        bring_up_to_date(store, seeds, None)
        assert sorted(calls) == ["luming-2024", "luming-2025"]
        merged_bundles(seeds, ("two-years", "other-county"))
        calls.clear()
        published = bring_up_to_date(store, seeds, None)
        assert published is not None and published.reports == 3
        assert calls == ["qingshi-2025"]
        incremental = version_files_of(store, current_state(store)[0])
        with store.engine.begin() as conn:
            assert conn.execute(select(func.count()).select_from(report_parts)).scalar() == 3
            # Without the stored parts every report is read, and the files are the same.
            conn.execute(report_parts.delete())
        calls.clear()
        assert compose(store).files == incremental
        assert sorted(calls) == ["luming-2024", "luming-2025", "qingshi-2025"]
    finally:
        store.engine.dispose()


def test_parts_of_older_reading_code_are_dropped_when_new_ones_are_stored(
        url: str) -> None:  # noqa: F811
    store = open_store(url)
    try:
        StoreCache(store, "old").put_many({"a": b"1", "b": b"2"})
        StoreCache(store, "new").put_many({"c": b"3"})
        StoreCache(store, "new").put_many({"c": b"4"})
        assert StoreCache(store, "new").get_many(["a", "b", "c"]) == {"c": b"4"}
    finally:
        store.engine.dispose()


def test_a_publish_neither_reads_its_tables_back_nor_reads_the_unused_current_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The composer's tables passed the schema as they were built: a publish stores them
    with their counts and never types 100 MB of CSV again; the current version's files are
    read only when they are reused. The version still loads, with those counts."""
    from dashboard.store import compose as compose_mod
    from dashboard.store import publishing, versions

    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        seeds = merged_bundles(tmp_path / "seeds", ("two-years",))
        bring_up_to_date(store, seeds, None)
        merged_bundles(seeds, ("two-years", "other-county"))

        def refuse(*_args, **_kwargs):
            raise AssertionError("a publish read its tables back")

        reads: list[int] = []
        real_files = publishing.version_files_of
        monkeypatch.setattr(compose_mod, "dataset_from_files", refuse)
        monkeypatch.setattr(versions, "dataset_from_files", refuse)
        monkeypatch.setattr(publishing, "version_files_of",
                            lambda s, v: (reads.append(v), real_files(s, v))[1])
        published = bring_up_to_date(store, seeds, None)
        assert published is not None and reads == []  # new inputs: nothing to reuse
        monkeypatch.undo()
        loaded = versions.load_version(store, published.version_id)
        assert (published.reports, published.facts) == (3, len(loaded.indicators))
        assert len(loaded.reports) == 3
    finally:
        store.engine.dispose()


def test_a_composition_that_breaks_a_reference_is_refused_before_anything_is_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.data import DataError
    from dashboard.store import compose as compose_mod

    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        seeds = merged_bundles(tmp_path / "seeds", ("two-years",))
        real = compose_mod.build_tables

        def orphan_passage(*args, **kwargs):
            tables = real(*args, **kwargs)
            tables.passages.loc[0, "report_id"] = "nowhere-2024"
            return tables

        monkeypatch.setattr(compose_mod, "build_tables", orphan_passage)
        with pytest.raises(DataError, match="nowhere-2024"):
            bring_up_to_date(store, seeds, None)
        assert current_state(store)[0] is None
    finally:
        store.engine.dispose()


def test_a_start_up_with_nothing_new_reads_no_text_back_from_the_database(
        tmp_path: Path) -> None:
    """Start-up compares the seeds by hash: it never reads the stored texts (a province's
    40 MB) or the tables just to find that nothing changed."""
    from sqlalchemy import event

    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        seeds = merged_bundles(tmp_path / "seeds", ("two-years",))
        assert bring_up_to_date(store, seeds, None) is not None
        statements: list[str] = []
        event.listen(store.engine, "before_cursor_execute",
                     lambda _c, _cur, sql, *_a: statements.append(sql))
        assert bring_up_to_date(store, seeds, None) is None
        assert statements
        assert not [s for s in statements if "source_texts.content" in s
                    or "blobs.content" in s or "report_parts" in s], statements
    finally:
        store.engine.dispose()
