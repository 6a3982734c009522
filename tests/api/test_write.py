"""Writes through the API: the /entry form's fields in JSON, the same checks, roles, four
eyes, conflicts and audit as the page (the same services), tokens checked on every request,
and requests from another site refused."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from dashboard import context
from dashboard.api.write import register as register_write
from dashboard.entries import store as entry_store
from dashboard.store.audit import history
from dashboard.users import accounts, tokens
from tests.api.conftest import GDP, SITE

ENTRIES = "/api/v1/entries"


def _create(site, who="li", fields=GDP):
    answer = site.post(ENTRIES, fields, who)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_enter_submit_approve_with_the_audit_of_the_page(site):
    made = _create(site)
    assert (made["version"], made["state"], made["flagged"]) == (1, "draft", False)
    sent = site.post(f"{ENTRIES}/{made['id']}/submit", {"version": 1}, "li")
    assert sent.status_code == 200 and sent.get_json()["state"] == "submitted"
    approved = site.post(f"{ENTRIES}/{made['id']}/approve",
                         {"version": sent.get_json()["version"]}, "wang")
    body = approved.get_json()
    assert approved.status_code == 200 and body["state"] == "approved", body
    assert "published_version" in body
    rows = history(site.store, f"entry:{made['id']}")
    assert [(r.actor, r.action) for r in rows] == [
        ("li", "entry.create"), ("li", "entry.submit"), ("wang", "entry.approve")]
    assert rows[0].new["value"] == 5.6 and rows[0].new["source"] == "县统计局半年快报"
    assert (rows[0].new["indicator_id"], rows[0].new["through_month"]) == ("gdp", 6)
    assert (rows[-1].old["state"], rows[-1].new["state"]) == ("submitted", "approved")


def test_values_as_typed_on_the_form_are_read_the_same(site):
    typed = _create(site, fields={**GDP, "year": "2025", "through_month": "6",
                                  "value": "增长5.6%"})
    assert typed["state"] == "draft"
    entry = history(site.store, f"entry:{typed['id']}")[0].new
    assert (entry["year"], entry["through_month"], entry["value"]) == (2025, 6, 5.6)


@pytest.mark.parametrize(("change", "fields"), [
    ({"year": "20x5"}, {"year"}),
    ({"year": 1999}, {"year"}),
    ({"year": "0"}, {"year"}),  # years no calendar holds were a 500
    ({"year": 10000}, {"year"}),
    ({"year": 10**30}, {"year"}),
    ({"value": "about five"}, {"value"}),
    ({"value": True}, {"value"}),
    ({"value": None}, {"value"}),
    ({"unit": "亿元"}, {"unit"}),
    ({"indicator_id": "no_such_indicator"}, {"indicator_id"}),
    ({"period_kind": "decade"}, {"period_kind"}),
    ({"through_month": 5}, {"through_month"}),
    ({"status": "guessed", "price_basis": "nominal"}, {"status", "price_basis"}),
    ({"source": ""}, {"source"}),
    ({"source": "x" * 301}, {"source"}),
    ({"comment": ["a list"]}, {"comment"}),
    ({"colour": "red"}, {"colour"}),
    ({"source": 12}, {"source"}),
    ({"year": [2025]}, {"year"}),
    ({"unit": {"$ne": ""}}, {"unit"}),
])
def test_a_bad_field_is_named_and_nothing_is_written(site, change, fields):
    before = site.counts()
    answer = site.post(ENTRIES, {**GDP, **change}, "li")
    body = answer.get_json()
    assert answer.status_code == 422 and body["error"] == "invalid", body
    assert {p["field"] for p in body["problems"]} == fields
    assert all(p["hard"] for p in body["problems"])
    assert site.counts() == before


def test_a_missing_field_is_named(site):
    fields = {k: v for k, v in GDP.items() if k not in ("measure", "status")}
    body = site.post(ENTRIES, fields, "li").get_json()
    assert {p["field"] for p in body["problems"]} >= {"measure", "status"}


def test_an_unusual_figure_needs_a_comment_and_is_then_flagged(site):
    odd = {**GDP, "value": "250%"}
    refused = site.post(ENTRIES, odd, "li")
    assert refused.status_code == 422
    assert refused.get_json()["error"] == "needs_comment"
    assert refused.get_json()["problems"] == [
        {"field": "value", "code": "outside_range", "hard": False}]
    made = _create(site, fields={**odd, "comment": "翻番：上年基数极低"})
    assert made["flagged"] is True


@pytest.mark.parametrize(("who", "step"), [
    ("wang", "create"),  # a reviewer enters nothing
    ("ma", "create"),  # another sector's editor
    ("li", "approve"),  # an editor approves nothing
    ("ma", "submit"),  # nor submits another sector's figure
])
def test_a_wrong_role_or_sector_is_403_and_writes_nothing(site, who, step):
    made = _create(site)
    version = made["version"]
    if step == "approve":
        version = site.post(f"{ENTRIES}/{made['id']}/submit", {"version": 1},
                            "li").get_json()["version"]
    before = site.counts()
    if step == "create":
        answer = site.post(ENTRIES, GDP, who)
    else:
        answer = site.post(f"{ENTRIES}/{made['id']}/{step}", {"version": version}, who)
    assert answer.status_code == 403 and answer.get_json()["error"] == "forbidden"
    assert site.counts() == before


def test_four_eyes_whoever_changed_the_value_never_approves_it(site):
    own = _create(site, "zhao")  # an admin may enter any sector's figure
    sent = site.post(f"{ENTRIES}/{own['id']}/submit", {"version": 1}, "zhao").get_json()
    refused = site.post(f"{ENTRIES}/{own['id']}/approve", {"version": sent["version"]},
                        "zhao")
    assert refused.status_code == 403 and refused.get_json()["error"] == "forbidden"
    assert entry_store_state(site, own["id"]) == "submitted"
    # The review's finding: an admin changes an editor's draft, the editor submits, the
    # same admin approves. The admin changed the value, so may not approve it.
    draft = _create(site, "li")
    zhao = accounts.User(4, "zhao", "admin", ())
    changed = entry_store.save(site.store, zhao, {**GDP, "value": "9.9%"},
                               site.client.application.extensions[
                                   "dashboard.snapshot"].current().lexicon,
                               entry_id=draft["id"], version=1)
    sent = site.post(f"{ENTRIES}/{draft['id']}/submit", {"version": changed.version}, "li")
    assert sent.status_code == 200
    refused = site.post(f"{ENTRIES}/{draft['id']}/approve",
                        {"version": sent.get_json()["version"]}, "zhao")
    assert refused.status_code == 403
    assert entry_store_state(site, draft["id"]) == "submitted"


def entry_store_state(site, entry_id: int) -> str:
    rows = [r for r in history(site.store, f"entry:{entry_id}") if r.new and "state" in r.new]
    return rows[-1].new["state"] if rows else "draft"


def test_a_stale_or_missing_version_is_refused(site):
    made = _create(site)
    path = f"{ENTRIES}/{made['id']}/submit"
    stale = site.post(path, {"version": 7}, "li")
    assert stale.status_code == 409 and stale.get_json()["error"] == "conflict"
    # Without a version the service would skip its conflict check: the API requires one.
    for body in ({}, {"version": None}, {"version": "1"}, {"version": True},
                 {"version": 0}, {"version": 2**40}, {"version": 1.0}):
        answer = site.post(path, body, "li")
        assert answer.status_code == 422, body
        assert answer.get_json()["problems"] == [
            {"field": "version", "code": "bad_version", "hard": True}]
    extra = site.post(path, {"version": 1, "state": "approved"}, "li")
    assert extra.status_code == 422 and extra.get_json()["problems"][0]["field"] == "state"
    assert site.post(path, {"version": 1}, "li").status_code == 200
    again = site.post(f"{ENTRIES}/{made['id']}/approve", {"version": 1}, "wang")
    assert again.status_code == 409  # it is at version 2 now
    assert site.post(f"{ENTRIES}/{made['id']}/submit", {"version": 2},
                     "li").status_code == 409  # submitted already: bad_state
    assert site.post(f"{ENTRIES}/999999/submit", {"version": 1}, "li").status_code == 404
    assert site.post(f"{ENTRIES}/{2**40}/submit", {"version": 1}, "li").status_code == 404


def test_no_token_a_bad_one_a_revoked_one_or_a_disabled_user_is_401(site):
    before = site.counts()
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Bearer wrd_nope"},
                    {"Authorization": f"Basic {site.tokens['li']}"},
                    {"Authorization": f"Bearer {site.tokens['li']} extra"}):
        answer = site.client.post(ENTRIES, json=GDP, headers=headers)
        assert answer.status_code in (401, 403), headers  # 403: the site's origin check
        if answer.status_code == 401:
            assert answer.headers["WWW-Authenticate"].startswith("Bearer")
            assert answer.get_json()["error"] == "unauthorized"
    assert site.client.post(f"{ENTRIES}?token={site.tokens['li']}", json=GDP,
                            headers={"Origin": SITE}).status_code == 401
    assert site.post(ENTRIES, GDP, token="wrd_" + "a" * 43,
                     headers={"Origin": SITE}).status_code == 401
    tokens.revoke_token(site.store, "li", site.token_ids["li"])
    assert site.post(ENTRIES, GDP, "li").status_code == 401
    accounts.disable_user(site.store, "ma")
    assert site.post(ENTRIES, {**GDP, "indicator_id": "tourist_arrivals"},
                     "ma").status_code == 401
    assert site.counts() == before


def test_requests_from_another_site_are_refused(site):
    before = site.counts()
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Referer": "http://evil.example/page"},
                    {"Origin": "http://localhost.evil.example"}):
        answer = site.post(ENTRIES, GDP, "li", headers=headers)
        assert answer.status_code == 403, headers
    assert site.counts() == before
    # From a page of this site, or from a script that names no origin: accepted.
    assert site.post(ENTRIES, GDP, "li", headers={"Origin": SITE}).status_code == 201
    assert site.post(ENTRIES, GDP, "li").status_code == 201


def _bare_app(site, counties) -> Flask:
    """The API's writes alone, without the site's own same-origin hook: the API's refusal
    must hold by itself."""
    server = Flask(__name__)
    context.install(server, context.SnapshotSource(counties))
    register_write(server, site.store)
    return server


def test_the_api_refuses_another_site_by_itself(site, counties):
    client = _bare_app(site, counties).test_client()
    auth = {"Authorization": f"Bearer {site.tokens['li']}"}
    for extra in ({"Origin": "http://evil.example"}, {"Referer": "https://evil.example/"},
                  {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        answer = client.post(ENTRIES, json=GDP, headers={**auth, **extra})
        assert answer.status_code == 403 and answer.get_json()["error"] == "cross_site"
    assert site.counts() == (0, 0)
    assert client.post(ENTRIES, json=GDP, headers={**auth, "Origin": SITE}).status_code == 201


@pytest.mark.parametrize(("data", "content_type", "status"), [
    (b"indicator_id=gdp", "application/x-www-form-urlencoded", 415),
    (b'{"indicator_id": "gdp"}', "text/plain", 415),
    (b"{not json", "application/json", 400),
    (b"[1, 2]", "application/json", 400),
    (b'{"value": NaN}', "application/json", 400),
    (b"\xff\xfe", "application/json", 400),
    (b"[" * 60_000, "application/json", 400),
    (b'{"comment": "' + b"x" * 70_000 + b'"}', "application/json", 413),
])
def test_a_body_that_is_not_a_small_json_object_is_refused(site, data, content_type, status):
    answer = site.client.post(ENTRIES, data=data, content_type=content_type, headers={
        "Authorization": f"Bearer {site.tokens['li']}"})
    assert answer.status_code == status and answer.mimetype == "application/json"
    assert site.counts() == (0, 0)


def test_the_token_is_never_logged(site, caplog):
    caplog.set_level(logging.DEBUG)
    made = _create(site)
    site.post(f"{ENTRIES}/{made['id']}/submit", {"version": 1}, "li")
    site.post(f"{ENTRIES}/{made['id']}/approve", {"version": 2}, "wang")
    site.post(ENTRIES, GDP, "li", headers={"Origin": "http://evil.example"})
    for token in site.tokens.values():
        assert token not in caplog.text
