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
from dashboard.i18n import add_strings, normalize_lang, t
from dashboard.users.accounts import MAX_NAME, MAX_PASSWORD
from dashboard.users.web import safe_next

dash.register_page(__name__, path="/signin", name="signin", order=90, nav=False)
add_strings({
    "signin.title": {"zh": "工作人员登录", "en": "Staff sign-in"},
    "signin.lead": {"zh": "统计部门工作人员登录后录入、审核年度内数据。公开页面无需登录。",
                    "en": "Statistics-office staff sign in to enter and review in-year "
                          "figures. Public pages need no sign-in."},
    "signin.name": {"zh": "用户名", "en": "User name"},
    "signin.password": {"zh": "密码", "en": "Password"},
    "signin.submit": {"zh": "登录", "en": "Sign in"},
    "signin.error.failed": {"zh": "用户名或密码不正确。", "en": "Wrong user name or password."},
    "signin.error.throttled": {"zh": "登录失败次数过多，请稍后再试（最长15分钟）。",
                               "en": "Too many failed sign-ins: try again later "
                                     "(at most 15 minutes)."},
    "signin.error.unavailable": {"zh": "登录服务暂不可用（未连接数据库）。",
                                 "en": "Sign-in is unavailable (no database)."},
    "signin.error.origin": {"zh": "请求来源不符，已拒绝。",
                            "en": "Request from another site: refused."},
    "signin.signed_out": {"zh": "已退出登录。", "en": "You are signed out."},
})

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
