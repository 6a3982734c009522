"""A visitor's first requests of one report, as the browser sends them, timed on a running
server: every public page opened (``/_dash-layout`` with its address as Referer), the
callbacks it fires on load, and each control switched to each value the page names first
(``warm_states``). Bodies are built with the app's own ``dashboard.answers.payloads`` from
the layouts the server returns, so they are what the renderer sends (ids, properties,
values, the id that changed, the URL the page is on).

Each request is sent once, on a new connection: the time is the first call's.
"""

from __future__ import annotations

import http.client
import json
import sys
import time
from typing import Any
from urllib.parse import urlsplit

from common import CALLBACK_PATH, percentile


def _request(base: str, method: str, path: str, body: Any = None,
             referrer: str | None = None) -> tuple[int, float, Any, str]:
    parts = urlsplit(base)
    headers = {"Accept-Encoding": "identity", "Accept": "*/*"}
    data = None
    if referrer:
        headers["Referer"] = referrer
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
        headers["Origin"] = f"{parts.scheme}://{parts.netloc}"
    start = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        secs = time.perf_counter() - start
        answer = response.getheader("X-Dashboard-Answer") or "-"
    finally:
        conn.close()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return response.status, secs * 1000, parsed, answer


def first_interactions(app: Any, base: str, report: str | None) -> list[dict[str, Any]]:
    """Rows ``{what, ms, status, answer}`` for ``report`` (None: the default report)."""
    from dashboard.answers import payloads
    from dashboard.answers.prerender import search_of, shared_pages
    from dashboard.context import current_dataset
    from dashboard.data import select_report

    specs_raw = json.loads(_get(base, "/_dash-dependencies"))
    from dashboard.answers.keys import is_shared_module
    from dashboard.answers.serve import callback_module

    specs = {s["output"]: s for s in specs_raw
             if is_shared_module(callback_module(app, s["output"]))}
    rows: list[dict[str, Any]] = []
    with app.server.test_request_context("/"):
        scoped, _ = select_report(current_dataset(), report)
        pages = shared_pages()
    for path, module in pages:
        for lang in ("zh", "en"):
            search = search_of(report, lang)
            status, ms, base_layout, answer = _request(base, "GET", "/_dash-layout",
                                                       referrer=base + path + search)
            rows.append({"what": f"view {path}{search}", "ms": ms, "status": status,
                         "answer": answer})
            if base_layout is None:
                continue
            bodies = (payloads.initial_bodies(base_layout, specs)
                      + payloads.click_bodies(base_layout, specs))
            states = getattr(module, "warm_states", None)
            with app.server.test_request_context("/"):
                wanted = states(scoped) if states else []
            for state in wanted:
                other = _request(base, "GET", "/_dash-layout",
                                 referrer=base + path + search_of(report, lang, state))[2]
                if other is not None:  # to the state, and back to the first values
                    bodies += payloads.change_bodies(base_layout, other, specs)
                    bodies += payloads.change_bodies(other, base_layout, specs, url=base_layout)
            for body in bodies:
                status, ms, _, answer = _request(base, "POST", CALLBACK_PATH, body)
                rows.append({"what": f"{body['output'][:60]} on {path}{search}", "ms": ms,
                             "status": status, "answer": answer})
    return rows


def wait_for_answers(base: str, timeout_s: float = 1800.0) -> float:
    """Seconds until every worker says the data version's answers are computed
    (``/answers.json``; the prerender runs in the background after start-up, as in
    production): the measurements below are of a server in its steady state."""
    began = time.monotonic()
    ready_in_a_row = 0
    while ready_in_a_row < 10 and time.monotonic() - began < timeout_s:
        status = json.loads(_get(base, "/answers.json"))
        ready_in_a_row = ready_in_a_row + 1 if status.get("ready") else 0
        if not ready_in_a_row:
            time.sleep(1.0)
    return time.monotonic() - began


def _get(base: str, path: str) -> str:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("GET", path)
        return conn.getresponse().read().decode()
    finally:
        conn.close()


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    times = [r["ms"] for r in rows]
    return {"requests": len(rows), "p50": percentile(times, 50), "p95": percentile(times, 95),
            "max": max(times) if times else None,
            "errors": sum(1 for r in rows if r["status"] >= 400),
            "kept": sum(1 for r in rows if r["answer"] == "kept"),
            "slowest": sorted(rows, key=lambda r: -r["ms"])[:5]}


if __name__ == "__main__":
    print("run through benchmarks/run.py", file=sys.stderr)
