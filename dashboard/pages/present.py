"""Presentation mode (/present): full-screen slides for a meeting-room screen.

    /present?slides=overview,targets,agriculture&interval=30&lang=zh&theme=dark&start=agriculture

The query is decoded by dashboard/present/deck.py (invalid values fall back to defaults and
are named in a small note), every slide is rendered once by dashboard/present/slides.py, and
assets/present.js does the rest in the browser: keys, timer, progress bar, counter, full
screen, and ``&slide=N`` in the address bar. The shell's navbar and footer are hidden while
the deck is shown (``body.presenting``, assets/style.css).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import ClientsideFunction, Dash, Input, html

from dashboard.components import page_kit as kit
from dashboard.components.language import URL_ID
from dashboard.components.report_select import href
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.i18n import normalize_lang
from dashboard.present import deck, slides
from dashboard.present import layout as deck_layout

PAGE = "present"
dash.register_page(__name__, path="/present", name=PAGE, order=90, nav=False,
                   title="演示 · Presentation")


def _page_paths() -> dict[str, str]:
    return {str(p["name"]): str(p["relative_path"]) for p in dash.page_registry.values()
            if p.get("name") != PAGE}


def layout(lang: str | None = None, **query: Any) -> html.Div:
    return render(current_dataset(), lang, query)


def render(dataset: Dataset, lang: str | None, query: dict[str, Any]) -> html.Div:
    lang = normalize_lang(lang)
    dataset, bad_report = kit.open_report(dataset, query.get("report"))
    year = int(dataset.report(str(dataset.report_id))["report_year"])
    available = deck.available_slides(deck.target_sectors(dataset.indicators, year))
    paths = _page_paths()
    params = deck.parse_params({k: v for k, v in query.items() if k != "report"}, available,
                               paths)
    back = paths.get(params.return_page or "", dash.get_relative_path("/"))
    built = dataset.cached(("slides", tuple(params.slides), lang, params.theme),
                           lambda: slides.build_all(params.slides, dataset, lang, params.theme))
    return deck_layout.deck(
        built, interval=params.interval, start=params.start, theme=params.theme,
        exit_href=href(back, lang, dataset.report_id), lang=lang,
        invalid=[*bad_report, *params.invalid])


def register_callbacks(app: Dash) -> None:
    """This page's callbacks, attached to the app being built (``create_app`` calls
    it for every page: the one way callbacks are registered)."""
    # Hide the navbar and footer as soon as the route is /present, before the deck renders
    # (assets/present.js keeps the class in step with the deck too).
    app.clientside_callback(
        ClientsideFunction("present", "markPresenting"),  # assets/present.js
        Input(URL_ID, "pathname"),
    )
