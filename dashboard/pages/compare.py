"""/compare: the places stating figures for one year, side by side and ranked.

``?year=2021&region=county&ind=gdp,retail_sales``: the year (default: the year the selected
report states results for), the level of place (``places/compare.py`` says how it is read;
default every level) and the indicators (default all). The selected report's place
(``?report=``) is highlighted. Tables and figures come from ``dashboard/places/`` and live in
the snapshot's memo; this module decodes the address and wires the callbacks.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, Input, Output, State, html

from dashboard.components import chart_card as cc
from dashboard.components import compare_view as view
from dashboard.components import page_kit as kit
from dashboard.components.language import URL_ID
from dashboard.components.report_select import report_from_search
from dashboard.components.url_sync import store_id, url_state_store
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.i18n import normalize_lang, t
from dashboard.places.compare import (
    ALL,
    INDICATORS,
    REGIONS,
    compare_table,
    compare_years,
    default_region,
    home_place,
    levels_present,
)
from dashboard.places.files import decode_compare

PAGE = view.PAGE
CONTENT_ID = "compare-content"
dash.register_page(__name__, path="/compare", name=PAGE, order=55)


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    """The table, notes and charts for ``state`` (year, region, ind)."""
    year = state.get("year")
    table = compare_table(dataset, year, state.get("region") or ALL) if year else None
    return view.content(dataset, table, state.get("ind") or [], home_place(dataset), lang)


def warm_states(dataset: Dataset) -> list[dict[str, Any]]:
    """What a visitor tries first (dashboard/warm.py), all indicators: the default year at
    every level, and every other year at its default level (years + levels states, not
    years x levels)."""
    year, region, _, _ = decode_compare(dataset, {})
    if year is None:
        return []
    states = [{"year": year, "region": r, "ind": list(INDICATORS)}
              for r in dict.fromkeys([region, ALL, *levels_present(dataset)])]
    return states + [{"year": y, "region": default_region(dataset, y), "ind": list(INDICATORS)}
                     for y in sorted(compare_years(dataset), reverse=True) if y != year]


def _url_state(state: dict[str, Any]) -> dict[str, Any]:
    """What the address bar shows: the default indicators (all) are left out."""
    ind = state["ind"]
    return {"year": state["year"] or "", "region": state["region"],
            "ind": [] if list(ind) == list(INDICATORS) else ind}


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, query.get("report"))
    year, region, ind, invalid = decode_compare(dataset, query)
    state = {"year": year, "region": region, "ind": ind}
    years = compare_years(dataset)
    controls = view.controls(years, year, levels_present(dataset), region,
                             view.indicator_choices(dataset, lang), ind, lang) if years else None
    return html.Div([
        cc.page_header(t("compare.heading", lang), t("compare.lead", lang), "compare-heading"),
        kit.report_line(dataset, lang),
        cc.invalid_notice(bad_report + invalid, lang),
        controls,
        html.Div(kit.page_content(content, dataset, state, lang), id=CONTENT_ID),
        url_state_store(PAGE, _url_state(state)),
    ], className="officials-page compare-page")


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def update(year: Any, region: Any, ind: Any, search: Any) -> tuple[list[Any], dict[str, Any]]:
    """The content for the controls' values; untrusted values fall back to the defaults."""
    dataset, _ = kit.open_report(current_dataset(), report_from_search(search))
    known = compare_years(dataset)
    chosen = year if isinstance(year, int) and not isinstance(year, bool) and year in known \
        else None
    wanted = ind if isinstance(ind, list) else []
    if chosen is None:
        chosen = decode_compare(dataset, {})[0]
    if not (isinstance(region, str) and region in REGIONS):
        region = default_region(dataset, chosen) if chosen is not None else ALL
    state = {"year": chosen, "region": region, "ind": [i for i in INDICATORS if i in wanted]}
    page, _ = kit.rebuild(content, current_dataset(), state,
                          search if isinstance(search, str) else None)
    return page, _url_state(state)


def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(current_dataset(), click, search)


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    app.callback(
        Output(CONTENT_ID, "children"),
        Output(store_id(PAGE), "data"),
        Input(view.YEAR_ID, "value"),
        Input(view.REGION_ID, "value"),
        Input(view.IND_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update)
    kit.quote_callback(app, PAGE)(show_quote)
