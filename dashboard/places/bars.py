"""The small bar charts of /compare and /record (pure: plotly and pandas, no Dash).

* ``ranking_figure``: one row of the comparison, places top to bottom by rank, the selected
  report's place marked in its label and its colour; a place without the figure is listed
  at the foot with "not stated", never drawn as a zero.
* ``record_figure``: one headline indicator of one place, each year's target beside the
  actual that year got.

Every bar carries its fact id and sentence (``provenance.customdata``), so hovering shows the
sentence and a click opens it under the chart, as on the other pages; the title and the
source line are inside the figure, laid out as ``common.finish`` does, so that every value
reads on a 390 px phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import source_text
from dashboard.figures import common, provenance
from dashboard.figures.bars import VALUE_AXIS
from dashboard.figures.common import (
    AXIS_PX,
    FONT_PX,
    LABEL_EM,
    LABEL_LINE_PX,
    PHONE_PLOT_PX,
    greedy,
    label_margin,
    legend_rows,
    text_layout,
    wrap,
)
from dashboard.figures.gauges import target_text, target_title, value_text
from dashboard.format import axis_unit_title, fact_value, number
from dashboard.i18n import normalize_lang, t
from dashboard.labels import KIND_COLORS
from dashboard.places.compare import Cell, Row
from dashboard.places.record import RecordRow
from dashboard.theme import OKABE_ITO

HOME_COLOR = OKABE_ITO["vermillion"]
_BAR_PX = 34


@dataclass
class Bars:
    """One trace: a bar per category (None: not stated, written as text at zero)."""

    name: str
    color: str | list[str]
    values: list[float | None]
    texts: list[str]
    custom: list[list[str]]
    missing: str = ""
    kind: str = "actual"
    meta: dict[str, object] = field(default_factory=dict)


def measure_name(row: Row, lang: str) -> str:
    name = row.name_en if normalize_lang(lang) == "en" else row.name_zh
    return name if row.measure == "level" else t(f"places.measure.{row.measure}", lang,
                                                  name=name)


def cell_text(cell: Cell, lang: str) -> str:
    """The cell's figure as stated (per person: rounded to the yuan)."""
    if cell.value is None or cell.fact is None:
        return ""
    if cell.population is not None:
        return f"{number(cell.value, 0)}元"
    fact = cell.fact
    return fact_value(float(fact["value"]), str(fact["unit"]), str(fact["value_kind"]),
                      str(fact["comparator"]), lang)


def cell_quote(cell: Cell, lang: str) -> str:
    """The sentence behind a cell (per person: both sentences)."""
    if cell.fact is None:
        return ""
    if cell.population is None:
        return str(cell.fact["quote"])
    return t("places.per_capita_quote", lang, amount=cell.fact["quote"],
             people=cell.population["quote"])


def _draw(categories: list[str], traces: Sequence[Bars], unit: str, title: str,
          cited: pd.DataFrame, reports: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars, categories top to bottom, laid out for a phone.

    The layout is ``common.finish``'s (title, legend, plot, value axis and source line in
    pixels), written as one layout given to one ``go.Figure`` call: building it step by step
    costs plotly's validation at every step, about 20 ms a chart, and /compare draws a
    dozen charts per year.
    """
    lang = normalize_lang(lang)
    # A category may name its own line breaks ("\n": a rank above a long place name).
    labels = ["<br>".join(line for part in c.split("\n") for line in wrap(part, LABEL_EM[lang]))
              for c in categories]
    margin_l = label_margin(labels)
    grouped = len(traces) > 1
    per_row = _BAR_PX * (1.6 if grouped else 1.0)
    plot_px = int(sum(max(per_row, LABEL_LINE_PX * (lab.count("<br>") + 1) + 8)
                      for lab in labels))
    values = [v for tr in traces for v in tr.values if v is not None]
    texts = [txt for tr in traces for v, txt in zip(tr.values, tr.texts, strict=True)
             if v is not None]
    value_range, positions = text_layout(values or [0.0], texts or [""],
                                         PHONE_PLOT_PX - margin_l)
    where = iter(positions)
    data = []
    for trace in traces:
        shown = [i for i, v in enumerate(trace.values) if v is not None]
        colors = trace.color if isinstance(trace.color, str) else [trace.color[i] for i in shown]
        data.append({
            "type": "bar", "orientation": "h", "name": trace.name,
            "y": [labels[i] for i in shown], "x": [trace.values[i] for i in shown],
            "marker": {"color": colors}, "cliponaxis": False,
            "text": [trace.texts[i] for i in shown],
            "textposition": [next(where) for _ in shown],
            "insidetextanchor": "end", "textfont": {"size": FONT_PX},
            "customdata": [trace.custom[i] for i in shown],
            "offsetgroup": trace.kind if grouped else None,
            "hovertemplate": provenance.hovertemplate("%{y} · " + trace.name, lang),
            "meta": {"kind": trace.kind, **trace.meta}})
        absent = [labels[i] for i, v in enumerate(trace.values) if v is None]
        if absent and trace.missing:
            # "Not stated" written at the axis, as figures/bars.py does: a text, no bar, no
            # hover, and marked missing so the text alternative never reads it as a zero.
            data.append({
                "type": "bar", "orientation": "h", "name": trace.missing, "y": absent,
                "x": [0] * len(absent), "text": [trace.missing] * len(absent),
                "textposition": "outside", "cliponaxis": False, "hoverinfo": "skip",
                "textfont": {"size": FONT_PX}, "showlegend": False,
                "marker": {"color": KIND_COLORS["actual"]},
                "offsetgroup": trace.kind if grouped else None,
                "meta": {"kind": trace.kind, "missing": True, **trace.meta}})
    legend = [tr.name for tr in traces] if grouped else []
    title_lines = wrap(title, common._TITLE_EM)
    source = source_text(reports, cited, lang)
    source_lines = greedy(source, common._SOURCE_EM)
    if len(source_lines) > 1 and " · " in source:
        head, tail = source.split(" · ", 1)
        # The reports, then the sections on lines of their own: the break separates them
        # (a " ·" kept at the end of the reports could wrap onto a line by itself).
        source_lines = greedy(head, common._SOURCE_EM) + greedy(tail, common._SOURCE_EM)
    legend_px = common._LEGEND_ROW_PX * legend_rows(legend, PHONE_PLOT_PX - margin_l)
    title_px = common._TITLE_TOP_PX + common._TITLE_LINE_PX * len(title_lines) + 6
    top = title_px + legend_px
    bottom = AXIS_PX + 15 * len(source_lines) + 8
    height = top + bottom + plot_px
    layout = {
        "title": {"text": "<br>".join(title_lines), "yref": "container", "yanchor": "bottom",
                  "y": 1 - (common._TITLE_TOP_PX + common._TITLE_LINE_PX - 3) / height,
                  "x": 0, "xref": "container", "pad": {"l": 4}},
        "annotations": [{
            "text": "<br>".join(source_lines), "showarrow": False, "xref": "paper",
            "yref": "paper", "x": 0, "y": 0, "xanchor": "left", "yanchor": "top",
            "yshift": -AXIS_PX, "xshift": 4 - margin_l, "align": "left", "font": {"size": 11},
            "name": "source"}],
        "legend": {"y": 1 - title_px / height, "yanchor": "top", "yref": "container", "x": 0,
                   "xref": "container"},
        "showlegend": grouped, "height": height,
        "margin": {"t": top, "b": bottom, "l": margin_l, "autoexpand": False},
        "xaxis": {"title": {"text": axis_unit_title(unit, lang)}, "range": value_range,
                  **VALUE_AXIS},
        "yaxis": {"categoryorder": "array", "categoryarray": labels, "autorange": "reversed"},
        "barmode": "group" if grouped else "relative", "bargap": 0.25}
    return go.Figure({"data": data, "layout": layout})


def _custom(fact: dict | None, quote: str, stated: str) -> list[str]:
    if fact is None:
        return ["", "", "", ""]
    return [str(fact["fact_id"]), provenance.wrap_quote(quote), stated, str(fact["section"])]


def ranking_figure(row: Row, year: int, home: str | None, names: dict[str, str],
                   reports: pd.DataFrame, lang: str) -> go.Figure:
    """One comparison row as ranked bars (module doc); ``names``: place -> label."""
    lang = normalize_lang(lang)
    ordered = sorted(row.cells, key=lambda c: (c.rank is None, c.rank or 0))
    categories, colors = [], []
    for cell in ordered:
        label = names.get(cell.place, cell.place)
        if cell.place == home:
            label = t("places.home", lang, place=label)
        if cell.rank is not None:
            rank = t("places.rank_label", lang, rank=cell.rank)
            # One line if it fits, else the rank above the name (never a name cut in two).
            fits = len(rank) + 1 + len(label) <= LABEL_EM[lang] * (1 if lang == "zh" else 1.6)
            label = f"{rank}{' ' if fits else chr(10)}{label}"
        categories.append(label)
        colors.append(HOME_COLOR if cell.place == home else KIND_COLORS["actual"])
    texts = [cell_text(c, lang) for c in ordered]
    custom = [_custom(c.fact, cell_quote(c, lang), txt) for c, txt in zip(ordered, texts,
                                                                          strict=True)]
    values = [c.value if c.rank is not None else None for c in ordered]
    bars = Bars(measure_name(row, lang), colors, values, texts, custom,
                t("places.not_stated", lang), meta={"row": row.key})
    cited = pd.DataFrame([c.fact for c in ordered if c.fact is not None]
                         + [c.population for c in ordered if c.population is not None])
    title = t("places.ranking_title", lang, year=year, measure=measure_name(row, lang))
    return _draw(categories, [bars], row.unit, title, cited, reports, lang)


def record_figure(rows: Sequence[RecordRow], reports: pd.DataFrame,
                  lang: str) -> go.Figure | None:
    """Targets and actuals of one indicator by year (None when nothing can be drawn): each
    year's target (its low bound for a range) and the actual it got; a year before the first
    target shows the actual the next target was set against (its baseline)."""
    lang = normalize_lang(lang)
    numeric = [r for r in rows if r.target.value is not None and r.target.facts]
    if not numeric:
        return None
    by_year: dict[int, dict[str, object]] = {}
    for rec in sorted(numeric, key=lambda r: r.year):
        target = rec.target
        by_year.setdefault(rec.year, {})["target"] = target
        if target.baseline is not None and target.baseline.fact is not None:
            by_year.setdefault(target.baseline.period, {}).setdefault("baseline", target)
    years = sorted(by_year)
    targets = Bars(t("places.series.target", lang), KIND_COLORS["target"], [], [], [],
                   "", "target")
    actuals = Bars(t("places.series.actual", lang), KIND_COLORS["actual"], [], [], [],
                   t("places.no_actual", lang), "actual")
    cited: list[dict] = []
    for year in years:
        entry = by_year[year]
        row = entry.get("target")
        if row is not None:
            fact = dict(row.facts[0])  # type: ignore[union-attr]
            text = target_text(row, lang)  # type: ignore[arg-type]
            targets.values.append(row.value)  # type: ignore[union-attr]
            targets.texts.append(text)
            targets.custom.append(_custom(fact, str(fact["quote"]), text))
            cited.append(fact)
            mark = row.actual  # type: ignore[union-attr]
        else:
            targets.values.append(None)
            targets.texts.append("")
            targets.custom.append(_custom(None, "", ""))
            row = entry["baseline"]
            mark = row.baseline  # type: ignore[union-attr]
        text = value_text(mark.value, row, lang) if mark else ""  # type: ignore[arg-type]
        fact = mark.fact if mark is not None else None
        quote = str(fact["quote"]) if fact else str((mark.entry or {}).get("source", "")) \
            if mark else ""
        actuals.values.append(mark.value if mark is not None else None)
        actuals.texts.append(text)
        actuals.custom.append(_custom(fact, quote, text) if fact else ["", quote, text, ""])
        if fact:
            cited.append(dict(fact))
    first = numeric[0].target
    categories = [t("places.year", lang, year=y) for y in years]
    title = t("places.record_title", lang, measure=target_title(first, lang))
    return _draw(categories, [targets, actuals], first.unit, title, pd.DataFrame(cited),
                 reports, lang)
