"""API tokens: made by ``python -m dashboard.users token NAME`` and shown once, stored as a
SHA-256 only, listed and revoked by the same command, every change audited; a revoked token
or a disabled user's is dead at once."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard.policy import Denied
from dashboard.store import open_store
from dashboard.store.audit import history
from dashboard.store.tables import api_tokens, audit_log
from dashboard.users import accounts, tokens
from dashboard.users.accounts import AccountError, User

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def _run(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DATABASE_URL=url)
    return subprocess.run([sys.executable, "-m", "dashboard.users", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def _everything_stored(store) -> str:
    with store.engine.connect() as conn:
        rows = conn.execute(select(api_tokens)).all() + conn.execute(select(audit_log)).all()
    return "\n".join(str(tuple(r)) for r in rows)


def test_token_create_list_revoke_through_the_command(tmp_path):
    url = f"sqlite:///{tmp_path / 'tokens.sqlite3'}"
    assert _run(url, "add", "li", "--role", "editor", "--sectors", "economy",
                stdin=f"{PASSWORD}\n{PASSWORD}\n").returncode == 0
    made = _run(url, "token", "li", "--label", "nightly import")
    assert made.returncode == 0, made.stderr
    heading, token = made.stdout.splitlines()
    assert heading == "token 1 for li (shown once, keep it secret):"
    assert token.startswith(tokens.PREFIX) and len(token) > 40
    second = _run(url, "token", "li").stdout.splitlines()[1]
    assert second != token
    listed = _run(url, "token", "li", "--list")
    lines = listed.stdout.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["1", "nightly import"], ["2", "api"]]
    assert all(line.endswith("\tused never\tlive") for line in lines)
    assert token not in listed.stdout + listed.stderr
    revoked = _run(url, "token", "li", "--revoke", "1")
    assert (revoked.returncode, revoked.stdout) == (0, "revoked token 1 of li\n")
    assert "\trevoked " in _run(url, "token", "li", "--list").stdout.splitlines()[0]
    again = _run(url, "token", "li", "--revoke", "1")
    assert again.returncode == 2 and again.stderr.strip() == \
        "error: token: 'li' has no live token 1"
    nobody = _run(url, "token", "nobody")
    assert nobody.returncode == 2 and "no user 'nobody'" in nobody.stderr
    store = open_store(url)
    assert tokens.token_user(store, token) is None  # revoked
    assert tokens.token_user(store, second).name == "li"
    # Only the hash is kept, and no audit row holds the token.
    stored = _everything_stored(store)
    assert token not in stored and second not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    actions = [(r.actor, r.action, r.new or r.old) for r in history(store, "user:li")
               if r.action.startswith("token.")]
    assert actions == [("cli", "token.create", {"token_id": 1, "label": "nightly import"}),
                       ("cli", "token.create", {"token_id": 2, "label": "api"}),
                       ("cli", "token.revoke", {"token_id": 1})]


def test_a_disabled_user_or_a_revoked_token_authenticates_nobody(store):
    accounts.add_user(store, "wang", PASSWORD, "reviewer", [])
    first, token = tokens.create_token(store, "wang", "a")
    _, other = tokens.create_token(store, "wang", "b")
    user = tokens.token_user(store, token)
    assert (user.name, user.role) == ("wang", "reviewer")
    for bad in ("", "wrd_" + "x" * 43, token + "x", token.upper(), " " + token, "é" * 40,
                token[:-1], "x" * 5000):
        assert tokens.token_user(store, bad) is None
    tokens.revoke_token(store, "wang", first)
    assert tokens.token_user(store, token) is None
    assert tokens.token_user(store, other) is not None
    accounts.disable_user(store, "wang")
    assert tokens.token_user(store, other) is None
    with pytest.raises(AccountError, match="disabled"):
        tokens.create_token(store, "wang")


def test_only_an_admin_manages_tokens_and_another_users_token_is_not_revoked(store):
    accounts.add_user(store, "li", PASSWORD, "editor", ["economy"])
    accounts.add_user(store, "ma", PASSWORD, "editor", ["tourism"])
    li_token_id, _ = tokens.create_token(store, "li")
    editor = User(1, "li", "editor", ("economy",))
    with pytest.raises(Denied):
        tokens.create_token(store, "li", by=editor)
    with pytest.raises(Denied):
        tokens.list_tokens(store, "li", by=editor)
    with pytest.raises(Denied):
        tokens.revoke_token(store, "li", li_token_id, by=editor)
    with pytest.raises(AccountError, match="no live token"):
        tokens.revoke_token(store, "ma", li_token_id)  # li's token, named as ma's
    assert tokens.list_tokens(store, "li")[0].revoked_at is None
    with pytest.raises(AccountError, match="label"):
        tokens.create_token(store, "li", "\x00bad")


def test_last_use_is_noted_at_most_once_a_minute(store):
    accounts.add_user(store, "li", PASSWORD, "editor", ["economy"])
    _, token = tokens.create_token(store, "li")
    start = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    tokens.token_user(store, token, now=start)
    tokens.token_user(store, token, now=start + timedelta(seconds=30))
    (info,) = tokens.list_tokens(store, "li")
    assert _utc(info.last_used_at) == start
    tokens.token_user(store, token, now=start + timedelta(minutes=2))
    (info,) = tokens.list_tokens(store, "li")
    assert _utc(info.last_used_at) == start + timedelta(minutes=2)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite: naive UTC
