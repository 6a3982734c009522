"""Accounts, throttling, sessions and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from dashboard.store.audit import history
from dashboard.store.tables import auth_sessions, users
from dashboard.users import accounts, throttle
from dashboard.users.sessions import LIFETIME, close_session, open_session, session_user

PASSWORD = "correct horse battery"


def test_a_user_is_stored_with_a_scrypt_hash_and_audited(store):
    user = accounts.add_user(store, "li.na", PASSWORD, "editor", ["economy", "investment"])
    assert (user.role, user.sectors) == ("editor", ("economy", "investment"))
    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("scrypt:") and PASSWORD not in stored
    (row,) = history(store, "user:li.na")
    assert (row.action, row.actor) == ("user.add", "cli")
    assert row.new == {"role": "editor", "sectors": "economy,investment"}
    assert user.may_edit("economy") and not user.may_edit("tourism")


@pytest.mark.parametrize(("name", "password", "role", "sectors", "field"), [
    ("", PASSWORD, "editor", [], "name"),
    (" li", PASSWORD, "editor", [], "name"),
    ("x" * 65, PASSWORD, "editor", [], "name"),
    ("li", "short", "editor", [], "password"),
    ("li", PASSWORD, "owner", [], "role"),
    ("li", PASSWORD, "editor", ["economy", "space"], "sectors"),
])
def test_bad_values_are_refused_naming_the_field(store, name, password, role, sectors, field):
    with pytest.raises(accounts.AccountError, match=f"^{field}:"):
        accounts.add_user(store, name, password, role, sectors)
    assert accounts.list_users(store) == []


def test_a_name_is_taken_once(store):
    accounts.add_user(store, "wang", PASSWORD, "reviewer")
    with pytest.raises(accounts.AccountError, match="taken"):
        accounts.add_user(store, "wang", PASSWORD, "admin")


def test_sign_in_checks_the_password_and_throttles_failures(store):
    accounts.add_user(store, "wang", PASSWORD, "reviewer")
    assert accounts.authenticate(store, "wang", PASSWORD, "10.0.0.1").name == "wang"
    assert accounts.authenticate(store, "wang", "wrong password", "10.0.0.1") is None
    assert accounts.authenticate(store, "nobody", PASSWORD, "10.0.0.1") is None
    assert throttle.check(store, "wang", "10.0.0.1") == 0
    for _ in range(throttle.FREE_FAILURES):
        accounts.authenticate(store, "wang", "wrong password", "10.0.0.2")
    assert throttle.check(store, "wang", "10.0.0.2") > 0  # this pair waits...
    assert throttle.check(store, "wang", "10.0.0.9") == 0  # ...not the name elsewhere
    later = datetime.now(UTC) + throttle.MAX_WAIT + timedelta(seconds=1)
    assert throttle.check(store, "wang", "10.0.0.2", now=later) == 0


def test_one_password_rule_for_every_way_in(store):
    """200 characters are set and sign in; 201 are refused by the rule and never sign in
    (before, the CLI took any length and the form cut the password to 200)."""
    longest, too_long = "p" * accounts.MAX_PASSWORD, "p" * (accounts.MAX_PASSWORD + 1)
    accounts.check_password(longest)
    with pytest.raises(accounts.AccountError, match="^password: at most 200"):
        accounts.check_password(too_long)
    accounts.add_user(store, "long", longest, "editor", ["economy"])
    assert accounts.authenticate(store, "long", longest, "10.0.0.1") is not None
    with pytest.raises(accounts.AccountError, match="^password:"):
        accounts.add_user(store, "longer", too_long, "editor", ["economy"])
    with pytest.raises(accounts.AccountError, match="^password:"):
        accounts.set_password(store, "long", too_long)
    assert accounts.authenticate(store, "long", too_long, "10.0.0.1") is None
    # Counted as a browser counts maxlength: an emoji is two.
    assert accounts.password_length("😀" * 100) == 200
    with pytest.raises(accounts.AccountError, match="^password: at most"):
        accounts.check_password("😀" * 100 + "x")


def test_a_disabled_user_cannot_sign_in_and_loses_its_sessions(store):
    accounts.add_user(store, "boss", PASSWORD, "admin")  # not the last admin: may go
    user = accounts.add_user(store, "zhao", PASSWORD, "admin")
    token = open_session(store, user)
    assert session_user(store, token) == user
    accounts.disable_user(store, "zhao", reason="left")
    assert session_user(store, token) is None
    assert accounts.authenticate(store, "zhao", PASSWORD, "10.0.0.1") is None
    assert [r.action for r in history(store, "user:zhao")] == ["user.add", "user.disable"]


def test_sessions_are_random_hashed_and_end_at_sign_out_or_expiry(store):
    user = accounts.add_user(store, "sun", PASSWORD, "editor", ["tourism"])
    first, second = open_session(store, user), open_session(store, user)
    assert first != second and len(first) >= 40
    with store.engine.connect() as conn:
        hashes = set(conn.execute(select(auth_sessions.c.token_hash)).scalars())
    assert first not in hashes and len(hashes) == 2
    assert session_user(store, first) == user
    assert session_user(store, first, now=datetime.now(UTC) + LIFETIME) is None
    close_session(store, first)
    assert session_user(store, first) is None and session_user(store, second) == user
    for bad in (None, "", "x" * 500, "not-a-token"):
        assert session_user(store, bad) is None
        close_session(store, bad)  # nothing happens


def test_password_change_is_audited_without_the_password(store):
    accounts.add_user(store, "qian", PASSWORD, "editor", ["fiscal"])
    accounts.set_password(store, "qian", "another long password")
    assert accounts.authenticate(store, "qian", "another long password", "x") is not None
    rows = history(store, "user:qian")
    assert [r.action for r in rows] == ["user.add", "user.password", "user.signin"]
    assert "another long password" not in repr(rows)


def test_an_admin_assigns_sectors(store):
    accounts.add_user(store, "li", PASSWORD, "editor", ["economy"])
    accounts.set_sectors(store, "li", ["tourism", "trade"])
    ((user, active),) = accounts.list_users(store)
    assert user.sectors == ("tourism", "trade") and active
    with pytest.raises(accounts.AccountError, match="^sectors:"):
        accounts.set_sectors(store, "li", ["moon"])
    with pytest.raises(accounts.AccountError, match="^name:"):
        accounts.set_sectors(store, "nobody", ["trade"])
    assert history(store, "user:li")[-1].new == {"sectors": "tourism,trade"}
