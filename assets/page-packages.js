/* A link to a page whose component package this document did not load (dashboard/
 * index_page.py writes the page -> packages map into #page-packages) is followed by the
 * browser as a full page load, instead of Dash's client-side router rendering a
 * component it does not have. */
(function () {
    "use strict";
    var map = null;

    function packagesMap() {
        if (map === null) {
            var el = document.getElementById("page-packages");
            try { map = el ? JSON.parse(el.textContent) : {}; } catch { map = {}; }
        }
        return map;
    }

    function missing(pathname) {
        var wanted = packagesMap()[pathname] || packagesMap()[pathname.replace(/\/+$/, "")] || [];
        return wanted.some(function (name) { return !window[name]; });
    }

    document.addEventListener("click", function (event) {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
            event.shiftKey || event.altKey || !event.target.closest) {
            return;
        }
        var link = event.target.closest("a[href]");
        if (!link || (link.target && link.target !== "_self")) { return; }
        var url = new URL(link.href, window.location.href);
        if (url.origin !== window.location.origin || !missing(url.pathname)) { return; }
        // Capture phase, before React's handler: the browser follows the href.
        event.stopPropagation();
    }, true);

    // Back/forward within this document to such a page: load it for real.
    window.addEventListener("popstate", function () {
        if (missing(window.location.pathname)) { window.location.reload(); }
    }, true);
})();
