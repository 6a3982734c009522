"""Find the figures and texts in what a page's layout or callback returns."""

from __future__ import annotations

from typing import Any

from dashboard.components.chart_card import graph_id
from tests.components.helpers import by_class, by_id, texts, walk

__all__ = ["by_class", "by_id", "click", "figure", "texts", "walk"]


def figure(component: Any, page: str, chart: str) -> Any:
    """The figure of one chart card (None if the card says "not stated")."""
    graphs = by_id(component, graph_id(page, chart))
    return graphs[0].figure if graphs else None


def click(fact_id: str) -> dict:
    """clickData as plotly sends it for a bar carrying ``fact_id``."""
    return {"points": [{"customdata": [fact_id, "", "", ""]}]}
