"""The layout rendered for the page being opened (dashboard/components/shell.py)."""

from __future__ import annotations

import json

import pytest
from dash import html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app_factory import ASSETS_DIR, create_app
from dashboard.components import shell
from dashboard.i18n import t
from tests.app_settings import app_settings
from tests.components.helpers import by_id


@pytest.fixture(scope="module")
def app(counties):
    """The real app serving the test counties, with a request context for direct calls."""
    app = create_app(app_settings(), snapshot=counties)
    with app.server.test_request_context("/"):
        yield app


@pytest.fixture
def data(app, counties):
    return counties


def _find(component, cid):
    found = by_id(component, cid)
    return found[0] if found else None


@pytest.mark.parametrize(("referrer", "expected"), [
    ("http://h:8050/economy?lang=en", ("/economy", "?lang=en")),
    ("https://h:8050/", ("/", "")),
    ("http://h:8050/data?sectors=a,b&q=%E4%B8%87", ("/data", "?sectors=a,b&q=%E4%B8%87")),
    # Another host is accepted (a proxy may rewrite Host); the browser checks the address.
    ("http://other:8050/economy", ("/economy", "")),
    ("http://h:8050", None),
    ("javascript:alert(1)", None),
    ("ftp://h:8050/economy", None),
    ("", None),
    (None, None),
    (42, None),
    ("http://h:8050/" + "x" * 5000, None),
    ("http://[::1", None),
])
def test_address_from_referrer(referrer, expected):
    assert shell.address_from_referrer(referrer) == expected


def test_query_arguments_match_the_pages_router():
    assert shell.query_arguments("?lang=en&ind=a,b&x=1&x=2&empty=") == {
        "lang": "en", "ind": "a,b", "x": ["1", "2"], "empty": ""}
    assert shell.query_arguments("") == {}
    assert shell.query_arguments("lang=en") == {}


def test_page_is_rendered_into_the_layout_in_the_urls_language(data):
    layout = shell.shell(data, ("/economy", "?lang=en"))
    content = _find(layout, shell.PAGES_CONTENT_ID)
    assert _find(content.children, "economy-content") is not None
    for cid in ("url", shell.PAGES_LOCATION_ID):
        location = _find(layout, cid)
        assert (location.pathname, location.search) == ("/economy", "?lang=en")
    assert _find(layout, "lang-store").data == "en"
    assert t("footer.licence", "en") in json.dumps(
        _find(layout, "site-footer-body").to_plotly_json(), default=str, ensure_ascii=False)
    assert _find(layout, "lang-btn-en").className.endswith("active")
    assert _find(layout, shell.PAGES_STORE_ID).data == {"title": str(
        next(p for p in __import__("dash").page_registry.values()
             if p["path"] == "/economy")["title"])}


@pytest.mark.parametrize("address", [
    None,
    ("/no-such-page", ""),
    ("/economy", "?lang=xx"),  # the language callback corrects the URL first
    ("/economy", "?lang=EN"),
])
def test_plain_shell_when_the_page_cannot_be_known(data, address):
    layout = shell.shell(data, address)
    assert _find(layout, shell.PAGES_CONTENT_ID).children is None
    for cid in ("url", shell.PAGES_LOCATION_ID):
        location = _find(layout, cid)
        assert getattr(location, "pathname", None) is None
        assert getattr(location, "search", None) is None
    assert getattr(_find(layout, "lang-store"), "data", None) is None
    assert _find(layout, "lang-btn-zh").className.endswith("active")


def test_a_failing_page_layout_falls_back_to_the_router(data, monkeypatch):
    import dash

    page = next(p for p in dash.page_registry.values() if p["path"] == "/economy")

    def broken(**_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setitem(page, "layout", broken)
    layout = shell.shell(data, ("/economy", ""))
    assert _find(layout, shell.PAGES_CONTENT_ID).children is None
    assert getattr(_find(layout, "url"), "pathname", None) is None


def test_report_in_the_address_is_rendered_and_named(data):
    layout = shell.shell(data, ("/economy", "?report=qingshi-2025&lang=zh"))
    content = _find(layout, shell.PAGES_CONTENT_ID)
    assert "当前报告：2025年青石县政府工作报告" in json.dumps(
        content.to_plotly_json(), default=str, ensure_ascii=False)
    footer = json.dumps(_find(layout, "site-footer-body").to_plotly_json(), default=str,
                        ensure_ascii=False)
    assert "2025年青石县政府工作报告" in footer and "鹿鸣县" not in footer
    assert _find(layout, "report-select").value == "qingshi-2025"


def test_memoised_layout_answers_repeats_from_the_snapshot_memo(app, counties, luming):
    from dashboard.context import source_of

    calls = []

    def layout(lang=None, **query):
        calls.append((lang, query))
        return html.Div(lang)

    cached = shell.memoise_layout(layout, "/x")
    first = cached(lang="en", ind=["a", "b"])
    assert cached(ind=["a", "b"], lang="en") is first
    assert len(calls) == 1
    cached(lang="zh")
    assert len(calls) == 2
    assert cached.__wrapped__ is layout
    # Another data version: nothing built from the old one is served.
    source = source_of(app.server)
    source.replace(luming)
    try:
        # A fresh app context, as every served request has (``g`` holds the pinned snapshot).
        with app.server.app_context(), app.server.test_request_context("/"):
            assert cached(lang="en", ind=["a", "b"]) is not first
        assert len(calls) == 3
    finally:
        source.replace(counties)


def test_memoised_layout_passes_unhashable_arguments_through(app):
    cached = shell.memoise_layout(lambda **kw: html.Div(str(sorted(kw))), "/y")
    assert cached(x={"a": 1}).children == "['x']"


def test_every_page_layout_is_memoised(app):
    import dash

    assert all(hasattr(p["layout"], "__wrapped__") for p in dash.page_registry.values()
               if callable(p["layout"]))


def test_layout_endpoint_renders_the_referring_page(app):
    client = app.server.test_client()
    client.get("/")
    answer = client.get("/_dash-layout", headers={"Referer": "http://localhost/tourism?lang=en"})
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200
    location = _find_json(json.loads(body), "url")
    assert (location["pathname"], location["search"]) == ("/tourism", "?lang=en")
    assert "tourism-content" in body
    assert answer.headers["Cache-Control"] == "no-store"
    assert "Referer" in answer.headers.get("Vary", "")
    other = client.get("/_dash-layout", headers={"Referer": "http://localhost/economy"})
    assert "economy-content" in other.get_data(as_text=True)
    assert "tourism-content" not in other.get_data(as_text=True)
    bare = client.get("/_dash-layout").get_data(as_text=True)
    assert "pathname" not in bare


def _find_json(node, cid):
    if isinstance(node, list):
        return next((f for f in (_find_json(n, cid) for n in node) if f), None)
    if not isinstance(node, dict) or "props" not in node:
        return None
    if node["props"].get("id") == cid:
        return node["props"]
    return _find_json(node["props"].get("children"), cid)


def test_layout_guard_runs_before_the_layout_is_rendered(app):
    page = app.server.test_client().get("/").get_data(as_text=True)
    assert f"new DashRenderer({{layout_post: {shell.LAYOUT_GUARD_HOOK}}})" in page
    # The asset defining the guard is loaded before the renderer's script runs.
    assert page.index('src="/assets/shell.js') < page.index('id="_dash-renderer"')
    source = (ASSETS_DIR / "shell.js").read_text(encoding="utf-8")
    assert "guardLayout: function (layout)" in source
    for name, cid in shell.LAYOUT_GUARD_IDS.items():
        assert f'{name}: "{cid}"' in source  # the ids as the Python constants spell them
    assert set(shell.LAYOUT_GUARD_IDS.values()) == {
        "url", shell.PAGES_LOCATION_ID, shell.PAGES_CONTENT_ID, "lang-store"}


_PATHS = st.sampled_from(["/", "/economy", "/investment", "/agriculture", "/tourism", "/targets",
                          "/data", "/report", "/present", "/nope", "//", "/economy/../data"])
_KEYS = st.sampled_from(["lang", "ind", "group", "view", "sectors", "kinds", "q", "fact",
                         "slides", "interval", "start", "theme", "year", "x"])
_VALUES = st.one_of(st.text(max_size=40), st.sampled_from(["en", "zh", "xx", "NaN", "-1",
                                                           "<script>", "1e309", ",,,"]))


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path=_PATHS, query=st.lists(st.tuples(_KEYS, _VALUES), max_size=4))
def test_layout_endpoint_survives_any_referrer(app, path, query):
    """The Referer is client-controlled: any value gives a usable layout, never an error."""
    from urllib.parse import urlencode

    client = app.server.test_client()
    referrer = f"http://localhost{path}" + (f"?{urlencode(query)}" if query else "")
    answer = client.get("/_dash-layout", headers={"Referer": referrer})
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200, body[:300]
    assert "Traceback" not in body and 'File "' not in body
    layout = json.loads(body)
    assert _find_json(layout, shell.PAGES_CONTENT_ID) is not None
