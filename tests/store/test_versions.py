"""Publishing, rolling back and reading data versions, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard.data import DataError
from dashboard.data_files import load_dataset, read_data_files
from dashboard.store import Store, StoreError
from dashboard.store.tables import data_versions, publish_log, version_files
from dashboard.store.versions import (
    current_state,
    export_version,
    list_versions,
    load_version,
    publish,
    rollback,
)
from tests.store.folders import copy_reports, ensure_published, publish_folder

ROOT = Path(__file__).resolve().parents[2]


def _counts(store: Store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                     for t in (data_versions, version_files, publish_log))  # type: ignore[return-value]


def _second_version(data_dir: Path, tmp_path: Path) -> Path:
    """The same tables less one report: a different, valid version."""
    return copy_reports(data_dir, tmp_path / "second", drop="qingshi-2025")


def test_publish_stores_the_files_whole_and_loads_the_same_snapshot(store, data_dir):
    done = publish_folder(store, data_dir, actor="tester", note="first")
    assert done.created and done.version_id == 1 and done.previous_id is None
    assert current_state(store) == (1, 1)
    snapshot = load_version(store, 1)
    from_files = load_dataset(data_dir)
    for table in ("indicators", "reports", "passages", "target_groups", "actuals"):
        assert getattr(snapshot, table).equals(getattr(from_files, table)), table
    assert snapshot.version.startswith("1-")
    (row,) = list_versions(store)
    assert (row.created_by, row.note, row.current, row.withdrawn) == ("tester", "first",
                                                                      True, False)
    assert row.reports == 3 and row.facts == len(from_files.indicators)


def test_the_same_files_again_make_no_new_version(store, data_dir):
    publish_folder(store, data_dir)
    again = publish_folder(store, data_dir)
    assert not again.created and again.version_id == 1
    assert _counts(store)[0] == 1


def test_rollback_goes_back_one_version_at_a_time(store, data_dir, tmp_path):
    second = _second_version(data_dir, tmp_path)
    publish_folder(store, data_dir)
    assert publish_folder(store, second).version_id == 2
    assert set(load_version(store, 2).reports.report_id) == {"luming-2024", "luming-2025"}
    back = rollback(store, actor="tester")
    assert (back.version_id, back.previous_id) == (1, 2)
    assert current_state(store) == (1, 3)  # the serial tells a change back to version 1
    rows = {row.id: row for row in list_versions(store)}
    assert rows[2].withdrawn and rows[1].current
    with pytest.raises(StoreError, match="no earlier version"):
        rollback(store)
    # Published again after a rollback, the same files are a new version; rolling that
    # back skips the withdrawn one.
    assert publish_folder(store, second).version_id == 3
    assert rollback(store).version_id == 1
    with store.engine.connect() as conn:
        actions = list(conn.execute(select(publish_log.c.action, publish_log.c.version_id)
                                    .order_by(publish_log.c.id)))
    assert [tuple(a) for a in actions] == [("publish", 1), ("publish", 2), ("rollback", 1),
                                           ("publish", 3), ("rollback", 1)]


def test_rollback_with_nothing_published(store):
    with pytest.raises(StoreError, match="nothing is published"):
        rollback(store)


def test_an_invalid_version_is_refused_with_file_line_and_column(store, data_dir):
    publish_folder(store, data_dir)
    before = _counts(store)
    path = data_dir / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[3].split(",")
    cells[6] = "twenty"  # the period of the third fact, on line 4
    lines[3] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        publish_folder(store, data_dir)
    assert "indicators.csv: line 4: column 'period'" in str(caught.value)
    (data_dir / "reports.csv").unlink()
    with pytest.raises(DataError, match="reports.csv: missing"):
        publish_folder(store, data_dir)
    assert _counts(store) == before and current_state(store)[0] == 1


def test_a_publish_that_fails_before_commit_changes_nothing(store, data_dir, tmp_path):
    publish_folder(store, data_dir)
    before = _counts(store)

    def fail() -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        publish(store, read_data_files(_second_version(data_dir, tmp_path)), "second",
                before_commit=fail)
    assert _counts(store) == before and current_state(store) == (1, 1)


KILLED_PUBLISH = """
import sys, time
from pathlib import Path
from dashboard.data_files import read_data_files
from dashboard.store import open_store
from dashboard.store.versions import publish

def wait():
    print("inside", flush=True)
    time.sleep(60)

publish(open_store(sys.argv[1]), read_data_files(Path(sys.argv[2])), "killed",
        before_commit=wait)
"""


def test_a_publish_killed_part_way_leaves_the_previous_version(store, url, data_dir,
                                                               tmp_path):
    publish_folder(store, data_dir)
    before = _counts(store)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_PUBLISH, url, str(_second_version(data_dir, tmp_path))],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "inside"  # rows written, not committed
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert _counts(store) == before and current_state(store) == (1, 1)
    # The database is not left locked: the next publish goes through (PostgreSQL may skip
    # the id the killed one drew: sequences are not transactional).
    done = publish_folder(store, _second_version(data_dir, tmp_path / "again"))
    assert done.version_id > 1 and current_state(store)[0] == done.version_id


def test_ensure_published_fills_only_an_empty_database(store, data_dir, tmp_path):
    assert ensure_published(store, data_dir).version_id == 1
    assert ensure_published(store, _second_version(data_dir, tmp_path)) is None
    assert current_state(store)[0] == 1


def test_export_writes_back_the_published_files(store, data_dir, tmp_path):
    publish_folder(store, data_dir)
    written = export_version(store, 1, tmp_path / "out")
    assert {p.name for p in written} == set(read_data_files(data_dir))
    for path in written:
        assert path.read_bytes() == (data_dir / path.name).read_bytes()
    with pytest.raises(StoreError, match="no version 9"):
        export_version(store, 9, tmp_path / "none")


def test_a_stored_version_is_validated_again_when_the_schema_changed(store, data_dir):
    from sqlalchemy import select, update

    from dashboard.store.tables import blobs

    publish_folder(store, data_dir)
    bad = (data_dir / "reports.csv").read_bytes().replace(b",work_report,", b",memo,", 1)
    with store.engine.begin() as conn:
        digest = conn.execute(select(version_files.c.sha256)
                              .where(version_files.c.name == "reports.csv")).scalar_one()
        conn.execute(update(blobs).where(blobs.c.sha256 == digest).values(content=bad))
    # Same schema as at publish: the files are trusted as validated, only typed.
    assert "memo" in set(load_version(store, 1).reports.genre)
    with store.engine.begin() as conn:
        conn.execute(update(data_versions).values(schema="an-older-one"))
    with pytest.raises(DataError, match=r"version 1/reports.csv: line \d+: column 'genre'"):
        load_version(store, 1)
