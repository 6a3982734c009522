"""Find the figures and texts in what a page's layout or callback returns; look facts up in
the fixture data; make a snapshot lacking some facts."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import pandas as pd
from dash import html

from dashboard.components.chart_card import GRAPH_TYPE, graph_id
from dashboard.data import Dataset, Memo
from tests.components.helpers import by_class, by_id, texts, walk

__all__ = ["accessible_names", "by_class", "by_id", "charts", "click", "fact", "fact_ids",
           "figure", "kpis", "report_ids", "report_line", "texts", "title", "walk", "without"]


def figure(component: Any, page: str, chart: str) -> Any:
    """The figure of one chart card (None if the card says "not stated")."""
    graphs = by_id(component, graph_id(page, chart))
    return graphs[0].figure if graphs else None


def title(fig: Any, lang: str = "zh") -> str:
    """A figure's title without the line breaks it was wrapped with."""
    return str(fig.layout.title.text).replace("<br>", " " if lang == "en" else "")


def charts(component: Any) -> list[str]:
    """The charts drawn (cards saying "not stated" left out), in page order."""
    return [n.id["chart"] for n in walk(component)
            if isinstance(getattr(n, "id", None), dict) and n.id.get("type") == GRAPH_TYPE]


def accessible_names(component: Any) -> list[str]:
    """The accessible names (aria-label) of the charts' <figure> elements."""
    return [getattr(n, "aria-label") for n in walk(component) if isinstance(n, html.Figure)]


def kpis(component: Any) -> list[str]:
    """Indicator ids of the KPI cards, in page order."""
    return [getattr(card, "data-indicator") for card in by_class(component, "kpi-card")]


def fact_ids(fig: Any) -> set[str]:
    """Fact ids carried by the points of a figure (customdata[0]), "not stated" marks aside."""
    return {row[0] for trace in fig.data if trace.customdata is not None
            for row in trace.customdata}


def report_ids(dataset: Dataset, ids: Iterable[str]) -> set[str]:
    """The reports the facts ``ids`` come from."""
    facts = dataset.all_facts.set_index("fact_id")
    return set(facts.loc[list(ids), "report_id"])


def report_line(component: Any) -> str:
    """The "当前报告：…" line under the page heading."""
    (line,) = by_id(component, "page-report")
    return str(line.children)


def click(fact_id: str) -> dict:
    """clickData as plotly sends it for a bar carrying ``fact_id``."""
    return {"points": [{"customdata": [fact_id, "", "", ""]}]}


def fact(dataset: Dataset, report_id: str, indicator: str, kind: str = "actual",
         value_kind: str = "level") -> pd.Series:
    """The first-stated fact of one report, indicator, kind and value kind."""
    facts = dataset.all_facts
    rows = facts[(facts.report_id == report_id) & (facts.indicator_id == indicator)
                 & (facts.kind == kind) & (facts.value_kind == value_kind)]
    assert not rows.empty, (report_id, indicator, kind, value_kind)
    return rows.sort_values("start").iloc[0]


def without(dataset: Dataset, *indicators: str, kinds: Iterable[str] | None = None) -> Dataset:
    """A new snapshot (own memo) lacking the facts of ``indicators`` (only those of ``kinds``
    when given), and the target groups naming them."""
    base = dataset.everything
    facts = base.indicators
    dropped = facts.indicator_id.isin(indicators)
    if kinds is not None:
        dropped &= facts.kind.isin(list(kinds))
    kept = facts[~dropped]
    groups = base.target_groups[base.target_groups.fact_id.isin(set(kept.fact_id))]
    return dataclasses.replace(base, indicators=kept, target_groups=groups, memo=Memo())
