"""Shared answers are computed once per data version and served as kept bytes; personal
pages and callbacks never are."""

from __future__ import annotations

import gzip
import json

from dashboard import web_settings
from dashboard.answers import serve
from dashboard.answers.payloads import components
from dashboard.answers.prerender import own_origin, prerender, reports_in_order, search_of
from dashboard.context import source_of
from dashboard.web_settings import Origin, WebSettings

HOST = "http://localhost"


def _layout(client, address, encoding="gzip"):
    return client.get("/_dash-layout",
                      headers={"Referer": HOST + address, "Accept-Encoding": encoding})


def _json(response):
    data = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return json.loads(data)


def test_a_page_view_is_computed_once_then_served_as_kept_bytes(app_with, counties):
    client = app_with(counties).server.test_client()
    first = _layout(client, "/economy?lang=en")
    assert first.status_code == 200 and first.headers[serve.HEADER] == "computed"
    again = _layout(client, "/economy?lang=en")
    assert again.headers[serve.HEADER] == "kept"
    assert again.headers["Content-Encoding"] == "gzip"
    assert _json(again) == _json(first)
    plain = _layout(client, "/economy?lang=en", encoding="identity")
    assert plain.headers[serve.HEADER] == "kept" and "Content-Encoding" not in plain.headers
    assert json.loads(plain.get_data()) == _json(first)
    # Another address is another answer.
    assert _layout(client, "/economy").headers[serve.HEADER] == "computed"


def test_personal_pages_and_unknown_addresses_are_never_kept(app_with, counties):
    client = app_with(counties).server.test_client()
    for address in ("/entry", "/upload", "/admin/users", "/signin", "/no-such-page"):
        for _ in range(2):
            assert serve.HEADER not in _layout(client, address).headers, address
    assert serve.HEADER not in client.get("/_dash-layout").headers  # no Referer


ECONOMY = '..economy-content.children...{"page":"economy","type":"url-state"}.data..'
OVERVIEW = '..overview-content.children...{"page":"overview","type":"url-state"}.data..'


def _outputs(page):
    return [{"id": f"{page}-content", "property": "children"},
            {"id": {"page": page, "type": "url-state"}, "property": "data"}]


def _economy_body(search):
    return {"output": ECONOMY, "outputs": _outputs("economy"),
            "changedPropIds": ["economy-indicators.value"],
            "inputs": [{"id": "economy-indicators", "property": "value", "value": ["gdp"]}],
            "state": [{"id": "url", "property": "search", "value": search}]}


def _overview_change(search):
    return {"output": OVERVIEW, "outputs": _outputs("overview"),
            "changedPropIds": ["overview-group.value"],
            "inputs": [{"id": "overview-group", "property": "value", "value": "economy"}],
            "state": [{"id": "url", "property": "search", "value": search}]}


def test_a_shared_callback_is_kept_and_the_same_answer_served(app_with, counties):
    client = app_with(counties).server.test_client()
    headers = {"Origin": HOST, "Accept-Encoding": "gzip"}
    first = client.post("/_dash-update-component", json=_economy_body("?lang=en"),
                        headers=headers)
    assert first.status_code == 200 and first.headers[serve.HEADER] == "computed"
    again = client.post("/_dash-update-component", json=_economy_body("?lang=en"),
                        headers=headers)
    assert again.headers[serve.HEADER] == "kept" and _json(again) == _json(first)


def test_a_refused_request_finds_nothing_kept(app_with, counties):
    client = app_with(counties).server.test_client()
    body = _economy_body("")
    client.post("/_dash-update-component", json=body, headers={"Origin": HOST})
    refused = client.post("/_dash-update-component", json=body,
                          headers={"Origin": "http://elsewhere.example"})
    assert refused.status_code == 403 and serve.HEADER not in refused.headers


def test_a_new_data_version_never_gets_an_older_ones_answer(app_with, counties, luming):
    app = app_with(counties)
    client = app.server.test_client()
    _layout(client, "/economy")
    assert _layout(client, "/economy").headers[serve.HEADER] == "kept"
    source_of(app.server).replace(luming)  # a new version, published while serving
    fresh = _layout(client, "/economy")
    assert luming.version != counties.version
    assert fresh.headers[serve.HEADER] == "computed"


def test_prerender_keeps_every_public_view_of_the_reports_it_is_given(app_with, counties):
    app = app_with(counties)
    reports = reports_in_order(counties)
    assert reports[0] is None and len(reports) == len(counties.everything.reports)
    assert prerender(app, counties, reports=2) > 0  # the default report and the newest other
    client = app.server.test_client()
    for report in reports[:2]:
        for lang in ("zh", "en"):
            for path in ("/", "/economy", "/targets", "/data", "/report", "/compare"):
                response = _layout(client, path + search_of(report, lang))
                assert response.headers[serve.HEADER] == "kept", (report, lang, path)
    # A control's first change, to a value the page names in warm_states, is kept too.
    answered = client.post("/_dash-update-component", headers={"Origin": HOST},
                           json=_overview_change(""))
    assert answered.status_code == 200
    assert answered.headers[serve.HEADER] == "kept"
    # /targets names its first filters: one status, or one sector, and back to no filter
    # (the body the callback check of benchmarks/run.py sends).
    layout = _json(_layout(client, "/targets"))
    sectors = [o["value"] for o in components(layout)["targets-sector"]["options"]]
    assert sectors
    for body in (_targets_filter(layout, [], ["behind"], "targets-status.value"),
                 _targets_filter(layout, [], [], "targets-status.value"),
                 _targets_filter(layout, [sectors[-1]], [], "targets-sector.value"),
                 _targets_filter(layout, [], [], "targets-sector.value")):
        answered = client.post("/_dash-update-component", headers={"Origin": HOST}, json=body)
        assert answered.status_code == 200
        assert answered.headers[serve.HEADER] == "kept", body["inputs"]


def test_prerender_asks_from_the_configured_origin(app_with, counties):
    """Behind DASHBOARD_ORIGIN the same-origin check refuses localhost: the prerender asks
    as a browser on that origin does, so its callbacks are answered and kept."""
    app = app_with(counties)
    origin = Origin("https", "dash.example.org", 443)
    web_settings.install(app.server, WebSettings(origins=(origin,)))
    assert own_origin(app) == "https://dash.example.org"
    prerender(app, counties, reports=1)
    client = app.server.test_client()
    answered = client.post(
        "/_dash-update-component", base_url="https://dash.example.org",
        headers={"Origin": "https://dash.example.org"}, json=_overview_change(""))
    assert answered.headers[serve.HEADER] == "kept"


TARGETS = "..targets-groups.children...targets-empty.className...targets-count.children.."


def _targets_filter(layout, sectors, statuses, changed):
    """The body a browser sends when a /targets filter changes (values from the layout)."""
    props = components(layout)

    def value(cid, prop):
        return {"id": cid, "property": prop, "value": props[cid].get(prop)}

    return {"output": TARGETS, "outputs": [
        {"id": "targets-groups", "property": "children"},
        {"id": "targets-empty", "property": "className"},
        {"id": "targets-count", "property": "children"}],
        "changedPropIds": [changed],
        "inputs": [{"id": "targets-sector", "property": "value", "value": sectors},
                   {"id": "targets-status", "property": "value", "value": statuses}],
        "state": [value("targets-year", "data"), value("targets-report", "data"),
                  {"id": "url", "property": "search", "value": ""}]}
