"""Agriculture (/agriculture): one view per topic the report states (crops, livestock,
land…, from the lexicon's ``topic``), the past year's results beside this year's targets and
plans. A switch (``?view=crops|livestock|land``) chooses the chart.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, html

from dashboard import url_state
from dashboard.components import chart_card as cc
from dashboard.components import page_kit as kit
from dashboard.components.report_select import report_from_search
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.figures import agriculture
from dashboard.i18n import has_key, normalize_lang, t

PAGE = "agriculture"
dash.register_page(__name__, path="/agriculture", name=PAGE, order=30)

CONTROL_ID = "agriculture-view"
CONTENT_ID = "agriculture-content"


def topics(dataset: Dataset) -> dict[str, str]:
    return {ind.id: ind.topic for ind in dataset.lexicon.values()}


def views(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """The views this report has (topic -> indicators stated)."""
    return dataset.cached(("agriculture-views",), lambda: agriculture.views(
        dataset.ranged_facts, topics(dataset)))


def decode(query: dict[str, Any], choices: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    default = next(iter(choices), "")
    view, ok = url_state.choice(query.get("view"), choices, default)
    return {"view": view}, ([] if ok else ["view"])


def view_label(view: str, lang: str) -> str:
    key = f"agriculture.view.{view}"
    return t(key, lang) if has_key(key) else t("agriculture.view.agriculture", lang)


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    facts = dataset.ranged_facts
    found = views(dataset)
    view = str(state.get("view") or "")
    if view not in found:
        return [cc.chart_card(PAGE, "none", t("agriculture.heading", lang), None, lang)]
    named = kit.years(dataset)
    fig = agriculture.view_figure(facts, dataset.reports, lang, view, found[view], **named)
    return [cc.chart_card(PAGE, view, agriculture.title(view, lang, **named), fig, lang,
                          file_stem=dataset.report_id)]


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, query.get("report"))
    found = views(dataset)
    state, invalid = decode(query, found)
    options = [(v, view_label(v, lang)) for v in found]
    label = t("agriculture.view_label", lang)
    kpis = kit.headline_kpis(dataset, agriculture.headline(dataset.ranged_facts, topics(dataset)),
                             lang, "agriculture-kpis")
    return kit.page_layout(
        PAGE, lang, dataset, state=state, invalid=bad_report + invalid, intro=[kpis],
        control_label=label, control=cc.radio_buttons(CONTROL_ID, options, state["view"], label),
        content=kit.page_content(content, dataset, state, lang), content_id=CONTENT_ID)


def warm_states(dataset: Dataset) -> list[dict[str, Any]]:
    """Every view this report has (dashboard/warm.py)."""
    return [{"view": view} for view in views(dataset)]


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def update(view: str | None, search: str | None) -> tuple[list[Any], dict[str, Any]]:
    dataset, _ = kit.open_report(current_dataset(), report_from_search(search))
    state = {"view": view if isinstance(view, str) and view in views(dataset) else ""}
    return kit.rebuild(content, current_dataset(), state, search)


def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(current_dataset(), click, search)


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    kit.update_callback(app, PAGE, CONTROL_ID, CONTENT_ID)(update)
    kit.quote_callback(app, PAGE)(show_quote)
