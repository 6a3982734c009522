"""Investment (/investment): fixed-asset investment against this year's targets (a growth
target and a level target are each converted into the other's terms; a contradiction found in
data/quality.csv is written on the chart); energy and industrial capacity; projects and funds.
A switch (``?view=levels|growth``) reads the targets as amounts or as growth rates.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Dash, html

from dashboard import url_state
from dashboard.components import chart_card as cc
from dashboard.components import page_kit as kit
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.facts import select
from dashboard.figures import investment
from dashboard.i18n import normalize_lang, t

PAGE = "investment"
dash.register_page(__name__, path="/investment", name=PAGE, order=20)

CONTROL_ID = "investment-view"
CONTENT_ID = "investment-content"
KPI_CARDS = 4


def decode(query: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    view, ok = url_state.choice(query.get("view"), investment.VIEWS, "levels")
    return {"view": view}, ([] if ok else ["view"])


def kpi_ids(dataset: Dataset) -> list[str]:
    """Fixed-asset investment first, then the other investment indicators the report states."""
    rows = select(dataset.ranged_facts, sectors=investment.OTHER_SECTORS).sort_values("start")
    found = [i for i in dict.fromkeys(rows.indicator_id) if i != "unclassified"]
    return list(dict.fromkeys([investment.FAI, *found]))[:KPI_CARDS]


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    facts, reports = dataset.ranged_facts, dataset.reports
    view = str(state.get("view") or "levels")
    rows = investment.fai_rows(facts, lang, view)
    fai = cc.chart_card(
        PAGE, "fai", t("figures.investment.fai_title", lang),
        None if rows.empty else investment.fai_figure(facts, dataset.quality, reports, lang,
                                                       view), lang, file_stem=dataset.report_id)
    energy = cc.chart_card(
        PAGE, "energy", t("figures.investment.energy_title", lang),
        None if investment.energy_facts(facts).empty
        else investment.energy_figure(facts, reports, lang), lang, file_stem=dataset.report_id)
    other = cc.chart_card(
        PAGE, "other", t("figures.investment.other_title", lang),
        None if investment.other_facts(facts).empty
        else investment.other_figure(facts, reports, lang), lang, file_stem=dataset.report_id)
    return [fai, dbc.Row([dbc.Col(energy, lg=6), dbc.Col(other, lg=6)], class_name="g-3")]


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, query.get("report"))
    state, invalid = decode(query)
    options = [(v, t(f"investment.view.{v}", lang)) for v in investment.VIEWS]
    label = t("investment.view_label", lang)
    return kit.page_layout(
        PAGE, lang, dataset, state=state, invalid=bad_report + invalid,
        intro=[kit.headline_kpis(dataset, kpi_ids(dataset), lang, "investment-kpis")],
        control_label=label, control=cc.radio_buttons(CONTROL_ID, options, state["view"], label),
        content=kit.page_content(content, dataset, state, lang), content_id=CONTENT_ID)


def warm_states(dataset: Dataset) -> list[dict[str, Any]]:
    """Both ways of reading the targets (dashboard/warm.py)."""
    return [{"view": view} for view in investment.VIEWS]


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def update(view: str | None, search: str | None) -> tuple[list[Any], dict[str, Any]]:
    state, _ = decode({"view": view})
    return kit.rebuild(content, current_dataset(), state, search)


def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(current_dataset(), click, search)


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    kit.update_callback(app, PAGE, CONTROL_ID, CONTENT_ID)(update)
    kit.quote_callback(app, PAGE)(show_quote)
