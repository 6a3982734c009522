"""The report selector in the navbar, and the ``?report=`` parameter it keeps in the URL.

``?report=<report_id>`` names the report every page shows (default: the latest work report,
``data.latest_work_report``). Choosing another report in the selector writes the new
``report`` into the address (keeping only ``lang``: the other parameters of a page name facts
and targets of the old report) and the pages router renders the page for it. Links between
pages carry ``report`` like they carry ``lang`` (:func:`href`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

import pandas as pd
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from dashboard.data import report_for
from dashboard.facts import report_title
from dashboard.i18n import normalize_lang, t

SELECT_ID = "report-select"
BOX_ID = "report-select-box"
SHOWN_ID = "report-shown"
QUERY_KEY = "report"


def query_value(search: object, key: str) -> str | None:
    """The first ``key`` of a ``location.search`` string (None when absent or not a string:
    callback inputs are untrusted)."""
    if not isinstance(search, str) or len(search) > 4096:
        return None
    values = [v for k, v in parse_qsl(search.lstrip("?"), keep_blank_values=True) if k == key]
    return values[0] if values else None


def report_from_search(search: object) -> str | None:
    """The ``report`` of a ``location.search`` string."""
    return query_value(search, QUERY_KEY)


def report_in_address(dataset: Any, search: object) -> Any:
    """The report an address shows: ``?report=``, else the report of ``?fact=``."""
    return report_for(dataset, report_from_search(search), query_value(search, "fact"))


def href(path: str, lang: str, report: str | None = None) -> str:
    """An internal link keeping the language and, when one is chosen, the report."""
    pairs: list[tuple[str, str]] = []
    if report:
        pairs.append((QUERY_KEY, report))
    pairs.append(("lang", normalize_lang(lang)))
    sep = "&" if "?" in path else "?"
    return f"{path}{sep}{urlencode(pairs)}"


def options(reports: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """One option per report: by place, then newest first."""
    order = reports.assign(_place=reports.place.fillna(""), _day=reports.delivered.fillna(
        reports.published).fillna("")).sort_values(["_place", "report_year", "_day"],
                                                   ascending=[True, False, False])
    return [{"label": report_title(reports, r, lang), "value": r} for r in order.report_id]


def selector_parts(reports: pd.DataFrame, selected: str | None, lang: str) -> list[Any]:
    """The label, the dropdown and the report shown; the navbar's callback replaces them as
    a whole. A value the server sets (a re-rendered or remounted dropdown) equals the report
    shown, so the choice callback ignores it: only a person's choice navigates."""
    lang = normalize_lang(lang)
    return [html.Label(t("report_select.label", lang), htmlFor=SELECT_ID,
                       className="visually-hidden"),
            dcc.Dropdown(id=SELECT_ID, options=options(reports, lang), value=selected,
                         clearable=False, searchable=False, className="report-select"),
            dcc.Store(id=SHOWN_ID, data=selected)]


def box_class(reports: pd.DataFrame) -> str:
    """Hidden when there is only one report to choose."""
    return "report-select-box" + (" d-none" if len(reports) < 2 else "")


def selector(reports: pd.DataFrame, selected: str | None, lang: str) -> html.Div:
    """The navbar's report selector."""
    return html.Div(selector_parts(reports, selected, lang), id=BOX_ID,
                    className=box_class(reports))


def register_callbacks(app: Dash) -> None:
    """A choice in the selector opens the same page for the chosen report (a person's
    choice only: a value equal to the report shown is ignored)."""
    # assets/report-select.js
    app.clientside_callback(
        ClientsideFunction("reports", "choose"),
        Output("url", "search", allow_duplicate=True),
        Input(SELECT_ID, "value"),
        State(SHOWN_ID, "data"),
        prevent_initial_call=True,
    )


def notice(ok: bool, lang: str) -> Any:
    """The notice shown when ``?report=`` named no report (None otherwise)."""
    if ok:
        return None
    return html.P(t("report_select.invalid", lang), className="url-notice small text-muted mb-2",
                  role="status", id="report-notice")
