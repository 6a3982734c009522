/* /report (dashboard/pages/report.py): scroll to the linked fact (or the first search match)
   once the text is on screen, and mark the linked fact with a class.

   Event-driven: Dash runs the callback when the target store changes, which may be before
   React has rendered the new text. A MutationObserver re-checks after each batch of DOM
   changes (coalesced to one check per animation frame): the first check that finds the
   element scrolls to it, and every later re-render of the text is marked again. The observer
   stops when the reader leaves /report or a newer target replaces it. */
(function () {
    "use strict";

    var BODY_ID = "report-body";
    var TOC_ID = "report-toc";
    var WIDE = 992; // px: Bootstrap's lg breakpoint, where the sidebar sits beside the text
    var watcher = null;

    function mark(body, target) {
        body.querySelectorAll(".is-target").forEach(function (el) {
            el.classList.remove("is-target");
        });
        var fact = target.fact ? body.querySelector(
            "[data-fact-id=\"" + CSS.escape(target.fact) + "\"]") : null;
        if (fact) { fact.classList.add("is-target"); }
        return fact;
    }

    // Scrolls to what the target asks for; true once that is done (or nothing is asked).
    function scroll(body, target, fact) {
        if (!target.scroll) { return true; }
        var el = target.scroll === "hit" ? body.querySelector(".search-hit")
            : (target.scroll === "fact" ? fact : null);
        // "instant": Bootstrap's smooth scrolling could be cut short by a re-render.
        if (el) { el.scrollIntoView({block: "center", behavior: "instant"}); }
        return !!el;
    }

    // The table of contents starts open on wide screens only (a phone shows the text first).
    function openToc() {
        var toc = document.getElementById(TOC_ID);
        if (toc && !toc.dataset.ready) {
            toc.dataset.ready = "1";
            if (window.innerWidth >= WIDE) { toc.open = true; }
        }
    }

    function onReportPage() {
        return /\/report\/?$/.test(window.location.pathname);
    }

    function watch(target) {
        if (watcher) { watcher.stop(); }
        var scrolled = false, queued = false, stopped = false;
        var observer = new MutationObserver(queue);

        function check() {
            queued = false;
            if (stopped) { return; }
            if (!onReportPage()) { stop(); return; }
            var body = document.getElementById(BODY_ID);
            if (!body) { return; } // not rendered yet: the next DOM change checks again
            openToc();
            var fact = mark(body, target);
            if (!scrolled) { scrolled = scroll(body, target, fact); }
        }

        function queue() {
            if (!queued && !stopped) {
                queued = true;
                window.requestAnimationFrame(check);
            }
        }

        function stop() {
            stopped = true;
            observer.disconnect();
        }

        // Attributes are not watched: marking changes a class, which must not wake it again.
        observer.observe(document.body, {childList: true, subtree: true});
        watcher = {stop: stop};
        queue();
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        reportPage: {
            // The callback's output (a dummy store) only makes Dash call it on a new layout.
            scrollToTarget: function (target) {
                if (!target) { return null; }
                watch(target);
                return target.fact || null;
            }
        }
    });
})();
