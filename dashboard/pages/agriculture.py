"""Agriculture (/agriculture): grain, cotton and orchards; livestock (2023 出栏 against the 2024
出栏 and 饲养量 targets); farmland. A switch (``?view=crops|livestock|land``) chooses the chart.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard import url_state
from dashboard.components import chart_card as cc
from dashboard.components import page_kit as kit
from dashboard.data import Dataset, get_dataset
from dashboard.figures import agriculture
from dashboard.figures.fact_labels import indicator_names
from dashboard.i18n import add_strings, normalize_lang, t

PAGE = "agriculture"
dash.register_page(__name__, path="/agriculture", name=PAGE, order=30)

CONTROL_ID = "agriculture-view"
CONTENT_ID = "agriculture-content"

add_strings({
    "nav.agriculture": {"zh": "农业农村", "en": "Agriculture"},
    "agriculture.heading": {"zh": "农业农村", "en": "Agriculture and rural areas"},
    "agriculture.lead": {"zh": "粮食、畜牧与耕地：{review_year}年实绩和{year}年目标、计划。",
                         "en": "Grain, livestock and farmland: {review_year} results, "
                               "{year} targets and plans."},
    "agriculture.view_label": {"zh": "查看", "en": "Show"},
    "agriculture.view.crops": {"zh": "种植", "en": "Crops"},
    "agriculture.view.livestock": {"zh": "畜牧", "en": "Livestock"},
    "agriculture.view.land": {"zh": "耕地", "en": "Land"},
})


def decode(query: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    view, ok = url_state.choice(query.get("view"), agriculture.VIEWS, "crops")
    return {"view": view}, ([] if ok else ["view"])


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    facts = dataset.indicators
    view = str(state.get("view") or "crops")
    rows = agriculture.view_facts(facts, view)
    names = indicator_names(facts, dataset.lexicon, agriculture.VIEWS[view], lang)
    missing = [names[i] for i in agriculture.VIEWS[view] if i not in set(rows.indicator_id)]
    fig = None if rows.empty else agriculture.view_figure(facts, dataset.reports, lang, view)
    return [cc.chart_card(PAGE, view, t(f"figures.agriculture.{view}", lang), fig, lang,
                          missing=missing if fig is not None else ())]


def layout(lang: str | None = None, **query: Any) -> html.Div:
    lang = normalize_lang(lang)
    state, invalid = decode(query)
    dataset = get_dataset()
    options = [(v, t(f"agriculture.view.{v}", lang)) for v in agriculture.VIEWS]
    label = t("agriculture.view_label", lang)
    kpis = kit.headline_kpis(dataset, agriculture.HEADLINE, lang, "agriculture-kpis")
    return kit.page_layout(
        PAGE, lang, state=state, invalid=invalid, intro=[kpis], control_label=label,
        control=cc.radio_buttons(CONTROL_ID, options, state["view"], label),
        content=content(dataset, state, lang), content_id=CONTENT_ID)


@kit.update_callback(PAGE, CONTROL_ID, CONTENT_ID)
def update(view: str | None, search: str | None) -> tuple[list[Any], dict[str, Any]]:
    state, _ = decode({"view": view})
    return kit.rebuild(content, get_dataset(), state, search)


@kit.quote_callback(PAGE)
def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(get_dataset(), click, search)
