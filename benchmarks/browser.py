"""Headless Chromium: cold loads, the capture visit, the network log."""

from __future__ import annotations

import json
import sys
import time
from typing import Any
from urllib.parse import urlsplit

from common import CHROME, CHROMEDRIVER

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1920,1080",
    "--lang=zh-CN",
)

# mode only) the callback request bodies.
PROBE_JS = r"""
(function () {
  var s = window.__bench = {expected: 0, drawn: 0, tDrawn: null, tFirst: null, posts: []};
  if (window.__benchCapture) {
    var orig = window.fetch;
    window.fetch = function (input, init) {
      try {
        var u = typeof input === "string" ? input : input.url;
        if (u.indexOf("_dash-update-component") >= 0 && init && typeof init.body === "string") {
          s.posts.push(init.body);
        }
      } catch (e) {}
      return orig.apply(this, arguments);
    };
  }
  function tick() {
    var boxes = document.querySelectorAll(".dash-graph, .bench-graph").length;
    var plots = document.querySelectorAll(".js-plotly-plot");
    var drawn = 0;
    for (var i = 0; i < plots.length; i++) {
      if (plots[i].querySelector(".main-svg")) { drawn++; }
    }
    var expected = Math.max(boxes, plots.length);
    if (drawn > 0 && s.tFirst === null) { s.tFirst = performance.now(); }
    if (expected !== s.expected || drawn !== s.drawn) {
      s.expected = expected;
      s.drawn = drawn;
      s.tDrawn = (expected > 0 && drawn >= expected) ? performance.now() : null;
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();
"""
CAPTURE_FLAG_JS = "window.__benchCapture = true;"

FIGURES_JS = r"""
function plain(key, value) {
  if (ArrayBuffer.isView(value)) { return Array.from(value); }
  return value;
}
return JSON.stringify(Array.from(document.querySelectorAll(".js-plotly-plot")).map(
  function (el) {
    return {data: el.data, layout: el.layout, height: el.offsetHeight,
            config: {locale: (el._context || {}).locale, displaylogo: false, responsive: true}};
  }), plain);
"""

NAV_TIMING_JS = r"""
var nav = performance.getEntriesByType("navigation")[0] || {};
var fcp = performance.getEntriesByName("first-contentful-paint")[0];
return {dcl: nav.domContentLoadedEventEnd || null, load: nav.loadEventEnd || null,
        fcp: fcp ? fcp.startTime : null, state: window.__bench || null};
"""



# --------------------------------------------------------------------------- browser


def new_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.binary_location = CHROME
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True,
                                                         "enablePage": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(60)
    return driver


def network_log(driver) -> list[dict[str, Any]]:
    """Requests of this browser session from the CDP performance log."""
    requests: dict[str, dict[str, Any]] = {}
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        method, params = msg.get("method"), msg.get("params", {})
        rid = params.get("requestId")
        if method == "Network.requestWillBeSent":
            req = requests.setdefault(rid, {})
            req.update(url=params["request"]["url"], method=params["request"]["method"],
                       start=params["timestamp"])
        elif method == "Network.responseReceived":
            resp = params["response"]
            headers = {k.lower(): v for k, v in resp.get("headers", {}).items()}
            requests.setdefault(rid, {}).update(
                status=resp.get("status"), mime=resp.get("mimeType"),
                encoding=headers.get("content-encoding", "-"),
                cache_control=headers.get("cache-control", ""),
                protocol=resp.get("protocol"),
            )
        elif method == "Network.loadingFinished":
            requests.setdefault(rid, {}).update(bytes=int(params.get("encodedDataLength", 0)),
                                                end=params["timestamp"])
        elif method == "Network.loadingFailed":
            requests.setdefault(rid, {}).update(failed=params.get("errorText"),
                                                end=params["timestamp"])
    rows = [r for r in requests.values() if "url" in r and not r["url"].startswith("data:")]
    rows.sort(key=lambda r: r.get("start", 0))
    return rows


def wait_for_graphs(driver, timeout: float = 60, settle: float = 1.0) -> dict[str, Any]:
    """Wait until every graph is drawn and nothing changed for ``settle`` seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    stable_since = time.monotonic()
    while time.monotonic() < deadline:
        state = driver.execute_script("return window.__bench || null;")
        key = json.dumps(state and [state["expected"], state["drawn"], state["tDrawn"]])
        if key != last:
            last, stable_since = key, time.monotonic()
        ready = state and state["expected"] > 0 and state["tDrawn"] is not None
        if ready and time.monotonic() - stable_since >= settle:
            return state
        if state and state["expected"] == 0 and time.monotonic() - stable_since >= 3 * settle:
            return state  # a page without graphs
        time.sleep(0.05)
    raise TimeoutError(f"graphs not drawn within {timeout} s: {last}")


def cold_load(url: str) -> dict[str, Any]:
    """One cold load in a fresh browser; returns timings, bytes and the request list."""
    driver = new_driver()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        driver.execute_cdp_cmd("Performance.enable", {"timeDomain": "threadTicks"})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE_JS})
        driver.get(url)
        state = wait_for_graphs(driver)
        timing = driver.execute_script(NAV_TIMING_JS)
        metrics = {m["name"]: m["value"] for m in
                   driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
        time.sleep(0.3)
        rows = network_log(driver)
        console = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    finally:
        driver.quit()
    return {
        "url": url,
        "drawn_ms": state["tDrawn"],
        "first_graph_ms": state["tFirst"],
        "graphs": state["expected"],
        "dcl_ms": timing["dcl"],
        "fcp_ms": timing["fcp"],
        # Main-thread CPU time of the renderer (thread ticks), up to the end of the wait.
        "script_ms": metrics.get("ScriptDuration", 0) * 1000,
        "task_ms": metrics.get("TaskDuration", 0) * 1000,
        "bytes": sum(r.get("bytes", 0) for r in rows),
        "requests": len(rows),
        "rows": rows,
        "console_errors": [e.get("message") for e in console],
    }


def capture(base: str, paths: list[str]) -> dict[str, Any]:
    """Warm, untimed visits: callback bodies per page, overview figures and requests."""
    driver = new_driver()
    out: dict[str, Any] = {"posts": {}, "figures": [], "requests": {}}
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                               {"source": CAPTURE_FLAG_JS + PROBE_JS})
        for path in paths:
            driver.get(base + path)
            try:
                wait_for_graphs(driver, timeout=60)
            except TimeoutError as exc:
                print(f"  capture {path}: {exc}", file=sys.stderr)
            state = driver.execute_script("return window.__bench || {posts: []};")
            out["posts"][path] = state.get("posts", [])
            out["requests"][path] = [
                (r["method"], urlsplit(r["url"]).path
                 + (("?" + urlsplit(r["url"]).query) if urlsplit(r["url"]).query else ""))
                for r in network_log(driver) if r["url"].startswith(base)
            ]
            if path == paths[0]:
                out["figures"] = json.loads(driver.execute_script(FIGURES_JS))
    finally:
        driver.quit()
    return out


