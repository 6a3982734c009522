"""Economy figures: GDP level and growth, past-year growth against this year's target for the
headline indicators, and the fiscal and industry figures.

Which facts each figure shows is configuration (indicator ids, sectors, value kinds); every
number comes from the facts table. Pure: DataFrame in, go.Figure out; no Dash.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import select
from dashboard.figures.bars import fact_bars
from dashboard.i18n import t

FISCAL_INDUSTRY_SECTORS = ("fiscal", "industry")


def _in_order(facts: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """Rows ordered by ``order`` of indicator ids, then as stated in the report."""
    rank = {ind: i for i, ind in enumerate(order)}
    return facts.assign(_rank=facts.indicator_id.map(rank)).sort_values(
        ["_rank", "start"], kind="stable").drop(columns="_rank")


def gdp_facts(facts: pd.DataFrame, indicator: str = "gdp") -> pd.DataFrame:
    return select(facts, indicators=[indicator], kinds=["actual", "target"])


def gdp_figure(facts: pd.DataFrame, reports: pd.DataFrame, lang: str,
               indicator: str = "gdp") -> go.Figure:
    """Output: the past year's level in 亿元, and its growth beside this year's target in %."""
    return fact_bars(gdp_facts(facts, indicator), reports, lang,
                     t("figures.economy.gdp_title", lang))


def growth_facts(facts: pd.DataFrame, indicators: Sequence[str]) -> pd.DataFrame:
    """Actual growth and growth targets of ``indicators``, in that order."""
    rows = select(facts, indicators=indicators, kinds=["actual", "target"],
                  value_kinds=["growth_pct"])
    return _in_order(rows, indicators)


def growth_vs_target_figure(facts: pd.DataFrame, reports: pd.DataFrame, lang: str,
                            indicators: Sequence[str], **years: object) -> go.Figure:
    """Grouped bars: each indicator's past-year growth beside this year's target (as stated,
    e.g. +8%左右); an indicator with a target but no stated growth says so. ``years``
    (``year``, ``review_year``) name the years in the title."""
    return fact_bars(growth_facts(facts, indicators), reports, lang,
                     t("figures.economy.growth_title", lang, **years), grouped=True,
                     mark_missing=True)


def fiscal_industry_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Levels and counts stated for the fiscal and industry sectors (growth is charted above)."""
    return select(facts, sectors=FISCAL_INDUSTRY_SECTORS, kinds=["actual"],
                  value_kinds=["level", "count"])


def fiscal_industry_figure(facts: pd.DataFrame, reports: pd.DataFrame, lang: str) -> go.Figure:
    return fact_bars(fiscal_industry_facts(facts), reports, lang,
                     t("figures.economy.fiscal_title", lang))
