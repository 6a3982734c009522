"""/admin/users' callbacks called as functions: only admins see users or change them, every
change is audited with the admin's name, the temporary password is shown once, a request
from another site changes nothing, and admins (only) find the page from /entry."""

from __future__ import annotations

import sys

import dash
import pytest
from dash import no_update
from sqlalchemy import func, select

from dashboard.store import open_store
from dashboard.store.audit import history
from dashboard.store.tables import audit_log, users
from dashboard.users import accounts
from dashboard.users.sessions import open_session, session_user
from dashboard.users.web import COOKIE, _serializer
from tests.components.helpers import texts, walk

PASSWORD = "correct horse battery"
EMPTY = {"new_name": "", "new_role": "editor", "new_sectors": [], "target": None,
         "role": None, "sectors": [], "reason": ""}


def _module(path: str):
    return next(sys.modules[p["module"]] for p in dash.page_registry.values()
                if p["path"] == path)


@pytest.fixture
def site(app_with, counties, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'admin.sqlite3'}")
    app = app_with(counties, store=store)
    app.server.secret_key = "test-secret-key-for-the-admin-tests-0123456"
    people = {name: accounts.add_user(store, name, PASSWORD, role, sectors)
              for name, role, sectors in (("boss", "admin", []), ("li", "editor", ["economy"]),
                                          ("wang", "reviewer", []))}
    return app, store, people, _module("/admin/users")


def _as(site, name, origin="http://localhost"):
    app, store, people, _ = site
    headers = {"Origin": origin} if origin else {}
    if name:
        token = _serializer(app.server).dumps(open_session(store, people[name]))
        headers["Cookie"] = f"{COOKIE}={token}"
    return app.server.test_request_context("/_dash-update-component", method="POST",
                                           headers=headers)


def _text(tree) -> str:
    return " ".join(texts(tree))


def _counts(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(users)).scalar_one(),
                conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


def test_the_layout_holds_no_user_and_the_page_is_served(site):
    app, _, _, module = site
    with _as(site, "boss"):
        tree = module.layout(lang="zh")
    assert "boss" not in _text(tree) and "li" not in _text(tree).split()
    ids = {getattr(n, "id", None) for n in walk(tree)}
    assert {"admin-add", "admin-target", "admin-reset", "admin-users-list"} <= ids
    assert "用户管理" in _text(tree)
    assert app.server.test_client().get("/admin/users").status_code == 200


@pytest.mark.parametrize(("who", "says"), [(None, "请先登录"), ("li", "无此权限"),
                                           ("wang", "无此权限")])
def test_anyone_but_an_admin_sees_no_users_and_changes_nothing(site, who, says):
    _, store, _, module = site
    before = _counts(store)
    with _as(site, who):
        shown, hidden, listing, options = module.show("?lang=zh")
        assert says in _text(shown) and hidden and listing == [] and options == []
        assert module.pick("li") == (no_update, no_update)
        for button in module.BUTTONS:
            form = {**EMPTY, "new_name": "zhao", "new_role": "admin", "target": "boss",
                    "role": "editor", "sectors": ["tourism"]}
            message, secret, listing, _, name = module.handle(button, form, "?lang=zh")
            assert says in _text(message) and secret is None and listing is no_update
            assert name is no_update
    assert _counts(store) == before
    assert accounts.authenticate(store, "boss", PASSWORD, "10.0.0.1") is not None


def test_an_admin_adds_a_user_and_sees_the_temporary_password_once(site):
    _, store, _, module = site
    with _as(site, "boss"):
        shown, hidden, listing, options = module.show("?lang=en")
        assert not hidden and "Signed in: boss (Admin)" in _text(shown)
        assert {"boss", "li", "wang"} <= set(_text(listing).split())
        form = {**EMPTY, "new_name": "zhao", "new_sectors": ["tourism"]}
        message, secret, listing, options, name = module.handle("admin-add", form, "?lang=en")
    assert "Added zhao" in _text(message) and name == ""
    (code,) = [n for n in walk(secret) if getattr(n, "id", None) == "admin-secret-value"]
    assert accounts.authenticate(store, "zhao", code.children, "10.0.0.1").name == "zhao"
    assert "zhao" in [o["value"] for o in options] and "Tourism" in _text(listing)
    assert history(store, "user:zhao")[0].actor == "boss"
    with _as(site, "boss"):  # the next answer does not show it again
        message, secret, _, _, name = module.handle("admin-add", form, "?lang=zh")
    assert "已被使用" in _text(message) and secret is None and name is no_update


def test_an_admin_changes_resets_clears_and_disables(site):
    _, store, people, module = site
    li_session = open_session(store, people["li"])
    with _as(site, "boss"):
        assert module.pick("li") == ("editor", ["economy"])
        form = {**EMPTY, "target": "li", "role": "reviewer", "sectors": ["tourism", "trade"]}
        for button, says in (("admin-save-role", "角色"), ("admin-save-sectors", "负责领域"),
                             ("admin-unlock", "登录锁定")):
            message, secret, _, _, _ = module.handle(button, form, "?lang=zh")
            assert says in _text(message) and "alert-success" in message.className
        message, secret, _, _, _ = module.handle("admin-reset", form, "?lang=zh")
        assert "已重置 li 的密码" in _text(message)
        temporary = next(n.children for n in walk(secret)
                         if getattr(n, "id", None) == "admin-secret-value")
        assert session_user(store, li_session) is None
        message, _, listing, options, _ = module.handle(
            "admin-disable", {**form, "reason": "left"}, "?lang=zh")
        assert "已停用 li" in _text(message) and "已停用" in _text(listing)
        assert "li" not in [o["value"] for o in options]
    actions = [(r.actor, r.action) for r in history(store, "user:li") if r.actor == "boss"]
    assert actions == [("boss", "user.role"), ("boss", "user.sectors"),
                       ("boss", "user.unlock"), ("boss", "user.password"),
                       ("boss", "user.disable")]
    assert temporary not in repr(history(store))
    assert accounts.authenticate(store, "li", temporary, "10.0.0.1") is None  # disabled


def test_the_last_admin_is_told_why_and_bad_values_are_refused(site):
    _, store, _, module = site
    before = _counts(store)
    with _as(site, "boss"):
        for button in ("admin-disable", "admin-save-role"):
            message, *_ = module.handle(button, {**EMPTY, "target": "boss",
                                                 "role": "editor"}, "?lang=zh")
            assert "最后一位启用的管理员" in _text(message)
        for form, says in (({**EMPTY, "target": None}, "请先选择用户"),
                           ({**EMPTY, "new_name": "x" * 65}, "用户名"),
                           ({**EMPTY, "new_name": "zhao", "new_sectors": "economy"},
                            "负责领域无效"),
                           ({**EMPTY, "new_name": "zhao", "new_role": ["admin"]}, "角色无效")):
            button = "admin-reset" if form["new_name"] == "" else "admin-add"
            message, secret, listing, _, _ = module.handle(button, form, "?lang=zh")
            assert says in _text(message) and secret is None and listing is no_update
        assert module.handle({"type": "x"}, EMPTY, "?lang=zh") == (no_update,) * 5
    assert _counts(store) == before


def test_a_request_from_another_site_changes_nothing(site):
    _, store, _, module = site
    before = _counts(store)
    for origin in ("http://evil.example", None):
        with _as(site, "boss", origin=origin):
            message, secret, _, _, _ = module.handle(
                "admin-add", {**EMPTY, "new_name": "zhao"}, "?lang=en")
        assert "another site" in _text(message) and secret is None
    assert _counts(store) == before


@pytest.mark.parametrize(("who", "linked"), [("boss", True), ("li", False), ("wang", False)])
def test_only_admins_get_the_link_from_entry(site, who, linked):
    entry = _module("/entry")
    with _as(site, who):
        who_box = entry.show_user("?lang=zh")[0]
    links = [n.href for n in walk(who_box) if getattr(n, "id", None) == "admin-users-link"]
    assert links == (["/admin/users?lang=zh"] if linked else [])
