"""Every page of the real app, in a real browser, in both languages:

* axe-core (``tests/browser/vendor/axe.min.js``, injected with ``execute_script``; the app
  never serves it) finds no critical or serious violation;
* every chart (``.js-plotly-plot``) has an accessible name (``aria-label`` on an enclosing
  ``<figure>``/``role=img``/``role=figure``, or a ``<figcaption>``) and a text alternative
  (a caption or ``aria-describedby`` text) — ``dashboard.components.accessible_graph``
  provides both;
* the Content-Security-Policy causes no violation (``securitypolicyviolation`` events and
  the console);
* every trace type drawn is in the vendored plotly.js bundle.

Pages come from ``dash.page_registry`` of the real app, so new pages are audited
automatically. The app serves the test reports (``counties_dir``): the default report
(luming-2025, whose place has two reports, so the trend charts are drawn too) and, for
every page, another report named by ``?report=`` (qingshi-2025). Problems are collected over
all pages and reported together.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import dash
import plotly.graph_objects as go
import pytest
from dash import html

from dashboard.app_factory import create_app
from dashboard.components.accessible_graph import data_summary, graph
from tests.app_settings import app_settings

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING_IMPACTS = ("critical", "serious")
NOT_FOUND_PATH = "/no-such-page-for-the-audit"

# Installed before any page script runs; survives navigations of the session.
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline")
    + (e.sample ? " (" + e.sample.slice(0, 80) + ")" : ""));
});
"""

PAGE_STATE_JS = """
var content = document.getElementById("_pages_content");
var boxes = document.querySelectorAll(".dash-graph").length;
var drawn = 0;
document.querySelectorAll(".js-plotly-plot").forEach(function (p) {
  if (p.querySelector(".main-svg")) { drawn++; }
});
return JSON.stringify({
  rendered: !!(content && content.children.length),
  loading: document.querySelectorAll("[data-dash-is-loading='true'], ._dash-loading").length,
  boxes: boxes, drawn: drawn, lang: document.documentElement.lang
});
"""

CHARTS_JS = """
function text(el) { return el ? (el.textContent || "").replace(/\\s+/g, " ").trim() : ""; }
function byIds(ids) {
  return (ids || "").split(/\\s+/).map(function (id) {
    return text(document.getElementById(id));
  }).join(" ").trim();
}
return JSON.stringify(Array.from(document.querySelectorAll(".js-plotly-plot")).map(function (el) {
  var holder = el.closest("figure, [role='img'], [role='figure']");
  var caption = holder && holder.tagName === "FIGURE" ? holder.querySelector("figcaption") : null;
  var name = "", alt = "";
  if (holder) {
    name = (holder.getAttribute("aria-label") || "").trim()
      || byIds(holder.getAttribute("aria-labelledby")) || text(caption);
    alt = byIds(holder.getAttribute("aria-describedby")) || text(caption);
  }
  var graph = el.closest(".dash-graph") || el;
  return {id: graph.id || "(no id)", name: name, alt: alt,
          types: (el.data || []).map(function (t) { return t.type || "scatter"; })};
}));
"""

AXE_RUN_JS = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  done(JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(function (n) {
              return n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n")[1];
            }), count: v.nodes.length};
  })));
}).catch(function (e) { done(JSON.stringify({error: String(e)})); });
"""


OTHER_REPORT = "qingshi-2025"


def _page_paths() -> list[str]:
    """Every page, then every page for another report, then a missing page."""
    paths = [p["path"] for p in dash.page_registry.values() if "<" not in p["path"]]
    paths = sorted(set(paths), key=lambda p: (p != "/", p))
    return paths + [f"{p}?report={OTHER_REPORT}" for p in paths] + [NOT_FOUND_PATH]


def _wait_for_page(driver: Any, lang: str, timeout: float = 45.0) -> dict[str, Any]:
    """Until the page is rendered, no callback is pending and every graph is drawn."""
    want_lang = "en" if lang == "en" else "zh-CN"
    deadline = time.monotonic() + timeout
    last, stable_since = None, time.monotonic()
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = json.loads(driver.execute_script(PAGE_STATE_JS))
        if state != last:
            last, stable_since = state, time.monotonic()
        ready = (state["rendered"] and not state["loading"] and state["drawn"] >= state["boxes"]
                 and state["lang"] == want_lang)
        # Quiet for three polls: a pending callback shows at once as data-dash-is-loading.
        if ready and time.monotonic() - stable_since > 0.3:
            return state
        time.sleep(0.1)
    raise AssertionError(f"page did not settle: {state}")


def _csp_console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser")
            if "Content Security Policy" in e.get("message", "")
            or "Refused to" in e.get("message", "")]


@pytest.fixture
def real_app(counties_dir):
    return create_app(app_settings(data_dir=counties_dir))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_is_accessible_and_csp_clean(dash_duo, real_app, lang):
    dash_duo.start_server(real_app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_PROBE})
    registered_types: set[str] | None = None
    problems: dict[str, list[str]] = {"axe": [], "charts": [], "csp": [], "bundle": []}
    paths = _page_paths()
    assert len(paths) > 1

    for path in paths:
        sep = "&" if "?" in path else "?"
        url = dash_duo.server_url + path + (f"{sep}lang=en" if lang == "en" else "")
        driver.get(url)
        try:
            _wait_for_page(driver, lang)
        except AssertionError as exc:
            problems["axe"].append(f"{path}: {exc}")
            continue

        driver.execute_script(AXE)
        result = json.loads(driver.execute_async_script(AXE_RUN_JS))
        assert not isinstance(result, dict), result
        for v in result:
            if v["impact"] in BLOCKING_IMPACTS:
                problems["axe"].append(
                    f"{path}: [{v['impact']}] {v['id']} ({v['help']}), {v['count']} node(s): "
                    + " | ".join(v["nodes"]))

        if registered_types is None:
            registered_types = set(driver.execute_script(
                "return window.Plotly ? Object.keys(Plotly.PlotSchema.get().traces) : [];"))
        for chart in json.loads(driver.execute_script(CHARTS_JS)):
            if not chart["name"]:
                problems["charts"].append(f"{path}: chart {chart['id']} has no accessible name")
            if not chart["alt"]:
                problems["charts"].append(
                    f"{path}: chart {chart['id']} has no text alternative (figcaption or "
                    "aria-describedby)")
            missing = sorted(set(chart["types"]) - registered_types)
            if missing:
                problems["bundle"].append(f"{path}: {chart['id']} uses {missing}, not in "
                                          "assets/vendor/a-plotly.min.js")

        violations = driver.execute_script("return window.__cspViolations || [];")
        problems["csp"] += [f"{path}: {v}" for v in violations]
        problems["csp"] += [f"{path}: console: {m}" for m in _csp_console_errors(driver)]

    report = "\n".join(f"{kind}: {line}" for kind, lines in problems.items() for line in lines)
    assert not any(problems.values()), f"{lang}: problems on {len(paths)} pages:\n{report}"


def test_vendored_plotly_draws_the_trace_types_the_app_uses(dash_duo, real_app):
    """assets/vendor/a-plotly.min.js is a partial bundle: bar, scatter and indicator draw."""
    dash_duo.start_server(real_app)
    driver = dash_duo.driver
    dash_duo.wait_for_element("#navbar")
    result = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        var specs = {
          bar: [{type: "bar", x: ["a", "b"], y: [1, 2]}],
          scatter: [{type: "scatter", mode: "lines+markers", x: [1, 2], y: [3, 1]}],
          indicator: [{type: "indicator", mode: "number+delta", value: 4.6,
                       delta: {reference: 5}}],
        };
        var selectors = {bar: ".barlayer .trace", scatter: ".scatterlayer .trace",
                         indicator: ".indicatorlayer .trace"};
        var out = {};
        Promise.all(Object.keys(specs).map(function (kind) {
          var div = document.createElement("div");
          div.style.width = "400px"; div.style.height = "300px";
          document.body.appendChild(div);
          return Plotly.newPlot(div, specs[kind]).then(function () {
            out[kind] = div.querySelectorAll(selectors[kind]).length;
          }).catch(function (e) { out[kind] = String(e); });
        })).then(function () { done(out); });
    """)
    assert result == {"bar": 1, "scatter": 1, "indicator": 1}, result


def test_accessible_graph_helper_names_and_describes_the_chart(dash_duo):
    fig = go.Figure(go.Bar(x=["2023", "2024"], y=[4.6, 8.0], name="GDP growth"),
                    layout={"title": {"text": "<b>GDP</b> growth"}})
    summary = data_summary(fig, "en")
    assert summary == "GDP growth. GDP growth: 2023 4.6, 2024 8"
    component = graph(fig, {"type": "demo", "chart": "gdp"}, "en", summary)
    props = component.to_plotly_json()["props"]
    assert props["aria-label"] == "GDP growth"
    caption = props["children"][1]
    assert props["aria-describedby"] == caption.id == "chart-gdp-type-demo-summary"
    assert "visually-hidden" in caption.className
    assert props["children"][0].config["locale"] == "en"

    # In the browser: the figure is named and described, the caption takes no space.
    from dash import Dash

    from dashboard.app_factory import ASSETS_DIR

    demo = Dash(__name__, assets_folder=str(ASSETS_DIR), serve_locally=True)
    demo.layout = html.Main(component)
    dash_duo.start_server(demo)
    dash_duo.wait_for_element(".accessible-graph .js-plotly-plot .main-svg")
    chart = json.loads(dash_duo.driver.execute_script(CHARTS_JS))[0]
    assert chart["name"] == "GDP growth" and chart["alt"] == summary
    box = dash_duo.driver.execute_script(
        "var r = document.querySelector('figcaption').getBoundingClientRect();"
        "return [r.width, r.height];")
    assert box[0] <= 1 and box[1] <= 1, box
