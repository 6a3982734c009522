/* Keeps the address bar in step with a page's state (dashboard/components/url_sync.py):
   a page writes its query values into its url-state store; this rewrites the address bar
   with history.replaceState, keeping `report` and `lang`. No history entry, no re-render. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    urlSync: {
        sync: function (states) {
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
            var url = window.location.pathname + (search ? "?" + search : "") +
                window.location.hash;
            if (url !== window.location.pathname + window.location.search + window.location.hash) {
                window.history.replaceState(window.history.state, "", url);
                // Tell the shell's dcc.Location (id "url") the new href: with a stale href it
                // could push its old address on the next change of url.search (the language
                // switch), dropping the page state. Not the search: that would re-run the
                // language callback for a change that is never a language change (the
                // language switch reads the live address bar, components/language.py).
                window.dash_clientside.set_props("url", {href: window.location.href});
            }
            return window.location.search;
        }
    }
});
