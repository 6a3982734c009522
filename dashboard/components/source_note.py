"""Citations shown with every chart and card: a visible source line, and a quote panel
for the fact a reader clicks, linking to its sentence in the report reader."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.components.indicator_name import fact_name
from dashboard.components.language import href_with_lang
from dashboard.facts import report_title
from dashboard.format import as_stated
from dashboard.i18n import normalize_lang, t


def report_link(fact_id: str, lang: str) -> str:
    """Deep link to a fact in the report reader."""
    return href_with_lang(f"/report?fact={fact_id}", lang)


def source_line(text: str, class_name: str = "") -> html.P:
    """The visible citation under a chart, kept in screenshots."""
    return html.P(text, className=f"source-line small text-muted mb-0 {class_name}".strip())


def quote_panel(fact: pd.Series | None, reports: pd.DataFrame, lang: str) -> html.Div:
    """The sentence behind one fact, with its value, section and a link to the report."""
    lang = normalize_lang(lang)
    if fact is None:
        return html.Div(t("source.click_hint", lang), className="quote-panel text-muted small")
    stated = as_stated(fact, lang)
    return html.Div([
        html.Div([html.Strong(fact_name(fact, lang)), html.Span(f" · {fact['period']} · "),
                  html.Span(stated)], className="quote-head"),
        html.Blockquote(f"“{fact['quote']}”", className="source-quote mb-1", lang="zh-CN"),
        html.Div(f"{report_title(reports, fact['report_id'], lang)} · {fact['section']}",
                 className="small text-muted"),
        dcc.Link(t("source.read_in_report", lang), href=report_link(str(fact["fact_id"]), lang),
                 className="small"),
    ], className="quote-panel")
