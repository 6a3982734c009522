"""The callback requests a browser sends for a page as it is laid out, built from the page's
layout JSON and the app's callback specs. Pure: no Flask, no Dash app.

Two kinds are built (``prerender.py`` sends them so their answers are kept before anyone
asks):

* :func:`initial_bodies`: the callbacks Dash fires when the page loads (those without
  ``prevent_initial_call``), with the layout's values and no changed property;
* :func:`change_bodies`: the callbacks fired when a visitor changes controls from the
  layout ``before`` to the values they have in ``after`` (the same page opened with another
  state), the URL still that of ``before``;
* :func:`click_bodies`: the callbacks fired by a first click on a button of the page (a
  download: its file is computed before anyone asks).

Callbacks with wildcard (pattern-matching) dependencies are left out: they answer clicks on
charts and cards, whose values no layout holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

Spec = Mapping[str, Any]


def components(layout: Any) -> dict[str, dict[str, Any]]:
    """The props of every component with an id in a layout's JSON, by the id's key."""
    found: dict[str, dict[str, Any]] = {}
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict):
                if props.get("id") is not None:
                    found[id_key(props["id"])] = props
                stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
    return found


def id_key(cid: Any) -> str:
    """A component id as the renderer writes it in ``changedPropIds``."""
    if isinstance(cid, dict):
        return json.dumps(cid, sort_keys=True, separators=(",", ":"))
    return str(cid)


def _parse_id(text: str) -> Any:
    return json.loads(text) if text.startswith("{") else text


def _wild(cid: Any) -> bool:
    return isinstance(cid, dict) and any(isinstance(v, list) for v in cid.values())


def _dependencies(spec: Spec, part: str) -> list[tuple[Any, str]] | None:
    deps = []
    for dep in spec.get(part) or []:
        cid = _parse_id(str(dep["id"]))
        if _wild(cid):
            return None
        deps.append((cid, str(dep["property"])))
    return deps


def _values(deps: list[tuple[Any, str]], props: Mapping[str, dict[str, Any]]
            ) -> list[dict[str, Any]] | None:
    out = []
    for cid, prop in deps:
        found = props.get(id_key(cid))
        if found is None:
            return None
        out.append({"id": cid, "property": prop, "value": found.get(prop)})
    return out


def _outputs(output: str) -> Any:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outs = []
    for part in parts:
        oid, _, prop = part.rpartition(".")
        outs.append({"id": _parse_id(oid.split("@")[0]), "property": prop.split("@")[0]})
    return outs if output.startswith("..") else outs[0]


def _body(output: str, inputs: list[dict[str, Any]], state: list[dict[str, Any]],
          changed: list[str]) -> dict[str, Any]:
    return {"output": output, "outputs": _outputs(output), "inputs": inputs,
            "changedPropIds": changed, "state": state}


def _plain(specs: Mapping[str, Spec]) -> Iterator[tuple[str, Spec, list[Any], list[Any]]]:
    for output, spec in specs.items():
        inputs, state = _dependencies(spec, "inputs"), _dependencies(spec, "state")
        if inputs and state is not None:
            yield output, spec, inputs, state


def initial_bodies(layout: Any, specs: Mapping[str, Spec]) -> list[dict[str, Any]]:
    """Bodies of the callbacks fired when ``layout`` loads (module doc)."""
    props = components(layout)
    bodies = []
    for output, spec, inputs, state in _plain(specs):
        if spec.get("prevent_initial_call"):
            continue
        ins, st = _values(inputs, props), _values(state, props)
        if ins is not None and st is not None:
            bodies.append(_body(output, ins, st, []))
    return bodies


def change_bodies(before: Any, after: Any, specs: Mapping[str, Spec],
                  url: Any = None) -> list[dict[str, Any]]:
    """Bodies of the callbacks a visitor fires by changing ``before``'s controls to the values
    they have in ``after`` (module doc), on the page opened as ``url`` (default ``before``)."""
    old, new = components(before), components(after)
    where = components(url) if url is not None else old
    bodies = []
    for output, _spec, inputs, state in _plain(specs):
        was, now = _values(inputs, old), _values(inputs, new)
        st = _values(state, where)
        if was is None or now is None or st is None or was == now:
            continue
        changed = [f"{id_key(n['id'])}.{n['property']}" for w, n in zip(was, now, strict=True)
                   if w["value"] != n["value"]]
        bodies.append(_body(output, now, st, changed))
    return bodies


def click_bodies(layout: Any, specs: Mapping[str, Spec]) -> list[dict[str, Any]]:
    """Bodies of the callbacks fired by the first click on each button of ``layout``."""
    props = components(layout)
    bodies = []
    for output, _spec, inputs, state in _plain(specs):
        ins, st = _values(inputs, props), _values(state, props)
        if ins is None or st is None:
            continue
        for n, item in enumerate(ins):
            if item["property"] != "n_clicks":
                continue
            clicked = [dict(d) for d in ins]
            clicked[n]["value"] = (item["value"] or 0) + 1
            bodies.append(_body(output, clicked, st, [f"{id_key(item['id'])}.n_clicks"]))
    return bodies
