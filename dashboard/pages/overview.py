"""Overview (/): KPI cards for the selected report's headline figures (its main-target list),
past-year growth against this year's targets, the headline indicators across years when
several reports of the place are loaded, and a strip linking to the target panel. A sector
filter (``?group=``) drives cards and chart.

Which sectors make a group is configuration; which indicators are headline figures comes from
the report (``facts.headline_indicators``); every number comes from the request's snapshot.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, dcc, html

from dashboard import url_state
from dashboard.components import chart_card as cc
from dashboard.components import page_kit as kit
from dashboard.components.report_select import href
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.figures import economy
from dashboard.i18n import normalize_lang, t

PAGE = "overview"
dash.register_page(__name__, path="/", name=PAGE, order=0)

GROUP_CARDS = 8
GROUPS: dict[str, tuple[str, ...]] = {
    "all": (),
    "economy": ("economy", "industry", "fiscal", "trade", "consumption"),
    "investment": ("investment", "energy"),
    "agriculture": ("agriculture", "livestock"),
    "tourism": ("tourism",),
}
LINKS = ("economy", "investment", "agriculture", "tourism")
CONTROL_ID = "overview-group"
CONTENT_ID = "overview-content"


def decode(query: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Page state from the URL query, and the parameters whose values were ignored."""
    group, ok = url_state.choice(query.get("group"), GROUPS, "all")
    return {"group": group}, ([] if ok else ["group"])


def headline_ids(dataset: Dataset, group: str) -> list[str]:
    """The report's headline indicators in ``group``; for an area, followed by the other
    indicators of its sectors the report states (up to GROUP_CARDS cards)."""
    facts = dataset.ranged_facts
    headline = dataset.headline()
    sectors = GROUPS.get(group) or ()
    if not sectors:
        return headline

    def sector_of(ind: str) -> str:
        rows = facts[facts.indicator_id == ind]
        return str(rows.sector.iloc[0]) if not rows.empty else getattr(
            dataset.lexicon.get(ind), "sector", "")

    ids = [ind for ind in headline if sector_of(ind) in sectors]
    stated = facts[facts.sector.isin(sectors) & (facts.indicator_id != "unclassified")]
    for ind in stated.sort_values("start").indicator_id:
        if len(ids) >= GROUP_CARDS:
            break
        if ind not in ids:
            ids.append(ind)
    return ids


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    """KPI cards, the growth chart and the trends for the chosen group."""
    facts = dataset.ranged_facts
    ids = headline_ids(dataset, str(state.get("group") or "all"))
    growth = economy.growth_facts(facts, ids)
    named = kit.years(dataset)
    fig = None if growth.empty else economy.growth_vs_target_figure(
        facts, dataset.reports, lang, ids, **named)
    title = t("figures.economy.growth_title", lang, **named)
    return [kit.headline_kpis(dataset, ids, lang, "overview-kpis"),
            cc.chart_card(PAGE, "growth", title, fig, lang, file_stem=dataset.report_id),
            *kit.trend_cards(PAGE, dataset, ids, lang)]


def _links(dataset: Dataset, lang: str) -> html.Div:
    report = dataset.report_id
    return html.Div([
        html.Div([html.Span(t("overview.targets_text", lang, **kit.years(dataset)),
                            className="me-2"),
                  dcc.Link(t("overview.targets_link", lang), href=href("/targets", lang, report),
                           id="overview-targets-link", className="fw-semibold")]),
        html.Div([html.Span(t("overview.more", lang), className="overview-areas-label")] + [
            dcc.Link(t(f"overview.link.{name}", lang), href=href(f"/{name}", lang, report),
                     className="overview-area-link") for name in LINKS
        ], className="small mt-1 overview-areas"),
    ], className="app-card targets-strip")


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, query.get("report"))
    state, invalid = decode(query)
    options = [(key, t(f"overview.group.{key}", lang)) for key in GROUPS]
    label = t("overview.group_label", lang)
    return kit.page_layout(
        PAGE, lang, dataset, state=state, invalid=bad_report + invalid,
        intro=[_links(dataset, lang)], control_label=label,
        control=cc.radio_buttons(CONTROL_ID, options, state["group"], label),
        content=kit.page_content(content, dataset, state, lang), content_id=CONTENT_ID)


def warm_states(dataset: Dataset) -> list[dict[str, Any]]:
    """Every value of the area filter (dashboard/warm.py)."""
    return [{"group": group} for group in GROUPS]


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def update(group: str | None, search: str | None) -> tuple[list[Any], dict[str, Any]]:
    state, _ = decode({"group": group})
    return kit.rebuild(content, current_dataset(), state, search)


def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(current_dataset(), click, search)


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    kit.update_callback(app, PAGE, CONTROL_ID, CONTENT_ID)(update)
    kit.quote_callback(app, PAGE)(show_quote)
