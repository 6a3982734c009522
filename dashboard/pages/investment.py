"""Investment (/investment): fixed-asset investment against its two 2024 targets, with the
contradiction found in data/quality.csv written on the chart; energy and industrial capacity;
projects and funds. A switch (``?view=levels|growth``) reads the targets as amounts or as
growth rates.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, html

from dashboard import url_state
from dashboard.components import chart_card as cc
from dashboard.components.kpi_card import kpi_card
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.components.url_sync import store_id, url_state_store
from dashboard.data import Dataset, get_dataset
from dashboard.facts import select
from dashboard.figures import investment
from dashboard.figures.bars import indicator_names
from dashboard.i18n import add_strings, normalize_lang, t

PAGE = "investment"
dash.register_page(__name__, path="/investment", name=PAGE, order=20)

CONTROL_ID = "investment-view"
CONTENT_ID = "investment-content"
KPIS: tuple[str, ...] = (investment.FAI, "aid_funding")

add_strings({
    "nav.investment": {"zh": "投资与项目", "en": "Investment"},
    "investment.heading": {"zh": "投资与项目", "en": "Investment and projects"},
    "investment.lead": {"zh": "固定资产投资的实绩与目标、能源产能和重点资金投入。",
                        "en": "Fixed-asset investment, energy capacity and the funds committed."},
    "investment.view_label": {"zh": "目标显示方式", "en": "Show the targets as"},
    "investment.view.levels": {"zh": "投资额（亿元）", "en": "Amounts (亿元)"},
    "investment.view.growth": {"zh": "增速（%）", "en": "Growth rates (%)"},
})


def decode(query: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    view, ok = url_state.choice(query.get("view"), investment.VIEWS, "levels")
    return {"view": view}, ([] if ok else ["view"])


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    facts, reports = dataset.indicators, dataset.reports
    view = str(state.get("view") or "levels")
    rows = investment.fai_rows(facts, lang, view)
    fai = cc.chart_card(
        PAGE, "fai", t("figures.investment.fai_title", lang),
        None if rows.empty else investment.fai_figure(facts, dataset.quality, reports, lang,
                                                       view), lang)
    energy = cc.chart_card(
        PAGE, "energy", t("figures.investment.energy_title", lang),
        None if investment.energy_facts(facts).empty
        else investment.energy_figure(facts, reports, lang), lang)
    other = cc.chart_card(
        PAGE, "other", t("figures.investment.other_title", lang),
        None if investment.other_facts(facts).empty
        else investment.other_figure(facts, reports, lang), lang)
    return [fai, dbc.Row([dbc.Col(energy, lg=6), dbc.Col(other, lg=6)], class_name="g-3")]


def _kpis(dataset: Dataset, lang: str) -> dbc.Row:
    names = indicator_names(dataset.indicators, dataset.lexicon, KPIS, lang)
    return cc.kpi_grid([kpi_card(select(dataset.indicators, indicators=[i]), lang, names[i], i)
                        for i in KPIS], "investment-kpis")


def layout(lang: str | None = None, **query: Any) -> html.Div:
    lang = normalize_lang(lang)
    state, invalid = decode(query)
    dataset = get_dataset()
    options = [(v, t(f"investment.view.{v}", lang)) for v in investment.VIEWS]
    return html.Div([
        cc.page_header(t("investment.heading", lang), t("investment.lead", lang),
                       "investment-heading"),
        cc.invalid_notice(invalid, lang),
        _kpis(dataset, lang),
        cc.control_block(t("investment.view_label", lang),
                         cc.radio_buttons(CONTROL_ID, options, state["view"],
                                          t("investment.view_label", lang))),
        html.Div(content(dataset, state, lang), id=CONTENT_ID),
        url_state_store(PAGE, state),
    ], className="officials-page")


@dash.callback(
    Output(CONTENT_ID, "children"),
    Output(store_id(PAGE), "data"),
    Input(CONTROL_ID, "value"),
    State(URL_ID, "search"),
    prevent_initial_call=True,
)
def update(view: str | None, search: str | None) -> tuple[list[Any], dict[str, Any]]:
    state, _ = decode({"view": view})
    return content(get_dataset(), state, lang_from_search(search)), state


@dash.callback(
    Output(cc.quote_id(PAGE, dash.MATCH), "children"),
    Input(cc.graph_id(PAGE, dash.MATCH), "clickData"),
    State(URL_ID, "search"),
    prevent_initial_call=True,
)
def show_quote(click: Any, search: str | None) -> html.Div:
    dataset = get_dataset()
    return cc.quote_for_click(dataset.indicators, dataset.reports, click,
                              lang_from_search(search))
