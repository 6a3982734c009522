"""Sign-in and sign-out over HTTP: cookie flags, a new session id at every sign-in, throttling,
cross-origin POSTs refused, no password or hash in any response."""

from __future__ import annotations

import pytest

from dashboard import security, web_settings
from dashboard.app_factory import create_app
from dashboard.store import open_store
from dashboard.users import accounts, throttle
from dashboard.users.web import COOKIE, register
from tests.app_settings import app_settings

PASSWORD = "correct horse battery"
HOST = "http://localhost"


@pytest.fixture
def app(tmp_path, counties):
    store = open_store(f"sqlite:///{tmp_path / 'web.sqlite3'}")
    accounts.add_user(store, "li", PASSWORD, "editor", ["economy"])
    dash_app = create_app(app_settings(), snapshot=counties)
    dash_app.server.secret_key = "test-secret-key-for-the-web-tests-0123456789"
    register(dash_app.server, store)
    dash_app.server.extensions["test.store"] = store
    return dash_app


def _signin(client, name="li", password=PASSWORD, origin=HOST, headers=(), **extra):
    sent = {"Origin": origin} if origin else {}
    return client.post("/auth/signin", data={"name": name, "password": password, **extra},
                       headers={**sent, **dict(headers)})


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


@pytest.mark.parametrize("origin", [None, "null", "http://evil.example",
                                    "https://localhost.evil", "http://localhost:8050"])
def test_a_post_from_another_site_is_refused(app, origin):
    client = app.server.test_client()
    response = _signin(client, origin=origin)
    assert response.status_code == 403 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == security.CROSS_SITE
    assert client.get_cookie(COOKIE) is None
    _signin(client)
    assert client.post("/auth/signout", headers={"Origin": "http://evil.example"}
                       ).status_code == 403
    assert client.get("/auth/me").status_code == 200  # still signed in


def test_a_referer_of_this_site_stands_in_for_a_missing_origin(app):
    client = app.server.test_client()
    response = client.post("/auth/signin", data={"name": "li", "password": PASSWORD},
                           headers={"Referer": f"{HOST}/signin?lang=en"})
    assert response.status_code == 303 and client.get_cookie(COOKIE) is not None


def test_wrong_passwords_are_throttled_and_answers_leak_nothing(app):
    client = _from(app, "203.0.113.9")
    for _ in range(throttle.FREE_FAILURES):
        response = _signin(client, password="wrong password!")
        assert "error=failed" in response.location
    response = _signin(client)  # the right password, too late from this address
    assert "error=throttled" in response.location and client.get_cookie(COOKIE) is None
    for body in (response.get_data(as_text=True), client.get("/signin?error=failed").get_data(
            as_text=True)):
        assert PASSWORD not in body and "scrypt" not in body


def test_failures_from_one_address_do_not_lock_the_user_out_of_another(app):
    """Before, five failures from anywhere refused the name everywhere for 15 minutes."""
    attacker = _from(app, "203.0.113.9")
    for _ in range(30):
        _signin(attacker, password="wrong password!")
    assert "error=throttled" in _signin(attacker).location
    office = _from(app, "10.1.2.3")
    response = _signin(office)
    assert response.status_code == 303 and response.location == "/"
    assert office.get("/auth/me").json["name"] == "li"


def test_an_admin_unlock_lets_the_locked_address_in_at_once(app):
    client = _from(app, "10.1.2.3")
    for _ in range(throttle.FREE_FAILURES + 3):
        _signin(client, password="a mistyped password")
    assert "error=throttled" in _signin(client).location
    throttle.clear_lock(app.server.extensions["test.store"], "li", "zhao")
    assert _signin(client).location == "/"


def test_behind_a_trusted_proxy_each_client_is_throttled_on_its_own(app):
    """X-Forwarded-For names the client when the peer is a trusted proxy (loopback by
    default): an attacker through the proxy does not lock out staff behind the same proxy."""
    proxy = _from(app, "127.0.0.1")
    for _ in range(20):
        _signin(proxy, password="wrong password!",
                headers={"X-Forwarded-For": "203.0.113.9"})
    assert "error=throttled" in _signin(
        proxy, headers={"X-Forwarded-For": "203.0.113.9"}).location
    staff = _signin(proxy, headers={"X-Forwarded-For": "10.1.2.3"})
    assert staff.location == "/"


def test_forwarded_headers_from_an_untrusted_peer_are_ignored(app):
    """A client cannot dodge the throttle by sending a new X-Forwarded-For each time."""
    client = _from(app, "203.0.113.9")
    for i in range(throttle.FREE_FAILURES):
        _signin(client, password="wrong password!",
                headers={"X-Forwarded-For": f"10.9.9.{i}"})
    response = _signin(client, headers={"X-Forwarded-For": "10.9.9.200",
                                        "X-Forwarded-Proto": "https"})
    assert "error=throttled" in response.location


def test_a_200_character_password_signs_in_and_201_never_does(app):
    """One rule for the CLI and the form: before, the form cut a password to 200 characters,
    so 200 good ones plus anything signed in, and a longer one set by the CLI never did."""
    store = app.server.extensions["test.store"]
    longest = "x" * accounts.MAX_PASSWORD
    accounts.add_user(store, "long", longest, "editor", ["economy"])
    client = app.server.test_client()
    assert "error=failed" in _signin(client, name="long", password=longest + "y").location
    assert _signin(client, name="long", password=longest).location == "/"


def _cookie_after_signin(client, **headers) -> str:
    response = client.post("/auth/signin", data={"name": "li", "password": PASSWORD},
                           headers=headers)
    assert response.status_code == 303 and response.location == "/", response.location
    return response.headers["Set-Cookie"]


def test_configured_origin_is_allowed_behind_a_proxy_that_rewrites_host(app):
    """The proxy forwards to http://localhost: the browser's Origin is the public address."""
    public = "https://dash.example.gov.cn"
    refused = app.server.test_client().post(
        "/auth/signin", data={"name": "li", "password": PASSWORD}, headers={"Origin": public})
    assert refused.status_code == 403  # not configured: only the request's own host
    web_settings.install(app.server, web_settings.read_settings({"DASHBOARD_ORIGIN": public}))
    cookie = _cookie_after_signin(_from(app, "192.0.2.7"), Origin=public)
    assert "Secure" in cookie  # the configured origin is https
    assert _from(app, "192.0.2.7").post("/auth/signin", data={"name": "li"},
                                        headers={"Origin": HOST}).status_code == 403


@pytest.mark.parametrize(("peer", "proxies", "secure"), [
    ("127.0.0.1", "", True),              # loopback proxy, trusted by default
    ("10.0.0.5", "", False),              # a proxy elsewhere, not configured: ignored
    ("10.0.0.5", "10.0.0.0/24", True),    # ... configured
    ("192.0.2.7", "10.0.0.0/24", False),  # anyone else: ignored
])
def test_secure_follows_a_trusted_forwarded_proto(app, peer, proxies, secure):
    web_settings.install(app.server, web_settings.read_settings(
        {"DASHBOARD_TRUSTED_PROXIES": proxies}))
    cookie = _cookie_after_signin(_from(app, peer), Origin="https://localhost",
                                  **{"X-Forwarded-Proto": "https"})
    assert ("Secure" in cookie) is secure


def _from(app, address: str):
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


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
    assert tree.children[1].children == ("Too many failed sign-ins: try again later "
                                         "(at most 15 minutes).")
    assert fields["password"].maxLength == accounts.MAX_PASSWORD == 200
    assert app.server.test_client().get("/signin").status_code == 200


def test_the_audit_is_a_download_for_admins_only(app, tmp_path):
    client = app.server.test_client()
    assert client.get("/auth/audit.csv").status_code == 403
    _signin(client)  # li is an editor
    assert client.get("/auth/audit.csv").status_code == 403


def test_admins_download_the_audit(tmp_path, counties):
    store = open_store(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    accounts.add_user(store, "zhao", PASSWORD, "admin")
    dash_app = create_app(app_settings(), snapshot=counties)
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
