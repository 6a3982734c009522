"""Agriculture figures: crops (grain area and output, cotton base, orchard, mechanisation),
livestock (2023 出栏 against the 2024 出栏 and 饲养量 targets) and land (high-standard
farmland, reclaimed and added farmland).

Each view is a list of indicator ids (configuration); facts of one indicator share a
category, 2023 results beside 2024 targets and plans. Pure: DataFrame in, go.Figure out.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import select
from dashboard.figures.bars import fact_bars
from dashboard.i18n import add_strings, t

VIEWS: dict[str, tuple[str, ...]] = {
    "crops": ("grain_area", "grain_output", "cotton_base", "orchard_area", "mechanization_rate"),
    "livestock": ("livestock_slaughter", "livestock_stock"),
    "land": ("high_standard_farmland", "farmland_reclaimed", "farmland_added"),
}
HEADLINE: tuple[str, ...] = ("grain_area", "grain_output", "high_standard_farmland",
                             "livestock_slaughter")

add_strings({
    "figures.agriculture.crops": {"zh": "粮食、棉花与林果", "en": "Grain, cotton and orchards"},
    "figures.agriculture.livestock": {"zh": "牲畜：{review_year}年出栏与{year}年目标",
                                      "en": "Livestock: {review_year} and the {year} targets"},
    "figures.agriculture.land": {"zh": "耕地与高标准农田",
                                 "en": "Farmland and high-standard farmland"},
})


def view_facts(facts: pd.DataFrame, view: str) -> pd.DataFrame:
    """Facts of the view's indicators, in the view's order, then as stated in the report."""
    order = VIEWS[view]
    rows = select(facts, indicators=order)
    rank = rows.indicator_id.map({ind: i for i, ind in enumerate(order)})
    return rows.assign(_rank=rank).sort_values(["_rank", "start"], kind="stable").drop(
        columns="_rank")


def view_figure(facts: pd.DataFrame, reports: pd.DataFrame, lang: str, view: str) -> go.Figure:
    return fact_bars(view_facts(facts, view), reports, lang, t(f"figures.agriculture.{view}", lang),
                     grouped=True, mark_missing=view == "livestock")
