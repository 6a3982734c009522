"""/entry: statistics-office staff enter, submit, approve, return and unlock in-year figures.

The layout holds nothing about the user (layouts are shared by everyone's requests); who is
signed in and what they may do is filled in by callbacks from the session cookie, and every
write is checked again in ``dashboard/entries/store.py``. Writes come only from this site
(``same_origin``). An approval or unlock publishes a new data version, which every worker
serves within about a second.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard.components import admin_users, entry_import, entry_preview
from dashboard.components.entry_import import import_box
from dashboard.components.entry_list import ACTION_TYPE, EDIT_TYPE, entry_table
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.context import current_dataset
from dashboard.data import DataError, Dataset
from dashboard.entries import store as entry_store
from dashboard.entries.checks import MEASURES, PERIOD_KINDS, PRICE_BASES, STATUSES
from dashboard.entries.store import EntryError
from dashboard.i18n import normalize_lang, t
from dashboard.names.display import display_name
from dashboard.pipeline.text import ReportError
from dashboard.policy import Action, Subject, allowed
from dashboard.progress.targets import goals_of, target_years
from dashboard.store.engine import Store, StoreError
from dashboard.store.publishing import publish_approval
from dashboard.users.accounts import User
from dashboard.users.web import AUDIT_PATH, same_origin, signed_in

dash.register_page(__name__, path="/entry", name="entry", order=95, nav=False)

FIELDS = ("indicator_id", "year", "period_kind", "through_month", "measure", "value", "unit",
          "price_basis", "status", "source", "comment")


def indicator_options(dataset: Dataset, year: int, lang: str) -> list[dict[str, str]]:
    """This year's target indicators first, then every other one (lexicon and text)."""
    goals = goals_of(dataset.everything, year)
    first = list(dict.fromkeys(i for i in goals.indicator_id if i != "unclassified"))
    rest = sorted(i for i in dataset.lexicon if i not in first)
    def label(ind_id: str) -> str:
        ind = dataset.lexicon.get(ind_id)
        return ind_id if ind is None else display_name(ind.zh, ind.en, lang)
    return [{"label": label(i), "value": i} for i in first + rest if i in dataset.lexicon]


def _select(field: str, choices: tuple[str, ...] | list, prefix: str, lang: str,
            value: Any) -> dcc.Dropdown:
    return dcc.Dropdown(id=f"entry-{field}", value=value, clearable=False, options=[
        {"label": t(f"{prefix}.{c}", lang) if prefix else str(c), "value": c} for c in choices])


def _field(field: str, control: Any, lang: str) -> html.Div:
    return html.Div([html.Label(t(f"entry.{field}", lang), htmlFor=f"entry-{field}",
                                className="form-label small"), control],
                    className="col-12 col-md-6 col-xl-4 mb-2")


def entry_year(dataset: Dataset, today: date) -> int:
    """The year staff most likely enter: the latest year with targets, up to this one."""
    years = [y for y in target_years(dataset.everything.indicators,
                                     dataset.everything.relative_targets) if y <= today.year]
    return max(years, default=today.year)


def render(dataset: Dataset, lang: str | None, _query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    year = entry_year(dataset, date.today())
    text = {f: dcc.Input(id=f"entry-{f}", type="text", value="", debounce=True,
                         className="form-control") for f in ("value", "unit", "source")}
    form = html.Div([
        _field("indicator", dcc.Dropdown(id="entry-indicator_id",
                                         options=indicator_options(dataset, year, lang)), lang),
        _field("year", _select("year", sorted({year - 1, year, date.today().year}), "", lang,
                               year), lang),
        _field("period_kind", _select("period_kind", tuple(PERIOD_KINDS), "entry.period", lang,
                                      "month_to_date"), lang),
        _field("through_month", _select("through_month", list(range(1, 13)), "", lang, 1),
               lang),
        _field("measure", _select("measure", MEASURES, "entry.measure", lang, "growth_pct"),
               lang),
        _field("value", text["value"], lang), _field("unit", text["unit"], lang),
        _field("price_basis", _select("price_basis", PRICE_BASES, "entry.basis", lang, ""),
               lang),
        _field("status", _select("status", STATUSES, "entry.status", lang, "preliminary"),
               lang),
        _field("source", text["source"], lang),
        _field("comment", dcc.Textarea(id="entry-comment", value="", className="form-control"),
               lang),
    ], className="row")
    return html.Div([
        html.Div([html.H1(t("entry.title", lang), className="page-title"),
                  html.P(t("entry.lead", lang), className="page-lead")],
                 className="page-header"),
        html.Div(id="entry-who", role="status"),
        html.Div([html.Div([form,
                            html.Div(id="entry-preview", className="entry-preview"),
                            html.Button(t("entry.save", lang), id="entry-save", n_clicks=0,
                                        className="btn btn-primary me-2")],
                           id="entry-form-box"),
                  html.Div(id="entry-message", role="alert", className="mt-2"),
                  html.H2(t("entry.list", lang), className="h5 mt-4"),
                  html.Label(t("entry.reason", lang), htmlFor="entry-reason",
                             className="form-label small"),
                  dcc.Input(id="entry-reason", type="text", value="",
                            className="form-control mb-2"),
                  html.Div(id="entry-list"), import_box(lang)], id="entry-work",
                 hidden=True),
        dcc.Store(id="entry-editing", data=None),
    ], className="entry-page")


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def _names(dataset: Dataset, lang: str) -> dict[str, str]:
    return {i: display_name(ind.zh, ind.en, lang) for i, ind in dataset.lexicon.items()}


def listing(store: Store, user: User, lang: str) -> Any:
    """The figures ``user`` may see (the store asks the policy), each with its history."""
    shown = entry_store.list_entries(store, user=user)
    table = entry_table(shown, user, _names(current_dataset(), lang), lang,
                        entry_store.histories(store, shown))
    if not allowed(user, Action.AUDIT_READ):
        return table
    return html.Div([table, html.A(t("entry.audit_csv", lang), href=AUDIT_PATH,
                                   className="btn btn-sm btn-outline-secondary")])


def show_user(search: Any) -> tuple[Any, bool, Any, bool]:
    """Who is signed in, their figures, and the form only for those who enter figures."""
    store, user = signed_in()
    who, hidden, listing = _user_view(store, user, search)
    enters = any(allowed(user, Action.ENTRY_EDIT, Subject(sector=s))
                 for s in {i.sector for i in current_dataset().lexicon.values()})
    return who, hidden, listing, not enters


def _user_view(store: Store | None, user: User | None, search: Any) -> tuple[Any, bool, Any]:
    lang = lang_from_search(search if isinstance(search, str) else "")
    if store is None:
        return html.P(t("entry.unavailable", lang), className="alert alert-warning"), True, []
    if user is None:
        return html.P([t("entry.signin", lang), " ", html.A(
            t("entry.signin_link", lang), href=f"/signin?next=/entry&lang={lang}")],
            className="alert alert-info"), True, []
    upload = [html.A(t("entry.upload_link", lang), href=f"/upload?lang={lang}",
                     className="btn btn-sm btn-outline-primary ms-2", id="entry-upload-link")
              ] if allowed(user, Action.UPLOAD) else []
    if allowed(user, Action.USER_MANAGE):
        upload.append(admin_users.nav_link(lang))
    who = html.Form([
        html.Span(t("entry.who", lang).format(name=user.name, role=user.role), className="me-2"),
        html.Button(t("entry.signout", lang), type="submit",
                    className="btn btn-sm btn-outline-secondary"), *upload],
        method="POST", action="/auth/signout", className="entry-who")
    try:
        return who, False, listing(store, user, lang)
    except StoreError:
        return who, False, html.P(t("entry.error.store", lang), className="alert alert-danger")


def _problems(error: EntryError, lang: str) -> Any:
    # Four eyes says more than "not allowed": the person knows whom to ask.
    code = "four_eyes" if error.code == "forbidden" and error.reason == "four_eyes" \
        else error.code
    return html.Div([html.P(t(f"entry.error.{code}", lang)), html.Ul([
        html.Li(t(f"entry.problem.{p.code}", lang), **{"data-field": p.field})
        for p in error.problems])], className="alert alert-danger")


def write(_save: Any, _actions: Any, *values: Any) -> tuple[Any, Any, Any]:
    clicked = bool(ctx.triggered and ctx.triggered[0].get("value"))
    return handle(ctx.triggered_id if clicked else None, *values)


def handle(trigger: Any, *values: Any) -> tuple[Any, Any, Any]:
    """What a click does (``trigger``: the save button's id or an action button's id)."""
    *fields, reason, editing, search = values
    lang = lang_from_search(search if isinstance(search, str) else "")
    if trigger is None:
        return no_update, no_update, no_update
    store, user = signed_in()
    if store is None or user is None:
        return html.P(t("entry.signin", lang), className="alert alert-info"), no_update, None
    if not same_origin():
        return html.P(t("entry.error.origin", lang), className="alert alert-danger"), \
            no_update, no_update
    try:
        message, editing = _perform(store, user, trigger, dict(zip(FIELDS, fields,
                                                                  strict=True)),
                                    reason if isinstance(reason, str) else "", editing, lang)
        return message, listing(store, user, lang), editing
    except EntryError as error:
        return _problems(error, lang), no_update, no_update
    except StoreError:
        return html.P(t("entry.error.store", lang), className="alert alert-danger"), \
            no_update, no_update


def _perform(store: Store, user: User, trigger: Any, fields: dict[str, Any], reason: str,
             editing: Any, lang: str) -> tuple[Any, Any]:
    if trigger == "entry-save":
        entry_id, version = editing if isinstance(editing, list) and len(editing) == 2 else (
            None, None)
        entry = entry_store.save(store, user, fields, current_dataset().lexicon,
                                 entry_id=_int(entry_id), version=_int(version))
        return html.P(t("entry.saved", lang).format(version=entry.version),
                      className="alert alert-success"), None
    action = str(trigger.get("action")) if isinstance(trigger, dict) else ""
    entry_id, version = _int(trigger.get("entry")), _int(trigger.get("version"))
    if entry_id is None or action not in ("submit", "approve", "return", "unlock"):
        raise EntryError("not_found")
    done = {"submit": lambda: entry_store.submit(store, user, entry_id, version),
            "approve": lambda: entry_store.approve(store, user, entry_id, version),
            "return": lambda: entry_store.return_entry(store, user, entry_id, version, reason),
            "unlock": lambda: entry_store.unlock(store, user, entry_id, version, reason)
            }[action]()
    parts = [t("entry.done", lang).format(action=t(f"entry.action.{action}", lang))]
    if action in ("approve", "unlock"):
        try:
            published = publish_approval(store, user, f"{action} entry {done.id}")
            parts.append(t("entry.published", lang).format(version=published.version_id))
        except (StoreError, ReportError, DataError):  # the approval stands; the next
            # publish (or the next start-up) publishes it too
            parts.append(t("entry.publish_failed", lang))
    return html.P(" ".join(parts), className="alert alert-success"), None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else None


def load_for_edit(_clicks: Any) -> tuple[Any, ...]:
    clicked = bool(ctx.triggered and ctx.triggered[0].get("value"))
    return form_values(ctx.triggered_id if clicked else None)


def form_values(trigger: Any) -> tuple[Any, ...]:
    """A draft's or returned figure's values for the form; saving then changes that figure."""
    store, user = signed_in()
    entry_id = _int(trigger.get("entry")) if isinstance(trigger, dict) else None
    if store is None or user is None or entry_id is None:
        return (no_update,) * (len(FIELDS) + 1)
    try:
        entry = entry_store.get(store, entry_id, user)
    except (EntryError, StoreError):
        return (no_update,) * (len(FIELDS) + 1)
    if not allowed(user, Action.ENTRY_EDIT, entry.subject):
        return (no_update,) * (len(FIELDS) + 1)
    f = entry.figure
    return (f.indicator_id, f.year, f.period_kind, f.through_month, f.measure, f"{f.value:g}",
            f.unit, f.price_basis, f.status, f.source, f.comment, [entry.id, entry.version])


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    app.callback(Output("entry-who", "children"), Output("entry-work", "hidden"),
                 Output("entry-list", "children", allow_duplicate=True),
                 Output("entry-form-box", "hidden"),
                 Input(URL_ID, "search"), prevent_initial_call="initial_duplicate")(show_user)
    app.callback(Output("entry-message", "children"), Output("entry-list", "children"),
                 Output("entry-editing", "data", allow_duplicate=True),
                 Input("entry-save", "n_clicks"),
                 Input({"type": ACTION_TYPE, "action": ALL, "entry": ALL, "version": ALL},
                       "n_clicks"),
                 *[State(f"entry-{f}", "value") for f in FIELDS],
                 State("entry-reason", "value"), State("entry-editing", "data"),
                 State(URL_ID, "search"), prevent_initial_call=True)(write)
    app.callback(*[Output(f"entry-{f}", "value") for f in FIELDS],
                 Output("entry-editing", "data", allow_duplicate=True),
                 Input({"type": EDIT_TYPE, "entry": ALL, "version": ALL}, "n_clicks"),
                 prevent_initial_call=True)(load_for_edit)
    entry_import.register_callbacks(app)
    entry_preview.register_callbacks(app)
