"""Tourism figures: visitor and revenue growth, culture and tourism events, and the plans for
the coming year in the tourism and consumption sectors (star hotels, retail sales).

A measure is a selection by sector, kind and value kind (configuration); the numbers come
from the facts table. Pure: DataFrame in, go.Figure out; no Dash.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import select
from dashboard.figures.bars import fact_bars
from dashboard.i18n import t

SECTORS: tuple[str, ...] = ("tourism", "consumption")
MEASURES: tuple[str, ...] = ("growth", "events", "plans")


def measure_facts(facts: pd.DataFrame, measure: str) -> pd.DataFrame:
    """growth: stated growth rates in tourism; events: counts in tourism; plans: targets and
    plans of the latest period in tourism and consumption."""
    if measure == "growth":
        rows = select(facts, sectors=["tourism"], kinds=["actual"], value_kinds=["growth_pct"])
    elif measure == "events":
        rows = select(facts, sectors=["tourism"], kinds=["actual"], value_kinds=["count"])
    elif measure == "plans":
        rows = select(facts, sectors=SECTORS, kinds=["target", "plan"])
        rows = rows[rows.period == rows.period.max()] if not rows.empty else rows
    else:
        raise ValueError(f"unknown measure {measure!r}")
    return rows.sort_values("start", kind="stable")


def measure_figure(facts: pd.DataFrame, reports: pd.DataFrame, lang: str,
                   measure: str) -> go.Figure:
    return fact_bars(measure_facts(facts, measure), reports, lang,
                     t(f"figures.tourism.{measure}", lang))
