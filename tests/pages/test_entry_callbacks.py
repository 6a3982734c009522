"""/entry's callbacks called as functions: nobody writes without signing in, editors enter
their sectors' figures, reviewers approve, the approval is published; a request from another
site writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from dash import no_update

from dashboard.store import open_store
from dashboard.store.publishing import bring_up_to_date
from dashboard.store.versions import current_state, load_version
from dashboard.users import accounts
from dashboard.users.sessions import open_session
from dashboard.users.web import COOKIE, _serializer
from tests.components.helpers import texts, walk

PASSWORD = "correct horse battery"
YEAR = date.today().year
FORM = {"indicator_id": "gdp", "year": YEAR, "period_kind": "month_to_date",
        "through_month": 1, "measure": "growth_pct", "value": "增长5.2%", "unit": "",
        "price_basis": "comparable", "status": "preliminary", "source": "县统计局快报",
        "comment": ""}
SAVE = "entry-save"


@pytest.fixture
def site(app_with, counties, counties_dir, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'entry.sqlite3'}")
    bring_up_to_date(store, counties_dir.parent / "seeds", counties_dir / "actuals.csv")
    app = app_with(counties, store=store)
    app.server.secret_key = "test-secret-key-for-the-entry-tests-012345"
    people = {name: accounts.add_user(store, name, PASSWORD, role, sectors)
              for name, role, sectors in (("li", "editor", ["economy"]),
                                          ("ma", "editor", ["tourism"]),
                                          ("wang", "reviewer", []))}
    import sys

    import dash
    module = next(sys.modules[p["module"]] for p in dash.page_registry.values()
                  if p["path"] == "/entry")
    return app, store, people, module


def _as(site, name, origin="http://localhost"):
    app, store, people, _ = site
    headers = {"Origin": origin} if origin else {}
    if name:
        token = _serializer(app.server).dumps(open_session(store, people[name]))
        headers["Cookie"] = f"{COOKIE}={token}"
    return app.server.test_request_context("/_dash-update-component", method="POST",
                                           headers=headers)


def _call(module, trigger, form=FORM, reason="", editing=None):
    return module.handle(trigger, *[form[f] for f in module.FIELDS], reason, editing, "?lang=zh")


def _all(site):
    """A reviewer: sees every figure, drafts of every sector included."""
    return site[2]["wang"]


def _texts(tree) -> str:
    return " ".join(texts(tree))


def test_the_page_renders_nothing_about_the_user(site):
    app, _, _, module = site
    with _as(site, "li"):
        tree = module.layout(lang="en")
    ids = {getattr(n, "id", None) for n in walk(tree)}
    assert {"entry-save", "entry-indicator_id", "entry-value", "entry-list"} <= ids
    assert "Signed in" not in " ".join(texts(tree))  # filled by a callback, per request
    options = next(n for n in walk(tree) if getattr(n, "id", None) == "entry-indicator_id")
    assert options.options[0]["value"] in {"gdp", "industrial_value_added"}  # targets first
    assert app.server.test_client().get("/entry").status_code == 200


def test_nobody_writes_without_signing_in(site):
    _, store, _, module = site
    with _as(site, None):
        who, hidden, _, no_form = module.show_user("?lang=zh")
        assert hidden and no_form and "请先登录" in _texts(who)
        message, listing, _ = _call(module, SAVE)
    assert "请先登录" in _texts(message) and listing is no_update
    from dashboard.entries.store import list_entries
    assert list_entries(store, user=_all(site)) == []


def test_an_editor_enters_and_a_reviewer_approves_and_it_is_published(site):
    _, store, _, module = site
    with _as(site, "li"):
        who, hidden, _, no_form = module.show_user("?lang=zh")
        assert not hidden and not no_form and "li" in _texts(who)
        message, listing, _ = _call(module, SAVE)
        assert "已保存" in _texts(message)
        (entry_id,) = [int(n.__dict__["data-entry"]) for n in walk(listing)
                       if "data-entry" in getattr(n, "__dict__", {})]
        message, _, _ = _call(module, {"type": "entry-action", "action": "submit",
                                       "entry": entry_id, "version": 1})
        assert "已完成" in _texts(message)
    before, _ = current_state(store)
    with _as(site, "wang"):
        assert module.show_user("?lang=zh")[3]  # a reviewer enters nothing: no form
        message, listing, _ = _call(module, {"type": "entry-action", "action": "approve",
                                             "entry": entry_id, "version": 2})
        assert "已发布到公开页面" in _texts(message)
    history = " ".join(texts(listing))
    assert "修改记录" in history and "li entry.create" in history
    assert "wang entry.approve" in history
    after, _ = current_state(store)
    assert after != before
    actuals = load_version(store, after).actuals
    assert actuals[actuals.indicator_id == "gdp"].value.tolist() == [5.2]


def test_another_sector_and_another_site_are_refused(site):
    _, store, _, module = site
    with _as(site, "ma"):
        message, _, _ = _call(module, SAVE)
        assert "无此权限" in _texts(message)
    with _as(site, "li", origin="http://evil.example"):
        message, _, _ = _call(module, SAVE)
        assert "请求来源不符" in _texts(message)
    with _as(site, "li", origin=None):
        message, _, _ = _call(module, SAVE)
        assert "请求来源不符" in _texts(message)
    from dashboard.entries.store import list_entries
    assert list_entries(store, user=_all(site)) == []


def test_bad_values_name_their_field(site):
    _, _, _, module = site
    with _as(site, "li"):
        message, _, _ = _call(module, SAVE, {**FORM, "value": "很多", "source": ""})
    fields = {n.__dict__.get("data-field") for n in walk(message)} - {None}
    assert fields == {"value", "source"}


def test_bulk_import_shows_the_dry_run_then_imports_all(site):
    import base64

    from dashboard.components.entry_import import import_step
    from dashboard.entries.store import list_entries
    _, store, _, _ = site
    csv_text = ("indicator_id,year,period_kind,through_month,measure,value,unit,price_basis,"
                "status,source,comment\n"
                f"gdp,{YEAR},month_to_date,1,growth_pct,5.1%,,comparable,preliminary,快报,\n")
    upload = "data:text/csv;base64," + base64.b64encode(csv_text.encode()).decode()
    with _as(site, "li"):
        view, disabled = import_step(upload, "figures.csv", "?lang=zh", committing=False)
        assert not disabled and "1行可导入" in _texts(view)
        assert list_entries(store, user=_all(site)) == []
        view, disabled = import_step(upload, "figures.csv", "?lang=zh", committing=True)
        assert "已导入1行" in _texts(view) and disabled
    assert [e.figure.value for e in list_entries(store, user=_all(site))] == [5.1]
    with _as(site, "ma"):  # another sector: named per row, nothing imported
        view, disabled = import_step(upload, "figures.csv", "?lang=zh", committing=True)
        assert disabled and "不属于您的领域" in _texts(view)
    with _as(site, None):
        view, disabled = import_step(upload, "figures.csv", "?lang=zh", committing=True)
        assert disabled and "请先登录" in _texts(view)
    with _as(site, "li", origin="http://evil.example"):
        view, _ = import_step(upload, "figures.csv", "?lang=zh", committing=True)
        assert "请先登录" in _texts(view)
    with _as(site, "li"):
        for contents, name in (("garbage", "x.csv"), ("data:x;base64,!!!", "x.csv"),
                               (upload, "x.exe"), (None, None)):
            view, disabled = import_step(contents, name, "", committing=False)
            assert disabled and "无法读取文件" in _texts(view)
    assert len(list_entries(store, user=_all(site))) == 1


def test_the_preview_shows_the_target_gauge_with_the_typed_figure(site, counties):
    from dashboard.components.entry_preview import preview
    with _as(site, "li"):
        graph = preview(counties, "gdp", 2025, "growth_pct", 6, "增长5.6%", "", "zh")
        figure = graph.figure
        assert figure.data[0].value == 5.6  # the typed figure, as the gauge's actual
        source = [a.text for a in figure.layout.annotations if a.name == "source"][0]
        assert "预览（未保存）" in source.replace("<br>", "")
        empty = preview(counties, "gdp", 2025, "growth_pct", 6, "", "", "zh")
        assert empty.figure.data[0].mode == "gauge"  # no figure typed: the target alone
        none = preview(counties, "hotels_new", 2030, "level", 6, "5", "", "zh")
        assert "没有目标" in " ".join(texts(none))
        assert preview(counties, "gdp", "2025", "growth_pct", 6, "5%", "", "zh") is None
