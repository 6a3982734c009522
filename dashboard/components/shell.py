"""The app's layout: navbar, the page being opened and the footer, in one response.

Why the page is rendered into the layout: Dash's renderer first fetches ``/_dash-layout``;
with a bare ``dash.page_container`` the page is only asked for after that layout is on
screen, when ``dcc.Location`` reports the address and the pages router makes one more
round trip (and the navbar, footer, switch and presentation-link callbacks one each).
On a cold load those came after every script had run and cost about 0.7 s
(``benchmarks/RESULTS.md``).

The browser sends the page's address as ``Referer`` with the layout request (the app's
``Referrer-Policy: same-origin`` keeps it for same-origin requests), so
:func:`shell` renders that page, in the URL's language, straight into the layout, and
gives both ``dcc.Location`` components that pathname and search: they then report no
change on mount and no callback fires.

When the address cannot be known (no Referer, a path no page has, a ``lang`` that is not
canonical, a page layout that fails) the layout is the plain shell and the router renders the
page as before. Only the Referer's path and query are used, not its host: behind a proxy that
rewrites Host the two differ, and the check that matters is done in the browser.
:data:`LAYOUT_GUARD_HOOK` (``assets/shell.js``) runs there on the layout before it is
rendered: if the address the server assumed is not the one in the address bar, it drops the
pre-rendered page and the addresses, so the router renders the right page.

Dash internals this relies on (the pages router's component ids, private to Dash and kept in
``dashboard/dash_private.py``; the ``layout_post`` renderer hook) are listed in
:data:`DASH_INTERNALS`; ``tests/test_dash_internals.py`` fails with a
clear message if a Dash upgrade changes them.

Page layouts are kept in the memo of the snapshot they were built from, keyed by page and
query (:func:`memoise_layout`): a new data version starts with no layout built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any
from urllib.parse import parse_qs, urlsplit

import dash
from dash import dcc, html

from dashboard.components import footer as footer_mod
from dashboard.components import language, url_sync
from dashboard.components import navbar as navbar_mod
from dashboard.components.report_select import report_in_address
from dashboard.context import current_dataset
from dashboard.dash_private import (
    PAGES_CONTENT_ID,
    PAGES_DUMMY_ID,
    PAGES_LOCATION_ID,
    PAGES_STORE_ID,
)
from dashboard.data import Dataset, select_report
from dashboard.i18n import DEFAULT_LANG

MAIN_ID = "main-content"
# What this module assumes of Dash (checked by tests/test_dash_internals.py).
DASH_INTERNALS = {
    "pages router component ids": (PAGES_LOCATION_ID, PAGES_CONTENT_ID, PAGES_STORE_ID,
                                   PAGES_DUMMY_ID),
    "renderer hook": "layout_post",
}

log = logging.getLogger("dashboard.shell")

# Dash's renderer hooks are JavaScript expressions written into its inline renderer script:
# this one names the guard in assets/shell.js (loaded before the renderer starts), which runs
# on the layout JSON before React renders it.
LAYOUT_GUARD_HOOK = "dash_clientside.shell.guardLayout"
# The ids that guard looks for, as assets/shell.js spells them (tests/components/test_shell.py).
LAYOUT_GUARD_IDS = {"url": language.URL_ID, "pagesUrl": PAGES_LOCATION_ID,
                    "content": PAGES_CONTENT_ID, "store": language.STORE_ID}


def address_from_referrer(referrer: str | None) -> tuple[str, str] | None:
    """``(pathname, search)`` of a ``Referer``, e.g. ``("/economy", "?lang=en")``.

    ``search`` is exactly what ``window.location.search`` holds ("" for none). None for a
    missing or malformed referrer. The host is not compared (see the module doc): a wrong
    guess costs one re-render in the browser, never a wrong page.
    """
    if not isinstance(referrer, str) or not referrer or len(referrer) > 4096:
        return None
    try:
        parts = urlsplit(referrer)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.path:
        return None
    return parts.path, (f"?{parts.query}" if parts.query else "")


def query_arguments(search: str) -> dict[str, Any]:
    """Keyword arguments the pages router passes to a layout for ``search`` (same rules)."""
    if not search.startswith("?"):
        return {}
    parsed = parse_qs(search[1:], keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


def page_at(pathname: str) -> dict[str, Any] | None:
    """The registered page served at ``pathname`` (templated paths are not used here)."""
    wanted = (dash.strip_relative_path(pathname) or "").strip("/")
    for page in dash.page_registry.values():
        if not page.get("path_template") and page["path"].strip("/") == wanted:
            return page
    return None


def memoise_layout(layout: Callable[..., Any], path: str) -> Callable[..., Any]:
    """``layout`` answered from the request snapshot's memo for a query it has seen.

    A page layout is a function of the snapshot and the query; lists become tuples in the
    key. Unhashable arguments are not kept.
    """

    @wraps(layout)
    def cached(**kwargs: Any) -> Any:
        try:
            key = tuple(sorted(
                (k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
            hash(key)
        except TypeError:
            return layout(**kwargs)
        # The layout function's identity too: two apps may serve one snapshot (tests).
        return current_dataset().memo.get(("layout", path, id(layout), key),
                                          lambda: layout(**kwargs))

    cached.__wrapped__ = layout  # type: ignore[attr-defined]
    return cached


def memoise_page_layouts() -> None:
    """Wrap every registered page's layout function with :func:`memoise_layout`."""
    for page in dash.page_registry.values():
        layout = page.get("layout")
        if callable(layout) and not hasattr(layout, "__wrapped__"):
            page["layout"] = memoise_layout(layout, str(page["path"]))


def _render_page(pathname: str, search: str) -> tuple[Any, str] | None:
    page = page_at(pathname)
    if page is None:
        return None
    layout, title = page.get("layout", ""), page.get("title", "")
    try:
        if callable(layout):
            layout = layout(**query_arguments(search))
        if callable(title):
            title = title()
    except Exception:  # noqa: BLE001 - any page failure: the router renders it instead
        log.exception("pre-rendering %s%s failed; the router will render it", pathname, search)
        return None
    return layout, str(title)


def page_container(rendered: tuple[Any, str] | None = None,
                   where: Mapping[str, str] | None = None) -> html.Div:
    """``dash.page_container``; with ``rendered`` (layout, title) it holds that page and
    its ``dcc.Location`` already knows ``where`` (pathname and search)."""
    where = where or {}
    return html.Div([
        dcc.Location(id=PAGES_LOCATION_ID, refresh="callback-nav", **where),
        html.Div(rendered[0] if rendered else None, id=PAGES_CONTENT_ID,
                 disable_n_clicks=True),
        dcc.Store(id=PAGES_STORE_ID, data={"title": rendered[1]} if rendered else None),
        html.Div(id=PAGES_DUMMY_ID, disable_n_clicks=True),
    ])


def shell(dataset: Dataset, address: tuple[str, str] | None = None) -> html.Div:
    """Navbar, page and footer for the snapshot; see the module doc for ``address``."""
    lang, rendered = DEFAULT_LANG, None
    if address is not None:
        url_lang, corrected, _ = language.decide_language(address[1], None)
        # ?lang=xx is left to the language callback, which corrects the URL first.
        rendered = _render_page(*address) if corrected is None else None
        if rendered is not None:
            lang = url_lang
    where = {"pathname": address[0], "search": address[1]} if rendered and address else {}
    search = where.get("search")
    scoped, _ = select_report(dataset, report_in_address(dataset, search))
    return html.Div(
        [
            dcc.Location(id=language.URL_ID, refresh="callback-nav", **where),
            # The URL's language, so a visitor's choice is remembered on the first visit;
            # a different remembered choice fires the language callback.
            dcc.Store(id=language.STORE_ID, storage_type="local",
                      data=lang if rendered else None),
            url_sync.sink(),
            navbar_mod.navbar(dataset, lang, where.get("pathname"), search),
            html.Main(page_container(rendered, where), id=MAIN_ID,
                      className="container-xl app-main"),
            footer_mod.footer(lang, footer_mod.report_source(scoped, lang)),
        ],
        className="app-shell",
    )
