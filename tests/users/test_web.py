"""Sign-in and sign-out over HTTP: cookie flags, a new session id at every sign-in, throttling,
cross-origin POSTs refused, no password or hash in any response."""

from __future__ import annotations

import pytest

from dashboard.app_factory import create_app
from dashboard.store import open_store
from dashboard.users import accounts
from dashboard.users.web import COOKIE, register

PASSWORD = "correct horse battery"
HOST = "http://localhost"


@pytest.fixture
def app(tmp_path, counties):
    store = open_store(f"sqlite:///{tmp_path / 'web.sqlite3'}")
    accounts.add_user(store, "li", PASSWORD, "editor", ["economy"])
    dash_app = create_app(snapshot=counties)
    dash_app.server.secret_key = "test-secret-key-for-the-web-tests-0123456789"
    register(dash_app.server, store)
    return dash_app


def _signin(client, name="li", password=PASSWORD, origin=HOST, **extra):
    headers = {"Origin": origin} if origin else {}
    return client.post("/auth/signin", data={"name": name, "password": password, **extra},
                       headers=headers)


def test_sign_in_sets_a_safe_cookie_and_sign_out_ends_it(app):
    client = app.server.test_client()
    assert client.get("/auth/me").status_code == 401
    response = _signin(client, next="/targets?year=2025")
    assert response.status_code == 303 and response.location == "/targets?year=2025"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    me = client.get("/auth/me")
    assert me.json == {"name": "li", "role": "editor", "sectors": ["economy"]}
    first = client.get_cookie(COOKIE).value
    _signin(client)
    assert client.get_cookie(COOKIE).value != first  # a new session id at every sign-in
    out = client.post("/auth/signout", headers={"Origin": HOST})
    assert out.status_code == 303 and out.location == "/signin?signed_out=1"
    assert client.get("/auth/me").status_code == 401


def test_a_stolen_old_cookie_stops_working_after_a_new_sign_in(app):
    client = app.server.test_client()
    _signin(client)
    old = client.get_cookie(COOKIE).value
    _signin(client)
    thief = app.server.test_client()
    thief.set_cookie(COOKIE, old)
    assert thief.get("/auth/me").status_code == 401


@pytest.mark.parametrize("origin", [None, "http://evil.example", "https://localhost.evil"])
def test_a_post_from_another_site_is_refused(app, origin):
    client = app.server.test_client()
    response = _signin(client, origin=origin)
    assert response.status_code == 303 and "error=origin" in response.location
    assert client.get_cookie(COOKIE) is None
    _signin(client)
    assert client.post("/auth/signout", headers={"Origin": "http://evil.example"}
                       ).status_code == 403
    assert client.get("/auth/me").status_code == 200  # still signed in


def test_wrong_passwords_are_throttled_and_answers_leak_nothing(app):
    client = app.server.test_client()
    for _ in range(accounts.MAX_FAILURES):
        response = _signin(client, password="wrong password!")
        assert "error=failed" in response.location
    response = _signin(client)  # the right password, too late
    assert "error=throttled" in response.location and client.get_cookie(COOKIE) is None
    for body in (response.get_data(as_text=True), client.get("/signin?error=failed").get_data(
            as_text=True)):
        assert PASSWORD not in body and "scrypt" not in body


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "javascript:x",
                                    "/\\evil", ""])
def test_next_stays_on_this_site(app, target):
    response = _signin(app.server.test_client(), next=target)
    assert response.location == "/"


def test_forged_or_garbage_cookies_are_nobody(app):
    client = app.server.test_client()
    for value in ("garbage", "x" * 1000, "eyJ0b2tlbiI6IngifQ.forged"):
        client.set_cookie(COOKIE, value)
        assert client.get("/auth/me").status_code == 401


def test_signin_page_renders_a_plain_form(app):
    import dash

    page = next(p for p in dash.page_registry.values() if p["path"] == "/signin")
    assert page.get("nav") is False  # not in the navbar
    with app.server.test_request_context("/signin"):
        tree = page["layout"](lang="en", error="throttled", next="//evil.example")
    form = tree.children[2]
    assert (form.id, form.method, form.action) == ("signin-form", "POST", "/auth/signin")
    fields = {c.name: c for c in form.children if getattr(c, "name", None)}
    assert fields["password"].type == "password" and fields["next"].value == "/"
    assert tree.children[1].children == "Too many failed sign-ins: try again in 15 minutes."
    assert app.server.test_client().get("/signin").status_code == 200


def test_the_audit_is_a_download_for_admins_only(app, tmp_path):
    client = app.server.test_client()
    assert client.get("/auth/audit.csv").status_code == 403
    _signin(client)  # li is an editor
    assert client.get("/auth/audit.csv").status_code == 403


def test_admins_download_the_audit(tmp_path, counties):
    store = open_store(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    accounts.add_user(store, "zhao", PASSWORD, "admin")
    dash_app = create_app(snapshot=counties)
    dash_app.server.secret_key = "test-secret-key-for-the-web-tests-0123456789"
    register(dash_app.server, store)
    client = dash_app.server.test_client()
    _signin(client, name="zhao")
    response = client.get("/auth/audit.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.data.decode("utf-8-sig")
    assert body.splitlines()[0] == "id,at,actor,action,subject,old,new,reason"
    assert "user.add" in body and "user.signin" in body
    assert PASSWORD not in body and "scrypt" not in body


def test_no_password_or_hash_reaches_a_log(app, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    client = app.server.test_client()
    _signin(client, password="wrong password!")
    _signin(client)
    client.post("/auth/signout", headers={"Origin": HOST})
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert PASSWORD not in logged and "wrong password!" not in logged
    assert "scrypt:" not in logged
