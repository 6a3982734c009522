"""Agriculture figures: one view per topic of the agriculture and livestock sectors (lexicon
``topic``: crops, land, livestock…), the past year's results beside this year's targets and
plans. Which views a report gets depends on the indicators it states.

Facts of one indicator share a category. Pure: DataFrame in, go.Figure out.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import select
from dashboard.figures.bars import fact_bars
from dashboard.i18n import has_key, t

SECTORS: tuple[str, ...] = ("agriculture", "livestock")
# The order views are offered in; a topic not listed here comes after them.
TOPIC_ORDER: tuple[str, ...] = ("crops", "livestock", "land", "agriculture")
KPI_CARDS = 4


def views(facts: pd.DataFrame, topics: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Topic -> its indicators the facts state, in the order first stated; ``topics`` maps
    indicator ids to their lexicon topic."""
    rows = select(facts, sectors=SECTORS).sort_values("start", kind="stable")
    found: dict[str, list[str]] = {}
    for ind in rows.indicator_id:
        if ind == "unclassified" or ind not in topics:
            continue
        found.setdefault(topics[ind], [])
        if ind not in found[topics[ind]]:
            found[topics[ind]].append(ind)
    rank = {topic: i for i, topic in enumerate(TOPIC_ORDER)}
    return {topic: tuple(found[topic]) for topic in sorted(found, key=lambda x: rank.get(x, 99))}


def headline(facts: pd.DataFrame, topics: dict[str, str]) -> list[str]:
    """KPI cards: the first indicator of each view, then the next ones, up to KPI_CARDS."""
    found = views(facts, topics)
    ordered = [ind for column in range(max(map(len, found.values()), default=0))
               for inds in found.values() if column < len(inds) for ind in inds[column:column + 1]]
    return ordered[:KPI_CARDS]


def view_facts(facts: pd.DataFrame, indicators: tuple[str, ...]) -> pd.DataFrame:
    """Facts of the view's indicators, in the view's order, then as stated in the report."""
    rows = select(facts, indicators=indicators)
    rank = rows.indicator_id.map({ind: i for i, ind in enumerate(indicators)})
    return rows.assign(_rank=rank).sort_values(["_rank", "start"], kind="stable").drop(
        columns="_rank")


def title(view: str, lang: str, **years: object) -> str:
    key = f"figures.agriculture.{view}"
    return t(key, lang, **years) if has_key(key) else t("figures.agriculture.agriculture", lang)


def view_figure(facts: pd.DataFrame, reports: pd.DataFrame, lang: str, view: str,
                indicators: tuple[str, ...], **years: object) -> go.Figure:
    return fact_bars(view_facts(facts, indicators), reports, lang, title(view, lang, **years),
                     grouped=True, mark_missing=view == "livestock")
