"""The scaffolding shared by the five officials' pages (overview, economy, investment,
agriculture, tourism): one control that rebuilds the page content and writes the URL state,
and a click on any chart that shows the quote under it.

A page keeps its own ``update`` and ``show_quote`` functions (tests call them directly) and
decorates them with :func:`update_callback` and :func:`quote_callback`. Each page passes the
request's snapshot (``current_dataset()``) in, rather than this module reading it, so that
tests can swap a page's data by patching that page module alone. :func:`open_report` scopes
the snapshot to the report named by ``?report=``; the page's content is kept in the
snapshot's memo, per report, language and state.

Lives in components, not pages: Dash imports every module under dashboard/pages as a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html

from dashboard.components import chart_card as cc
from dashboard.components import report_select
from dashboard.components.kpi_card import kpi_card
from dashboard.components.language import URL_ID, lang_from_search
from dashboard.components.url_sync import store_id, url_state_store
from dashboard.data import Dataset, select_report
from dashboard.facts import report_title, select
from dashboard.figures import trends
from dashboard.figures.fact_labels import indicator_names
from dashboard.i18n import t

PageState = dict[str, Any]
Content = Callable[[Dataset, PageState, str], list[Any]]
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def update_callback(app: Dash, page: str, control_id: str, content_id: str) -> Decorator:
    """Register ``f(control_value, search) -> (content, state)`` for the page's control, on
    ``app`` (from the page's ``register_callbacks``).

    Not on the initial call: the layout already renders the state from the URL.
    """
    return app.callback(
        Output(content_id, "children"),
        Output(store_id(page), "data"),
        Input(control_id, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )


def quote_callback(app: Dash, page: str) -> Decorator:
    """Register ``f(click, search) -> quote panel`` for every chart of the page (MATCH), on
    ``app``."""
    return app.callback(
        Output(cc.quote_id(page, dash.MATCH), "children"),
        Input(cc.graph_id(page, dash.MATCH), "clickData"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )


def open_report(dataset: Dataset, wanted: Any) -> tuple[Dataset, list[str]]:
    """The snapshot scoped to the report of ``?report=`` (default: the latest work report),
    and ``["report"]`` when the value named no report."""
    scoped, ok = select_report(dataset, wanted)
    return scoped, ([] if ok else ["report"])


def frozen(state: PageState) -> tuple[tuple[str, Any], ...]:
    """A hashable copy of a page state, for memo keys."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in state.items()))


def page_content(content: Content, dataset: Dataset, state: PageState,
                 lang: str) -> list[Any]:
    """``content(dataset, state, lang)``, built once per snapshot, report, state and language."""
    key = ("content", content.__module__, content.__name__, lang, frozen(state))
    return dataset.cached(key, lambda: content(dataset, state, lang))


def rebuild(content: Content, dataset: Dataset, state: PageState,
            search: str | None) -> tuple[list[Any], PageState]:
    """The new page content for the report in ``search``, and the state for the URL store."""
    scoped, _ = open_report(dataset, report_select.report_from_search(search))
    return page_content(content, scoped, state, lang_from_search(search)), state


def quote(dataset: Dataset, click: Any, search: str | None) -> html.Div:
    # Fact ids are unique across reports: a trend chart's point may come from any report. A
    # range target's bar carries its low bound's id; its row there carries the high bound.
    return cc.quote_for_click(dataset.everything.ranged_facts, dataset.reports, click,
                              lang_from_search(search))


def years(dataset: Dataset) -> dict[str, Any]:
    """The selected report's year, the year it reviews, and its title, for page strings."""
    if dataset.report_id is None:
        return {"year": "", "review_year": "", "title": ""}
    report = dataset.report(dataset.report_id)
    return {"year": int(report["report_year"]), "review_year": int(report["review_period"]),
            "title": report_title(dataset.reports, dataset.report_id, "zh")}


def report_line(dataset: Dataset, lang: str) -> html.P | None:
    """Which report the page shows, under its heading."""
    if dataset.report_id is None:
        return None
    title = report_title(dataset.reports, dataset.report_id, lang)
    notice = dataset.report(dataset.report_id).get("notice")
    showing = t("report_select.showing", lang, title=title)
    if isinstance(notice, str) and notice:  # the build could not tell what the document is
        showing = [showing, html.Span(t("report_select.genre_unknown", lang), title=notice,
                                      className="report-notice")]
    return html.P(showing, className="page-report small text-muted mb-2", id="page-report")


def headline_kpis(dataset: Dataset, ids: Sequence[str], lang: str, grid_id: str) -> dbc.Row:
    """One KPI card per indicator of ``ids``, named even when the report lacks it."""
    names = indicator_names(dataset.ranged_facts, dataset.lexicon, ids, lang)
    if not ids:
        return cc.kpi_grid([], grid_id)
    return cc.kpi_grid([kpi_card(select(dataset.ranged_facts, indicators=[i]), lang, names[i], i)
                        for i in ids], grid_id)


def page_layout(page: str, lang: str, dataset: Dataset, *, state: PageState,
                invalid: Sequence[str], control_label: str, control: Any, content: list[Any],
                content_id: str, intro: Sequence[Any] = ()) -> html.Div:
    """Header (strings ``<page>.heading`` and ``<page>.lead``, with the selected report's
    years), the report shown, URL notice, ``intro`` (KPI cards, links), the labelled
    control, the content and the URL-state store."""
    named = years(dataset)
    return html.Div([
        cc.page_header(t(f"{page}.heading", lang, **named), t(f"{page}.lead", lang, **named),
                       f"{page}-heading"),
        report_line(dataset, lang),
        cc.invalid_notice(invalid, lang),
        *intro,
        cc.control_block(control_label, control),
        html.Div(content, id=content_id),
        url_state_store(page, state),
    ], className="officials-page")


def trend_cards(page: str, dataset: Dataset, ids: Sequence[str], lang: str) -> list[Any]:
    """The indicators ``ids`` across years (levels, then growth), from every report of the
    selected report's place; nothing when only one report of the place is loaded."""
    if dataset.report_id is None:
        return []
    reports = trends.place_reports(dataset.reports, dataset.report_id)
    if len(reports) < 2:
        return []
    cards = []
    for measure in trends.VALUE_KINDS:
        fig = trends.trend_figure(dataset.everything.ranged_facts, reports, dataset.lexicon,
                                  ids, measure, lang)
        if fig is not None:
            cards.append(cc.chart_card(page, f"trend-{measure}", str(fig.layout.meta["title"]),
                                       fig, lang, file_stem=dataset.report_id))
    return cards
