"""Every server callback treats its inputs as untrusted.

Tampered requests to ``/_dash-update-component`` (generated with Hypothesis, sent with the
Flask test client to ``create_app``): wrong types, unknown values, huge strings, NaN and
infinities, hostile text, missing keys, wrong ids, malformed JSON. The callbacks are
enumerated from ``app.callback_map``, so pages added later are covered automatically.

For every response: no traceback or internal path in the body; no HTTP 500 (a well-formed
request with bad values gets a normal 200/204, a malformed one a 4xx); and the app still
serves pages and callbacks afterwards. At least 2,000 requests are sent (half by each of the
two parts, which split the callbacks between them).
"""

from __future__ import annotations

import functools
import json
import logging
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from dashboard.app_factory import create_app
from tests.app_settings import app_settings
from tests.lanes import fuzz_budget

ROOT = Path(__file__).resolve().parents[1]
CALLBACK_PATH = "/_dash-update-component"
# 2,000 in `make test` and plain pytest; the fast lanes set FUZZ_BUDGET lower (tests/lanes.py).
MIN_REQUESTS = fuzz_budget(2000)
LEAK_MARKERS = ("Traceback", 'File "', str(ROOT), "/work/", "site-packages",
                "Werkzeug Debugger")
WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")

HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "%00%2e%2e%2f",
    "\x00\x01\x7f",
    "\ud800",  # lone surrogate: valid JSON escape, not encodable as UTF-8
    "NaN",
    "' OR '1'='1",
    "{{7*7}}${7*7}",
    "中文" * 3000,
    "x" * 200_000,
    "?lang=en&lang=zh&group=<b>&sector=%ZZ&fact=../../x&year=-1e309",
    "?" + "&".join(f"k{i}=v{i}" for i in range(300)),
    "?pathname_=x&search_=y&lang=",
    "?__class__=1&__init__=2&self=3",
    "/" * 5000,
    "#" + "a" * 1000,
]
SPECIAL_NUMBERS = [math.nan, math.inf, -math.inf, 0, -1, 2**63, -(2**64), 1e308, 5e-324]


@functools.cache
def _scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(SPECIAL_NUMBERS),
        st.text(max_size=40),
        st.sampled_from(HOSTILE_TEXT),
    )


@functools.cache
def _values() -> st.SearchStrategy[Any]:
    keys = st.one_of(st.text(max_size=12),
                     st.sampled_from(["points", "customdata", "x", "y", "pointNumber",
                                      "curveNumber", "range", "id", "value", "label"]))
    return st.recursive(
        _scalars(),
        lambda children: st.one_of(st.lists(children, max_size=5),
                                   st.dictionaries(keys, children, max_size=5)),
        max_leaves=12,
    )


def _click_data() -> st.SearchStrategy[Any]:
    point = st.fixed_dictionaries(
        {},
        optional={"customdata": _values(), "x": _scalars(), "y": _scalars(),
                  "curveNumber": _scalars(), "pointNumber": _scalars()},
    )
    return st.one_of(st.fixed_dictionaries({"points": st.lists(point, max_size=3)}),
                     st.fixed_dictionaries({"points": _values()}))


def _query() -> st.SearchStrategy[str]:
    keys = st.sampled_from(["lang", "group", "sector", "year", "fact", "q", "kind", "view",
                            "indicator", "status", "page", "sort"])
    pairs = st.lists(st.tuples(keys, st.one_of(st.text(max_size=30),
                                               st.sampled_from(HOSTILE_TEXT[:10]))),
                     max_size=6)
    return pairs.map(lambda ps: "?" + "&".join(f"{k}={v}" for k, v in ps))


@functools.cache
def value_for(prop: str) -> st.SearchStrategy[Any]:
    """Bad values, with shapes that reach deeper into the callbacks for well-known props.

    Built once per prop: building a recursive strategy anew for every draw cost more time
    than the requests themselves."""
    if prop in ("clickData", "hoverData", "selectedData", "relayoutData"):
        return st.one_of(_click_data(), _values())
    if prop in ("search", "href", "hash", "pathname"):
        return st.one_of(_query(), _values())
    return _values()


# ------------------------------------------------------------------ request building


def _parse_id(raw: str) -> Any:
    return json.loads(raw) if raw.startswith("{") else raw


def _split_output(output: str) -> list[tuple[Any, str]]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    result = []
    for part in parts:
        cid, _, prop = part.rpartition(".")
        result.append((_parse_id(cid), prop))
    return result


def _concrete(cid: Any, wild: dict[str, Any]) -> Any:
    """A concrete id for a (possibly pattern-matching) declared id."""
    if not isinstance(cid, dict):
        return cid
    return {k: (wild.get(k, "x") if isinstance(v, list) and v and v[0] in WILDCARDS else v)
            for k, v in cid.items()}


def _is_multi(cid: Any) -> bool:
    return isinstance(cid, dict) and any(
        isinstance(v, list) and v and v[0] in ("ALL", "ALLSMALLER") for v in cid.values())


def wellformed_body(output: str, spec: dict[str, Any], draw: Any) -> dict[str, Any]:
    """A structurally valid request for ``output`` whose values are drawn from bad values."""
    wild_keys = {k for raw in [o for o, _ in _split_output(output)]
                 + [_parse_id(d["id"]) for d in spec["inputs"] + spec["state"]]
                 if isinstance(raw, dict) for k, v in raw.items() if isinstance(v, list)}
    wild = {k: draw(st.one_of(st.sampled_from(["growth", "gdp", "0"]), st.text(max_size=20),
                              st.integers())) for k in sorted(wild_keys)}

    def entries(deps: list[dict[str, str]]) -> list[Any]:
        items = []
        for dep in deps:
            cid = _parse_id(dep["id"])
            prop = dep["property"]
            if _is_multi(cid):
                count = draw(st.integers(min_value=0, max_value=3))
                items.append([{"id": _concrete(cid, {**wild, **{k: f"{k}{i}" for k in wild}}),
                               "property": prop, "value": draw(value_for(prop))}
                              for i in range(count)])
            else:
                items.append({"id": _concrete(cid, wild), "property": prop,
                              "value": draw(value_for(prop))})
        return items

    outputs = [{"id": _concrete(cid, wild), "property": prop}
               for cid, prop in _split_output(output)]
    inputs = entries(spec["inputs"])
    changed = [f"{json.dumps(i['id'], sort_keys=True, separators=(',', ':')) if isinstance(i['id'], dict) else i['id']}.{i['property']}"  # noqa: E501
               for i in inputs if isinstance(i, dict)]
    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": inputs,
        "changedPropIds": draw(st.one_of(st.just(changed[:1]), st.just(changed),
                                         st.just([]))),
        "state": entries(spec["state"]),
    }


def malformed_body(body: dict[str, Any], draw: Any) -> Any:
    """The same request with its structure broken in one of many ways."""
    choice = draw(st.integers(min_value=0, max_value=9))
    broken = dict(body)
    if choice == 0:
        broken.pop(draw(st.sampled_from(sorted(broken))))
    elif choice == 1:
        broken[draw(st.sampled_from(sorted(broken)))] = draw(_scalars())
    elif choice == 2:
        broken["output"] = draw(st.one_of(st.text(max_size=60),
                                          st.sampled_from(HOSTILE_TEXT[:6])))
    elif choice == 3:
        broken["inputs"] = [*body["inputs"], {"id": "x", "property": "y", "value": 1}]
    elif choice == 4:
        broken["inputs"] = [draw(_values()) for _ in body["inputs"]] or [1]
    elif choice == 5:
        broken["outputs"] = draw(_values())
    elif choice == 6:
        broken["state"] = draw(_values())
    elif choice == 7:
        broken["inputs"] = [{**e, "id": draw(_values())} if isinstance(e, dict) else e
                            for e in body["inputs"]] or [{"id": None}]
    elif choice == 8:
        return draw(_values())
    else:
        broken["changedPropIds"] = draw(_values())
    return broken


CONTENT_TYPES = ["application/json", "text/plain", "application/x-www-form-urlencoded"]
BROKEN_JSON = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"{", b'{"output": ', b"[1,2", b"\xff\xfe\x00", b"null", b"NaN",
                     b'{"output": "x"' + b" " * 10_000, b"{" * 5000 + b"}" * 5000,
                     b"[" * 100_000 + b"]" * 100_000]),
)


# ------------------------------------------------------------------ the test


def _assert_no_leak(response: Any, what: str) -> None:
    text = response.get_data(as_text=True) if response.data else ""
    for marker in LEAK_MARKERS:
        assert marker not in text, f"{what}: {marker!r} in response: {text[:300]}"


def _shown_id(cid: Any) -> str:
    """A component id for the summary; pattern-matching ids without their drawn values."""
    if not isinstance(cid, dict):
        return str(cid)
    return json.dumps({k: v for k, v in cid.items() if k in ("page", "type")}, sort_keys=True)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors: Counter[tuple[str, str]] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        kind = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else "?"
        outputs = record.args[0] if isinstance(record.args, tuple) and record.args else None
        entries = outputs if isinstance(outputs, list) else [outputs]
        names = [f"{_shown_id(o.get('id'))}.{o.get('property')}" if isinstance(o, dict)
                 else str(o) for o in entries]
        self.errors[(" ".join(str(n) for n in names)[:90], kind)] += 1


class _callback_errors:
    """Count the failures Dash's on_error handler logs, without thousands of tracebacks."""

    def __enter__(self) -> Counter[tuple[str, str]]:
        self.logger = logging.getLogger("dashboard.callbacks")
        self.handler = _Collect()
        self.saved = (self.logger.propagate, self.logger.level)
        self.logger.addHandler(self.handler)
        self.logger.propagate = False
        self.logger.setLevel(logging.ERROR)
        return self.handler.errors

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate, level = self.saved
        self.logger.setLevel(level)


@pytest.fixture(scope="module")
def app(counties):
    return create_app(app_settings(), snapshot=counties)


def _server_callbacks(app: Any) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in app.callback_map.items() if callable(v.get("callback"))}


# Two halves of the callbacks, so that the fast lane (pytest -n 2) runs them side by side.
PARTS = 2


@pytest.mark.parametrize("part", range(PARTS))
def test_callbacks_survive_tampered_requests(app, part):
    client = app.server.test_client()
    client.environ_base["HTTP_ORIGIN"] = "http://localhost"  # as a page of the site sends
    assert client.get("/").status_code == 200  # first request: Dash adds the pages router
    callbacks = _server_callbacks(app)
    assert len(callbacks) >= 5, sorted(callbacks)
    outputs = sorted(callbacks)[part::PARTS]
    sent = {"wellformed": 0, "malformed": 0, "json": 0}
    failures: dict[str, str] = {}
    # Each example sends one well-formed request per callback, plus a malformed one and a
    # broken-JSON one; enough examples to pass MIN_REQUESTS.
    examples = math.ceil(MIN_REQUESTS / PARTS / (len(outputs) + 2)) + 5

    # No shrinking: a failure reports the request as sent (shrinking these bodies through
    # the whole app takes many minutes).
    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        for output in outputs:
            body = wellformed_body(output, callbacks[output], data.draw)
            raw = json.dumps(body, allow_nan=True)
            response = client.post(CALLBACK_PATH, data=raw, content_type="application/json")
            sent["wellformed"] += 1
            _assert_no_leak(response, output)
            if response.status_code >= 500:
                failures.setdefault(output, raw[:500])
            assert response.status_code in (200, 204), (output, response.status_code,
                                                         raw[:500])
        target = data.draw(st.sampled_from(outputs))
        broken = malformed_body(wellformed_body(target, callbacks[target], data.draw),
                                data.draw)
        response = client.post(CALLBACK_PATH, data=json.dumps(broken, allow_nan=True),
                               content_type="application/json")
        sent["malformed"] += 1
        _assert_no_leak(response, f"malformed {target}")
        assert response.status_code < 500, (target, response.status_code, str(broken)[:500])
        response = client.post(CALLBACK_PATH, data=data.draw(BROKEN_JSON),
                               content_type=data.draw(st.sampled_from(CONTENT_TYPES)))
        sent["json"] += 1
        _assert_no_leak(response, "broken JSON")
        assert 400 <= response.status_code < 500, response.status_code

    with _callback_errors() as errors:
        run()
    if errors:  # handled by Dash(on_error=...): answered as no update, listed for the record
        print("\ncallbacks that raised on bad input (answered 204/no update):")
        for (output, kind), count in sorted(errors.items()):
            print(f"  {count:5d} x {kind:28s} {output}")
    assert not failures, failures
    assert sum(sent.values()) >= MIN_REQUESTS / PARTS, sent

    # Still serving: pages, the layout, and a genuine callback.
    for path in ("/", "/_dash-layout", "/_dash-dependencies", "/healthz"):
        assert client.get(path).status_code == 200, path
    footer = {"output": "site-footer-body.children",
              "outputs": {"id": "site-footer-body", "property": "children"},
              "inputs": [{"id": "lang-store", "property": "data", "value": "en"},
                         {"id": "url", "property": "search", "value": ""}],
              "changedPropIds": ["lang-store.data"], "state": []}
    response = client.post(CALLBACK_PATH, json=footer)
    assert response.status_code == 200 and "Unofficial" in response.get_data(as_text=True)


def test_every_page_url_with_hostile_query_renders(app):
    """The pages router turns query parameters into layout() keyword arguments."""
    import dash

    client = app.server.test_client()
    client.environ_base["HTTP_ORIGIN"] = "http://localhost"  # as a page of the site sends
    client.get("/")
    router = next(k for k in _server_callbacks(app) if "_pages_content" in k)
    paths = [p["path"] for p in dash.page_registry.values()] + ["/no/such/page"]
    for path in paths:
        for search in HOSTILE_TEXT[:4] + HOSTILE_TEXT[12:16]:
            body = {"output": router,
                    "outputs": [{"id": "_pages_content", "property": "children"},
                                {"id": "_pages_store", "property": "data"}],
                    "inputs": [{"id": "_pages_location", "property": "pathname",
                                "value": path},
                               {"id": "_pages_location", "property": "search",
                                "value": search if search.startswith("?") else f"?q={search}"}],
                    "changedPropIds": ["_pages_location.pathname"], "state": []}
            response = client.post(CALLBACK_PATH, json=body)
            assert response.status_code in (200, 204), (path, search[:80])
            _assert_no_leak(response, path)
