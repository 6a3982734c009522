"""What the app sends with its static files and index page: compression, cache
lifetimes, preload hints.

``tune_delivery`` (called by ``create_app``), measured with ``benchmarks/run.py``:

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

import re
import threading
from typing import TYPE_CHECKING, Any

from dashboard import templating

if TYPE_CHECKING:
    from dash import Dash
    from flask import Response

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
