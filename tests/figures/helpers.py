"""Checks every figure built from facts must pass."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import source_text


def fact_traces(fig: go.Figure) -> list:
    """Bar traces drawn from facts (not the "not stated" placeholders)."""
    return [tr for tr in fig.data if not (tr.meta or {}).get("missing")]


def annotation(fig: go.Figure, name: str):
    found = [a for a in fig.layout.annotations if a.name == name]
    assert found, f"no {name} annotation"
    return found[0]


def plain(text: str) -> str:
    return text.replace("<br>", "")


def assert_provenance(fig: go.Figure, facts: pd.DataFrame, reports: pd.DataFrame,
                      title: str, lang: str = "zh") -> None:
    """Bars equal the data; each carries its fact id and quote; title, source, axes."""
    traces = fact_traces(fig)
    assert traces and all(isinstance(tr, go.Bar) and tr.orientation == "h" for tr in traces)
    by_id = facts.set_index("fact_id")
    for tr in traces:
        assert len(tr.customdata) == len(tr.x) == len(tr.y)
        for x, row in zip(tr.x, tr.customdata, strict=True):
            fact = by_id.loc[row[0]]
            assert plain(row[1]) == fact["quote"]
            if not fact.get("derived", False):
                assert x == fact["value_std"]
        assert "customdata[1]" in tr.hovertemplate and "customdata[2]" in tr.hovertemplate
    assert plain(fig.layout.title.text).replace(" ", "") == title.replace(" ", "")
    assert plain(annotation(fig, "source").text).replace(" ", "") == source_text(
        reports, facts, lang).replace(" ", "")
    axes = [fig.layout[k] for k in fig.layout if k.startswith("xaxis")]
    assert axes
    for axis in axes:
        assert axis.tickformat == ",.2~f" and axis.exponentformat == "none"
        assert axis.title.text
