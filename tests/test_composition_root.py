"""One composition root: ``create_app(settings, store)`` builds the production app and every
test app; the launcher only reads the environment (``dashboard/settings.py``)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import context, startup, web_settings
from dashboard.app_factory import create_app
from dashboard.pipeline.build import SEEDS_DIR
from dashboard.settings import (
    DATA_DIR_ENV,
    INSTANCE_DIR,
    PAGES_DIR,
    SEEDS_DIR_ENV,
    WARM_ENV,
    Settings,
    read_settings,
)
from dashboard.store import STORE_EXTENSION
from tests.app_settings import app_settings, production_app

# Routes only an app with a database has: sign-in, upload, the API's writes.
DATABASE_ROUTES = ("/auth/", "/upload/", "/api/v1/entries")


def _routes(app) -> set[str]:
    return {rule.rule for rule in app.server.url_map.iter_rules()}


def test_read_settings_reads_each_variable(tmp_path: Path):
    data = tmp_path / "site" / "data"
    (tmp_path / "site" / "seeds").mkdir(parents=True)
    settings = read_settings({
        DATA_DIR_ENV: str(data), "DATABASE_URL": " sqlite:///x.sqlite3 ",
        "DASHBOARD_SECRET_KEY": "k" * 40, WARM_ENV: "1",
        web_settings.ORIGIN_ENV: "https://dash.example.org"})
    assert settings == Settings(
        data_dir=data, seeds_dir=tmp_path / "site" / "seeds", database_url="sqlite:///x.sqlite3",
        instance_dir=INSTANCE_DIR, web=settings.web, secret_key="k" * 40, warm=True,
        pages_dir=PAGES_DIR)
    assert [o.host for o in settings.web.origins] == ["dash.example.org"]
    # Without seeds/ beside the data folder: the repository's; an explicit folder wins.
    assert read_settings({DATA_DIR_ENV: str(tmp_path / "x" / "data")}).seeds_dir == SEEDS_DIR
    assert read_settings({SEEDS_DIR_ENV: str(tmp_path)}).seeds_dir == tmp_path
    empty = read_settings({})
    assert (empty.database_url, empty.secret_key, empty.warm) == (None, "", False)
    assert empty.web == Settings().web  # the defaults: loopback proxies, no origin


def test_create_app_uses_the_settings_it_is_given_not_the_environment(counties, monkeypatch):
    monkeypatch.setenv(web_settings.ORIGIN_ENV, "https://from-the-environment.example")
    given = web_settings.read_settings({web_settings.ORIGIN_ENV: "https://given.example"})
    app = create_app(replace(app_settings(), web=given, warm=True), snapshot=counties)
    assert web_settings.settings_of(app.server) == given
    assert app.server.config[context.WARM_SETTING] is True
    refused = app.server.test_client().post(
        "/_dash-update-component", headers={"Origin": "https://from-the-environment.example"})
    assert refused.status_code == 403


def test_without_a_database_the_app_has_no_database_routes(counties):
    app = create_app(app_settings(), snapshot=counties)
    assert STORE_EXTENSION not in app.server.extensions
    routes = _routes(app)
    assert not [r for r in routes if r.startswith(DATABASE_ROUTES)]
    assert "/api/v1/reports" in routes  # the public reads are there


def test_production_and_tests_build_the_same_app(counties_dir, tmp_path, monkeypatch):
    """The launcher's app (environment → settings → database → create_app) and a test's
    (settings → create_app) have the same routes; without a database, those less the
    database's."""
    data = shutil.copytree(counties_dir, tmp_path / "data")
    shutil.copytree(counties_dir.parent / "seeds", tmp_path / "seeds")
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'production.sqlite3'}")
    launched = startup.create_app_or_exit(warm=True)
    assert launched.server.config[context.WARM_SETTING] is True
    in_tests = production_app(database_url=f"sqlite:///{tmp_path / 'tests.sqlite3'}",
                              data_dir=data)
    assert in_tests.server.config[context.WARM_SETTING] is False
    assert _routes(launched) == _routes(in_tests)
    assert [r for r in _routes(launched) if r.startswith(DATABASE_ROUTES)]
    served = create_app(app_settings(data_dir=data))
    assert _routes(served) == {r for r in _routes(launched) if not r.startswith(DATABASE_ROUTES)}
    for app in (launched, in_tests, served):
        version = app.server.test_client().get("/version.json").get_json()
        assert version["reports"] == ["luming-2024", "luming-2025", "qingshi-2025"]


def test_a_database_with_no_current_version_is_refused(tmp_path):
    from dashboard.store import StoreError, open_store

    store = open_store(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with pytest.raises(StoreError, match="no data version is current"):
        create_app(app_settings(), store)
