/* The shell's guard on the pre-rendered layout (dashboard/components/shell.py).

   Runs as Dash's `layout_post` renderer hook, on the layout JSON before React renders it.
   The server renders the page named by the layout request's Referer into the layout; if the
   address it assumed is not the one in the address bar (a proxy, a stale Referer), the
   pre-rendered page and the addresses are dropped so that Dash's pages router renders the
   right page. The ids are the Python constants of shell.py and language.py
   (tests/components/test_shell.py checks that they match). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    shell: {
        IDS: {
            url: "url",
            pagesUrl: "_pages_location",
            content: "_pages_content",
            store: "lang-store"
        },

        guardLayout: function (layout) {
            var ids = window.dash_clientside.shell.IDS;
            var found = [], content = null, store = null;
            (function walk(node) {
                if (Array.isArray(node)) { node.forEach(walk); return; }
                if (!node || typeof node !== "object" || !node.props) { return; }
                var id = node.props.id;
                if (id === ids.url || id === ids.pagesUrl) { found.push(node); }
                if (id === ids.content) { content = node; }
                if (id === ids.store) { store = node; }
                walk(node.props.children);
            })(layout);
            var stale = found.some(function (node) {
                var p = node.props;
                var here = window.location;
                return p.pathname !== undefined && p.pathname !== null &&
                    (p.pathname !== here.pathname || (p.search || "") !== here.search);
            });
            if (stale) {
                found.forEach(function (node) {
                    delete node.props.pathname;
                    delete node.props.search;
                });
                if (content) { content.props.children = null; }
                if (store) { delete store.props.data; }
            }
        }
    }
});
