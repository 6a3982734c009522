"""Overview (/): KPI cards for the headline figures, 2023 growth against the 2024 targets, and a
strip linking to the target panel. A sector filter (``?group=``) drives cards and chart.

Which indicators are headline figures, and which sectors make a group, is configuration; the
numbers come from ``get_dataset()``.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from dashboard import url_state
from dashboard.components import chart_card as cc
from dashboard.components import page_kit as kit
from dashboard.components.language import href_with_lang
from dashboard.data import Dataset, get_dataset
from dashboard.figures import economy
from dashboard.i18n import add_strings, normalize_lang, t

PAGE = "overview"
dash.register_page(__name__, path="/", name=PAGE, order=0)

HEADLINE: tuple[str, ...] = (
    "gdp", "fixed_asset_investment", "budget_revenue", "industrial_value_added",
    "retail_sales", "foreign_trade", "grain_output", "grain_area", "livestock_slaughter",
    "tourist_arrivals", "tourism_revenue")
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

add_strings({
    "nav.overview": {"zh": "总览", "en": "Overview"},
    "overview.heading": {"zh": "{year}年政府工作报告主要指标",
                         "en": "Key figures of the {year} Government Work Report"},
    "overview.lead": {"zh": "{review_year}年主要成效与{year}年目标；"
                            "数字均摘自报告原文，点击可查看出处。",
                      "en": "{review_year} results and {year} targets, every number taken "
                            "from the report; click one to see its sentence."},
    "overview.group_label": {"zh": "按领域筛选", "en": "Filter by area"},
    "overview.group.all": {"zh": "全部", "en": "All"},
    "overview.group.economy": {"zh": "经济与财政", "en": "Economy and finance"},
    "overview.group.investment": {"zh": "投资与能源", "en": "Investment and energy"},
    "overview.group.agriculture": {"zh": "农业与畜牧", "en": "Farming and livestock"},
    "overview.group.tourism": {"zh": "文化旅游", "en": "Tourism"},
    "overview.targets_text": {"zh": "{year}年各项目标的完成进度，见目标面板。",
                              "en": "Progress towards each {year} target is on the target panel."},
    "overview.targets_link": {"zh": "查看目标面板 →", "en": "Open the target panel →"},
    "overview.more": {"zh": "分领域查看：", "en": "By area:"},
    "overview.link.economy": {"zh": "经济运行", "en": "Economy"},
    "overview.link.investment": {"zh": "投资与项目", "en": "Investment"},
    "overview.link.agriculture": {"zh": "农业农村", "en": "Agriculture"},
    "overview.link.tourism": {"zh": "文化旅游", "en": "Tourism"},
})


def decode(query: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Page state from the URL query, and the parameters whose values were ignored."""
    group, ok = url_state.choice(query.get("group"), GROUPS, "all")
    return {"group": group}, ([] if ok else ["group"])


def headline_ids(dataset: Dataset, group: str) -> list[str]:
    """Headline indicators in ``group`` (sector from the data, else from the lexicon)."""
    sectors = GROUPS.get(group) or ()
    ids = []
    for ind in HEADLINE:
        rows = dataset.indicators[dataset.indicators.indicator_id == ind]
        sector = rows.sector.iloc[0] if not rows.empty else getattr(
            dataset.lexicon.get(ind), "sector", "")
        if not sectors or sector in sectors:
            ids.append(ind)
    return ids


def content(dataset: Dataset, state: dict[str, Any], lang: str) -> list[Any]:
    """KPI cards and the growth chart for the chosen group."""
    facts = dataset.indicators
    ids = headline_ids(dataset, str(state.get("group") or "all"))
    growth = economy.growth_facts(facts, ids)
    fig = None if growth.empty else economy.growth_vs_target_figure(facts, dataset.reports,
                                                                    lang, ids)
    title = t("figures.economy.growth_title", lang)
    return [kit.headline_kpis(dataset, ids, lang, "overview-kpis"),
            cc.chart_card(PAGE, "growth", title, fig, lang)]


def _links(lang: str) -> html.Div:
    return html.Div([
        html.Div([html.Span(t("overview.targets_text", lang), className="me-2"),
                  dcc.Link(t("overview.targets_link", lang), href=href_with_lang("/targets", lang),
                           id="overview-targets-link", className="fw-semibold")]),
        html.Div([html.Span(t("overview.more", lang), className="overview-areas-label")] + [
            dcc.Link(t(f"overview.link.{name}", lang), href=href_with_lang(f"/{name}", lang),
                     className="overview-area-link") for name in LINKS
        ], className="small mt-1 overview-areas"),
    ], className="app-card targets-strip")


def layout(lang: str | None = None, **query: Any) -> html.Div:
    lang = normalize_lang(lang)
    state, invalid = decode(query)
    options = [(key, t(f"overview.group.{key}", lang)) for key in GROUPS]
    label = t("overview.group_label", lang)
    return kit.page_layout(
        PAGE, lang, state=state, invalid=invalid, intro=[_links(lang)], control_label=label,
        control=cc.radio_buttons(CONTROL_ID, options, state["group"], label),
        content=content(get_dataset(), state, lang), content_id=CONTENT_ID)


@kit.update_callback(PAGE, CONTROL_ID, CONTENT_ID)
def update(group: str | None, search: str | None) -> tuple[list[Any], dict[str, Any]]:
    state, _ = decode({"group": group})
    return kit.rebuild(content, get_dataset(), state, search)


@kit.quote_callback(PAGE)
def show_quote(click: Any, search: str | None) -> html.Div:
    return kit.quote(get_dataset(), click, search)

