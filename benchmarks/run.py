"""Benchmark the production server: cold load in Chromium, bytes, callbacks, concurrency.

Usage::

    .venv/bin/python benchmarks/run.py [--runs 5] [--pages-folder DIR] [--quick]

What it does, in one run, against ``benchmarks/bench_server.py`` (``dashboard.server.serve``:
gunicorn, 2 workers) on a free loopback port:

1. **Capture** (warm browser, not timed): opens every page of ``dash.page_registry``,
   records each ``/_dash-update-component`` body the browser sends, and takes the
   overview's figures (``el.data`` / ``el.layout`` of every ``.js-plotly-plot``).
2. **Static baseline**: writes a plain HTML page that loads the *same* vendored
   plotly.js (and zh-CN locale) from ``/assets/`` and draws those figures with
   ``Plotly.newPlot``, served by the same server (``/__bench__/static``).
3. **Cold loads**: for each sample a fresh headless Chromium (empty profile, so an empty
   cache) loads the overview, then the static page (alternating). Time = the first
   animation frame at which every graph container (``.dash-graph`` / ``.bench-graph``)
   holds a drawn ``.js-plotly-plot .main-svg``, in ms since navigation start. Bytes =
   the sum of CDP ``Network.loadingFinished.encodedDataLength`` (what went over the wire,
   headers included).
4. **Callbacks**: every server callback in ``app.callback_map`` is replayed against
   ``/_dash-update-component``: captured browser payloads first; callbacks the browser
   did not fire (clicks, ...) get a payload built from the callback's inputs and the
   values in the page layout. p50/p95 over repeated sequential requests.
5. **Concurrency**: 20 client threads for 10 s, each repeating the request sequence of a
   browser opening the overview. "returning viewer" = the HTML, ``_dash-layout``,
   ``_dash-dependencies`` and the captured callbacks (scripts/CSS come from the browser
   cache: they are fingerprinted and served with a one-year lifetime); "first visit"
   additionally fetches every script and stylesheet.

Prints a table and writes ``benchmarks/RESULTS.md`` (committed) with the date and the
machine. Raw samples go to ``benchmarks/results/`` (git-ignored). Loopback only; every
loop is bounded in time and count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "benchmarks"
RESULTS_MD = BENCH_DIR / "RESULTS.md"
RAW_DIR = BENCH_DIR / "results"
FIXTURE_PAGES = ROOT / "tests" / "fixtures" / "pages"
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
CHROME = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
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
# What Chrome sends; the replayed requests say the same so compression matches.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
CALLBACK_PATH = "/_dash-update-component"

# RESULTS.md: everything from this line on is notes kept across runs (before/after, ...).
KEEP_MARKER = "<!-- run.py keeps everything below this line -->"

TARGETS = {
    "cold_bytes": 2_000_000,
    "callback_p95_ms": 50.0,
    "concurrent_p95_ms": 300.0,
}

# Injected before any page script: records when every graph is drawn, and (capture
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


# --------------------------------------------------------------------------- machine


def machine_info() -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        chrome = subprocess.run([CHROME, "--version"], capture_output=True, text=True,
                                timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chrome = "?"
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "chromium": chrome,
        "loadavg at start": " ".join(f"{x:.2f}" for x in load),
    }


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """bench_server.py under gunicorn (2 workers) on loopback; stopped by its own pid."""

    def __init__(self, pages_folder: Path | None, static_dir: Path, log_path: Path) -> None:
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        env = dict(os.environ, HOST=HOST, PORT=str(self.port), WEB_WORKERS="2",
                   BENCH_STATIC_DIR=str(static_dir))
        for key in [k for k in env if k.startswith("DASH_") or k == "FLASK_DEBUG"]:
            env.pop(key)
        if pages_folder is not None:
            env["BENCH_PAGES_FOLDER"] = str(pages_folder)
        self._log = open(log_path, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(BENCH_DIR / "bench_server.py")],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}); see {log_path}")
            try:
                status, _, _ = http_request(self.base, "GET", "/healthz", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("server did not start within 90 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # gunicorn's arbiter stops its workers
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()


def http_request(base: str, method: str, path: str, body: bytes | None = None,
                 timeout: float = 30) -> tuple[int, int, float]:
    """One request on a new connection; returns (status, body bytes, seconds)."""
    parts = urlsplit(base)
    headers = {"Accept-Encoding": ACCEPT_ENCODING, "Accept": "*/*"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    start = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, len(data), time.perf_counter() - start
    finally:
        conn.close()


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


def write_static_page(static_dir: Path, figures: list[dict[str, Any]], scripts: list[str]) -> None:
    """A plain page: the same plotly.js files, the same figures, one newPlot per figure."""
    divs = "\n".join(f'<div id="g{i}" class="bench-graph"></div>' for i in range(len(figures)))
    tags = "\n".join(f'<script src="{src}"></script>' for src in scripts)
    (static_dir / "static.html").write_text(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<title>static plotly.js baseline</title>"
        '<link rel="stylesheet" href="/__bench__/static.css">\n'
        f"{tags}\n</head><body>\n{divs}\n"
        '<script src="/__bench__/static.js"></script>\n</body></html>\n',
        encoding="utf-8",
    )
    css = "\n".join(f"#g{i} {{ height: {max(int(f.get('height') or 450), 100)}px; }}"
                    for i, f in enumerate(figures))
    (static_dir / "static.css").write_text(css + "\n", encoding="utf-8")
    figs = [{"data": f["data"], "layout": f["layout"], "config": f["config"]} for f in figures]
    (static_dir / "static.js").write_text(
        "var FIGURES = " + json.dumps(figs, ensure_ascii=False) + ";\n"
        "FIGURES.forEach(function (f, i) {\n"
        "  Plotly.newPlot('g' + i, f.data, f.layout, f.config);\n"
        "});\n",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------- callbacks


def _walk(node: Any):
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
            continue
        if item is None or isinstance(item, (str, int, float)):
            continue
        yield item
        children = getattr(item, "children", None)
        if children is not None:
            stack.append(children)


def _matches(pattern: Any, cid: Any) -> bool:
    if isinstance(pattern, str) or isinstance(cid, str) or cid is None:
        return pattern == cid
    if set(pattern) != set(cid):
        return False
    return all(isinstance(v, list) or str(v) in ("ALL", "MATCH", "ALLSMALLER")
               or v == cid[k] for k, v in pattern.items())


def _is_wild(cid: Any) -> bool:
    return isinstance(cid, dict) and any(
        isinstance(v, list) or str(v) in ("ALL", "MATCH", "ALLSMALLER") for v in cid.values())


def _click_value(component: Any) -> Any:
    """A plausible clickData for a graph: its first point, with customdata."""
    figure = getattr(component, "figure", None)
    try:
        fig = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
        trace = fig["data"][0]
        point = {"curveNumber": 0, "pointNumber": 0, "pointIndex": 0}
        for key in ("x", "y", "customdata", "text"):
            values = trace.get(key) if isinstance(trace, dict) else getattr(trace, key, None)
            if values is not None and len(values):
                point[key] = values[0] if key != "customdata" else list(values[0])
        return {"points": [point]}
    except Exception:  # noqa: BLE001 - anything odd: no click
        return None


def _prop_value(components: dict[str, Any], cid: Any, prop: str, path: str) -> Any:
    if cid in ("url", "_pages_location"):
        return {"pathname": path, "search": "", "hash": "", "href": path}.get(prop)
    comp = components.get(json.dumps(cid, sort_keys=True))
    if comp is None:
        return 1 if prop == "n_clicks" else None
    if prop in ("clickData", "hoverData"):
        return _click_value(comp)
    value = getattr(comp, prop, None)
    if prop == "n_clicks":
        return (value or 0) + 1
    if hasattr(value, "to_plotly_json"):
        return json.loads(json.dumps(value.to_plotly_json(), default=str))
    try:
        json.dumps(value)
    except TypeError:
        return None
    return value


def synthetic_payload(app, output: str, spec: dict[str, Any], layouts: dict[str, Any]
                      ) -> tuple[str, dict[str, Any]] | None:
    """A request body for ``spec`` from the components of the page that holds its inputs."""
    for path, layout in layouts.items():
        components = {}
        for node in _walk(layout):
            cid = getattr(node, "id", None)
            if cid is not None:
                components[json.dumps(cid, sort_keys=True)] = node
        ids = [d["id"] for d in spec["inputs"]]
        parsed = [json.loads(i) if i.startswith("{") else i for i in ids]

        def present(p: Any, comps: dict[str, Any] = components) -> bool:
            if p in ("url", "_pages_location"):
                return True
            if _is_wild(p):
                return any(k.startswith("{") and _matches(p, json.loads(k)) for k in comps)
            return json.dumps(p, sort_keys=True) in comps

        if not all(present(p) for p in parsed):
            continue

        def entries(deps: list[dict[str, str]], path: str = path, comps=components):
            items = []
            for dep in deps:
                cid = json.loads(dep["id"]) if dep["id"].startswith("{") else dep["id"]
                if _is_wild(cid):
                    found = [
                        {"id": json.loads(k), "property": dep["property"],
                         "value": _prop_value(comps, json.loads(k), dep["property"], path)}
                        for k in comps if k.startswith("{") and _matches(cid, json.loads(k))
                    ]
                    only_match = all(v == ["MATCH"] or not isinstance(v, list)
                                     for v in cid.values())
                    items.append(found[0] if only_match and found else found)
                else:
                    items.append({"id": cid, "property": dep["property"],
                                  "value": _prop_value(comps, cid, dep["property"], path)})
            return items

        inputs = entries(spec["inputs"])
        # MATCH outputs take the wildcard values of the concrete input ids.
        concrete: dict[str, Any] = {}
        for item in inputs:
            if isinstance(item, dict) and isinstance(item["id"], dict):
                concrete.update(item["id"])
        outputs = []
        for part in (output.strip(".").split("...") if output.startswith("..") else [output]):
            oid, _, prop = part.rpartition(".")
            cid = json.loads(oid) if oid.startswith("{") else oid
            if isinstance(cid, dict):
                cid = {k: (concrete.get(k, v) if isinstance(v, list) else v)
                       for k, v in cid.items()}
            outputs.append({"id": cid, "property": prop})
        first = inputs[0] if inputs else None
        changed = ([f"{json.dumps(first['id']) if isinstance(first['id'], dict) else first['id']}"
                    f".{first['property']}"] if isinstance(first, dict) else [])
        body = {
            "output": output,
            "outputs": outputs if output.startswith("..") else outputs[0],
            "inputs": inputs,
            "changedPropIds": changed,
            "state": entries(spec.get("state", [])),
        }
        return path, body
    return None


def page_layouts(app) -> dict[str, Any]:
    import dash

    layouts = {}
    for page in dash.page_registry.values():
        if "<" in page["path"]:
            continue
        layout = page.get("layout")
        try:
            layouts[page["path"]] = layout() if callable(layout) else layout
        except Exception as exc:  # noqa: BLE001 - report, keep benchmarking the rest
            print(f"  layout of {page['path']} failed: {exc!r}", file=sys.stderr)
    shell = app.layout() if callable(app.layout) else app.layout
    layouts = {path: [shell, layout] for path, layout in layouts.items()} or {"/": shell}
    return layouts


def callback_payloads(app, captured: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One payload per server callback: the first captured body, else a synthetic one."""
    server_cbs = {k: v for k, v in app.callback_map.items() if v.get("callback")}
    chosen: dict[str, dict[str, Any]] = {}
    for path, bodies in captured.items():
        for raw in bodies:
            body = json.loads(raw)
            out = body.get("output")
            if out in server_cbs and out not in chosen:
                chosen[out] = {"output": out, "page": path, "source": "browser", "body": body}
    layouts = page_layouts(app)
    for out, spec in server_cbs.items():
        if out in chosen:
            continue
        built = synthetic_payload(app, out, spec, layouts)
        if built is None:
            chosen[out] = {"output": out, "page": "?", "source": "none", "body": None}
        else:
            chosen[out] = {"output": out, "page": built[0], "source": "built", "body": built[1]}
    return list(chosen.values())


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def time_callbacks(base: str, payloads: list[dict[str, Any]], repeats: int) -> list[dict]:
    rows = []
    for item in payloads:
        if item["body"] is None:
            rows.append({**item, "first": None, "p50": None, "p95": None, "statuses": {},
                         "bytes": 0})
            continue
        raw = json.dumps(item["body"]).encode()
        # The first two requests land on the two workers before either has memoised the
        # answer (dashboard/server.py): they show the cost of computing it.
        first = [http_request(base, "POST", CALLBACK_PATH, raw)[2] * 1000 for _ in range(2)]
        http_request(base, "POST", CALLBACK_PATH, raw)
        times, statuses, size = [], Counter(), 0
        for _ in range(repeats):
            status, size, secs = http_request(base, "POST", CALLBACK_PATH, raw)
            times.append(secs * 1000)
            statuses[status] += 1
        rows.append({**item, "first": max(first), "p50": percentile(times, 50),
                     "p95": percentile(times, 95), "max": max(times),
                     "statuses": dict(statuses), "bytes": size})
    return rows


# --------------------------------------------------------------------------- concurrency


def concurrency(base: str, sequence: list[tuple[str, str, bytes | None]], clients: int,
                seconds: float, max_requests: int = 200_000) -> dict[str, Any]:
    """``clients`` threads repeat ``sequence`` for ``seconds``; bounded by time and count."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    count = [0]
    start_gate = threading.Event()
    deadline = [0.0]

    def client(offset: int) -> None:
        start_gate.wait()
        i = offset
        local: list[float] = []
        local_errors: Counter[str] = Counter()
        while time.monotonic() < deadline[0]:
            with lock:
                if count[0] >= max_requests:
                    break
                count[0] += 1
            method, path, body = sequence[i % len(sequence)]
            i += 1
            try:
                status, _, secs = http_request(base, method, path, body, timeout=30)
                local.append(secs * 1000)
                if status not in (200, 204, 304):
                    local_errors[f"HTTP {status}"] += 1
            except OSError as exc:
                local_errors[type(exc).__name__] += 1
        with lock:
            latencies.extend(local)
            errors.update(local_errors)

    threads = [threading.Thread(target=client, args=(n * 3,), daemon=True)
               for n in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline[0] = began + seconds
    start_gate.set()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - began
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
        "throughput": len(latencies) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
        "max": max(latencies) if latencies else float("nan"),
        "errors": sum(errors.values()), "error_kinds": dict(errors),
    }


# --------------------------------------------------------------------------- report


def fmt(value: Any, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def summarize(samples: list[dict[str, Any]]) -> dict[str, Any]:
    drawn = [s["drawn_ms"] for s in samples if s["drawn_ms"] is not None]
    return {
        "median": statistics.median(drawn) if drawn else None,
        "min": min(drawn) if drawn else None,
        "max": max(drawn) if drawn else None,
        "bytes": statistics.median([s["bytes"] for s in samples]),
        "requests": statistics.median([s["requests"] for s in samples]),
        "graphs": samples[0]["graphs"] if samples else 0,
        "fcp": statistics.median([s["fcp_ms"] or 0 for s in samples]) if samples else None,
        "script": statistics.median([s.get("script_ms", 0) for s in samples]) if samples else None,
        "task": statistics.median([s.get("task_ms", 0) for s in samples]) if samples else None,
        "n": len(drawn),
    }


def report(info: dict[str, str], meta: dict[str, Any], cold: dict[str, dict[str, Any]],
           waterfall: list[dict[str, Any]], callbacks: list[dict], load: list[dict],
           checks: list[tuple[str, bool, str]]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `benchmarks/run.py` on {meta['date']} ({meta['duration']:.0f} s run). "
        "Re-run with `.venv/bin/python benchmarks/run.py`.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in info.items()],
        f"| server | gunicorn, {meta['workers']} workers, loopback; "
        f"pages: `{meta['pages']}` |",
        f"| plotly.js | `{meta['plotly']}` |",
        "",
        "## Targets",
        "",
        "| target | result | value |",
        "| --- | --- | --- |",
        *[f"| {name} | {'PASS' if ok else 'FAIL'} | {value} |" for name, ok, value in checks],
        "",
        f"## Cold load ({meta['runs']} samples each, alternating, fresh browser profile)",
        "",
        "Time until every graph is drawn, ms since navigation start (median, min–max); "
        "bytes = CDP `encodedDataLength`, headers included.",
        "",
        "*JS* / *main thread*: CPU time the page's main thread spent running script / on all "
        "tasks (CDP `Performance.getMetrics`, median).",
        "",
        "| page | graphs | drawn median | min–max | first paint | JS | main thread | requests "
        "| bytes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in cold.items():
        lines.append(f"| {name} | {s['graphs']} | {fmt(s['median'])} ms | "
                     f"{fmt(s['min'])}–{fmt(s['max'])} | {fmt(s['fcp'])} ms | "
                     f"{fmt(s.get('script'))} ms | {fmt(s.get('task'))} ms | "
                     f"{fmt(s['requests'])} | {s['bytes'] / 1024:.0f} KiB |")
    lines += [
        "",
        "### Overview cold load: requests (one sample)",
        "",
        "| start ms | end ms | bytes | encoding | cache | request |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    t0 = waterfall[0]["start"] if waterfall else 0
    for r in waterfall:
        path = urlsplit(r["url"]).path
        path = path if len(path) <= 70 else "…" + path[-69:]
        cache = "1 year" if "max-age=31536000" in r.get("cache_control", "") else (
            r.get("cache_control") or "-")
        start, end = (r["start"] - t0) * 1000, (r.get("end", r["start"]) - t0) * 1000
        lines.append(f"| {start:.0f} | {end:.0f}"
                     f" | {r.get('bytes', 0)} | {r.get('encoding', '-')} | {cache} | "
                     f"{r['method']} `{path}` |")
    lines += [
        "",
        f"## Callbacks ({meta['repeats']} sequential requests each after 3 warm-ups)",
        "",
        "Source: `browser` = body captured from Chromium; `built` = from `app.callback_map` "
        "and the page layout. *first* = the slower of the first two requests (one per "
        "worker, before the worker has memoised that answer): the cost of computing it.",
        "",
        "| callback output | page | source | first ms | p50 ms | p95 ms | max ms | statuses "
        "| bytes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in callbacks:
        out = c["output"] if len(c["output"]) <= 60 else c["output"][:57] + "…"
        lines.append(f"| `{out}` | {c['page']} | {c['source']} | {fmt(c.get('first'), 1)} | "
                     f"{fmt(c['p50'], 1)} | "
                     f"{fmt(c['p95'], 1)} | {fmt(c.get('max'), 1)} | {c['statuses']} | "
                     f"{c['bytes']} |")
    lines += [
        "",
        "## Concurrent clients",
        "",
        "Each client repeats the requests of one browser opening the overview, in order.",
        "",
        "| scenario | clients | s | requests | req/s | p50 ms | p95 ms | max ms | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in load:
        lines.append(f"| {row['name']} ({row['sequence_len']} requests) | {row['clients']} | "
                     f"{row['seconds']} | {row['requests']} | {row['throughput']:.0f} | "
                     f"{fmt(row['p50'], 1)} | {fmt(row['p95'], 1)} | {fmt(row['max'], 1)} | "
                     f"{row['errors']} {row['error_kinds'] or ''} |")
    lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold-load samples per page")
    parser.add_argument("--repeats", type=int, default=60, help="requests per callback")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--pages-folder", type=Path, default=None,
                        help="pages folder (default: dashboard/pages; the test fixture pages "
                             "when it has none)")
    parser.add_argument("--quick", action="store_true", help="2 samples, 20 repeats, 5 s")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.repeats, args.seconds = 2, 20, 5.0

    began = time.monotonic()
    os.environ.pop("DASH_DEBUG", None)
    from dashboard.app_factory import DEFAULT_PAGES_DIR, create_app

    pages = args.pages_folder
    if pages is None and not any(p.suffix == ".py" and p.name != "__init__.py"
                                 for p in DEFAULT_PAGES_DIR.iterdir()):
        print("dashboard/pages has no page yet: using tests/fixtures/pages", file=sys.stderr)
        pages = FIXTURE_PAGES
    app = create_app(pages_folder=pages)
    app.server.test_client().get("/")  # first request: Dash registers the pages router
    import dash

    paths = sorted({p["path"] for p in dash.page_registry.values() if "<" not in p["path"]},
                   key=lambda p: (p != "/", p))
    if not paths:
        print("no pages registered", file=sys.stderr)
        return 1
    info = machine_info()
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    static_dir = Path(tempfile.mkdtemp(prefix="bench-static-"))
    server = Server(pages, static_dir, RAW_DIR / "server.log")
    try:
        base = server.base
        print(f"server {base} (pages: {pages or DEFAULT_PAGES_DIR}); pages {paths}")

        print("capture (warm browser) ...")
        cap = capture(base, paths)
        index_html = urllib_get(base + "/")
        scripts = [m for m in re.findall(r'<script src="([^"]+)"', index_html)
                   if "plotly" in m.rsplit("/", 1)[-1]]
        write_static_page(static_dir, cap["figures"], scripts)
        plotly_file = ROOT / "assets" / "vendor" / "a-plotly.min.js"
        plotly_head = plotly_file.read_text(encoding="utf-8")[:120].splitlines()
        plotly_name = next((ln.strip("/* ") for ln in plotly_head if "plotly.js" in ln), "?")
        plotly_desc = f"{plotly_name}, {plotly_file.stat().st_size / 1024:.0f} KiB raw"

        home = "/" if "/" in paths else paths[0]
        print(f"cold loads: {args.runs} x (overview, static page with "
              f"{len(cap['figures'])} figures) ...")
        overview_samples, static_samples = [], []
        for i in range(args.runs):
            overview_samples.append(cold_load(base + home))
            static_samples.append(cold_load(base + "/__bench__/static"))
            print(f"  run {i + 1}: overview {fmt(overview_samples[-1]['drawn_ms'])} ms "
                  f"{overview_samples[-1]['bytes'] / 1024:.0f} KiB | static "
                  f"{fmt(static_samples[-1]['drawn_ms'])} ms "
                  f"{static_samples[-1]['bytes'] / 1024:.0f} KiB")
        other_samples = {}
        for path in [p for p in paths if p != home]:
            other_samples[path] = [cold_load(base + path) for _ in range(max(1, args.runs // 2))]
        cold = {f"overview `{home}`": summarize(overview_samples),
                f"static plotly.js page ({len(cap['figures'])} figures)":
                    summarize(static_samples)}
        for path, samples in other_samples.items():
            cold[f"`{path}`"] = summarize(samples)
        errors = {e for s in overview_samples + static_samples for e in s["console_errors"]}
        median_sample = sorted(overview_samples, key=lambda s: s["drawn_ms"] or 1e9)[
            len(overview_samples) // 2]

        print("callbacks ...")
        payloads = callback_payloads(app, cap["posts"])
        callbacks = time_callbacks(base, payloads, args.repeats)

        print(f"{args.clients} concurrent clients x {args.seconds:.0f} s ...")
        home_requests = cap["requests"].get(home, [])
        bodies = [p["body"] for p in payloads if p["page"] == home and p["body"]]
        captured_home = [json.loads(b) for b in cap["posts"].get(home, [])]
        post_bodies = captured_home or bodies
        dynamic = [("GET", home, None), ("GET", "/_dash-layout", None),
                   ("GET", "/_dash-dependencies", None)]
        dynamic += [("POST", CALLBACK_PATH, json.dumps(b).encode()) for b in post_bodies]
        static_assets = [("GET", path, None) for method, path in home_requests
                         if method == "GET" and (path.startswith("/assets/")
                                                 or path.startswith("/_dash-component-suites/")
                                                 or path.startswith("/_favicon"))]
        load_rows = []
        for name, seq in (("returning viewer", dynamic),
                          ("first visit", dynamic + static_assets)):
            row = concurrency(base, seq, args.clients, args.seconds)
            row.update(name=name, sequence_len=len(seq))
            load_rows.append(row)
            print(f"  {name}: {row['throughput']:.0f} req/s p95 {fmt(row['p95'], 1)} ms "
                  f"errors {row['errors']}")
    finally:
        server.stop()

    ov = cold[next(k for k in cold if k.startswith("overview"))]
    st = cold[next(k for k in cold if k.startswith("static"))]
    worst_cb = max((c["p95"] for c in callbacks if c["p95"] is not None), default=None)
    returning = load_rows[0]
    checks = [
        ("overview cold load no slower than the static page",
         ov["median"] is not None and st["median"] is not None and ov["median"] <= st["median"],
         f"{fmt(ov['median'])} ms vs {fmt(st['median'])} ms"),
        ("cold load under 2 MB transferred", ov["bytes"] < TARGETS["cold_bytes"],
         f"{ov['bytes'] / 1e6:.2f} MB ({ov['bytes'] / 1024:.0f} KiB)"),
        ("every callback p95 under 50 ms (and answered 200/204)",
         worst_cb is not None and worst_cb < TARGETS["callback_p95_ms"]
         and all(c["body"] is not None and set(c["statuses"]) <= {200, 204}
                 for c in callbacks),
         f"worst p95 {fmt(worst_cb, 1)} ms over {len(callbacks)} callbacks"),
        ("20 concurrent clients: 0 errors, p95 under 300 ms",
         returning["errors"] == 0 and returning["p95"] < TARGETS["concurrent_p95_ms"],
         f"{returning['errors']} errors, p95 {fmt(returning['p95'], 1)} ms, "
         f"{returning['throughput']:.0f} req/s"),
        ("no console error during cold loads", not errors,
         "; ".join(sorted(errors))[:300] or "none"),
    ]
    meta = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "duration": time.monotonic() - began, "runs": args.runs, "repeats": args.repeats,
        "workers": 2, "pages": str(Path(pages).relative_to(ROOT) if pages else "dashboard/pages"),
        "plotly": plotly_desc,
    }
    text = report(info, meta, cold, median_sample["rows"], callbacks, load_rows, checks)
    print()
    print(text)
    (RAW_DIR / "latest.json").write_text(json.dumps({
        "meta": meta, "machine": info, "cold": cold, "checks": checks,
        "overview_samples": [{k: v for k, v in s.items() if k != "rows"}
                             for s in overview_samples],
        "static_samples": [{k: v for k, v in s.items() if k != "rows"} for s in static_samples],
        "callbacks": [{k: v for k, v in c.items() if k != "body"} for c in callbacks],
        "load": load_rows,
    }, indent=1, default=str), encoding="utf-8")
    if not args.no_write:
        kept = ""
        if RESULTS_MD.exists():
            old = RESULTS_MD.read_text(encoding="utf-8")
            if KEEP_MARKER in old:
                kept = old[old.index(KEEP_MARKER):]
        RESULTS_MD.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
        print(f"wrote {RESULTS_MD.relative_to(ROOT)}")
    return 0 if all(ok for _, ok, _ in checks) else 1


def urllib_get(url: str) -> str:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", parts.path or "/")
        return conn.getresponse().read().decode("utf-8", "replace")
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
