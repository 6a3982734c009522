"""Reading the audit log for a person asks the policy (audit.read) inside the audit service:
only admins, whether through ``/auth/audit.csv`` or calling the service directly."""

from __future__ import annotations

import pytest

from dashboard.app_factory import create_app
from dashboard.policy import Denied
from dashboard.store import audit
from dashboard.users import accounts
from dashboard.users.accounts import User
from dashboard.users.web import AUDIT_PATH, register
from tests.app_settings import app_settings

PASSWORD = "correct horse battery"


@pytest.mark.parametrize(("user", "reason"), [
    (None, "signed_out"),
    (User(1, "li", "editor", ("economy",)), "role"),
    (User(2, "wang", "reviewer", ()), "role"),
    (User(3, "x", "superuser", ()), "role"),  # not a role the policy knows
])
def test_only_admins_read_the_audit_log(store, user, reason):
    with store.engine.begin() as conn:
        audit.record(conn, "zhao", "user.add", "user:li", new={"role": "editor"})
    with pytest.raises(Denied) as refused:
        audit.history_for(store, user)
    assert refused.value.reason == reason
    with pytest.raises(Denied):
        audit.history_for(store, user, "user:li")
    admin = User(4, "zhao", "admin", ())
    assert [r.subject for r in audit.history_for(store, admin)] == ["user:li"]
    assert audit.history_for(store, admin, "user:ma") == []


def test_a_reviewer_gets_no_audit_download(tmp_path, counties):
    from dashboard.store import open_store
    store = open_store(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    accounts.add_user(store, "wang", PASSWORD, "reviewer")
    app = create_app(app_settings(), snapshot=counties)
    app.server.secret_key = "test-secret-key-for-the-audit-tests-0123456789"
    register(app.server, store)
    client = app.server.test_client()
    signed = client.post("/auth/signin", data={"name": "wang", "password": PASSWORD},
                         headers={"Origin": "http://localhost"})
    assert signed.status_code == 303 and signed.location == "/"
    response = client.get(AUDIT_PATH)
    assert response.status_code == 403 and b"user.add" not in response.data
