"""Every private Dash name this app relies on, in one place, each with the reason.

Dash 4 has no public API for these; ``tests/test_dash_internals.py`` checks each one against
the installed Dash, so an upgrade that changes one fails a test naming it instead of
silently slowing the first load. No other module in ``dashboard/`` reads a private attribute
of Dash or of a Dash app (``app._…``) or imports from a private Dash module
(``tests/test_dash_private.py``). Public APIs used instead of private ones: ``Dash.csp_hashes``
(the inline scripts' hashes, ``security.py``), ``Dash.callback`` / ``clientside_callback``
on the app being built (never Dash's module-level callback lists: ``app_factory.py``), the
``layout_post`` renderer hook and the documented ``interpolate_index`` override.

Outside Python, the app also repeats what the pages router does with a query string
(``components/shell.query_arguments``, compared with ``dash._pages._parse_query_string`` by
the test) so that the first load renders the same page the router would.
"""

from __future__ import annotations

# The pages router's component ids (``dash.dash._ID_LOCATION``, ``_ID_CONTENT``,
# ``_ID_STORE``, ``_ID_DUMMY``, the children of ``dash.page_container``). The first load
# renders the page into them itself (``components/shell.py``), so the router finds the page
# already there instead of fetching it one round trip after the first paint; Dash exports
# only ``page_container``, not its ids.
PAGES_LOCATION_ID = "_pages_location"
PAGES_CONTENT_ID = "_pages_content"
PAGES_STORE_ID = "_pages_store"
PAGES_DUMMY_ID = "_pages_dummy"
