"""Sign-in and sign-out over HTTP, and who is signed in on a request.

* ``POST /auth/signin`` (the form of ``/signin``): throttled per name and client address
  (``throttle.py``; the address from a trusted proxy's X-Forwarded-For, ``web_settings``);
  on success any previous session of the browser is ended and a new one opened (its token
  in an HttpOnly, SameSite=Lax cookie, Secure when the browser is on https: the request,
  a trusted proxy's X-Forwarded-Proto or an https ``DASHBOARD_ORIGIN`` says so), then a
  redirect to ``next``.
* ``POST /auth/signout``: ends the session everywhere and clears the cookie.
* ``GET /auth/me``: the signed-in user's name, role and sectors (401 if none).

Every POST must come from this site (``same_origin``, the rule that ``dashboard.security``
applies to every write before any route runs: ``Origin``, else ``Referer``, names an allowed
origin), so another site cannot make a signed-in browser write. The cookie's token is
signed with the app's secret key (``secret.py``) and looked up by its hash.
"""

from __future__ import annotations

import contextlib
import json
from urllib.parse import urlencode

import pandas as pd
from flask import Flask, Response, current_app, jsonify, redirect, request
from itsdangerous import BadSignature, URLSafeSerializer

from dashboard import web_settings
from dashboard.downloads import to_csv
from dashboard.policy import Denied
from dashboard.store import STORE_EXTENSION
from dashboard.store.audit import history_for
from dashboard.store.engine import Store, StoreError
from dashboard.users import throttle
from dashboard.users.accounts import MAX_NAME, MAX_PASSWORD, User, authenticate
from dashboard.users.sessions import LIFETIME, close_session, open_session, session_user

COOKIE = "dashboard_session"
AUDIT_PATH = "/auth/audit.csv"
_SALT = "dashboard.session"


def safe_next(value: object) -> str:
    """A path of this site to go to after signing in; anything else gives ``/``."""
    text = value if isinstance(value, str) else ""
    if not text.startswith("/") or text.startswith("//") or "\\" in text or len(text) > 300:
        return "/"
    return text if text.isprintable() else "/"


def same_origin() -> bool:
    """The request comes from a page of an allowed origin (``web_settings.origin_allowed``:
    ``DASHBOARD_ORIGIN``, else the request's own host)."""
    return web_settings.origin_allowed(web_settings.settings_of())


def _serializer(server: Flask) -> URLSafeSerializer:
    return URLSafeSerializer(server.secret_key, salt=_SALT)


def cookie_token(server: Flask) -> str | None:
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 300:
        return None
    try:
        token = _serializer(server).loads(raw)
    except BadSignature:
        return None
    return token if isinstance(token, str) else None


def current_user(server: Flask, store: Store) -> User | None:
    """The signed-in user of this request, or None."""
    try:
        return session_user(store, cookie_token(server))
    except StoreError:
        return None  # no database: nobody is signed in, public pages still serve


def signed_in() -> tuple[Store | None, User | None]:
    """The app's database and this request's signed-in user (None, None without one)."""
    store = current_app.extensions.get(STORE_EXTENSION)
    return (store, current_user(current_app, store)) if store is not None else (None, None)


def _back(lang: str, **query: str) -> Response:
    params = {"lang": lang if lang in ("zh", "en") else "zh", **query}
    return redirect("/signin?" + urlencode(params), code=303)


def register(server: Flask, store: Store) -> None:
    """Attach the routes to the app's Flask server (which must have its secret key set)."""

    @server.post("/auth/signin")
    def _signin() -> Response:
        form = request.form
        lang = form.get("lang", "zh")
        if not same_origin():
            return _back(lang, error="origin")
        # Not cut to length: an over-long value fails (authenticate), it never signs in as a
        # shorter one. The form's maxlength and the password rule use the same limits.
        name, password = form.get("name", ""), form.get("password", "")
        settings = web_settings.settings_of(server)
        address = web_settings.client_address(settings)
        try:
            if throttle.check(store, name[:MAX_NAME + 1], address) > 0:
                return _back(lang, error="throttled")
            user = authenticate(store, name[:MAX_NAME + 1], password[:MAX_PASSWORD + 1],
                                address)
            if user is None:
                return _back(lang, error="failed", next=safe_next(form.get("next")))
            close_session(store, cookie_token(server))  # a new id at every sign-in
            token = open_session(store, user)
        except StoreError:
            return _back(lang, error="unavailable")
        response = redirect(safe_next(form.get("next")), code=303)
        response.set_cookie(COOKIE, _serializer(server).dumps(token), httponly=True,
                            samesite="Lax", secure=web_settings.is_https(settings), path="/",
                            max_age=int(LIFETIME.total_seconds()))
        return response

    @server.post("/auth/signout")
    def _signout() -> Response:
        if not same_origin():
            return Response("Refused: request from another site.", status=403)
        with contextlib.suppress(StoreError):  # the cookie is cleared below all the same
            close_session(store, cookie_token(server))
        response = redirect("/signin?signed_out=1", code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    @server.get(AUDIT_PATH)
    def _audit_csv() -> Response:
        try:  # the audit service asks the policy (audit.read) itself
            found = history_for(store, current_user(server, store))
        except Denied:
            return Response("Admins only.", status=403)
        rows = [{"id": r.id, "at": r.at.isoformat(), "actor": r.actor, "action": r.action,
                 "subject": r.subject, "old": json.dumps(r.old, ensure_ascii=False),
                 "new": json.dumps(r.new, ensure_ascii=False), "reason": r.reason}
                for r in found]
        body = to_csv(pd.DataFrame(rows, columns=["id", "at", "actor", "action", "subject",
                                                  "old", "new", "reason"]))
        return Response(body, mimetype="text/csv", headers={
            "Content-Disposition": 'attachment; filename="audit.csv"',
            "Cache-Control": "no-store"})

    @server.get("/auth/me")
    def _me() -> Response:
        user = current_user(server, store)
        if user is None:
            return Response(status=401)
        response = jsonify(name=user.name, role=user.role, sectors=list(user.sectors))
        response.headers["Cache-Control"] = "no-store"
        return response
