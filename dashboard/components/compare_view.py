"""What /compare shows, as components: the controls, the table of places side by side, the
notes where a place's sources disagree, and the ranking charts (``places/bars.py``).

Every cell links to its sentence in the report reader and shows it on hover; a place without
the figure says so. Built from ``places.compare.CompareTable`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components import chart_card as cc
from dashboard.components.language import href_with_lang
from dashboard.data import Dataset
from dashboard.format import fact_value
from dashboard.i18n import normalize_lang, t
from dashboard.names.display import display_name
from dashboard.places import files
from dashboard.places.bars import cell_quote, cell_text, measure_name, ranking_figure
from dashboard.places.compare import (
    ALL,
    INDICATORS,
    Cell,
    CompareTable,
    Place,
    Row,
    cited_reports,
)
from dashboard.places.names import report_titles

PAGE = "compare"
YEAR_ID = "compare-year"
REGION_ID = "compare-region"
IND_ID = "compare-ind"



def place_name(place: Place, lang: str) -> str:
    return place.name_en if normalize_lang(lang) == "en" else place.name


def upload_link(lang: str) -> dcc.Link:
    return dcc.Link(t("compare.upload", lang) + " /upload", href=href_with_lang("/upload", lang))


def with_link(key: str, lang: str, **values: Any) -> list[Any]:
    """A string whose ``{upload}`` becomes a link to /upload."""
    before, _, after = t(key, lang, **values).partition("{upload}")
    return [before, upload_link(lang), after]


def fact_link(fact: dict[str, Any], lang: str) -> str:
    """/report?report=ID&fact=FACT_ID: the sentence in the report reader."""
    return href_with_lang(f"/report?report={fact['report_id']}&fact={fact['fact_id']}", lang)


def controls(years: dict[int, int], year: int, levels: Sequence[str], region: str,
             names: dict[str, str], ind: Sequence[str], lang: str) -> html.Div:
    """Year, level of place (only when places of several levels are loaded), indicators."""
    boxes: list[Any] = [html.Div([
        html.Label(t("compare.year", lang), htmlFor=YEAR_ID, className="control-label"),
        dcc.Dropdown(id=YEAR_ID, value=year, clearable=False, searchable=False,
                     options=[{"label": t("compare.year_option", lang, year=y, n=n), "value": y}
                              for y, n in sorted(years.items(), reverse=True)])],
        className="compare-filter")]
    region_options = [{"label": t("compare.region.all", lang), "value": ALL}] + [
        {"label": t(f"compare.region.{lev}", lang), "value": lev} for lev in levels]
    boxes.append(html.Div([
        html.Label(t("compare.region", lang), htmlFor=REGION_ID, className="control-label"),
        dcc.Dropdown(id=REGION_ID, value=region, clearable=False, searchable=False,
                     options=region_options),
        html.Div(t("compare.regions_help", lang), className="small text-muted mt-1")],
        className="compare-filter" + ("" if len(levels) > 1 else " d-none")))
    label = t("compare.ind", lang)
    boxes.append(html.Div([
        html.Div(label, className="control-label", id="compare-ind-label"),
        html.Div(dbc.Checklist(
            id=IND_ID, value=list(ind), inline=True,
            options=[{"label": names[i], "value": i} for i in names],
            class_name="officials-checklist", input_class_name="btn-check",
            label_class_name="btn btn-outline-primary btn-sm",
            label_checked_class_name="active"),
            role="group", **{"aria-labelledby": "compare-ind-label"})],
        className="compare-filter compare-filter-wide"))
    return html.Div(boxes, className="app-card compare-controls")


def _cell(cell: Cell, row: Row, home: bool, lang: str) -> html.Td:
    classes = "compare-cell" + (" compare-home" if home else "")
    if cell.value is None or cell.fact is None:
        return html.Td(html.Span(t("places.not_stated", lang), className="not-stated"),
                       className=classes, **{"data-place": cell.place})
    quote = cell_quote(cell, lang)
    parts: list[Any] = [dcc.Link(cell_text(cell, lang), href=fact_link(cell.fact, lang),
                                 title=quote, className="compare-value")]
    if cell.rank is not None and row.ranked > 1:
        parts.append(html.Span(t("compare.rank", lang, rank=cell.rank),
                               className="compare-rank",
                               title=t("compare.rank_help", lang, rank=cell.rank,
                                       n=row.ranked)))
    for other in cell.others:
        parts.append(html.Div([t("compare.other", lang), " ", dcc.Link(
            _stated(other, lang), href=fact_link(other, lang), title=str(other["quote"]))],
            className="compare-other small"))
    return html.Td(parts, className=classes, title=quote, **{"data-place": cell.place})


def _stated(fact: dict[str, Any], lang: str) -> str:
    return fact_value(float(fact["value"]), str(fact["unit"]), str(fact["value_kind"]),
                      str(fact["comparator"]), lang)


def table(compare: CompareTable, rows: Sequence[Row], home: str | None, lang: str
          ) -> html.Div:
    """Rows are indicators and measures, columns places; the home place's column marked."""
    head = [html.Th(t("compare.indicator", lang), scope="col", className="compare-corner")]
    for place in compare.places:
        name = place_name(place, lang)
        here = place.name == home
        head.append(html.Th(t("places.home", lang, place=name) if here else name, scope="col",
                            className="compare-place" + (" compare-home" if here else "")))
    body = [html.Tr([html.Th(measure_name(row, lang), scope="row", className="compare-measure"),
                     *[_cell(c, row, c.place == home, lang) for c in row.cells]],
                    **{"data-row": row.key}) for row in rows]
    caption = t("compare.caption", lang, year=compare.year)
    # The caption is read with the table, and shown under it: inside the scrolled table it
    # would be cut at a phone's edge.
    return html.Div([html.Div(html.Table([
        html.Caption(caption, className="visually-hidden"),
        html.Thead(html.Tr(head)), html.Tbody(body)],
        className="table table-sm compare-table mb-0", id="compare-table"),
        className="table-responsive compare-scroll", tabIndex="0",
        role="region", **{"aria-label": t("compare.title", lang, year=compare.year)}),
        html.P(caption, className="small text-muted mt-1 mb-0", **{"aria-hidden": "true"})])


def sources(dataset: Dataset, report_ids: Sequence[str], lang: str, node_id: str) -> html.Div:
    """Every report the figures shown come from, and their licence status: the footer names
    the selected report only, and these pages quote many."""
    titles = report_titles(dataset, lang)
    sep = "；" if normalize_lang(lang) == "zh" else "; "
    return html.Div([
        html.P([t("footer.source_label", lang),
                sep.join(titles[r] for r in dict.fromkeys(report_ids) if r in titles)],
               className="mb-1"),
        html.P(t("footer.licence", lang), className="mb-0")],
        className="places-sources small text-muted", id=node_id)


def notes(dataset: Dataset, compare: CompareTable, rows: Sequence[Row], lang: str
          ) -> html.Div | None:
    """Every cell whose place's reports state another value: which one is used, and why."""
    titles = report_titles(dataset, lang)
    names = {p.name: place_name(p, lang) for p in compare.places}
    items = []
    for row in rows:
        for cell in row.cells:
            for other in cell.others:
                if cell.fact is None:
                    continue
                items.append(html.Li(t(
                    "compare.note", lang, place=names[cell.place],
                    measure=measure_name(row, lang), used=cell_text(cell, lang),
                    source=titles[str(cell.fact["report_id"])],
                    other=_stated(other, lang),
                    other_source=titles[str(other["report_id"])])))
    if not items:
        return None
    return html.Div([html.H3(t("compare.notes", lang), className="h6"),
                     html.Ul(items, className="small mb-0")],
                    className="app-card compare-notes", id="compare-notes")


def content(dataset: Dataset, compare: CompareTable | None, ind: Sequence[str],
            home: str | None, lang: str) -> list[Any]:
    """Everything under the controls, for one year, level and choice of indicators."""
    lang = normalize_lang(lang)
    if compare is None:
        return [dbc.Alert(with_link("compare.no_data", lang), color="info",
                          id="compare-alone", class_name="small py-2")]
    out: list[Any] = [html.H2(t("compare.title", lang, year=compare.year), className="h4")]
    if len(compare.places) > 1:
        out.append(html.P(t("compare.count", lang, n=len(compare.places), year=compare.year),
                          className="small text-muted mb-2", id="compare-count"))
    else:
        only = place_name(compare.places[0], lang) if compare.places else "—"
        out.append(dbc.Alert(with_link("compare.one_place", lang, year=compare.year,
                                       place=only),
                             color="info", id="compare-alone", class_name="small py-2"))
    if not ind:
        return [*out, html.P(t("compare.none_selected", lang), className="text-muted")]
    rows = [r for r in compare.rows if r.indicator_id in ind]
    silent = [i for i in ind if not any(r.indicator_id == i for r in compare.rows)]
    if silent:
        names = [display_name(dataset.lexicon[i].zh, dataset.lexicon[i].en, lang)
                 for i in silent if i in dataset.lexicon]
        out.append(html.P(t("compare.none_stated", lang, names="、".join(names)
                            if lang == "zh" else ", ".join(names)),
                          className="small text-muted mb-2", id="compare-silent"))
    if compare.places and rows:
        out.append(table(compare, rows, home, lang))
        out.append(html.Div(html.A(
            t("compare.download", lang), href=files.compare_href(compare, ind),
            download=files.compare_name(compare), id="compare-download",
            className="btn btn-sm btn-outline-primary"), className="my-2"))
        out.append(notes(dataset, compare, rows, lang))
        out.append(sources(dataset, cited_reports(rows), lang, "compare-sources"))
        out.append(charts(dataset, compare, rows, home, lang))
    return [part for part in out if part is not None]


def charts(dataset: Dataset, compare: CompareTable, rows: Sequence[Row], home: str | None,
           lang: str) -> html.Section:
    """One ranking chart per row stated by at least two places (built once per snapshot)."""
    names = {p.name: place_name(p, lang) for p in compare.places}
    cards = []
    for row in rows:
        if row.ranked < 2:
            continue
        fig = dataset.everything.cached(
            ("compare-fig", compare.year, compare.region, row.key, home, lang),
            lambda row=row: ranking_figure(row, compare.year, home, names,
                                           dataset.everything.reports, lang))
        # Two a row at most: a third would put plotly's modebar over a ranking's title.
        cards.append(dbc.Col(cc.chart_card(PAGE, row.key, measure_name(row, lang), fig, lang,
                                           file_stem=f"compare-{compare.year}"), lg=6))
    return html.Section([html.H2(t("compare.charts", lang), className="h5 mt-3"),
                         dbc.Row(cards, class_name="g-3")], id="compare-charts")


def indicator_choices(dataset: Dataset, lang: str) -> dict[str, str]:
    """The headline indicators, named (the checklist's options)."""
    lexicon = dataset.lexicon
    return {i: display_name(lexicon[i].zh, lexicon[i].en, lang)
            if i in lexicon else i for i in INDICATORS}
