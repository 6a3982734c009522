"""What the app assumes of Dash beyond its public API, checked in one place.

The first-load path (``components/shell.py``) renders the page into the layout; it uses the
pages router's component ids and query parsing, the public ``layout_post`` renderer hook and
Dash's documented ``interpolate_index`` override (``app_factory.DashboardApp``); the private
names are kept in ``dashboard/dash_private.py``. Page callbacks are registered on each app by
the page's ``register_callbacks(app)``, which needs Dash to execute the pages folder afresh for
every app. ``index_page.trim_scripts`` recognises Dash's script URLs. If a Dash upgrade
changes any of these, the test below names what changed and where the app relies on it,
instead of the first load silently falling back to the slow path.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import dash
from dash import dash as dash_module

from dashboard.app_factory import DashboardApp, create_app
from dashboard.components import shell
from dashboard.index_page import POLYFILL_SCRIPT
from tests.app_settings import app_settings

FIXTURE_PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def _explain(what: str, where: str) -> str:
    return (f"Dash {dash.__version__} changed {what}; update {where} "
            "(see tests/test_dash_internals.py)")


def test_pages_router_ids_are_the_ones_the_shell_prerenders_into():
    for name, expected in (("_ID_CONTENT", shell.PAGES_CONTENT_ID),
                           ("_ID_LOCATION", shell.PAGES_LOCATION_ID),
                           ("_ID_STORE", shell.PAGES_STORE_ID),
                           ("_ID_DUMMY", shell.PAGES_DUMMY_ID)):
        assert getattr(dash_module, name, None) == expected, _explain(
            f"the pages router id {name}", "dashboard/components/shell.py PAGES_*_ID")


def test_query_parsing_matches_the_pages_router():
    from dash._pages import _parse_query_string

    for search in ("?lang=en&ind=a,b&x=1&x=2&empty=", "", "?report=r-1&year=2024"):
        assert shell.query_arguments(search) == _parse_query_string(search), _explain(
            "how the pages router turns ?query into layout() arguments",
            "dashboard/components/shell.py query_arguments")


def test_renderer_hook_and_index_override_are_public_and_used(counties):
    params = inspect.signature(dash.Dash.__init__).parameters
    assert "hooks" in params, _explain("the renderer hooks argument", "app_factory.create_app")
    assert "layout_post" in (dash.Dash.__init__.__doc__ or "") + (
        dash.Dash.__doc__ or ""), _explain("the layout_post hook", "components/shell.py")
    assert "interpolate_index" in vars(dash.Dash), _explain(
        "Dash.interpolate_index", "app_factory.DashboardApp")
    app = create_app(app_settings(), snapshot=counties)
    assert isinstance(app, DashboardApp)
    page = app.server.test_client().get("/").get_data(as_text=True)
    assert "layout_post: dash_clientside.shell.guardLayout" in page, _explain(
        "how renderer hooks reach the page", "components/shell.py LAYOUT_GUARD_HOOK")
    assert 'id="page-packages"' in page, _explain(
        "interpolate_index's arguments", "app_factory.DashboardApp.interpolate_index")


def test_each_app_executes_the_pages_folder_afresh():
    # create_app calls register_callbacks(app) of the page modules Dash has just executed:
    # it needs a fresh module per app, not one imported once per process.
    modules = []
    for _ in range(2):
        create_app(app_settings(pages_dir=FIXTURE_PAGES))
        page = next(p for p in dash.page_registry.values() if p["path"] == "/about")
        modules.append(sys.modules[page["module"]])
    assert modules[0] is not modules[1], _explain(
        "how it imports the pages folder (once per app)", "app_factory._register_page_callbacks")
    create_app(app_settings())  # leave the real pages registered for the other tests


def test_script_urls_trimmed_from_the_index_page(counties):
    app = create_app(app_settings(), snapshot=counties)
    scripts = app._generate_scripts_html()
    assert POLYFILL_SCRIPT.search(scripts), _explain(
        "the URL of its polyfill bundle", "dashboard/index_page.py POLYFILL_SCRIPT")
    assert "/_dash-component-suites/dash_ag_grid/" in scripts, _explain(
        "where AG Grid's bundle is served", "dashboard/index_page.py PAGE_ONLY_PACKAGES")
