"""/report: the text of the selected report, by section, every extracted figure marked by kind.

?fact=<id> opens the report stating that figure, scrolls it into view and highlights it;
?q= searches the text; ?report= chooses the report. All live in the URL. The marked text is
built as components (never HTML) once per snapshot, report and language.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from dashboard import url_state
from dashboard.components import page_kit as kit
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.components.url_sync import store_id, url_state_store
from dashboard.context import current_dataset
from dashboard.data import Dataset, report_for
from dashboard.explorer.marking import MAX_QUERY
from dashboard.explorer.views import legend, report_article, report_toc
from dashboard.i18n import normalize_lang, t

dash.register_page(__name__, path="/report", name="report", order=70)

PAGE = "report"
TARGET_ID = "report-target"
SCROLLED_ID = "report-scrolled"


def _articles(dataset: Dataset, lang: str, q: str) -> tuple[list[html.Article], int]:
    def build() -> tuple[list[html.Article], int]:
        if dataset.report_id is None:
            return [], 0
        article, hits = report_article(dataset, dataset.report_id, lang, q)
        return [article], hits

    if q:
        return build()
    # Without a search the marked text depends only on the report and language.
    return dataset.cached(("report-text", lang), build)


def _toc(dataset: Dataset) -> html.Nav:
    def build() -> html.Nav:
        items = report_toc(dataset, dataset.report_id) if dataset.report_id else []
        return html.Nav(html.Ul(items, className="list-unstyled mb-0"))

    return dataset.cached(("report-toc",), build)


def _scope(dataset: Dataset, report: Any, fact: Any) -> tuple[Dataset, list[str]]:
    """The report to show: the one named, else the one stating ``fact``, else the default."""
    return kit.open_report(dataset, report_for(dataset, report, fact))


def _count(dataset: Dataset, q: str, hits: int, lang: str) -> str:
    if q:
        return t("report.matches", lang).format(n=hits)
    return t("report.marked", lang).format(n=len(dataset.indicators))


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = _scope(dataset, query.get("report"), query.get("fact"))
    fact, fact_ok = url_state.choice(query.get("fact"), set(dataset.indicators["fact_id"]))
    q, q_ok = url_state.free_text(query.get("q"), MAX_QUERY)
    invalid = bad_report + [name for name, ok in (("fact", fact_ok), ("q", q_ok)) if not ok]
    articles, hits = _articles(dataset, lang, q)
    notice = dbc.Alert(t("report.invalid_url", lang).format(params=", ".join(invalid)),
                       id="report-notice", color="warning", dismissable=True,
                       className="small py-2") if invalid else html.Div(id="report-notice")
    return html.Div([
        url_state_store(PAGE, {"fact": fact or "", "q": q}),
        dcc.Store(id=TARGET_ID, data={"fact": fact, "q": q, "report": dataset.report_id,
                                      "scroll": "fact" if fact else ("hit" if q else None)}),
        dcc.Store(id=SCROLLED_ID),
        html.Div([html.H1(t("report.heading", lang), id="report-heading", className="page-title"),
                  html.P(t("report.lead", lang), className="page-lead")], className="page-header"),
        kit.report_line(dataset, lang),
        notice,
        dbc.Row([
            dbc.Col(html.Aside([
                html.Div([
                    html.Label(t("report.search", lang), htmlFor="report-q",
                               className="visually-hidden"),
                    dcc.Input(id="report-q", type="search", value=q, debounce=0.4,
                              maxLength=MAX_QUERY, placeholder=t("report.search", lang),
                              className="form-control", autoComplete="off"),
                    html.Span(_count(dataset, q, hits, lang), id="report-count",
                              className="workbench-count", **{"aria-live": "polite"}),
                ], className="report-search"),
                legend(lang),
                html.Details([html.Summary(t("report.toc", lang)), _toc(dataset)],
                             className="report-toc", id="report-toc", open=False),
            ], className="report-sidebar"), lg=3),
            dbc.Col(html.Div(articles, id="report-body", className="app-card report-body"),
                    lg=9),
        ], className="g-3"),
    ], className="workbench report-page")


def search_text(value: Any, target: Any, search: str | None) -> tuple[Any, ...]:
    lang = lang_from_search(search)
    q, _ = url_state.free_text(value, MAX_QUERY)
    target = target if isinstance(target, dict) else {}
    dataset, _ = kit.open_report(current_dataset(), target.get("report"))
    fact = target.get("fact")
    if fact not in set(dataset.indicators["fact_id"]):
        fact = None
    articles, hits = _articles(dataset, lang, q)
    return (articles, _count(dataset, q, hits, lang),
            {"fact": fact, "q": q, "report": dataset.report_id, "scroll": "hit" if q else None},
            {"fact": fact or "", "q": q})


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    app.callback(Output("report-body", "children"), Output("report-count", "children"),
                 Output(TARGET_ID, "data"), Output(store_id(PAGE), "data"),
                 Input("report-q", "value"), State(TARGET_ID, "data"), State(URL_ID, "search"),
                 prevent_initial_call=True)(search_text)
    # Scroll to the linked fact (or the first search match) once the text is on screen, and mark
    # the linked fact with a class; re-applied whenever the text is re-rendered.
    app.clientside_callback(
        ClientsideFunction("reportPage", "scrollToTarget"),  # assets/report-page.js
        # An output, even a dummy one: Dash makes the initial call of a callback on a page's new
        # layout only for callbacks with an output there.
        Output(SCROLLED_ID, "data"),
        Input(TARGET_ID, "data"),
    )
