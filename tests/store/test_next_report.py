"""The yearly routine against a running app (SQLite, the default database): next year's
report added to seeds/, `build` and `publish` make it appear in the report selector and its
pages without a restart; `publish --rollback` takes it away again."""

from __future__ import annotations

from pathlib import Path

from tests.store.folders import NEXT_YEAR_ID, seeds_with_next_year
from tests.store.instance import AppInstance, app_env, pipeline, until

NEXT_ID = NEXT_YEAR_ID


def test_next_years_report_goes_live_and_back(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'instance' / 'dashboard.sqlite3'}"
    data = tmp_path / "data"
    env = app_env(url, data)
    built = pipeline("build", "--out", str(data), env=env)
    assert built.returncode == 0, built.stderr
    app = AppInstance(url, data, tmp_path / "app.log")
    try:
        app.wait_ready()
        assert app.version()["reports"] == ["shawan-2024"]
        assert '"report-select-box d-none"' in app.page_layout("")  # one report: no selector

        seeds = seeds_with_next_year(tmp_path / "seeds")
        built = pipeline("build", "--seeds", str(seeds), "--out", str(data), env=env)
        assert built.returncode == 0, built.stderr
        published = pipeline("publish", "--seeds", str(seeds), "--actuals",
                             str(data / "actuals.csv"), env=env)
        assert published.returncode == 0, published.stderr
        until(lambda: all(NEXT_ID in app.version()["reports"] for _ in range(6)))
        page = app.page_layout(f"report={NEXT_ID}&lang=zh")
        assert "2025年沙湾市政府工作报告" in page
        assert '"report-select-box"' in page  # the selector is shown, with both reports
        assert app.get(f"/targets?report={NEXT_ID}")[0] == 200

        back = pipeline("publish", "--rollback", env=env)
        assert back.returncode == 0, back.stderr
        until(lambda: all(app.version()["reports"] == ["shawan-2024"] for _ in range(6)))
        assert "2025年沙湾市政府工作报告" not in app.page_layout(f"report={NEXT_ID}")
    finally:
        app.stop()
    log = app.log.read_text()
    assert "Traceback" not in log
    # The workers follow the database; the gunicorn master (the process started) does not.
    assert "dashboard.live: data version 2" in log
    assert f"[{app.proc.pid}] [INFO] dashboard.live" not in log
