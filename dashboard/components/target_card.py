"""A target's card on /targets (gauge, status, figures, warnings) and its quote panel.

Every text here is a Dash string child, so Dash escapes it: the free-text source of a hand
entry in data/actuals.csv is shown as text (or as a link when it is an http(s) address),
never as HTML.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.components.accessible_graph import graph
from dashboard.components.source_note import quote_panel
from dashboard.components.status_badge import status_badge, status_label
from dashboard.facts import report_title
from dashboard.figures.gauges import mark_text, target_text, target_title, value_text
from dashboard.i18n import normalize_lang, t
from dashboard.progress.marks import Mark
from dashboard.progress.targets import TargetRow
from dashboard.theme import graph_config

GAUGE_TYPE = "targets-gauge"
GAUGE_GRAPH_TYPE = "targets-gauge-graph"
SOURCE_TYPE = "targets-source"


def _as_of(mark: Mark, lang: str) -> str:
    if mark.final:
        return t("targets.card.full_year", lang)
    return t("targets.card.as_of", lang).format(date=mark.as_of)


def _origin_name(mark: Mark, reports: pd.DataFrame, lang: str) -> str:
    if mark.entry is not None:
        # Approved in the app (with a status), else a row kept by hand in the file.
        return str(mark.entry.get("source")) if mark.entry.get("status") else "data/actuals.csv"
    return report_title(reports, str(mark.fact["report_id"]), lang)  # type: ignore[index]


def actual_line(row: TargetRow, reports: pd.DataFrame, lang: str) -> html.P:
    """最新实际值：+7.2%（2024年）· 全年 · <source>."""
    if row.actual is None:
        return html.P([html.Span(t("targets.card.actual", lang)),
                       html.Span(t("targets.card.none", lang), className="not-stated")],
                      className="target-actual small mb-1")
    parts: list[Any] = [
        t("targets.card.actual", lang), html.Strong(mark_text(row.actual, row, lang)),
        f" · {_as_of(row.actual, lang)} · {_origin_name(row.actual, reports, lang)}"]
    return html.P(parts, className="target-actual small mb-1")


def warning_box(row: TargetRow, lang: str) -> list[dbc.Alert]:
    """The data-quality findings about the target (both quotes are in the message)."""
    key = "message_en" if normalize_lang(lang) == "en" else "message_zh"
    return [dbc.Alert([html.Span("⚠ ", **{"aria-hidden": "true"}),
                       html.Strong(t("targets.card.warning", lang)),
                       _named_message(str(w[key]), row, lang)],
                      color="warning", class_name="target-warning small mb-2 py-2")
            for w in row.warnings]


def _named_message(message: str, row: TargetRow, lang: str) -> str:
    """A finding's English opens with the indicator's name as the build wrote it: for a
    name read from the text that is its Chinese, shown as the page names it (suggested or
    marked untranslated, dashboard/names/display.py) like every other English name."""
    if normalize_lang(lang) == "en" and message.startswith(f"{row.name_zh}, "):
        return row.name_en + message[len(row.name_zh):]
    return message


def gauge_summary(row: TargetRow, lang: str) -> str:
    """The gauge's text alternative: target, baseline, status and latest actual, in words."""
    colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
    none = t("targets.quote.none", lang)
    parts = [f"{t('targets.quote.target', lang)}{colon}{target_text(row, lang)}",
             f"{t('targets.quote.baseline', lang)}{colon}"
             + (mark_text(row.baseline, row, lang) if row.baseline is not None else none),
             status_label(row.status, lang),
             f"{t('targets.quote.actual', lang)}{colon}"
             + (mark_text(row.actual, row, lang) if row.actual is not None else none)]
    return f"{target_title(row, lang)}{'。' if lang == 'zh' else '. '}{sep.join(parts)}"


def target_card(row: TargetRow, figure: dict, reports: pd.DataFrame, lang: str) -> html.Div:
    """The card: gauge (click it for the sentences), status, actual, warnings, notes."""
    lang = normalize_lang(lang)
    notes: list[Any] = []
    if len(row.statements) > 1:
        notes.append(html.Span(t("targets.card.repeats", lang).format(n=len(row.statements)),
                               className="target-note"))
    if row.conflicts:
        values = "、".join(mark_text(m, row, lang) for m in row.conflicts)
        notes.append(html.Span(t("targets.card.conflicts", lang).format(values=values),
                               className="target-note"))
    if row.assessment.expected is not None and row.actual is not None and not row.actual.final:
        expected = value_text(row.assessment.expected, row, lang)
        notes.append(html.Span(t("targets.card.expected", lang).format(value=expected),
                               className="target-note"))
    quote = row.relative["quote"] if row.relative else row.facts[0]["quote"]
    height = figure.get("layout", {}).get("height", 240)
    title = target_title(row, lang)
    body = html.Div([
        html.Div(
            graph(figure, {"type": GAUGE_GRAPH_TYPE, "index": row.target_id}, lang,
                  gauge_summary(row, lang),
                  label=title, config=graph_config(lang, f"target-{row.target_id}"),
                  style={"height": f"{height}px"}, className="target-graph"),
            id={"type": GAUGE_TYPE, "index": row.target_id}, n_clicks=0,
            className="target-gauge", title=t("targets.card.gauge_label", lang).format(
                title=title)),
        html.Div([status_badge(row.status, lang),
                  html.Span(target_text(row, lang), className="target-stated")],
                 className="target-status-line"),
        html.Blockquote(f"“{quote}”", className="source-quote target-quote mb-1", lang="zh-CN"),
        actual_line(row, reports, lang),
        *warning_box(row, lang),
        html.Div(notes, className="target-notes small") if notes else None,
        html.Button(t("targets.card.sources", lang), id={"type": SOURCE_TYPE,
                                                         "index": row.target_id},
                    n_clicks=0, type="button", className="btn btn-outline-primary btn-sm"),
    ], className="graph-card target-card", **{"data-status": row.status})
    cols = "col-12 col-md-6 col-xl-4" if row.headline else "col-12 col-lg-6"
    return html.Div(body, className=f"{cols} target-item", **{"data-target": row.target_id})


def _mark_panel(mark: Mark | None, reports: pd.DataFrame, row: TargetRow, lang: str) -> Any:
    if mark is None:
        return html.P(t("targets.quote.none", lang), className="text-muted small")
    if mark.fact is not None:
        return quote_panel(pd.Series(mark.fact), reports, lang)
    entry = mark.entry or {}
    source = str(entry.get("source", ""))
    parts = urlsplit(source)
    link: Any = source
    if parts.scheme in ("http", "https") and parts.netloc and " " not in source:
        link = html.A(source, href=source, target="_blank", rel="noopener noreferrer")
    return html.Div([
        html.Div(t("targets.quote.manual", lang).format(
            file="data/actuals.csv", line=entry.get("line"), value=mark_text(mark, row, lang),
            date=mark.as_of)),
        html.Div([t("targets.quote.manual_source", lang), html.Span(link)],
                 className="small text-muted"),
    ], className="quote-panel")


def _statement(row: TargetRow, fact: dict[str, object]) -> pd.Series:
    """A statement of the target as its quote panel shows it: a range's low bound carries
    the high bound, so the panel says 6%—7% (one sentence states both)."""
    stated = pd.Series(fact)
    if row.upper_facts:
        stated["upper"] = float(str(row.upper_facts[0]["value"]))
    return stated


def quote_body(row: TargetRow, reports: pd.DataFrame, lang: str) -> list[Any]:
    """Everything behind a target: its statements, baseline, actual, warnings."""
    lang = normalize_lang(lang)
    if row.relative is not None:
        rel = row.relative
        statements: list[Any] = [html.Div([
            html.Blockquote(f"“{rel['quote']}”", className="source-quote mb-1", lang="zh-CN"),
            html.Div(f"{report_title(reports, str(rel['report_id']), lang)} · {rel['section']}",
                     className="small text-muted")], className="quote-panel")]
    else:
        statements = [quote_panel(_statement(row, f), reports, lang) for f in row.statements]
    sections = [("targets.quote.target", statements),
                ("targets.quote.baseline", [_mark_panel(row.baseline, reports, row, lang)]),
                ("targets.quote.actual", [_mark_panel(row.actual, reports, row, lang)])]
    if row.kind == "relative":
        sections.append(("targets.quote.reference",
                         [_mark_panel(row.reference, reports, row, lang)]))
    if row.conflicts:
        sections.append(("targets.quote.conflicts",
                         [_mark_panel(m, reports, row, lang) for m in row.conflicts]))
    out: list[Any] = [html.H3(target_title(row, lang), className="h6 mb-2")]
    out += warning_box(row, lang)
    for key, panels in sections:
        out.append(html.Section([html.H4(t(key, lang), className="quote-section-title"), *panels],
                                className="quote-section"))
    return out
