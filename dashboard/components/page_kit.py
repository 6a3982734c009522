"""The scaffolding shared by the five officials' pages (overview, economy, investment,
agriculture, tourism): one control that rebuilds the page content and writes the URL state,
and a click on any chart that shows the quote under it.

A page keeps its own ``update`` and ``show_quote`` functions (tests call them directly) and
decorates them with :func:`update_callback` and :func:`quote_callback`. Each page passes its
own ``get_dataset()`` result in, rather than this module reading the dataset, so that tests
can swap a page's dataset by patching that page module alone.

Lives in components, not pages: Dash imports every module under dashboard/pages as a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, html

from dashboard.components import chart_card as cc
from dashboard.components.kpi_card import kpi_card
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.components.url_sync import store_id, url_state_store
from dashboard.data import Dataset
from dashboard.facts import select
from dashboard.figures.fact_labels import indicator_names
from dashboard.i18n import t

PageState = dict[str, Any]
Content = Callable[[Dataset, PageState, str], list[Any]]
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def update_callback(page: str, control_id: str, content_id: str) -> Decorator:
    """Register ``f(control_value, search) -> (content, state)`` for the page's control.

    Not on the initial call: the layout already renders the state from the URL.
    """
    return dash.callback(
        Output(content_id, "children"),
        Output(store_id(page), "data"),
        Input(control_id, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )


def quote_callback(page: str) -> Decorator:
    """Register ``f(click, search) -> quote panel`` for every chart of the page (MATCH)."""
    return dash.callback(
        Output(cc.quote_id(page, dash.MATCH), "children"),
        Input(cc.graph_id(page, dash.MATCH), "clickData"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )


def rebuild(content: Content, dataset: Dataset, state: PageState,
            search: str | None) -> tuple[list[Any], PageState]:
    """The new page content, and the state for the URL store."""
    return content(dataset, state, lang_from_search(search)), state


def quote(dataset: Dataset, click: Any, search: str | None) -> html.Div:
    return cc.quote_for_click(dataset.indicators, dataset.reports, click,
                              lang_from_search(search))


def headline_kpis(dataset: Dataset, ids: Sequence[str], lang: str, grid_id: str) -> dbc.Row:
    """One KPI card per indicator of ``ids``, named even when the report lacks it."""
    names = indicator_names(dataset.indicators, dataset.lexicon, ids, lang)
    return cc.kpi_grid([kpi_card(select(dataset.indicators, indicators=[i]), lang, names[i], i)
                        for i in ids], grid_id)


def page_layout(page: str, lang: str, *, state: PageState, invalid: Sequence[str],
                control_label: str, control: Any, content: list[Any], content_id: str,
                intro: Sequence[Any] = ()) -> html.Div:
    """Header (strings ``<page>.heading`` and ``<page>.lead``), URL notice, ``intro``
    (KPI cards, links), the labelled control, the content and the URL-state store."""
    return html.Div([
        cc.page_header(t(f"{page}.heading", lang), t(f"{page}.lead", lang), f"{page}-heading"),
        cc.invalid_notice(invalid, lang),
        *intro,
        cc.control_block(control_label, control),
        html.Div(content, id=content_id),
        url_state_store(page, state),
    ], className="officials-page")
