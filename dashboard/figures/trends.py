"""Headline indicators across years, from every report of one place.

One small panel per indicator (its own unit axis): the actual of each year as a line with
markers, each year's target as an open diamond (a range target, 6%—7%, at its low bound with a
whisker up to its high bound). Every point carries its fact id and sentence
(``provenance.customdata``) and names the report it comes from in the hover, so a click shows
the quote like any other chart. A year stated by several reports (the 2024 actual in the
2025 report and in a bulletin) is drawn once, from the latest report that states it.

Pure: pandas and plotly only, no Dash.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.facts import indicator_name, report_title, same_place
from dashboard.figures import provenance
from dashboard.figures.common import finish, wrap
from dashboard.figures.fact_labels import indicator_names
from dashboard.format import axis_unit_title
from dashboard.i18n import normalize_lang, t
from dashboard.labels import KIND_COLORS

VALUE_KINDS: dict[str, str] = {"levels": "level", "growth": "growth_pct"}
PANEL_PX = 210
SUBPLOT_TITLE_PX = 44  # two lines of panel title
PANEL_TITLE_EM = 9
COLUMNS = 2


def place_reports(reports: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """Every report of the same place as ``report_id`` (itself included)."""
    return reports[reports.report_id.isin(same_place(reports, report_id))]


def trend_facts(facts: pd.DataFrame, reports: pd.DataFrame, indicators: Sequence[str],
                measure: str) -> pd.DataFrame:
    """Actuals and targets of ``indicators`` in ``measure`` (levels or growth), one per
    indicator, year, kind and unit: the latest report's first statement. A report that
    states two different values of one of them (two objects read as one indicator) gives
    none for that year."""
    value_kind = VALUE_KINDS[measure]
    single_year = (facts.period_start == facts.period) if "period_start" in facts else True
    rows = facts[single_year & facts.indicator_id.isin(list(indicators))
                 & (facts.value_kind == value_kind)
                 & facts.kind.isin(["actual", "target"])
                 & facts.report_id.isin(set(reports.report_id))]
    if rows.empty:
        return rows
    # One report stating two different values for one indicator and year (two objects read
    # as one indicator) is ambiguous: neither is drawn for that year.
    keys = ["report_id", "indicator_id", "period", "kind", "unit_std"]
    distinct = rows.groupby(keys)["value_std"].transform("nunique")
    rows = rows[distinct == 1]
    if rows.empty:
        return rows
    day = reports.set_index("report_id")
    issued = day.delivered.fillna(day.published).fillna("").astype(str)
    rows = rows.assign(_issued=rows.report_id.map(issued))
    rows = rows.sort_values(["_issued", "start"], ascending=[False, True], kind="stable")
    rows = rows.drop_duplicates(["indicator_id", "period", "kind", "unit_std"], keep="first")
    return rows.drop(columns="_issued").sort_values(["period", "start"], kind="stable")


def _range_whiskers(part: pd.DataFrame, kind: str) -> dict | None:
    """Error bars from a range target's low bound (the point) up to its high bound."""
    if "upper_std" not in part or part.upper_std.isna().all():
        return None
    spans = (part.upper_std - part.value_std).fillna(0.0)
    # 下降2%—3% runs downwards (−2 to −3): plotly wants both lengths positive.
    return {"type": "data", "symmetric": False, "array": spans.clip(lower=0).tolist(),
            "arrayminus": (-spans).clip(lower=0).tolist(), "color": KIND_COLORS[kind],
            "thickness": 2, "width": 6}


def years_span(facts: pd.DataFrame) -> tuple[int, int]:
    return int(facts.period.min()), int(facts.period.max())


def _hover(lang: str, label: str) -> str:
    source = t("figures.source", lang)
    return (f"<b>{label}</b> · %{{x}}<br>%{{customdata[2]}}<br>%{{customdata[4]}}<br><br>"
            f"<i>{source}：</i>%{{customdata[1]}}<extra></extra>")


def trend_figure(facts: pd.DataFrame, reports: pd.DataFrame, lexicon: dict,
                 indicators: Sequence[str], measure: str, lang: str) -> go.Figure | None:
    """Small multiples of ``indicators`` over the years (None when nothing spans two years)."""
    lang = normalize_lang(lang)
    rows = trend_facts(facts, reports, indicators, measure)
    if rows.empty or rows.period.nunique() < 2:
        return None
    panels = [(ind, unit) for ind in indicators for unit in
              dict.fromkeys(rows[rows.indicator_id == ind].unit_std)]
    names = indicator_names(rows, lexicon, [p[0] for p in panels], lang)
    count = len(panels)
    cols = min(COLUMNS, count)
    lines = math.ceil(count / cols)
    # The unit goes in the panel's title (an axis title beside wide tick labels would
    # overlap), wrapped to fit half a phone's width: two panels side by side never collide.
    titles_ = ["<br>".join(wrap(f"{names[i]} {axis_unit_title(unit, lang)}", PANEL_TITLE_EM))
               for i, unit in panels]
    fig = make_subplots(rows=lines, cols=cols, subplot_titles=titles_,
                        vertical_spacing=min(0.6 / lines, 0.16), horizontal_spacing=0.1)
    first, last = years_span(rows)
    titles = {r: report_title(reports, r, lang) for r in set(rows.report_id)}
    in_legend: set[str] = set()
    for n, (ind, unit) in enumerate(panels):
        row, col = n // cols + 1, n % cols + 1
        for kind in ("actual", "target"):
            part = rows[(rows.indicator_id == ind) & (rows.unit_std == unit) & (rows.kind == kind)]
            if part.empty:
                continue
            data = [[*cd, titles[r]] for cd, r in zip(provenance.customdata(part, lang),
                                                      part.report_id, strict=True)]
            label = t(f"figures.trends.{kind}", lang)
            fig.add_trace(go.Scatter(
                x=part.period.astype(int), y=part.value_std, customdata=data,
                mode="lines+markers" if kind == "actual" else "markers", name=label,
                legendgroup=kind, showlegend=kind not in in_legend,
                marker={"color": KIND_COLORS[kind], "size": 9 if kind == "actual" else 11,
                        "symbol": "circle" if kind == "actual" else "diamond-open",
                        "line": {"width": 2, "color": KIND_COLORS[kind]}},
                line={"color": KIND_COLORS[kind]}, error_y=_range_whiskers(part, kind),
                hovertemplate=_hover(lang, indicator_name(part.iloc[0], lang))), row=row, col=col)
            in_legend.add(kind)
        fig.update_yaxes(rangemode="tozero", tickformat=",.2~f", exponentformat="none",
                         row=row, col=col)
        fig.update_xaxes(tickmode="array", tickvals=list(range(first, last + 1)),
                         range=[first - 0.4, last + 0.4], row=row, col=col)
    place = str(reports.iloc[0].get("place_en" if lang == "en" else "place") or "")
    title = t(f"figures.trends.title.{measure}", lang, place=place, first=first, last=last)
    fig.update_layout(meta={"title": title})  # the card's plain title (the figure's wraps)
    legend = [t(f"figures.trends.{kind}", lang) for kind in ("actual", "target")
              if kind in in_legend]
    return finish(fig, reports[reports.report_id.isin(set(rows.report_id))], rows, lang, title,
                  plot_px=PANEL_PX * lines, legend=legend, headroom_px=SUBPLOT_TITLE_PX,
                  margin_l=64)
