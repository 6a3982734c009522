"""/upload: an admin uploads next year's report, confirms its details, reviews its queue,
publishes it, rolls back.

The file goes through a plain form to ``POST /upload/file`` (``dashboard/upload/web.py``:
413 before reading a body over 10 MB; the page shows the refusal or the new upload from the
redirect's query). Everything after that is callbacks; each reads the session and refuses
anyone but an admin, and requests from another site. The layout holds nothing about the
user (layouts are shared); ``?id=`` names the upload under review.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard.components import upload_review
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.i18n import keys_under, normalize_lang, t
from dashboard.policy import Action, Denied, allowed
from dashboard.store.engine import Store, StoreError
from dashboard.store.versions import list_versions
from dashboard.upload import store as uploads
from dashboard.upload.actions import ActionError, perform
from dashboard.upload.documents import EXTENSIONS
from dashboard.upload.service import ReviewState, safe_review_state
from dashboard.upload.web import FILE_PATH
from dashboard.users.web import same_origin, signed_in

dash.register_page(__name__, path="/upload", name="upload", order=96, nav=False)


def _alert(text: str, kind: str) -> html.P:
    return html.P(text, className=f"alert alert-{kind}")


def _query_message(query: dict[str, Any], lang: str) -> Any:
    error = query.get("error")
    if isinstance(error, str) and error in keys_under("upload.error."):
        return _alert(t(f"upload.error.{error}", lang).format(detail=""), "danger")
    return None


def render(_dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    form = html.Form([
        html.Label(t("upload.file", lang), htmlFor="upload-file", className="form-label"),
        dcc.Input(id="upload-file", name="report", type="file", required=True,
                  className="form-control mb-2"),
        html.P(" ".join(EXTENSIONS), className="small text-muted"),
        html.Button(t("upload.send", lang), type="submit", id="upload-send",
                    className="btn btn-primary"),
    ], method="POST", action=f"{FILE_PATH}?lang={lang}", encType="multipart/form-data",
        id="upload-form", className="upload-form")
    return html.Div([
        html.Div([html.H1(t("upload.title", lang), className="page-title"),
                  html.P(t("upload.lead", lang), className="page-lead")],
                 className="page-header"),
        html.Div(id="upload-who", role="status"),
        html.Div(_query_message(query, lang), id="upload-message", role="alert"),
        html.Div([form, html.Div(id="upload-review"), html.Div(id="upload-history")],
                 id="upload-work", hidden=True),
        dcc.Store(id="upload-selected", data=None),
    ], className="upload-page")


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def _upload_id(search: Any) -> int | None:
    values = parse_qs(search.lstrip("?")) if isinstance(search, str) else {}
    raw = (values.get("id") or [""])[0]
    return int(raw) if re.fullmatch(r"[0-9]{1,9}", raw) else None


def panel(store: Store, upload_id: int | None, selected: Any, lang: str,
          known: ReviewState | None = None) -> Any:
    """The review panel of an upload (if any), the versions and the upload history
    (``known``: the upload's review state, when the click changed nothing)."""
    parts: list[Any] = []
    if upload_id is not None and (upload := uploads.get(store, upload_id)) is not None:
        state = known if known is not None and known.upload.id == upload.id else \
            safe_review_state(store, upload, current_dataset())
        parts.append(upload_review.review_panel(state, selected if isinstance(
            selected, str) else None, lang) if isinstance(state, ReviewState) else _alert(
            t("upload.cannot_build", lang).format(reason=state), "danger"))
    parts.append(upload_review.versions_list(list_versions(store), lang))
    parts.append(html.Section([html.H2(t("upload.history", lang), className="h5"), html.Ul([
        html.Li([html.A(f"#{u.id} {u.report_id} · {u.file_name}",
                        href=f"/upload?id={u.id}&lang={lang}"),
                 f" · {t(f'upload.state.{u.state}', lang)} · {u.created_by}"],
                className="small") for u in reversed(uploads.list_uploads(store))])]))
    return parts


def show(search: Any) -> tuple[Any, bool, Any]:
    """Admins get the form and the review; anyone else is told what to do."""
    lang = lang_from_search(search if isinstance(search, str) else "")
    store, user = signed_in()
    if store is None:
        return _alert(t("upload.error.store", lang), "warning"), True, []
    if user is None or not allowed(user, Action.UPLOAD):
        link = html.A(t("entry.signin_link", lang), href=f"/signin?next=/upload&lang={lang}")
        return html.P([t("upload.admins", lang), " ", link], className="alert alert-info"), \
            True, []
    try:
        return html.Span(t("entry.who", lang).format(name=user.name, role=user.role)), False, \
            panel(store, _upload_id(search), None, lang)
    except StoreError:
        return _alert(t("upload.error.store", lang), "danger"), True, []


def act(_picks: Any, _rest: Any, _decide: Any, _acts: Any, _names: Any, meta: Any,
        field_ids: Any, field_values: Any, selected: Any, search: Any, name_ids: Any = None,
        name_values: Any = None) -> tuple[Any, Any, Any]:
    clicked = bool(ctx.triggered and ctx.triggered[0].get("value"))
    fields = {str(i.get("name")): v for i, v in zip(field_ids or [], field_values or [],
                                                    strict=False) if isinstance(i, dict)}
    names = {str(i.get("zh")): v for i, v in zip(name_ids or [], name_values or [],
                                                 strict=False) if isinstance(i, dict)}
    return handle(ctx.triggered_id if clicked else None, meta, fields, selected, search, names)


def handle(trigger: Any, meta_values: Any, editor: dict[str, Any], selected: Any,
           search: Any, names: dict[str, Any] | None = None) -> tuple[Any, Any, Any]:
    """What a click on the review panel does (``trigger``: the clicked component's id;
    ``editor``: the editor's values by name; ``names``: the English names' inputs, by the
    Chinese name)."""
    lang = lang_from_search(search if isinstance(search, str) else "")
    if trigger is None:
        return no_update, no_update, no_update
    store, user = signed_in()
    if store is None or user is None or not allowed(user, Action.UPLOAD):
        return no_update, _alert(t("upload.error.signin", lang), "warning"), no_update
    if not same_origin():
        return no_update, _alert(t("upload.error.origin", lang), "danger"), no_update
    upload_id = _upload_id(search)
    fields = {name: editor.get(name) for name in ("indicator", "value", "new_zh", "new_en",
                                                  "new_sector", "new_dims")}
    fields.update(meta=meta_values, selected=selected if isinstance(selected, str) else None,
                  names=names or {})
    try:
        message, selected, known = perform(store, user, upload_id, trigger, fields,
                                           current_dataset(), lang)
        shown = _alert(message, "success") if message else None
        return panel(store, upload_id, selected, lang, known), shown, selected
    except ActionError as error:
        return no_update, _alert(t(f"upload.error.{error.code}", lang).format(
            detail=error.detail), "danger"), no_update
    except Denied:
        return no_update, _alert(t("upload.error.signin", lang), "warning"), no_update
    except StoreError:
        return no_update, _alert(t("upload.error.store", lang), "danger"), no_update


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    app.callback(Output("upload-who", "children"), Output("upload-work", "hidden"),
                 Output("upload-review", "children", allow_duplicate=True),
                 Input(URL_ID, "search"), prevent_initial_call="initial_duplicate")(show)
    app.callback(Output("upload-review", "children"), Output("upload-message", "children"),
                 Output("upload-selected", "data"),
                 Input({"type": upload_review.PICK_TYPE, "key": ALL}, "n_clicks"),
                 Input({"type": upload_review.REST_TYPE, "category": ALL}, "n_clicks"),
                 Input({"type": upload_review.DECIDE_TYPE, "action": ALL}, "n_clicks"),
                 Input({"type": upload_review.ACT_TYPE, "action": ALL}, "n_clicks"),
                 Input({"type": upload_review.NAME_CONFIRM_TYPE, "zh": ALL}, "n_clicks"),
                 State({"type": upload_review.META_TYPE, "field": ALL}, "value"),
                 State({"type": upload_review.FIELD_TYPE, "name": ALL}, "id"),
                 State({"type": upload_review.FIELD_TYPE, "name": ALL}, "value"),
                 State("upload-selected", "data"), State(URL_ID, "search"),
                 State({"type": upload_review.NAME_TYPE, "zh": ALL}, "id"),
                 State({"type": upload_review.NAME_TYPE, "zh": ALL}, "value"),
                 prevent_initial_call=True)(act)
