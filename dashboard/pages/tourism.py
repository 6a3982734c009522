"""Tourism (/tourism): visitor and revenue growth, culture and tourism events, and the plans
for the coming year in tourism and consumption. A switch (``?measure=growth|events|plans``)
chooses the measure charted; only the measures the report states are offered.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, html

from dashboard import url_state
from dashboard.components import chart_card as cc
from dashboard.components import page_kit as kit
from dashboard.components.kpi_card import kpi_card
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.facts import select
from dashboard.figures import tourism
from dashboard.i18n import normalize_lang, t

PAGE = "tourism"
dash.register_page(__name__, path="/tourism", name=PAGE, order=40)

CONTROL_ID = "tourism-measure"
CONTENT_ID = "tourism-content"


def measures(dataset: Dataset) -> list[str]:
    """The measures this report states (all of them when it states none, so the page still
    says so)."""
    found = [m for m in tourism.MEASURES
             if not tourism.measure_facts(dataset.ranged_facts, m).empty]
    return found or list(tourism.MEASURES)


def decode(query: dict[str, Any], choices: list[str]) -> tuple[dict[str, Any], list[str]]:
    measure, ok = url_state.choice(query.get("measure"), choices, choices[0])
    return {"measure": measure}, ([] if ok else ["measure"])


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    facts = dataset.ranged_facts
    measure = str(state.get("measure") or "growth")
    if measure not in tourism.MEASURES:
        measure = "growth"
    rows = tourism.measure_facts(facts, measure)
    fig = None if rows.empty else tourism.measure_figure(facts, dataset.reports, lang, measure)
    return [cc.chart_card(PAGE, measure, t(f"figures.tourism.{measure}", lang), fig, lang,
                          file_stem=dataset.report_id)]


def _kpis(dataset: Dataset, lang: str) -> Any:
    """One card per indicator of the tourism and consumption sectors, in report order."""
    rows = select(dataset.ranged_facts, sectors=tourism.SECTORS).sort_values("start")
    ids = [i for i in dict.fromkeys(rows.indicator_id) if i != "unclassified"]
    if not ids:
        return cc.not_stated(lang)
    return cc.kpi_grid([kpi_card(rows[rows.indicator_id == i], lang) for i in ids],
                       "tourism-kpis")


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, query.get("report"))
    choices = measures(dataset)
    state, invalid = decode(query, choices)
    options = [(m, t(f"tourism.measure.{m}", lang)) for m in choices]
    label = t("tourism.measure_label", lang)
    return kit.page_layout(
        PAGE, lang, dataset, state=state, invalid=bad_report + invalid,
        intro=[_kpis(dataset, lang)], control_label=label,
        control=cc.radio_buttons(CONTROL_ID, options, state["measure"], label),
        content=kit.page_content(content, dataset, state, lang), content_id=CONTENT_ID)


def warm_states(dataset: Dataset) -> list[dict[str, Any]]:
    """Every measure this report states (dashboard/warm.py)."""
    return [{"measure": measure} for measure in measures(dataset)]


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def update(measure: str | None, search: str | None) -> tuple[list[Any], dict[str, Any]]:
    state, _ = decode({"measure": measure}, list(tourism.MEASURES))
    return kit.rebuild(content, current_dataset(), state, search)


def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(current_dataset(), click, search)


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    kit.update_callback(app, PAGE, CONTROL_ID, CONTENT_ID)(update)
    kit.quote_callback(app, PAGE)(show_quote)
