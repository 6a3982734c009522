"""Keep the address bar in step with a page's state, without reloading the page.

A page puts `url_state_store(page)` in its layout and writes its state (a dict of query
values) to that store from its callbacks. One clientside callback rewrites the address bar
with `history.replaceState`, keeping `report` and `lang`: the URL can be copied at any moment, and
opening it rebuilds the same view through the page's `layout(**query)`. replaceState adds no
history entry and does not re-render the page.
"""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, dcc

STORE_TYPE = "url-state"


def store_id(page: str) -> dict[str, str]:
    return {"type": STORE_TYPE, "page": page}


def url_state_store(page: str, initial: dict[str, object] | None = None) -> dcc.Store:
    return dcc.Store(id=store_id(page), data=initial or {})


_SYNC_JS = """
function (states) {
    var state = (states || []).find(function (s) { return s && typeof s === "object"; });
    if (!state) { return window.dash_clientside.no_update; }
    var current = new URLSearchParams(window.location.search);
    var params = new URLSearchParams();
    ["report", "lang"].forEach(function (key) {
        if (current.get(key)) { params.set(key, current.get(key)); }
    });
    Object.keys(state).forEach(function (key) {
        var value = state[key];
        if (value === null || value === undefined || value === "") { return; }
        if (Array.isArray(value)) {
            if (!value.length) { return; }
            value = value.join(",");
        }
        params.set(key, String(value));
    });
    var search = params.toString().replace(/%2C/g, ",");
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
        // Tell the shell's dcc.Location (id "url") the new href: with a stale href it could
        // push its old address on the next change of url.search (the language switch),
        // dropping the page state. Not the search: that would re-run the language callback
        // for a change that is never a language change (the language switch reads the
        // live address bar, components/language.py).
        window.dash_clientside.set_props("url", {href: window.location.href});
    }
    return window.location.search;
}
"""
# Dash runs a callback on page load only if it has an output: the sink is that output, so
# a URL opened with invalid values is cleaned up at once, not at the first interaction.
SINK_ID = "url-sync-sink"


def register_callbacks(app: Dash) -> None:
    app.clientside_callback(_SYNC_JS, Output(SINK_ID, "data"),
                            Input(store_id(ALL), "data"))  # type: ignore[arg-type]


def sink() -> dcc.Store:
    """The shell's store that the sync callback writes to."""
    return dcc.Store(id=SINK_ID)
