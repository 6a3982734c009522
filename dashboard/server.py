"""Production launcher: gunicorn with two workers, never the Flask dev server.

``python app.py`` ends up here. HOST and PORT environment variables override
127.0.0.1:8050; WEB_WORKERS overrides the worker count (the machine has 2 cores).

The app itself is built by ``dashboard/startup.py`` (database, data version, one-line
start-up errors).

Delivery (``tune_delivery``, called by ``create_app``), measured with ``benchmarks/run.py``:

* Scripts and stylesheets from ``/assets/`` and ``/_dash-component-suites/`` are
  compressed once per file and encoding (brotli quality 5 when the browser accepts it,
  else gzip) and kept in memory; flask-compress would otherwise recompress the 1.3 MB
  plotly.js bundle on every request (or stream it with zstd, which older browsers lack).
* Fingerprinted URLs (Dash's ``.v4_4_1m123.min.js`` and the ``?m=<mtime>`` of assets)
  are sent with ``Cache-Control: public, max-age=31536000, immutable``: a returning viewer
  downloads nothing but the page data. Everything else is revalidated (ETag, 304).
* The index page carries ``<link rel="preload">`` for the layout, the callback graph and
  dcc.Graph's lazily loaded chunk, so the browser fetches them while it is still
  compiling the scripts instead of one round trip after another.
* ``/_dash-layout`` holds the page named by the request's ``Referer``
  (``components/shell.py``): it is sent with ``Cache-Control: no-store`` and
  ``Vary: Referer`` so no browser or proxy reuses one page's layout for another.
* Page layouts and figures are kept in the memo of the data snapshot they were built from
  (``data.Memo``), never in a cache of this module: a new data version brings its own.
* ``warm_caches`` (run by ``serve`` in the gunicorn master, before the workers fork)
  compresses every page's scripts once, so the workers start with them. Pages are built on
  first request: building every page × language × report before forking would not scale
  with the number of reports.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication

from dashboard import templating

if TYPE_CHECKING:
    from dash import Dash
    from flask import Response

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
DEFAULT_WORKERS = 2

ONE_YEAR = 31_536_000
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
COMPRESSIBLE = frozenset({"application/javascript", "text/javascript", "text/css",
                          "application/json", "image/svg+xml"})
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
CACHE_LIMIT_BYTES = 64 * 1024 * 1024
_DASH_FINGERPRINT = re.compile(r"\.v[\w-]+m\d{8,}\.(?:min\.)?(?:js|css|map)$|"
                               r"\.v[\w-]+m\d{8,}\.[\w.]+\.(?:js|css)$")
# Fetched by every page right after the scripts run (dcc.Graph's plotly wrapper is a
# lazily loaded chunk): preloading them overlaps the round trips with script compilation.
LAYOUT_ROUTE = "_dash-layout"
PRELOADS = (
    (LAYOUT_ROUTE, "fetch"),
    ("_dash-dependencies", "fetch"),
    ("_dash-component-suites/dash/dcc/async-graph.js", "script"),
)


class _Standalone(BaseApplication):  # type: ignore[misc]
    """Serve an already imported WSGI callable, so workers share the loaded code."""

    def __init__(self, wsgi_app: Any, options: dict[str, Any]) -> None:
        self._wsgi_app = wsgi_app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self._wsgi_app


def bind_address() -> tuple[str, int]:
    """Host and port from the environment, with local-only defaults."""
    host = os.environ.get("HOST", DEFAULT_HOST) or DEFAULT_HOST
    port = int(os.environ.get("PORT", DEFAULT_PORT))
    return host, port


def gunicorn_options(host: str, port: int) -> dict[str, Any]:
    """Options passed to gunicorn; separate so tests can inspect them."""
    return {
        "bind": f"{host}:{port}",
        "workers": int(os.environ.get("WEB_WORKERS", DEFAULT_WORKERS)),
        "timeout": 60,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        # Load the app before forking: an import error fails fast, once.
        "preload_app": True,
        # Unused, and two instances on one host would share its default path.
        "control_socket_disable": True,
    }


def _is_fingerprinted(path: str, query: dict[str, str]) -> bool:
    if path.startswith("/assets/"):
        return "m" in query
    return bool(_DASH_FINGERPRINT.search(path))


class _CompressedCache:
    """Compressed bodies of static files, by (path, ETag, encoding); bounded in size."""

    def __init__(self, limit: int = CACHE_LIMIT_BYTES) -> None:
        self._data: dict[tuple[str, str, str], bytes] = {}
        self._size = 0
        self._limit = limit
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str], raw: Any) -> bytes:
        found = self._data.get(key)
        if found is not None:
            return found
        data = _compress(raw(), key[2])
        with self._lock:
            if key not in self._data and self._size + len(data) <= self._limit:
                self._data[key] = data
                self._size += len(data)
        return data


def _compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        import brotli

        return bytes(brotli.compress(data, quality=BROTLI_QUALITY))
    import gzip

    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def tune_delivery(app: Dash) -> None:
    """Compression cache, long cache lifetimes and preload hints (see module doc)."""
    from flask import request

    server = app.server
    cache = _CompressedCache()
    prefix = app.config.requests_pathname_prefix or "/"
    hints = templating.render("preload_hints.html", prefix=prefix, preloads=PRELOADS)
    if "</head>" in app.index_string and 'rel="preload"' not in app.index_string:
        app.index_string = app.index_string.replace("</head>", hints + "</head>", 1)

    layout_path = f"{app.config.routes_pathname_prefix}{LAYOUT_ROUTE}"

    @server.after_request
    def _layout_not_shared(response: Response) -> Response:
        # One URL, a different body per page: never reuse it from a cache.
        if request.path == layout_path:
            response.headers["Cache-Control"] = "no-store"
            response.vary.add("Referer")
        return response

    @server.after_request
    def _static_delivery(response: Response) -> Response:
        path = request.path
        if request.method not in ("GET", "HEAD") or not path.startswith(STATIC_PREFIXES):
            return response
        if response.status_code == 200 and _is_fingerprinted(path, request.args):
            response.headers["Cache-Control"] = IMMUTABLE
        elif response.status_code in (200, 304) and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-cache"
        if (
            response.status_code != 200
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
        ):
            return response
        encoding = request.accept_encodings.best_match(["br", "gzip"])
        if encoding is None:
            return response
        etag, _weak = response.get_etag()

        def raw() -> bytes:
            response.direct_passthrough = False
            return response.get_data()

        body = cache.get((path, etag or "", encoding), raw)
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        if etag:
            response.set_etag(f"{etag}-{encoding}")
            response.make_conditional(request)
        return response


def warm_caches(wsgi_app: Any) -> None:
    """Request every script and stylesheet of every page's index once (compressing them)."""
    import dash

    client = wsgi_app.test_client()
    urls: set[str] = set()
    # Pages load different scripts (dashboard/index_page.py): every page's index.
    for path in ["/", *(str(p["relative_path"]) for p in dash.page_registry.values())]:
        page = client.get(path).get_data(as_text=True)
        urls.update(re.findall(r'<(?:script|link)[^>]+(?:src|href)="(/[^"]+)"', page))
    for url in sorted(urls):
        if url.startswith(STATIC_PREFIXES):
            for encoding in ("br", "gzip"):
                client.get(url, headers={"Accept-Encoding": encoding}).close()


def log_to_stderr() -> None:
    """The app's own messages (new data versions, database outages) beside gunicorn's."""
    import logging

    logger = logging.getLogger("dashboard")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(
            "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "%Y-%m-%d %H:%M:%S %z"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def serve(wsgi_app: Any) -> None:
    """Run ``wsgi_app`` under gunicorn until interrupted."""
    log_to_stderr()
    host, port = bind_address()
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    options = gunicorn_options(host, port)
    from dashboard.startup import serving_line

    serving = serving_line(wsgi_app)
    if hasattr(wsgi_app, "test_client"):
        from dashboard.context import source_of

        warm_caches(wsgi_app)
        # No thread may run in the master when gunicorn forks; each worker follows the
        # database on its own from its first request.
        source_of(wsgi_app).pause()
        # Each worker builds the default report's pages once it has forked, and again for a
        # new data version (dashboard/warm.py).
        wsgi_app.config["DASHBOARD_WARM"] = True

        def post_worker_init(worker: Any) -> None:
            from dashboard.context import start_warming

            start_warming(wsgi_app, worker.log.info)

        options["post_worker_init"] = post_worker_init
    print(f"Dashboard: http://{shown}:{port}/{serving}", flush=True)
    _Standalone(wsgi_app, options).run()


def main() -> None:
    """``python -m dashboard.server``: same as ``python app.py``."""
    from dashboard.startup import create_app_or_exit

    serve(create_app_or_exit().server)


if __name__ == "__main__":
    main()
