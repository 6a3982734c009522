"""/signin: the sign-in form for statistics-office staff (public pages need no sign-in).

A plain HTML form posting to ``/auth/signin`` (``dashboard/users/web.py``), so signing in
works without the page's scripts and the password never passes through a Dash callback.
``?error=failed|throttled|unavailable`` says why the last attempt was refused; ``?next=``
is where to go after signing in (a path of this site only).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.i18n import normalize_lang, t
from dashboard.users.accounts import MAX_NAME, MAX_PASSWORD
from dashboard.users.web import safe_next

dash.register_page(__name__, path="/signin", name="signin", order=90, nav=False)

ERRORS = ("failed", "throttled", "unavailable", "origin")


def render(_dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    error = query.get("error")
    message = None
    if error in ERRORS:
        message = html.P(t(f"signin.error.{error}", lang), className="alert alert-danger",
                         role="alert", id="signin-error")
    elif query.get("signed_out") == "1":
        message = html.P(t("signin.signed_out", lang), className="alert alert-info",
                         role="status", id="signin-status")
    return html.Div([
        html.Div([html.H1(t("signin.title", lang), className="page-title"),
                  html.P(t("signin.lead", lang), className="page-lead")],
                 className="page-header"),
        message,
        html.Form([
            html.Label(t("signin.name", lang), htmlFor="signin-name", className="form-label"),
            dcc.Input(id="signin-name", name="name", type="text", autoComplete="username",
                       required=True, maxLength=MAX_NAME, className="form-control mb-3"),
            html.Label(t("signin.password", lang), htmlFor="signin-password",
                       className="form-label"),
            dcc.Input(id="signin-password", name="password", type="password",
                       autoComplete="current-password", required=True, maxLength=MAX_PASSWORD,
                       className="form-control mb-3"),
            dcc.Input(type="hidden", name="next", value=safe_next(query.get("next"))),
            dcc.Input(type="hidden", name="lang", value=lang),
            html.Button(t("signin.submit", lang), type="submit", id="signin-submit",
                        className="btn btn-primary"),
        ], method="POST", action="/auth/signin", id="signin-form", className="signin-form"),
    ], className="signin-page")


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)
