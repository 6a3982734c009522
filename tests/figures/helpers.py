"""Checks every figure built from facts must pass, and look-ups of fixture facts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import first, source_text


def fact_traces(fig: go.Figure) -> list:
    """Bar traces drawn from facts (not the "not stated" placeholders)."""
    return [tr for tr in fig.data if not (tr.meta or {}).get("missing")]


def annotation(fig: go.Figure, name: str):
    found = [a for a in fig.layout.annotations if a.name == name]
    assert found, f"no {name} annotation"
    return found[0]


def plain(text: str) -> str:
    return text.replace("<br>", "")


def fact(facts: pd.DataFrame, indicator: str, kind: str, value_kind: str,
         period: int | None = None) -> pd.Series:
    """The first-stated fact of one indicator, kind and value kind (it must exist)."""
    found = first(facts, indicator, kind, value_kind, period)
    assert found is not None, f"no {kind} {value_kind} of {indicator} in the fixture"
    return found


def years(dataset) -> dict[str, int]:
    """The scoped report's year and the year it reviews, from reports.csv."""
    report = dataset.report(dataset.report_id)
    return {"year": int(report["report_year"]), "review_year": int(report["review_period"])}


def restated(facts: pd.DataFrame, row: pd.Series, offset: int = 500) -> pd.DataFrame:
    """``facts`` plus ``row`` stated again later in its report: the same figure under a new
    fact id (``<fact id>-again``) and a new index label, as a report repeating a target."""
    again = row.copy()
    again["fact_id"] = f"{row['fact_id']}-again"
    again["start"] = int(row["start"]) + offset
    again["end"] = int(row["end"]) + offset
    extra = pd.DataFrame([again], index=[max(facts.index) + 1]).astype(facts.dtypes.to_dict())
    return pd.concat([facts, extra])


def bars_by_kind(fig: go.Figure) -> dict[tuple[str, str], float]:
    """(kind, category) -> plotted value, over every bar drawn from facts."""
    return {(tr.meta["kind"], y): x for tr in fact_traces(fig)
            for x, y in zip(tr.x, tr.y, strict=True)}


def assert_provenance(fig: go.Figure, facts: pd.DataFrame, reports: pd.DataFrame,
                      title: str, lang: str = "zh") -> None:
    """Bars equal the data; each carries its fact id and quote; title, source, axes."""
    traces = fact_traces(fig)
    assert traces and all(isinstance(tr, go.Bar) and tr.orientation == "h" for tr in traces)
    by_id = facts.set_index("fact_id")
    for tr in traces:
        assert len(tr.customdata) == len(tr.x) == len(tr.y)
        for x, row in zip(tr.x, tr.customdata, strict=True):
            stated = by_id.loc[row[0]]
            assert plain(row[1]) == stated["quote"]
            if not stated.get("derived", False):
                assert x == stated["value_std"]
        assert "customdata[1]" in tr.hovertemplate and "customdata[2]" in tr.hovertemplate
    assert plain(fig.layout.title.text).replace(" ", "") == title.replace(" ", "")
    assert plain(annotation(fig, "source").text).replace(" ", "") == source_text(
        reports, facts, lang).replace(" ", "")
    axes = [fig.layout[k] for k in fig.layout if k.startswith("xaxis")]
    assert axes
    for axis in axes:
        assert axis.tickformat == ",.2~f" and axis.exponentformat == "none"
        assert axis.title.text
