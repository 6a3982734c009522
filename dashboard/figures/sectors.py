"""Facts per sector and kind: a stacked horizontal bar chart (pure figure builder).

Each bar carries its sector id in `customdata`, so a click can filter the explorer by sector.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.provenance import cite
from dashboard.i18n import normalize_lang
from dashboard.labels import KIND_COLORS, kind_label, sector_label
from dashboard.pipeline.schema import KINDS

BAR_HEIGHT = 26
BASE_HEIGHT = 170


def counts(facts: pd.DataFrame) -> pd.DataFrame:
    """Number of facts per (sector, kind), zeros included, sectors by total descending."""
    if facts.empty:
        return pd.DataFrame(columns=["sector", "kind", "n"])
    table = pd.crosstab(facts["sector"], facts["kind"]).reindex(columns=list(KINDS),
                                                                 fill_value=0)
    totals = table.sum(axis=1)
    order = sorted(table.index, key=lambda s: (-int(totals[s]), str(s)))
    long = table.loc[order].reset_index().melt(id_vars="sector", var_name="kind", value_name="n")
    return long.astype({"n": int})


def sector_figure(facts: pd.DataFrame, lang: str, title: str, source: str,
                  empty_text: str = "") -> go.Figure:
    """Stacked bars of facts per sector, one colour per kind; title and source inside."""
    lang = normalize_lang(lang)
    data = counts(facts)
    fig = go.Figure()
    sectors = list(dict.fromkeys(data["sector"])) if not data.empty else []
    for kind in KINDS:
        part = data[data["kind"] == kind] if not data.empty else data
        if part.empty or not part["n"].any():
            continue
        label = kind_label(kind, lang)
        fig.add_trace(go.Bar(
            y=[sector_label(s, lang) for s in part["sector"]], x=list(part["n"]),
            orientation="h", name=label, marker_color=KIND_COLORS[kind],
            customdata=[[s] for s in part["sector"]],
            hovertemplate=f"%{{y}} · {label}: %{{x}}<extra></extra>",
        ))
    fig.update_layout(
        barmode="stack",
        height=BASE_HEIGHT + BAR_HEIGHT * max(len(sectors), 1),
        yaxis={"autorange": "reversed", "ticks": ""},
        xaxis={"dtick": 5 if len(facts) > 20 else 1, "rangemode": "tozero"},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0,
                "traceorder": "normal"},
        margin={"l": 8, "r": 12, "t": 84},
        clickmode="event",
        dragmode=False,
    )
    if not sectors and empty_text:
        fig.add_annotation(text=empty_text, showarrow=False, xref="paper", yref="paper",
                           x=0.5, y=0.5)
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return cite(fig, title, source)
