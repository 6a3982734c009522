"""Bars of facts with provenance: the shared builder behind the officials' pages.

``fact_bars(facts, reports, lang, title)`` draws one horizontal bar per fact:

* one subplot per standard unit (``unit_std``: 亿元, 万亩, %, 家 ...), each with its own
  value axis titled in that unit and formatted so plotly never writes 2.59B or 25.9G;
* one trace per kind and period (2023 actual, 2024 target, 2024 plan), coloured from the
  theme palette, so the legend reads the same on every page;
* the value *as stated* on each bar (259.03亿元, +8%左右, 100亿元以上);
* ``customdata`` rows from :mod:`dashboard.figures.provenance` (fact id, quote ...), a hover
  showing the quote, and the title and source line inside the figure (``cite``).

``grouped=True`` puts the facts of one indicator on one category (e.g. 2023 growth beside the
2024 target) when some indicator has facts of two kinds or periods. Optional columns on
``facts``: ``series`` (legend name overriding the kind) and
``derived`` (True for a value computed from a stated one; drawn hatched) and ``label``
(category label overriding the automatic one); ``upper``/``upper_std`` (a range target of
``Dataset.ranged_facts``: one bar, solid to the low bound and light on to the high bound,
labelled with the range, 6%—7%). Category and legend labels come from
:mod:`dashboard.figures.fact_labels`; sizes, wrapping and the pixel layout that keeps it
readable on a phone from :mod:`dashboard.figures.common`.
Pure: pandas and plotly only, no Dash.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures import provenance
from dashboard.figures.common import (
    FONT_PX,
    LABEL_EM,
    LABEL_LINE_PX,
    PHONE_PLOT_PX,
    WARNING_COLOR,
    finish,
    label_margin,
    text_layout,
    wrap,
)
from dashboard.figures.fact_labels import categories, kind_period_label
from dashboard.format import axis_unit_title
from dashboard.i18n import normalize_lang, t
from dashboard.labels import KIND_COLORS
from dashboard.theme import PALETTE

KIND_ORDER = ("actual", "target", "plan")
# Value axes: plain digits with thousands separators, never SI prefixes or exponents.
VALUE_AXIS: dict[str, Any] = {"tickformat": ",.2~f", "exponentformat": "none",
                              "showexponent": "none", "rangemode": "tozero"}

_BAR_PX = {False: 36, True: 60}      # plot height per category (single / grouped)
_GAP_PX = 84                         # between unit subplots: tick labels + axis title


def dedupe_restated(facts: pd.DataFrame) -> pd.DataFrame:
    """Drop facts that restate an earlier one (same indicator, period, kind and value);
    the first-stated one is kept and the caller's row order is preserved."""
    keys = ["indicator_id", "period", "kind", "value_kind", "comparator", "value_std",
            "unit_std"]
    kept = facts.sort_values("start", kind="stable").drop_duplicates(keys, keep="first")
    return facts[facts.index.isin(kept.index)]


def _wrap_label(text: str, lang: str) -> str:
    return "<br>".join(wrap(text, LABEL_EM[normalize_lang(lang)]))


def _trace_key(row: pd.Series) -> tuple[str, int, str]:
    series = row.get("series")
    return (str(row["kind"]), int(row["period"]), str(series) if isinstance(series, str) else "")


def _bar_texts(facts: pd.DataFrame, lang: str, warn_ids: set[str]) -> list[str]:
    rows = provenance.customdata(facts, lang)
    return [("⚠ " if fid in warn_ids else "") + stated for fid, _q, stated, _s in rows]


def fact_bars(facts: pd.DataFrame, reports: pd.DataFrame, lang: str, title: str, *,
              grouped: bool = False, mark_missing: bool = False,
              warn_ids: set[str] | frozenset[str] = frozenset(),
              notes: Sequence[str] = ()) -> go.Figure:
    """Horizontal bars of ``facts`` (report order, top to bottom), one subplot per unit.

    ``warn_ids``: fact ids whose bars get a warning mark (e.g. contradictory targets);
    ``notes``: lines shown under the title (e.g. a data-quality finding).
    Raises ValueError on an empty frame: pages show "not stated" instead of a figure.
    """
    lang = normalize_lang(lang)
    if facts.empty:
        raise ValueError("no facts to plot")
    facts = facts.copy()
    if "derived" not in facts:
        facts["derived"] = False
    facts = dedupe_restated(facts)
    units = list(dict.fromkeys(facts.unit_std))
    groups = [facts[facts.unit_std == u] for u in units]
    single = facts.indicator_id.nunique() == 1
    grouped = grouped and _needs_groups(groups, lang)
    cats = [[_wrap_label(c, lang) for c in categories(g, lang, grouped, single)]
            for g in groups]
    # each category is tall enough for its bars and for every line of its label
    rows_px = [sum(max(_BAR_PX[grouped], LABEL_LINE_PX * (c.count("<br>") + 1) + 8)
                   for c in dict.fromkeys(cat)) for cat in cats]
    margin_l = label_margin([c for cat in cats for c in cat])
    plot_px = sum(rows_px) + _GAP_PX * (len(units) - 1)
    fig = make_subplots(rows=len(units), cols=1, row_heights=[r / sum(rows_px) for r in rows_px],
                        vertical_spacing=_GAP_PX / plot_px if len(units) > 1 else 0.0)
    shown: set[tuple[str, int, str]] = set()
    legend_names: list[str] = []
    for row_no, (unit, group, cat) in enumerate(zip(units, groups, cats, strict=True), start=1):
        group = group.assign(_cat=cat)
        value_range, positions = text_layout(_reach(group).tolist(),
                                              _bar_texts(group, lang, set(warn_ids)),
                                              PHONE_PLOT_PX - margin_l)
        position = dict(zip(group.index, positions, strict=True))
        keys = sorted(dict.fromkeys(_trace_key(r) for _, r in group.iterrows()),
                      key=lambda k: (KIND_ORDER.index(k[0]) if k[0] in KIND_ORDER else 9,
                                     k[1], k[2]))
        for key in keys:
            part = group[[_trace_key(r) == key for _, r in group.iterrows()]]
            kind, period, series = key
            name = series or kind_period_label(kind, period, lang)
            color = KIND_COLORS.get(kind, PALETTE[3])
            texts = _bar_texts(part, lang, set(warn_ids))
            ranged = _reach(part) != part.value_std
            # A range's value goes after its upper end (on the range segment) unless it
            # sits inside the bar.
            main_texts = ["" if r and position[i] == "outside" else text
                          for i, r, text in zip(part.index, ranged, texts, strict=True)]
            fig.add_trace(go.Bar(
                x=part.value_std.tolist(), y=part._cat.tolist(), orientation="h", name=name,
                legendgroup=name, showlegend=key not in shown,
                offsetgroup=f"{kind}-{period}" if grouped else None,
                marker={"color": color,
                        "pattern": {"shape": ["/" if d else "" for d in part.derived]},
                        "line": {"color": [WARNING_COLOR if f in warn_ids else color
                                           for f in part.fact_id], "width": 2}},
                text=main_texts,
                textposition=[position[i] for i in part.index], insidetextanchor="end",
                textfont={"size": FONT_PX},
                cliponaxis=False,
                customdata=provenance.customdata(part, lang),
                hovertemplate=provenance.hovertemplate("%{y} · " + name, lang),
                meta={"unit": unit, "kind": kind, "period": period},
            ), row=row_no, col=1)
            if ranged.any():
                _add_range_segments(fig, part[ranged], texts, ranged, position, name, color,
                                    f"{kind}-{period}" if grouped else None, row_no, lang)
            if key not in shown:
                legend_names.append(name)
            shown.add(key)
        if grouped and mark_missing:
            _mark_missing_actual(fig, group, row_no, lang)
        fig.update_xaxes(title_text=axis_unit_title(unit, lang), range=value_range,
                         row=row_no, col=1, **VALUE_AXIS)
        fig.update_yaxes(categoryorder="array", categoryarray=list(dict.fromkeys(cat)),
                         autorange="reversed", row=row_no, col=1)
    fig.update_layout(barmode="group" if grouped else "relative", bargap=0.25)
    return finish(fig, reports, facts, lang, title, plot_px=plot_px, margin_l=margin_l,
                  legend=legend_names, notes=notes)


def _reach(facts: pd.DataFrame) -> pd.Series:
    """How far each bar reaches: a range target's upper end (``upper_std``), else its value."""
    if "upper_std" not in facts:
        return facts.value_std
    return facts.upper_std.where(facts.upper_std.notna(), facts.value_std)


def _add_range_segments(fig: go.Figure, ranges: pd.DataFrame, texts: list[str],
                        ranged: pd.Series, position: dict, name: str, color: str,
                        offsetgroup: str | None, row_no: int, lang: str) -> None:
    """A range target (增长6%—7%) is one bar: solid to its low bound, then a light segment
    on to its high bound (``base`` makes plotly draw it over the bar, in any barmode)."""
    stated = [text for text, r in zip(texts, ranged, strict=True) if r]
    fig.add_trace(go.Bar(
        base=ranges.value_std.tolist(), x=(ranges.upper_std - ranges.value_std).tolist(),
        y=ranges._cat.tolist(), orientation="h", name=name, legendgroup=name,
        showlegend=False, offsetgroup=offsetgroup,
        marker={"color": color, "opacity": 0.4, "line": {"color": color, "width": 2}},
        text=[text if position[i] == "outside" else ""
              for i, text in zip(ranges.index, stated, strict=True)],
        textposition="outside", textfont={"size": FONT_PX}, cliponaxis=False,
        customdata=provenance.customdata(ranges, lang),
        hovertemplate=provenance.hovertemplate("%{y} · " + name, lang),
        meta={"range": True},
    ), row=row_no, col=1)


def _needs_groups(groups: list[pd.DataFrame], lang: str) -> bool:
    """Grouped bars only help when some category holds bars of two kinds or periods; else
    every bar would sit off-centre in a half-empty group."""
    for group in groups:
        keys: dict[str, set[tuple[str, int, str]]] = {}
        for cat, (_, row) in zip(categories(group, lang, True), group.iterrows(), strict=True):
            keys.setdefault(cat, set()).add(_trace_key(row))
        if any(len(k) > 1 for k in keys.values()):
            return True
    return False


def _mark_missing_actual(fig: go.Figure, group: pd.DataFrame, row_no: int, lang: str) -> None:
    """Write "not stated" where an indicator has a target but no actual value."""
    actual = group[group.kind == "actual"]
    if actual.empty:
        return
    period = int(actual.period.max())
    missing = [c for c in dict.fromkeys(group._cat) if c not in set(actual._cat)]
    if not missing:
        return
    fig.add_trace(go.Bar(
        x=[0] * len(missing), y=missing, orientation="h", showlegend=False,
        offsetgroup=f"actual-{period}", name="missing",
        text=[t("figures.missing_actual", lang).format(period=period)] * len(missing),
        textposition="outside", cliponaxis=False, hoverinfo="skip",
        marker={"color": KIND_COLORS["actual"]}, meta={"missing": True},
    ), row=row_no, col=1)


