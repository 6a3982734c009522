"""/targets: progress towards every target of the report year.

One gauge per target (dashboard/progress/targets.py): the headline targets as angular gauges,
the task targets as bullet gauges grouped by sector; filters by sector and status; a click on
a gauge (or its button) opens the sentences behind the target, its baseline and its actual.

State in the URL: `?report=<id>&year=2024&sector=economy,fiscal&status=behind&target=<id>`.
`year` may name any year for which a work report of the selected report's place sets targets
(that report is then shown). Invalid values are ignored with a visible notice; the callbacks
write the state back through url_sync.url_state_store("targets"). Target rows and figures
depend only on the snapshot, report, year and language, so they live in the snapshot's memo.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard import url_state
from dashboard.brief import routes as brief
from dashboard.components import page_kit as kit
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.components.report_select import href
from dashboard.components.status_badge import status_badge, status_option
from dashboard.components.target_card import GAUGE_TYPE, SOURCE_TYPE, quote_body, target_card
from dashboard.components.targets_text import rejection_text
from dashboard.components.url_sync import url_state_store
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.figures.gauges import gauge_figure
from dashboard.i18n import normalize_lang, t
from dashboard.labels import sector_label
from dashboard.progress import download
from dashboard.progress.scope import scope, years_by_report
from dashboard.progress.status import STATUSES
from dashboard.progress.targets import TargetRow, TargetTable, target_table

dash.register_page(__name__, path="/targets", name="targets", order=50)

PAGE = "targets"
SECTOR_ID = "targets-sector"
STATUS_ID = "targets-status"
MODAL_ID = "targets-quote-modal"
MODAL_BODY_ID = "targets-quote-body"
SELECTED_ID = "targets-selected"
YEAR_ID = "targets-year"
EMPTY_ID = "targets-empty"
COUNT_ID = "targets-count"
GROUPS_ID = "targets-groups"
REPORT_ID = "targets-report"


def figures(dataset: Dataset, table: TargetTable, lang: str) -> dict[str, dict]:
    """Figure dicts per target id, built once per snapshot, report, year and language."""
    return dataset.cached(("gauges", table.year, lang), lambda: {
        r.target_id: gauge_figure(r, dataset.reports, lang).to_plotly_json()
        for r in table.rows})


def _strings(values: Any) -> list[str]:
    """Callback inputs are untrusted: keep the strings of a list, drop everything else."""
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def visible(row: TargetRow, sectors: list[str], statuses: list[str]) -> bool:
    return (not sectors or row.sector in sectors) and (not statuses or row.status in statuses)


def filter_targets(sectors: Any, statuses: Any, year: Any, report: Any, search: Any
                   ) -> tuple[list[html.Section], str, str]:
    """The cards matching the filters, grouped; the empty message; how many are shown."""
    lang = lang_from_search(search if isinstance(search, str) else None)
    dataset, year, _ = scope(current_dataset(), report, year)
    table = target_table(dataset, year)
    chosen = (tuple(sorted(set(_strings(sectors)))), tuple(sorted(set(_strings(statuses)))))
    return dataset.cached(("target-cards", year, lang, chosen), lambda: _results(
        dataset, table, list(chosen[0]), list(chosen[1]), lang))


def _results(dataset: Dataset, table: TargetTable, sectors: list[str], statuses: list[str],
             lang: str) -> tuple[list[html.Section], str, str]:
    shown = [r for r in table.rows if visible(r, sectors, statuses)]
    count = t("targets.count", lang).format(shown=len(shown), total=len(table.rows))
    return _groups(dataset, table, shown, lang), "d-none" if shown else "", count


def sync_state(sectors: list[str] | None, statuses: list[str] | None, selected: str | None,
               year: int | None) -> dict[str, Any]:
    """The page state for the address bar (url_sync); only known values are written."""
    known = set(current_dataset().sector_order)
    target = selected if isinstance(selected, str) and len(selected) <= 100 else ""
    return {"sector": [s for s in _strings(sectors) if s in known],
            "status": [s for s in _strings(statuses) if s in STATUSES],
            "target": target, "year": year if isinstance(year, int) else ""}


def _decode(dataset: Dataset, query: dict[str, Any]) -> tuple[Dataset, dict[str, Any], list[str]]:
    dataset, year, invalid = scope(dataset, query.get("report"), query.get("year"))
    table = target_table(dataset, year)
    years = sorted({y for ys in years_by_report(dataset).values() for y in ys})
    year_text = str(year) if str(query.get("year") or "") == str(year) else ""
    sectors, ok = url_state.many(query.get("sector"), dataset.sector_order)
    invalid += [] if ok else ["sector"]
    statuses, ok = url_state.many(query.get("status"), STATUSES)
    invalid += [] if ok else ["status"]
    selected, ok = url_state.choice(query.get("target"), [r.target_id for r in table.rows])
    invalid += [] if ok else ["target"]
    return dataset, {"table": table, "sectors": sectors, "statuses": statuses,
                     "selected": selected, "year": int(year_text) if year_text else None,
                     "years": years}, invalid


def _notices(dataset: Dataset, table: TargetTable, invalid: list[str], lang: str) -> list[Any]:
    out: list[Any] = []
    if invalid:
        out.append(dbc.Alert(t("targets.notice.invalid", lang).format(names=", ".join(invalid)),
                             color="warning", class_name="small py-2", id="targets-url-notice"))
    rejected = dataset.actual_rejections
    if rejected:
        out.append(dbc.Alert([
            html.Strong(t("targets.notice.rejected", lang).format(n=len(rejected))),
            html.Ul([html.Li(rejection_text(r, lang)) for r in rejected[:50]],
                    className="mb-0 mt-1")],
            color="warning", class_name="small py-2", id="targets-rejections"))
    if not table.rows and not table.unclassified:
        out.append(dbc.Alert(t("targets.notice.no_targets", lang), color="info",
                             class_name="small py-2", id="targets-no-targets"))
    elif not any(r.actual for r in table.rows):
        out.append(html.P(t("targets.notice.no_actuals", lang),
                          className="small text-muted mb-2", id="targets-no-actuals"))
    if table.unclassified:
        out.append(html.P(t("targets.notice.unclassified", lang).format(n=table.unclassified),
                          className="small text-muted mb-2"))
    return out


def _filters(table: TargetTable, sectors: list[str], statuses: list[str], lang: str) -> Any:
    present = list(dict.fromkeys(r.sector for r in table.rows))
    sector_box = html.Div([
        html.Label(t("targets.filter.sector", lang), htmlFor=SECTOR_ID, className="control-label"),
        dcc.Dropdown(id=SECTOR_ID, multi=True, value=[s for s in sectors if s in present],
                     placeholder=t("targets.filter.all_sectors", lang), searchable=False,
                     options=[{"label": sector_label(s, lang), "value": s} for s in present])],
        className="target-filter")
    status_box = html.Div([
        html.Div(t("targets.filter.status", lang), className="control-label", id="targets-st-l"),
        # dbc.Checklist: a plain <input type=checkbox> + <label for> per status (Dash 4's
        # dcc.Checklist nests the checkbox in a role=option label, which axe rejects).
        html.Div(dbc.Checklist(
            id=STATUS_ID, value=statuses, inline=True,
            options=[{"label": status_option(s, lang), "value": s} for s in STATUSES],
            class_name="target-status-filter", label_class_name="target-status-choice"),
            role="group", **{"aria-labelledby": "targets-st-l"})],
        className="target-filter")
    return html.Div([sector_box, status_box], className="app-card target-filters")


def _summary(table: TargetTable, lang: str) -> html.Div:
    counts = {s: sum(r.status == s for r in table.rows) for s in STATUSES}
    return html.Div([html.Span(t("targets.summary", lang).format(n=len(table.rows)),
                               className="me-2"),
                     *[html.Span([status_badge(s, lang), html.Span(f" {counts[s]}")],
                                 className="target-summary-item") for s in STATUSES]],
                    className="target-summary", id="targets-summary")


def _groups(dataset: Dataset, table: TargetTable, shown: list[TargetRow],
            lang: str) -> list[html.Section]:
    figs = figures(dataset, table, lang)
    groups: dict[str, list[Any]] = {}
    for row in shown:
        groups.setdefault("headline" if row.headline else row.sector, []).append(
            target_card(row, figs[row.target_id], dataset.reports, lang))
    return [html.Section([
        html.H2(t("targets.headline", lang) if group == "headline" else sector_label(group, lang),
                className="target-group-title"),
        html.Div(cards, className="row g-3")], className="target-group", **{"data-group": group})
        for group, cards in groups.items()]


def _year_links(dataset: Dataset, years: list[int], year: int, lang: str) -> Any:
    if len(years) < 2:
        return None
    setting = {y: r for r, ys in years_by_report(dataset).items() for y in ys}
    return html.Nav([html.Span(t("targets.year", lang), className="me-2"), *[
        dcc.Link(str(y), href=href(f"/targets?year={y}", lang, setting.get(y)),
                 className="btn btn-sm " + ("btn-primary" if y == year else "btn-outline-primary"))
        for y in years]], className="target-years mb-2", **{"aria-label": t("targets.year", lang)})


def _brief_links(dataset: Dataset, year: int, lang: str) -> list[html.A]:
    """The one-page brief of this report and year (dashboard/brief): as a PDF made on the
    server, and as a page to print. Plain links: /brief is not a Dash page."""
    report = dataset.report_id
    return [html.A(t("brief.pdf_short", lang), href=brief.href(report, year, lang, brief.PDF_PATH),
                   title=t("brief.pdf_title", lang), id="targets-pdf",
                   className="btn btn-sm btn-outline-primary"),
            html.A(t("brief.link", lang), href=brief.href(report, year, lang), id="targets-brief",
                   className="btn btn-sm btn-outline-primary")]


def warm_states(dataset: Dataset) -> list[dict[str, Any]]:
    """A visitor's first filters (dashboard/warm.py): one status, or one sector the targets
    of the report's default year have; prerendered with the way back to no filter."""
    table = target_table(*scope(dataset, dataset.report_id)[:2])
    sectors = dict.fromkeys(r.sector for r in table.rows)
    return [{"status": [s]} for s in STATUSES] + [{"sector": [s]} for s in sectors]


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, state, invalid = _decode(dataset, query)
    table: TargetTable = state["table"]
    selected = state["selected"]
    row = next((r for r in table.rows if r.target_id == selected), None)
    groups, empty, count = _results(dataset, table, state["sectors"], state["statuses"], lang)
    return html.Div([
        html.Div([html.H1(t("targets.title", lang, year=table.year), id="targets-heading",
                          className="page-title"),
                  html.P(t("targets.lead", lang), className="page-lead")],
                 className="page-header"),
        kit.report_line(dataset, lang),
        *_notices(dataset, table, invalid, lang),
        _year_links(dataset, state["years"], table.year, lang),
        _filters(table, state["sectors"], state["statuses"], lang),
        html.Div([_summary(table, lang), html.Div([html.A(
            t("targets.download_csv", lang), href=download.href(dataset.report_id, table.year),
            download=download.file_name(str(dataset.report_id), table.year),
            id="targets-download", className="btn btn-sm btn-outline-primary"),
            *_brief_links(dataset, table.year, lang)], className="targets-downloads")],
            className="targets-summary-line"),
        html.P(t("targets.legend", lang), className="target-legend small text-muted"),
        html.P(count, id=COUNT_ID, className="small text-muted mb-2", role="status"),
        html.P(t("targets.empty", lang), id=EMPTY_ID, className=empty),
        html.Div(groups, id=GROUPS_ID),
        dbc.Modal([
            dbc.ModalHeader(dbc.ModalTitle(t("targets.quote.title", lang))),
            dbc.ModalBody(quote_body(row, dataset.reports, lang) if row else None,
                          id=MODAL_BODY_ID)],
            id=MODAL_ID, is_open=row is not None, size="lg", scrollable=True),
        dcc.Store(id=SELECTED_ID, data=selected),
        dcc.Store(id=YEAR_ID, data=state["year"]),
        dcc.Store(id=REPORT_ID, data=dataset.report_id),
        url_state_store(PAGE, sync_state(state["sectors"], state["statuses"], selected,
                                         state["year"])),
    ], className="targets-page")


def quotes_for(target_id: str, year: Any, lang: str, report: Any = None) -> list[Any] | None:
    """The quote panel content for one target (None for an unknown id)."""
    dataset, year, _ = scope(current_dataset(), report, year)
    table = target_table(dataset, year)
    row = next((r for r in table.rows if r.target_id == target_id), None)
    return None if row is None else quote_body(row, dataset.reports, lang)


def open_quotes(_gauge_clicks, _source_clicks, is_open, year, report, search):
    trigger = ctx.triggered_id
    if trigger == MODAL_ID:
        return no_update, no_update, (no_update if is_open else None)
    clicked = ctx.triggered[0].get("value") if ctx.triggered else None
    if not isinstance(trigger, dict) or not clicked:
        return no_update, no_update, no_update
    body = quotes_for(str(trigger.get("index")), year, lang_from_search(search), report)
    if body is None:
        return no_update, no_update, no_update
    return True, body, str(trigger["index"])


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    app.callback(
        Output(GROUPS_ID, "children"),
        Output(EMPTY_ID, "className"),
        Output(COUNT_ID, "children"),
        Input(SECTOR_ID, "value"),
        Input(STATUS_ID, "value"),
        State(YEAR_ID, "data"),
        State(REPORT_ID, "data"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(filter_targets)
    app.callback(
        Output({"type": "url-state", "page": PAGE}, "data"),
        Input(SECTOR_ID, "value"),
        Input(STATUS_ID, "value"),
        Input(SELECTED_ID, "data"),
        State(YEAR_ID, "data"),
        prevent_initial_call=True,
    )(sync_state)
    app.callback(
        Output(MODAL_ID, "is_open"),
        Output(MODAL_BODY_ID, "children"),
        Output(SELECTED_ID, "data"),
        Input({"type": GAUGE_TYPE, "index": ALL}, "n_clicks"),
        Input({"type": SOURCE_TYPE, "index": ALL}, "n_clicks"),
        Input(MODAL_ID, "is_open"),
        State(YEAR_ID, "data"),
        State(REPORT_ID, "data"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(open_quotes)
