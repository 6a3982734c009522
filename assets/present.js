/*
 * Presentation mode (/present): keyboard, timer, progress bar and slide counter, all in the
 * browser. The server renders every slide once into #present-deck; this script only shows
 * one of them at a time, so a key press never waits for the server.
 *
 * Active only while a #present-deck element exists (Dash renders pages client side, so a
 * MutationObserver notices the deck appearing, being re-rendered or going away).
 *
 * Keys: → PageDown Space next · ← PageUp previous · Home first · End last ·
 *       P pause/resume · F full screen · Esc back to the page the deck was opened from.
 */
(function () {
    "use strict";

    var DECK_ID = "present-deck";
    var state = null;

    function slidesOf(deck) {
        return Array.prototype.slice.call(deck.querySelectorAll(".present-slide"));
    }

    function resizeGraphs(slide) {
        if (!window.Plotly || !window.Plotly.Plots) { return; }
        slide.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
            try { window.Plotly.Plots.resize(gd); } catch { /* not drawn yet */ }
        });
    }

    function restartProgress(deck) {
        var bar = deck.querySelector(".present-progress-bar");
        if (!bar) { return; }
        bar.classList.remove("is-running");
        void bar.offsetWidth; // reflow, so the animation starts again from zero
        bar.classList.add("is-running");
    }

    function writeUrl(index) {
        var params = new URLSearchParams(window.location.search);
        params.set("slide", String(index + 1));
        var search = "?" + params.toString().replace(/%2C/g, ",");
        if (search !== window.location.search) {
            window.history.replaceState(window.history.state, "",
                window.location.pathname + search + window.location.hash);
        }
    }

    function schedule() {
        if (!state) { return; }
        window.clearTimeout(state.timer);
        if (state.paused) { return; }
        state.startedAt = Date.now();
        state.timer = window.setTimeout(function () { go(state.index + 1); }, state.remaining);
    }

    function go(index) {
        if (!state) { return; }
        var slides = slidesOf(state.deck);
        if (!slides.length) { return; }
        var n = slides.length;
        index = ((index % n) + n) % n; // loops both ways
        slides.forEach(function (slide, i) {
            var current = i === index;
            slide.classList.toggle("is-current", current);
            slide.setAttribute("aria-hidden", current ? "false" : "true");
        });
        state.index = index;
        state.remaining = state.interval;
        var counter = state.deck.querySelector(".present-counter");
        if (counter) { counter.textContent = (index + 1) + " / " + n; }
        state.deck.setAttribute("data-current", String(index));
        state.deck.setAttribute("data-slide-id", slides[index].getAttribute("data-slide-id") || "");
        writeUrl(index);
        restartProgress(state.deck);
        schedule();
        window.requestAnimationFrame(function () { resizeGraphs(slides[index]); });
    }

    function setPaused(paused) {
        if (!state) { return; }
        if (paused && !state.paused) {
            window.clearTimeout(state.timer);
            state.remaining = Math.max(0, state.remaining - (Date.now() - state.startedAt));
        }
        state.paused = paused;
        state.deck.classList.toggle("is-paused", paused);
        state.deck.setAttribute("data-paused", paused ? "true" : "false");
        if (!paused) { schedule(); }
    }

    function toggleFullscreen() {
        var request;
        if (document.fullscreenElement) {
            request = document.exitFullscreen && document.exitFullscreen();
        } else if (document.documentElement.requestFullscreen) {
            request = document.documentElement.requestFullscreen();
        }
        if (request && request.catch) { request.catch(function () { /* refused: stay */ }); }
    }

    function leave() {
        var exit = state && state.deck.querySelector(".present-exit");
        if (exit) { exit.click(); } // a dcc.Link: Dash routes without reloading
    }

    var ACTIONS = {
        ArrowRight: function () { go(state.index + 1); },
        PageDown: function () { go(state.index + 1); },
        " ": function () { go(state.index + 1); },
        Spacebar: function () { go(state.index + 1); },
        ArrowLeft: function () { go(state.index - 1); },
        PageUp: function () { go(state.index - 1); },
        Home: function () { go(0); },
        End: function () { go(-1); },
        p: function () { setPaused(!state.paused); },
        f: toggleFullscreen,
        Escape: leave,
        Esc: leave
    };

    function onKey(event) {
        if (!state || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) {
            return;
        }
        var key = event.key && event.key.length === 1 ? event.key.toLowerCase() : event.key;
        var action = ACTIONS[key];
        if (!action) { return; }
        event.preventDefault();
        action();
    }

    function teardown() {
        if (!state) { return; } // no deck yet: leave the class the route set alone
        window.clearTimeout(state.timer);
        window.clearTimeout(state.controlsTimer);
        state = null;
        document.body.classList.remove("presenting");
    }

    function init(deck) {
        var interval = parseInt(deck.getAttribute("data-interval"), 10);
        state = {
            deck: deck,
            index: 0,
            interval: (isFinite(interval) && interval > 0 ? interval : 20) * 1000,
            remaining: 0,
            paused: false,
            timer: null,
            controlsTimer: null,
            startedAt: Date.now()
        };
        document.body.classList.add("presenting");
        deck.style.setProperty("--present-interval", (state.interval / 1000) + "s");
        var start = parseInt(deck.getAttribute("data-start"), 10);
        go(isFinite(start) ? start : 0);
        deck.querySelectorAll(".present-control").forEach(function (button) {
            button.addEventListener("click", function () {
                button.blur(); // a later Space must not click it again
                var act = button.getAttribute("data-action");
                if (act === "next") { go(state.index + 1); }
                if (act === "prev") { go(state.index - 1); }
                if (act === "pause") { setPaused(!state.paused); }
                if (act === "fullscreen") { toggleFullscreen(); }
            });
        });
    }

    function check() {
        var deck = document.getElementById(DECK_ID);
        if (state && state.deck === deck) { return; }
        teardown();
        if (deck) { init(deck); }
    }

    // Controls show while the mouse moves, then fade: nothing on screen but the slide.
    function onPointer() {
        if (!state) { return; }
        state.deck.classList.add("show-controls");
        window.clearTimeout(state.controlsTimer);
        state.controlsTimer = window.setTimeout(function () {
            if (state) { state.deck.classList.remove("show-controls"); }
        }, 2500);
    }

    document.addEventListener("keydown", onKey);
    document.addEventListener("mousemove", onPointer);
    // Graphs drawn while their slide was hidden need a resize once they exist.
    function start() {
        new MutationObserver(function () {
            check();
            if (state) {
                var slide = slidesOf(state.deck)[state.index];
                if (slide && !slide.hasAttribute("data-sized") &&
                        slide.querySelector(".js-plotly-plot .main-svg")) {
                    slide.setAttribute("data-sized", "true");
                    resizeGraphs(slide);
                }
            }
        }).observe(document.body, {childList: true, subtree: true});
        check();
    }
    if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }

    // dashboard/pages/present.py's clientside callback: hide the navbar and footer as soon as
    // the route is /present, before the deck renders (check() keeps the class in step with
    // the deck too).
    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        present: {
            markPresenting: function (pathname) {
                var on = /\/present\/?$/.test(pathname || "");
                document.body.classList.toggle("presenting", on);
            }
        }
    });
}());
