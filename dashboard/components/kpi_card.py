"""KPI card: one indicator's headline figure, its growth and the next year's target.

``kpi_card(facts, lang)`` takes every fact of one indicator and shows, as officials read them:
the latest actual value (259.03亿元), its growth (+4.6%), and the targets or plans for the
following year beside it (2024年目标 +8%左右, 100亿元以上). Each value carries its quote as a
tooltip and links to its sentence in the report reader. Without an actual value the card says
"报告中未提及" and still shows the targets; without any fact it shows only the name and that.
Pure: DataFrame in, component out; no callbacks.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.components.indicator_name import fact_name
from dashboard.components.source_note import report_link
from dashboard.figures.bars import dedupe_restated
from dashboard.figures.fact_labels import kind_period_label
from dashboard.format import as_stated
from dashboard.i18n import normalize_lang, t

MAIN_VALUE_KINDS = ("level", "count", "share_pct", "growth_pct", "change_pp")


def _latest(rows: pd.DataFrame) -> pd.Series | None:
    if rows.empty:
        return None
    rows = rows[rows.period == rows.period.max()]
    return rows.sort_values("start", kind="stable").iloc[0]


def pick(facts: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None, pd.DataFrame]:
    """(main actual fact, its growth, the later targets and plans) of one indicator.

    The main fact is the latest actual level, else count, share, growth; the growth is shown
    separately only when the main fact is not itself a growth rate.
    """
    actual = facts[facts.kind == "actual"]
    if "period_start" in actual:  # a five-year total or average is not the year's figure
        actual = actual[actual.period_start == actual.period]
    main = None
    for value_kind in MAIN_VALUE_KINDS:
        main = _latest(actual[actual.value_kind == value_kind])
        if main is not None:
            break
    growth = None
    if main is not None and main["value_kind"] != "growth_pct":
        growth = _latest(actual[(actual.value_kind == "growth_pct")
                                & (actual.period == main["period"])])
    later = facts[facts.kind.isin(["target", "plan"])]
    if main is not None:
        later = later[later.period > main["period"]]
    later = dedupe_restated(later).sort_values(["period", "start"], kind="stable")
    return main, growth, later


def _value_link(fact: pd.Series, text: str, lang: str, class_name: str) -> dcc.Link:
    return dcc.Link(text, href=report_link(str(fact["fact_id"]), lang), title=str(fact["quote"]),
                    className=class_name)


def kpi_card(facts: pd.DataFrame, lang: str, name: str | None = None,
             indicator_id: str | None = None) -> html.Div:
    """The card for one indicator; ``name``/``indicator_id`` are used when ``facts`` is empty."""
    lang = normalize_lang(lang)
    label: str | html.Span | None = name
    if not facts.empty:
        # An untranslated name is tagged lang="zh" and marked (components/indicator_name.py).
        label = fact_name(facts.iloc[0], lang)
        indicator_id = str(facts.iloc[0]["indicator_id"])
    main, growth, later = pick(facts)
    body: list = [html.Div(label or indicator_id or "", className="kpi-label")]
    if main is not None:
        body += [
            html.Div(t("kpi.growth_period", lang).format(period=int(main["period"]))
                     if main["value_kind"] == "growth_pct"
                     else kind_period_label("actual", int(main["period"]), lang),
                     className="kpi-period"),
            _value_link(main, as_stated(main, lang), lang, "kpi-value"),
        ]
    else:
        body.append(html.Div([html.Span(t("kpi.actual", lang), className="kpi-period me-1"),
                              html.Span(t("shell.not_stated", lang), className="not-stated")],
                             className="kpi-value-missing"))
    if growth is not None:
        body.append(html.Div([html.Span(t("kpi.growth", lang), className="kpi-growth-label"),
                              _value_link(growth, as_stated(growth, lang), lang, "kpi-growth")],
                             className="kpi-growth-line"))
    if not later.empty:
        body.append(html.Ul([
            html.Li([html.Span(kind_period_label(
                row["kind"], int(row["period"]), lang, row.get("period_start")),
                               className="kpi-target-label"),
                     _value_link(row, as_stated(row, lang), lang, "kpi-target")])
            for _, row in later.iterrows()
        ], className="kpi-targets"))
    cited = main if main is not None else (None if later.empty else later.iloc[0])
    if cited is not None:
        body.append(dcc.Link(t("kpi.source", lang), href=report_link(str(cited["fact_id"]), lang),
                             title=t("kpi.source_title", lang), className="kpi-source small"))
    return html.Div(html.Div(body, className="card-body kpi"), className="card kpi-card h-100",
                    **{"data-indicator": indicator_id or ""})
