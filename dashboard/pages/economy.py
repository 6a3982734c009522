"""Economy (/economy): GDP level and growth, past-year growth against this year's target for
the report's headline indicators (its main-target list), fiscal and industry figures, and the
headline indicators across years when several reports of the place are loaded. A checklist
(``?ind=gdp,retail_sales``) chooses the indicators of the growth and trend charts.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Dash, html

from dashboard import url_state
from dashboard.components import chart_card as cc
from dashboard.components import page_kit as kit
from dashboard.components.report_select import report_from_search
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.figures import economy
from dashboard.figures.fact_labels import indicator_names
from dashboard.i18n import normalize_lang, t

PAGE = "economy"
dash.register_page(__name__, path="/economy", name=PAGE, order=10)

CONTROL_ID = "economy-indicators"
CONTENT_ID = "economy-content"


def headline(dataset: Dataset) -> list[str]:
    """The report's main-target indicators (the checklist's choices)."""
    return dataset.headline()


def decode(query: dict[str, Any], choices: list[str]) -> tuple[dict[str, Any], list[str]]:
    raw = query.get("ind")
    chosen, ok = url_state.many(raw, choices)
    if raw is None or not chosen:
        chosen = list(choices)
    return {"ind": chosen}, ([] if ok else ["ind"])


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    facts, reports = dataset.ranged_facts, dataset.reports
    choices = headline(dataset)
    chosen = [i for i in choices if i in (state.get("ind") or [])]
    names = indicator_names(facts, dataset.lexicon, choices, lang)
    growth = economy.growth_facts(facts, chosen)
    # Not stated at all (a level or count target such as 城镇新增就业 is stated, just not as
    # growth, and is not "missing" from the report).
    missing = [names[i] for i in chosen if i not in set(facts.indicator_id)]
    named = kit.years(dataset)
    stem = dataset.report_id
    growth_title = t("figures.economy.growth_title", lang, **named)
    if not chosen:
        growth_card = html.Section([html.H2(growth_title, className="graph-title"),
                                    html.P(t("economy.none_selected", lang),
                                           className="text-muted mb-0")],
                                   className="graph-card officials-card")
    else:
        fig = None if growth.empty else economy.growth_vs_target_figure(
            facts, reports, lang, chosen, **named)
        growth_card = cc.chart_card(PAGE, "growth", growth_title, fig, lang,
                                    missing=missing if fig is not None else (), file_stem=stem)
    gdp = economy.gdp_facts(facts)
    fiscal = economy.fiscal_industry_facts(facts)
    gdp_card = cc.chart_card(PAGE, "gdp", t("figures.economy.gdp_title", lang),
                             None if gdp.empty else economy.gdp_figure(facts, reports, lang), lang,
                             file_stem=stem)
    fiscal_card = cc.chart_card(
        PAGE, "fiscal", t("figures.economy.fiscal_title", lang),
        None if fiscal.empty else economy.fiscal_industry_figure(facts, reports, lang), lang,
        file_stem=stem)
    return [growth_card,
            dbc.Row([dbc.Col(gdp_card, lg=6), dbc.Col(fiscal_card, lg=6)], class_name="g-3"),
            *kit.trend_cards(PAGE, dataset, chosen, lang)]


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, query.get("report"))
    choices = headline(dataset)
    state, invalid = decode(query, choices)
    names = indicator_names(dataset.ranged_facts, dataset.lexicon, choices, lang)
    checklist = dbc.Checklist(
        id=CONTROL_ID, value=state["ind"], inline=True, switch=False,
        options=[{"label": names[i], "value": i} for i in choices],
        class_name="officials-checklist", input_class_name="btn-check",
        label_class_name="btn btn-outline-primary btn-sm", label_checked_class_name="active")
    label = t("economy.indicators_label", lang)
    return kit.page_layout(
        PAGE, lang, dataset, state=state, invalid=bad_report + invalid, control_label=label,
        control=html.Div(checklist, role="group", **{"aria-label": label}),
        content=kit.page_content(content, dataset, state, lang), content_id=CONTENT_ID)


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def update(chosen: list[str] | None, search: str | None) -> tuple[list[Any], dict[str, Any]]:
    # Only the report's choices, in their order: the value is untrusted input.
    dataset, _ = kit.open_report(current_dataset(), report_from_search(search))
    wanted = chosen if isinstance(chosen, list) else []
    allowed = [i for i in headline(dataset) if i in wanted]
    return kit.rebuild(content, current_dataset(), {"ind": allowed}, search)


def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(current_dataset(), click, search)


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    kit.update_callback(app, PAGE, CONTROL_ID, CONTENT_ID)(update)
    kit.quote_callback(app, PAGE)(show_quote)
