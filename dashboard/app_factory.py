"""Build the Dash app: shell layout, local assets, production-safe settings.

Nothing here touches the network or the data files at import time; pages
register themselves (``dash.register_page``) when Dash imports the pages
folder during ``create_app``.

``create_app`` is the one composition root: the launcher and the tests call it alike.

One rule for callbacks: every module that has callbacks (a page, a shared component)
defines ``register_callbacks(app)``, which attaches them with ``app.callback`` /
``app.clientside_callback`` to the app being built; ``create_app`` calls it, for the shared
components below and for every page Dash found in the pages folder. No module uses Dash's
module-level ``dash.callback`` (``tests/test_dash_private.py``): those callbacks wait in
process-global lists for whichever app serves a request first, so with several apps in one
process (the tests) one app would get another's callbacks. Dash keeps ``dash.page_registry``
process-global too: ``create_app`` starts it afresh, so the most recently created app owns it.

Static assets (all served from ``assets/``, never a CDN):
* ``vendor/bootstrap-*.min.css`` is linked explicitly *before* the automatic
  assets, because Dash would otherwise load ``assets/style.css`` (top level)
  ahead of ``assets/vendor/*`` and Bootstrap would override our styles.
* ``vendor/a-plotly.min.js`` then ``vendor/b-plotly-locale-zh-cn.js`` load as
  plain scripts in name order, so ``window.Plotly`` (with zh-CN registered)
  exists before dcc.Graph looks for it and Dash never fetches its own copy.
* ``brief.css`` belongs to the one-page brief (``/brief``, ``dashboard/brief``), which
  links it itself: it is kept out of the Dash pages (its ``@page`` rule is the brief's).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import dash
from dash import Dash, html
from dash.exceptions import DependencyException
from flask import has_request_context, request

from dashboard import answers, context, index_page, templating, theme, warm, web_settings
from dashboard.api import read as api_read
from dashboard.api import write as api_write
from dashboard.brief import routes as brief_routes
from dashboard.components import footer as footer_mod
from dashboard.components import language, shell, url_sync
from dashboard.components import navbar as navbar_mod
from dashboard.data import Dataset
from dashboard.data_files import load_dataset
from dashboard.delivery import tune_delivery
from dashboard.i18n import DEFAULT_LANG, t
from dashboard.places import files as place_files
from dashboard.progress import download as target_download
from dashboard.security import install_security_headers, on_callback_error
from dashboard.settings import PAGES_DIR, Settings
from dashboard.store import STORE_EXTENSION, Store, StoreError
from dashboard.store.live import VersionFollower
from dashboard.store.versions import TableReuse, current_state
from dashboard.upload import web as upload_web
from dashboard.users import web as users_web
from dashboard.users.secret import SECRET_ENV, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_PAGES_DIR = PAGES_DIR
ASSETS_DIR = PROJECT_DIR / "assets"
BOOTSTRAP_CSS = "vendor/bootstrap-5.3.8.min.css"
HEALTH_PATH = "healthz"
MAIN_ID = shell.MAIN_ID

GENERIC_ERROR = "服务器内部错误 / Internal server error"
NOT_FOUND = "未找到 / Not found"

# The placeholders Dash fills in its index page (Dash.interpolate_index).
DASH_PLACEHOLDERS = ("metas", "title", "favicon", "css", "app_entry", "config", "scripts",
                     "renderer")


def index_string() -> str:
    """Dash's ``index_string``: ``templates/index.html`` with Dash's own ``{%name%}``
    placeholders left in it for Dash to fill on every request."""
    return templating.render("index.html",
                             dash={name: "{%" + name + "%}" for name in DASH_PLACEHOLDERS})


def _force_production_mode(app: Dash) -> None:
    """Dev tools off whatever DASH_* / FLASK_DEBUG say: they expose tracebacks."""
    app.enable_dev_tools(
        debug=False,
        dev_tools_ui=False,
        dev_tools_props_check=False,
        dev_tools_serve_dev_bundles=False,
        dev_tools_hot_reload=False,
        dev_tools_silence_routes_logging=True,
        dev_tools_prune_errors=True,
        dev_tools_validate_callbacks=False,
    )
    server = app.server
    server.debug = False
    server.config["PROPAGATE_EXCEPTIONS"] = False

    @server.errorhandler(500)
    def _internal_error(_error: Exception) -> tuple[str, int, dict[str, str]]:
        # Flask has already logged the traceback; the client gets no detail.
        return GENERIC_ERROR, 500, {"Content-Type": "text/plain; charset=utf-8"}

    @server.errorhandler(DependencyException)
    def _unknown_bundle(_error: Exception) -> tuple[str, int, dict[str, str]]:
        # Dash raises this for a request naming an unregistered component
        # package: a client error, not a server fault.
        return NOT_FOUND, 404, {"Content-Type": "text/plain; charset=utf-8"}


def _register_page_callbacks(app: Dash) -> None:
    """Each page's ``register_callbacks(app)``. Dash has just executed the pages folder for
    this app (a fresh module per app), so ``dash.page_registry`` holds this app's pages."""
    for page in dash.page_registry.values():
        register = getattr(sys.modules[str(page["module"])], "register_callbacks", None)
        if register is not None:
            register(app)


class DashboardApp(Dash):
    """Dash with the index page's scripts trimmed per page (``index_page.trim_scripts``).

    ``interpolate_index`` is Dash's documented way to customise the index page.
    """

    def interpolate_index(self, **kwargs: Any) -> str:
        from flask import has_request_context, request

        path = request.path if has_request_context() else "/"
        kwargs["scripts"] = index_page.trim_scripts(kwargs.get("scripts", ""), path)
        return str(super().interpolate_index(**kwargs))


def create_app(settings: Settings, store: Store | None = None, *,
               snapshot: Dataset | None = None) -> Dash:
    """The whole app, for production and tests alike: the one composition root.

    ``settings`` (``dashboard/settings.py``) say where it runs; the launcher reads them from
    the environment. With a ``store`` (an open database, brought up to date by
    ``dashboard.startup.prepare_store``) the app serves its current data version and follows
    new ones, and mounts what needs the database: ``/auth``, ``/upload``, the API's writes,
    the entry and admin pages' services. Without one it serves the tables of
    ``settings.data_dir`` read-only. ``snapshot`` (tests, benchmarks) serves that dataset
    instead, fixed. A missing or malformed table raises DataError naming the file; a
    database with no current version, StoreError.
    """
    theme.register_template()
    source = _snapshot_source(settings, store, snapshot)
    # dash.page_registry is process-global: start from this app's pages only,
    # so a test app's fixture pages never mix with the real ones.
    dash.page_registry.clear()
    app = DashboardApp(
        __name__,
        use_pages=True,
        pages_folder=str(settings.pages_dir.resolve()),
        assets_folder=str(ASSETS_DIR),
        # brief.css is the /brief page's own (linked there, inlined in its PDF): its @page
        # rule must not change how the dashboard's pages print.
        assets_ignore=r"^(bootstrap-[\d.]+\.min\.css|brief\.css)$",
        serve_locally=True,
        compress=True,
        suppress_callback_exceptions=True,
        title=t("app.generic_title", DEFAULT_LANG),
        update_title=None,
        description=t("app.subtitle", DEFAULT_LANG),
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        health_endpoint=HEALTH_PATH,
        on_error=on_callback_error,
        hooks={"layout_post": shell.LAYOUT_GUARD_HOOK},
    )
    shell.memoise_page_layouts()
    app.config.external_stylesheets = [app.get_asset_url(BOOTSTRAP_CSS)]
    app.index_string = index_string()
    app.server.config[context.WARM_SETTING] = settings.warm
    web_settings.install(app.server, settings.web)
    context.install(app.server, source)
    warm.install(app.server)
    target_download.register(app.server)
    brief_routes.register(app.server)
    api_read.register(app.server)
    place_files.register(app.server)  # /compare.csv, /record.csv

    def serve_layout() -> html.Div:
        # Called for /_dash-layout: the Referer names the page being opened.
        address = None
        if has_request_context():
            address = shell.address_from_referrer(request.referrer)
        return shell.shell(context.current_dataset(), address)

    app.layout = serve_layout
    language.register_callbacks(app)
    url_sync.register_callbacks(app)
    navbar_mod.register_callbacks(app)
    footer_mod.register_callbacks(app)
    _register_page_callbacks(app)
    _force_production_mode(app)
    install_security_headers(app.server, app)
    tune_delivery(app)
    answers.install(app)  # after the security hooks: a refused request finds nothing
    if store is not None:
        _mount_store(app, settings, store)
    return app


def _snapshot_source(settings: Settings, store: Store | None,
                     snapshot: Dataset | None) -> context.SnapshotSource:
    """What the app serves: ``snapshot``, else the store's current version (followed), else
    the tables of ``settings.data_dir``."""
    if snapshot is not None:
        return context.SnapshotSource(snapshot)
    if store is None:
        return context.SnapshotSource(load_dataset(settings.data_dir))
    version_id, serial = current_state(store)
    if version_id is None:
        raise StoreError(f"{store.label}: no data version is current")
    loader = TableReuse()
    return context.SnapshotSource(
        loader(store, version_id), VersionFollower(store, (version_id, serial), loader=loader))


def _mount_store(app: Dash, settings: Settings, store: Store) -> None:
    """The routes and services that write to the database."""
    server = app.server
    server.extensions[STORE_EXTENSION] = store
    server.secret_key = secret_key(settings.instance_dir, {SECRET_ENV: settings.secret_key})
    users_web.register(server, store)
    api_write.register(server, store)
    upload_web.register(server, store)
