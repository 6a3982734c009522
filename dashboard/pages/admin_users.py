"""/admin/users: an admin adds and disables users, changes roles and sectors, resets a
password (a temporary one shown once) and clears a sign-in lock.

The layout holds nothing about the user or the users (layouts are shared); callbacks fill
the page from the session cookie, only for admins: anyone else sees "sign in first" or "not
allowed" and no names. Every write goes through ``dashboard.users.admin``, which asks the
policy itself, and comes only from this site (``same_origin``). A temporary password is sent
once in the answer to the click and kept nowhere in the page's state.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, Input, Output, State, ctx, html, no_update

from dashboard.components import admin_users as parts
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.i18n import normalize_lang, t
from dashboard.policy import Action, Denied, allowed
from dashboard.store.engine import Store, StoreError
from dashboard.users import admin
from dashboard.users.accounts import User
from dashboard.users.web import same_origin, signed_in

PATH = "/admin/users"
dash.register_page(__name__, path=PATH, name="admin_users", order=97, nav=False)

BUTTONS = (parts.ADD_ID, *[parts.button_id(a) for a in parts.CHANGE_ACTIONS])
# The form's values handed to ``handle``, in the order of the callback's States.
FIELDS = ("new_name", "new_role", "new_sectors", "target", "role", "sectors", "reason")


def _alert(content: Any, kind: str) -> html.P:
    return html.P(content, className=f"alert alert-{kind}")


def render(_dataset: Dataset, lang: str | None, _query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    return html.Div([
        html.Div([html.H1(t("admin.title", lang), className="page-title"),
                  html.P(t("admin.lead", lang), className="page-lead")],
                 className="page-header"),
        html.Div(id="admin-users-who", role="status"),
        html.Div(id="admin-users-message", role="alert"),
        html.Div(id="admin-users-secret"),
        html.Div([parts.add_form(lang), parts.change_form(lang),
                  html.Div(id="admin-users-list")], id="admin-users-work", hidden=True),
    ], className="admin-users-page")


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def _lang(search: Any) -> str:
    return lang_from_search(search if isinstance(search, str) else "")


def _refused(store: Store | None, user: User | None, lang: str) -> Any:
    """Why this request sees nothing (None for an admin)."""
    if store is None:
        return _alert(t("admin.unavailable", lang), "warning")
    if user is None:
        return _alert([t("admin.signin", lang), " ", html.A(
            t("entry.signin_link", lang), href=f"/signin?next={PATH}&lang={lang}")], "info")
    if not allowed(user, Action.USER_MANAGE):
        return _alert(t("admin.not_allowed", lang), "danger")
    return None


def _listing(store: Store, user: User, lang: str) -> tuple[Any, Any]:
    accounts = admin.list_accounts(store, user)
    return parts.users_table(accounts, lang), parts.user_options(accounts)


def show(search: Any) -> tuple[Any, bool, Any, Any]:
    """Admins get the forms and the users; anyone else is told why not, and sees no names."""
    lang = _lang(search)
    store, user = signed_in()
    refused = _refused(store, user, lang)
    if refused is not None or store is None or user is None:
        return refused, True, [], []
    who = html.Span(t("entry.who", lang).format(name=user.name,
                                                role=t(f"admin.role.{user.role}", lang)))
    try:
        return (who, False, *_listing(store, user, lang))
    except (Denied, StoreError):
        return _alert(t("admin.error.store", lang), "danger"), True, [], []


def pick(target: Any) -> tuple[Any, Any]:
    """The chosen user's role and sectors, to change from."""
    store, user = signed_in()
    if store is None or user is None or not isinstance(target, str):
        return no_update, no_update
    try:
        found = [a for a in admin.list_accounts(store, user) if a.name == target]
    except (Denied, StoreError):
        return no_update, no_update
    return (found[0].role, list(found[0].sectors)) if found else (no_update, no_update)


def act(*values: Any) -> tuple[Any, Any, Any, Any, Any]:
    *form, search = values[len(BUTTONS):]
    clicked = bool(ctx.triggered and ctx.triggered[0].get("value"))
    return handle(ctx.triggered_id if clicked else None, dict(zip(FIELDS, form, strict=True)),
                  search)


def handle(trigger: Any, form: dict[str, Any], search: Any) -> tuple[Any, Any, Any, Any, Any]:
    """What a click does (``trigger``: the clicked button's id): the message, the temporary
    password (if any), the users table, the user options and the add form's name (emptied
    once added, so a second click does not try the same name again)."""
    lang = _lang(search)
    if trigger not in BUTTONS:
        return (no_update,) * 5
    store, user = signed_in()
    refused = _refused(store, user, lang)
    if refused is not None or store is None or user is None:
        return _failed(refused)
    if not same_origin():
        return _failed(_alert(t("admin.error.origin", lang), "danger"))
    try:
        done, name, secret = _perform(store, user, trigger, form)
    except admin.AdminError as error:
        return _failed(_alert(t(f"admin.error.{error.code}", lang), "danger"))
    except Denied:
        return _failed(_alert(t("admin.error.denied", lang), "danger"))
    except StoreError:
        return _failed(_alert(t("admin.error.store", lang), "danger"))
    message = _alert(t(f"admin.done.{done}", lang).format(name=name), "success")
    shown = parts.secret_box(name, secret, lang) if secret else None
    try:
        table, options = _listing(store, user, lang)
    except StoreError:  # the change is made; the list shows at the next opening
        table, options = no_update, no_update
    return message, shown, table, options, "" if done == "add" else no_update


def _failed(message: Any) -> tuple[Any, Any, Any, Any, Any]:
    """A refusal: the message, no temporary password, nothing else changed."""
    return message, None, no_update, no_update, no_update


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _names(value: Any) -> list[str]:
    """A multi-dropdown's values; anything else is an empty choice (refused later if bad)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise admin.AdminError("sectors")
    return list(dict.fromkeys(value))


def _perform(store: Store, user: User, trigger: str, form: dict[str, Any]
             ) -> tuple[str, str, str | None]:
    """Do the clicked action through the service: (what was done, whom, temporary password)."""
    if trigger == parts.ADD_ID:
        added, password = admin.add(store, user, _text(form["new_name"]),
                                    _text(form["new_role"]), _names(form["new_sectors"]))
        return "add", added.name, password
    target = _text(form["target"])
    if not target:
        raise admin.AdminError("pick")
    action = trigger.removeprefix("admin-")
    if action == "save-role":
        admin.set_role(store, user, target, _text(form["role"]))
        return "role", target, None
    if action == "save-sectors":
        admin.set_sectors(store, user, target, _names(form["sectors"]))
        return "sectors", target, None
    if action == "reset":
        return "reset", target, admin.reset_password(store, user, target)
    if action == "unlock":
        admin.clear_lock(store, user, target)
        return "unlock", target, None
    admin.disable(store, user, target, _text(form["reason"]))
    return "disable", target, None


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    app.callback(Output("admin-users-who", "children"), Output("admin-users-work", "hidden"),
                 Output("admin-users-list", "children", allow_duplicate=True),
                 Output("admin-target", "options", allow_duplicate=True),
                 Input(URL_ID, "search"), prevent_initial_call="initial_duplicate")(show)
    app.callback(Output("admin-role", "value"), Output("admin-sectors", "value"),
                 Input("admin-target", "value"), prevent_initial_call=True)(pick)
    app.callback(Output("admin-users-message", "children"),
                 Output("admin-users-secret", "children"),
                 Output("admin-users-list", "children"), Output("admin-target", "options"),
                 Output("admin-new-name", "value"), *[Input(b, "n_clicks") for b in BUTTONS],
                 State("admin-new-name", "value"), State("admin-new-role", "value"),
                 State("admin-new-sectors", "value"), State("admin-target", "value"),
                 State("admin-role", "value"), State("admin-sectors", "value"),
                 State("admin-reason", "value"), State(URL_ID, "search"),
                 prevent_initial_call=True)(act)
