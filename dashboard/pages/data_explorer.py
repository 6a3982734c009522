"""/data: every fact of the selected report in a filterable grid, a sector chart, the selected
fact in context, downloads with sources (named after the report). The URL holds report,
sectors, periods, kinds, indicators, q and fact. The report shown is kept in a store that
every callback reads, so a callback never mixes two reports."""

from __future__ import annotations

from typing import Any

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import downloads
from dashboard.components import page_kit as kit
from dashboard.components.accessible_graph import CAPTION_SUFFIX, data_summary, graph
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.components.url_sync import store_id, url_state_store
from dashboard.context import current_dataset
from dashboard.data import Dataset, report_for
from dashboard.explorer import filters as flt
from dashboard.explorer import grid
from dashboard.explorer.views import citation, context_panel
from dashboard.facts import indicator_name
from dashboard.figures.provenance import fact_id_from_click
from dashboard.figures.sectors import sector_figure
from dashboard.i18n import normalize_lang, t
from dashboard.labels import kind_label, sector_label
from dashboard.theme import graph_config

dash.register_page(__name__, path="/data", name="data", order=60,
                   packages=["dash_ag_grid"])  # loaded on this page only (index_page.py)

PAGE = "data"
DROPDOWN_LABELS = ("selected_count", "select_all", "deselect_all", "search", "clear_search",
                   "clear_selection", "no_options_found")
CHART_ID = "data-sector-chart"
CHART_SUMMARY_ID = f"{CHART_ID}-{CAPTION_SUFFIX}"  # the figcaption graph() writes
REPORT_ID = "data-report"
REPORT_STATE = State(REPORT_ID, "data")


def file_name(dataset: Dataset, extension: str) -> str:
    """<report id>-facts.csv: a download names the report it comes from."""
    return f"{dataset.report_id or 'all'}-facts.{extension}"


def _data(report: Any) -> Dataset:
    """The request's snapshot scoped to the report the page shows."""
    return kit.open_report(current_dataset(), report)[0]


def _choices(dataset: Dataset) -> flt.Choices:
    return dataset.cached(("data-choices",), lambda: flt.choices(dataset.indicators,
                                                                 dataset.sector_order))


def _dropdown(id_: str, label: str, options: list[dict[str, Any]], value: list[Any],
              lang: str) -> html.Div:
    labels = {key: t(f"data.dd.{key}", lang) for key in DROPDOWN_LABELS}
    return html.Div([
        html.Label(label, htmlFor=id_, className="form-label small mb-1"),
        dcc.Dropdown(id=id_, options=options, value=value, multi=True,
                     placeholder=t("data.all", lang), labels=labels, search_order="original"),
    ], className="workbench-filter")


def _controls(dataset: Dataset, filters: flt.Filters, choices: flt.Choices, lang: str
              ) -> dbc.Row:
    facts = dataset.indicators
    names = facts.drop_duplicates("indicator_id").set_index("indicator_id")
    indicator_opts = [{"label": indicator_name(names.loc[i], lang), "value": i}
                      for i in choices.indicators]
    return dbc.Row([
        dbc.Col(_dropdown("data-sectors", t("data.sectors", lang),
                          [{"label": sector_label(s, lang), "value": s} for s in choices.sectors],
                          list(filters.sectors), lang), xs=6, xl=3),
        dbc.Col(_dropdown("data-periods", t("data.periods", lang),
                          [{"label": str(p), "value": p} for p in choices.periods],
                          list(filters.periods), lang), xs=6, xl=2),
        dbc.Col(_dropdown("data-kinds", t("data.kinds", lang),
                          [{"label": kind_label(k, lang), "value": k} for k in choices.kinds],
                          list(filters.kinds), lang), xs=6, xl=2),
        dbc.Col(_dropdown("data-indicators", t("data.indicators", lang), indicator_opts,
                          list(filters.indicators), lang), xs=6, xl=5),
        dbc.Col(html.Div([
            html.Label(t("data.search", lang), htmlFor="data-q", className="form-label small mb-1"),
            dcc.Input(id="data-q", type="search", value=filters.q, debounce=0.4,
                      maxLength=flt.MAX_QUERY, className="form-control", autoComplete="off",
                      placeholder=t("data.search", lang)),
        ], className="workbench-filter"), xs=12),
    ], className="workbench-filters g-2 mb-2")


def _count_text(shown: int, total: int, lang: str) -> str:
    return t("data.count", lang).format(shown=shown, total=total)


def _figure(dataset: Dataset, facts: Any, lang: str) -> Any:
    reports = dataset.reports[dataset.reports.report_id == dataset.report_id]
    return sector_figure(facts, lang, t("data.chart_title", lang),
                         citation(reports, lang), t("data.no_rows", lang))


def _chart(dataset: Dataset, facts: Any, lang: str) -> html.Figure:
    fig = _figure(dataset, facts, lang)
    return graph(fig, CHART_ID, lang, data_summary(fig, lang), label=t("data.chart_title", lang),
                 config=graph_config(lang, f"{dataset.report_id}-facts-per-sector"))


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, report_for(
        dataset, query.get("report"), query.get("fact")))
    choices = _choices(dataset)
    filters, fact, invalid = flt.decode_query(query, choices)
    invalid = bad_report + invalid
    shown = flt.apply(dataset.indicators, filters)
    selected = flt.by_ids(dataset.indicators, [fact]) if fact else None
    notice = dbc.Alert(t("data.invalid_url", lang).format(params=", ".join(invalid)),
                       id="data-notice", color="warning", dismissable=True,
                       className="small py-2") if invalid else html.Div(id="data-notice")
    return html.Div([
        url_state_store(PAGE, flt.state(filters, fact)),
        html.Div([html.H1(t("data.heading", lang), id="data-heading", className="page-title"),
                  html.P(t("data.lead", lang), className="page-lead")], className="page-header"),
        kit.report_line(dataset, lang),
        notice,
        dcc.Store(id=REPORT_ID, data=dataset.report_id),
        _controls(dataset, filters, choices, lang),
        html.Div([
            html.Span(_count_text(len(shown), len(dataset.indicators), lang), id="data-count",
                      className="workbench-count", **{"aria-live": "polite"}),
            html.Div([
                html.Button(t("data.download_csv", lang), id="data-download-csv-btn",
                            type="button", className="btn btn-outline-primary btn-sm"),
                html.Button(t("data.download_xlsx", lang), id="data-download-xlsx-btn",
                            type="button", className="btn btn-outline-primary btn-sm"),
            ], className="workbench-downloads"),
        ], className="workbench-toolbar"),
        dbc.Row([
            dbc.Col([
                dag.AgGrid(
                    id="data-grid", rowData=flt.grid_rows(shown, lang),
                    columnDefs=grid.column_defs(lang), defaultColDef=grid.DEFAULT_COL_DEF,
                    dashGridOptions=grid.grid_options(lang), getRowId="params.data.fact_id",
                    selectedRows={"ids": [fact]} if fact else [],
                    scrollTo={"rowId": fact, "rowPosition": "middle"} if fact else None,
                    className="workbench-grid", style={"height": "560px", "width": "100%"},
                ),
                html.Section([html.H2(t("data.context_title", lang), className="graph-title"),
                              html.Div(context_panel(dataset, None if selected is None or
                                                     selected.empty else selected.iloc[0], lang),
                                       id="data-context")],
                             className="app-card mt-3", id="data-context-card"),
            ], lg=8),
            dbc.Col(html.Section([
                _chart(dataset, shown, lang),
                html.P(t("data.chart_hint", lang), className="small text-muted mb-0"),
            ], className="graph-card"), lg=4),
        ], className="g-3"),
        dcc.Download(id="data-download-csv"),
        dcc.Download(id="data-download-xlsx"),
    ], className="workbench")


def _filters(dataset: Dataset, sectors: Any, periods: Any, kinds: Any, indicators: Any,
             q: Any) -> flt.Filters:
    """Filters from control values, re-checked against the data (never trust the client)."""
    query = {"sectors": ",".join(map(str, sectors or [])),
             "periods": ",".join(map(str, periods or [])),
             "kinds": ",".join(map(str, kinds or [])),
             "indicators": ",".join(map(str, indicators or [])), "q": q or ""}
    return flt.decode_query(query, _choices(dataset))[0]


FILTER_INPUTS = [Input("data-sectors", "value"), Input("data-periods", "value"),
                 Input("data-kinds", "value"), Input("data-indicators", "value"),
                 Input("data-q", "value")]


def filter_rows(sectors: Any, periods: Any, kinds: Any, indicators: Any, q: Any,
                search: str | None, report: Any = None) -> list[dict[str, object]]:
    dataset = _data(report)
    filters = _filters(dataset, sectors, periods, kinds, indicators, q)
    return flt.grid_rows(flt.apply(dataset.indicators, filters), lang_from_search(search))


def follow_grid(rows: Any, search: str | None, report: Any = None) -> tuple[str, Any]:
    ids = flt.row_ids(rows)
    if ids is None:
        return no_update, no_update
    dataset = _data(report)
    facts = dataset.indicators
    lang = lang_from_search(search)

    def build() -> tuple[str, Any]:
        shown = flt.by_ids(facts, ids)
        return _count_text(len(shown), len(facts), lang), _figure(dataset, shown, lang)

    # The grid sends the rows it shows: the same rows give the same count and chart.
    return dataset.cached(("grid-figure", lang, tuple(sorted(set(ids)))), build)


def describe_chart(figure: Any, search: str | None) -> str:
    """Keep the chart's text alternative in step with the bars drawn."""
    return data_summary(figure if isinstance(figure, dict) else None, lang_from_search(search))


def click_sector(click: Any, current: Any, report: Any = None) -> Any:
    sector = fact_id_from_click(click)  # customdata[0] of a bar is its sector id
    if sector is None or sector not in _choices(_data(report)).sectors:
        return no_update
    return [] if current == [sector] else [sector]


def show_context(selected: Any, search: str | None, report: Any = None) -> Any:
    dataset = _data(report)
    fact = flt.selected_fact(selected)
    rows = flt.by_ids(dataset.indicators, [fact]) if fact else None
    row = None if rows is None or rows.empty else rows.iloc[0]
    return context_panel(dataset, row, lang_from_search(search))


def sync_url(sectors: Any, periods: Any, kinds: Any, indicators: Any, q: Any,
             selected: Any, report: Any = None) -> dict[str, object]:
    dataset = _data(report)
    fact = flt.selected_fact(selected)
    if fact not in _choices(dataset).fact_ids:
        fact = None
    return flt.state(_filters(dataset, sectors, periods, kinds, indicators, q), fact)


def _download_rows(dataset: Dataset, rows: Any, sectors: Any, periods: Any, kinds: Any,
                   indicators: Any, q: Any) -> Any:
    facts = dataset.indicators
    ids = flt.row_ids(rows)
    if ids is not None:
        return flt.by_ids(facts, ids)
    return flt.apply(facts, _filters(dataset, sectors, periods, kinds, indicators, q))


DOWNLOAD_STATES = [REPORT_STATE, State("data-grid", "virtualRowData"),
                   *[State(i.component_id, i.component_property) for i in FILTER_INPUTS]]


def download_csv(_clicks: Any, report: Any, rows: Any, *filters: Any) -> Any:
    dataset = _data(report)
    facts = _download_rows(dataset, rows, *filters)
    body = dataset.cached(("csv", tuple(facts.fact_id)), lambda: downloads.to_csv(
        downloads.export_frame(facts, dataset.reports)))
    return dcc.send_bytes(body, file_name(dataset, "csv"))


def download_xlsx(_clicks: Any, report: Any, rows: Any, *filters: Any) -> Any:
    dataset = _data(report)
    facts = _download_rows(dataset, rows, *filters)
    reports = dataset.reports[dataset.reports["report_id"] == dataset.report_id]
    body = dataset.cached(("xlsx", tuple(facts.fact_id)), lambda: downloads.to_xlsx(
        downloads.export_frame(facts, dataset.reports), reports))
    return dcc.send_bytes(body, file_name(dataset, "xlsx"))


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    app.callback(Output("data-grid", "rowData"), *FILTER_INPUTS, State(URL_ID, "search"),
                 REPORT_STATE, prevent_initial_call=True)(filter_rows)
    app.callback(Output("data-count", "children"), Output(CHART_ID, "figure"),
                 Input("data-grid", "virtualRowData"), State(URL_ID, "search"), REPORT_STATE,
                 prevent_initial_call=True)(follow_grid)
    app.callback(Output(CHART_SUMMARY_ID, "children"), Input(CHART_ID, "figure"),
                 State(URL_ID, "search"), prevent_initial_call=True)(describe_chart)
    app.callback(Output("data-sectors", "value"), Input("data-sector-chart", "clickData"),
                 State("data-sectors", "value"), REPORT_STATE,
                 prevent_initial_call=True)(click_sector)
    app.callback(Output("data-context", "children"), Input("data-grid", "selectedRows"),
                 State(URL_ID, "search"), REPORT_STATE, prevent_initial_call=True)(show_context)
    app.callback(Output(store_id(PAGE), "data"), *FILTER_INPUTS,
                 Input("data-grid", "selectedRows"), REPORT_STATE,
                 prevent_initial_call=True)(sync_url)
    app.callback(Output("data-download-csv", "data"), Input("data-download-csv-btn", "n_clicks"),
                 *DOWNLOAD_STATES, prevent_initial_call=True)(download_csv)
    app.callback(Output("data-download-xlsx", "data"), Input("data-download-xlsx-btn", "n_clicks"),
                 *DOWNLOAD_STATES, prevent_initial_call=True)(download_xlsx)
