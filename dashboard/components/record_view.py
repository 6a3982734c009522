"""What /record shows, as components: each year's count of targets met and missed, every
target by indicator and year (target, actual, outcome, ambition), a chart per headline
indicator and the five-year goals. Built from ``places.record.Record`` only; every target and
actual links to its sentence and shows it on hover.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import chart_card as cc
from dashboard.components.compare_view import fact_link, sources, with_link
from dashboard.components.report_select import href
from dashboard.data import Dataset
from dashboard.figures.gauges import target_text, target_title, value_text
from dashboard.format import number
from dashboard.i18n import normalize_lang, t
from dashboard.places import files
from dashboard.places.bars import record_figure
from dashboard.places.names import place_names, report_titles
from dashboard.places.record import OUTCOMES, RATE_KINDS, Record, RecordRow, YearSummary

PAGE = "record"
PLACE_ID = "record-place"
SCOPE_ID = "record-scope"
OUTCOME_STYLE = {"met": ("achieved", "✓"), "missed": ("behind", "!"),
                 "in_year": ("on_track", "→"), "no_actual": ("no_actual", "…")}



def outcome_badge(outcome: str, lang: str) -> html.Span:
    """Icon, word and colour together (the target panel's status colours)."""
    status, icon = OUTCOME_STYLE[outcome]
    return html.Span([html.Span(icon, className="status-icon", **{"aria-hidden": "true"}),
                      html.Span(t(f"record.outcome.{outcome}", lang), className="status-text")],
                     className=f"status-badge status-{status}",
                     title=t(f"record.outcome.{outcome}.help", lang))


def controls(places: Sequence[str], names: dict[str, str], place: str | None, scope: str,
             lang: str) -> html.Div:
    label = t("record.scope", lang)
    return html.Div([
        html.Div([html.Label(t("record.place", lang), htmlFor=PLACE_ID, className="control-label"),
                  dcc.Dropdown(id=PLACE_ID, value=place, clearable=False, searchable=False,
                               options=[{"label": names.get(p, p), "value": p} for p in places])],
                 className="compare-filter"),
        html.Div([html.Div(label, className="control-label", id="record-scope-label"),
                  cc.radio_buttons(SCOPE_ID, [(s, t(f"record.scope.{s}", lang))
                                              for s in ("main", "all")], scope, label)],
                 className="compare-filter")], className="app-card compare-controls")


def _share(summary: YearSummary, lang: str) -> str:
    if summary.share is None:
        return t("record.share_none", lang)
    known = summary.counts["met"] + summary.counts["missed"]
    return t("record.share_value", lang, pct=number(summary.share * 100, 0),
             met=summary.counts["met"], known=known)


def summary_table(dataset: Dataset, summaries: Sequence[YearSummary], lang: str) -> html.Div:
    titles = report_titles(dataset, lang)
    head = [html.Th(t("record.year", lang), scope="col"),
            html.Th(t("record.set_by", lang), scope="col"),
            html.Th(t("record.count", lang), scope="col"),
            *[html.Th(outcome_badge(o, lang), scope="col") for o in OUTCOMES],
            html.Th(t("record.share", lang), scope="col")]
    body = []
    for s in summaries:
        links = [dcc.Link(titles[r], href=href(
            f"/targets?year={s.year}", lang, r)) for r in s.report_ids]
        body.append(html.Tr([html.Th(t("record.year_head", lang, year=s.year), scope="row"),
                             html.Td(links), html.Td(str(s.total)),
                             *[html.Td(str(s.counts[o]), **{"data-outcome": o})
                               for o in OUTCOMES],
                             html.Td(_share(s, lang), className="record-share")],
                            **{"data-year": str(s.year)}))
    return html.Div([
        html.H3(t("record.summary", lang), className="h5"),
        html.Div(html.Table([html.Thead(html.Tr(head)), html.Tbody(body)],
                            className="table table-sm record-summary mb-1",
                            id="record-summary"),
                 className="table-responsive", tabIndex="0", role="region",
                 **{"aria-label": t("record.summary", lang)}),
        html.P(t("record.share_help", lang), className="small text-muted mb-0")],
        className="app-card")


def ambition_text(rec: RecordRow, lang: str) -> str:
    value, base = rec.ambition, rec.target.baseline
    if value is None or base is None:
        return ""
    sign = "+" if value > 1e-9 else ("−" if value < -1e-9 else "±")
    unit = "个百分点" if rec.target.value_kind in RATE_KINDS else "%"
    if normalize_lang(lang) == "en" and unit == "个百分点":
        unit = " pp"
    return t("record.ambition", lang, year=base.period, diff=f"{sign}{number(abs(value), 1)}{unit}")


def _mark_link(rec: RecordRow, lang: str) -> Any:
    mark = rec.target.actual
    if mark is None:
        return t("record.none", lang)
    text = value_text(mark.value, rec.target, lang)
    if mark.fact is None:
        return html.Span(text, title=str((mark.entry or {}).get("source", "")))
    return dcc.Link(text, href=fact_link(mark.fact, lang), title=str(mark.fact["quote"]))


def target_cell(rec: RecordRow, lang: str) -> list[Any]:
    """Target (linked to its sentence), actual (linked), outcome and ambition."""
    row = rec.target
    source = row.facts[0] if row.facts else row.relative or {}
    target: Any = target_text(row, lang)
    if source.get("fact_id"):
        target = dcc.Link(target, href=fact_link(source, lang), title=str(source["quote"]))
    elif source.get("quote"):
        target = html.Span(target, title=str(source["quote"]))
    ambition = ambition_text(rec, lang)
    return [html.Div([html.Span(t("record.target", lang) + " ", className="text-muted"), target]),
            html.Div([html.Span(t("record.actual", lang) + " ", className="text-muted"),
                      _mark_link(rec, lang)]),
            html.Div(outcome_badge(rec.outcome, lang)),
            html.Div(ambition, className="small text-muted", title=t("record.ambition_help",
                                                                     lang)) if ambition else None]


def indicator_table(record: Record, scope: str, lang: str) -> html.Div:
    years = record.years(scope)
    head = [html.Th(t("record.indicator", lang), scope="col"),
            *[html.Th(t("record.year_head", lang, year=y), scope="col") for y in years]]
    body = []
    for indicator, by_year in record.by_indicator(scope):
        first = next(iter(by_year.values()))[0].target
        cells = [html.Td([html.Div(target_cell(rec, lang), className="record-target")
                          for rec in by_year.get(year, [])] or t("record.none", lang))
                 for year in years]
        body.append(html.Tr([html.Th(target_title(first, lang), scope="row"), *cells],
                            **{"data-indicator": indicator}))
    return html.Div([
        html.H3(t("record.by_indicator", lang), className="h5"),
        html.Div(html.Table([html.Thead(html.Tr(head)), html.Tbody(body)],
                            className="table table-sm record-table mb-0", id="record-table"),
                 className="table-responsive compare-scroll", tabIndex="0", role="region",
                 **{"aria-label": t("record.by_indicator", lang)})], className="app-card")


def five_year_table(record: Record, scope: str, lang: str) -> html.Div | None:
    rows = record.five_year(scope)
    if not rows:
        return None
    body = []
    for rec in rows:
        starts = [int(str(f["period_start"])) for f in rec.target.facts if "period_start" in f]
        start = min(starts + [rec.report_year])
        body.append(html.Tr([
            html.Th(target_title(rec.target, lang), scope="row"),
            html.Td(f"{start}—{rec.year}" if lang == "zh" else f"{start}–{rec.year}"),
            html.Td(html.Div(target_cell(rec, lang), className="record-target"))],
            **{"data-indicator": rec.target.indicator_id}))
    head = [html.Th(t(k, lang), scope="col") for k in ("record.indicator", "record.span",
                                                         "record.target")]
    return html.Div([
        html.H3(t("record.five_year", lang), className="h5"),
        html.P(t("record.five_year_help", lang), className="small text-muted"),
        html.Div(html.Table([html.Thead(html.Tr(head)), html.Tbody(body)],
                            className="table table-sm record-table mb-0", id="record-five-year"),
                 className="table-responsive", tabIndex="0", role="region",
                 **{"aria-label": t("record.five_year", lang)})], className="app-card")


def charts(dataset: Dataset, record: Record, lang: str) -> html.Section | None:
    cards = []
    for indicator, by_year in record.by_indicator("main"):
        rows = [rec for recs in by_year.values() for rec in recs]
        fig = dataset.everything.cached(
            ("record-fig", record.place, indicator, lang),
            lambda rows=rows: record_figure(rows, dataset.everything.reports, lang))
        if fig is not None:
            cards.append(dbc.Col(cc.chart_card(PAGE, indicator, target_title(rows[0].target,
                                                                              lang),
                                               fig, lang, file_stem=f"record-{indicator}"),
                                 lg=6))
    if not cards:
        return None
    return html.Section([html.H3(t("record.charts", lang), className="h5"),
                         dbc.Row(cards, class_name="g-3")], id="record-charts")


def content(dataset: Dataset, record: Record | None, scope: str, lang: str) -> list[Any]:
    lang = normalize_lang(lang)
    if record is None:
        return [dbc.Alert(with_link("record.no_places", lang), color="info",
                          id="record-alone", class_name="small py-2")]
    titles, place = report_titles(dataset, lang), place_names(dataset, lang)[record.place]
    out: list[Any] = [
        html.H2(t("record.title", lang, place=place), className="h4"),
        html.P([t("record.reports", lang), ("、" if lang == "zh" else "; ").join(
            titles[r] for r in record.report_ids)],
               className="small text-muted mb-2", id="record-reports")]
    years = record.years("all")
    if len(years) < 2:
        out.append(dbc.Alert(with_link("record.one_year", lang, place=place,
                                       year=years[0] if years else "—"),
                             color="info", id="record-alone", class_name="small py-2"))
    if not any(r.target.actual for r in record.rows):
        out.append(html.P(t("record.no_results", lang), className="small text-muted",
                          id="record-no-results"))
    if not record.scoped(scope):
        return [*out, html.P(t("record.none_in_scope", lang), className="text-muted")]
    out += [html.Div(html.A(t("record.download", lang), href=files.record_href(
                record.place, scope), download=files.record_name(record, scope),
                id="record-download", className="btn btn-sm btn-outline-primary"),
                className="mb-2"),
            summary_table(dataset, record.summary(scope), lang) if record.years(scope) else None,
            charts(dataset, record, lang),
            indicator_table(record, scope, lang) if record.years(scope) else None,
            five_year_table(record, scope, lang),
            sources(dataset, record.cited(scope), lang, "record-sources")]
    return [part for part in out if part is not None]

