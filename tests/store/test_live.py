"""A running app follows the current data version: a new version is picked up between
requests, a database outage keeps the last good version and says so in the log."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from dashboard.context import SnapshotSource
from dashboard.data import DataError
from dashboard.data_files import load_dataset
from dashboard.store.live import VersionFollower
from dashboard.store.versions import current_state, load_version, rollback
from tests.app_settings import production_app
from tests.store.folders import copy_reports, publish_folder
from tests.store.instance import until


def test_a_new_version_is_handed_over_once_and_whole(store, data_dir, tmp_path):
    publish_folder(store, data_dir)
    follower = VersionFollower(store, current_state(store), poll_seconds=3600)
    old = load_dataset(data_dir)
    follower.check()
    assert follower._ready is None
    publish_folder(store, copy_reports(data_dir, tmp_path / "v2", drop="qingshi-2025"))
    follower.check()
    newer = follower(old)
    assert newer is not None and newer.version.startswith("2-")
    assert set(newer.reports.report_id) == {"luming-2024", "luming-2025"}
    assert follower(newer) is None  # handed over once
    rollback(store)
    follower.check()
    assert set(follower(newer).reports.report_id) == set(old.reports.report_id)
    follower.stop()


def test_the_source_follows_the_database_in_the_background(store, data_dir, tmp_path):
    publish_folder(store, data_dir)
    follower = VersionFollower(store, current_state(store), poll_seconds=0.05)
    source = SnapshotSource(load_dataset(data_dir), follower)
    first = source.current()  # starts this process's follower thread
    publish_folder(store, copy_reports(data_dir, tmp_path / "v2", drop="qingshi-2025"))
    newer = until(lambda: (s := source.current()) is not first and s)
    assert "qingshi-2025" not in set(newer.reports.report_id)
    follower.stop()


def test_an_outage_keeps_the_last_version_and_is_logged_once(
        store, data_dir, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture):
    publish_folder(store, data_dir)
    follower = VersionFollower(store, current_state(store), poll_seconds=3600)

    def gone(_store):
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr("dashboard.store.live.current_state", gone)
    with caplog.at_level(logging.WARNING, logger="dashboard.live"):
        follower.check()
        follower.check()
        monkeypatch.undo()
        follower.check()
    messages = [r.getMessage() for r in caplog.records]
    assert len([m for m in messages if "unreachable" in m]) == 1
    assert "connection refused" in messages[0] and "still serving data version 1" in messages[0]
    assert "reachable again" in messages[-1]
    assert follower(load_dataset(data_dir)) is None


def test_a_version_that_cannot_be_loaded_is_skipped(store, data_dir, tmp_path, caplog):
    publish_folder(store, data_dir)
    calls = []

    def broken(_store, version_id):
        calls.append(version_id)
        raise DataError("version 2/indicators.csv: line 2: column 'period' fails")

    follower = VersionFollower(store, current_state(store), poll_seconds=3600, loader=broken)
    publish_folder(store, copy_reports(data_dir, tmp_path / "v2", drop="qingshi-2025"))
    with caplog.at_level(logging.ERROR, logger="dashboard.live"):
        follower.check()
        follower.check()
    assert calls == [2]  # not retried every poll
    assert "cannot be served" in caplog.text and "keeping version 1" in caplog.text


def test_the_app_serves_the_database_and_follows_it(url, data_dir, counties_dir, tmp_path):
    app = production_app(database_url=url, data_dir=data_dir,
                         seeds_dir=counties_dir.parent / "seeds")
    client = app.server.test_client()
    assert client.get("/version.json").get_json()["reports"] == [
        "luming-2024", "luming-2025", "qingshi-2025"]
    from dashboard.store import open_store

    publish_folder(open_store(url), copy_reports(data_dir, tmp_path / "v2", drop="luming-2025"))
    shown = until(lambda: (body := client.get("/version.json").get_json())["version"]
                   .startswith("2-") and body)
    assert shown["reports"] == ["luming-2024", "qingshi-2025"]
    assert client.get("/version.json").headers["Cache-Control"] == "no-store"
    app.server.extensions["dashboard.snapshot"].pause()


def test_changing_while_a_version_loads_and_until_it_is_handed_over(store, data_dir,
                                                                    tmp_path):
    publish_folder(store, data_dir)
    seen = []

    def loader(store_, version_id):
        seen.append(follower.changing)
        return load_version(store_, version_id)

    follower = VersionFollower(store, current_state(store), poll_seconds=3600, loader=loader)
    assert not follower.changing
    publish_folder(store, copy_reports(data_dir, tmp_path / "v2", drop="qingshi-2025"))
    follower.check()
    assert seen == [True] and follower.changing  # loaded, waiting for the next request
    follower(load_dataset(data_dir))
    assert not follower.changing
