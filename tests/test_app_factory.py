"""create_app, production settings, error handling, vendored assets."""

from __future__ import annotations

import re
from pathlib import Path

import dash
import plotly
import pytest
from dash import Dash, Input, Output, dcc

from dashboard import app_factory, server
from dashboard.app_factory import GENERIC_ERROR, create_app
from dashboard.components.footer import footer
from dashboard.components.navbar import nav_items, page_label
from tests.app_settings import app_settings
from tests.components.helpers import texts, walk

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "assets" / "vendor"
FIXTURE_PAGES = ROOT / "tests" / "fixtures" / "pages"
DEBUG_ENV = {
    "DASH_DEBUG": "true",
    "DASH_UI": "true",
    "DASH_PROPS_CHECK": "true",
    "DASH_HOT_RELOAD": "true",
    "DASH_SERVE_DEV_BUNDLES": "true",
    "DASH_PRUNE_ERRORS": "false",
    "FLASK_DEBUG": "1",
}
LEAK_MARKERS = ("Traceback", 'File "', "RuntimeError", "ZeroDivisionError", "secret-detail")


def _ids(component) -> set[str]:
    return {node.id for node in walk(component) if getattr(node, "id", None) is not None}


def _assert_no_leak(body: bytes) -> None:
    text = body.decode("utf-8", "replace")
    for marker in LEAK_MARKERS:
        assert marker not in text, text[:500]


def test_create_app_defaults():
    app = create_app(app_settings())
    assert isinstance(app, Dash)
    assert app.config.assets_folder == str(ROOT / "assets")
    assert Path(app.config.pages_folder) == ROOT / "dashboard" / "pages"
    assert app.config.serve_locally is True
    assert app.config.suppress_callback_exceptions is True
    assert app.use_pages is True
    # No place is typed into the app: the navbar names the place of the report shown.
    assert app.title == "政府工作报告指标看板"


def test_index_page_is_local_only():
    client = create_app(app_settings()).server.test_client()
    response = client.get("/")
    assert response.status_code == 200
    page = response.data.decode()
    assert '<html lang="zh-CN">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources, "no scripts or stylesheets found"
    assert all(s.startswith("/") for s in sources), sources
    # Bootstrap first so assets/style.css can override it.
    assert page.index("bootstrap-5.3.8.min.css") < page.index("/assets/style.css")
    assert page.index("a-plotly.min.js") < page.index("b-plotly-locale-zh-cn.js")
    assert page.count("bootstrap-5.3.8.min.css") == 1
    assert "package_data/plotly" not in page  # Dash's own plotly copy is never linked


def test_shell_layout(counties):
    app = create_app(app_settings(), snapshot=counties)
    with app.server.test_request_context("/"):
        layout = app.layout()
    ids = _ids(layout)
    for expected in ("url", "lang-store", "navbar", "nav-links", "lang-switch", "site-footer"):
        assert expected in ids
    assert "_pages_content" in ids  # dash.page_container
    store = next(c for c in walk(layout) if getattr(c, "id", None) == "lang-store")
    assert isinstance(store, dcc.Store) and store.storage_type == "local"
    location = next(c for c in walk(layout) if getattr(c, "id", None) == "url")
    assert location.refresh == "callback-nav"


def test_debug_env_does_not_enable_dev_tools(monkeypatch):
    for key, value in DEBUG_ENV.items():
        monkeypatch.setenv(key, value)
    app = create_app(app_settings())
    tools = app._dev_tools
    assert not any([tools.ui, tools.props_check, tools.hot_reload, tools.serve_dev_bundles])
    assert tools.prune_errors is True
    assert app.server.debug is False
    page = app.server.test_client().get("/").data.decode()
    assert '"ui":false' in page
    assert '"props_check":false' in page
    assert "hot_reload" not in page


def test_errors_never_leak_tracebacks(monkeypatch):
    for key, value in DEBUG_ENV.items():
        monkeypatch.setenv(key, value)
    app = create_app(app_settings())

    def explode():
        raise RuntimeError("secret-detail")

    app.server.add_url_rule("/explode", "explode", explode)
    client = app.server.test_client()

    response = client.get("/explode")
    assert response.status_code == 500
    assert response.data.decode() == GENERIC_ERROR
    assert response.mimetype == "text/plain"

    for path in ("/no/such/page", "/_dash-component-suites/nope/x.js", "/assets/missing.css"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        _assert_no_leak(response.data)

    response = client.post(
        "/_dash-update-component", data="not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 600
    _assert_no_leak(response.data)


def test_failing_callback_returns_generic_error():
    app = create_app(app_settings())

    @app.callback(Output("site-footer", "title"), Input("url", "hash"))
    def _fail(_value):
        raise RuntimeError("secret-detail")

    body = {
        "output": "site-footer.title",
        "outputs": {"id": "site-footer", "property": "title"},
        "inputs": [{"id": "url", "property": "hash", "value": "#x"}],
        "changedPropIds": ["url.hash"],
        "state": [],
    }
    response = app.server.test_client().post("/_dash-update-component", json=body,
                                             headers={"Origin": "http://localhost"})
    # Dash(on_error=security.on_callback_error): logged, answered as "no update".
    assert response.status_code in (200, 204)
    assert response.status_code == 204 or response.json["response"] == {}
    _assert_no_leak(response.data)


def test_health_endpoint():
    response = create_app(app_settings()).server.test_client().get(f"/{app_factory.HEALTH_PATH}")
    assert response.status_code == 200


def test_navbar_and_footer_from_fixture_pages():
    create_app(app_settings(pages_dir=FIXTURE_PAGES))
    items = nav_items("en", "/about")
    links = [item.children for item in items]
    labels = [link.children for link in links]
    assert labels[:2] == ["Demo home", "About"]
    assert "hidden" not in labels
    assert links[0].href == "/?lang=en"
    assert [link.active for link in links[:2]] == [False, True]
    assert page_label({"name": "unlabelled"}, "zh") == "unlabelled"

    text = str(footer("en", "Report X (1 Jan)").to_plotly_json())
    assert "Report X (1 Jan)" in text
    assert "Official document, not subject to copyright" in text



def test_navbar_and_footer_name_the_report_shown(counties):
    """Brand, selector, links and footer follow ?report= (titles from reports.csv)."""
    from dashboard.components.footer import report_source
    from dashboard.components.navbar import navbar

    app = create_app(app_settings(), snapshot=counties)
    with app.server.test_request_context("/"):
        bar = navbar(counties, "zh", "/economy", "?report=qingshi-2025&lang=zh")
        default = navbar(counties, "en", "/economy", "")
    assert "青石县政府工作报告指标看板" in texts(bar)
    links = [n for n in walk(bar) if getattr(n, "href", None)]
    assert links and all("report=qingshi-2025" in n.href for n in links
                         if str(n.href).startswith("/") and "lang=" in n.href)
    select = next(n for n in walk(bar) if getattr(n, "id", None) == "report-select")
    assert select.value == "qingshi-2025"
    assert {o["value"] for o in select.options} == {"luming-2024", "luming-2025", "qingshi-2025"}
    # No ?report=: the latest work report, and links that do not pin one.
    select = next(n for n in walk(default) if getattr(n, "id", None) == "report-select")
    assert select.value in {"luming-2025", "qingshi-2025"}
    assert not any("report=" in str(getattr(n, "href", "")) for n in walk(default))
    assert report_source(counties.scoped("luming-2024"), "zh") == (
        "2024年鹿鸣县政府工作报告（2024-01-20）")


def test_gunicorn_options(monkeypatch):
    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("WEB_WORKERS", raising=False)
    assert server.bind_address() == ("127.0.0.1", 8050)
    options = server.gunicorn_options(*server.bind_address())
    assert options["bind"] == "127.0.0.1:8050"
    assert options["workers"] == 2
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "9000")
    assert server.bind_address() == ("0.0.0.0", 9000)


def test_app_module_exposes_server():
    import app as entry

    assert entry.server is entry.app.server
    assert entry.app.server.debug is False


@pytest.mark.parametrize(
    "name",
    ["a-plotly.min.js", "b-plotly-locale-zh-cn.js", "bootstrap-5.3.8.min.css"],
)
def test_vendored_files_are_documented_and_map_free(name):
    text = (VENDOR / name).read_text(encoding="utf-8")
    assert "sourceMappingURL" not in text
    assert name in (VENDOR / "README.md").read_text(encoding="utf-8")


def test_vendored_plotly_matches_plotly_py():
    header = (VENDOR / "a-plotly.min.js").read_text(encoding="utf-8")[:200]
    # A partial bundle's banner reads "plotly.js (finance - minified) v4.1.1".
    version = re.escape(plotly.offline.get_plotlyjs_version())
    assert re.search(rf"plotly\.js (?:\([\w -]+\) )?v{version}\b", header), header


def test_each_app_owns_its_pages_and_page_callbacks():
    first = create_app(app_settings(pages_dir=FIXTURE_PAGES))
    second = create_app(app_settings(pages_dir=FIXTURE_PAGES))
    for app in (first, second):
        outputs = [d["output"] for d in app.server.test_client().get("/_dash-dependencies").json]
        assert outputs.count("about-output.children") == 1, outputs
    create_app(app_settings())
    assert "/about" not in {page["path"] for page in dash.page_registry.values()}
