"""Tampered requests to /admin/users' callbacks (show, pick, act): 2,000+ generated requests
with random values, as nobody, an editor, a reviewer, an admin from another site and an
admin. No request by anyone but the admin on this site writes (users, audit log and sign-in
attempts unchanged, every user row the same), none answers 500 or leaks a traceback, none
raises inside a callback, and no answer but an admin's names a user."""

from __future__ import annotations

import itertools
import json
import math
import random

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dashboard.app_factory import create_app
from dashboard.store import open_store
from dashboard.store.tables import audit_log, signin_attempts, users
from dashboard.users import accounts
from dashboard.users.sessions import open_session
from dashboard.users.web import COOKIE, _serializer
from tests.app_settings import app_settings
from tests.test_fuzz_callbacks import (
    CALLBACK_PATH,
    HOSTILE_TEXT,
    _assert_no_leak,
    _callback_errors,
    wellformed_body,
)

MIN_REQUESTS = 2000
PASSWORD = "correct horse battery"
BUTTONS = ["admin-add", "admin-save-role", "admin-save-sectors", "admin-reset",
           "admin-unlock", "admin-disable"]
# (who, Origin): the admin on this site is the only sender allowed to write.
SENDERS = [(None, "http://localhost"), ("li", "http://localhost"),
           ("wang", "http://localhost"), ("boss", "http://evil.example"), ("boss", None),
           ("boss", "http://localhost")]
WRITER = ("boss", "http://localhost")
# Meaningful values mixed into the random ones, so that requests reach the service.
STATES = {
    "admin-new-name": ["zhao", "qian", "li", "boss", " x", "x" * 70, "孙"],
    "admin-new-role": ["editor", "reviewer", "admin", "owner"],
    "admin-new-sectors": [[], ["economy"], ["moon"], "economy"],
    "admin-role": ["editor", "reviewer", "admin", "owner"],
    "admin-sectors": [[], ["tourism", "trade"], ["moon"]],
    "admin-reason": ["", "left", HOSTILE_TEXT[0]],
}
# The admin's requests never touch the senders (a reset or disable would end their
# sessions); everyone else's aim at them all.
TARGETS = {True: ["zhao", "qian", "nobody"], False: ["boss", "li", "wang", "zhao"]}


@pytest.fixture
def site(counties, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'fuzz.sqlite3'}")
    app = create_app(app_settings(), store, snapshot=counties)
    app.server.secret_key = "fuzz-secret-key-admin-0123456789abcdefghij"
    people = {name: accounts.add_user(store, name, PASSWORD, role, sectors)
              for name, role, sectors in (("boss", "admin", []), ("li", "editor", ["economy"]),
                                          ("wang", "reviewer", []), ("zhao", "editor", []))}
    cookies = {name: _serializer(app.server).dumps(open_session(store, people[name]))
               for name in ("boss", "li", "wang")}
    yield app, store, cookies
    store.engine.dispose()


def _state(store) -> tuple:
    """Everything a write would change: counts and every user row."""
    with store.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(audit_log)).scalar_one(),
                conn.execute(select(func.count()).select_from(signin_attempts)).scalar_one(),
                tuple(tuple(r) for r in conn.execute(select(users).order_by(users.c.id))))


def _aim(body: dict, writer: bool, rng: random.Random, clicks: itertools.count) -> None:
    """Make the request reach deeper: one button clicked (each in turn), plausible form
    values. (Chosen by ``rng``, not Hypothesis, which favours the first choice.)"""
    if body["output"].startswith("..admin-users-message"):
        button = BUTTONS[next(clicks) % len(BUTTONS)]
        for item in body["inputs"]:
            if isinstance(item, dict) and item["id"] == button:
                item["value"] = rng.choice([1, 2, 7])
        if rng.random() < 0.8:
            body["changedPropIds"] = [f"{button}.n_clicks"]
    for item in [*body["inputs"], *body["state"]]:
        if not isinstance(item, dict) or rng.random() < (0.1 if writer else 0.3):
            continue  # keep the random value
        if item["id"] in STATES:
            item["value"] = rng.choice(STATES[item["id"]])
        elif item["id"] == "admin-target":
            item["value"] = rng.choice(TARGETS[writer])
        elif item["id"] == "url":
            item["value"] = rng.choice(["?lang=zh", "?lang=en", ""])


def test_no_write_but_the_admins_gets_through(site):
    app, store, cookies = site
    client = app.server.test_client()
    assert client.get("/admin/users").status_code == 200
    callbacks = {k: v for k, v in app.callback_map.items()
                 if "admin-users-message" in k or "admin-users-who" in k
                 or "admin-role.value" in k}
    assert len(callbacks) == 3, sorted(app.callback_map)
    sent = {"refused": 0, "admin": 0}
    rng = random.Random(23)
    clicks = {True: itertools.count(), False: itertools.count()}
    examples = math.ceil(MIN_REQUESTS / (len(callbacks) * len(SENDERS)))

    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        for who, origin in SENDERS:
            writer = (who, origin) == WRITER
            client.delete_cookie(COOKIE)
            if who:
                client.set_cookie(COOKIE, cookies[who])
            for output, spec in callbacks.items():
                body = wellformed_body(output, spec, data.draw)
                _aim(body, writer, rng, clicks[writer])
                before = None if writer else _state(store)
                response = client.post(CALLBACK_PATH, data=json.dumps(body, allow_nan=True),
                                       content_type="application/json",
                                       headers={"Origin": origin} if origin else {})
                sent["admin" if writer else "refused"] += 1
                _assert_no_leak(response, output)
                # Another site's write may be refused before the callback (403), or by it.
                cross_site = origin != "http://localhost"
                assert response.status_code in ((200, 204, 403) if cross_site else (200, 204)
                                                ), (output, response.status_code)
                if not writer:
                    assert _state(store) == before, (who, origin, output, body)
                    if who in (None, "li", "wang"):  # no names of users in the answer
                        answer = response.get_data(as_text=True)
                        assert '"zhao"' not in answer and '"boss"' not in answer, answer[:300]

    with _callback_errors() as errors:
        run()
    assert sum(sent.values()) >= MIN_REQUESTS, sent
    assert not errors, errors
    with store.engine.connect() as conn:  # the admin's requests did write: they reach
        actions = {r for (r,) in conn.execute(select(audit_log.c.action))}
    assert {"user.add", "user.role", "user.sectors", "user.password", "user.unlock",
            "user.disable"} <= actions, actions
