"""Replaying every server callback: payloads from the browser or built from the layout."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

from common import CALLBACK_PATH, http_request, percentile

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
    # Layouts read the request's data snapshot (dashboard/context.py).
    with app.server.test_request_context("/"):
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


