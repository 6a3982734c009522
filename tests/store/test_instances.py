"""Two app instances (two gunicorn masters, two workers each) on one PostgreSQL database:
a version published through one is served by the other, a rollback takes it away again,
and an outage of the database leaves both serving the last good version."""

from __future__ import annotations

import pytest

from dashboard.data_files import load_dataset
from tests.store.folders import site_without
from tests.store.instance import AppInstance, app_env, pipeline, until

pytestmark = pytest.mark.postgres
NEW_REPORT = "luming-2025"


def _serves(instance: AppInstance, report: str, present: bool, hits: int = 6) -> bool:
    """Several requests in a row (reaching both workers) agree."""
    return all((report in instance.version()["reports"]) == present for _ in range(hits))


def test_publish_through_one_instance_read_through_the_other(pg_cluster, counties_dir,
                                                             tmp_path):
    url = pg_cluster.new_database()
    first = site_without(counties_dir, tmp_path / "first", drop=NEW_REPORT)
    seeds = counties_dir.parent / "seeds"
    title = str(load_dataset(counties_dir).report(NEW_REPORT)["title"])
    one = AppInstance(url, first, tmp_path / "one.log")
    two = AppInstance(url, first, tmp_path / "two.log")
    try:
        one.wait_ready()
        two.wait_ready()
        # Whichever started first composed its seeds in the empty database; both serve it.
        assert one.version() == two.version()
        assert NEW_REPORT not in two.version()["reports"]
        assert title not in two.page_layout(f"report={NEW_REPORT}")

        env = app_env(url, first)  # the environment instance one runs with
        published = pipeline("publish", "--seeds", str(seeds), "--note", "next year",
                             env=env)
        assert published.returncode == 0, published.stderr
        assert "version 2 published" in published.stdout
        until(lambda: _serves(two, NEW_REPORT, True) and _serves(one, NEW_REPORT, True))
        layout = two.page_layout(f"report={NEW_REPORT}")
        assert title in layout and '"report-select"' in layout

        back = pipeline("publish", "--rollback", env=env)
        assert back.returncode == 0 and "version 1 is current" in back.stdout, back.stderr
        until(lambda: _serves(two, NEW_REPORT, False) and _serves(one, NEW_REPORT, False))
        assert title not in two.page_layout(f"report={NEW_REPORT}")

        listed = pipeline("versions", env=env).stdout.splitlines()
        assert listed[0].startswith("1 (current)") and listed[1].startswith("2 (withdrawn)")

        # The database goes away: pages keep the last good version, the log says so.
        pg_cluster.stop()
        until(lambda: "unreachable" in two.log.read_text())
        status, _ = two.get("/")
        assert status == 200 and two.page_layout("report=luming-2024")
        assert NEW_REPORT not in two.version()["reports"]
        pg_cluster.start()
        again = until(lambda: pipeline("publish", "--seeds", str(seeds), env=env))
        assert again.returncode == 0, again.stderr
        until(lambda: _serves(two, NEW_REPORT, True))
        assert "reachable again" in two.log.read_text()
    finally:
        one.stop()
        two.stop()
    for instance in (one, two):
        log = instance.log.read_text()
        assert "Traceback" not in log, log[-3000:]
