"""Security headers on every response, and a guard in front of Dash's callback endpoint.

``install_security_headers(server, app)`` is called once by ``create_app``. It adds:

* ``Content-Security-Policy`` — everything from this origin only, no external host in any
  directive:

  - ``script-src 'self'`` plus the SHA-256 hash of each inline ``<script>`` Dash writes
    into the index page (its renderer line and the clientside callbacks: Dash's public
    ``Dash.csp_hashes()``), asked for each response: Dash adds the pages router's
    clientside callback at the first request. The header is rebuilt only when they
    change. ``<script type="application/json">`` (Dash's config) is data, not script, and
    needs no hash. No ``'unsafe-inline'`` and no
    ``'unsafe-eval'`` for scripts.
  - ``style-src 'self' 'unsafe-inline'``: plotly.js injects ``<style>`` elements and sets
    ``style="..."`` attributes while drawing (modebar, hover labels, legends); React and
    dash-bootstrap-components also render ``style`` attributes. Styles cannot run code,
    so this only allows CSS, not script.
  - ``img-src 'self' data: blob:``: Bootstrap's icons (navbar toggler) are ``data:`` SVGs,
    and plotly's "download as PNG" draws the chart through ``data:``/``blob:`` images.
  - ``connect-src 'self'`` (Dash's fetches), ``object-src 'none'``, ``base-uri 'self'``,
    ``form-action 'self'``, ``frame-ancestors 'self'``.
* ``X-Frame-Options: SAMEORIGIN`` (for browsers that ignore ``frame-ancestors``),
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``.

Writes come from this site only (``before_request``, the first hook): a request with an
unsafe method (POST, PUT, PATCH, DELETE — Dash's callbacks, sign-in, uploads, everything) is
refused with ``403`` and one bilingual line unless its ``Origin`` (else its ``Referer``) is
an allowed origin (``web_settings``: ``DASHBOARD_ORIGIN``, else the request's own host).
Browsers send ``Origin`` with every fetch and form POST, so another site can never make a
signed-in browser write. The one exception is a script calling the JSON API: a request
with ``Authorization: Bearer`` and no ``Origin``, ``Referer`` or ``Cookie`` carries no
browser's credentials (a browser's cross-site request always has an ``Origin``).

The callback guard (``before_request``) answers ``400`` to a ``POST /_dash-update-component`` whose
body is not shaped like a Dash callback request for a known callback — wrong types, an
unknown output, a missing key, the wrong number of inputs — so malformed requests get a
client error instead of an exception deep in Dash (which would be a 500). Request bodies
are capped by ``MAX_CONTENT_LENGTH`` (Flask answers ``413``).

``on_callback_error`` is the app-wide ``Dash(on_error=...)`` handler: a callback that raises
on a well-formed request is logged with its output id and the request gets ``204`` (no
update) instead of a 500: a crafted value can neither break the page nor reveal anything.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import threading
from collections.abc import Iterable
from typing import Any

from dash import Dash, callback_context
from flask import Flask, Response, request

from dashboard import web_settings

CALLBACK_PATH = "/_dash-update-component"
BAD_REQUEST = "错误的请求 / Bad request"
TOO_LARGE = "请求过大 / Request too large"
CROSS_SITE = "请求来自其他网站，已拒绝 / Refused: request from another site"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_BODY_BYTES = 4 * 1024 * 1024

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
}

# Fixed directives; script-src is completed with the inline-script hashes.
BASE_DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}

_WILDCARDS = ('["ALL"]', '["MATCH"]', '["ALLSMALLER"]')

log = logging.getLogger("dashboard.callbacks")


def script_hash(source: str) -> str:
    """CSP source expression for an inline script whose text is ``source``."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script_hashes: Iterable[str]) -> str:
    """The CSP header value allowing exactly the inline scripts of ``script_hashes``
    (CSP source expressions, as ``script_hash`` and ``Dash.csp_hashes`` give them)."""
    directives = dict(BASE_DIRECTIVES)
    hashes = sorted(set(script_hashes))
    directives["script-src"] = " ".join([directives["script-src"], *hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def api_client() -> bool:
    """A script calling the JSON API with a token: no browser credentials or page origin."""
    bearer = request.headers.get("Authorization", "")[:7].lower() == "bearer "
    return bearer and not any(h in request.headers for h in ("Origin", "Referer", "Cookie"))


def write_refused(settings: web_settings.WebSettings) -> bool:
    """This request writes and neither comes from an allowed origin nor is an API client."""
    return (request.method in UNSAFE_METHODS and not api_client()
            and not web_settings.origin_allowed(settings))


def install_security_headers(server: Flask, app: Dash) -> None:
    """Add the headers to every response, the same-origin check of every write and the
    callback-request guard (see module doc); reads the web settings (``web_settings``)."""
    if not isinstance(server.config.get(web_settings.CONFIG_KEY), web_settings.WebSettings):
        web_settings.install(server)
    lock = threading.Lock()
    cached: dict[str, Any] = {"key": None, "csp": ""}

    def current_csp() -> str:
        # What Dash writes as inline <script> tags: its clientside callbacks and the renderer.
        key = tuple(app.csp_hashes())
        if cached["key"] != key:
            with lock:
                cached["csp"] = content_security_policy(key)
                cached["key"] = key
        return str(cached["csp"])

    if server.config.get("MAX_CONTENT_LENGTH") is None:
        server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @server.before_request
    def _refuse_cross_site_writes() -> Response | None:
        if not write_refused(web_settings.settings_of(server)):
            return None
        server.logger.info("refused %s %s from another origin", request.method, request.path)
        return Response(CROSS_SITE, status=403, mimetype="text/plain")

    @server.before_request
    def _guard_callback_requests() -> Response | None:
        if request.path != CALLBACK_PATH or request.method != "POST":
            return None
        limit = server.config.get("MAX_CONTENT_LENGTH")
        if limit is not None and (request.content_length or 0) > limit:
            return Response(TOO_LARGE, status=413, mimetype="text/plain")
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # "[[[[...]]]]" nested deeper than the parser can go
            body = None
        problem = callback_request_problem(body, app.callback_map)
        if problem is None:
            return None
        server.logger.info("rejected callback request: %s", problem)
        return Response(BAD_REQUEST, status=400, mimetype="text/plain")

    @server.after_request
    def _add_headers(response: Response) -> Response:
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", current_csp())
        return response


def _dep_key(item: Any) -> str | None:
    """``id.property`` of one request entry, or None when it is not an entry."""
    if not isinstance(item, dict) or not isinstance(item.get("property"), str):
        return None
    cid = item.get("id")
    if isinstance(cid, str):
        return f"{cid}.{item['property']}"
    if (isinstance(cid, dict) and cid and all(isinstance(k, str) for k in cid)
            and all(isinstance(v, (str, int, float, bool)) for v in cid.values())):
        return "{}." + item["property"]
    return None


def _matches_declared(item: Any, declared: dict[str, str]) -> bool:
    """Does a request entry fit a declared dependency (``{"id": ..., "property": ...}``)?"""
    dep_id, prop = declared["id"], declared["property"].split("@", 1)[0]
    if isinstance(item, dict) and isinstance(item.get("property"), str):
        item = {**item, "property": item["property"].split("@", 1)[0]}
    if dep_id.startswith("{"):
        many = any(w in dep_id for w in (_WILDCARDS[0], _WILDCARDS[2]))
        entries = item if many else [item]
        if not isinstance(entries, list):
            return False
        return all(_dep_key(e) == "{}." + prop for e in entries)
    return _dep_key(item) == f"{dep_id}.{prop}"


def declared_outputs(output: str) -> list[dict[str, str]]:
    """The outputs named by a callback id: ``a.b`` or ``..a.b...c.d..``."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    declared = []
    for part in parts:
        cid, _, prop = part.rpartition(".")
        declared.append({"id": cid, "property": prop})
    return declared


def _valid_outputs(outputs: Any, output: str) -> bool:
    """``outputs`` matches the declared outputs: one entry (a list for ``ALL``) per output."""
    declared = declared_outputs(output)
    multi = output.startswith("..")
    if multi != isinstance(outputs, list):
        return False
    entries = outputs if multi else [outputs]
    if len(entries) != len(declared):
        return False
    return all(_matches_declared(e, d) for e, d in zip(entries, declared, strict=True))


def callback_request_problem(body: Any, callback_map: dict[str, Any]) -> str | None:
    """Why ``body`` is not a well-formed request for a server callback, or None if it is."""
    if not isinstance(body, dict):
        return "body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "output is not a string"
    spec = callback_map.get(output)
    if spec is None or not callable(spec.get("callback")):
        return "unknown callback"
    if spec.get("no_output"):
        if body.get("outputs", []) not in ([], None):
            return "outputs do not match the callback"
    elif not _valid_outputs(body.get("outputs"), output):
        return "outputs do not match the callback"
    for key in ("inputs", "state"):
        entries = body.get(key, [])
        declared = spec.get(key, [])
        if not isinstance(entries, list) or len(entries) != len(declared):
            return f"{key} do not match the callback"
        if not all(_matches_declared(e, d) for e, d in zip(entries, declared, strict=True)):
            return f"{key} do not match the callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "malformed changedPropIds"
    return None


def on_callback_error(error: Exception) -> None:
    """``Dash(on_error=...)``: log the failure; returning None makes the update a no-op."""
    try:
        output = callback_context.outputs_list
    except Exception:  # noqa: BLE001 - context unavailable: still log the error
        output = None
    log.error("callback for %s failed: %s", output, error.__class__.__name__, exc_info=error)
