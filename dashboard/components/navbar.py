"""Top navigation bar, generated from ``dash.page_registry``.

How a page appears in the navbar
--------------------------------
* ``dash.register_page(__name__, path="/indicators", name="indicators", order=20)``
* ``order`` sorts the links (Dash sorts the registry by it); leave gaps of 10.
* The label is ``t(f"nav.{name}", lang)`` where ``name`` is the page's
  ``name``: add the key ``nav.indicators`` to both catalogues
  (``dashboard/catalogues/``). Without the key the raw ``name`` is shown,
  so a forgotten translation is visible but does not break the shell.
* Pass ``nav=False`` to ``register_page`` to keep a page out of the navbar
  (404 page, detail pages reached from elsewhere).

On narrow screens the links collapse behind a hamburger button
(``dbc.NavbarToggler``); the collapse also closes after navigation.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Dash, Input, Output, State, html

from dashboard.components import report_select
from dashboard.components.language import STORE_ID, URL_ID, language_switch
from dashboard.components.report_select import href, report_in_address
from dashboard.context import current_dataset
from dashboard.data import Dataset, select_report
from dashboard.facts import place_name
from dashboard.i18n import has_key, normalize_lang, t
from dashboard.present import launcher as present_launcher

NAVBAR_ID = "navbar"
BRAND_ID = "navbar-brand"
LINKS_ID = "nav-links"
TOGGLER_ID = "navbar-toggler"
COLLAPSE_ID = "navbar-collapse"


def nav_pages() -> list[dict[str, Any]]:
    """Registered pages that belong in the navbar, in ``order``."""
    pages = [p for p in dash.page_registry.values() if p.get("nav", True)]
    return sorted(pages, key=lambda p: (p.get("order") is None, p.get("order") or 0, p["name"]))


def page_label(page: dict[str, Any], lang: str) -> str:
    """Navbar label of ``page`` in ``lang``."""
    key = f"nav.{page['name']}"
    return t(key, lang) if has_key(key) else str(page["name"])


def _is_current(page: dict[str, Any], pathname: str | None) -> bool:
    if pathname is None:
        return False
    here = dash.strip_relative_path(pathname) or ""
    return here == (dash.strip_relative_path(page["relative_path"]) or "")


def nav_items(lang: str, pathname: str | None = None, report: str | None = None
              ) -> list[dbc.NavItem]:
    """One ``NavItem`` per navbar page; links carry ``?report=`` and ``?lang=`` so they
    survive navigation."""
    items = []
    for page in nav_pages():
        current = _is_current(page, pathname)
        items.append(
            dbc.NavItem(
                dbc.NavLink(
                    page_label(page, lang),
                    href=href(page["relative_path"], lang, report),
                    active=current,
                )
            )
        )
    return items


def _brand(dataset: Dataset, lang: str) -> list[Any]:
    """The app's name, with the place of the report shown (from reports.csv)."""
    place = place_name(dataset.reports, dataset.report_id, lang) if dataset.report_id else ""
    if not place:
        return [html.Span(t("app.generic_title", lang), className="brand-full")]
    return [
        html.Span(t("app.title", lang, place=place), className="brand-full"),
        html.Span(t("app.short_title", lang, place=place), className="brand-short"),
    ]


def chosen_report(dataset: Dataset, search: str | None) -> tuple[Dataset, str | None]:
    """The snapshot scoped to the report the address shows (``?report=``, else the report of
    ``?fact=``), and the ``report`` value to keep in links (None when the address names
    none: links then follow the default)."""
    wanted = report_in_address(dataset, search)
    scoped, ok = select_report(dataset, wanted)
    return scoped, (scoped.report_id if wanted and ok else None)


def navbar(dataset: Dataset, lang: str, pathname: str | None = None,
           search: str | None = None) -> dbc.Navbar:
    """Navbar rendered in ``lang`` for the address being opened; callbacks keep it in step."""
    lang = normalize_lang(lang)
    scoped, report = chosen_report(dataset, search)
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    _brand(scoped, lang),
                    id=BRAND_ID,
                    href=href(dash.get_relative_path("/"), lang, report),
                    class_name="app-brand",
                ),
                dbc.NavbarToggler(id=TOGGLER_ID, n_clicks=0, class_name="ms-auto"),
                dbc.Collapse(
                    html.Div(
                        [
                            dbc.Nav(
                                nav_items(lang, pathname, report),
                                id=LINKS_ID,
                                navbar=True,
                                class_name="me-auto",
                            ),
                            report_select.selector(scoped.reports, scoped.report_id, lang),
                            present_launcher.present_link(lang, pathname, report),
                            language_switch(lang),
                        ],
                        className="navbar-inner",
                    ),
                    id=COLLAPSE_ID,
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid="xl",
        ),
        id=NAVBAR_ID,
        # Not a Bootstrap contextual name, so dbc applies it as an inline colour:
        # the value itself stays in assets/style.css.
        color="var(--app-navy)",
        dark=True,
        expand="xl",
        sticky="top",
        class_name="app-navbar",
        tag="nav",
    )


def register_callbacks(app: Dash) -> None:
    """Attach navbar callbacks to ``app``."""
    present_launcher.register_callbacks(app)  # the "present" button's address
    report_select.register_callbacks(app)

    @app.callback(
        Output(LINKS_ID, "children"),
        Output(BRAND_ID, "children"),
        Output(BRAND_ID, "href"),
        Output(report_select.BOX_ID, "children"),
        Output(report_select.BOX_ID, "className"),
        Input(URL_ID, "pathname"),
        Input(STORE_ID, "data"),  # the effective language (components/language.py)
        Input(URL_ID, "search"),  # the report chosen
        prevent_initial_call=True,  # rendered for the address being opened (shell.py)
    )
    def _localize(pathname: str | None, stored: object, search: object
                  ) -> tuple[Any, Any, str, Any, Any]:
        lang = normalize_lang(stored)
        scoped, report = chosen_report(current_dataset(),
                                       search if isinstance(search, str) else None)
        home = href(dash.get_relative_path("/"), lang, report)
        return (nav_items(lang, pathname, report), _brand(scoped, lang), home,
                report_select.selector_parts(scoped.reports, scoped.report_id, lang),
                report_select.box_class(scoped.reports))

    # Runs in the browser: a round trip to open a menu would feel sluggish on phones.
    app.clientside_callback(
        ClientsideFunction("navbar", "toggle"),  # assets/navbar.js
        Output(COLLAPSE_ID, "is_open"),
        Input(TOGGLER_ID, "n_clicks"),
        Input(URL_ID, "pathname"),
        Input(URL_ID, "search"),  # a report chosen from the menu: close it too
        State(COLLAPSE_ID, "is_open"),
        prevent_initial_call=True,
    )
