"""Keep the address bar in step with a page's state, without reloading the page.

A page puts `url_state_store(page)` in its layout and writes its state (a dict of query
values) to that store from its callbacks. One clientside callback rewrites the address bar
with `history.replaceState`, keeping `report` and `lang`: the URL can be copied at any moment, and
opening it rebuilds the same view through the page's `layout(**query)`. replaceState adds no
history entry and does not re-render the page.
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Dash, Input, Output, dcc

STORE_TYPE = "url-state"


def store_id(page: str) -> dict[str, str]:
    return {"type": STORE_TYPE, "page": page}


def url_state_store(page: str, initial: dict[str, object] | None = None) -> dcc.Store:
    return dcc.Store(id=store_id(page), data=initial or {})


# Dash runs a callback on page load only if it has an output: the sink is that output, so
# a URL opened with invalid values is cleaned up at once, not at the first interaction.
SINK_ID = "url-sync-sink"


def register_callbacks(app: Dash) -> None:
    # assets/url-sync.js
    app.clientside_callback(ClientsideFunction("urlSync", "sync"), Output(SINK_ID, "data"),
                            Input(store_id(ALL), "data"))  # type: ignore[arg-type]


def sink() -> dcc.Store:
    """The shell's store that the sync callback writes to."""
    return dcc.Store(id=SINK_ID)
