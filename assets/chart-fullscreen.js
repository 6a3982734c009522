/*
 * A full-screen button on every chart: shows that one chart at full size (its title and
 * source line are inside the figure, see dashboard/figures/provenance.cite); Esc returns.
 *
 * * Charts wrapped by dashboard/components/chart_frame.py carry the button already
 *   (.chart-frame > .chart-fullscreen-btn).
 * * Any other chart gets one: a MutationObserver adds the button to the container of each
 *   .js-plotly-plot that has none (not inside the presentation deck, which is full screen).
 * * One delegated click listener handles every button: the Fullscreen API on the chart's
 *   container, or, where the browser refuses it, a fixed overlay of the same container.
 */
(function () {
    "use strict";

    var BTN = "chart-fullscreen-btn";
    var FRAME = "chart-frame";
    var MAXIMIZED = "is-maximized";
    var LABELS = {
        zh: {open: "全屏显示此图表", close: "退出全屏"},
        en: {open: "Show this chart full screen", close: "Exit full screen"}
    };

    function lang() {
        return (document.documentElement.lang || "zh").toLowerCase().indexOf("en") === 0
            ? "en" : "zh";
    }

    function containerOf(node) {
        return node.closest("." + FRAME) || node.closest(".chart-fullscreen-host");
    }

    function graphsIn(container) {
        return Array.prototype.slice.call(container.querySelectorAll(".js-plotly-plot"));
    }

    // Fixed-size figures (layout.height set by the builder) do not grow on resize alone:
    // give them the screen, then give them back their own size.
    function fit(container, entering) {
        if (!window.Plotly) { return; }
        graphsIn(container).forEach(function (gd) {
            try {
                if (entering) {
                    gd._chartFsSize = {width: gd.layout.width, height: gd.layout.height};
                    var box = container.getBoundingClientRect();
                    var height = Math.max(200, box.height - 24);
                    window.Plotly.relayout(gd, {width: null, height: height, autosize: true});
                } else if (gd._chartFsSize) {
                    var saved = gd._chartFsSize;
                    delete gd._chartFsSize;
                    window.Plotly.relayout(gd, {width: saved.width === undefined ? null : saved.width,
                        height: saved.height === undefined ? null : saved.height});
                }
                window.Plotly.Plots.resize(gd);
            } catch { /* graph not drawn yet */ }
        });
    }

    function label(button, open) {
        var text = LABELS[lang()][open ? "close" : "open"];
        button.setAttribute("aria-label", text);
        button.setAttribute("title", text);
        button.setAttribute("aria-pressed", open ? "true" : "false");
    }

    function maximized() {
        return document.querySelector("." + FRAME + "." + MAXIMIZED + ", .chart-fullscreen-host." +
            MAXIMIZED);
    }

    function setMaximized(container, on) {
        container.classList.toggle(MAXIMIZED, on);
        document.body.classList.toggle("chart-maximized", on);
        var button = container.querySelector("." + BTN);
        if (button) { label(button, on); }
        window.requestAnimationFrame(function () { fit(container, on); });
    }

    function toggle(container) {
        if (document.fullscreenElement === container) {
            document.exitFullscreen().catch(function () { return; });
            return;
        }
        if (container.classList.contains(MAXIMIZED)) {
            setMaximized(container, false);
            return;
        }
        if (container.requestFullscreen) {
            container.requestFullscreen().catch(function () { setMaximized(container, true); });
        } else {
            setMaximized(container, true);
        }
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest && event.target.closest("." + BTN);
        if (!button) { return; }
        var container = containerOf(button);
        if (container) {
            event.preventDefault();
            toggle(container);
        }
    });

    var current = null;
    document.addEventListener("fullscreenchange", function () {
        var element = document.fullscreenElement;
        if (current && current !== element) {
            var left = current;
            current = null;
            var leftButton = left.querySelector("." + BTN);
            if (leftButton) { label(leftButton, false); }
            window.requestAnimationFrame(function () { fit(left, false); });
        }
        if (element && containerOf(element) === element) {
            current = element;
            var button = element.querySelector("." + BTN);
            if (button) { label(button, true); }
            window.requestAnimationFrame(function () { fit(element, true); });
        }
    });

    // Esc for the overlay fallback (the browser handles Esc in real full screen).
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" && event.key !== "Esc") { return; }
        var open = maximized();
        if (open) {
            event.preventDefault();
            setMaximized(open, false);
        }
    });

    function makeButton() {
        var button = document.createElement("button");
        button.type = "button";
        button.className = BTN;
        button.setAttribute("data-injected", lang());
        label(button, false);
        return button;
    }

    function addButtons() {
        // Injected buttons follow the page language (<html lang> changes without a re-render).
        document.querySelectorAll("button." + BTN + "[data-injected]").forEach(function (button) {
            if (button.getAttribute("data-injected") !== lang()) {
                button.setAttribute("data-injected", lang());
                label(button, button.getAttribute("aria-pressed") === "true");
            }
        });
        document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
            if (gd.closest("#present-deck")) { return; }
            var frame = gd.closest("." + FRAME);
            if (frame) { return; } // chart_frame() rendered its own button
            var host = gd.parentElement;
            if (!host || host.querySelector(":scope > ." + BTN)) { return; }
            host.classList.add("chart-fullscreen-host");
            host.appendChild(makeButton());
        });
    }

    function start() {
        var pending = false;
        new MutationObserver(function () {
            if (pending) { return; }
            pending = true;
            window.requestAnimationFrame(function () { pending = false; addButtons(); });
        }).observe(document.body, {childList: true, subtree: true});
        addButtons();
    }
    if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
}());
