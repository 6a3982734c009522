"""/record: one place's targets of every year, with what became of them.

``?place=顺平县&scope=main``: the place (default: the selected report's) and which targets
(``main``: the headline targets; ``all``: every target and plan). The record is built from the
target tables of the place's work reports (``dashboard/places/record.py``) and kept in the
snapshot's memo; this module decodes the address and wires the callbacks.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, Input, Output, State, html

from dashboard.components import chart_card as cc
from dashboard.components import page_kit as kit
from dashboard.components import record_view as view
from dashboard.components.language import URL_ID
from dashboard.components.report_select import report_from_search
from dashboard.components.url_sync import store_id, url_state_store
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.i18n import normalize_lang, t
from dashboard.places.files import decode_record
from dashboard.places.names import place_names
from dashboard.places.record import SCOPES, place_record, record_places

PAGE = view.PAGE
CONTENT_ID = "record-content"
dash.register_page(__name__, path="/record", name=PAGE, order=56)


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    place = state.get("place")
    record = place_record(dataset, place) if place else None
    return view.content(dataset, record, state.get("scope") or "main", lang)


def warm_states(dataset: Dataset) -> list[dict[str, Any]]:
    """The selected report's place, in both scopes (dashboard/warm.py)."""
    place, _, _ = decode_record(dataset, {})
    return [{"place": place, "scope": s} for s in SCOPES] if place else []


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, query.get("report"))
    place, scope, invalid = decode_record(dataset, query)
    state = {"place": place or "", "scope": scope}
    places = record_places(dataset)
    return html.Div([
        cc.page_header(t("record.heading", lang), t("record.lead", lang), "record-heading"),
        kit.report_line(dataset, lang),
        cc.invalid_notice(bad_report + invalid, lang),
        view.controls(places, place_names(dataset, lang), place, scope, lang)
        if places else None,
        html.Div(kit.page_content(content, dataset, state, lang), id=CONTENT_ID),
        url_state_store(PAGE, state),
    ], className="officials-page record-page")


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def update(place: Any, scope: Any, search: Any) -> tuple[list[Any], dict[str, Any]]:
    """The record for the controls' values; untrusted values fall back to the defaults."""
    search = search if isinstance(search, str) else None
    dataset, _ = kit.open_report(current_dataset(), report_from_search(search))
    known = record_places(dataset)
    chosen = place if isinstance(place, str) and place in known else decode_record(
        dataset, {})[0]
    state = {"place": chosen or "", "scope": scope if scope in SCOPES else "main"}
    page, _ = kit.rebuild(content, current_dataset(), state, search)
    return page, state


def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(current_dataset(), click, search)


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    app.callback(
        Output(CONTENT_ID, "children"),
        Output(store_id(PAGE), "data"),
        Input(view.PLACE_ID, "value"),
        Input(view.SCOPE_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update)
    kit.quote_callback(app, PAGE)(show_quote)
