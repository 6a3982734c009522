"""The navbar's "present" button: opens the slide deck at the current page's slide.

`present_link` renders the button; `register_callbacks` keeps its address in step with the page
shown (``/present?start=<page name>&lang=<lang>``), so Esc in the deck returns to that page.
The button hides itself in an app without a page named "present" (test fixture apps).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import Dash, Input, Output, dcc

from dashboard.components.language import STORE_ID, URL_ID
from dashboard.components.report_select import report_from_search
from dashboard.i18n import normalize_lang, t

LINK_ID = "present-link"
PAGE_NAME = "present"
HIDDEN = {"display": "none"}


def _page(name: str) -> dict[str, Any] | None:
    return next((p for p in dash.page_registry.values() if p.get("name") == name), None)


def page_name_at(pathname: object) -> str | None:
    """Name of the registered page served at ``pathname`` (None if no page matches)."""
    if not isinstance(pathname, str) or len(pathname) > 500:
        return None
    here = dash.strip_relative_path(pathname) or ""
    for page in dash.page_registry.values():
        if (dash.strip_relative_path(page["relative_path"]) or "") == here:
            return str(page["name"])
    return None


def present_href(pathname: object, lang: str, report: str | None = None) -> str | None:
    """Address of the deck opened from ``pathname`` for ``report``; None when the app has
    no deck."""
    page = _page(PAGE_NAME)
    if page is None:
        return None
    query: dict[str, str] = {}
    if report:
        query["report"] = report
    start = page_name_at(pathname)
    if start and start != PAGE_NAME:
        query["start"] = start
    query["lang"] = normalize_lang(lang)
    return f"{page['relative_path']}?{urlencode(query)}"


def present_link(lang: str, pathname: str | None = None, report: str | None = None
                 ) -> dcc.Link:
    """The button, rendered in ``lang``; the callback fills in its address."""
    lang = normalize_lang(lang)
    href = present_href(pathname, lang, report)
    return dcc.Link(
        t("present.launch", lang),
        id=LINK_ID,
        href=href or "/",
        title=t("present.launch_title", lang),
        className="btn btn-sm btn-outline-light present-launch",
        style=HIDDEN if href is None else {},
    )


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(LINK_ID, "href"),
        Output(LINK_ID, "children"),
        Output(LINK_ID, "title"),
        Output(LINK_ID, "style"),
        Input(URL_ID, "pathname"),
        Input(STORE_ID, "data"),  # the effective language (components/language.py)
        Input(URL_ID, "search"),  # the report chosen
        prevent_initial_call=True,  # rendered for the address being opened (shell.py)
    )
    def _update(pathname: object, stored: object, search: object
                ) -> tuple[str, str, str, dict]:
        lang = normalize_lang(stored)
        report = report_from_search(search if isinstance(search, str) else None)
        href = present_href(pathname, lang, report if report and len(report) < 200 else None)
        return (href or "/", t("present.launch", lang), t("present.launch_title", lang),
                HIDDEN if href is None else {})
