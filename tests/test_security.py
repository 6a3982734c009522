"""Security headers, the callback-request guard, the callback error handler, and delivery
(compression cache, cache lifetimes, preload hints) — all through the Flask test client."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
import re
from pathlib import Path

import brotli
import pytest
from dash import Input, Output

from dashboard import delivery, security, web_settings
from dashboard.app_factory import create_app
from dashboard.users.secret import SecretKeyError
from tests.app_settings import app_settings

SCRIPT_TAG = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
ALLOWED_SOURCES = re.compile(r"^(?:'self'|'none'|'unsafe-inline'|'sha256-[A-Za-z0-9+/=]+'|"
                             r"data:|blob:)$")
EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
}


@pytest.fixture(scope="module")
def app(counties):
    return create_app(app_settings(), snapshot=counties)


@pytest.fixture
def client(app):
    return _client(app)


def _client(app, origin="http://localhost"):
    """A test client whose requests come from a page of ``origin``, as a browser's do."""
    client = app.server.test_client()
    if origin:
        client.environ_base["HTTP_ORIGIN"] = origin
    return client


def _csp(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _index_with_asset_urls(client) -> tuple[str, list[str]]:
    page = client.get("/").get_data(as_text=True)
    urls = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(/[^"]+)"', page)
    return page, urls


def test_every_response_carries_the_headers(client):
    page, urls = _index_with_asset_urls(client)
    responses = [client.get(path) for path in (
        "/", "/no/such/page", "/_dash-layout", "/_dash-dependencies", "/healthz",
        "/assets/missing.css", "/_dash-component-suites/nope/x.js",
    )]
    responses += [client.get(url) for url in urls[:6]]
    responses.append(client.post("/_dash-update-component", data="nope",
                                 content_type="application/json"))
    for response in responses:
        for name, value in EXPECTED_HEADERS.items():
            assert response.headers.get(name) == value, (response.request.path, name)
        assert "frame-ancestors" in _csp(response)


def test_csp_allows_only_this_origin_and_hashed_inline_scripts(client):
    response = client.get("/")
    directives = _csp(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    # No external host, no wildcard, no scheme-only http(s): in any directive.
    for name, values in directives.items():
        for value in values:
            assert ALLOWED_SOURCES.match(value), (name, value)
    script_src = directives["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    # Every executable inline <script> of the index page is allowed by its hash; JSON
    # config blocks are data and need none.
    page = response.get_data(as_text=True)
    inline = [m for m in SCRIPT_TAG.finditer(page) if "src=" not in m["attrs"]]
    executable = [m["body"] for m in inline if "application/json" not in m["attrs"]]
    assert len(executable) >= 2  # the renderer and clientside callbacks
    for body in executable:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_csp_follows_inline_scripts_added_later():
    app = create_app(app_settings())
    client = app.server.test_client()
    before = set(_csp(client.get("/"))["script-src"])
    app.clientside_callback("function (x) { return x; /* added */ }",
                            Output("site-footer", "title"), Input("url", "hash"))
    after = set(_csp(client.get("/"))["script-src"])
    added = after - before
    assert len(added) == 1 and added <= set(app.csp_hashes())
    assert "function (x) { return x; /* added */ }" in client.get("/").get_data(as_text=True)


def test_content_security_policy_builder():
    policy = security.content_security_policy(
        [security.script_hash("a()"), security.script_hash("a()"), security.script_hash("b()")])
    assert policy.count("'sha256-") == 2
    assert "script-src 'self' 'sha256-" in policy


def _footer_body(value="en"):
    return {
        "output": "site-footer-body.children",
        "outputs": {"id": "site-footer-body", "property": "children"},
        "inputs": [{"id": "lang-store", "property": "data", "value": value},
                   {"id": "url", "property": "search", "value": "?report=luming-2024"}],
        "changedPropIds": ["lang-store.data"],
        "state": [],
    }


def test_wellformed_callback_request_passes_the_guard(client):
    response = client.post("/_dash-update-component", json=_footer_body())
    assert response.status_code == 200
    assert "Unofficial compilation" in response.get_data(as_text=True)
    assert "Luming County 2024 Government Work Report" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda b: [b],
        lambda b: "just a string",
        lambda b: {**b, "output": 42},
        lambda b: {**b, "output": "no-such.children"},
        lambda b: {**b, "inputs": "url.search"},
        lambda b: {**b, "inputs": []},
        lambda b: {**b, "inputs": b["inputs"] * 2},
        lambda b: {**b, "inputs": [{"id": "url", "property": "pathname", "value": "/"}]},
        lambda b: {**b, "inputs": [{"id": ["lang-store"], "property": "data", "value": ""}]},
        lambda b: {**b, "inputs": [{"property": "data", "value": ""}]},
        lambda b: {**b, "state": [{"id": "url", "property": "search", "value": ""}]},
        lambda b: {**b, "state": None},
        lambda b: {**b, "outputs": "site-footer-body"},
        lambda b: {**b, "outputs": {"id": {"a": {"b": 1}}, "property": "children"}},
        lambda b: {**b, "changedPropIds": "url.search"},
        lambda b: {**b, "changedPropIds": [1, 2]},
        lambda b: {k: v for k, v in b.items() if k != "output"},
    ],
)
def test_malformed_callback_requests_get_400(client, mutate):
    response = client.post("/_dash-update-component", json=mutate(_footer_body()))
    assert response.status_code == 400
    assert response.get_data(as_text=True) == security.BAD_REQUEST


def test_unparsable_and_oversized_bodies_are_client_errors(client):
    for data, ctype in (("{nope", "application/json"), ("x=1", "text/plain"), ("", None)):
        response = client.post("/_dash-update-component", data=data, content_type=ctype)
        assert 400 <= response.status_code < 500, (data, response.status_code)
    huge = b'{"output": "' + b"x" * (security.MAX_BODY_BYTES + 10) + b'"}'
    response = client.post("/_dash-update-component", data=huge,
                           content_type="application/json")
    assert response.status_code == 413


def test_callback_errors_are_logged_and_answered_as_no_update(caplog):
    app = create_app(app_settings())

    @app.callback(Output("site-footer", "title"), Input("url", "hash"))
    def _fail(_value):
        raise ValueError("secret-detail")

    body = {
        "output": "site-footer.title",
        "outputs": {"id": "site-footer", "property": "title"},
        "inputs": [{"id": "url", "property": "hash", "value": "#x"}],
        "changedPropIds": ["url.hash"],
        "state": [],
    }
    with caplog.at_level(logging.ERROR, logger="dashboard.callbacks"):
        response = _client(app).post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204)
    assert "secret-detail" not in response.get_data(as_text=True)
    assert any("site-footer" in r.getMessage() and r.exc_info for r in caplog.records)


def test_fingerprinted_files_are_cached_for_a_year_and_compressed_once(app, client):
    _, urls = _index_with_asset_urls(client)
    plotly_url = next(u for u in urls if "a-plotly.min.js" in u)
    suite_url = next(u for u in urls if "dash_renderer" in u)
    bootstrap_url = next(u for u in urls if "bootstrap" in u)
    raw = (Path(app.config.assets_folder) / "vendor" / "a-plotly.min.js").read_bytes()

    first = client.get(plotly_url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] == "br"
    assert first.headers["Cache-Control"] == delivery.IMMUTABLE
    assert "Accept-Encoding" in first.headers["Vary"]
    assert brotli.decompress(first.data) == raw
    again = client.get(plotly_url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert again.data == first.data

    old_browser = client.get(plotly_url, headers={"Accept-Encoding": "gzip, deflate"})
    assert old_browser.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(old_browser.data) == raw
    plain = client.get(plotly_url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.get_data() == raw

    revalidated = client.get(plotly_url, headers={"Accept-Encoding": "br",
                                                  "If-None-Match": first.headers["ETag"]})
    assert revalidated.status_code == 304

    suite = client.get(suite_url, headers={"Accept-Encoding": "br"})
    assert suite.headers["Cache-Control"] == delivery.IMMUTABLE
    assert suite.headers["Content-Encoding"] == "br"
    # Named by version but not fingerprinted by Dash: revalidated, never stale.
    assert client.get(bootstrap_url).headers["Cache-Control"] == "no-cache"


def test_dynamic_responses_are_not_cached(client):
    for path in ("/", "/_dash-layout", "/_dash-dependencies"):
        response = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert "immutable" not in response.headers.get("Cache-Control", ""), path


def test_index_preloads_what_every_page_fetches_next(client):
    page = client.get("/").get_data(as_text=True)
    head = page.split("</head>")[0]
    for path, kind in delivery.PRELOADS:
        assert f'<link rel="preload" href="/{path}" as="{kind}"' in head
        assert client.get(f"/{path}").status_code == 200, path


def test_warm_caches_fill_the_caches_before_fork():
    app = create_app(app_settings())
    delivery.warm_caches(app.server)
    client = app.server.test_client()
    _, urls = _index_with_asset_urls(client)
    for url in urls:
        response = client.get(url, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200, url


def test_callbacks_answer_from_the_snapshot_of_the_request(luming, qingshi):
    """No response cache outside the snapshot: a new data version answers at once."""
    from dashboard.context import source_of

    app = create_app(app_settings(), snapshot=luming)
    client = _client(app)
    body = {**_footer_body("zh"), "inputs": [
        {"id": "lang-store", "property": "data", "value": "zh"},
        {"id": "url", "property": "search", "value": ""}]}
    first = json.dumps(client.post("/_dash-update-component", json=body).json,
                       ensure_ascii=False)
    source_of(app.server).replace(qingshi)
    second = json.dumps(client.post("/_dash-update-component", json=body).json,
                        ensure_ascii=False)
    assert "2025年鹿鸣县政府工作报告" in first and "青石县" not in first
    assert "2025年青石县政府工作报告" in second and "鹿鸣县" not in second


def test_deeply_nested_json_is_a_client_error(client):
    for depth in (100_000, 5_000):
        data = "[" * depth + "]" * depth
        response = client.post("/_dash-update-component", data=data,
                               content_type="application/json")
        assert response.status_code == 400, depth


# --- One same-origin check for every write (web_settings: DASHBOARD_ORIGIN, proxies) ---


@pytest.mark.parametrize("headers", [
    {},                                                   # neither Origin nor Referer
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Origin": "http://evil.example", "Referer": "http://localhost/"},
    {"Referer": "http://evil.example/page"},
    {"Origin": "http://localhost.evil.example"},
])
def test_a_callback_from_another_site_is_refused(app, headers):
    """Before, Dash's callback endpoint took POSTs from any site (only some callbacks
    checked the origin themselves)."""
    client = _client(app, origin=None)
    response = client.post("/_dash-update-component", json=_footer_body(), headers=headers)
    assert response.status_code == 403 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == security.CROSS_SITE
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_callback_from_this_site_passes(app):
    for headers in ({"Origin": "http://localhost"}, {"Referer": "http://localhost/targets"},
                    {"Origin": "https://localhost"}):
        response = _client(app, origin=None).post("/_dash-update-component",
                                                 json=_footer_body(), headers=headers)
        assert response.status_code == 200, headers


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "POST"])
def test_every_unsafe_method_on_any_path_is_checked(app, method):
    client = _client(app, origin="http://evil.example")
    for path in ("/", "/auth/signout", "/upload/file", "/api/v1/entries", "/no/such/path"):
        assert client.open(path, method=method).status_code == 403, (method, path)
    assert client.get("/healthz").status_code == 200  # reading is never refused


def test_a_script_with_a_bearer_token_and_no_browser_headers_is_let_through(app):
    """The JSON API's clients (curl, scripts) send no Origin; what they may do is the API's
    token check. A browser's cross-site request always has an Origin, so it cannot pass."""
    bearer = {"Authorization": "Bearer abc123"}
    plain = _client(app, origin=None)
    assert plain.post("/_dash-update-component", json=_footer_body(),
                      headers=bearer).status_code == 200
    refused = [
        {**bearer, "Origin": "http://evil.example"},
        {**bearer, "Referer": "http://evil.example/"},
        {"Authorization": "Basic abc123"},
    ]
    for headers in refused:
        assert plain.post("/_dash-update-component", json=_footer_body(),
                          headers=headers).status_code == 403, headers
    signed_in = _client(app, origin=None)  # a cookie: a browser's credentials ride along
    signed_in.set_cookie("dashboard_session", "x")
    assert signed_in.post("/_dash-update-component", json=_footer_body(),
                          headers=bearer).status_code == 403


def test_the_configured_origin_is_read_once_when_the_app_is_created(counties, monkeypatch):
    """Behind a proxy that rewrites Host to localhost, the browser's Origin is the public
    address: before, every write was refused there."""
    public = "https://dash.example.gov.cn"
    monkeypatch.setenv(web_settings.ORIGIN_ENV, f"{public}, http://intranet.example:8080")
    app = create_app(app_settings(), snapshot=counties)
    monkeypatch.setenv(web_settings.ORIGIN_ENV, "http://evil.example")  # too late
    for origin in (public, "https://DASH.example.gov.cn:443", "http://intranet.example:8080"):
        assert _client(app, origin).post("/_dash-update-component",
                                         json=_footer_body()).status_code == 200, origin
    # Only the configured ones: not the request's own host, nor http for https.
    for origin in ("http://localhost", "http://dash.example.gov.cn", "http://evil.example",
                   "https://dash.example.gov.cn:8443"):
        assert _client(app, origin).post("/_dash-update-component",
                                         json=_footer_body()).status_code == 403, origin


@pytest.mark.parametrize(("name", "value"), [
    (web_settings.ORIGIN_ENV, "dash.example.gov.cn"),
    (web_settings.ORIGIN_ENV, "https://dash.example.gov.cn/dashboard"),
    (web_settings.ORIGIN_ENV, "ftp://dash.example.gov.cn"),
    (web_settings.PROXIES_ENV, "10.0.0.0/33"),
    (web_settings.PROXIES_ENV, "proxy.local"),
])
def test_a_wrong_setting_stops_the_app_naming_it(name, value):
    with pytest.raises(SecretKeyError, match=f"^{name}: "):
        web_settings.read_settings({name: value})


def test_defaults_trust_loopback_proxies_only():
    settings = web_settings.read_settings({})
    assert settings.origins == ()
    assert [str(n) for n in settings.trusted_proxies] == ["127.0.0.0/8", "::1/128"]


@pytest.mark.parametrize(("peer", "forwarded", "client"), [
    ("192.0.2.7", "10.1.1.1", "192.0.2.7"),                    # untrusted peer: ignored
    ("127.0.0.1", "10.1.1.1", "10.1.1.1"),                     # loopback proxy
    ("127.0.0.1", "6.6.6.6, 10.1.1.1", "10.1.1.1"),            # spoofed hop on the left
    ("127.0.0.1", "10.1.1.1, 127.0.0.2", "10.1.1.1"),          # two trusted proxies
    ("127.0.0.1", "garbage, 10.1.1.1", "10.1.1.1"),
    ("127.0.0.1", "10.1.1.1, garbage", "127.0.0.1"),           # the proxy sent nonsense
    ("127.0.0.1", "", "127.0.0.1"),
    ("::ffff:127.0.0.1", "2001:db8::5", "2001:db8::5"),
    ("127.0.0.1", "[2001:db8::5]:4711", "2001:db8::5"),
    ("127.0.0.1", "192.0.2.44:4711", "192.0.2.44"),
])
def test_the_client_address_comes_from_trusted_proxies_only(peer, forwarded, client):
    from flask import Flask

    flask_app = Flask(__name__)
    settings = web_settings.read_settings({})
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    with flask_app.test_request_context("/", headers=headers,
                                        environ_base={"REMOTE_ADDR": peer}):
        assert web_settings.client_address(settings) == client


def test_a_trusted_proxy_may_name_the_host_and_scheme(app):
    """Without DASHBOARD_ORIGIN, the allowed origin is the host the browser asked for: a
    trusted proxy's X-Forwarded-Host; from anyone else that header is ignored."""
    forwarded = {"X-Forwarded-Host": "dash.example.gov.cn", "X-Forwarded-Proto": "https"}
    proxy = _client(app, origin="https://dash.example.gov.cn")
    assert proxy.post("/_dash-update-component", json=_footer_body(),
                      headers=forwarded).status_code == 200
    stranger = _client(app, origin="https://dash.example.gov.cn")
    stranger.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert stranger.post("/_dash-update-component", json=_footer_body(),
                         headers=forwarded).status_code == 403


def test_a_wrong_setting_stops_start_up_in_one_line(tmp_path, counties_dir, monkeypatch,
                                                    capsys):
    import shutil

    from dashboard import startup
    from dashboard.settings import DATA_DIR_ENV

    data = shutil.copytree(counties_dir, tmp_path / "data")
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    monkeypatch.setenv(web_settings.PROXIES_ENV, "10.0.0.0/8, proxy.local")
    with pytest.raises(SystemExit) as stop:
        startup.create_app_or_exit()
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err == ("dashboard: cannot start: DASHBOARD_TRUSTED_PROXIES: 'proxy.local' is not "
                   "an IP address or CIDR\n")


@pytest.mark.parametrize(("origin", "secure"), [
    ("https://dash.example.gov.cn", True), ("http://intranet.example:8080", False)])
def test_secure_follows_the_configured_origin_the_browser_is_on(origin, secure):
    from flask import Flask

    settings = web_settings.read_settings(
        {web_settings.ORIGIN_ENV: "https://dash.example.gov.cn,http://intranet.example:8080"})
    with Flask(__name__).test_request_context("/auth/signin", method="POST",
                                              headers={"Origin": origin}):
        assert web_settings.origin_allowed(settings)
        assert web_settings.is_https(settings) is secure
