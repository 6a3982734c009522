"""The user-administration service (what /admin/users does), on SQLite and PostgreSQL:
only admins, every change audited with the admin's name, temporary passwords shown once and
kept nowhere in clear, sessions ended on reset and disable, the last admin kept."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard.policy import Denied
from dashboard.store.audit import history
from dashboard.store.tables import audit_log, auth_sessions, users
from dashboard.users import accounts, admin, throttle
from dashboard.users.sessions import open_session, session_user

PASSWORD = "correct horse battery"


@pytest.fixture
def people(store):
    return {name: accounts.add_user(store, name, PASSWORD, role, sectors)
            for name, role, sectors in (("boss", "admin", []), ("li", "editor", ["economy"]),
                                        ("wang", "reviewer", []))}


def _counts(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(users)).scalar_one(),
                conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


@pytest.mark.parametrize("who", ["li", "wang", None])
def test_only_an_admin_may_manage_users(store, people, who):
    actor = people[who] if who else None
    before = _counts(store)
    calls = [lambda: admin.list_accounts(store, actor),
             lambda: admin.add(store, actor, "zhao", "admin"),
             lambda: admin.set_role(store, actor, (actor or people["li"]).name, "admin"),
             lambda: admin.set_sectors(store, actor, "li", ["tourism"]),
             lambda: admin.reset_password(store, actor, "boss"),
             lambda: admin.clear_lock(store, actor, "boss"),
             lambda: admin.disable(store, actor, "boss")]
    for call in calls:
        with pytest.raises(Denied) as refused:
            call()
        assert refused.value.reason == ("signed_out" if who is None else "role")
    assert _counts(store) == before
    assert accounts.user_by_id(store, people["li"].id).sectors == ("economy",)
    assert accounts.authenticate(store, "boss", PASSWORD, "10.0.0.1") is not None


def test_an_added_user_gets_a_temporary_password_kept_only_hashed(store, people):
    user, password = admin.add(store, people["boss"], "zhao", "editor", ["tourism"])
    assert (user.name, user.role, user.sectors) == ("zhao", "editor", ("tourism",))
    accounts.check_password(password)  # the one password rule accepts it
    assert accounts.authenticate(store, "zhao", password, "10.0.0.1").name == "zhao"
    row = history(store, "user:zhao")[0]
    assert (row.actor, row.action) == ("boss", "user.add")
    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash).where(
            users.c.name == "zhao")).scalar_one()
        logged = " ".join(str(v) for r in conn.execute(select(audit_log)).all() for v in r)
    assert password not in stored and password not in logged
    assert admin.add(store, people["boss"], "qian", "editor")[1] != password


@pytest.mark.parametrize(("name", "role", "sectors", "code"), [
    ("", "editor", [], "bad_name"), (" li ", "editor", [], "bad_name"),
    ("li", "editor", [], "taken"), ("zhao", "owner", [], "role"),
    ("zhao", "editor", ["moon"], "sectors")])
def test_bad_additions_are_refused_with_a_code(store, people, name, role, sectors, code):
    before = _counts(store)
    with pytest.raises(admin.AdminError) as refused:
        admin.add(store, people["boss"], name, role, sectors)
    assert refused.value.code == code
    assert _counts(store) == before


def test_a_reset_password_works_once_shown_and_ends_the_sessions(store, people):
    token = open_session(store, people["li"])
    password = admin.reset_password(store, people["boss"], "li")
    assert session_user(store, token) is None
    assert accounts.authenticate(store, "li", PASSWORD, "10.0.0.1") is None
    assert accounts.authenticate(store, "li", password, "10.0.0.1").name == "li"
    (row,) = [r for r in history(store, "user:li") if r.action == "user.password"]
    assert (row.actor, row.action, row.new) == ("boss", "user.password", {"sessions_ended": 1})
    assert password not in repr(history(store))
    with pytest.raises(admin.AdminError) as refused:
        admin.reset_password(store, people["boss"], "nobody")
    assert refused.value.code == "no_user"


def test_disabling_ends_the_sessions_and_is_audited_with_the_reason(store, people):
    token = open_session(store, people["li"])
    admin.disable(store, people["boss"], "li", "left the office")
    assert session_user(store, token) is None
    with store.engine.connect() as conn:
        live = conn.execute(select(func.count()).where(
            auth_sessions.c.revoked_at.is_(None))).scalar_one()
    assert live == 0
    row = history(store, "user:li")[-1]
    assert (row.actor, row.action, row.reason) == ("boss", "user.disable", "left the office")
    assert ("li", False) in [(a.name, a.active) for a in admin.list_accounts(
        store, people["boss"])]
    with pytest.raises(admin.AdminError) as refused:
        admin.disable(store, people["boss"], "li")
    assert refused.value.code == "no_user"


def test_role_and_sectors_change_and_are_audited(store, people):
    admin.set_role(store, people["boss"], "wang", "admin")
    admin.set_sectors(store, people["boss"], "li", ["tourism", "trade"])
    assert accounts.user_by_id(store, people["wang"].id).role == "admin"
    assert accounts.user_by_id(store, people["li"].id).sectors == ("tourism", "trade")
    role, = [r for r in history(store, "user:wang") if r.action == "user.role"]
    assert (role.actor, role.old, role.new) == ("boss", {"role": "reviewer"},
                                                {"role": "admin"})
    sectors, = [r for r in history(store, "user:li") if r.action == "user.sectors"]
    assert (sectors.actor, sectors.new) == ("boss", {"sectors": "tourism,trade"})
    for call, code in ((lambda: admin.set_role(store, people["boss"], "li", "owner"), "role"),
                       (lambda: admin.set_sectors(store, people["boss"], "li", ["moon"]),
                        "sectors"),
                       (lambda: admin.set_role(store, people["boss"], "nobody", "admin"),
                        "no_user")):
        with pytest.raises(admin.AdminError) as refused:
            call()
        assert refused.value.code == code


def test_the_last_enabled_admin_is_neither_disabled_nor_demoted(store, people):
    boss = people["boss"]
    for call in (lambda: admin.disable(store, boss, "boss"),
                 lambda: admin.set_role(store, boss, "boss", "reviewer")):
        with pytest.raises(admin.AdminError) as refused:
            call()
        assert refused.value.code == "last_admin"
    assert accounts.user_by_id(store, boss.id).role == "admin"
    # With a second admin, either may step down; then the other is the last one.
    admin.set_role(store, boss, "wang", "admin")
    admin.set_role(store, boss, "boss", "reviewer")
    wang = accounts.user_by_id(store, people["wang"].id)
    with pytest.raises(admin.AdminError, match="last_admin"):
        admin.disable(store, wang, "wang")
    # A disabled admin does not count as one.
    admin.set_role(store, wang, "boss", "admin")
    admin.disable(store, wang, "boss")
    with pytest.raises(admin.AdminError, match="last_admin"):
        admin.set_role(store, wang, "wang", "editor")


def test_the_cli_keeps_the_last_admin_too(store, people):
    with pytest.raises(accounts.AccountError, match="^last_admin"):
        accounts.disable_user(store, "boss")


def test_clearing_a_lock_lets_the_name_sign_in_again_and_is_audited(store, people):
    for _ in range(throttle.FREE_FAILURES + 2):
        throttle.record(store, "li", "10.0.0.7", ok=False)
    assert throttle.check(store, "li", "10.0.0.7") > 0
    admin.clear_lock(store, people["boss"], "li")
    assert throttle.check(store, "li", "10.0.0.7") == 0
    row = history(store, "user:li")[-1]
    assert (row.actor, row.action) == ("boss", "user.unlock")
    with pytest.raises(admin.AdminError) as refused:
        admin.clear_lock(store, people["boss"], "nobody")
    assert refused.value.code == "no_user"


def test_a_temporary_password_follows_the_password_rule(monkeypatch):
    seen = []

    def rule(password: str) -> None:  # a stricter rule: needs a digit
        seen.append(password)
        if not any(c.isdigit() for c in password):
            raise accounts.AccountError("password: needs a digit")

    monkeypatch.setattr(accounts, "check_password", rule)
    password = admin.temporary_password()
    assert any(c.isdigit() for c in password) and seen[-1] == password
    assert not set(password) & set("0O1lI")


def test_two_admins_disabling_each_other_at_once_leave_one(store, people, monkeypatch):
    """Both pass their first read before either locks (a barrier holds them there, where
    the database lets both in): one is disabled, the other is refused as the last admin,
    never a deadlock (PostgreSQL) and never no admin at all."""
    import contextlib
    import threading

    boss = people["boss"]
    admin.set_role(store, boss, "wang", "admin")
    wang = accounts.user_by_id(store, people["wang"].id)
    barrier = threading.Barrier(2)
    original = accounts._keep_an_admin

    def together(conn, leaving):
        # SQLite: the other waits for the write lock, outside this transaction: no meeting.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)
        original(conn, leaving)

    monkeypatch.setattr(accounts, "_keep_an_admin", together)
    outcomes: dict[str, str] = {}

    def disable(actor, name):
        try:
            admin.disable(store, actor, name)
            outcomes[name] = "disabled"
        except Exception as error:  # noqa: BLE001 - the outcome is what is asserted
            outcomes[name] = getattr(error, "code", type(error).__name__)

    threads = [threading.Thread(target=disable, args=(boss, "wang")),
               threading.Thread(target=disable, args=(wang, "boss"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["disabled", "last_admin"], outcomes
    enabled = [u.name for u, active in accounts.list_users(store)
               if u.role == "admin" and active]
    assert len(enabled) == 1
