"""Serve a shared request's answer from where it is kept, and keep what was computed.

``install(app)`` adds two hooks to the Flask server, after the security hooks (so a refused
request is refused before anything is looked up):

* before a request: a public page view or a shared callback (``keys.py``) whose answer for
  the request's data version is kept is answered with the kept gzip bytes (decompressed for
  the rare client that does not accept gzip); nothing is rendered or serialised;
* after it: a shared request answered 200 by Dash is compressed once and kept.

Answers are marked ``X-Dashboard-Answer: kept`` or ``computed`` (for tests and benchmarks).
"""

from __future__ import annotations

import gzip
import uuid
from typing import Any

from dash import Dash
from flask import Flask, Response, current_app, g, request

from dashboard.answers import keys
from dashboard.answers.kept import Kept, MemoKept, Recent, StoreKept
from dashboard.components.shell import address_from_referrer, page_at
from dashboard.context import current_dataset
from dashboard.store import STORE_EXTENSION as STORE

HEADER = "X-Dashboard-Answer"
RECENT = "dashboard.answers.recent"
SCOPE = "dashboard.answers.scope"  # this app, among others of the process (tests)
GZIP_LEVEL = 6
LAYOUT_ROUTE = "_dash-layout"
CALLBACK_ROUTE = "_dash-update-component"


def kept_for(server: Flask) -> Kept:
    """Where this request's data version keeps its answers."""
    dataset = current_dataset()
    store = server.extensions.get(STORE)
    if store is None:
        return MemoKept(dataset, server.extensions[SCOPE])
    return StoreKept(store, dataset.version, server.extensions[RECENT])


def callback_module(app: Dash, output: str) -> str | None:
    entry = app.callback_map.get(output)
    function = entry.get("callback") if isinstance(entry, dict) else None
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
    return getattr(function, "__module__", None)


def _page_module(pathname: str) -> str | None:
    page = page_at(pathname)
    return str(page.get("module")) if page else None


def request_key(app: Dash, layout_path: str, callback_path: str) -> str | None:
    """The key of the request being served if its answer may be shared, else None."""
    if request.method == "GET" and request.path == layout_path:
        address = address_from_referrer(request.referrer)
        if address is None or not keys.is_shared_module(_page_module(address[0])):
            return None
        return keys.layout_key(current_dataset().version, *address)
    if request.method == "POST" and request.path == callback_path:
        if (request.content_length or 0) > keys.MAX_BODY_BYTES:
            return None
        body = request.get_json(silent=True)
        output = body.get("output") if isinstance(body, dict) else None
        if not isinstance(output, str) or not keys.is_shared_module(
                callback_module(app, output)):
            return None
        return keys.callback_key(current_dataset().version, body)
    return None


def kept_response(body: bytes, mimetype: str = "application/json") -> Response:
    """The kept gzip ``body`` (decompressed if gzip is not accepted)."""
    if request.accept_encodings["gzip"]:
        response = Response(body, mimetype=mimetype)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(gzip.decompress(body), mimetype=mimetype)
    response.vary.add("Accept-Encoding")
    response.headers[HEADER] = "kept"
    return response


def install(app: Dash) -> None:
    """Answer shared requests from what is kept, and keep new answers (module doc)."""
    server = app.server
    server.extensions.setdefault(RECENT, Recent())
    server.extensions.setdefault(SCOPE, uuid.uuid4().hex)
    prefix = app.config.routes_pathname_prefix or "/"
    layout_path, callback_path = prefix + LAYOUT_ROUTE, prefix + CALLBACK_ROUTE

    @server.before_request
    def _answer_kept() -> Any:
        key = request_key(app, layout_path, callback_path)
        if key is None:
            return None
        kept = kept_for(current_app)
        body = kept.get(key)
        if body:
            return kept_response(body)
        g.dashboard_answer = (key, kept)
        return None

    @server.after_request
    def _keep_answer(response: Response) -> Response:
        pending = g.pop("dashboard_answer", None)
        if (pending is None or response.status_code != 200 or response.is_streamed
                or "Content-Encoding" in response.headers):
            return response
        key, kept = pending
        kept.put(key, gzip.compress(response.get_data(), GZIP_LEVEL, mtime=0))
        response.headers[HEADER] = "computed"
        return response
