"""Top navigation bar, generated from ``dash.page_registry``.

How a page appears in the navbar
--------------------------------
* ``dash.register_page(__name__, path="/indicators", name="indicators", order=20)``
* ``order`` sorts the links (Dash sorts the registry by it); leave gaps of 10.
* The label is ``t(f"nav.{name}", lang)`` where ``name`` is the page's
  ``name``: add the key ``nav.indicators`` with both languages (see
  ``dashboard.i18n.add_strings``). Without the key the raw ``name`` is shown,
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
from dash import Dash, Input, Output, State, html

from dashboard.components.language import STORE_ID, URL_ID, href_with_lang, language_switch
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


def nav_items(lang: str, pathname: str | None = None) -> list[dbc.NavItem]:
    """One ``NavItem`` per navbar page; links carry ``?lang=`` so it survives navigation."""
    items = []
    for page in nav_pages():
        current = _is_current(page, pathname)
        items.append(
            dbc.NavItem(
                dbc.NavLink(
                    page_label(page, lang),
                    href=href_with_lang(page["relative_path"], lang),
                    active=current,
                )
            )
        )
    return items


def _brand(lang: str) -> list[Any]:
    return [
        html.Span(t("app.title", lang), className="brand-full"),
        html.Span(t("app.short_title", lang), className="brand-short"),
    ]


def navbar(lang: str, pathname: str | None = None) -> dbc.Navbar:
    """Navbar skeleton rendered in ``lang``; callbacks keep it in step with the URL."""
    lang = normalize_lang(lang)
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    _brand(lang),
                    id=BRAND_ID,
                    href=href_with_lang(dash.get_relative_path("/"), lang),
                    class_name="app-brand",
                ),
                dbc.NavbarToggler(id=TOGGLER_ID, n_clicks=0, class_name="ms-auto"),
                dbc.Collapse(
                    html.Div(
                        [
                            dbc.Nav(
                                nav_items(lang, pathname),
                                id=LINKS_ID,
                                navbar=True,
                                class_name="me-auto",
                            ),
                            present_launcher.present_link(lang, pathname),
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

    @app.callback(
        Output(LINKS_ID, "children"),
        Output(BRAND_ID, "children"),
        Output(BRAND_ID, "href"),
        Input(URL_ID, "pathname"),
        Input(STORE_ID, "data"),  # the effective language (components/language.py)
        prevent_initial_call=True,  # rendered for the address being opened (shell.py)
    )
    def _localize(pathname: str | None, stored: object) -> tuple[Any, Any, str]:
        lang = normalize_lang(stored)
        home = href_with_lang(dash.get_relative_path("/"), lang)
        return nav_items(lang, pathname), _brand(lang), home

    # Runs in the browser: a round trip to open a menu would feel sluggish on phones.
    app.clientside_callback(
        """
        function (nClicks, pathname, isOpen) {
            var trig = (dash_clientside.callback_context.triggered || [])[0];
            if (trig && trig.prop_id.indexOf("navbar-toggler") === 0) { return !isOpen; }
            return false;
        }
        """,
        Output(COLLAPSE_ID, "is_open"),
        Input(TOGGLER_ID, "n_clicks"),
        Input(URL_ID, "pathname"),
        State(COLLAPSE_ID, "is_open"),
        prevent_initial_call=True,
    )
