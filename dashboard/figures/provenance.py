"""Provenance carried by every plotted point: the fact id and the sentence it comes from.

Each trace built from facts gets `customdata` rows of (fact_id, quote, value as stated,
section) and a hover template that shows the quote, so hovering any bar or point shows the
sentence behind it and a click hands the fact id to the page's callback. A range target
(``Dataset.ranged_facts``) is stated as its range (+6%—7%) under its low bound's id.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.format import fact_value, upper_of
from dashboard.i18n import normalize_lang, t

CUSTOMDATA_COLUMNS = ("fact_id", "quote", "stated", "section")
_WRAP = 28  # characters per hover line: CJK quotes are long and have no spaces


def wrap_quote(quote: str, width: int = _WRAP) -> str:
    return "<br>".join(textwrap.wrap(quote, width)) or quote


def customdata(facts: pd.DataFrame, lang: str) -> list[list[str]]:
    """One row per fact, in CUSTOMDATA_COLUMNS order."""
    lang = normalize_lang(lang)
    return [[row.fact_id, wrap_quote(str(row.quote)),
             fact_value(row.value, row.unit, row.value_kind, row.comparator, lang,
                        upper_of(row)),
             str(row.section)] for row in facts.itertuples()]


def hovertemplate(label: str, lang: str) -> str:
    """Hover text: label, value as stated, then the quote."""
    source = t("figures.source", lang)
    return (f"<b>{label}</b><br>%{{customdata[2]}}<br><br>"
            f"<i>{source}：</i>%{{customdata[1]}}<extra></extra>")


def fact_id_from_click(click_data: dict | None) -> str | None:
    """The fact id of a clicked point, or None for anything unexpected."""
    try:
        value = click_data["points"][0]["customdata"][0]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return None
    return value if isinstance(value, str) and len(value) < 200 else None


def cite(fig: go.Figure, title: str, source: str) -> go.Figure:
    """Put the title and the source line inside the figure itself, so that a PNG/SVG saved
    from the modebar, a screenshot or a full-screen view keeps its citation."""
    fig.update_layout(
        title={"text": title},
        margin={"b": 72},
        annotations=[*fig.layout.annotations, {
            "text": source, "showarrow": False, "xref": "paper", "yref": "paper",
            "x": 0, "y": 0, "xanchor": "left", "yanchor": "top", "yshift": -44,
            "align": "left", "font": {"size": 11}, "name": "source",
        }],
    )
    return fig
