"""Target gauges: plotly Indicator traces showing a target's baseline, target and actual.

* the bar is the latest actual, in the colour of the target's status;
* the dark line (the gauge's threshold) is the target; for a "~" (左右) target a light band
  marks the tolerance within which it counts as met; for a range (6%—7%) the band is the
  range and the line its end that decides the status (``status.range_bound``);
* the grey band from the axis start runs to the baseline (the latest full-year actual before
  the target year);
* the number is the latest actual, with its change from the baseline.

Angular gauges for the headline targets, bullet gauges for the long list of task targets. The
title, the figures as stated and the sources are inside the figure (provenance.cite), so a
saved image keeps them. Only text from the reports and from i18n goes into the figure: the
free-text source of a hand entry (data/actuals.csv) is shown in HTML only, as plain text.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.components.status_badge import STATUS_COLORS
from dashboard.facts import report_title
from dashboard.figures.provenance import cite
from dashboard.format import fact_value
from dashboard.i18n import has_key, normalize_lang, t
from dashboard.names.units import suffix_en
from dashboard.pipeline.quality import ABOUT_TOLERANCE
from dashboard.progress.marks import Mark
from dashboard.progress.status import range_bound
from dashboard.progress.targets import TargetRow

BASELINE_COLOR = "#dde2e8"
BAND_COLOR = "rgba(0, 114, 178, 0.18)"
TARGET_COLOR = "#1d3557"
# Characters per line that fit a phone (about 340 px): titles at 15 px, the rest at 11-12 px.
_WRAP_TITLE = {"zh": 20, "en": 40}
_WRAP = {"zh": 28, "en": 56}


def target_title(row: TargetRow, lang: str) -> str:
    """地区生产总值增速 / Gross regional product, growth: what the gauge measures."""
    lang = normalize_lang(lang)
    name = row.name_en if lang == "en" else row.name_zh
    if row.kind == "relative":
        ref = row.reference_en if lang == "en" else row.reference_zh
        return t("gauge.compare", lang).format(name=name, ref=ref)
    if row.value_kind == "growth_pct":
        return t("gauge.growth", lang).format(name=name)
    return name


def display_unit(row: TargetRow) -> tuple[str, float]:
    """The unit the target is written in, and how many of it one canonical unit is."""
    if not row.facts or row.unit in ("%", "个百分点"):
        return row.unit, 1.0
    first = row.facts[0]
    value, std = float(first["value"]), float(first["value_std"])  # type: ignore[arg-type]
    if std == 0 or row.value_kind not in ("level", "count"):
        return row.unit, 1.0
    return str(first["unit"]), value / std


def value_text(value: float, row: TargetRow, lang: str) -> str:
    """A canonical value in the unit the target is written in: +4.6%, 45.45万头只."""
    unit, factor = display_unit(row)
    kind = "growth_pct" if row.kind == "relative" else row.value_kind
    return fact_value(value * factor, unit, kind, "=", lang)


def mark_text(mark: Mark | None, row: TargetRow, lang: str) -> str:
    """A mark as a reader sees it: +4.6% (2023年), 45.45万头只 (2023)."""
    if mark is None:
        return "—"
    year = t("gauge.year", lang).format(year=mark.period)
    text = value_text(mark.value, row, lang)
    return f"{text}（{year}）" if lang == "zh" else f"{text} ({year})"


def target_text(row: TargetRow, lang: str) -> str:
    """8%左右, 100亿元以上, +6%—7%, 高于地区生产总值增速: the target as stated."""
    if row.kind == "relative":
        ref = row.reference_en if normalize_lang(lang) == "en" else row.reference_zh
        key = f"gauge.relative.{row.comparator}"
        return t(key if has_key(key) else "gauge.relative.>=", lang).format(ref=ref)
    first = row.facts[0]
    upper = float(str(row.upper_facts[0]["value"])) if row.upper_facts else None
    return fact_value(float(first["value"]), str(first["unit"]), row.value_kind,  # type: ignore[arg-type]
                      row.comparator, lang, upper)


def _origin(mark: Mark | None, reports: pd.DataFrame, lang: str) -> str:
    if mark is None:
        return t("gauge.no_actual", lang)
    if mark.entry is not None:
        status = str(mark.entry.get("status") or "")
        if status:  # a figure approved in the app (dashboard/entries)
            return t("gauge.entry_source", lang).format(
                source=mark.entry["source"], as_of=mark.as_of,
                status=t(f"gauge.status.{status}", lang))
        return t("gauge.manual_source", lang).format(line=mark.entry["line"])
    return report_title(reports, str(mark.fact["report_id"]), lang)  # type: ignore[index]


def source_text(row: TargetRow, reports: pd.DataFrame, lang: str) -> str:
    """来源：目标 <report> / 实际 <report or actuals.csv line>, one line each, wrapped."""
    lang = normalize_lang(lang)
    report_id = (row.relative or row.facts[0])["report_id"]
    colon = "：" if lang == "zh" else ": "
    lines = [f"{t('gauge.source', lang)}{t('gauge.target', lang)}{colon}"
             f"{report_title(reports, str(report_id), lang)}",
             f"{t('gauge.actual', lang)}{colon}{_origin(row.actual, reports, lang)}"]
    return "<br>".join(part for line in lines for part in textwrap.wrap(line, _WRAP[lang]))


def _values(row: TargetRow, factor: float) -> tuple[float | None, float | None, float | None]:
    """(target, baseline, actual) in display units; a comparison's target is the reference."""
    def scale(mark: Mark | None) -> float | None:
        return None if mark is None else mark.value * factor

    target = scale(row.reference) if row.kind == "relative" else (
        None if row.value is None else row.value * factor)
    return target, scale(row.baseline), scale(row.actual)


def axis_range(row: TargetRow, values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 10.0  # nothing known yet: an empty scale
    lo, hi = min([0.0, *values]), max([0.0, *values])
    span = (hi - lo) or max(abs(hi), 1.0)
    lo = lo - span * 0.12 if lo < 0 else lo
    hi = hi + span * 0.15
    if row.value_kind == "share_pct" and max(values, default=0) <= 100:
        hi = min(hi, 100.0)
    return lo, hi


def _gauge(row: TargetRow, shape: str, unit: str, target: float | None, base: float | None,
           actual: float | None, factor: float = 1.0) -> tuple[dict, float]:
    """The gauge spec (axis, bar, baseline band, tolerance or range band, target line) and
    axis start."""
    band = None
    if row.upper is not None and target is not None:
        upper = row.upper * factor
        band = (min(target, upper), max(target, upper))
        target = range_bound(target, upper, row.direction)[1]
    elif row.comparator == "~" and target is not None:
        spread = abs(target) * ABOUT_TOLERANCE
        band = (target - spread, target + spread)
    values = [v for v in (target, base, actual, *(band or ())) if v is not None]
    lo, hi = axis_range(row, values)
    steps = [{"range": [lo, base], "color": BASELINE_COLOR}] if base is not None else []
    if band is not None:
        steps.append({"range": list(band), "color": BAND_COLOR})
    gauge: dict = {
        "shape": shape,
        "axis": {"range": [lo, hi], "ticksuffix": "%" if unit == "%" else "",
                 "tickformat": ",.4~g", "nticks": 6},
        "bar": {"color": STATUS_COLORS[row.status] if actual is not None else "rgba(0,0,0,0)",
                "thickness": 0.4 if shape == "bullet" else 0.35},
        "bgcolor": "#ffffff", "borderwidth": 1, "bordercolor": "#adb5bd", "steps": steps,
    }
    if target is not None:
        gauge["threshold"] = {"line": {"color": TARGET_COLOR, "width": 4},
                              "thickness": 0.9, "value": target}
    return gauge, lo


def _title(row: TargetRow, lang: str) -> tuple[str, int]:
    """Title (what is measured) and a smaller line with the target and baseline as stated;
    and the number of lines they take."""
    stated = (f"{t('gauge.target', lang)} {target_text(row, lang)} · "
              f"{t('gauge.baseline', lang)} {mark_text(row.baseline, row, lang)}")
    if row.kind == "relative":
        ref = row.reference_en if lang == "en" else row.reference_zh
        stated = (f"{t('gauge.target', lang)} {target_text(row, lang)} · "
                  f"{t('gauge.growth', lang).format(name=ref)} "
                  f"{mark_text(row.reference, row, lang)}")
    heading = textwrap.wrap(target_title(row, lang), _WRAP_TITLE[lang])
    small = textwrap.wrap(stated, _WRAP[lang])
    text = "<br>".join(heading) + "<br><span style='font-size:12px'>" + "<br>".join(small)
    return text + "</span>", len(heading) + len(small)


def gauge_figure(row: TargetRow, reports: pd.DataFrame, lang: str,
                 shape: str | None = None) -> go.Figure:
    """One gauge for one target (see the module docstring)."""
    lang = normalize_lang(lang)
    shape = shape or ("angular" if row.headline else "bullet")
    unit, factor = display_unit(row)
    target, base, actual = _values(row, factor)
    gauge, lo = _gauge(row, shape, unit, target, base, actual, factor)
    color = STATUS_COLORS[row.status]
    mode = "gauge+number" if actual is not None else "gauge"
    fig = go.Figure(go.Indicator(
        mode=mode + ("+delta" if actual is not None and base is not None else ""),
        value=actual if actual is not None else lo,
        number={"suffix": _unit_suffix(unit, lang), "valueformat": ",.4~g",
                "font": {"color": color, "size": 30 if shape == "angular" else 18}},
        delta={"reference": base, "valueformat": ",.4~g", "suffix": _delta_unit(unit, lang),
               "increasing": {"color": "#1b7f5f"}, "decreasing": {"color": "#b34700"}}
        if base is not None else None,
        gauge=gauge,
        domain={"x": [0, 1], "y": [0, 0.92]} if shape == "angular" else {
            "x": [0, 0.7], "y": [0, 1]},
    ))
    title, title_lines = _title(row, lang)
    source = source_text(row, reports, lang)
    cite(fig, title, source)
    top = 24 + 18 * title_lines  # the title is centred in the top margin
    bottom = 50 + 14 * (source.count("<br>") + 1)
    side = 44 if shape == "angular" else 28  # room for the tick labels at the arc's ends
    fig.update_layout(
        height=top + bottom + (200 if shape == "angular" else 64),
        margin={"l": side, "r": side, "t": top, "b": bottom},
        title={"font": {"size": 15}, "x": 0, "xanchor": "left", "xref": "container",
               "pad": {"l": 12}},
    )
    if actual is None:
        fig.add_annotation(
            text=t("gauge.ambiguous" if row.ambiguous else "gauge.no_actual", lang),
            hovertext=t("gauge.ambiguous_why", lang) if row.ambiguous else None,
            showarrow=False, xref="paper", yref="paper",
            x=0.5 if shape == "angular" else 1.0, y=0.12 if shape == "angular" else 0.5,
            xanchor="center" if shape == "angular" else "right", yanchor="middle",
            font={"size": 15, "color": STATUS_COLORS["no_actual"]}, name="no-actual")
    return fig


def _delta_unit(unit: str, lang: str) -> str:
    """A change in a rate is in points, not per cent."""
    if unit == "%":
        return " pp" if lang == "en" else "个百分点"
    return _unit_suffix(unit, lang)


def _unit_suffix(unit: str, lang: str) -> str:
    """The unit after a gauge's number: as written, or its English (万头只 → (10,000 head))."""
    return suffix_en(unit) if lang == "en" and unit not in ("%", "个百分点") else unit
