"""Building blocks shared by the officials' pages (overview, economy, investment, agriculture,
tourism): a chart card with its quote panel, the "not stated" message, the notice for
ignored URL parameters and the page header.

A chart card holds ``dcc.Graph(id=graph_id(page, chart))`` and, under it, the quote panel
``quote_id(page, chart)``. Each page registers one pattern-matching callback (``MATCH`` on
``chart``) that turns a click into :func:`quote_for_click`, so the sentence appears right
under the chart that was clicked. A chart without data is a card with the title and
"报告中未提及" instead of an empty axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboard.components.accessible_graph import data_summary, graph
from dashboard.components.source_note import quote_panel
from dashboard.figures.provenance import fact_id_from_click
from dashboard.i18n import normalize_lang, t
from dashboard.theme import graph_config

GRAPH_TYPE = "officials-graph"
QUOTE_TYPE = "officials-quote"


def graph_id(page: str, chart: Any) -> dict[str, Any]:
    """Id of a chart's graph; ``chart`` may be ``dash.MATCH`` in a callback."""
    return {"type": GRAPH_TYPE, "page": page, "chart": chart}


def quote_id(page: str, chart: Any) -> dict[str, Any]:
    return {"type": QUOTE_TYPE, "page": page, "chart": chart}


def not_stated(lang: str, names: Sequence[str] = ()) -> html.P:
    """The visible "not stated in the report" message, optionally naming the indicators."""
    lang = normalize_lang(lang)
    sep = "、" if lang == "zh" else ", "
    text = (t("chart.not_stated_list", lang).format(names=sep.join(names)) if names
            else t("shell.not_stated", lang))
    return html.P(html.Span(text, className="not-stated"), className="not-stated-line mb-0")


def chart_card(page: str, chart: str, title: str, fig: go.Figure | None, lang: str, *,
               missing: Sequence[str] = (), file_stem: str | None = None) -> html.Section:
    """A figure (its title and source are inside it) with its quote panel, or, when ``fig``
    is None, the title and "not stated". ``missing`` names selected indicators without data;
    ``file_stem`` (the report id) starts the name of a PNG saved from the modebar."""
    lang = normalize_lang(lang)
    card_class = f"graph-card officials-card officials-card-{chart}"
    if fig is None:
        return html.Section([html.H2(title, className="graph-title"), not_stated(lang)],
                            className=card_class, **{"data-chart": chart})
    height = fig.layout.height or 450
    children: list[Any] = [
        graph(fig, graph_id(page, chart), lang, data_summary(fig, lang) or title, label=title,
              config=graph_config(lang, filename=f"{file_stem or 'indicators'}-{page}-{chart}"),
              style={"height": f"{height}px"}, className="officials-graph"),
    ]
    if missing:
        children.append(not_stated(lang, missing))
    children.append(html.Div(quote_panel(None, pd.DataFrame(), lang), id=quote_id(page, chart),
                             className="quote-slot", **{"aria-live": "polite"}))
    return html.Section(children, className=card_class, **{"data-chart": chart})


def quote_for_click(facts: pd.DataFrame, reports: pd.DataFrame, click: Any,
                    lang: str) -> html.Div:
    """The quote panel for a clicked bar; the hint for a click on anything else."""
    fact_id = fact_id_from_click(click)
    rows = facts[facts.fact_id == fact_id] if fact_id else facts.iloc[0:0]
    return quote_panel(None if rows.empty else rows.iloc[0], reports, lang)


def invalid_notice(params: Sequence[str], lang: str) -> html.P | None:
    """Small notice naming URL parameters whose values were ignored (None if none were)."""
    if not params:
        return None
    names = ", ".join(dict.fromkeys(params))
    return html.P(t("chart.invalid_params", lang).format(names=names),
                  className="url-notice small text-muted mb-2", role="status")


def page_header(title: str, lead: str, heading_id: str) -> html.Div:
    return html.Div([html.H1(title, id=heading_id, className="page-title"),
                     html.P(lead, className="page-lead")], className="page-header")


def control_block(label: str, control: Any) -> html.Div:
    """A control in a card, under its visible label."""
    return html.Div([html.Div(label, className="control-label"), control],
                    className="app-card officials-control")


def radio_buttons(control_id: str, options: Sequence[tuple[str, str]], value: str,
                  label: str) -> html.Div:
    """A row of toggle buttons choosing one of ``options`` ((value, label) pairs)."""
    return html.Div(dbc.RadioItems(
        id=control_id, value=value, inline=True,
        options=[{"label": text, "value": key} for key, text in options],
        class_name="officials-radio", input_class_name="btn-check",
        label_class_name="btn btn-outline-primary btn-sm",
        label_checked_class_name="active",
    ), role="radiogroup", **{"aria-label": label})


def kpi_grid(cards: Sequence[Any], grid_id: str) -> dbc.Row:
    """KPI cards: two per row on a phone, three on a tablet, four on a wide screen."""
    return dbc.Row([dbc.Col(card, xs=6, md=4, xl=3) for card in cards],
                   id=grid_id, class_name="g-2 g-md-3 kpi-grid mb-3")
