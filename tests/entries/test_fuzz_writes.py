"""Tampered writes: the /entry callbacks (save and act, load for editing, bulk import) and
the sign-in routes, sent 2,000+ generated
requests with no session, with another sector's editor's session, and with a good editor's
session from another site. 0 writes, 0 tracebacks, no HTTP 500."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dashboard.app_factory import create_app
from dashboard.store.tables import audit_log, entries
from dashboard.users import accounts
from dashboard.users.sessions import open_session
from dashboard.users.web import COOKIE, _serializer
from tests.app_settings import app_settings
from tests.lanes import fuzz_budget
from tests.test_fuzz_callbacks import (
    CALLBACK_PATH,
    HOSTILE_TEXT,
    _assert_no_leak,
    _callback_errors,
    _values,
    wellformed_body,
)

# 2,000 in `make test` and plain pytest; the fast lanes set FUZZ_BUDGET lower (tests/lanes.py).
MIN_REQUESTS = fuzz_budget(2000)
ECONOMY = ["gdp", "industrial_value_added", "disposable_income"]


@pytest.fixture
def site(store, counties):
    app = create_app(app_settings(), store, snapshot=counties)
    app.server.secret_key = "fuzz-secret-key-0123456789abcdefghijklmnop"
    li = accounts.add_user(store, "li", "correct horse battery", "editor", ["economy"])
    ma = accounts.add_user(store, "ma", "correct horse battery", "editor", ["tourism"])
    cookies = {name: _serializer(app.server).dumps(open_session(store, user))
               for name, user in (("li", li), ("ma", ma))}
    return app, cookies


def _writes(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(entries)).scalar_one(),
                conn.execute(select(func.count()).where(
                    audit_log.c.action.like("entry.%"))).scalar_one())


def test_no_write_gets_through(site, store):
    app, cookies = site
    client = app.server.test_client()
    assert client.get("/entry").status_code == 200
    callbacks = {k: v for k, v in app.callback_map.items()
                 if "entry-message" in k or "entry-indicator_id.value" in k
                 or "entry-import-result" in k}
    assert len(callbacks) == 3, sorted(app.callback_map)
    sent = {"callbacks": 0, "forms": 0}
    # Who sends: nobody, another sector's editor, the right editor from another site.
    senders = [(None, "http://localhost"), ("ma", "http://localhost"),
               ("li", "http://evil.example"), ("li", None)]
    examples = math.ceil(MIN_REQUESTS / (len(callbacks) * len(senders) + 2))

    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        for who, origin in senders:
            headers = {"Origin": origin} if origin else {}
            client.delete_cookie(COOKIE)
            if who:
                client.set_cookie(COOKIE, cookies[who])
            for output, spec in callbacks.items():
                body = wellformed_body(output, spec, data.draw)
                for item in body["state"]:
                    if isinstance(item, dict) and item["id"] == "entry-indicator_id":
                        item["value"] = data.draw(st.one_of(st.sampled_from(ECONOMY),
                                                            _values()))
                body["inputs"][0] = {**body["inputs"][0], "value": 1} if isinstance(
                    body["inputs"][0], dict) else body["inputs"][0]
                response = client.post(CALLBACK_PATH, data=json.dumps(body, allow_nan=True),
                                       content_type="application/json", headers=headers)
                sent["callbacks"] += 1
                _assert_no_leak(response, output)
                # Another site (or none named) is refused before any callback runs.
                expected = (200, 204) if origin == "http://localhost" else (403,)
                assert response.status_code in expected, (output, response.status_code)
        form = data.draw(st.dictionaries(
            st.sampled_from(["name", "password", "next", "lang"]),
            # (a form body is bytes: no lone surrogates, unlike JSON)
            st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=50),
                      st.sampled_from([h for h in HOSTILE_TEXT[:10] if h != "\ud800"])),
            max_size=4))
        for path in ("/auth/signin", "/auth/signout"):
            response = client.post(path, data=form, headers={
                "Origin": data.draw(st.sampled_from(["http://evil.example", "null", ""]))})
            sent["forms"] += 1
            _assert_no_leak(response, path)
            assert response.status_code in (303, 403)

    with _callback_errors() as errors:
        run()
    assert sum(sent.values()) >= MIN_REQUESTS, sent
    assert _writes(store) == (0, 0)
    assert not errors, errors
