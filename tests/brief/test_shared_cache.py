"""Printed briefs kept in the database (``rendered_briefs``): every worker and host on it
serves the bytes printed once per data version; a new version prints again and its rows
replace the older version's; a database that fails only costs a print. Each backend."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from dashboard.app_factory import create_app
from dashboard.brief import cache as brief_cache
from dashboard.brief.cache import StoreCache, version_id
from dashboard.data import Memo
from dashboard.store import open_store
from dashboard.store.engine import connect
from dashboard.store.tables import rendered_briefs
from tests.app_settings import app_settings
from tests.brief.fakes import FakeRender, install

BRIEF = "/brief.pdf?report=luming-2025&year=2025&lang=en"


@pytest.fixture
def host(counties, url, tmp_path):
    """``host(name, version)``: an app on its own connection to the database, serving the
    counties as data version ``version``, printing with a fake of its own on host ``name``;
    (client, render)."""
    stores = []

    def make(name: str, version: str):
        # Not app_with: a second app cannot be made inside the first's request context.
        stores.append(store := open_store(url))
        app = create_app(app_settings(), store,
                         snapshot=replace(counties, version=version, memo=Memo()))
        render = FakeRender()
        install(app, tmp_path / name, render)
        return app.server.test_client(), render

    yield make
    for store in stores:
        store.engine.dispose()


def rows(store) -> list[tuple[int, int]]:
    """(version id, how many rows) in rendered_briefs."""
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(rendered_briefs.c.version_id, func.count())
            .group_by(rendered_briefs.c.version_id).order_by(rendered_briefs.c.version_id))]


def test_two_hosts_on_one_database_print_a_brief_once(host, store):
    first, first_render = host("one", "3-aaaa")
    second, second_render = host("two", "3-aaaa")
    printed = first.get(BRIEF)
    assert printed.status_code == 200 and printed.data == b"%PDF-1.4 fake print 1"
    for url in (BRIEF, BRIEF + "&utm=1", "/brief.pdf?lang=en&report=luming-2025&x=<y>"):
        served = second.get(url)
        assert served.status_code == 200 and served.data == printed.data
    assert second_render.documents == [] and len(first_render.documents) == 1
    assert rows(store) == [(3, 1)]


def test_a_new_data_version_prints_again_and_replaces_the_old_rows(host, store):
    old, old_render = host("one", "3-aaaa")
    new, new_render = host("two", "4-bbbb")
    assert old.get(BRIEF).status_code == 200
    assert old.get(BRIEF.replace("en", "zh")).status_code == 200
    assert rows(store) == [(3, 2)]
    assert new.get(BRIEF).data == b"%PDF-1.4 fake print 1"
    assert len(new_render.documents) == 1
    assert rows(store) == [(4, 1)]  # the older version's rows are gone


def test_a_version_keeps_a_bounded_number_of_briefs(store, monkeypatch):
    monkeypatch.setattr(brief_cache, "VERSION_ROWS", 3)
    kept = StoreCache(store, "5-cccc")
    for n in range(6):
        kept.put(f"key-{n}", f"%PDF {n}".encode())
    assert rows(store) == [(5, 3)]
    assert kept.get("key-5") == b"%PDF 5"


def test_the_first_print_of_a_brief_is_the_one_kept(store):
    kept = StoreCache(store, "5-cccc")
    kept.put("k", b"%PDF first")
    kept.put("k", b"%PDF second")  # another worker printed it at the same time
    assert kept.get("k") == b"%PDF first"


def test_a_failing_database_costs_a_print_not_an_error(app_with, counties, url, tmp_path,
                                                       caplog):
    broken = connect(url)  # no schema: every read and write of rendered_briefs fails
    app = app_with(replace(counties, version="3-aaaa", memo=Memo()), store=broken)
    render = FakeRender()
    install(app, tmp_path / "print", render)
    response = app.server.test_client().get(BRIEF)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "cannot keep a printed brief" in caplog.text
    broken.engine.dispose()


def test_version_ids():
    assert version_id("12-3fa2bc") == 12
    assert version_id("7a4abfecfb6d") == 0  # a snapshot read from files
