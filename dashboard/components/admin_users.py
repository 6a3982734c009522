"""The parts of /admin/users: the add form, the change form and the users table.

Pure rendering: the page (dashboard/pages/admin_users.py) fills them from the service's
answers. No password or hash passes through here except a temporary password handed to
:func:`secret_box` to show once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from dashboard.i18n import t
from dashboard.labels import sector_label
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.users.accounts import ROLES
from dashboard.users.admin import Account

# Buttons of the change form, by the action they take.
CHANGE_ACTIONS = ("save-role", "save-sectors", "reset", "unlock", "disable")
ADD_ID = "admin-add"


def button_id(action: str) -> str:
    return f"admin-{action}"


def nav_link(lang: str) -> html.A:
    """The link to /admin/users that pages show to admins (only to admins)."""
    return html.A(t("admin.link", lang), href=f"/admin/users?lang={lang}",
                  className="btn btn-sm btn-outline-primary ms-2", id="admin-users-link")


def role_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"admin.role.{r}", lang), "value": r} for r in ROLES]


def sector_options(lang: str) -> list[dict[str, str]]:
    return [{"label": sector_label(s, lang), "value": s} for s in load_lexicon().sectors]


def user_options(accounts: Sequence[Account]) -> list[dict[str, str]]:
    return [{"label": a.name, "value": a.name} for a in accounts if a.active]


def _field(label: str, control: Any, control_id: str) -> html.Div:
    return html.Div([html.Label(label, htmlFor=control_id, className="form-label small"),
                     control], className="col-12 col-md-4 mb-2")


def add_form(lang: str) -> html.Section:
    return html.Section([
        html.H2(t("admin.add", lang), className="h5"),
        html.Div([
            _field(t("admin.name", lang), dcc.Input(
                id="admin-new-name", type="text", value="", maxLength=64, autoComplete="off",
                className="form-control"), "admin-new-name"),
            _field(t("admin.role", lang), dcc.Dropdown(
                id="admin-new-role", options=role_options(lang), value="editor",
                clearable=False), "admin-new-role"),
            _field(t("admin.sectors", lang), dcc.Dropdown(
                id="admin-new-sectors", options=sector_options(lang), value=[], multi=True),
                "admin-new-sectors"),
        ], className="row"),
        html.P(t("admin.add_hint", lang), className="small text-muted mb-2"),
        html.Button(t("admin.add_button", lang), id=ADD_ID, n_clicks=0,
                    className="btn btn-primary"),
    ], className="admin-section", id="admin-add-section")


def change_form(lang: str) -> html.Section:
    buttons = [html.Button(t(f"admin.{a.replace('-', '_')}", lang), id=button_id(a),
                           n_clicks=0, className="btn btn-sm " + (
                               "btn-outline-danger" if a == "disable"
                               else "btn-outline-primary"))
               for a in CHANGE_ACTIONS]
    return html.Section([
        html.H2(t("admin.change", lang), className="h5"),
        html.Div([
            _field(t("admin.user", lang), dcc.Dropdown(id="admin-target", options=[],
                                                       value=None), "admin-target"),
            _field(t("admin.role", lang), dcc.Dropdown(
                id="admin-role", options=role_options(lang), value=None, clearable=False),
                "admin-role"),
            _field(t("admin.sectors", lang), dcc.Dropdown(
                id="admin-sectors", options=sector_options(lang), value=[], multi=True),
                "admin-sectors"),
            _field(t("admin.reason", lang), dcc.Input(
                id="admin-reason", type="text", value="", maxLength=500,
                className="form-control"), "admin-reason"),
        ], className="row"),
        html.Div(buttons, className="admin-actions"),
    ], className="admin-section", id="admin-change-section")


def users_table(accounts: Sequence[Account], lang: str) -> html.Div:
    head = html.Thead(html.Tr([html.Th(t(f"admin.col.{c}", lang), scope="col")
                               for c in ("name", "role", "sectors", "state")]))
    rows = [html.Tr([
        html.Td(a.name),
        html.Td(t(f"admin.role.{a.role}", lang) if a.role in ROLES else a.role),
        html.Td("、".join(sector_label(s, lang) for s in a.sectors) if lang == "zh"
                else ", ".join(sector_label(s, lang) for s in a.sectors)),
        html.Td(t(f"admin.state.{'active' if a.active else 'disabled'}", lang)),
    ], className="" if a.active else "text-muted", **{"data-user": a.name})
        for a in accounts]
    return html.Div([html.H2(t("admin.list", lang), className="h5"),
                     html.Div(html.Table([head, html.Tbody(rows)],
                                         className="table table-sm admin-users-table"),
                              className="table-responsive")])


def secret_box(name: str, password: str, lang: str) -> html.Div:
    """The temporary password, shown once (the page keeps it nowhere else)."""
    return html.Div([html.Span(t("admin.secret", lang).format(name=name)), " ",
                     html.Code(password, id="admin-secret-value", className="admin-secret")],
                    className="alert alert-warning", role="status")
